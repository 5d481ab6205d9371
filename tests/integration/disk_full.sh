#!/usr/bin/env bash
# The disk fills up during a show (a small tmpfs, filled by a file the test writes): streaming
# goes on without a gap, the log says once that recording stopped and where, the API still
# answers; when the file is deleted, recording resumes in recording-2.mkv and says so once.
# Everything recorded before the disk filled still plays, show.log keeps the lines the full
# disk refused, no caption or question is lost, metrics go on. Needs root for the mount
# (else skipped: exit 77).
. "$(dirname "$0")/lib.sh"

mkdir disk
if ! mount -t tmpfs -o size=8m tmpfs disk 2>mount.err; then
  echo "SKIP: cannot mount a tmpfs here (needs root): $(cat mount.err)"
  exit 77
fi
unmount_disk() {
  local status=$?
  for pid in "${BACKGROUND_PIDS[@]}"; do kill -9 -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  umount disk || umount -l disk || true
  cleanup "$status"
}
trap unmount_disk EXIT

srt_port=$(free_port); api_port=$(free_port)
cat > show.json <<JSON
{ "name": "disk full",
  "video": { "width": 640, "height": 360, "bitrate_kbps": 600 },
  "audio": { "bitrate_kbps": 64 },
  "sources": [ { "id": "cam", "kind": "test", "pattern": "smpte" } ],
  "outputs": [ { "id": "relay", "kind": "srt", "uri": "srt://127.0.0.1:$srt_port?mode=listener" },
               { "id": "rec", "kind": "record", "dir": "disk/out" } ],
  "control": { "listen": "127.0.0.1:$api_port" } }
