#!/usr/bin/env bash
# The HTTP control API drives a running show through every endpoint; its errors have the
# right codes; the bearer token is required and never logged; POST /stop ends the show
# cleanly; the agenda marks reach chapters.txt. A non-loopback address without a token is
# refused at start.
. "$(dirname "$0")/lib.sh"

port=$(free_port)
base="http://127.0.0.1:$port"
PLENUM_CONTROL_TOKEN="ctl-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export PLENUM_CONTROL_TOKEN

cat > show.json <<JSON
{ "name": "control api",
  "sources": [ { "id": "cam1", "kind": "test", "pattern": "blue" },
               { "id": "cam2", "kind": "test", "pattern": "green" },
               { "id": "dgs", "kind": "test", "pattern": "red", "tone_hz": 0 } ],
  "interpreter": { "source": "dgs" },
  "scenes": [ { "id": "plenary", "main": "cam1" },
              { "id": "slides", "main": "cam2", "inset": "cam1" } ],
  "agenda": [ "TOP 1 Eröffnung", "TOP 2 Haushalt 2027", "TOP 3 Fragen" ],
  "outputs": [ { "id": "rec", "kind": "record", "dir": "out" } ],
  "control": { "listen": "127.0.0.1:$port", "token_env": "PLENUM_CONTROL_TOKEN" } }
JSON

# api METHOD PATH [CURL ARGS...] : prints the status code; the reply goes to reply.json and
# its headers to headers.txt. Sends the token unless the caller passes its own Authorization.
api() {
  local method=$1 path=$2; shift 2
  local auth=(-H "Authorization: Bearer $PLENUM_CONTROL_TOKEN")
  case " $* " in *Authorization*|*--no-auth*) auth=() ;; esac
  local args=()
  for arg in "$@"; do [ "$arg" = --no-auth ] || args+=("$arg"); done
  curl -sS -o reply.json -D headers.txt -w '%{http_code}' -X "$method" "${auth[@]}" \
    ${args[@]+"${args[@]}"} "$base$path" 2>curl.err || echo " (curl: $(cat curl.err))"
}

# expect CODE METHOD PATH [CURL ARGS...] : the request must be answered with CODE.
expect() {
  local want=$1 got
  shift
  got=$(api "$@")
  [ "$got" = "$want" ] || fail "$1 $2 answered $got, expected $want: $(cat reply.json 2>/dev/null)"
}

# post CODE PATH JSON : a POST with a JSON body must be answered with CODE.
post() {
  expect "$1" POST "$2" -H 'Content-Type: application/json' --data-binary "$3"
}

# reply PYTHON-EXPR : evaluates EXPR on the last reply, parsed as `d`; prints it as JSON.
reply() {
  python3 -c 'import json, sys; d = json.load(open("reply.json")); print(json.dumps(eval(sys.argv[1]), ensure_ascii=False))' "$1" ||
    fail "the reply is not JSON or has no $1: $(cat reply.json)"
}

# reply_is PYTHON-EXPR JSON-VALUE
reply_is() {
  local got; got=$(reply "$1")
  [ "$got" = "$2" ] || fail "$1 is $got, expected $2 (reply: $(cat reply.json))"
}

# error_names TEXT : the last reply is {"error": "…"} and its message contains TEXT.
error_names() {
  python3 -c 'import json, sys; d = json.load(open("reply.json")); sys.exit(sys.argv[1] not in d["error"])' "$1" ||
    fail "the error does not name '$1': $(cat reply.json)"
}

# wait_for_program_time SECONDS : until GET /status reports that much program time.
wait_for_program_time() {
  local deadline=$((SECONDS + $1 + 20))
  until [ "$(api GET /status)" = 200 ] &&
        python3 -c 'import json, sys; sys.exit(json.load(open("reply.json"))["time_s"] < float(sys.argv[1]))' "$1"; do
    [ $SECONDS -lt $deadline ] || fail "the program did not reach ${1}s (last status: $(cat reply.json))"
    sleep 0.2
  done
}

