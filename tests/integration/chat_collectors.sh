#!/usr/bin/env bash
# The YouTube and Facebook chat collectors against a local fake of both APIs
# (tests/fake_platforms.py, answering with the documented shapes): every message taken once,
# page tokens followed, no call before pollingIntervalMillis, withdrawn messages reported, the
# end of the chat stops the collector, rate limits back off 1 s then 2 s, lasting errors stop
# with a clear message, malformed and 5 MB answers neither crash nor stop it, tokens never shown.
. "$(dirname "$0")/lib.sh"
: "${CHAT_COLLECT:?CHAT_COLLECT must name the chat_collect test program}"

CHAT=Cg0KC25aVm5ncmJzMnl3KicKGFVDeGtBbGVucU5jdHRWVHJHNXZ4dWcxURILblpWbmdyYnMyeXc
FB_VIDEO=912390185605127

# fake SCENARIO : starts the fake platforms; sets BASE and LOG (its request log).
fake() {
  LOG="$WORK/$1.requests.jsonl"
  run_bg "$WORK/$1.fake.txt" python3 "$HERE/../fake_platforms.py" --port 0 --scenario "$1" --log "$LOG"
  wait_for_line "$WORK/$1.fake.txt" '^listening [0-9]+' 10
  BASE="http://127.0.0.1:$(awk '/^listening/ {print $2; exit}' "$WORK/$1.fake.txt")"
}

# collect NAME SECONDS ARGS... : runs chat_collect (ended by SIGTERM after SECONDS); its lines
# go to NAME.out, its exit code to RC.
collect() {
  local name=$1 seconds=$2; shift 2
  RC=0
  timeout -s TERM "$seconds" "$CHAT_COLLECT" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || RC=$?
}

# py EXPRESSION-SCRIPT FILE : runs a Python snippet with `lines` = the JSON lines of FILE.
py() {
  python3 - "$2" <<PY
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
$1
PY
}

no_secret() {
  if grep -q -e test-yt-token -e test-fb-token -e test-yt-key "$WORK/$1.out" "$WORK/$1.err"; then
    fail "$1: a token appears in the collector's output"
  fi
}

# --- YouTube: the whole chat, in order ---
fake yt_basic
collect yt_basic 30 youtube "$BASE" "$CHAT" --token test-yt-token
[ "$RC" = 0 ] || { cat "$WORK/yt_basic.out" "$WORK/yt_basic.err" >&2; fail "yt_basic: exit $RC, expected 0 (chat ended)"; }
py '
msgs = [l for l in lines if "text" in l]
texts = [m["text"] for m in msgs]
assert len(msgs) == 4, texts                      # A repeated on page 2 is taken once
assert len({m["id"] for m in msgs}) == 4
assert texts[0] == "Q: will the slides be shared after the talk?", texts
assert texts[1] == "How do you handle retries?", texts      # the super chat'"'"'s userComment
assert msgs[0]["author"] == "Ada Lovelace"
deleted = [l["deleted"] for l in lines if "deleted" in l]
assert deleted == [msgs[2]["id"]], (deleted, msgs[2])
notices = [l for l in lines if "notice" in l]
assert notices[-1]["state"] == "ended" and "ended" in notices[-1]["notice"], notices
' "$WORK/yt_basic.out" || fail "yt_basic: messages not as served"
py '
chat = [l for l in lines if l["path"].endswith("/liveChat/messages")]
assert not any(l.get("early") for l in lines), "a call came before pollingIntervalMillis"
assert not any(l.get("bad_token") for l in lines), "a page token was not followed"
tokens = [l["query"].get("pageToken") for l in chat]
assert tokens == [None, "p1", "p2", "p3"], tokens
assert all(l["auth"] == "Bearer test-yt-token" for l in chat)
gaps = [b["t"] - a["t"] for a, b in zip(chat, chat[1:])]
assert min(gaps) >= 0.3, gaps
' "$LOG" || fail "yt_basic: polling not as YouTube asks"
no_secret yt_basic
ok "YouTube: 4 messages once each, super chat comment, deletion, chat end; tokens followed, no early call"

