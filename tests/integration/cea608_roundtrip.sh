#!/usr/bin/env bash
# CEA-608 captions from the caption inserter survive x264enc and the muxers: ffmpeg's own
# closed-caption decoder reads every line back, umlauts and ß included, from Matroska and FLV
# (what RTMP carries). Frames before the captions are turned off all carry caption data
# (padding too); the frames after carry none.
. "$(dirname "$0")/lib.sh"

: "${CEA608_PIPELINE:?CEA608_PIPELINE must name the cea608_pipeline program}"
lines=("HALLO RATHAUS" "Frage zur Straße" "Wir beginnen um 18 Uhr" "Bürger fragen, Räte antworten")

expect_exit 0 "$CEA608_PIPELINE" out.mkv out.flv
for file in out.mkv out.flv; do
  [ "$(stream_field "$file" v:0 codec_name)" = h264 ] || fail "$file has no H.264 video"
done

# captions_of FILE : the SRT that ffmpeg decodes from the A/53 captions in FILE's video
captions_of() {
  ffmpeg -v error -f lavfi -i "movie=$1[out0+subcc]" -map 0:s -f srt - 2>"$WORK/ffmpeg-$1.log" ||
    { cat "$WORK/ffmpeg-$1.log" >&2; fail "ffmpeg could not read captions from $1"; }
}

for file in out.mkv out.flv; do
  captions_of "$file" > "$file.srt"
  [ -s "$file.srt" ] || fail "ffmpeg found no captions in $file"
  for line in "${lines[@]}"; do
    grep -qF -- "$line" "$file.srt" || { cat "$file.srt" >&2; fail "'$line' is not in the captions of $file"; }
  done
  ok "$file: ffmpeg reads back all ${#lines[@]} lines"
done

# One caption packet per frame while on: 240 frames, then the two EDM frames; none after.
with_captions=$(ffprobe -v error -select_streams v:0 -show_frames -show_entries frame=pict_type:frame_side_data=side_data_type \
  -of csv out.mkv | grep -c 'Closed Captions' || true)
[ "$with_captions" = 242 ] || fail "$with_captions of 300 frames carry captions, expected 242"
ok "242 of 300 frames carry caption data; none after the captions were turned off"