run_bg stderr.log "$PLENUM" run show.json --headless
show=$LAST_PID
wait_for_line stderr.log 'control API on' 20
wait_for_line stderr.log 'recording to' 5
runs=(out/*/)
[ ${#runs[@]} -eq 1 ] && [ -d "${runs[0]}" ] || fail "expected one run folder under out/, found: ${runs[*]}"
run=${runs[0]%/}
wait_for_line "$run/show.log" 'frames [0-9]+ .*scene plenary' 15

# ---- the token ----
expect 401 GET /status --no-auth
grep -qi '^WWW-Authenticate: Bearer' headers.txt || fail "401 without WWW-Authenticate: Bearer"
error_names "bearer token"
expect 401 GET /status -H "Authorization: Bearer ${PLENUM_CONTROL_TOKEN}x"
expect 401 GET /status -H "Authorization: Bearer ${PLENUM_CONTROL_TOKEN%?}"
expect 401 POST /stop -H "Authorization: Basic $PLENUM_CONTROL_TOKEN"
ok "no or a wrong token: 401"

# ---- status and scenes ----
expect 200 GET /status
grep -qi '^Content-Type: application/json; charset=utf-8' headers.txt || fail "status is not served as JSON: $(cat headers.txt)"
reply_is 'd["scene"]' '"plenary"'
reply_is 'd["interpreter"]["visible"]' 'true'
ok "GET /status: JSON, scene plenary"

post 200 /scene '{"id": "slides"}'
reply_is 'd["ok"]' 'true'
expect 200 GET /status
reply_is 'd["scene"]' '"slides"'
wait_for_line "$run/show.log" 'frames [0-9]+ .*scene slides' 5
post 404 /scene '{"id": "lobby"}'
error_names lobby
ok "POST /scene: cut to slides (status and show.log), unknown scene 404"

post 200 /interpreter '{"visible": false}'
expect 200 GET /status
reply_is 'd["interpreter"]["visible"]' 'false'
ok "POST /interpreter hides the interpreter"

post 200 /captions '{"text": "Hallo <b>Welt</b>"}'
expect 200 GET /status
reply_is 'd["captions"]["last"][-1]' '"Hallo <b>Welt</b>"'
post 200 /captions/burn_in '{"on": false}'
expect 200 GET /status
reply_is 'd["captions"]["burn_in"]' 'false'
post 200 /captions/cea608 '{"on": false}'
post 200 /captions/archive '{"on": false}'
expect 200 GET /status
reply_is '[d["captions"]["cea608"], d["captions"]["archive"]]' '[false, false]'
post 200 /captions/archive '{"on": true}'
post 200 /captions/youtube '{"on": true}'
expect 200 GET /status
# On again; YouTube stays off in a show that sends it nothing.
reply_is '[d["captions"]["archive"], d["captions"]["youtube"]]' '[true, false]'
post 400 /captions/cea608 '{"on": "yes"}'
ok "POST /captions and /captions/burn_in, /cea608, /archive, /youtube"

# ---- questions ----
post 201 /questions '{"text": "Wann wird die Brücke saniert?", "author": "Eva"}'
first=$(reply 'd["id"]' | tr -d '"')
reply_is 'd["state"]' '"new"'
reply_is 'd["source"]' '"operator"'
expect 200 GET /questions
python3 -c 'import json, sys; q = [x for x in json.load(open("reply.json")) if x["id"] == sys.argv[1]]
sys.exit(not (len(q) == 1 and q[0]["state"] == "new" and q[0]["text"] == "Wann wird die Brücke saniert?"))' "$first" ||
  fail "GET /questions does not list $first as new: $(cat reply.json)"
post 200 "/questions/$first" '{"state": "approved"}'
post 200 "/questions/$first" '{"state": "on_air"}'
expect 200 GET /questions
reply_is "[x['state'] for x in d if x['id'] == '$first']" '["on_air"]'
post 404 /questions/q99 '{"state": "approved"}'
error_names q99
post 400 "/questions/$first" '{"state": "shown"}'
error_names state
post 201 /questions '{"text": "Warum?"}'
second=$(reply 'd["id"]' | tr -d '"')
post 200 "/questions/$second" '{"state": "rejected"}'
post 409 "/questions/$second" '{"state": "on_air"}'
post 400 /questions '{"author": "Eva"}'
error_names text
ok "questions: manual entry 201, listed as new, approved, on air; q99 404, bad state 400, rejected→on_air 409"

# ---- bad requests ----
post 400 /scene '{"id": '
post 400 /scene '["slides"]'
error_names object
post 400 /interpreter '{"visible": "no"}'
error_names '"visible"'
post 400 /captions/burn_in '{}'
error_names '"on"'
post 400 /captions '{"text": 42}'
error_names '"text"'
expect 400 POST /scene
head -c $((64 * 1024 + 1)) /dev/zero | tr '\0' ' ' > big.json
expect 413 POST /captions -H 'Content-Type: application/json' --data-binary @big.json
expect 405 GET /scene
grep -qi '^Allow: POST' headers.txt || fail "405 without Allow: POST: $(cat headers.txt)"
expect 405 DELETE /questions
grep -qi '^Allow: GET, POST' headers.txt || fail "405 without Allow: GET, POST: $(cat headers.txt)"
expect 404 GET /foo
error_names "no such endpoint: /foo"
# Headless, there is no window to take a picture of (the window's own test takes them).
expect 409 POST /screenshot
ok "bad JSON, non-object, wrong type, missing field, empty body 400; 64 KiB + 1 413; 405 with Allow; 404"

# ---- agenda: marks at least 10 s apart, so each is its own chapter ----
wait_for_program_time 11
mark1=$(reply 'd["time_s"]')
expect 200 POST /agenda/next
reply_is 'd["title"]' '"TOP 2 Haushalt 2027"'
wait_for_program_time $((${mark1%.*} + 12))   # whole seconds, and the POST comes a moment later
mark2=$(reply 'd["time_s"]')
expect 200 POST /agenda/next
expect 409 POST /agenda/next
error_names "last agenda item"
ok "POST /agenda/next twice 200, then 409 at the end"

# ---- stop ----
expect 200 POST /stop
stopped=$SECONDS
while kill -0 "$show" 2>/dev/null; do
  [ $((SECONDS - stopped)) -le 15 ] || { tail -n 20 stderr.log >&2; fail "the show still runs 15 s after POST /stop"; }
  sleep 0.2
done
code=0
wait "$show" || code=$?
[ "$code" = 0 ] || { tail -n 20 stderr.log >&2; fail "the show exited $code after POST /stop"; }
grep -q 'stop' "$run/show.log" || fail "show.log does not say why the show stopped"
if grep -qE 'runtime error|AddressSanitizer' stderr.log; then fail "the sanitizers complained: $(grep -E -A5 'runtime error|AddressSanitizer' stderr.log)"; fi
ok "POST /stop: the show exited 0 after $((SECONDS - stopped)) s"

[ -f "$run/chapters.txt" ] || fail "no chapters.txt in $run"
echo "(agenda marks asked at program time $mark1 s and $mark2 s)"
python3 - "$run/chapters.txt" <<'PY' || fail "chapters.txt is wrong: $(cat "$run/chapters.txt")"
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
titles = ["TOP 1 Eröffnung", "TOP 2 Haushalt 2027", "TOP 3 Fragen"]
assert len(lines) == 3, lines
times = []
for line, title in zip(lines, titles):
    m = re.fullmatch(r"(\d+):(\d\d) (.*)", line)
    assert m and m.group(3) == title, line
    times.append(int(m.group(1)) * 60 + int(m.group(2)))
assert times[0] == 0 and times[1] >= 10 and times[2] - times[1] >= 10, times
PY
ok "chapters.txt: 0:00 and two marks, YouTube style"

python3 -c 'import json, sys; q = {x["id"]: x["state"] for x in json.load(open(sys.argv[1]))}
sys.exit(not (q.get(sys.argv[2]) == "on_air" and q.get(sys.argv[3]) == "rejected"))' \
  "$run/questions.json" "$first" "$second" || fail "questions.json lacks the moderation: $(cat "$run/questions.json")"
ok "questions.json keeps the moderation states"

if grep -rqF -- "$PLENUM_CONTROL_TOKEN" stderr.log out; then fail "the control token reached the log"; fi
if grep -rqi -- "Authorization" stderr.log out; then fail "an Authorization header reached the log"; fi
ok "the token is in neither stderr nor show.log"

# ---- a public address without a token is refused ----
open_port=$(free_port)
sed -e "s/127.0.0.1:$port/0.0.0.0:$open_port/" -e 's/, "token_env": "PLENUM_CONTROL_TOKEN"//' \
  -e 's/"dir": "out"/"dir": "out-open"/' show.json > open.json
grep -q "\"listen\": \"0.0.0.0:$open_port\" }" open.json || fail "could not write open.json"
code=0
timeout 30 "$PLENUM" run open.json --headless --duration 5 >open.out 2>open.err || code=$?
[ "$code" != 0 ] && [ "$code" != 124 ] || { cat open.err >&2; fail "a show with control.listen 0.0.0.0 and no token exited $code"; }
grep -q "control.listen: 0.0.0.0:$open_port is not a loopback address" open.err ||
  { cat open.err >&2; fail "the refusal does not name control.listen and the address"; }
ok "control.listen 0.0.0.0 without a token refused (exit $code)"
