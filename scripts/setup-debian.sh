#!/usr/bin/env bash
# Installs the Debian 12 packages the kiosk needs to build, run and be
# tested: GStreamer (films), ALSA (sound), Vulkan on Mesa (the window on a
# machine without a GPU), fonts, Xvfb and screenshot tools (headless tests),
# and PostgreSQL's server binaries (the hub's tests start throwaway
# clusters from them; no server needs to run), OpenSSL's command line (a
# TLS hub with its own CA in the tests), systemd's analyzer (the units'
# checks), and Chromium with its WebDriver (the web console's browser
# tests; libssl-dev for the WebDriver client's TLS), Python's aiosmtpd
# (a real SMTP server for the tests of the visitor's mail), patch (the
# check that the vendored renderer is its release plus our patch), and
# sqlite3 (scripts/sqlx-prepare.sh makes a store from the migrations).
# Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(
  build-essential pkg-config
  libasound2-dev libxkbcommon-dev libfontconfig1-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-libav
  mesa-vulkan-drivers libvulkan1
  fonts-noto-core
  xvfb xdotool imagemagick
  postgresql
  openssl systemd
  chromium chromium-driver libssl-dev
  python3-aiosmtpd
  patch
  sqlite3
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
