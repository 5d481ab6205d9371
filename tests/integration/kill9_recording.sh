#!/usr/bin/env bash
# A hard kill loses at most the last 2 s: the recording up to then plays.
. "$(dirname "$0")/lib.sh"

run_bg demo.log "$PLENUM" demo --headless
wait_for_line demo.log '^00:00:07 frames' 20
kill -9 "$LAST_PID"
wait "$LAST_PID" 2>/dev/null || true

rec=$(the_recording recordings)
frames=$(frames_of "$rec" v:0)
# 7 s were encoded when the status line said 00:00:07; at most 2 s may be lost.
[ "$frames" -ge $((5 * 30)) ] || fail "only $frames frames survived the kill (expected >= 150)"
ffmpeg -v error -i "$rec" -f null - 2> decode.log || fail "ffmpeg cannot decode the killed recording"
audio=$(frames_of "$rec" a:0)
[ "$audio" -ge $((5 * 46)) ] || fail "only $audio audio frames survived"
grep -q ' frames ' "$(dirname "$rec")/show.log" || fail "show.log lost its lines"
ok "$frames video and $audio audio frames play after kill -9"
