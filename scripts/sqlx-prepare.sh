#!/usr/bin/env bash
# Regenerates sqlx's offline query data (.sqlx/, one file per query of
# the kiosk's SQLite store and of the hub's PostgreSQL) after a query or a
# migration changed. Builds need no database: they read these files
# (SQLX_OFFLINE=true in .cargo/config.toml), and the tests check that
# every file still describes its query as the migrations have it.
#
# Starts a throwaway PostgreSQL from the installed server binaries and
# a SQLite file, applies the migrations to both, and builds the two crates
# with their query macros asking the databases. Needs no sqlx-cli.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
work="$(mktemp -d)"
chmod 0777 "$work"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  as_owner=(runuser -u postgres --)
fi
port=$((20000 + RANDOM % 20000))
cleanup() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true
  rm -f core/.env hub/.env
  rm -rf "$work"
}
trap cleanup EXIT

"${as_owner[@]}" "$bin/initdb" -D "$work/pg" -U postgres -A trust --no-sync -E UTF8 --locale=C >/dev/null
"${as_owner[@]}" "$bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
  -o "-k $work -p $port -h 127.0.0.1 -c fsync=off" start >/dev/null
"$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres hub
hub_url="postgres://postgres@127.0.0.1:$port/hub"
for migration in hub/migrations/*.sql; do
  psql -q -v ON_ERROR_STOP=1 "$hub_url" -f "$migration" >/dev/null
done

sqlite="$work/kiosk.sqlite"
for migration in core/migrations/*.sql; do
  sqlite3 "$sqlite" < "$migration"
done

rm -rf .sqlx
mkdir .sqlx
# Each crate's own database, read by its query macros from its .env (the
# environment's DATABASE_URL would win: it is unset here).
printf 'DATABASE_URL=sqlite://%s\n' "$sqlite" > core/.env
printf 'DATABASE_URL=%s\n' "$hub_url" > hub/.env
# A macro's environment is not part of cargo's fingerprint: touch the
# crates so that their queries are expanded again.
touch core/src/lib.rs hub/src/lib.rs hub/src/main.rs
env -u DATABASE_URL SQLX_OFFLINE=false SQLX_OFFLINE_DIR="$PWD/.sqlx" \
  cargo test --workspace --locked --benches --examples --no-run
echo ".sqlx: $(grep -l '"SQLite"' .sqlx/* | wc -l) queries of the kiosk's store, $(grep -l '"PostgreSQL"' .sqlx/* | wc -l) of the hub"
