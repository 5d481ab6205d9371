#!/usr/bin/env bash
# No secret leaves the process: one short show with every kind of secret set to a value of
# its own (stream keys of rtmp, youtube and facebook outputs, SRT passphrases, the control
# token, the YouTube and Facebook question tokens and API key, the caption ingestion URL, the
# upload token), driven into errors (bad requests, a refused token, an output whose server
# goes away, outputs that never connect), then `plenum archive` and a failing `plenum upload`,
# and a second show killed with SIGSEGV. Every file Plenum wrote, every stdout and stderr, every
# /status body is searched for each secret, as is and percent-encoded; a hit names the file and
# the secret's variable, never its value. On the way: the SRT passphrases are really used (a
# reader without one gets nothing; a relay with both carries the program into the source; the
# caller output reaches a listener that wants its passphrase), and no route of the control API
# or the form serves a file by a path with "..".
#
# In a network namespace of its own when the system allows one (unshare -n), so the youtube
# and facebook presets, which cannot be pointed anywhere else, reach nothing and retry.
if [ -z "${PLENUM_SECRETS_NETNS:-}" ] && unshare -n true 2>/dev/null; then
  exec env PLENUM_SECRETS_NETNS=1 unshare -n -- "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"

if [ -n "${PLENUM_SECRETS_NETNS:-}" ]; then
  bring_up_loopback
  presets=true
else
  # Without a namespace of its own the presets would reach the real YouTube and Facebook.
  echo "no network namespace (unshare -n): the youtube and facebook presets are left out"
  presets=false
fi

# Peers' own logs quote what they were given (passphrases in their URIs): kept apart, not searched.
mkdir peers
# Free ports, in one go: `closed` stays closed; the crash's show gets ports of its own.
read -r closed control form captioner srt_out srt_src srt_push tls_port \
        crash_control crash_form crash_captioner crash_srt_out crash_srt_src crash_srt_push < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(14)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))')
start_nginx_rtmp "$tls_port"

run_bg peers/fake.txt python3 "$HERE/../fake_platforms.py" --port 0 --scenario both
wait_for_line peers/fake.txt '^listening [0-9]+' 10
api_base="http://127.0.0.1:$(awk '/^listening/ {print $2; exit}' peers/fake.txt)"

# Values no one else would print; some change when percent-encoded.
export SEC_RTMP_KEY="rtmpkey-Vq7Zr2Lx9Pw"
export SEC_RTMPS_KEY="rtmpskey-Hk3Ty8Mn4Qe"
export SEC_CLOSED_KEY="closedkey-Bn6Wc1Fs5Ja"
export SEC_YT_KEY="ytkey-Rb2m-Xk7q-Lw9d-Pz4c"
export SEC_FB_KEY="FB-9182736450-0-AbSecretFbKey7"
export SEC_SRT_OUT_PASS="srtoutpass-Gh5Kl2Mn8"
export SEC_SRT_SRC_PASS="srtsrcpass-Qw3Er6Ty9"
export SEC_SRT_PUSH_PASS="srtpushpass-Zu7Io1Pa4"
export SEC_CONTROL_TOKEN="ctl/tok+Zx81=Vb57Nm"
export SEC_YT_TOKEN="ya29.a0/yt+tok=Q8wLp3"
export SEC_YT_API_KEY="AIzaSy-key/+=7HkRt2Ws"
export SEC_FB_TOKEN="EAAB/fb+tok=9XcVb1"
export SEC_CAPTION_URL="http://127.0.0.1:$closed/closedcaption?cid=capkey-Zt5Rw2Yu8"
export SEC_UPLOAD_TOKEN="ya29.up/load+tok=Jm4Df7"
secret_names=(SEC_RTMP_KEY SEC_RTMPS_KEY SEC_CLOSED_KEY SEC_SRT_OUT_PASS SEC_SRT_SRC_PASS SEC_SRT_PUSH_PASS
              SEC_CONTROL_TOKEN SEC_YT_TOKEN SEC_YT_API_KEY SEC_FB_TOKEN SEC_CAPTION_URL
              SEC_UPLOAD_TOKEN)
