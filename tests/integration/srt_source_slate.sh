#!/usr/bin/env bash
# An SRT camera that vanishes is replaced by the slate within about a second; the show goes on,
# and the camera's picture returns by itself when its peer reconnects.
. "$(dirname "$0")/lib.sh"

port=$(free_port)
cat > show.json <<JSON
{ "name": "slate",
  "sources": [ { "id": "cam", "label": "Saalkamera", "kind": "srt", "uri": "srt://127.0.0.1:$port?mode=listener" },
               { "id": "dgs", "kind": "test", "pattern": "red", "tone_hz": 0 } ],
  "interpreter": { "source": "dgs" },
  "outputs": [ { "id": "rec", "kind": "record", "dir": "out" } ] }
JSON

run_bg show.log "$PLENUM" run show.json --headless --duration 16
show=$LAST_PID

# A green camera sending MPEG-TS as an SRT caller; like a real encoder it calls again
# whenever its connection ends.
feed() {
  run_bg "feed$1.log" bash -c "while :; do ffmpeg -v error -re -f lavfi -i color=c=0x00ff00:size=640x360:rate=30 \
    -f lavfi -i sine=frequency=300:sample_rate=48000 -c:v libx264 -preset ultrafast -tune zerolatency \
    -g 15 -c:a aac -f mpegts 'srt://127.0.0.1:$port?mode=caller'; sleep 0.3; done"
}

feed 1
wait_for_line show.log 'source cam: picture is back' 10
sleep 2
kill -9 -- "-$LAST_PID"                   # the camera's peer vanishes
wait_for_line show.log 'source cam: no picture for 1 s, showing the slate' 5
sleep 2
feed 2                                    # and comes back
wait_for_count show.log 'source cam: picture is back' 2 10
wait "$show" || { cat show.log >&2; fail "the show did not run to its end"; }
ok "show ran on through the outage"

rec=$(the_recording out)
within "$(duration_of "$rec")" 16 0.5 || fail "recording is $(duration_of "$rec") s, expected 16"

# Sample a pixel at the top left 4 times a second: camera (green), then slate, then camera.
pixels_over_time "$rec" 4 40 40 > samples.txt
sequence=$(while read -r r g b; do
  if colour_is "$r $g $b" green; then echo G; elif colour_is "$r $g $b" slate; then echo S; else echo O; fi
done < samples.txt | uniq | tr -d '\n')
echo "sequence: $sequence"
[[ $sequence =~ G+S+G ]] || { cat samples.txt | head -70 >&2; fail "expected camera, slate, camera; got $sequence"; }
ok "slate replaced the camera and the camera returned"

# The slate names the source: in the middle of the longest slate run, text is drawn
# (many bright pixels around the centre of an otherwise dark picture).
middle=$(n=0; while read -r r g b; do
  if colour_is "$r $g $b" slate; then echo S; else echo X; fi
done < samples.txt | awk '{ n++; if ($1 == "S") { run++; if (run > best) { best = run; end = n } } else run = 0 }
  END { print end - int(best / 2) }')
t=$(awk -v n="$middle" 'BEGIN { print (n - 1) / 4 }')
ffmpeg -v error -ss "$t" -i "$rec" -frames:v 1 -vf "crop=600:160:340:280" -f rawvideo -pix_fmt gray - |
  od -An -v -tu1 | tr -s ' ' '\n' | awk 'NF { if ($1 > 200) bright++ } END { exit !(bright > 500) }' ||
  fail "the slate at ${t}s shows no text"
ok "slate carries its text"

# A camera that never calls: the show still ends cleanly, and GStreamer does not complain
# about the sound that never came (its meter never learnt a format).
silent=$(free_port)
sed -e "s/127.0.0.1:$port/127.0.0.1:$silent/" -e 's/"dir": "out"/"dir": "silent-out"/' show.json \
  > silent.json
"$PLENUM" run silent.json --headless --duration 3 > silent.log 2>&1 ||
  { cat silent.log >&2; fail "a show whose SRT camera never called did not end cleanly"; }
if grep -q CRITICAL silent.log; then grep CRITICAL silent.log >&2; fail "GStreamer-CRITICAL at the end of a show whose camera never called"; fi
ok "a camera that never called ends without a GStreamer-CRITICAL"
