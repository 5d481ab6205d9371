#!/usr/bin/env bash
# LeakSanitizer over a 60 s show with every output kind: the recording, SRT as listener (a
# reader comes and goes) and as caller (to a listening srt-live-transmit), RTMP and RTMPS to a
# local nginx (which goes away and comes back), and, in a network namespace of its own, the
# youtube and facebook presets (which reach nothing there and retry); with captions from a
# cue file, a captioner over TCP, the API and to YouTube's ingestion (a closed port), the
# YouTube and Facebook question collectors (tests/fake_platforms.py), the web form, the control
# API with most of its routes and errors, the agenda, an SRT source with nobody sending. The
# show must end cleanly and LeakSanitizer must report nothing but what tests/lsan.supp names
# (system libraries' own caches).
#
# Only in a sanitizer build (tests/meson.build passes b_sanitize as PLENUM_SANITIZE).
case ${PLENUM_SANITIZE:-none} in
  *address*) ;;
  *) echo "not a sanitizer build (b_sanitize=${PLENUM_SANITIZE:-none}): skipped"; exit 77 ;;
esac
if [ -z "${PLENUM_LSAN_NETNS:-}" ] && unshare -n true 2>/dev/null; then
  exec env PLENUM_LSAN_NETNS=1 unshare -n -- "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"

if [ -n "${PLENUM_LSAN_NETNS:-}" ]; then
  bring_up_loopback
  export LSAN_YT_KEY=lsan-yt-key LSAN_FB_KEY=lsan-fb-key
  presets='{ "id": "yt", "kind": "youtube", "key_env": "LSAN_YT_KEY" },
    { "id": "fb", "kind": "facebook", "key_env": "LSAN_FB_KEY" },'
else
  echo "no network namespace (unshare -n): the youtube and facebook presets are left out"
  presets=
fi

read -r closed control form captioner srt_out srt_push srt_src tls_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(8)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))')
start_nginx_rtmp "$tls_port"
run_bg fake.txt python3 "$HERE/../fake_platforms.py" --port 0 --scenario both
wait_for_line fake.txt '^listening [0-9]+' 10
api_base="http://127.0.0.1:$(awk '/^listening/ {print $2; exit}' fake.txt)"
run_bg push.log bash -c "srt-live-transmit -q 'srt://127.0.0.1:$srt_push?mode=listener' file://con > pushed.ts"

export LSAN_RTMP_KEY=lsan-rtmp LSAN_RTMPS_KEY=lsan-rtmps YT_TOKEN=test-yt-token FB_TOKEN=test-fb-token
export LSAN_CONTROL_TOKEN=lsan-control-token LSAN_CAPTION_URL="http://127.0.0.1:$closed/closedcaption?cid=x"
printf '00:00:01.000 Guten Abend.\n00:00:04.000 Wir beginnen mit TOP 1.\nOhne Zeit folgt diese Zeile.\n' > cues.txt
CHAT=Cg0KC25aVm5ncmJzMnl3KicKGFVDeGtBbGVucU5jdHRWVHJHNXZ4dWcxURILblpWbmdyYnMyeXc
cat > show.json <<JSON
{ "name": "lsan show",
  "video": { "width": 640, "height": 360, "fps": 25, "bitrate_kbps": 1200 },
  "sources": [ { "id": "cam1", "kind": "test", "pattern": "smpte" },
               { "id": "cam2", "kind": "test", "pattern": "ball" },
               { "id": "dgs", "kind": "test", "pattern": "green", "tone_hz": 0 },
               { "id": "far", "kind": "srt", "uri": "srt://127.0.0.1:$srt_src?mode=listener" } ],
  "interpreter": { "source": "dgs" },
  "scenes": [ { "id": "one", "main": "cam1" }, { "id": "two", "main": "cam2", "inset": "cam1" },
              { "id": "far", "main": "far" } ],
  "captions": { "inputs": [ { "kind": "file", "path": "cues.txt" },
                            { "kind": "tcp", "listen": "127.0.0.1:$captioner" } ],
                "youtube_ingest_env": "LSAN_CAPTION_URL" },
  "outputs": [
    { "id": "rec", "kind": "record", "dir": "out" },
    { "id": "listen", "kind": "srt", "uri": "srt://127.0.0.1:$srt_out?mode=listener" },
    { "id": "push", "kind": "srt", "uri": "srt://127.0.0.1:$srt_push?mode=caller" },
    { "id": "site", "kind": "rtmp", "url": "rtmp://127.0.0.1:$RTMP_PORT/live", "key_env": "LSAN_RTMP_KEY" },
    $presets
    { "id": "secure", "kind": "rtmp", "url": "rtmps://127.0.0.1:$tls_port/live",
      "key_env": "LSAN_RTMPS_KEY", "tls_ca_file": "server.crt" } ],
  "questions": {
    "youtube":  { "live_chat_id": "$CHAT", "token_env": "YT_TOKEN", "api_base": "$api_base" },
    "facebook": { "live_video_id": "912390185605127", "token_env": "FB_TOKEN",
                  "api_base": "$api_base", "poll_ms": 300 },
    "form": { "listen": "127.0.0.1:$form" } },
  "agenda": [ "TOP 1", "TOP 2", "TOP 3" ],
  "control": { "listen": "127.0.0.1:$control", "token_env": "LSAN_CONTROL_TOKEN" } }
JSON

