#!/usr/bin/env bash
# `plenum render` turns file sources into the record output as fast as it can, ending with
# the main source; the interpreter is composited at its corner.
. "$(dirname "$0")/lib.sh"

ffmpeg -v error -f lavfi -i "color=c=blue:size=1280x720:rate=30" -f lavfi -i "sine=frequency=440:sample_rate=48000" \
  -t 4 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -ac 2 camera.mp4
# The interpreter clip is longer than the camera: the render must still end with the camera.
ffmpeg -v error -f lavfi -i "color=c=red:size=640x480:rate=25" -t 6 -c:v libx264 -preset ultrafast \
  -pix_fmt yuv420p interpreter.mp4
cat > show.json <<'JSON'
{ "name": "render",
  "sources": [ { "id": "cam", "kind": "uri", "uri": "camera.mp4" },
               { "id": "dgs", "kind": "uri", "uri": "interpreter.mp4" } ],
  "interpreter": { "source": "dgs" },
  "scenes": [ { "id": "main", "main": "cam" } ],
  "outputs": [ { "id": "archive", "kind": "record", "dir": "out" } ] }
JSON
expect_exit 0 timeout 60 "$PLENUM" render show.json --quiet
rec=$(the_recording out)
frames=$(frames_of "$rec" v:0)
[ "$frames" -eq 120 ] || fail "rendered $frames frames, expected 120 (4 s at 30 fps)"
within "$(duration_of "$rec")" 4 0.5 || fail "render lasts $(duration_of "$rec") s, expected 4"
[ "$(stream_field "$rec" a:0 codec_name)" = aac ] || fail "render has no AAC sound"
ok "render of 4 s: $frames frames, ends with the main source"

# 640x480 at 40 % of 720 -> 384x288, 20 px from the bottom-right corner.
colour_is "$(pixel "$rec" 2 $((1280 - 20 - 380)) $((720 - 20 - 284)))" red || fail "interpreter missing at its corner"
colour_is "$(pixel "$rec" 2 $((1280 - 20 - 390)) $((720 - 20 - 284)))" blue || fail "interpreter wider than 384 px"
colour_is "$(pixel "$rec" 2 $((1280 - 10)) $((720 - 100)))" blue || fail "interpreter reaches into the margin"
ok "interpreter composited at 384x288 bottom-right"

# --duration cuts a render short, exactly.
rm -rf out
expect_exit 0 timeout 60 "$PLENUM" render show.json --quiet --duration 2
rec=$(the_recording out)
frames=$(frames_of "$rec" v:0)
[ "$frames" -eq 60 ] || fail "--duration 2 rendered $frames frames, expected 60"
ok "render --duration 2 gives 60 frames"
