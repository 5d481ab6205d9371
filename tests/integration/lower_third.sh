#!/usr/bin/env bash
# POST /agenda/next shows the next agenda item as a lower third for 8 s, beside (never over)
# the interpreter, and marks a chapter: checked in the recording, pixel by pixel, and in
# chapters.txt.
. "$(dirname "$0")/lib.sh"

port=$(free_port)
cat > show.json <<JSON
{ "name": "lower third",
  "sources": [ { "id": "wall", "kind": "test", "pattern": "white" },
               { "id": "dgs", "kind": "test", "pattern": "green", "tone_hz": 0 } ],
  "interpreter": { "source": "dgs", "corner": "bottom-left" },
  "captions": { "burn_in": false },
  "agenda": [ "TOP 1 Eröffnung", "TOP 2 Haushalt 2027" ],
  "control": { "listen": "127.0.0.1:$port" },
  "outputs": [ { "id": "rec", "kind": "record", "dir": "out" } ] }
JSON
run_bg show.log "$PLENUM" run show.json --headless --duration 16
wait_for_line show.log '^00:00:03 frames' 20
reply=$(curl -sf -X POST "http://127.0.0.1:$port/agenda/next") || fail "POST /agenda/next failed"
mark=$(curl -sf "http://127.0.0.1:$port/status" | python3 -c 'import json, sys; print(json.load(sys.stdin)["time_s"])')
[[ $reply == *'TOP 2 Haushalt 2027'* ]] || fail "POST /agenda/next answered: $reply"
wait "$LAST_PID" || { cat show.log >&2; fail "the show did not stop cleanly"; }
rec=$(the_recording out)

# The interpreter sits bottom left (40 % high: y 412–700, x 20–532); the lower third gives
# way to its right, standing above the caption band: about x 560–1252, y 520–580.
# mean_of T X Y W H : mean brightness (0–1) of a region of the frame at T seconds
mean_of() {
  ffmpeg -v error -ss "$1" -i "$rec" -frames:v 1 -vf "crop=$4:$5:$2:$3" -f image2 -c:v png - |
    /usr/bin/convert - -colorspace Gray -format '%[fx:mean]' info:
}
before=$(mean_of 1.5 560 540 500 36)
during=$(awk -v m="$mark" 'BEGIN { print m + 2 }')
after=$(awk -v m="$mark" 'BEGIN { print m + 10 }')
shown=$(mean_of "$during" 560 540 500 36)
gone=$(mean_of "$after" 560 540 500 36)
awk -v b="$before" 'BEGIN { exit !(b > 0.95) }' || fail "something covers the picture before the agenda moved on (mean $before)"
awk -v s="$shown" 'BEGIN { exit !(s < 0.7) }' || fail "no lower third 2 s after POST /agenda/next (mean $shown)"
awk -v g="$gone" 'BEGIN { exit !(g > 0.95) }' || fail "the lower third is still there 10 s later (mean $gone)"
# The interpreter stays whole: pure green where a lower third at the left margin would be.
for x in 60 300; do
  colour_is "$(pixel "$rec" "$during" $x 560)" green ||
    fail "the lower third covers the interpreter at x $x: $(pixel "$rec" "$during" $x 560)"
done
ok "the lower third shows for 8 s beside the interpreter (means $before → $shown → $gone)"

chapters=$(cat out/*/chapters.txt)
# Moved on after 3 s: within YouTube's 10 s, so the second item takes over the first chapter.
[ "$chapters" = "0:00 TOP 2 Haushalt 2027" ] || fail "chapters.txt is: $chapters"
ok "chapters.txt: $chapters"