# Full stacks (GLib has no frame pointers), so leaks are attributed and suppressions match.
export ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=25:abort_on_error=0:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$HERE/../lsan.supp:print_suppressions=1"
start=$SECONDS
echo "(set up in $SECONDS s)"
run_bg show.err "$PLENUM" run show.json --headless --duration 60
show=$LAST_PID
wait_for_line show.err 'control API on' 30
base="http://127.0.0.1:$control"
auth=(-H "Authorization: Bearer $LSAN_CONTROL_TOKEN")
api() { curl -sS -m 10 -o /dev/null -w '%{http_code}\n' "${auth[@]}" "$@" >> api.txt 2>>curl.err || true; }

# ---- the first 25 s: every kind of traffic --------------------------------------------------
wait_for_line show.err 'site live' 20
api "$base/status"
api -X POST -d '{"id": "two"}' "$base/scene"
api -X POST -d '{"id": "far"}' "$base/scene"
api -X POST -d '{"visible": false}' "$base/interpreter"
api -X POST -d '{"visible": true}' "$base/interpreter"
api -X POST -d '{"text": "Vom Pult: Willkommen"}' "$base/captions"
api -X POST -d '{"on": false}' "$base/captions/burn_in"
api -X POST -d '{"on": true}' "$base/captions/burn_in"
api -X POST -d '{"on": false}' "$base/captions/cea608"
api -X POST -d '{"on": true}' "$base/captions/cea608"
api -X POST -d '{"on": true}' "$base/captions/youtube"
api -X POST "$base/agenda/next"
api -X POST -d '{"text": "Wann wird die Brücke fertig?", "author": "Ada"}' "$base/questions"
api "$base/questions?state=new,held&only=questions"
api "$base/questions.csv"
api -X POST -d '{"state": "approved"}' "$base/questions/q1"
api -X POST -d '{"state": "on_air"}' "$base/questions/q1"
api -X POST -d '{"state": "answered"}' "$base/questions/q1"
api -X POST -d '{"state": "nonsense"}' "$base/questions/q1"
api -X POST -d 'not json' "$base/scene"
api -X POST -d '[1]' "$base/scene"
api -X POST -d '{"id": "nix"}' "$base/scene"
api -X DELETE "$base/status"
api "$base/nowhere"
head -c 70000 /dev/zero | tr '\0' 'a' > big.txt
api -X POST --data-binary @big.txt "$base/captions"
curl -sS -m 10 -o /dev/null "$base/status" 2>>curl.err || true      # no token: 401
api -X POST "$base/screenshot"
curl -sS -m 10 -o /dev/null -d 'question=Gibt+es+Parkpl%C3%A4tze%3F&name=Erika&show_name=on' "http://127.0.0.1:$form/" 2>>curl.err || true
curl -sS -m 10 -o /dev/null "http://127.0.0.1:$form/?lang=en" 2>>curl.err || true
curl -sS -m 10 -o /dev/null "http://127.0.0.1:$form/thanks" 2>>curl.err || true
curl -sS -m 10 -o /dev/null "http://127.0.0.1:$form/nowhere" 2>>curl.err || true
# A captioner: lines, an overlong one, one left unfinished.
python3 - "$captioner" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
for i in range(5):
    s.sendall(f"Zeile {i} vom Schriftdolmetscher\n".encode()); time.sleep(0.2)
s.sendall(b"x" * 2000 + b"\n" + b"halbe Zeile")
time.sleep(0.5)
s.close()
PY
# An SRT reader comes and goes; so does nginx.
timeout -k 2 3 srt-live-transmit -q "srt://127.0.0.1:$srt_out?mode=caller" file://con > read.ts 2>/dev/null || true
kill -9 "$NGINX"
wait_for_line show.err 'output site: .*retrying' 15
start_nginx_rtmp "$tls_port"
api -X POST -d '{"id": "one"}' "$base/scene"
api -X POST "$base/agenda/next"
api "$base/status"

# ---- the rest of the 60 s: the show runs; then LeakSanitizer looks at the exit --------------
# A show that does not end is a failure with its threads' stacks, not a hung test.
deadline=$((start + 150))
while kill -0 "$show" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.5; done
if kill -0 "$show" 2>/dev/null; then
  tail -n 30 show.err >&2
  command -v gdb >/dev/null && timeout 60 gdb -p "$show" -batch -ex 'thread apply all bt' >&2 2>/dev/null
  fail "the show did not end within $((deadline - start)) s of its start"
fi
code=0
wait "$show" || code=$?
echo "(show and LeakSanitizer took $((SECONDS - start)) s)"
if grep -q "ERROR: LeakSanitizer" show.err; then
  sed -n "/ERROR: LeakSanitizer/,\$p" show.err | head -n 200 >&2
  fail "LeakSanitizer found leaks (above)"
fi
grep -qE 'ERROR: AddressSanitizer|runtime error' show.err && { grep -A20 -E 'ERROR: AddressSanitizer|runtime error' show.err >&2; fail "the sanitizers found an error"; }
[ "$code" = 0 ] || { tail -n 40 show.err >&2; fail "the show exited $code"; }
grep -q 'show stopped' show.err || fail "the show did not stop as it should"
grep -q '^[0-9]' api.txt || fail "the control API answered nothing"
grep -qE '^(000|5[0-9][0-9])' api.txt && { cat api.txt >&2; fail "the control API failed a request"; }
[ -s read.ts ] || fail "the SRT reader received nothing"
[ -s pushed.ts ] || fail "the SRT caller output delivered nothing"
grep -q 'questions: YouTube' show.err || fail "the YouTube collector did not run"
within "$(duration_of "$(the_recording out)")" 60 1 || fail "the recording is not 60 s long"
ok "60 s with every output kind, captions, questions, control API and agenda: no leak"
if grep -q 'Suppressions used' show.err; then
  sed -n '/Suppressions used/,/^-*$/p' show.err
fi