# --- YouTube: the chat of a video, with an API key ---
fake yt_video
collect yt_video 30 youtube "$BASE" "" --video nZVngrbs2yw --key test-yt-key
[ "$RC" = 0 ] || fail "yt_video: exit $RC"
py 'assert len([l for l in lines if "text" in l]) == 4' "$WORK/yt_video.out" || fail "yt_video: messages"
py '
assert lines[0]["path"] == "/youtube/v3/videos" and lines[0]["query"]["id"] == "nZVngrbs2yw"
assert lines[1]["query"]["liveChatId"].startswith("Cg0KC25a")
assert all(l["query"].get("key") == "test-yt-key" and l["auth"] is None for l in lines)
' "$LOG" || fail "yt_video: the chat id was not looked up from the video"
no_secret yt_video
ok "YouTube: the live chat id found from the video id (videos.list), API key sent"

# --- YouTube: rate limits back off 1 s, then 2 s ---
fake yt_rate
collect yt_rate 30 youtube "$BASE" "$CHAT" --token test-yt-token
[ "$RC" = 0 ] || fail "yt_rate: exit $RC"
py '
chat = [l for l in lines if l["path"].endswith("/liveChat/messages")]
answers = [l["answer"] for l in chat]
limited = [i for i, l in enumerate(chat) if l["status"] == 403]
assert len(limited) == 2, answers
first = chat[limited[0] + 1]["t"] - chat[limited[0]]["t"]
second = chat[limited[1] + 1]["t"] - chat[limited[1]]["t"]
assert 1.0 <= first < 1.8 and 2.0 <= second < 2.8, (first, second)
assert not any(l.get("early") for l in lines)
' "$LOG" || fail "yt_rate: no backoff of 1 s then 2 s"
grep -q '"state":"waiting"' "$WORK/yt_rate.out" || fail "yt_rate: the backoff was not reported"
ok "YouTube: rateLimitExceeded backs off 1 s, then 2 s, and reading goes on"

# --- YouTube: errors that stop the collector, each with its reason ---
fake yt_ended_error
collect yt_ended 20 youtube "$BASE" "$CHAT" --token test-yt-token
[ "$RC" = 0 ] && grep -q 'liveChatEnded' "$WORK/yt_ended.out" || fail "liveChatEnded: exit $RC, $(cat "$WORK/yt_ended.out")"
fake yt_notfound
collect yt_notfound 20 youtube "$BASE" "$CHAT" --token test-yt-token
[ "$RC" = 1 ] && grep -q '"state":"failed"' "$WORK/yt_notfound.out" \
  && grep -qi 'not found\|liveChatNotFound' "$WORK/yt_notfound.out" || fail "liveChatNotFound: exit $RC"
[ "$(wc -l < "$LOG")" = 1 ] || fail "liveChatNotFound: asked again $(wc -l < "$LOG") times, expected once"
fake yt_quota
collect yt_quota 20 youtube "$BASE" "$CHAT" --token test-yt-token
[ "$RC" = 1 ] && grep -qi 'quota' "$WORK/yt_quota.out" && grep -qi 'Pacific' "$WORK/yt_quota.out" \
  || fail "quotaExceeded: exit $RC, $(cat "$WORK/yt_quota.out")"
fake yt_basic
collect yt_auth 20 youtube "$BASE" "$CHAT" --token wrong-token-123
[ "$RC" = 1 ] || fail "a wrong token: exit $RC, expected 1"
grep -q 'wrong-token-123' "$WORK/yt_auth.out" "$WORK/yt_auth.err" && fail "a wrong token was printed"
for name in yt_ended yt_notfound yt_quota; do no_secret $name; done
ok "YouTube: chat ended / not found / quota / bad token stop with their reasons"

# --- YouTube: malformed, truncated, wrong types, a 5 MB page, an HTML 500 ---
fake yt_malformed
collect yt_malformed 60 youtube "$BASE" "$CHAT" --token test-yt-token
[ "$RC" = 0 ] || { tail -5 "$WORK/yt_malformed.out" "$WORK/yt_malformed.err" >&2; fail "yt_malformed: exit $RC"; }
py '
msgs = [l for l in lines if "text" in l]
assert len(msgs) >= 20000, len(msgs)
assert len({m["id"] for m in msgs}) == len(msgs)
' "$WORK/yt_malformed.out" || fail "yt_malformed: the 5 MB page was not read whole"
py 'assert not any(l.get("early") or l.get("bad_token") for l in lines)' "$LOG" || fail "yt_malformed: early or bad token"
ok "YouTube: malformed answers skipped, 5 MB page read ($(grep -c '"text"' "$WORK/yt_malformed.out") messages), chat end reached"

