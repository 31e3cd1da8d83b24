#!/bin/sh
# Makes the benchmarks' test film unless it is there: 1080p30 H.264 High
# profile with B-frames and grain, 10 s (300 frames) with AAC sound
# (needs ffmpeg). Prints its path.
#   scripts/make-bench-film.sh [FILE]
set -eu
cd "$(dirname "$0")/.."
film="${1:-target/bench/film-1080p30-high.mp4}"
if [ ! -f "$film" ]; then
    if ! command -v ffmpeg >/dev/null; then
        echo "the test film is made with ffmpeg: apt-get install ffmpeg" >&2
        exit 1
    fi
    mkdir -p "$(dirname "$film")"
    ffmpeg -hide_banner -loglevel error -y \
        -f lavfi -i "testsrc2=size=1920x1080:rate=30:duration=10" \
        -f lavfi -i "sine=frequency=440:duration=10" \
        -vf "noise=alls=12:allf=t" \
        -c:v libx264 -profile:v high -preset medium -bf 3 -b:v 8M -pix_fmt yuv420p \
        -c:a aac -b:a 128k -movflags +faststart "$film"
fi
echo "$film"
