#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs every test of the workspace
# and of the patched renderer in vendor/:
# real files, real processes, a real X server (Xvfb) for window tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh

# Window tests need an X server; start a private one unless one is given.
if [ -z "${DISPLAY:-}" ]; then
  for number in $(seq 90 120); do
    if [ ! -e "/tmp/.X11-unix/X$number" ] && [ ! -e "/tmp/.X$number-lock" ]; then
      Xvfb ":$number" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
      xvfb_pid=$!
      trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
      export DISPLAY=":$number"
      break
    fi
  done
fi
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
# UI tests draw with the software renderer: the same pixels on every machine.
export ICED_TEST_BACKEND=tiny-skia

# The vendored renderer is iced_tiny_skia 0.14.1 plus exactly the patch
# its PATCH.md describes (no network needed).
scripts/check-vendor-patch.sh
cargo test --workspace --locked
# The patched software renderer's own tests (vendor/iced_tiny_skia is not a
# workspace member; its quick ways of drawing are checked against
# tiny-skia itself there).
cargo test --locked -p iced_tiny_skia --lib
