#!/usr/bin/env bash
# The demo's SRT listener (srt://127.0.0.1:9710) is read by real SRT peers.
. "$(dirname "$0")/lib.sh"

run_bg demo.log "$PLENUM" demo --headless --duration 14
demo=$LAST_PID
wait_for_line demo.log 'relay connecting' 15

# srt-live-transmit, a peer nobody here wrote, reads 3 s of the stream into a file.
timeout 4 srt-live-transmit -q "srt://127.0.0.1:9710?mode=caller" file://con > relay.ts || true
[ -s relay.ts ] || fail "srt-live-transmit received nothing"
[ "$(stream_field relay.ts v:0 codec_name)" = h264 ] || fail "SRT stream has no H.264"
[ "$(stream_field relay.ts a:0 codec_name)" = aac ] || fail "SRT stream has no AAC"
frames=$(frames_of relay.ts v:0)
[ "$frames" -ge 45 ] || fail "only $frames frames decoded from 3 s of SRT"
ok "srt-live-transmit read $frames frames of H.264 + AAC"

# ffprobe as a second peer, while the status line shows the output live.
run_bg probe.log ffprobe -v error -show_entries stream=codec_name,width,height -of csv=p=0 \
  "srt://127.0.0.1:9710?mode=caller"
wait_for_line demo.log 'relay live' 10
wait "$LAST_PID" || true
grep -q 'h264,1280,720' probe.log || { cat probe.log >&2; fail "ffprobe over SRT did not see 1280x720 H.264"; }
ok "ffprobe read the SRT stream; status showed it live"

wait "$demo" || fail "the demo did not stop cleanly (exit $?)"
rec=$(the_recording recordings)
within "$(duration_of "$rec")" 14 0.5 || fail "the recording is not 14 s long while serving SRT peers"
ok "recording complete while peers came and went"

# As a caller: the destination is not there at first (the output retries on its own, the
# recording is unaffected), then a real SRT listener appears and receives the stream.
port=$(free_port)
cat > caller.json <<JSON
{ "name": "caller",
  "sources": [ { "id": "cam", "kind": "test", "pattern": "smpte" } ],
  "outputs": [ { "id": "push", "kind": "srt", "uri": "srt://127.0.0.1:$port?mode=caller" },
               { "id": "rec", "kind": "record", "dir": "caller-out" } ] }
JSON
run_bg caller.log "$PLENUM" run caller.json --headless --duration 12
show=$LAST_PID
# srtsink either errors (and the output retries) or keeps calling quietly: never live.
wait_for_line caller.log 'push (retrying in [0-9]+s|connecting)' 10
grep -q 'push live' caller.log && fail "the SRT caller was live with nobody listening"
run_bg receiver.log bash -c "srt-live-transmit -q 'srt://127.0.0.1:$port?mode=listener' file://con > pushed.ts"
wait_for_line caller.log 'push live' 40
sleep 2
wait "$show" || { cat caller.log >&2; fail "the caller show did not stop cleanly"; }
[ -s pushed.ts ] || fail "the SRT listener received nothing"
[ "$(stream_field pushed.ts v:0 codec_name)" = h264 ] || fail "the pushed stream has no H.264"
rec=$(the_recording caller-out)
within "$(duration_of "$rec")" 12 0.5 || fail "the recording suffered from the retrying output"
ok "SRT caller retried until its listener came, then delivered; the recording stayed whole"
