#!/usr/bin/env bash
# One encode to two RTMP destinations on a real nginx-rtmp, an SRT listener read by
# srt-live-transmit, a black-hole "server" and the recording. nginx dies for 10 s: the
# recording and the SRT peer see no gap, the RTMP outputs come back by themselves within
# 5 s of nginx's return, the black hole never disturbs anyone, and no key reaches the log.
. "$(dirname "$0")/lib.sh"

srt_port=$(free_port); hole_port=$(free_port)
start_nginx_rtmp
rtmp_port=$RTMP_PORT

# A black hole: accepts TCP connections and never reads or answers.
run_bg hole.log python3 -c "
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $hole_port)); s.listen(16); held = []
while True: held.append(s.accept()[0])"

export PLENUM_SITE_KEY=site-key-4711 PLENUM_MIRROR_KEY=mirror-key-0815 PLENUM_HOLE_KEY=hole-key-1234
cat > show.json <<JSON
{ "name": "restream",
  "sources": [ { "id": "cam", "kind": "test", "pattern": "smpte" } ],
  "outputs": [
    { "id": "site",   "kind": "rtmp", "url": "rtmp://127.0.0.1:$rtmp_port/live", "key_env": "PLENUM_SITE_KEY" },
    { "id": "mirror", "kind": "rtmp", "url": "rtmp://127.0.0.1:$rtmp_port/live/", "key_env": "PLENUM_MIRROR_KEY" },
    { "id": "hole",   "kind": "rtmp", "url": "rtmp://127.0.0.1:$hole_port/live", "key_env": "PLENUM_HOLE_KEY" },
    { "id": "relay",  "kind": "srt",  "uri": "srt://127.0.0.1:$srt_port?mode=listener" },
    { "id": "rec",    "kind": "record", "dir": "out" } ] }
JSON
run_bg show.log "$PLENUM" run show.json --headless --duration 26
show=$LAST_PID
wait_for_line show.log '\| site live .*\| mirror live' 15
run_bg relay.log bash -c "srt-live-transmit -q 'srt://127.0.0.1:$srt_port?mode=caller' file://con > relay.ts"
wait_for_line show.log '\| relay live' 10

timeout 5 ffprobe -v error -show_entries stream=codec_name,width,height -of csv=p=0 \
  "rtmp://127.0.0.1:$rtmp_port/live/$PLENUM_SITE_KEY" > site-probe.txt || true
grep -q 'h264,1280,720' site-probe.txt || fail "nginx does not serve the site output's H.264"
ok "two RTMP outputs live on nginx, read back with ffprobe"

sleep 2
kill -9 "$NGINX"
wait_for_line show.log '\| site retrying in' 10
sleep 10
start_nginx_rtmp
returned=$SECONDS
lines_before=$(wc -l < show.log)
until tail -n +"$lines_before" show.log | grep -qE '\| site live .*\| mirror live'; do
  [ $((SECONDS - returned)) -le 6 ] || { tail -n 20 show.log >&2; fail "RTMP outputs not live within 5 s of nginx's return"; }
  sleep 0.2
done
ok "RTMP outputs live again $((SECONDS - returned)) s after nginx returned"

wait "$show" || { cat show.log >&2; fail "the show did not stop cleanly"; }
grep -qE '\| hole (connecting|retrying)' show.log || fail "the black hole was reported live"
grep -qE '\| hole live' show.log && fail "the black hole was reported live"

rec=$(the_recording out)
frames=$(frames_of "$rec" v:0)
[ $((frames - 780)) -le 1 ] && [ $((780 - frames)) -le 1 ] || fail "the recording has $frames frames, expected 780 ± 1"
ok "recording whole through the outage and the black hole ($frames frames)"

# The SRT peer's stream has no hole: consecutive frames are one frame apart throughout.
gaps=$(video_gaps_of relay.ts)
received=$(frames_of relay.ts v:0)
[ "$gaps" = 0 ] || fail "the SRT stream has $gaps gaps"
[ "$received" -ge 500 ] || fail "the SRT peer received only $received frames"
ok "SRT peer received $received frames without a gap"

for key in "$PLENUM_SITE_KEY" "$PLENUM_MIRROR_KEY" "$PLENUM_HOLE_KEY"; do
  if grep -rq -- "$key" show.log out; then fail "a stream key reached the log"; fi
done
ok "no stream key in the status lines or show.log"
