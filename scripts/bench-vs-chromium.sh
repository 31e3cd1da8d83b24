#!/usr/bin/env bash
# The kiosk against a browser, side by side in one run on this machine, as
# docs/performance.md reports them. Under one Xvfb 1920x1080 server, one after the
# other, each plays the same 1080p30 H.264 film (the benchmark film looped
# to a minute):
#   - the kiosk's attract loop over a copy of the demo pack whose every
#     film is that film, full screen, drawn by the software renderer;
#   - the kiosk's town film screen: a visitor's taps (xdotool) open the
#     first town and its film, which plays between the header and the
#     controls;
#   - Chromium `--kiosk` looping the film in a full-window <video> (without
#     a window manager it needs its window size); its page logs how many
#     frames it showed and dropped, to show it did the whole work. Muted,
#     as the attract loop plays; then again with sound, as the town film
#     screen plays, for a like-for-like ratio of that screen.
# Each warms up, then its CPU time is summed over all its processes for a
# while and its memory (PSS) read at the end. That is one round; the
# script runs several and prints each round's figures and ratios, then
# the median ratio: this machine's speed drifts by more than the goal's
# margin from minute to minute. Numbers only; nothing is asserted.
#   scripts/bench-vs-chromium.sh        (ROUNDS=3, WARM_UP=15, MEASURE=20 s)
#   PERF_OUT=dir scripts/bench-vs-chromium.sh   also samples the kiosk with
#     perf over the first round's measured seconds (perf makes the kiosk's
#     own figures in that round higher): dir/attract.perf, dir/film.perf
#     (perf report -i dir/attract.perf --no-children --sort dso,symbol)
set -euo pipefail
cd "$(dirname "$0")/.."
warm_up="${WARM_UP:-15}"
measure="${MEASURE:-20}"
rounds="${ROUNDS:-3}"
short_film="$(realpath "$(scripts/make-bench-film.sh)")"
cargo build --release --locked --bin city-kiosk
work="$(mktemp -d)"
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
if [ -n "${PERF_OUT:-}" ]; then
  mkdir -p "$PERF_OUT"
  PERF_OUT="$(realpath "$PERF_OUT")"
fi