# --- Facebook: comments polled, repeats dropped, no "from" kept as no author ---
fake fb_basic
collect fb_basic 3 facebook "$BASE" "$FB_VIDEO" --token test-fb-token --wait-ms 200 --page-size 25
py '
msgs = [l for l in lines if "text" in l]
assert len(msgs) >= 3, msgs
assert len({m["id"] for m in msgs}) == len(msgs), "a comment was taken twice"
assert any(m["author"] is None for m in msgs), "a comment without from"
' "$WORK/fb_basic.out" || fail "fb_basic: comments not as served"
py '
assert all(l["auth"] == "Bearer test-fb-token" for l in lines)
assert all("access_token" not in l["query"] for l in lines), "token in the URL"
assert not any(l.get("bad_cursor") for l in lines)
q = lines[0]["query"]
assert q["filter"] == "stream" and q["live_filter"] == "no_filter", q
assert "from" in q["fields"] and "message" in q["fields"], q
gaps = [b["t"] - a["t"] for a, b in zip(lines, lines[1:])]
assert min(gaps) >= 0.2, gaps
' "$LOG" || fail "fb_basic: polling not as Graph asks"
no_secret fb_basic
ok "Facebook: comments once each (by id), missing from, token in the header only, poll interval kept"

fake fb_token
collect fb_token 20 facebook "$BASE" "$FB_VIDEO" --token test-fb-token --wait-ms 200
[ "$RC" = 1 ] && grep -q '190' "$WORK/fb_token.out" || fail "fb code 190: exit $RC, $(cat "$WORK/fb_token.out")"
no_secret fb_token
fake fb_rate
collect fb_rate 8 facebook "$BASE" "$FB_VIDEO" --token test-fb-token --wait-ms 200
py '
limited = [i for i, l in enumerate(lines) if l["status"] == 403]
assert len(limited) == 2, [l["status"] for l in lines]
first = lines[limited[0] + 1]["t"] - lines[limited[0]]["t"]
second = lines[limited[1] + 1]["t"] - lines[limited[1]]["t"]
assert 1.0 <= first < 1.8 and 2.0 <= second < 2.8, (first, second)
' "$LOG" || fail "fb_rate: no backoff of 1 s then 2 s"
for scenario in fb_transient fb_malformed; do
  fake $scenario
  collect $scenario 10 facebook "$BASE" "$FB_VIDEO" --token test-fb-token --wait-ms 200 --page-size 25
  [ "$RC" = 124 ] || fail "$scenario: the collector stopped (exit $RC) instead of going on"
  grep -q '"text"' "$WORK/$scenario.out" || fail "$scenario: no comment read after the errors"
done
ok "Facebook: token error stops (code 190), rate limit backs off 1 s then 2 s, transient and malformed answers retried"

# --- A show that stops while a platform trickles its answer (1 byte a second) ---
# Without aborting the transfer in flight, the stop would wait for curl's 15 s low-speed limit.
fake slow
cat > slow.json <<JSON
{ "name": "slow chat", "sources": [ { "id": "cam", "kind": "test" } ],
  "questions": { "youtube": { "live_chat_id": "$CHAT", "token_env": "YT_TOKEN", "api_base": "$BASE" } },
  "outputs": [ { "id": "rec", "kind": "record", "dir": "out" } ] }
JSON
start=$SECONDS
YT_TOKEN=test-yt-token expect_exit 0 "$PLENUM" run slow.json --headless --duration 3
[ $((SECONDS - start)) -le 10 ] || fail "the show took $((SECONDS - start)) s to stop while the chat trickled"
wait_for_line "$WORK/slow.fake.txt" 'client gone after' 5
ok "a show stops at once while YouTube trickles an answer (the transfer is aborted)"
