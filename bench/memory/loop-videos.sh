#!/usr/bin/env bash
# Makes an N-times longer copy of a video folder by looping each video (issue 10, "memory flat while streaming").
# Usage: bench/memory/loop-videos.sh SRC_DIR N OUT_DIR
# H.264 streams are stream-copied (-stream_loop); other codecs (the Pose2Sim demo's VP9 cam02) are re-encoded to H.264
# with regenerated timestamps, because a stream-copied VP9 loop reports a slightly different frame rate, which
# `polypose video` refuses (cameras with different rates).
set -euo pipefail
src=$1; n=$2; out=$3
mkdir -p "$out"
for f in "$src"/*; do
    name=$(basename "$f")
    codec=$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name -of csv=p=0 "$f")
    rate=$(ffprobe -v error -select_streams v:0 -show_entries stream=r_frame_rate -of csv=p=0 "$f")
    if [ "$codec" = h264 ]; then
        ffmpeg -v error -y -stream_loop $((n - 1)) -i "$f" -c copy "$out/$name"
    else
        ffmpeg -v error -y -stream_loop $((n - 1)) -i "$f" -vf "setpts=N/($rate)/TB" -r "$rate" -c:v libx264 -preset veryfast -crf 18 -an "$out/$name"
    fi
    echo "$name: $codec $rate -> $(ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets,r_frame_rate -of csv=p=0 "$out/$name")"
done
