#!/bin/sh
# The film decoding benchmark: makes a 1080p30 H.264 High-profile test film
# with B-frames (10 s, 300 frames; needs ffmpeg) unless FILE is given, then
# prints how fast one decoder thread decodes it and the peak memory.
#   scripts/bench-film.sh [FILE]
set -eu
cd "$(dirname "$0")/.."
film="$(scripts/make-bench-film.sh "${1:-target/bench/film-1080p30-high.mp4}")"
cargo build --release --locked --bin city-kiosk
./target/release/city-kiosk film check "$film"
./target/release/city-kiosk film bench --threads 1 "$film"
