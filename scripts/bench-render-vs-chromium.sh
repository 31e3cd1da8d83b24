#!/usr/bin/env bash
# Process start to a 1920x1080 PNG of the home screen, the kiosk against a
# browser, alternated in one run on this machine (docs/performance.md):
#   - `city-kiosk render --screen home` on the demo pack (software
#     renderer, no window);
#   - headless Chromium's `--screenshot` of an equivalent static page made
#     from the same pack: header with the language buttons, the filter
#     chips, the 24 towns' tiles (their first picture, name, region), the
#     bottom bar.
# Prints the median of RUNS (5) of each and the ratio. Numbers only. The
# kiosk remembers the pack images it decoded once (in its data folder, as
# a kiosk does after its first start), so the median is of warm runs, as
# Chromium's, whose profile folder is kept between its runs.
#   scripts/bench-render-vs-chromium.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-5}"
cargo build --release --locked --bin city-kiosk
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$PWD/media" > "$work/home.html" <<'PYTHON'
import html, pathlib, sys, tomllib
pack = pathlib.Path(sys.argv[1])
tiles = []
for town in sorted((pack / "towns").iterdir()):
    info = tomllib.loads((town / "town.toml").read_text())
    picture = sorted((town / "images").glob("*.jpg"))[0]
    tiles.append(
        f'<div class="tile"><img src="file://{picture}">'
        f'<b>{html.escape(info["name"]["en"])}</b>'
        f'<span>{html.escape(info["region"]["en"])}</span></div>'
    )
chips = "".join(f"<i>{name}</i>" for name in
                ["All", "Austria", "Slovenia", "Hungary", "Culture", "Nature", "Family", "Wine"])
langs = "".join(f"<u>{code}</u>" for code in ["SL", "DE", "HU", "EN"])
print(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; font-family: 'Noto Sans', sans-serif; background: #f4f1ea; }}
header {{ height: 96px; background: #145c6e; color: #fff; display: flex;
  align-items: center; padding: 0 32px; font-size: 34px; font-weight: bold; }}
header nav {{ margin-left: auto; display: flex; gap: 8px; }}
u {{ text-decoration: none; border-radius: 24px; background: #2a7184;
  padding: 14px 22px; font-size: 22px; }}
.chips {{ display: flex; gap: 12px; padding: 20px 32px; }}
i {{ font-style: normal; border-radius: 20px; background: #fff;
  border: 1px solid #c9c2b4; padding: 10px 20px; font-size: 20px; }}
.grid {{ display: grid; grid-template-columns: repeat(6, 1fr); gap: 20px;
  padding: 0 32px; height: 790px; overflow: hidden; }}
.tile {{ background: #fff; border-radius: 16px; overflow: hidden;
  box-shadow: 0 2px 6px rgba(0,0,0,.2); }}
.tile img {{ width: 100%; height: 118px; object-fit: cover; display: block; }}
.tile b {{ display: block; font-size: 22px; padding: 10px 14px 0; }}
.tile span {{ display: block; font-size: 16px; padding: 2px 14px 12px; color: #555; }}
footer {{ position: fixed; bottom: 0; width: 100%; height: 104px;
  background: #145c6e; }}
</style></head><body><header>City Cooperation<nav>{langs}</nav></header>
<div class="chips">{chips}</div><div class="grid">{"".join(tiles)}</div>
<footer></footer></body></html>""")
PYTHON

# Seconds from start to exit of a command, as a decimal.
seconds() {
  local start end
  start="$(date +%s.%N)"
  "$@" >/dev/null 2>&1
  end="$(date +%s.%N)"
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}
median() {
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

: > "$work/kiosk.txt"
: > "$work/chromium.txt"
for _ in $(seq "$runs"); do
  seconds ./target/release/city-kiosk render --screen home --lang en \
    --out "$work/kiosk.png" >> "$work/kiosk.txt"
  seconds chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
    --no-first-run --user-data-dir="$work/chromium" --window-size=1920,1080 \
    --screenshot="$work/chromium.png" "file://$work/home.html" >> "$work/chromium.txt"
done
[ -s "$work/kiosk.png" ] && [ -s "$work/chromium.png" ] || {
  echo "a screenshot is missing" >&2
  exit 1
}
kiosk="$(median < "$work/kiosk.txt")"
chromium="$(median < "$work/chromium.txt")"
echo "process start to a 1920x1080 PNG of the home screen, median of $runs, alternated:"
printf "%-44s %6s s\n" "city-kiosk render --screen home" "$kiosk"
printf "%-44s %6s s\n" "Chromium --headless --screenshot (same page)" "$chromium"
awk -v a="$kiosk" -v b="$chromium" \
  'BEGIN { printf "ratio kiosk/Chromium: %.2f (goal at most 0.25)\n", a / b }'
if [ -n "${KEEP:-}" ]; then cp "$work/kiosk.png" "$work/chromium.png" "$KEEP"/; fi
