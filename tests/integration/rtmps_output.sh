#!/usr/bin/env bash
# RTMPS to a self-hosted server: nginx terminates TLS (a `stream` listener with a certificate
# this test makes) in front of nginx-rtmp. The show trusts that server through tls_ca_file,
# with full verification; without it the connection is refused and the output retries.
. "$(dirname "$0")/lib.sh"

tls_port=$(free_port)
start_nginx_rtmp "$tls_port"
rtmp_port=$RTMP_PORT

export PLENUM_TLS_KEY=tls-key-2468 PLENUM_UNTRUSTED_KEY=untrusted-key-1357
cat > show.json <<JSON
{ "name": "rtmps",
  "sources": [ { "id": "cam", "kind": "test", "pattern": "smpte" } ],
  "outputs": [
    { "id": "secure", "kind": "rtmp", "url": "rtmps://127.0.0.1:$tls_port/live",
      "key_env": "PLENUM_TLS_KEY", "tls_ca_file": "server.crt" },
    { "id": "rec", "kind": "record", "dir": "out" } ] }
JSON
run_bg show.log "$PLENUM" run show.json --headless --duration 10
show=$LAST_PID
wait_for_line show.log '\| secure live' 15
timeout 5 ffprobe -v error -show_entries stream=codec_name,width,height -of csv=p=0 \
  "rtmp://127.0.0.1:$rtmp_port/live/$PLENUM_TLS_KEY" > probe.txt || true
grep -q 'h264,1280,720' probe.txt || fail "what arrived over RTMPS is not 1280x720 H.264"
wait "$show" || fail "the RTMPS show did not stop cleanly"
ok "RTMPS with tls_ca_file: verified, live, read back from nginx"

cat > untrusted.json <<JSON
{ "name": "rtmps untrusted",
  "sources": [ { "id": "cam", "kind": "test", "pattern": "smpte" } ],
  "outputs": [
    { "id": "untrusted", "kind": "rtmp", "url": "rtmps://127.0.0.1:$tls_port/live",
      "key_env": "PLENUM_UNTRUSTED_KEY" },
    { "id": "rec", "kind": "record", "dir": "out2" } ] }
JSON
expect_exit 0 "$PLENUM" run untrusted.json --headless --duration 6
grep -qE 'output untrusted: .*retrying' "$WORK/err.txt" || { cat "$WORK/err.txt" >&2; fail "an unknown CA was not refused"; }
grep -qE '\| untrusted live' "$WORK/err.txt" && fail "an untrusted server was streamed to"
within "$(duration_of "$(the_recording out2)")" 6 0.5 || fail "the recording suffered from the refused output"
ok "self-signed server without tls_ca_file refused; the recording went on"

grep -rq -e "$PLENUM_TLS_KEY" -e "$PLENUM_UNTRUSTED_KEY" show.log "$WORK/err.txt" out out2 && fail "a key reached a log"
ok "no key in any log"
