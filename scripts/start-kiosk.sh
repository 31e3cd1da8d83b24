#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and starts the kiosk fullscreen on the
# demo content pack. Extra arguments go to the kiosk, e.g. --windowed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
cargo run --release -- "$@"