if $presets; then
  secret_names+=(SEC_YT_KEY SEC_FB_KEY)
  preset_outputs='{ "id": "yt", "kind": "youtube", "key_env": "SEC_YT_KEY" },
    { "id": "fb", "kind": "facebook", "key_env": "SEC_FB_KEY" },'
else
  preset_outputs=
fi

CHAT=Cg0KC25aVm5ncmJzMnl3KicKGFVDeGtBbGVucU5jdHRWVHJHNXZ4dWcxURILblpWbmdyYnMyeXc
cat > show.json <<JSON
{ "name": "Geheimnisse",
  "video": { "width": 640, "height": 360, "fps": 25, "bitrate_kbps": 1500 },
  "sources": [ { "id": "cam", "kind": "test", "pattern": "smpte" },
               { "id": "relay", "kind": "srt", "passphrase_env": "SEC_SRT_SRC_PASS",
                 "uri": "srt://127.0.0.1:$srt_src?mode=listener" } ],
  "scenes": [ { "id": "cam", "main": "cam" }, { "id": "relay", "main": "relay" } ],
  "captions": { "inputs": [ { "kind": "tcp", "listen": "127.0.0.1:$captioner" } ],
                "youtube_ingest_env": "SEC_CAPTION_URL" },
  "outputs": [
    { "id": "site", "kind": "rtmp", "url": "rtmp://127.0.0.1:$RTMP_PORT/live", "key_env": "SEC_RTMP_KEY" },
    { "id": "secure", "kind": "rtmp", "url": "rtmps://127.0.0.1:$tls_port/live", "key_env": "SEC_RTMPS_KEY",
      "tls_ca_file": "server.crt" },
    { "id": "nowhere", "kind": "rtmp", "url": "rtmp://127.0.0.1:$closed/live", "key_env": "SEC_CLOSED_KEY" },
    $preset_outputs
    { "id": "srt", "kind": "srt", "uri": "srt://127.0.0.1:$srt_out?mode=listener",
      "passphrase_env": "SEC_SRT_OUT_PASS" },
    { "id": "push", "kind": "srt", "uri": "srt://127.0.0.1:$srt_push?mode=caller",
      "passphrase_env": "SEC_SRT_PUSH_PASS" },
    { "id": "rec", "kind": "record", "dir": "out" } ],
  "questions": {
    "youtube":  { "live_chat_id": "$CHAT", "token_env": "SEC_YT_TOKEN", "key_env": "SEC_YT_API_KEY",
                  "api_base": "$api_base" },
    "facebook": { "live_video_id": "912390185605127", "token_env": "SEC_FB_TOKEN",
                  "api_base": "$api_base", "poll_ms": 300 },
    "form": { "listen": "127.0.0.1:$form" } },
  "agenda": [ "TOP 1", "TOP 2" ],
  "archive": { "youtube": { "token_env": "SEC_UPLOAD_TOKEN", "api_base": "http://127.0.0.1:$closed" } },
  "control": { "listen": "127.0.0.1:$control", "token_env": "SEC_CONTROL_TOKEN" } }
JSON

"$PLENUM" check show.json > check.out 2> check.err || { cat check.out check.err >&2; fail "plenum check refused the show"; }

# The SRT caller output's destination wants its passphrase.
run_bg peers/push.err bash -c "srt-live-transmit -q 'srt://127.0.0.1:$srt_push?mode=listener&passphrase=$SEC_SRT_PUSH_PASS' file://con > peers/pushed.ts"
run_bg show.err "$PLENUM" run show.json --headless --duration 14
show=$LAST_PID
wait_for_line show.err 'control API on' 20
base="http://127.0.0.1:$control"
auth=(-H "Authorization: Bearer $SEC_CONTROL_TOKEN")
wait_for_line show.err '\| site live' 15

