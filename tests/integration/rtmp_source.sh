#!/usr/bin/env bash
# An RTMP pull source, read from a real nginx-rtmp server that a real publisher (ffmpeg) feeds.
# Plenum may connect before the stream exists (nginx then serves nothing): it retries until
# the picture comes.
. "$(dirname "$0")/lib.sh"

module=/usr/lib/nginx/modules/ngx_rtmp_module.so
[ -f "$module" ] || fail "nginx's RTMP module is not installed (scripts/install-deps.sh)"
port=$(free_port)
cat > nginx.conf <<CONF
daemon off;
master_process off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
load_module $module;
events {}
rtmp { server { listen 127.0.0.1:$port; application live { live on; } } }
CONF
run_bg nginx.log nginx -c "$WORK/nginx.conf" -p "$WORK"
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done

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
