#!/usr/bin/env bash
# SIGTERM in every state of a show ends it cleanly: exit 0, a finalised recording that plays
# (ffprobe knows its duration), within a bound. States: just launched, starting (run folder
# made, pipeline not yet running), an output retrying (destination refuses) while a source
# shows its slate (no SRT peer), and running, with a second SIGTERM during the clean stop.
# A SIGTERM before the show file is even read may end Plenum as killed (143), but then it
# has written nothing.
. "$(dirname "$0")/lib.sh"

refused=$(free_port); srt_port=$(free_port)
export PLENUM_KEY=key-13579
cat > plain.json <<'JSON'
{ "name": "plain", "sources": [ { "id": "cam", "kind": "test", "pattern": "smpte" } ],
  "outputs": [ { "id": "rec", "kind": "record", "dir": "out" } ] }
JSON
cat > faults.json <<JSON
{ "name": "faults",
  "sources": [ { "id": "cam", "kind": "test", "pattern": "smpte" },
               { "id": "remote", "kind": "srt", "uri": "srt://127.0.0.1:$srt_port?mode=listener" } ],
  "scenes": [ { "id": "s", "main": "remote", "inset": "cam" } ],
  "outputs": [ { "id": "site", "kind": "rtmp", "url": "rtmp://127.0.0.1:$refused/live", "key_env": "PLENUM_KEY" },
               { "id": "rec", "kind": "record", "dir": "out" } ] }
JSON

# stop_in STATE SHOW WAIT-REGEX : starts SHOW, sends SIGTERM once its stderr matches WAIT-REGEX
# (for "": as soon as the process is Plenum; a signal before the exec would hit the shell's
# child instead), and checks the exit and the recording.
stop_in() {
  local state=$1 show=$2 regex=$3 pid rc=0
  rm -rf out
  run_bg "$state.log" "$PLENUM" run "$show" --headless
  pid=$LAST_PID
  if [ -z "$regex" ]; then
    for _ in $(seq 1000); do
      [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" != "$(readlink -f "$PLENUM")" ] || break
      sleep 0.005
    done
  else
    wait_for_line "$state.log" "$regex" 20
  fi
  kill -TERM "$pid"
  if [ "$state" = running-then-stopping ]; then
    # Again while the outputs drain, and again and again while everything is torn down (the
    # lines read as they come: polling would mostly be too late).
    while IFS= read -r line; do
      [[ $line != 'stopping: signal received'* ]] || kill -TERM "$pid" 2>/dev/null || true
      [[ $line != 'show stopped'* ]] || break
    done < <(timeout 15 tail --pid="$pid" -n +1 -f "$state.log")
    # Builtins only (a forked `sleep` would come too late), until it is gone or a zombie.
    local until=$((SECONDS + 15)) _ proc_state=R
    while [ "$proc_state" != Z ] && [ $SECONDS -lt $until ] && kill -TERM "$pid" 2>/dev/null; do
      read -r _ _ proc_state _ < "/proc/$pid/stat" 2>/dev/null || break
    done
  fi
  timeout 15 tail --pid="$pid" -f /dev/null || { tail "$state.log" >&2; fail "$state: no exit within 15 s of SIGTERM"; }
  wait "$pid" || rc=$?
  if [ "$state" = launched ] && [ "$rc" = 143 ] && [ ! -e out ]; then
    ok "$state: ended as killed before the show was read, nothing written"
    return
  fi
  [ "$rc" = 0 ] || { tail "$state.log" >&2; fail "$state: exit $rc after SIGTERM, expected 0"; }
  rec=$(the_recording out)
  duration=$(duration_of "$rec")
  [ "$duration" != N/A ] && [ "$(frames_of "$rec" v:0)" -ge 1 ] || fail "$state: the recording was not finalised"
  ok "$state: exit 0, recording finalised ($duration s)"
}

stop_in launched plain.json ''
stop_in starting plain.json '^recording to '
# An output retrying and a source on its slate, both at once (the retry comes first).
stop_in retrying-and-slate faults.json 'source remote: .*slate'
grep -q 'output site: .*retrying in' retrying-and-slate.log || fail "the refused output was not retrying"
# Running, and a second SIGTERM while it stops.
stop_in running-then-stopping plain.json '^00:00:0[1-9] frames'
grep -q "$PLENUM_KEY" ./*.log && fail "the stream key reached a log"
ok "no key in any log"