# ---- the control API and the form: errors, and no file by path ------------------------------
n=0
# call NAME CURL-ARGS... : the body to NAME.body, the status code printed.
call() {
  local name=$1; shift
  curl -sS -m 10 --path-as-is -o "$name.body" -w '%{http_code}' "$@" 2>>curl.err || echo " (curl failed)"
}
[ "$(call status-ok "${auth[@]}" "$base/status")" = 200 ] || fail "GET /status with the token"
[ "$(call status-no-token "$base/status")" = 401 ] || fail "GET /status without a token"
[ "$(call status-bad-token -H "Authorization: Bearer ${SEC_CONTROL_TOKEN}x" "$base/status")" = 401 ] ||
  fail "GET /status with a wrong token"
[ "$(call scene-bad "${auth[@]}" -X POST -d '{"id": 7}' "$base/scene")" = 400 ] || fail "POST /scene with a number"
[ "$(call scene-unknown "${auth[@]}" -X POST -d '{"id": "nix"}' "$base/scene")" = 404 ] || fail "POST /scene unknown"
for path in '/../../../../etc/passwd' '/%2e%2e/%2e%2e/%2e%2e/etc/passwd' '/questions/..%2f..%2fetc%2fpasswd' \
            '/status/../../etc/passwd'; do
  n=$((n + 1))
  code=$(call "traversal-control-$n" "${auth[@]}" "$base$path")
  [ "$code" = 404 ] || [ "$code" = 400 ] || [ "$code" = 405 ] || fail "control API: GET $path answered $code"
  grep -q 'root:' "traversal-control-$n.body" && fail "control API: GET $path served /etc/passwd"
  code=$(call "traversal-form-$n" "http://127.0.0.1:$form$path")
  [ "$code" = 404 ] || [ "$code" = 400 ] || fail "form: GET $path answered $code"
  grep -q 'root:' "traversal-form-$n.body" && fail "form: GET $path served /etc/passwd"
