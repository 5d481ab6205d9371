#!/usr/bin/env bash
# A second Plenum on the ports of a running one (control API, web form, captioners' port, SRT
# source and SRT output listeners) fails at once with exit 1 and one line naming the setting
# and the address in use, before it creates a run folder; the first runs on undisturbed:
# its API answers, a captioner still reaches it, and its recording is whole.
. "$(dirname "$0")/lib.sh"

# Nine free ports in one go (a Python start costs a second on a busy machine): the first
# instance's five, and four more for a second instance's ports that are not shared.
read -r control form tcp srt_in srt_out o1 o2 o3 o4 < <(python3 -c '
import socket
held = [socket.socket() for _ in range(9)]
for s in held: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in held])')

# show FILE DIR CONTROL FORM TCP SRT-IN SRT-OUT : a show file listening on those ports.
show() {
  cat > "$1" <<JSON
{ "name": "$1", "video": { "width": 640, "height": 360 },
  "sources": [ { "id": "cam", "kind": "test", "pattern": "smpte" },
               { "id": "remote", "kind": "srt", "uri": "srt://127.0.0.1:$6?mode=listener" } ],
  "scenes": [ { "id": "s", "main": "cam", "inset": "remote" } ],
  "captions": { "inputs": [ { "kind": "tcp", "listen": "127.0.0.1:$5" } ] },
  "questions": { "form": { "listen": "127.0.0.1:$4" } },
  "control": { "listen": "127.0.0.1:$3" },
  "outputs": [ { "id": "relay", "kind": "srt", "uri": "srt://127.0.0.1:$7?mode=listener" },
               { "id": "rec", "kind": "record", "dir": "$2" } ] }
JSON
}

show first.json out "$control" "$form" "$tcp" "$srt_in" "$srt_out"
run_bg first.log "$PLENUM" run first.json --headless
first=$LAST_PID
wait_for_line first.log '^00:00:0[1-9] frames' 20
run=$(echo out/*/)

# second NAME SETTING-REGEX ADDRESS-PORT PORTS... : the second instance, one port shared.
second() {
  local name=$1 setting=$2 port=$3 start=$SECONDS
  shift 3
  show "$name.json" out2 "$@"
  expect_exit 1 "$PLENUM" run "$name.json" --headless
  [ $((SECONDS - start)) -le 5 ] || fail "$name: the second instance took $((SECONDS - start)) s to give up"
  grep -qE "^cannot start the show: $setting: cannot listen on 127\.0\.0\.1:$port \(.*\): the address is already in use" "$WORK/err.txt" ||
    { cat "$WORK/err.txt" >&2; fail "$name: the busy address is not named clearly"; }
  [ ! -e out2 ] || fail "$name: the second instance made a run folder"
}
second same 'control\.listen' "$control" "$control" "$form" "$tcp" "$srt_in" "$srt_out"
second form 'questions\.form\.listen' "$form" "$o1" "$form" "$o2" "$o3" "$o4"
second captioner 'captions\.inputs\[0\]\.listen' "$tcp" "$o1" "$o2" "$tcp" "$o3" "$o4"
second srt-source 'sources\[1\] \(remote\)\.uri' "$srt_in" "$o1" "$o2" "$o3" "$srt_in" "$o4"
second srt-output 'outputs\[0\] \(relay\)\.uri' "$srt_out" "$o1" "$o2" "$o3" "$o4" "$srt_out"
ok "a second instance on any shared port: exit 1 at once, the setting and address named, nothing created"

curl -sf -o status.json "http://127.0.0.1:$control/status" || fail "the first instance's API stopped answering"
printf 'Die erste Sendung läuft weiter\n' > /dev/tcp/127.0.0.1/"$tcp" || fail "the first instance's captioner port is gone"
wait_for_count first.log '^[0-9:]+ frames' $(($(grep -cE '^[0-9:]+ frames' first.log) + 1)) 5
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$control/stop")" = 200 ] || fail "POST /stop"
timeout 15 tail --pid="$first" -f /dev/null || fail "the first instance did not stop"
wait "$first" || { tail first.log >&2; fail "the first instance did not exit 0"; }
grep -q 'Die erste Sendung läuft weiter' "$run/captions.vtt" || fail "the caption sent to the first instance is missing"
grep -q 'cannot\|error' "$run/show.log" && { cat "$run/show.log" >&2; fail "the first instance's log shows trouble"; }
last=$(grep -oE '^00:[0-9:]+ frames [0-9]+' first.log | tail -n 1 | awk '{ print $3 }')
frames=$(frames_of "$(the_recording out)" v:0)
[ $((last - frames)) -le 2 ] && [ $((frames - last)) -le 40 ] || fail "the first recording has $frames frames, the status said $last"
ok "the first instance ran on: API, captioner, recording whole ($frames frames)"
