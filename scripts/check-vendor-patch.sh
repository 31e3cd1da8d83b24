#!/usr/bin/env bash
# Checks that vendor/iced_tiny_skia.patch is exactly the difference between
# iced_tiny_skia 0.14.1 as published and the vendored source: the patch,
# taken back out of the vendored source (no fuzz), must give the published
# files, whose SHA-256 sums vendor/iced_tiny_skia-0.14.1.sha256 lists (made
# from https://static.crates.io/crates/iced_tiny_skia/iced_tiny_skia-0.14.1.crate).
# So the patch docs/development.md tells you to re-apply after an upgrade is the one
# that was tested. Needs no network.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r vendor/iced_tiny_skia/src "$work/src"
(cd "$work" && patch --quiet -R -p1 --fuzz=0 --no-backup-if-mismatch < "$OLDPWD/vendor/iced_tiny_skia.patch") || {
  echo "vendor/iced_tiny_skia.patch does not come out of the vendored source cleanly: regenerate it (vendor/iced_tiny_skia/PATCH.md)" >&2
  exit 1
}
# Files the patch adds are gone now; every published file must be back.
find "$work/src" -type f -empty -delete
(cd "$work" && sha256sum --quiet --strict -c "$OLDPWD/vendor/iced_tiny_skia-0.14.1.sha256") || {
  echo "vendor/iced_tiny_skia differs from 0.14.1 + vendor/iced_tiny_skia.patch: regenerate the patch (vendor/iced_tiny_skia/PATCH.md)" >&2
  exit 1
}
listed="$(wc -l < vendor/iced_tiny_skia-0.14.1.sha256)"
present="$(find "$work/src" -type f | wc -l)"
if [ "$listed" != "$present" ]; then
  echo "vendor/iced_tiny_skia has files that neither 0.14.1 nor the patch has ($present files, $listed published)" >&2
  exit 1
fi
echo "vendor/iced_tiny_skia = iced_tiny_skia 0.14.1 + vendor/iced_tiny_skia.patch"
