#!/usr/bin/env bash
# The kiosk against a browser, side by side in one run on this machine, as
# issue 14 measures them: under one Xvfb 1920x1080 server each in turn
# plays the same 1080p30 H.264 film full screen in a loop (the kiosk: its
# attract loop over a copy of the demo pack whose every film is that film,
# drawn by the software renderer; Chromium: `--kiosk` with a looping
# <video>; without a window manager it needs its window size), warms up,
# then its CPU time is summed over all its processes
# for a while, and its memory (PSS) read at the end. Prints both and the
# ratio. Numbers only; nothing is asserted.
#   scripts/bench-vs-chromium.sh        (WARM_UP=15 MEASURE=10 seconds)
#   PERF_OUT=kiosk.perf scripts/bench-vs-chromium.sh   also samples the
#     kiosk with perf over the measured seconds (perf report -i kiosk.perf)
set -euo pipefail
cd "$(dirname "$0")/.."
warm_up="${WARM_UP:-15}"
measure="${MEASURE:-10}"
film="$(realpath "$(scripts/make-bench-film.sh)")"
cargo build --release --locked --bin city-kiosk
work="$(mktemp -d)"
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT

# A private X server.
for number in $(seq 130 160); do
  if [ ! -e "/tmp/.X11-unix/X$number" ] && [ ! -e "/tmp/.X$number-lock" ]; then
    Xvfb ":$number" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    export DISPLAY=":$number"
    break
  fi
done
sleep 1

# The demo pack with every town's film replaced by the test film.
cp -r media "$work/pack"
for town in "$work"/pack/towns/*/; do
  id="$(basename "$town")"
  [ -f "$town/films/$id.mp4" ] && cp "$film" "$town/films/$id.mp4"
done
sed -e "s|^dir = \"../media\"|dir = \"$work/pack\"|" \
    -e "s|^dir = \"../data\"|dir = \"$work/data\"|" \
    kiosk-config/kiosk.toml > "$work/kiosk.toml"
cat > "$work/film.html" <<HTML
<!DOCTYPE html><html><body style="margin:0;background:#000;overflow:hidden">
<video src="file://$film" autoplay muted loop style="width:100vw;height:100vh;object-fit:cover"></video>
</body></html>
HTML

ticks_per_second="$(getconf CLK_TCK)"
# CPU ticks (user + system) of every process in session $1.
session_ticks() {
  awk -v sid="$1" '{
      # The command name may hold spaces: fields count from its closing ")".
      sub(/^.*\) /, "");
      if ($4 == sid) total += $12 + $13
    } END { print total + 0 }' /proc/[0-9]*/stat 2>/dev/null
}
# PSS in kB of every process in session $1.
session_pss() {
  local total=0 pid
  for stat in /proc/[0-9]*/stat; do
    pid="${stat#/proc/}"; pid="${pid%/stat}"
    if [ "$(sed -e 's/^.*) //' "$stat" 2>/dev/null | awk '{print $4}')" = "$1" ]; then
      total=$((total + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)))
    fi
  done
  echo "$total"
}
# Runs a command in its own session; prints "cores pss_MB".
measure_session() {
  setsid "$@" >/dev/null 2>&1 &
  local leader=$!
  sleep "$warm_up"
  local before after
  before="$(session_ticks "$leader")"
  if [ -n "${profile_to:-}" ]; then
    # Where the time goes, sampled over the measured seconds.
    perf record -q -F 499 -g -o "$profile_to" -p "$leader" -- sleep "$measure" >/dev/null 2>&1
  else
    sleep "$measure"
  fi
  after="$(session_ticks "$leader")"
  local pss
  pss="$(session_pss "$leader")"
  kill -- "-$leader" 2>/dev/null || true
  wait "$leader" 2>/dev/null || true
  awk -v t=$((after - before)) -v hz="$ticks_per_second" -v s="$measure" -v p="$pss" \
    'BEGIN { printf "%.2f %.0f\n", t / hz / s, p / 1024 }'
}

read -r kiosk_cores kiosk_mb < <(profile_to="${PERF_OUT:-}" ICED_BACKEND=tiny-skia measure_session \
  ./target/release/city-kiosk --config "$work/kiosk.toml")
read -r chromium_cores chromium_mb < <(measure_session \
  chromium --kiosk --window-position=0,0 --window-size=1920,1080 \
  --no-sandbox --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/chromium" \
  --autoplay-policy=no-user-gesture-required "file://$work/film.html")

echo "film: $(basename "$film") (1080p30 H.264), ${warm_up} s warm-up, ${measure} s measured, Xvfb 1920x1080"
printf "%-36s %6s cores %6s MB (PSS)\n" "kiosk (attract loop, software)" "$kiosk_cores" "$kiosk_mb"
printf "%-36s %6s cores %6s MB (PSS)\n" "Chromium --kiosk <video> loop" "$chromium_cores" "$chromium_mb"
awk -v a="$kiosk_cores" -v b="$chromium_cores" -v c="$kiosk_mb" -v d="$chromium_mb" \
  'BEGIN { printf "ratio kiosk/Chromium: cores %.2f (goal at most 0.6), memory %.2f (goal under 0.5)\n", a / b, c / d }'
