#!/usr/bin/env bash
# The chat collectors over HTTPS (tests/fake_platforms.py --tls with a self-signed certificate
# for 127.0.0.1): without questions.youtube.ca_file the server is refused before any request,
# with a clear line naming it and the untrusted certificate, and the show runs on; with the
# certificate as ca_file the chat is read. `plenum check` names a ca_file that does not exist.
# (500s and 1-byte-a-second answers: chat_collectors.sh.)
. "$(dirname "$0")/lib.sh"

CHAT=Cg0KC25aVm5ncmJzMnl3KicKGFVDeGtBbGVucU5jdHRWVHJHNXZ4dWcxURILblpWbmdyYnMyeXc
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout server.key -out server.crt \
  -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null || fail "openssl could not make a certificate"

# fake NAME : the fake YouTube over HTTPS; sets BASE.
fake() {
  run_bg "$1.fake.txt" python3 "$HERE/../fake_platforms.py" --port 0 --scenario yt_basic \
    --log "$1.requests.jsonl" --tls server.crt server.key
  wait_for_line "$1.fake.txt" '^listening [0-9]+' 10
  BASE="https://127.0.0.1:$(awk '/^listening/ {print $2; exit}' "$1.fake.txt")"
}

# show NAME EXTRA-YOUTUBE-JSON : a show file reading the fake's chat.
show() {
  cat > "$1.json" <<JSON
{ "name": "$1", "sources": [ { "id": "cam", "kind": "test" } ],
  "questions": { "youtube": { "live_chat_id": "$CHAT", "token_env": "YT_TOKEN", "api_base": "$BASE" $2 } },
  "outputs": [ { "id": "rec", "kind": "record", "dir": "$1" } ] }
JSON
}
export YT_TOKEN=test-yt-token

fake untrusted
show untrusted ''
expect_exit 0 "$PLENUM" run untrusted.json --headless --duration 3
grep -qE "^questions: YouTube: $BASE refused: its TLS certificate is not trusted \(.+\); ca_file names a CA to trust; next try in 1 s" "$WORK/err.txt" ||
  { cat "$WORK/err.txt" >&2; fail "the untrusted certificate was not reported clearly"; }
[ ! -s untrusted.requests.jsonl ] || fail "a request reached the untrusted server: $(cat untrusted.requests.jsonl)"
within "$(duration_of "$(the_recording untrusted)")" 3 0.5 || fail "the show did not run its 3 s"
grep -q "$YT_TOKEN" "$WORK/err.txt" untrusted/*/show.log && fail "the token reached a log"
ok "self-signed platform refused before any request, named, show ran on"

fake trusted
show trusted ', "ca_file": "server.crt"'
expect_exit 0 "$PLENUM" check trusted.json
expect_exit 0 "$PLENUM" run trusted.json --headless --duration 3
grep -q 'not trusted' "$WORK/err.txt" && { cat "$WORK/err.txt" >&2; fail "the trusted server was refused"; }
python3 -c '
import json, sys
questions = json.load(open(sys.argv[1]))
assert len(questions) == 4 and {q["source"] for q in questions} == {"youtube"}, questions
' trusted/*/questions.json || fail "the chat was not read over HTTPS with ca_file"
ok "with ca_file the chat is read over HTTPS"

show missing ', "ca_file": "no-such-ca.pem"'
expect_exit 2 "$PLENUM" check missing.json
grep -q '^questions\.youtube\.ca_file: .*no-such-ca.pem' "$WORK/err.txt" || { cat "$WORK/err.txt" >&2; fail "a missing ca_file is not named"; }
ok "plenum check names a missing ca_file"
