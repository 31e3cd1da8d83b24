#!/usr/bin/env bash
# Fuzzes the parsers that read the outside world with cargo fuzz (libFuzzer
# with AddressSanitizer): the content pack's files, the configuration, the
# sync protocol's wire types and the CSV writer (fuzz/fuzz_targets/).
#
#   scripts/fuzz.sh                 # every target for 10 minutes
#   scripts/fuzz.sh 60 wire csv     # these targets for 60 s each
#
# A crash stops the run and is left in fuzz/artifacts/TARGET/; copy it into
# fuzz/regressions/TARGET/ so that `cargo test` replays it for ever
# (core/tests/core/fuzz.rs). The first build takes about 9 minutes.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(pack_files subtitles config wire csv)
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# cargo fuzz passes flags only a nightly compiler takes; the stable one
# takes them too when told it is building itself.
export RUSTC_BOOTSTRAP=1

for target in "${targets[@]}"; do
  mkdir -p "corpus/$target" "regressions/$target"
  echo "== $target, $seconds s"
  cargo fuzz run -O "$target" "corpus/$target" "seeds/$target" "regressions/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    2> "corpus/$target.log" || { tail -40 "corpus/$target.log"; exit 1; }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov:" "corpus/$target.log" | tail -3
done
