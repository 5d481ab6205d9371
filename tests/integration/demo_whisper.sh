#!/usr/bin/env bash
# The demo shows the German caption path: with PLENUM_WHISPER_URL set, camera 1's sound goes to
# a whisper.cpp server (here tests/fake_whisper_server.py, which checks each request as
# whisper.cpp reads it) and its answers become captions in captions.vtt; without it, the demo
# says how to turn it on.
. "$(dirname "$0")/lib.sh"

python3 -u "$HERE/../fake_whisper_server.py" > whisper.log 2>&1 &
BACKGROUND_PIDS+=($!)
for _ in $(seq 50); do [ -s whisper.log ] && break; sleep 0.1; done
port=$(head -n 1 whisper.log)
[[ $port =~ ^[0-9]+$ ]] || fail "the fake whisper server did not start: $(cat whisper.log)"

PLENUM_WHISPER_URL="http://127.0.0.1:$port" expect_exit 0 "$PLENUM" demo --headless --duration 12
grep -q 'speech recognition (whisper-server) listens to cam1' err.txt ||
  { cat err.txt >&2; fail "the demo did not start its whisper input"; }
grep -q 'status=200' whisper.log || fail "the whisper server got no valid chunk: $(cat whisper.log)"
grep -q 'status=400' whisper.log && fail "the whisper server refused a chunk: $(grep status=400 whisper.log)"
grep -q 'chunk 1:' recordings/*/captions.vtt || fail "the whisper answer is not in captions.vtt"
ok "with PLENUM_WHISPER_URL the demo captions camera 1 through a whisper.cpp server"

rm -rf recordings
expect_exit 0 "$PLENUM" demo --headless --duration 2
grep -q 'set PLENUM_WHISPER_URL=' err.txt || fail "the demo does not say how to turn on whisper"
ok "without it, the demo says how"