JSON
run_bg stderr.log "$PLENUM" run show.json --headless
show=$LAST_PID
wait_for_line stderr.log 'show "disk full" running' 20
run_bg relay.log bash -c "srt-live-transmit -q 'srt://127.0.0.1:$srt_port?mode=caller' file://con > relay.ts"
wait_for_line stderr.log '^00:00:0[2-9] .*\| relay live' 15
run=$(echo disk/out/*/)
run=${run%/}
api() { curl -sS -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
          --data-binary "$2" "http://127.0.0.1:$api_port$1"; }

# status_lines : how many status lines the show has printed (one a second).
status_lines() { grep -cE '^[0-9:]+ frames' stderr.log || true; }

# frames_encoded : the encoded-frame count of the latest status line.
frames_encoded() { grep -oE '^[0-9:]+ frames [0-9]+' stderr.log | tail -n 1 | awk '{ print $3 }'; }
# The SRT peer has the stream from here on (its first second may miss the keyframe wait).
frames_at_join=$(frames_encoded)

# Fill the disk: the recording runs out of space within a second.
frames_at_fill=$(frames_encoded)
dd if=/dev/zero of=disk/filler bs=64k 2>/dev/null || true
wait_for_line stderr.log "output rec: recording stopped: the disk is full .*$run/recording.mkv" 5
wait_for_line stderr.log '\| rec stopped: disk full' 3
[ "$(api /captions '{"text": "Die Platte ist voll"}')" = 200 ] || fail "the API did not take a caption"
# Each question is saved at once: the log says once per file that it cannot be, not at
# every question. The operator's 192 switches of the burned-in captions are logged each (≈ 8 KiB):
# more than the page show.log has left, so its writes fail too.
for n in $(seq 12); do
  [ "$(api /questions "{\"text\": \"Frage $n: bleibt die Sendung stabil?\", \"author\": \"Test\"}")" = 201 ] ||
    fail "the API did not take a question"
  for on in $(printf 'false true %.0s' $(seq 8)); do
    [ "$(api /captions/burn_in "{\"on\": $on}")" = 200 ] || fail "the API did not switch the captions"
  done
done
wait_for_count stderr.log '^[0-9:]+ frames' $(($(status_lines) + 2)) 5
# The first caption ends (and goes to captions.vtt) while the disk is still full.
[ "$(api /captions '{"text": "Noch immer voll"}')" = 200 ] || fail "the API did not take a caption"
wait_for_count stderr.log '^[0-9:]+ frames' $(($(status_lines) + 1)) 5
ok "disk full: one clear line naming $run/recording.mkv; the show and its API go on"

switches() { grep -c 'burned-in captions' "$1" || true; }
[ "$(switches "$run/show.log")" -lt "$(switches stderr.log)" ] ||
  fail "show.log took every line while the disk was full: the test did not fill it"
rm disk/filler
wait_for_line stderr.log "output rec: .* free on the disk again: recording resumes in .*$run/recording-2.mkv" 5
wait_for_line stderr.log '\| rec live' 5
size() { stat -c %s "$1" 2>/dev/null || echo 0; }
first=$(size "$run/recording-2.mkv")
deadline=$((SECONDS + 5))
until [ "$(size "$run/recording-2.mkv")" -gt $((first + 50000)) ]; do
  [ $SECONDS -lt $deadline ] || fail "recording-2.mkv does not grow ($(size "$run/recording-2.mkv") bytes)"
  sleep 0.2
done
[ "$(api /captions '{"text": "Wieder Platz"}')" = 200 ] || fail "the API did not take a caption"
[ "$(api /questions '{"text": "Und danach?", "author": "Test"}')" = 201 ] || fail "the API did not take a question"
kill -TERM "$show"
timeout 15 tail --pid="$show" -f /dev/null || fail "the show did not stop within 15 s"
wait "$show" || { tail -n 20 stderr.log >&2; fail "the show did not exit 0"; }
ok "space again: recording resumed in recording-2.mkv and it grew"

# Said once each, in show.log too (the lines the full disk refused were kept and written).
for what in 'recording stopped: the disk is full' 'free on the disk again: recording resumes in'; do
  n=$(grep -c "output rec: .*$what" "$run/show.log" || true)
  [ "$n" = 1 ] || { cat "$run/show.log" >&2; fail "show.log has $n lines saying '$what', expected 1"; }
done
for what in 'cannot save questions.json: ' 'cannot save questions.csv: ' \
            'questions.json saved again' 'questions.csv saved again'; do
  n=$(grep -c "$what" stderr.log || true)
  [ "$n" = 1 ] || { grep 'questions' stderr.log >&2; fail "the show said '$what' $n times, expected once"; }
done
said=$(grep -cE 'burned-in captions (on|off)|cannot save questions' stderr.log || true)
[ "$said" -ge 194 ] &&
  [ "$(grep -cE 'burned-in captions (on|off)|cannot save questions' "$run/show.log")" = "$said" ] ||
  fail "show.log lost lines written while the disk was full"
[ "$(grep -c 'output rec:' stderr.log)" = 2 ] || { grep 'output rec:' stderr.log >&2; fail "the recording output said more than two things"; }
for file in captions.vtt captions.srt; do
  [ "$(grep -E 'Die Platte ist voll|Noch immer voll|Wieder Platz' "$run/$file" | tr '\n' '|')" = \
    'Die Platte ist voll|Noch immer voll|Wieder Platz|' ] || { cat "$run/$file" >&2; fail "$file lost a caption"; }
done
cues=$(ffprobe -v error -show_entries packet=pts_time -of csv=p=0 "$run/captions.vtt" | grep -c . || true)
[ "$cues" = "$(grep -c -- ' --> ' "$run/captions.vtt")" ] || fail "ffprobe reads $cues cues from captions.vtt"
python3 -c '
import json, sys
texts = [q["text"] for q in json.load(open(sys.argv[1]))]
assert texts == ["Frage %d: bleibt die Sendung stabil?" % n for n in range(1, 13)] + ["Und danach?"], \
  "questions.json lost a question: %s" % texts
times = [json.loads(l)["time_s"] for l in open(sys.argv[2])]
gaps = [b - a for a, b in zip(times, times[1:])]
assert max(gaps) >= 2 and gaps.index(max(gaps)) < len(gaps) - 1, \
  "metrics.jsonl does not go on after the full disk: %s" % times
' "$run/questions.json" "$run/metrics.jsonl" || fail "questions.json or metrics.jsonl (see above)"
ok "show.log says each once; captions, questions and metrics kept"

frames1=$(frames_of "$run/recording.mkv" v:0)
[ "$frames1" -ge $((frames_at_fill - 30)) ] ||
  fail "recording.mkv holds $frames1 frames, but $frames_at_fill were encoded when the disk filled"
frames2=$(frames_of "$run/recording-2.mkv" v:0)
[ "$(duration_of "$run/recording-2.mkv")" != N/A ] || fail "recording-2.mkv was not finalised"
[ "$frames2" -ge 30 ] || fail "recording-2.mkv holds only $frames2 frames"
ok "recording.mkv plays its $frames1 frames (of $frames_at_fill at the fill), recording-2.mkv $frames2"

gaps=$(video_gaps_of relay.ts)
received=$(frames_of relay.ts v:0)
encoded=$(($(frames_encoded) - frames_at_join))
[ "$gaps" = 0 ] || fail "the SRT stream has $gaps gaps"
# Everything encoded while it listened, within a second (30 frames) for the join and the end.
[ "$received" -ge $((encoded - 30)) ] ||
  fail "the SRT peer received only $received frames of the $encoded encoded while it listened"
ok "SRT peer received $received frames without a gap"
