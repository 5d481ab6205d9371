#!/bin/bash
# Self-test of tests/fake_platforms.py: starts each scenario and checks it with curl (status codes,
# bodies, tokens and cursors followed, an early call flagged, the 5 MB page, the slow drip giving up
# when the client goes, SIGTERM), measures how fast yt_flood serves (curl fetching every page in a
# loop; must be >= 50,000 messages/s) and prints it. Exits non-zero if a check fails.
# Needs python3 and curl.   Usage: tests/fake_platforms_selftest.sh
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# the interpreter itself, not a version manager's shim (pyenv's costs a second a start)
PYTHON=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}
FAKE="$HERE/fake_platforms.py"
WORK=$(mktemp -d)
PID=
SCEN=
PORT=
LOG=
FAILED=0
CHECKS=0
RUN=0
declare -A CODE LINE

CHAT=Cg0KC25aVm5ncmJzMnl3KicKGFVDeGtBbGVucU5jdHRWVHJHNXZ4dWcxURILblpWbmdyYnMyeXc
YT_AUTH="Authorization: Bearer test-yt-token"
FB_AUTH="Authorization: Bearer test-fb-token"
FB_QUERY="fields=from%7Bname%2Cid%7D%2Cmessage%2Ccreated_time&filter=stream&live_filter=no_filter"

