#!/usr/bin/env bash
# File sources in a live show: a looping file plays on and on; a file that ends is replaced
# by its slate while the show goes on.
. "$(dirname "$0")/lib.sh"

ffmpeg -v error -f lavfi -i "color=c=blue:size=640x360:rate=30" -f lavfi -i "sine=frequency=440:sample_rate=48000" \
  -t 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac loop.mp4
ffmpeg -v error -f lavfi -i "color=c=0x00ff00:size=640x360:rate=30" -t 2 -c:v libx264 -preset ultrafast \
  -pix_fmt yuv420p once.mp4
cat > show.json <<'JSON'
{ "name": "files",
  "sources": [ { "id": "loop", "kind": "uri", "uri": "loop.mp4", "loop": true },
               { "id": "once", "kind": "uri", "uri": "once.mp4" } ],
  "scenes": [ { "id": "s", "main": "loop", "inset": "once", "inset_corner": "top-left" } ],
  "outputs": [ { "id": "rec", "kind": "record", "dir": "out" } ] }
JSON
expect_exit 0 "$PLENUM" run show.json --headless --duration 7
grep -q 'source once ended' "$WORK/err.txt" || { cat "$WORK/err.txt" >&2; fail "the ending file was not reported"; }
grep -q 'source loop ended' "$WORK/err.txt" && fail "the looping file was reported as ended"
rec=$(the_recording out)

# The looping main source is on air from 1 s to the end: sample the bottom right corner.
main=$(pixels_over_time "$rec" 4 1200 650 | tail -n +5 | while read -r r g b; do
  colour_is "$r $g $b" blue && echo B || echo X; done | uniq | tr -d '\n')
[ "$main" = B ] || fail "the looping source left the air: $main"
ok "looping file plays through three loops"

# The inset (top left) shows the file, then its slate once it ended.
inset=$(pixels_over_time "$rec" 4 40 40 | while read -r r g b; do
  if colour_is "$r $g $b" green; then echo G; elif colour_is "$r $g $b" slate; then echo S; else echo O; fi
done | uniq | tr -d '\n')
[[ $inset =~ G+S+$ ]] || fail "the inset should show the file, then the slate; got $inset"
ok "ended file replaced by its slate ($inset)"
