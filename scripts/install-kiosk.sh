#!/usr/bin/env bash
# Turns a Debian 12 PC into a kiosk that boots into the City Cooperation
# kiosk and keeps it running: LightDM logs the `kiosk` user in, its X
# session never blanks, and a systemd user unit restarts the kiosk when it
# crashes or its screen freezes (watchdog). Leads live in
# /var/lib/city-kiosk (owner-only), the settings in /etc/city-kiosk.
#
#   scripts/install-kiosk.sh                      # build, install, enable
#   scripts/install-kiosk.sh --binary FILE        # install a built binary
#   scripts/install-kiosk.sh --root DIR --no-apt --no-user   # stage into DIR
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/install-options.sh

if [ -z "$binary" ]; then
  scripts/setup-debian.sh
  cargo build --release --locked --bin city-kiosk
  binary=target/release/city-kiosk
fi
if [ "$apt" = 1 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    lightdm xserver-xorg x11-xserver-utils dbus-user-session
fi

install -D -m 0755 "$binary" "$root/usr/local/bin/city-kiosk"
install -D -m 0755 deploy/kiosk/session "$root/usr/local/lib/city-kiosk/session"
install -D -m 0644 deploy/kiosk/city-kiosk.desktop "$root/usr/share/xsessions/city-kiosk.desktop"
install -D -m 0644 deploy/kiosk/lightdm.conf "$root/etc/lightdm/lightdm.conf.d/50-city-kiosk.conf"
install -D -m 0644 deploy/kiosk/city-kiosk.service "$root/etc/systemd/user/city-kiosk.service"
mkdir -p "$root/etc/systemd/user/default.target.wants"
ln -sfn ../city-kiosk.service "$root/etc/systemd/user/default.target.wants/city-kiosk.service"
install -D -m 0644 README.md "$root/usr/local/share/doc/city-kiosk/README.md"
install -D -m 0644 -t "$root/usr/local/share/doc/city-kiosk/docs" docs/*.md

# The content pack the kiosk starts with; the hub replaces it in the data folder.
media="$root/usr/local/share/city-kiosk/media"
rm -rf "$media"
mkdir -p "$media"
cp -R media/. "$media/"
find "$media" -type d -exec chmod 0755 {} +
find "$media" -type f -exec chmod 0644 {} +

# The settings: kept if there are some (they hold the hub token and PIN).
config="$root/etc/city-kiosk/kiosk.toml"
if [ ! -e "$config" ]; then
  install -d -m 0750 "$root/etc/city-kiosk"
  sed -e 's|^dir = "../media"|dir = "/usr/local/share/city-kiosk/media"|' \
      -e 's|^dir = "../data"|dir = "/var/lib/city-kiosk"|' \
      kiosk-config/kiosk.toml > "$config"
  chmod 0640 "$config"
fi
install -d -m 0700 "$root/var/lib/city-kiosk"

if [ "$user" = 1 ]; then
  id kiosk >/dev/null 2>&1 || useradd --create-home --shell /bin/bash --comment "City Cooperation kiosk" kiosk
  passwd --lock kiosk >/dev/null
  chown -R kiosk:kiosk "$root/var/lib/city-kiosk"
  chown root:kiosk "$root/etc/city-kiosk" "$config"
  systemctl enable lightdm.service >/dev/null 2>&1 || true
fi
echo "installed; edit $config (kiosk id, venue, PIN hash, [hub]) and reboot"