cleanup() {
    if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL [$SCEN] $*"; FAILED=$((FAILED + 1)); }

start() {  # start SCENARIO [fake options]
    SCEN=$1
    RUN=$((RUN + 1))
    LOG="$WORK/$RUN.$SCEN.jsonl"
    OUT="$WORK/$RUN.$SCEN.out"
    ERR="$WORK/$RUN.$SCEN.err"
    "$PYTHON" "$FAKE" --port 0 --scenario "$@" --log "$LOG" >"$OUT" 2>"$ERR" &
    PID=$!
    for _ in $(seq 200); do
        grep -q '^listening ' "$OUT" 2>/dev/null && break
        sleep 0.05
    done
    PORT=$(awk '/^listening /{print $2}' "$OUT")
    [ -n "$PORT" ] || { fail "no 'listening PORT' line"; cat "$ERR"; exit 1; }
    YT="http://127.0.0.1:$PORT/youtube/v3/liveChat/messages?liveChatId=$CHAT&part=snippet,authorDetails"
    FB="http://127.0.0.1:$PORT/v21.0/10215840463339953/comments?$FB_QUERY"
}

stop() {  # SIGTERM: must exit 0 within 3 s; then every log line must have the documented keys
    local t0 rc
    t0=$(date +%s%N)
    kill -TERM "$PID"
    wait "$PID"
    rc=$?
    PID=
    [ "$rc" = 0 ] || fail "exit status $rc after SIGTERM: $(cat "$ERR")"
    [ ! -s "$ERR" ] || [ "$SCEN" = slow ] || fail "stderr: $(cat "$ERR")"
    [ $(( ($(date +%s%N) - t0) / 1000000 )) -lt 3000 ] || fail "slow to stop on SIGTERM"
    "$PYTHON" - "$LOG" <<'PY' || fail "log format"
import json, sys
for n, line in enumerate(open(sys.argv[1]), 1):
    r = json.loads(line)
    assert isinstance(r["t"], float), (n, r)
    assert r["platform"] in ("youtube", "facebook", None), (n, r)
    assert isinstance(r["path"], str) and isinstance(r["query"], dict), (n, r)
    assert r["auth"] is None or isinstance(r["auth"], str), (n, r)
    assert isinstance(r["status"], int), (n, r)
PY
    echo "ok   [$SCEN] $CHECKS checks, $(wc -l <"$LOG") requests logged"
    CHECKS=0
}

get() {  # get NAME URL [curl options]: body in $WORK/NAME, status in CODE[NAME]
    local name=$1
    shift
    CODE[$name]=$(curl -s -o "$WORK/$name" -w '%{http_code}' "$@")
    LINE[$name]=$(wc -l <"$LOG")
}

check() {  # check NAME DESCRIPTION PYTHON_EXPR
    # names in the expression: code, body (bytes), d (parsed or None), reason (YouTube errors[0]),
    # me (this request's log line), log (all lines)
    CHECKS=$((CHECKS + 1))
    "$PYTHON" - "${CODE[$1]}" "$WORK/$1" "$LOG" "${LINE[$1]}" "$3" <<'PY' || fail "$1: $2"
import json, sys
code, path, log_path, line, expr = sys.argv[1:]
code, body = int(code), open(path, "rb").read()
try:
    d = json.loads(body)
except ValueError:
    d = None
log = [json.loads(l) for l in open(log_path)]
me = log[int(line) - 1]
try:
    reason = d["error"]["errors"][0]["reason"]
except (TypeError, KeyError, IndexError):
    reason = None
ok = eval(expr)
if not ok:
    print(f"  code={code} me={json.dumps(me)[:300]} body={body[:300]!r}")
sys.exit(0 if ok else 1)
PY
}

gap() { sleep 0.35; }  # a little more than pollingIntervalMillis 300

# --- yt_basic ---------------------------------------------------------------------------------
start yt_basic
get noauth "$YT"
check noauth "no credentials: 401 authError" 'code == 401 and reason == "authError"'
get badkey "$YT&key=wrong"
check badkey "wrong key: 401" 'code == 401 and reason == "authError"'
get wrongchat "${YT/$CHAT/nochat}" -H "$YT_AUTH"
check wrongchat "wrong liveChatId: 404 liveChatNotFound" 'code == 404 and reason == "liveChatNotFound"'
get nopart "http://127.0.0.1:$PORT/youtube/v3/liveChat/messages?liveChatId=$CHAT" -H "$YT_AUTH"
check nopart "no part: 400 required" 'code == 400 and reason == "required"'
get p0 "$YT" -H "$YT_AUTH"
get early "$YT&pageToken=p1&key=test-yt-key"
check p0 "first page" 'code == 200 and d["nextPageToken"] == "p1" and d["pollingIntervalMillis"] == 300 and len(d["items"]) == 2 and d["kind"] == "youtube#liveChatMessageListResponse"'
check p0 "first page: a superChatEvent with userComment" 'd["items"][1]["snippet"]["type"] == "superChatEvent" and d["items"][1]["snippet"]["superChatDetails"]["userComment"]'
check early "a call sooner than 300 ms: 403 rateLimitExceeded, logged early" 'code == 403 and reason == "rateLimitExceeded" and me.get("early") is True'
check p0 "the page's log line is not early" '"early" not in me and me["status"] == 200 and me["auth"] == "Bearer test-yt-token"'
gap
get unknown "$YT&pageToken=zzz" -H "$YT_AUTH"
check unknown "unknown token: 400 pageTokenInvalid, logged" 'code == 400 and reason == "pageTokenInvalid" and me.get("bad_token") is True and "early" not in me'
gap
get notoken "$YT" -H "$YT_AUTH"
check notoken "no token when one is due: 400 pageTokenInvalid" 'code == 400 and reason == "pageTokenInvalid"'
gap
get p1 "$YT&pageToken=p1&key=test-yt-key"
check p1 "token p1 followed: page p2" 'code == 200 and d["nextPageToken"] == "p2" and me["query"]["pageToken"] == "p1" and me["auth"] is None'
check p1 "a message id repeated from the first page" 'd["items"][0]["id"] == json.load(open(sys.argv[2].rsplit("/", 1)[0] + "/p0"))["items"][0]["id"]'
gap
get stale "$YT&pageToken=p1" -H "$YT_AUTH"
check stale "stale token p1: 400 pageTokenInvalid" 'code == 400 and reason == "pageTokenInvalid" and me["bad_token"]'
gap
get p2 "$YT&pageToken=p2&prettyPrint=false" -H "$YT_AUTH"
check p2 "page p3 deletes a message of p2 (compact JSON)" 'code == 200 and d["nextPageToken"] == "p3" and d["items"][1]["snippet"]["type"] == "messageDeletedEvent" and d["items"][1]["snippet"]["messageDeletedDetails"]["deletedMessageId"] == json.load(open(sys.argv[2].rsplit("/", 1)[0] + "/p1"))["items"][1]["id"] and b"\n" not in body'
gap
get p3 "$YT&pageToken=p3" -H "$YT_AUTH"
check p3 "chat end page: offlineAt and chatEndedEvent" 'code == 200 and d["offlineAt"] and d["items"][0]["snippet"]["type"] == "chatEndedEvent" and d["nextPageToken"] == "p4"'
gap
get p4 "$YT&pageToken=p4" -H "$YT_AUTH"
check p4 "after the end: 403 liveChatEnded" 'code == 403 and reason == "liveChatEnded"'
get fb "$FB" -H "$FB_AUTH"
check fb "yt_basic does not serve facebook" 'code == 404 and me["platform"] == "facebook"'
stop

# --- yt_ended_error, yt_notfound, yt_quota ----------------------------------------------------
start yt_ended_error
get p0 "$YT" -H "$YT_AUTH"
check p0 "a page" 'code == 200 and d["nextPageToken"] == "p1"'
gap
get p1 "$YT&pageToken=p1" -H "$YT_AUTH"
check p1 "then 403 liveChatEnded" 'code == 403 and reason == "liveChatEnded" and d == json.load(open("'"$HERE"'/fixtures/platforms/yt_err_ended.json"))'
stop
start yt_notfound
get p0 "$YT" -H "$YT_AUTH"
check p0 "404 liveChatNotFound at once" 'code == 404 and reason == "liveChatNotFound"'
stop
start yt_quota
get p0 "$YT" -H "$YT_AUTH"
check p0 "403 quotaExceeded at once" 'code == 403 and reason == "quotaExceeded"'
stop

# --- yt_rate ----------------------------------------------------------------------------------
start yt_rate
get p0 "$YT" -H "$YT_AUTH"
gap
get r1 "$YT&pageToken=p1" -H "$YT_AUTH"
sleep 1
get r2 "$YT&pageToken=p1" -H "$YT_AUTH"
sleep 2
get p1 "$YT&pageToken=p1" -H "$YT_AUTH"
check p0 "a page" 'code == 200 and d["nextPageToken"] == "p1"'
check r1 "rateLimitExceeded, not early" 'code == 403 and reason == "rateLimitExceeded" and "early" not in me'
check r2 "rateLimitExceeded again" 'code == 403 and reason == "rateLimitExceeded" and "early" not in me'
check p1 "then a page, same token" 'code == 200 and d["nextPageToken"] == "p2"'
check p1 "the log shows the gaps (>= 1 s, >= 2 s)" 'log[2]["t"] - log[1]["t"] >= 1.0 and log[3]["t"] - log[2]["t"] >= 2.0'
gap
get p2 "$YT&pageToken=p2" -H "$YT_AUTH"
gap
get p3 "$YT&pageToken=p3" -H "$YT_AUTH"
check p3 "chat end" 'code == 200 and d["items"][0]["snippet"]["type"] == "chatEndedEvent"'
stop

# --- yt_malformed -----------------------------------------------------------------------------
start yt_malformed
get m1 "$YT" -H "$YT_AUTH"
check m1 "1: 200 with truncated JSON" 'code == 200 and d is None and b"\"items\"" in body and me["answer"].startswith("truncated")'
gap
get m2 "$YT" -H "$YT_AUTH"
check m2 "2: items as a string (the old, empty token still taken after an unreadable page)" 'code == 200 and isinstance(d["items"], str) and d["nextPageToken"] == "p2"'
gap
get m3 "$YT&pageToken=p2" -H "$YT_AUTH"
check m3 "3: an item whose snippet is a number, then a good one" 'code == 200 and isinstance(d["items"][0]["snippet"], int) and isinstance(d["items"][1]["snippet"], dict)'
gap
get m4 "$YT&pageToken=p3" -H "$YT_AUTH"
check m4 "4: pollingIntervalMillis as a string" 'code == 200 and d["pollingIntervalMillis"] == "300"'
gap
T0=$(date +%s%N)
get m5 "$YT&pageToken=p4" -H "$YT_AUTH"
T1=$(date +%s%N)
check m5 "5: a ~5 MB page of 20,000 messages" 'code == 200 and 5000000 <= len(body) <= 5500000 and len(d["items"]) == 20000 and me["bytes"] == len(body)'
echo "     [$SCEN] 5 MB page: $(stat -c %s "$WORK/m5") bytes, fetched in $(( (T1 - T0) / 1000000 )) ms"
sleep 0.4
get m6 "$YT&pageToken=p5" -H "$YT_AUTH"
check m6 "6: HTTP 500 with an HTML body" 'code == 500 and body.startswith(b"<!DOCTYPE html>") and d is None'
gap
get m7 "$YT&pageToken=p5" -H "$YT_AUTH"
check m7 "7: a normal page" 'code == 200 and len(d["items"]) == 2 and d["nextPageToken"] == "p6" and d["pollingIntervalMillis"] == 300'
gap
get m8 "$YT&pageToken=p6" -H "$YT_AUTH"
check m8 "8: chat end" 'code == 200 and d["offlineAt"]'
check m8 "no early call in this run" 'not any(r.get("early") for r in log)'
stop

# --- yt_video ---------------------------------------------------------------------------------
start yt_video
V="http://127.0.0.1:$PORT/youtube/v3/videos?part=liveStreamingDetails"
get v0 "$V&id=nZVngrbs2yw"
check v0 "videos without credentials: 401" 'code == 401 and reason == "authError"'
get v1 "$V&id=nZVngrbs2yw&key=test-yt-key"
check v1 "videos: activeLiveChatId" 'code == 200 and d["items"][0]["liveStreamingDetails"]["activeLiveChatId"] == "'"$CHAT"'"'
get v2 "$V&id=nosuchvideo" -H "$YT_AUTH"
check v2 "videos, unknown id: 200 with no items" 'code == 200 and d["items"] == [] and d["pageInfo"]["totalResults"] == 0'
get p0 "$YT" -H "$YT_AUTH"
check p0 "then the chat" 'code == 200 and d["nextPageToken"] == "p1" and len(d["items"]) == 2'
stop

# --- yt_flood ---------------------------------------------------------------------------------
# (a) the fake's serving rate: one curl on one keep-alive connection fetches all the pages, with
# the tokens the fake will hand out (p1, p2, ...; each page is then checked to have handed out
# exactly that one); (b) for information, a curl a page following each page's token, which on a
# small machine measures curl's start-up more than the fake.
N=100000
PAGES=$((N / 2000))
start yt_flood --messages $N
T0=$(date +%s%N)
curl -s -f -H "$YT_AUTH" "$YT&maxResults=2000" -o "$WORK/flood_0" \
     "$YT&maxResults=2000&pageToken=p[1-$PAGES]" -o "$WORK/flood_#1" || fail "flood: curl $?"
T1=$(date +%s%N)
MS=$(( (T1 - T0) / 1000000 ))
RATE=$(( N * 1000 / (MS > 0 ? MS : 1) ))
"$PYTHON" - "$WORK" "$PAGES" "$N" <<'PY' || fail "flood pages"
import json, sys
work, pages, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
total, ids = 0, set()
for i in range(pages + 1):
    d = json.load(open(f"{work}/flood_{i}"))
    assert d["nextPageToken"] == f"p{i + 1}", (i, d["nextPageToken"])
    assert d["pollingIntervalMillis"] == 0
    if i == pages:
        assert d["offlineAt"] and d["items"][0]["snippet"]["type"] == "chatEndedEvent"
        break
    items = d["items"]
    assert len(items) == d["pageInfo"]["resultsPerPage"] == 2000
    ids.update(item["id"] for item in items)
    total += len(items)
    if i == 0:
        texts = [item["snippet"]["displayMessage"] for item in items]
        assert len(set(texts)) < 1500, "texts repeat"
        assert any("https://" in t for t in texts), "links"
        assert sum("?" in t for t in texts) > 500, "questions"
        assert any(item["snippet"]["type"] == "superChatEvent" for item in items)
assert total == n == len(ids), (total, len(ids))
PY
[ "$RATE" -ge 50000 ] || fail "flood served only $RATE messages/s"
echo "     [$SCEN] one curl, one connection: $N messages in $((PAGES + 1)) pages in $MS ms: $RATE messages/s"
CHECKS=2
stop
start yt_flood --messages $N
TOKEN=
TOTAL=0
COUNT=0
T0=$(date +%s%N)
while :; do
    URL="$YT&maxResults=2000"
    [ -n "$TOKEN" ] && URL="$URL&pageToken=$TOKEN"
    curl -s -f -o "$WORK/page" -H "$YT_AUTH" "$URL" || { fail "flood page $COUNT: curl $?"; break; }
    HEAD=$(head -c 400 "$WORK/page")
    [[ $HEAD == *'"offlineAt"'* ]] && break
    [[ $HEAD =~ \"resultsPerPage\":([0-9]+) ]] || { fail "flood page $COUNT: no resultsPerPage"; break; }
    TOTAL=$((TOTAL + BASH_REMATCH[1]))
    COUNT=$((COUNT + 1))
    [[ $HEAD =~ \"nextPageToken\":\"([^\"]+)\" ]] || { fail "flood page $COUNT: no token"; break; }
    TOKEN=${BASH_REMATCH[1]}
    [ $COUNT -gt $((PAGES + 10)) ] && { fail "flood does not end"; break; }
done
T1=$(date +%s%N)
MS=$(( (T1 - T0) / 1000000 ))
[ "$TOTAL" = "$N" ] || fail "flood (token loop) served $TOTAL messages, not $N"
echo "     [$SCEN] a curl a page, following tokens: $TOTAL messages in $COUNT pages in $MS ms: $(( TOTAL * 1000 / (MS > 0 ? MS : 1) )) messages/s"
"$PYTHON" - "$LOG" <<'PY'
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
pages = [r for r in log if r.get("answer", "").startswith("flood")]
span = pages[-1]["t"] - pages[0]["t"]
n = sum(r["items"] for r in pages[:-1])
print(f"     [yt_flood] (its log: {n} messages from the first to the last page request in "
      f"{span * 1000:.0f} ms; {sum(r['bytes'] for r in pages) / 1e6:.1f} MB in all)")
PY
CHECKS=1
stop

# --- fb_basic ---------------------------------------------------------------------------------
start fb_basic
get noauth "$FB"
check noauth "no token: 400 code 190" 'code == 400 and d["error"]["code"] == 190'
get badvideo "http://127.0.0.1:$PORT/v21.0/999/comments?$FB_QUERY" -H "$FB_AUTH"
check badvideo "unknown video: 400 code 100 naming it" 'code == 400 and d["error"]["code"] == 100 and "999" in d["error"]["message"]'
get c1 "$FB" -H "$FB_AUTH"
check c1 "poll 1: 3 comments, one without from, a cursor" 'code == 200 and len(d["data"]) == 3 and sum("from" not in c for c in d["data"]) == 1 and d["paging"]["cursors"]["after"]'
AFTER=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["paging"]["cursors"]["after"])' "$WORK/c1")
get c2 "$FB&after=$AFTER" -H "$FB_AUTH"
check c2 "poll 2: new comments, one id re-sent from poll 1" 'code == 200 and len(d["data"]) == 3 and len({c["id"] for c in d["data"]} & {c["id"] for c in json.load(open(sys.argv[2][:-2] + "c1"))["data"]}) == 1'
AFTER=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["paging"]["cursors"]["after"])' "$WORK/c2")
get c3 "$FB&after=$AFTER" -H "$FB_AUTH"
check c3 "poll 3: new comments" 'code == 200 and len(d["data"]) == 2'
AFTER=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["paging"]["cursors"]["after"])' "$WORK/c3")
get c4 "$FB&after=$AFTER" -H "$FB_AUTH"
check c4 "poll 4: exactly {\"data\":[]}" 'code == 200 and body == b"{\"data\":[]}" and me["items"] == 0'
get c5 "$FB&after=$AFTER&access_token=test-fb-token"
check c5 "poll 5 (access_token in the query): still empty" 'code == 200 and d == {"data": []}'
get bad "$FB&after=bogus" -H "$FB_AUTH"
check bad "unknown cursor: 400 code 100, logged" 'code == 400 and d["error"]["code"] == 100 and me["bad_cursor"]'
get all "http://127.0.0.1:$PORT/v21.0/10215840463339953/comments?fields=message&limit=5" -H "$FB_AUTH"
check all "no cursor: from the start, limit and fields honoured, next link" 'code == 200 and len(d["data"]) == 5 and all(set(c) == {"message", "id"} for c in d["data"]) and "after=" in d["paging"]["next"]'
check all "Graph escapes slashes" 'b"\\/" in body'
stop

# --- fb_token, fb_rate, fb_transient, fb_malformed ---------------------------------------------
start fb_token
get c1 "$FB" -H "$FB_AUTH"
check c1 "400 code 190 even with the token" 'code == 400 and d["error"]["code"] == 190'
stop
start fb_rate
get c1 "$FB" -H "$FB_AUTH"
get r1 "$FB" -H "$FB_AUTH"
get r2 "$FB" -H "$FB_AUTH"
get c2 "$FB" -H "$FB_AUTH"
check c1 "a page" 'code == 200 and len(d["data"]) == 3'
check r1 "403 code 32" 'code == 403 and d["error"]["code"] == 32'
check r2 "403 code 32 again" 'code == 403 and d["error"]["code"] == 32'
check c2 "then pages (the list has grown)" 'code == 200 and len(d["data"]) == 6'
stop
start fb_transient
get e1 "$FB" -H "$FB_AUTH"
get e2 "$FB" -H "$FB_AUTH"
get c1 "$FB" -H "$FB_AUTH"
check e1 "code 2, transient" 'code == 500 and d["error"]["code"] == 2 and d["error"]["is_transient"]'
check e2 "code 2 again" 'code == 500 and d["error"]["code"] == 2'
check c1 "then a page" 'code == 200 and len(d["data"]) == 3'
stop
start fb_malformed
get m1 "$FB" -H "$FB_AUTH"
get m2 "$FB" -H "$FB_AUTH"
get m3 "$FB" -H "$FB_AUTH"
get m4 "$FB" -H "$FB_AUTH"
check m1 "truncated JSON" 'code == 200 and d is None and body.startswith(b"{\"data\":[")'
check m2 "data as an object" 'code == 200 and isinstance(d["data"], dict)'
check m3 "a message as a number, and a good one" 'code == 200 and d["data"][0]["message"] == 42 and isinstance(d["data"][1]["message"], str)'
check m4 "then normal" 'code == 200 and len(d["data"]) == 3'
stop

# --- both, slow --------------------------------------------------------------------------------
start both
get yt "$YT" -H "$YT_AUTH"
get fb "$FB" -H "$FB_AUTH"
check yt "YouTube served" 'code == 200 and me["platform"] == "youtube" and len(d["items"]) == 2'
check fb "Facebook served" 'code == 200 and me["platform"] == "facebook" and len(d["data"]) == 3'
stop
start slow
T0=$(date +%s%N)
curl -s -o "$WORK/slowbody" -D "$WORK/slowhead" --max-time 3 -H "$YT_AUTH" "$YT"
RC=$?
T1=$(date +%s%N)
[ "$RC" = 28 ] || fail "slow: curl exit $RC, not 28 (timeout)"
[ $(( (T1 - T0) / 1000000 )) -lt 4000 ] || fail "slow: curl took $(( (T1 - T0) / 1000000 )) ms"
grep -q '^HTTP/1.1 200' "$WORK/slowhead" || fail "slow: no status line at once"
BYTES=$(stat -c %s "$WORK/slowbody")
{ [ "$BYTES" -ge 2 ] && [ "$BYTES" -le 4 ]; } || fail "slow: $BYTES bytes in 3 s"
for _ in $(seq 30); do grep -q 'slow: client gone' "$ERR" && break; sleep 0.1; done
grep -q 'slow: client gone' "$ERR" || fail "slow: the drip did not stop when curl went"
CHECKS=5
echo "     [$SCEN] $(cat "$ERR")"
curl -s -o /dev/null --max-time 2 -H "$FB_AUTH" "$FB"
stop

if [ "$FAILED" -ne 0 ]; then
    echo "$FAILED check(s) failed"
    exit 1
fi
echo "all fake_platforms checks passed"
