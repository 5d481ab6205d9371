#!/usr/bin/env bash
# Viewers' questions in a running show: YouTube live chat and Facebook comments (a local fake
# of both APIs) and the web form (filled in by headless Chromium, JavaScript off) land in one
# queue; GET /questions lists and filters it; a link is held; a message YouTube withdraws is
# rejected; the form question put on air appears as a lower third in the recording (the
# overlay region changes) beside, never over, the interpreter; questions.json and
# questions.csv are in the run folder; no token anywhere.
. "$(dirname "$0")/lib.sh"

CHAT=Cg0KC25aVm5ncmJzMnl3KicKGFVDeGtBbGVucU5jdHRWVHJHNXZ4dWcxURILblpWbmdyYnMyeXc
run_bg fake.txt python3 "$HERE/../fake_platforms.py" --port 0 --scenario both --log requests.jsonl
wait_for_line fake.txt '^listening [0-9]+' 10
api_base="http://127.0.0.1:$(awk '/^listening/ {print $2; exit}' fake.txt)"
export YT_TOKEN=test-yt-token FB_TOKEN=test-fb-token
control=$(free_port)
form=$(free_port)
base="http://127.0.0.1:$control"

cat > show.json <<JSON
{ "name": "Fragestunde",
  "sources": [ { "id": "wall", "kind": "test", "pattern": "white" },
               { "id": "dgs", "kind": "test", "pattern": "green", "tone_hz": 0 } ],
  "interpreter": { "source": "dgs", "corner": "bottom-left" },
  "captions": { "burn_in": false },
  "questions": {
    "youtube":  { "live_chat_id": "$CHAT", "token_env": "YT_TOKEN", "api_base": "$api_base" },
    "facebook": { "live_video_id": "912390185605127", "token_env": "FB_TOKEN",
                  "api_base": "$api_base", "poll_ms": 300 },
    "form":     { "listen": "127.0.0.1:$form" },
    "block_words": [ "Idiot" ] },
  "control": { "listen": "127.0.0.1:$control" },
  "outputs": [ { "id": "rec", "kind": "record", "dir": "out" } ] }
JSON
run_bg show.log "$PLENUM" run show.json --headless --duration 26
show_pid=$LAST_PID
wait_for_line show.log 'questions: web form on' 20
wait_for_line show.log 'YouTube: the live chat has ended' 20
ok "the YouTube collector read the chat to its end"

# A citizen asks through the form, in a real browser without JavaScript.
node "$HERE/../browser/form_submit.mjs" "http://127.0.0.1:$form/" ask form.png >browser.txt 2>&1 ||
  { cat browser.txt >&2; fail "the browser could not ask through the form"; }
curl -sf "$base/questions" > all.json || fail "GET /questions failed"
python3 - all.json <<'PY' || fail "GET /questions: $(cat all.json)"
import json, sys
qs = json.load(open(sys.argv[1]))
by_source = {}
for q in qs:
    by_source.setdefault(q["source"], []).append(q)
yt = by_source["youtube"]
assert [q["text"] for q in yt][:2] == ["Q: will the slides be shared after the talk?",
                                       "How do you handle retries?"], yt
assert len(yt) == 4, [q["text"] for q in yt]          # the repeat across pages taken once
link = [q for q in yt if "https://" in q["text"]][0]
# Held for its link, then withdrawn by YouTube (messageDeletedEvent): rejected.
assert link["held_reason"] == "link" and link["state"] == "rejected", link
assert len(by_source["facebook"]) >= 3, by_source.get("facebook")
assert any(q["author"] is None for q in by_source["facebook"])
form = by_source["form"]
assert len(form) == 1 and form[0]["show_name"] is True and form[0]["author"] == "Erika M.", form
assert form[0]["text"].startswith("Wann wird die Brücke an der Mühlenstraße saniert?"), form
assert form[0]["is_question"] and form[0]["state"] == "new"
open("form_id", "w").write(form[0]["id"])
PY
ok "one queue: $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' all.json) messages from YouTube, Facebook and the form"

curl -sf "$base/questions?only=questions&state=new" > filtered.json || fail "GET /questions?only=questions failed"
python3 - filtered.json <<'PY' || fail "the filter: $(cat filtered.json)"
import json, sys
qs = json.load(open(sys.argv[1]))
assert qs and all(q["is_question"] and q["state"] == "new" for q in qs), qs
PY
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/questions?state=maybe")
[ "$code" = 400 ] || fail "GET /questions?state=maybe answered $code"
ok "GET /questions filters by state and by 'looks like a question'"

# On air: the overlay region changes in the recording; the interpreter stays whole.
id=$(cat form_id)
curl -sf -X POST -d '{"state":"approved"}' "$base/questions/$id" >/dev/null || fail "approve $id"
curl -sf -X POST -d '{"state":"on_air"}' "$base/questions/$id" >/dev/null || fail "on_air $id"
mark=$(curl -sf "$base/status" | python3 -c 'import json, sys; print(json.load(sys.stdin)["time_s"])')
wait "$show_pid" || { cat show.log >&2; fail "the show did not stop cleanly"; }
rec=$(the_recording out)
mean_of() {
  ffmpeg -v error -ss "$1" -i "$rec" -frames:v 1 -vf "crop=$4:$5:$2:$3" -f image2 -c:v png - |
    /usr/bin/convert - -colorspace Gray -format '%[fx:mean]' info:
}
before=$(awk -v m="$mark" 'BEGIN { print m - 3 }')
during=$(awk -v m="$mark" 'BEGIN { print m + 2 }')
plain=$(mean_of "$before" 560 480 660 100)
shown=$(mean_of "$during" 560 480 660 100)
awk -v b="$plain" 'BEGIN { exit !(b > 0.95) }' || fail "something covers the picture before the question went on air (mean $plain)"
awk -v s="$shown" 'BEGIN { exit !(s < 0.8) }' || fail "no question on screen 2 s after on_air (mean $shown)"
for x in 60 300; do
  colour_is "$(pixel "$rec" "$during" $x 560)" green ||
    fail "the question covers the interpreter at x $x: $(pixel "$rec" "$during" $x 560)"
done
ok "the question on air shows as a lower third (mean $plain → $shown) beside the interpreter"

run=$(dirname "$rec")
python3 - "$run/questions.json" "$id" <<'PY' || fail "questions.json: $(head -c 600 "$run/questions.json")"
import json, sys
qs = json.load(open(sys.argv[1]))
assert [q["state"] for q in qs if q["id"] == sys.argv[2]] == ["on_air"]
assert {q["source"] for q in qs} == {"youtube", "facebook", "form"}
PY
grep -q '"Frage von Erika M. via Webformular","on_air"' "$run/questions.csv" ||
  fail "questions.csv has no on-air row for the form question: $(cat "$run/questions.csv")"
grep -q 'Frage via YouTube' "$run/questions.csv" || fail "questions.csv: no YouTube credit"
grep -q 'Ada Lovelace' "$run/questions.csv" && fail "questions.csv names a viewer who did not agree"
ok "questions.json and questions.csv in the run folder (names only with consent)"

if grep -rl -e test-yt-token -e test-fb-token show.log out; then
  fail "a platform token reached a log or a file of the run"
fi
ok "no platform token in show.log, questions.json or questions.csv"
