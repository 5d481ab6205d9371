#!/usr/bin/env bash
# An RTMP pull source, read from a real nginx-rtmp server that a real publisher (ffmpeg) feeds.
# Plenum may connect before the stream exists (nginx then serves nothing): it retries until
# the picture comes.
. "$(dirname "$0")/lib.sh"

start_nginx_rtmp
port=$RTMP_PORT

cat > show.json <<JSON
{ "name": "rtmp pull",
  "sources": [ { "id": "remote", "label": "Außenstelle", "kind": "rtmp", "uri": "rtmp://127.0.0.1:$port/live/cam" } ],
  "outputs": [ { "id": "rec", "kind": "record", "dir": "out" } ] }
JSON
run_bg show.log "$PLENUM" run show.json --headless --duration 12
show=$LAST_PID
sleep 1
run_bg publish.log ffmpeg -v error -re -f lavfi -i "color=c=0x00ff00:size=640x360:rate=30" \
  -f lavfi -i "sine=frequency=500:sample_rate=44100" -c:v libx264 -preset ultrafast -tune zerolatency \
  -g 30 -c:a aac -f flv "rtmp://127.0.0.1:$port/live/cam"
wait_for_line show.log 'source remote: picture is back' 20
wait "$show" || { cat show.log >&2; fail "the show did not stop cleanly"; }
rec=$(the_recording out)
within "$(duration_of "$rec")" 12 0.5 || fail "the recording is $(duration_of "$rec") s, expected 12"
colour_is "$(pixel "$rec" 11 640 100)" green || fail "the RTMP picture is not on air at 11 s"
ok "RTMP pull source from nginx-rtmp on air"
