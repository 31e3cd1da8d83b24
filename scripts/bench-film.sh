#!/bin/sh
# The film decoding benchmark: makes a 1080p30 H.264 High-profile test film
# with B-frames (10 s, 300 frames; needs ffmpeg) unless FILE is given, then
# prints how fast one decoder thread decodes it and the peak memory.
#   scripts/bench-film.sh [FILE]
set -eu
cd "$(dirname "$0")/.."
film="${1:-target/bench/film-1080p30-high.mp4}"
if [ ! -f "$film" ]; then
    mkdir -p "$(dirname "$film")"
    ffmpeg -hide_banner -loglevel error -y \
        -f lavfi -i "testsrc2=size=1920x1080:rate=30:duration=10" \
        -f lavfi -i "sine=frequency=440:duration=10" \
        -vf "noise=alls=12:allf=t" \
        -c:v libx264 -profile:v high -preset medium -bf 3 -b:v 8M -pix_fmt yuv420p \
        -c:a aac -b:a 128k -movflags +faststart "$film"
fi
cargo build --release --locked --bin city-kiosk
./target/release/city-kiosk film check "$film"
./target/release/city-kiosk film bench --threads 1 "$film"
