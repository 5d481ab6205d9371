#!/usr/bin/env bash
# A destination that takes less than the stream's bitrate (a throttled link to nginx-rtmp)
# loses whole GOPs and says so; the encoder, the other output and the recording lose nothing.
. "$(dirname "$0")/lib.sh"

start_nginx_rtmp
proxy_port=$(free_port)
# 50 kB/s (0.4 Mbit/s) towards nginx, small buffers so that the link fills up quickly.
run_bg proxy.log python3 -c "
import socket, threading, time
RATE = 50_000
def pump(src, dst, limited):
    try:
        while True:
            data = src.recv(4096 if limited else 65536)
            if not data: break
            dst.sendall(data)
            if limited: time.sleep(len(data) / RATE)
    except OSError: pass
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384)
s.bind(('127.0.0.1', $proxy_port)); s.listen(4)
while True:
    c, _ = s.accept()
    u = socket.create_connection(('127.0.0.1', $RTMP_PORT))
    threading.Thread(target=pump, args=(c, u, True), daemon=True).start()
    threading.Thread(target=pump, args=(u, c, False), daemon=True).start()"

export PLENUM_SLOW_KEY=slow-key-97531 PLENUM_FAST_KEY=fast-key-86420
cat > show.json <<JSON
{ "name": "slow destination",
  "sources": [ { "id": "cam", "kind": "test", "pattern": "snow" } ],
  "outputs": [
    { "id": "slow", "kind": "rtmp", "url": "rtmp://127.0.0.1:$proxy_port/live", "key_env": "PLENUM_SLOW_KEY" },
    { "id": "fast", "kind": "rtmp", "url": "rtmp://127.0.0.1:$RTMP_PORT/live", "key_env": "PLENUM_FAST_KEY" },
    { "id": "rec", "kind": "record", "dir": "out" } ] }
JSON
expect_exit 0 "$PLENUM" run show.json --headless --duration 25
grep -qE '\| slow .*too slow, dropped GOPs [0-9]+ times' "$WORK/err.txt" ||
  { grep ' frames ' "$WORK/err.txt" | tail -n 3 >&2; fail "the slow destination did not drop whole GOPs"; }
last=$(grep ' frames ' "$WORK/err.txt" | tail -n 1)
[[ $last =~ dropped\ 0\  ]] || fail "the encoder dropped frames because of a slow destination: $last"
grep -qE '\| fast live' "$WORK/err.txt" || fail "the fast destination was not live"
grep ' frames ' "$WORK/err.txt" | grep -q '| fast .*too slow' && fail "the fast destination dropped GOPs too"
rec=$(the_recording out)
frames=$(frames_of "$rec" v:0)
[ $((frames - 750)) -le 1 ] && [ $((750 - frames)) -le 1 ] || fail "the recording has $frames frames, expected 750 ± 1"
ok "slow destination dropped whole GOPs; encoder, fast output and recording unharmed ($frames frames)"