# A minute of film, so that the town film does not end while it is measured.
film="$work/film-1080p30-60s.mp4"
ffmpeg -hide_banner -loglevel error -stream_loop 5 -i "$short_film" -c copy "$film"

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
# The page, muted as the attract loop is, or with sound as the town film
# screen plays (where the machine has no sound device, each player still
# decodes the sound and sends it to a silent output).
film_page() {
  cat <<HTML
<!DOCTYPE html><html><body style="margin:0;background:#000;overflow:hidden">
<video id="film" src="file://$film" autoplay $1 loop style="width:100vw;height:100vh;object-fit:cover"></video>
<script>
  setInterval(() => {
    const quality = document.getElementById("film").getVideoPlaybackQuality();
    console.log("frames " + quality.totalVideoFrames + " dropped " + quality.droppedVideoFrames);
  }, 1000);
</script>
</body></html>
HTML
}
film_page muted > "$work/film.html"
film_page "" > "$work/film-sound.html"

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
# A visitor's finger.
tap() {
  xdotool mousemove "$1" "$2" click 1
  sleep "${3:-2}"
}
# The taps that open the first town's film (as tests/kiosk/window_tour.rs).
open_town_film() {
  sleep 4
  tap 960 540   # attract -> home
  tap 300 500   # the first town
  tap 1000 294  # watch the film
  if [ -n "${SCREENSHOT:-}" ]; then import -window root "$SCREENSHOT"; fi
}
# Runs a command in its own session (output to $log), after starting it
# runs $on_start if set; prints "cores pss_MB". With $profile_to, perf
# samples the session over the measured seconds.
measure_session() {
  setsid "$@" >"${log:-/dev/null}" 2>&1 &
  local leader=$!
  if [ -n "${on_start:-}" ]; then "$on_start"; fi
  sleep "$warm_up"
  local before after
  before="$(session_ticks "$leader")"
  if [ -n "${profile_to:-}" ]; then
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
kiosk=(env ICED_BACKEND=tiny-skia ./target/release/city-kiosk --config "$work/kiosk.toml")

chromium=(chromium --kiosk --window-position=0,0 --window-size=1920,1080
  --no-sandbox --no-first-run --disable-background-networking
  --disable-component-update --disable-sync
  --enable-logging=stderr --v=0 --autoplay-policy=no-user-gesture-required)

echo "film: $(basename "$short_film") looped to 60 s (1080p30 H.264), ${warm_up} s warm-up, ${measure} s measured, Xvfb 1920x1080, $rounds round(s)"
row() {
  printf "  %-38s %6s cores %6s MB (PSS)" "$1" "$2" "$3"
  if [ -n "${4:-}" ]; then
    awk -v a="$2" -v b="$4" -v c="$3" -v d="$5" -v to="$6" \
      'BEGIN { printf "   ratio to %s: cores %.2f, memory %.2f", to, a / b, c / d }'
  fi
  echo
}
# The last count of frames shown and dropped that Chromium's page logged.
frames_shown() {
  grep -o 'frames [0-9]* dropped [0-9]*' "$1" | tail -1 || true
}
# Each round measures all four one after the other, so that a ratio
# compares figures taken minutes apart at most; the machine's speed drifts
# more than that over a longer run.
ratios="$work/ratios"
for round in $(seq 1 "$rounds"); do
  # The profiles come from the first round.
  if [ "$round" -gt 1 ]; then PERF_OUT=""; fi
  read -r attract_cores attract_mb < <(profile_to="${PERF_OUT:+$PERF_OUT/attract.perf}" \
    measure_session "${kiosk[@]}")
  read -r film_cores film_mb < <(profile_to="${PERF_OUT:+$PERF_OUT/film.perf}" \
    on_start=open_town_film measure_session "${kiosk[@]}")
  rm -rf "$work/chromium" "$work/chromium-sound"
  read -r chromium_cores chromium_mb < <(log="$work/chromium.log" measure_session \
    "${chromium[@]}" --user-data-dir="$work/chromium" "file://$work/film.html")
  chromium_frames="$(frames_shown "$work/chromium.log")"
  read -r sound_cores sound_mb < <(log="$work/chromium-sound.log" measure_session \
    "${chromium[@]}" --user-data-dir="$work/chromium-sound" "file://$work/film-sound.html")
  sound_frames="$(frames_shown "$work/chromium-sound.log")"

  echo "round $round:"
  row "kiosk, attract loop (software)" "$attract_cores" "$attract_mb" "$chromium_cores" "$chromium_mb" Chromium
  row "kiosk, town film screen (software)" "$film_cores" "$film_mb" "$chromium_cores" "$chromium_mb" Chromium
  row "  the same" "$film_cores" "$film_mb" "$sound_cores" "$sound_mb" "Chromium with sound"
  row "Chromium --kiosk <video> loop" "$chromium_cores" "$chromium_mb"
  row "Chromium, the same with sound" "$sound_cores" "$sound_mb"
  echo "  Chromium showed: ${chromium_frames:-(no count in its log)}; with sound: ${sound_frames:-(no count in its log)} (in all, since it started)"
  awk -v a="$attract_cores" -v f="$film_cores" -v c="$chromium_cores" -v s="$sound_cores" \
      -v am="$attract_mb" -v fm="$film_mb" -v cm="$chromium_mb" -v sm="$sound_mb" \
    'BEGIN { printf "%f %f %f %f %f %f\n", a / c, f / c, f / s, am / cm, fm / cm, fm / sm }' >> "$ratios"
done

if [ "$rounds" -gt 1 ]; then
  # The median of each ratio over the rounds, and its lowest and highest.
  for column in 1 2 3 4 5 6; do
    sort -g -k "$column,$column" "$ratios" | awk -v c="$column" \
      '{ v[NR] = $c } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
         printf "%.2f (%.2f to %.2f)\n", m, v[1], v[NR] }'
  done > "$work/medians"
  mapfile -t median < "$work/medians"
  echo "median of $rounds rounds (lowest to highest):"
  echo "  attract loop to Chromium:                   cores ${median[0]}, memory ${median[3]}"
  echo "  town film screen to Chromium:               cores ${median[1]}, memory ${median[4]}"
  echo "  town film screen to Chromium with sound:    cores ${median[2]}, memory ${median[5]}"
fi
echo "goals: cores at most 0.6 of Chromium's, memory under 0.5"
