#!/usr/bin/env bash
# Installs city-hub as a sandboxed system service under its own user: it
# writes only its blob folder, settings in /etc/city-hub/env (owner-only:
# the database password). Put a TLS reverse proxy in front of it.
#
#   scripts/install-hub.sh                        # build, install, enable
#   scripts/install-hub.sh --binary FILE          # install a built binary
#   scripts/install-hub.sh --root DIR --no-apt --no-user   # stage into DIR
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/install-options.sh

if [ -z "$binary" ]; then
  scripts/setup-debian.sh
  cargo build --release --locked -p city-hub
  binary=target/release/city-hub
fi

if [ "$apt" = 1 ]; then
  # `publish` decodes every film and audio guide with the kiosk's rules.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-libav
fi

install -D -m 0755 "$binary" "$root/usr/local/bin/city-hub"
install -D -m 0644 deploy/hub/city-hub.service "$root/etc/systemd/system/city-hub.service"
install -D -m 0644 README.md "$root/usr/local/share/doc/city-hub/README.md"
install -D -m 0644 -t "$root/usr/local/share/doc/city-hub/docs" docs/*.md
if [ ! -e "$root/etc/city-hub/env" ]; then
  install -D -m 0600 deploy/hub/env.example "$root/etc/city-hub/env"
fi
install -d -m 0750 "$root/var/lib/city-hub"
install -d -m 0755 "$root/var/lib/city-hub/blobs"

if [ "$user" = 1 ]; then
  id city-hub >/dev/null 2>&1 || useradd --system --home-dir /var/lib/city-hub --shell /usr/sbin/nologin city-hub
  chown -R city-hub:city-hub "$root/var/lib/city-hub"
  systemctl daemon-reload
  systemctl enable city-hub.service
fi
echo "installed; set DATABASE_URL in $root/etc/city-hub/env, then: systemctl start city-hub"
