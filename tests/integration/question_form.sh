#!/usr/bin/env bash
# The citizens' question form in a real browser (Debian's Chromium driven by playwright-core):
# with JavaScript off, every field is reached with Tab and found by its label, a question with
# an umlaut, a line break, a name and consent arrives exactly as typed and the thank-you page
# follows; markup comes back as text, never as elements, even with JavaScript on; a duplicate
# is refused with the question kept. curl checks the 413 and 429 answers; the log names the
# client but never the question or the name.
. "$(dirname "$0")/lib.sh"

: "${QUESTION_FORM_SERVER:?QUESTION_FORM_SERVER must name the question_form_server binary}"
BROWSER_DIR=$(cd "$HERE/../browser" && pwd)
CONVERT=/usr/bin/convert   # ImageMagick's (a stand-in may come first in PATH)

[ -x /usr/bin/chromium ] || fail "chromium is missing (scripts/install-deps.sh)"
[ -x "$CONVERT" ] || fail "ImageMagick's convert is missing (scripts/install-deps.sh)"
command -v node >/dev/null || fail "node is missing (scripts/install-deps.sh)"
if [ ! -d "$BROWSER_DIR/node_modules/playwright-core" ]; then
  (cd "$BROWSER_DIR" && npm ci --no-audit --no-fund) >npm.log 2>&1 ||
    { cat npm.log >&2; fail "npm ci in $BROWSER_DIR failed"; }
fi

# start_form LOG [MIN_INTERVAL_S MAX_PER_HOUR] : runs the form on a free port (its stdout, the
# JSON lines, to LOG; its debug log to LOG.err); sets FORM_PID and FORM_URL.
start_form() {
  local log=$1; shift
  local port; port=$(free_port)
  run_bg "$log" env GST_DEBUG=plenum-form:5 sh -c 'exec "$@" 2>"$0"' "$log.err" \
    "$QUESTION_FORM_SERVER" "127.0.0.1:$port" "$@"
  FORM_PID=$LAST_PID
  wait_for_line "$log" "^listening $port\$" 10
  FORM_URL="http://127.0.0.1:$port/"
}

# browser MODE : runs form_submit.mjs against FORM_URL; the screenshot goes to MODE.png.
browser() {
  node "$BROWSER_DIR/form_submit.mjs" "$FORM_URL" "$1" "$WORK/$1.png" >"browser-$1.log" 2>&1 ||
    { cat "browser-$1.log" >&2; fail "the browser's '$1' run failed"; }
}

# submission N FIELD : FIELD of the server's Nth JSON line, as JSON.
submission() {
  python3 -c 'import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if l.startswith("{")]
print(json.dumps(json.loads(lines[int(sys.argv[2]) - 1])[sys.argv[3]], ensure_ascii=False))' \
    form.out "$1" "$2" || fail "no submission $1 with $2 in form.out"
}

# submission_is N FIELD JSON
submission_is() {
  local got; got=$(submission "$1" "$2")
  [ "$got" = "$3" ] || fail "submission $1: $2 is $got, expected $3"
}

# not_blank PNG : the screenshot exists, has a real size and more than a few colours (text).
not_blank() {
  [ -s "$1" ] || fail "no screenshot at $1"
  local info; info=$("$CONVERT" "$1" -format '%w %h %k' info:) || fail "$1 is not an image"
  read -r width height colours <<<"$info"
  [ "$width" -ge 300 ] && [ "$height" -ge 200 ] || fail "$1 is only ${width}x$height"
  [ "$colours" -gt 16 ] || fail "$1 looks blank: $colours colours"
}

# ---- the browser, without limits (all runs come from 127.0.0.1) ----
start_form form.out 0 0
browser ask
wait_for_count form.out '^\{' 1 5
submission_is 1 text '"Wann wird die Brücke an der Mühlenstraße saniert?\nUnd was kostet das?"'
submission_is 1 author '"Erika M."'
submission_is 1 show_name 'true'
not_blank "$WORK/ask.png"
ok "JavaScript off: Tab reaches question, name, consent and button; the question arrives exactly; thank-you page"

browser inject
wait_for_count form.out '^\{' 2 5
submission_is 2 text "\"<script>alert(1)</script> <b>bold</b> \\\"quoted\\\" & 'single'\""
submission_is 2 author '"<b>Eve</b> <img src=x>"'
submission_is 2 show_name 'true'
not_blank "$WORK/inject.png"
ok "markup arrives as plain text and comes back as text, no script runs"

browser duplicate
not_blank "$WORK/duplicate.png"
[ "$(grep -c '^{' form.out)" = 2 ] || fail "a refused duplicate reached the queue: $(cat form.out)"
ok "a duplicate is refused in an alert with the question kept"

wait_for_count form.out.err 'question from 127\.0\.0\.1 taken' 2 5
grep -q 'question from 127\.0\.0\.1 refused by the queue' form.out.err ||
  fail "the refusal is not logged: $(cat form.out.err)"
for secret in 'Mühlenstraße' 'Erika' 'alert(1)' '<b>Eve'; do
  ! grep -qF "$secret" form.out.err || fail "the log holds '$secret'"
done
kill -TERM "$FORM_PID"
wait "$FORM_PID" || fail "the form server did not exit cleanly on SIGTERM"
ok "the log names the client, never the question or the name; SIGTERM ends the server"

# ---- size and rate limits, with the defaults ----
start_form limited.out
# post BODY [CURL ARGS...] : prints the status; the page goes to page.html, headers to headers.txt.
post() {
  local body=$1; shift
  curl -sS -o page.html -D headers.txt -w '%{http_code}' -X POST \
    -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "$body" "$@" "$FORM_URL"
}
big="question=$(head -c 9216 /dev/zero | tr '\0' a)"
[ "$(post "$big")" = 413 ] || fail "a 9 KiB body was answered $(head -1 headers.txt)"
grep -q '8192 Bytes' page.html || fail "the 413 page does not say why: $(cat page.html)"
[ "$(grep -c '^{' limited.out)" = 0 ] || fail "the 9 KiB body reached the queue"
ok "a 9 KiB body gets 413"

[ "$(post 'question=Erste+Frage%3F')" = 303 ] || fail "the first question was answered $(head -1 headers.txt)"
[ "$(post 'question=Zweite+Frage%3F')" = 429 ] || fail "a second question at once was answered $(head -1 headers.txt)"
retry=$(awk 'tolower($1) == "retry-after:" { print $2 + 0 }' headers.txt)
[ -n "$retry" ] && [ "$retry" -ge 1 ] && [ "$retry" -le 15 ] || fail "Retry-After is '$retry' (headers: $(cat headers.txt))"
grep -q 'role="alert"' page.html && grep -q 'Bitte warten Sie noch' page.html ||
  fail "the 429 page does not say so: $(cat page.html)"
grep -q 'Zweite Frage?</textarea>' page.html || fail "the 429 page lost the question"
[ "$(post 'question=Third+question%3F' -H 'Accept-Language: en')" = 429 ] || fail "the third question was not limited"
grep -q 'Please wait' page.html || fail "the English 429 page does not say so: $(cat page.html)"
[ "$(grep -c '^{' limited.out)" = 1 ] || fail "limited questions reached the queue: $(cat limited.out)"
ok "a second question within 15 s gets 429 with Retry-After ($retry s), in German and English"