done
[ "$(call form-post -d 'question=Wie+geht+es+weiter%3F&name=Ada' "http://127.0.0.1:$form/")" = 303 ] ||
  fail "the form did not take a question"
ok "control API and form: 401 without or with a wrong token, 400/404 errors, no path with .. serves a file"

printf 'Guten Abend\n' > /dev/tcp/127.0.0.1/$captioner || fail "cannot reach the captioner port"

# ---- SRT: the passphrases are used ----------------------------------------------------------
# Without the passphrase a reader gets nothing; with it, the program.
timeout -k 2 3 srt-live-transmit -q "srt://127.0.0.1:$srt_out?mode=caller" file://con > peers/nopass.ts 2>peers/nopass.err || true
[ -s peers/nopass.ts ] && fail "an SRT reader without the passphrase received the program"
# A relay with both passphrases carries the program into the source "relay".
run_bg peers/relay.err srt-live-transmit -q "srt://127.0.0.1:$srt_out?mode=caller&passphrase=$SEC_SRT_OUT_PASS" \
  "srt://127.0.0.1:$srt_src?mode=caller&passphrase=$SEC_SRT_SRC_PASS"
relay=$LAST_PID
wait_for_line show.err 'source relay: picture is back' 10
wait_for_line show.err '\| push live' 5
[ -s peers/pushed.ts ] || fail "the SRT caller output delivered nothing to its listener"
ok "SRT: no reader without the passphrase; listener and caller outputs and a listener source work with theirs"

[ "$(call scene-relay "${auth[@]}" -X POST -d '{"id": "relay"}' "$base/scene")" = 200 ] || fail "POST /scene relay"
[ "$(call agenda "${auth[@]}" -X POST "$base/agenda/next")" = 200 ] || fail "POST /agenda/next"

# ---- an output whose server goes away -------------------------------------------------------
kill -9 "$NGINX"
wait_for_line show.err 'output site: .*retrying' 10
[ "$(call status-late "${auth[@]}" "$base/status")" = 200 ] || fail "GET /status, late"
kill -9 -- "-$relay" 2>/dev/null || true

code=0
wait "$show" || code=$?
[ "$code" = 0 ] || { tail -n 30 show.err >&2; fail "the show exited $code"; }
grep -q 'YouTube' show.err || { cat show.err >&2; fail "the YouTube collector said nothing of its refused token"; }
grep -qE 'output nowhere: .*retrying' show.err || fail "the output to a closed port did not retry"
ok "the show ran 14 s with every secret and its errors, and stopped cleanly"

# ---- after the session ----------------------------------------------------------------------
run=$(dirname "$(the_recording out)")
"$PLENUM" archive "$run" --min-coverage 0 > archive.out 2> archive.err ||
  { cat archive.out archive.err >&2; fail "plenum archive failed"; }
code=0
PLENUM_UPLOAD_BACKOFF_MS=20 timeout 60 "$PLENUM" upload "$run" --youtube > upload.out 2> upload.err || code=$?
[ "$code" = 1 ] || { cat upload.out upload.err >&2; fail "plenum upload to a closed port exited $code, expected 1"; }
ok "plenum archive made the package; plenum upload to a closed port failed (exit 1)"

# ---- a crash --------------------------------------------------------------------------------
sed -e 's/"dir": "out"/"dir": "crash-out"/' -e "s/:$control\"/:$crash_control\"/" \
    -e "s/:$form\"/:$crash_form\"/" -e "s/:$captioner\"/:$crash_captioner\"/" \
    -e "s/:$srt_out?/:$crash_srt_out?/" -e "s/:$srt_src?/:$crash_srt_src?/" \
    -e "s/:$srt_push?/:$crash_srt_push?/" show.json > crash.json
# Not run_bg: in the sanitizer build crash.err holds AddressSanitizer's report of the SIGSEGV,
# which is expected here (and searched for secrets like every other file).
setsid "$PLENUM" run crash.json --headless > crash.out 2> crash.err &
crash=$!
BACKGROUND_PIDS+=("$crash")
wait_for_line crash.err 'running' 20
kill -SEGV "$crash"
code=0
wait "$crash" || code=$?
[ "$code" != 0 ] || fail "the show killed with SIGSEGV exited 0"
ok "a show killed with SIGSEGV (exit $code) left its crash output in crash.err"

# ---- search everything ----------------------------------------------------------------------
python3 - "$WORK" "${secret_names[@]}" <<'PY' || fail "a secret leaked (see above)"
import os, sys, urllib.parse
work, names = sys.argv[1], sys.argv[2:]
forms = []
for name in names:
    value = os.environ[name].encode()
    forms.append((name, "as is", value))
    encoded = urllib.parse.quote(value, safe="").encode()
    if encoded != value:
        forms.append((name, "percent-encoded", encoded))
leaks, searched = 0, 0
for root, dirs, files in os.walk(work):
    rel_root = os.path.relpath(root, work)
    if rel_root.split(os.sep)[0] == "peers":
        continue
    for file in files:
        # nginx's own configuration and logs are a peer's, not Plenum's.
        if rel_root == "." and file.startswith("nginx"):
            continue
        path = os.path.join(root, file)
        data = open(path, "rb").read()
        searched += 1
        for name, form, value in forms:
            if value in data:
                print(f"FAIL: {name} ({form}) is in {os.path.relpath(path, work)}")
                leaks += 1
print(f"searched {searched} files for {len(names)} secrets")
sys.exit(1 if leaks else 0)
PY
for f in show.log metrics.jsonl run.json captions.vtt questions.json archive/report.html archive/archive.json; do
  [ -f "$run/$f" ] || fail "$f was not searched: the run left none"
done
ok "no secret in any file, stdout, stderr or /status body (as is or percent-encoded)"
