#!/usr/bin/env python3
"""A local fake of YouTube's liveChatMessages API and Facebook's live comments API, for the
question collectors' tests and bench.

  python3 tests/fake_platforms.py --port 0 --scenario NAME [--log requests.jsonl]
      [--messages N] [--page-size N] [--interval-ms N] [--tls CERT KEY]

Prints `listening PORT` on stdout (flushed) once bound, then serves (one thread a connection,
HTTP/1.1 keep-alive) until SIGTERM or SIGINT, and exits 0. With --tls it speaks HTTPS with
that certificate and key (PEM); a client that refuses the certificate is dropped silently
(not for the slow scenario, whose drip peeks at the plain socket). Bodies are built from the fixtures in
tests/fixtures/platforms/ (copies of the documented response shapes).

Routes
  GET /youtube/v3/liveChat/messages?liveChatId=ID&part=snippet,authorDetails
          [&pageToken=T][&maxResults=N][&key=K][&prettyPrint=false]
  GET /youtube/v3/videos?part=liveStreamingDetails&id=VIDEO_ID[&key=K]
      Credentials: `Authorization: Bearer test-yt-token` or `key=test-yt-key`, else 401 with
      YouTube's error shape, reason "authError". Missing `part` (or liveChatId, or id) gives
      400 reason "required". `part` is honoured: an item carries only the parts asked for
      (kind, etag, id always). ID is the fixtures' chat id
      "Cg0KC25aVm5ncmJzMnl3KicKGFVDeGtBbGVucU5jdHRWVHJHNXZ4dWcxURILblpWbmdyYnMyeXc" (another
      gives 404 liveChatNotFound); VIDEO_ID is "nZVngrbs2yw" (another gives 200 with no items,
      as videos.list does). JSON is indented as Google sends it unless prettyPrint=false (the
      yt_flood pages and the 5 MB page are always compact); UTF-8 is sent unescaped.
      Each chat page has `pollingIntervalMillis` (the scenario's), `nextPageToken` "p1", "p2", ...
      The fake is strict where YouTube is lenient, so tests can assert good client behaviour:
      - the pageToken must be the last nextPageToken handed out (none before the first page);
        after a page the client may not have been able to read (the yt_malformed ones) the
        previous token is still accepted too. Any other token, or none when one is due: 400
        reason "pageTokenInvalid", logged with "bad_token": true, nothing consumed.
      - a request sooner than the last page's pollingIntervalMillis after the previous chat
        answer was fully sent (5 ms of slack): 403 rateLimitExceeded (fixture), logged with
        "early": true, nothing consumed. A bad token takes precedence over early (both logged).
      - once a scenario's answers are spent (after the chat-end page): 403 liveChatEnded,
        without those checks.
  GET /vNN.N/{video_id}/comments?fields=...&filter=stream&live_filter=no_filter
          [&after=CURSOR][&limit=N]
      Credentials: `Authorization: Bearer test-fb-token` (or access_token=test-fb-token, as
      Graph takes too), else HTTP 400 with the code 190 fixture. video_id is "10215840463339953"
      (the live video of fb_create_live.json) or "912390185605127" (the object of the
      fb_comments.json ids); another gives HTTP 400 with the code 100 fixture. `fields` is
      honoured (id always; default created_time,from,message; `from{name}` selects inside),
      filter/live_filter/order are only logged. The comments are a growing list: each answered
      page request first adds the scenario's next batch (if any), then answers the comments after
      the `after` cursor (from the start without one), at most `limit` (default 25), oldest
      first, with paging.cursors.before/after and paging.next (this server's URL) when more are
      already there; nothing new gives exactly {"data":[]}. Every cursor handed out stays valid;
      an unknown one gives HTTP 400 code 100, logged with "bad_cursor": true. Graph's JSON
      quirks are kept: compact, non-ASCII as \\uXXXX, "/" as "\\/".

Scenarios (--interval-ms overrides the YouTube polling interval: default 300, yt_flood 0)
  yt_basic        4 chat pages: [A, B(superChatEvent with userComment)], [A again (same id, a
                  duplicate across pages), C], [D, E(messageDeletedEvent deleting C)], then the
                  yt_chat_offline.json page (offlineAt + a chatEndedEvent item); then
                  liveChatEnded. A and B are the fixture items; C and D have a link / "?" / UTF-8.
  yt_ended_error  one page, then 403 liveChatEnded (fixture).
  yt_notfound     every chat request: 404 liveChatNotFound (fixture).
  yt_quota        every chat request: 403 quotaExceeded (fixture).
  yt_rate         a page; two 403 rateLimitExceeded whatever the timing; two pages; chat end.
                  The log's "t" shows the client's backoff between the calls.
  yt_malformed    one answer each, in order: (1) a 200 page truncated mid-item; (2) "items" as a
                  string; (3) items [an item whose "snippet" is a number, a good item];
                  (4) "pollingIntervalMillis" as the string "300" (one good item); (5) a ~5 MB
                  compact page of 20,000 text messages (items keep id, snippet.type/publishedAt/
                  hasDisplayContent/displayMessage/textMessageDetails and authorDetails.channelId/
                  displayName; the rest is left out so 20,000 fit in 5 MB); (6) HTTP 500 with
                  Google's HTML error page; (7) a normal page; (8) chat end.
  yt_video        videos.list answers yt_videos_list_live.json (activeLiveChatId = the chat id);
                  the chat is yt_basic.
  yt_flood        --messages N (default 100000) messages, --page-size N (default 2000; a smaller
                  maxResults is honoured) a page, pollingIntervalMillis 0, then chat end. Pages are
                  rendered from a bytes %-template before `listening` is printed (up to 250,000
                  messages, ~0.2 s a 100,000; beyond, per request), so a page costs one send
                  (the selftest measures the rate). Texts repeat
                  (half come from a small pool), some have links, many "?", some UTF-8; every
                  100th is a superChatEvent.
  fb_basic        three polls each bring a batch of new comments (some without "from", the second
                  batch re-sends a comment id of the first), then {"data":[]} for ever.
  fb_token        every comments request: HTTP 400 code 190 (fixture).
  fb_rate         a page; two HTTP 403 code 32 (fixture); then as fb_basic.
  fb_transient    two HTTP 500 code 2 (is_transient); then as fb_basic.
  fb_malformed    (1) a 200 page truncated mid-item; (2) "data" as an object; (3) a comment whose
                  "message" is a number, next to a good one; then as fb_basic.
  both            yt_basic and fb_basic at the same time.
  slow            YouTube (and Facebook) answers: status and headers at once, then the body of
                  the first page at 1 byte a second; it stops when the client goes away and says so
                  on stderr ("slow: client gone after N of M bytes"). The chat never advances.
A platform the scenario does not serve answers 404 {"error": "..."}; other paths 404.

Log (--log FILE): one JSON line a request, appended and flushed before the body is sent:
  {"t": time.monotonic() at arrival, "platform": "youtube"|"facebook"|null, "path": "...",
   "query": {name: value (a list if repeated)}, "auth": Authorization header or null,
   "status": N, "answer": what was served ("page p2", "rateLimitExceeded", "truncated", ...),
   "bytes": body length}
  plus "items": N on pages, "early": true, "bad_token": true, "bad_cursor": true when so.
"""
import argparse
import base64
import copy
import datetime
import hashlib
import http.server
import json
import os
import select
import signal
import socket
import ssl
import sys
import threading
import time
import urllib.parse

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "platforms")

YT_TOKEN = "test-yt-token"
YT_KEY = "test-yt-key"
FB_TOKEN = "test-fb-token"
VIDEO_ID = "nZVngrbs2yw"
FB_VIDEO_IDS = ("10215840463339953", "912390185605127")
EARLY_SLACK = 0.005
JSON = "application/json; charset=UTF-8"


def fixture(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return json.load(f)


YT_LIST = fixture("yt_chat_list.json")
YT_OFFLINE = fixture("yt_chat_offline.json")
YT_ENDED = fixture("yt_err_ended.json")
YT_NOTFOUND = fixture("yt_err_notfound.json")
YT_QUOTA = fixture("yt_err_quota.json")
YT_RATE = fixture("yt_err_rate.json")
YT_VIDEOS = fixture("yt_videos_list_live.json")
FB_COMMENTS = fixture("fb_comments.json")
FB_EMPTY = fixture("fb_comments_empty.json")
FB_ERR_TOKEN = fixture("fb_err_token.json")
FB_ERR_RATE = fixture("fb_err_ratelimit.json")
FB_ERR_OBJECT = fixture("fb_err_object.json")

CHAT_ID = YT_LIST["items"][0]["snippet"]["liveChatId"]
assert YT_VIDEOS["items"][0]["liveStreamingDetails"]["activeLiveChatId"] == CHAT_ID
assert YT_VIDEOS["items"][0]["id"] == VIDEO_ID


def yt_error(code, message, reason, domain="global", location=None, location_type=None):
    """An error body in the shape of the yt_err_*.json fixtures."""
    item = {"message": message, "domain": domain, "reason": reason}
    if location:
        item["location"] = location
        item["locationType"] = location_type
    return {"error": {"code": code, "message": message, "errors": [item]}}


YT_AUTH = yt_error(401, "Request had invalid authentication credentials. Expected OAuth 2 access "
                   "token, login cookie or other valid authentication credential. See "
                   "https://developers.google.com/identity/sign-in/web/devconsole-project.",
                   "authError", location="Authorization", location_type="header")
YT_AUTH["error"]["errors"][0]["message"] = "Invalid Credentials"
YT_BAD_TOKEN = yt_error(400, "The request specifies an invalid page token.", "pageTokenInvalid",
                        domain="youtube.parameter", location="pageToken",
                        location_type="parameter")
YT_HTML_500 = """<!DOCTYPE html>
<html lang=en>
  <meta charset=utf-8>
  <meta name=viewport content="initial-scale=1, minimum-scale=1, width=device-width">
  <title>Error 500 (Server Error)!!1</title>
  <style>
    *{margin:0;padding:0}html,code{font:15px/22px arial,sans-serif}body{margin:7% auto 0;max-width:390px;min-height:180px;padding:30px 0 15px}p{margin:11px 0 22px;overflow:hidden}ins{color:#777;text-decoration:none}
  </style>
  <a href=//www.google.com/><span id=logo aria-label=Google></span></a>
  <p><b>500.</b> <ins>That\u2019s an error.</ins>
  <p>There was an error. Please try again later. <ins>That\u2019s all we know.</ins>
""".encode()


def yt_required(name):
    return yt_error(400, f"Required parameter: {name}", "required", location=name,
                    location_type="parameter")


FB_ERR_TRANSIENT = {"error": {"message": "An unexpected error has occurred. Please retry your "
                              "request later.", "type": "OAuthException", "is_transient": True,
                              "code": 2, "fbtrace_id": "AkQ3rT9uVw1"}}
FB_ERR_CURSOR = {"error": {"message": "(#100) The parameter after is not a valid cursor.",
                           "type": "OAuthException", "code": 100, "fbtrace_id": "Bc4dE5fG6hI"}}
FB_WWW_AUTH = ('OAuth "Facebook Platform" "invalid_token" "Error validating access token: Session '
               'has expired"')


class Reply:
    def __init__(self, status, body, ctype=JSON, answer="", headers=(), slow=False, **log):
        self.status, self.body, self.ctype, self.headers = status, body, ctype, list(headers)
        self.slow, self.on_done = slow, None
        self.log = {"answer": answer, **log}


def yt_json(obj, pretty=True):
    if pretty:
        return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode()
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def fb_json(obj):
    return json.dumps(obj, separators=(",", ":")).replace("/", "\\/").encode()


# --- YouTube messages ------------------------------------------------------------------------

BASE_TIME = datetime.datetime(2024, 5, 18, 14, 2, 11, 512883, tzinfo=datetime.timezone.utc)


def yt_time(seconds):
    return (BASE_TIME + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def yt_id(n):
    raw = base64.urlsafe_b64encode(b"\x0a\x1aplenum-fake-msg-%08d" % n).decode().rstrip("=")
    return "LCC." + raw


def etag(seed):
    return base64.urlsafe_b64encode(hashlib.sha1(repr(seed).encode()).digest()).decode()[:27]


def channel_id(n):
    return "UC" + ("fake%018d" % n)


def author_details(n, name, moderator=False, sponsor=False):
    details = copy.deepcopy(YT_LIST["items"][0]["authorDetails"])
    cid = channel_id(n)
    details.update(channelId=cid, channelUrl="http://www.youtube.com/channel/" + cid,
                   displayName=name, isChatModerator=moderator, isChatSponsor=sponsor)
    details["profileImageUrl"] = "https://yt3.ggpht.com/ytc/fake%d=s88-c-k-c0x00ffffff-no-rj" % n
    return details


def yt_text(n, text, author, name, seconds):
    item = copy.deepcopy(YT_LIST["items"][0])
    item["etag"], item["id"] = etag(("msg", n)), yt_id(n)
    snippet = item["snippet"]
    snippet.update(authorChannelId=channel_id(author), publishedAt=yt_time(seconds),
                   displayMessage=text)
    snippet["textMessageDetails"]["messageText"] = text
    item["authorDetails"] = author_details(author, name)
    return item


def yt_deleted(n, deleted_id, seconds):
    item = copy.deepcopy(YT_LIST["items"][0])
    item["etag"], item["id"] = etag(("msg", n)), yt_id(n)
    item["snippet"] = {"type": "messageDeletedEvent", "liveChatId": CHAT_ID,
                       "authorChannelId": channel_id(900), "publishedAt": yt_time(seconds),
                       "hasDisplayContent": False,
                       "messageDeletedDetails": {"deletedMessageId": deleted_id}}
    item["authorDetails"] = author_details(900, "Chat Moderator", moderator=True)
    return item


MSG_A, MSG_B = YT_LIST["items"]
MSG_C = yt_text(3, "Is the budget vote tonight? Agenda: https://example.org/agenda#item-7", 31,
                "Rosa Parks", 40)
MSG_D = yt_text(4, "¿Habrá interpretación al español? Will there be Spanish interpretation?", 32,
                "José Núñez", 55)
MSG_E = yt_deleted(5, MSG_C["id"], 61)
MSG_F = yt_text(6, "Can you turn the microphone up please?", 33, "Alan Turing", 70)
MSG_G = yt_text(7, "When does public comment start?", 34, "Katherine Johnson", 82)
MSG_H = yt_text(8, "Thanks for streaming this!", 35, "Margaret Hamilton", 95)


def offline_page(token, interval):
    page = copy.deepcopy(YT_OFFLINE)
    page["etag"], page["pollingIntervalMillis"], page["nextPageToken"] = etag(token), interval, token
    return page


def chat_page(items, token, interval):
    return {"kind": YT_LIST["kind"], "etag": etag(token), "pollingIntervalMillis": interval,
            "pageInfo": {"totalResults": len(items), "resultsPerPage": len(items)},
            "nextPageToken": token, "items": items}


def filter_parts(items, parts):
    if {"snippet", "authorDetails"} <= parts:
        return items
    keep = {"kind", "etag", "id"} | parts
    return [{k: v for k, v in item.items() if k in keep} if isinstance(item, dict) else item
            for item in items]


# A step answers one chat request. kind: "good" (the client must now send this page's token),
# "bad" (a page it may not read: its token or the one before), "error" (tokens unchanged),
# "hold" (never advances: slow). render(token, interval, parts, pretty, max_results) -> Reply.
class Step:
    def __init__(self, kind, render, stream=None):
        self.kind, self.render, self.stream = kind, render, stream


def page_step(items, kind="good", answer="page"):
    def render(token, interval, parts, pretty, max_results):
        page = chat_page(filter_parts(items, parts), token, interval)
        return Reply(200, yt_json(page, pretty), answer=f"{answer} {token}", items=len(items))
    return Step(kind, render)


def offline_step():
    def render(token, interval, parts, pretty, max_results):
        page = offline_page(token, interval)
        page["items"] = filter_parts(page["items"], parts)
        return Reply(200, yt_json(page, pretty), answer=f"offline {token}", items=1)
    return Step("good", render)


def error_step(status, body, answer):
    return Step("error", lambda *a: Reply(status, yt_json(body), answer=answer))


def truncated_step():
    def render(token, interval, parts, pretty, max_results):
        body = yt_json(chat_page(filter_parts([MSG_F, MSG_G], parts), token, interval), pretty)
        second = body.index(MSG_G["id"].encode())
        return Reply(200, body[:second + 40], answer=f"truncated {token}")
    return Step("bad", render)


def items_string_step():
    def render(token, interval, parts, pretty, max_results):
        page = chat_page([], token, interval)
        page["items"] = "LCC.not-a-list"
        return Reply(200, yt_json(page, pretty), answer=f"items_string {token}")
    return Step("bad", render)


def snippet_number_step():
    def render(token, interval, parts, pretty, max_results):
        bad = copy.deepcopy(MSG_F)
        bad["id"], bad["etag"], bad["snippet"] = yt_id(100), etag("bad"), 12345
        page = chat_page(filter_parts([bad, MSG_G], parts), token, interval)
        return Reply(200, yt_json(page, pretty), answer=f"snippet_number {token}", items=2)
    return Step("bad", render)


def interval_string_step():
    def render(token, interval, parts, pretty, max_results):
        page = chat_page(filter_parts([MSG_H], parts), token, str(interval))
        return Reply(200, yt_json(page, pretty), answer=f"interval_string {token}", items=1)
    return Step("bad", render)


BIG_COUNT = 20000


def big_step():
    """Rendered when the scenario is set up (a few hundred ms), so the request costs a send."""
    template = ('{"id":"LCC.big%(n)d","snippet":{"type":"textMessageEvent","publishedAt":'
                '"%(t)s","hasDisplayContent":true,"displayMessage":"%(m)s",'
                '"textMessageDetails":{"messageText":"%(m)s"}},"authorDetails":'
                '{"channelId":"UCbig%(a)d","displayName":"V%(a)d"}}')
    start = BASE_TIME.replace(microsecond=0) + datetime.timedelta(seconds=1000)
    items = ",".join(template % {"n": n, "a": n % 997,
                                 "t": (start + datetime.timedelta(seconds=n // 100)).strftime(
                                     "%Y-%m-%dT%H:%M:%S.") + "%06d+00:00" % (n % 100 * 10000),
                                 "m": "m%d?" % n if n % 5 == 0 else "m%d" % n}
                     for n in range(BIG_COUNT)).encode()

    def render(token, interval, parts, pretty, max_results):
        page = chat_page([], token, interval)
        page["pageInfo"] = {"totalResults": BIG_COUNT, "resultsPerPage": BIG_COUNT}
        head = json.dumps(page, separators=(",", ":"))[:-3].encode()  # without "[]}"
        return Reply(200, b"".join((head, b"[", items, b"]}")), answer=f"big {token}",
                     items=BIG_COUNT)
    return Step("bad", render)


def html_step():
    return Step("error", lambda *a: Reply(500, YT_HTML_500, "text/html; charset=UTF-8",
                                          answer="html500"))


# --- yt_flood ---------------------------------------------------------------------------------

FLOOD_POOL = [
    "What is the timeline for the new library?",
    "Will the recording be posted?",
    "Agenda is here: https://example.org/agenda.pdf",
    "Can you repeat the question?",
    "+1",
    "Great meeting everyone",
    "How much will the road repairs cost?",
    "Sound is cutting out",
    "Where can I read the proposal? https://example.org/proposal",
    "¿Habrá traducción al español?",
    "Is public comment still open?",
    "thank you 🙏",
]


class Flood:
    """Messages rendered from bytes %-templates (str would turn UCS-4 for one emoji and make
    the join slow); render(offset, count, parts) -> the items' bytes, comma-separated."""

    def __init__(self, total):
        self.total = total
        self.templates = {}
        self.texts = []
        for i in range(4096):
            if i % 2:
                text = FLOOD_POOL[(i // 2) % len(FLOOD_POOL)]
            else:
                text = f"Question {i}: when will agenda item {i % 40} be discussed?"
            self.texts.append(json.dumps(text, ensure_ascii=False)[1:-1].encode())
        self.names = [b"Resident %d" % k for k in range(1000)]

    def template(self, kind, parts):
        key = (kind, parts)
        if key not in self.templates:
            slot = {"id": "@ID@", "etag": "@ETAG@", "t": "@T@", "text": "@TEXT@", "name": "@NAME@",
                    "cid": "@CID@", "pic": "@PIC@"}
            if kind == "text":
                item = copy.deepcopy(YT_LIST["items"][0])
                item["snippet"]["displayMessage"] = slot["text"]
                item["snippet"]["textMessageDetails"]["messageText"] = slot["text"]
            else:
                item = copy.deepcopy(YT_LIST["items"][1])
                item["snippet"]["displayMessage"] = "$5.00 from @NAME@: @TEXT@"
                item["snippet"]["superChatDetails"]["userComment"] = slot["text"]
            item["id"], item["etag"] = slot["id"], slot["etag"]
            item["snippet"]["authorChannelId"] = slot["cid"]
            item["snippet"]["publishedAt"] = slot["t"]
            item["authorDetails"].update(channelId=slot["cid"], displayName=slot["name"],
                                         channelUrl="http://www.youtube.com/channel/@CID@",
                                         profileImageUrl=slot["pic"])
            item = filter_parts([item], set(parts))[0]
            text = json.dumps(item, ensure_ascii=False, separators=(",", ":")).replace("%", "%%")
            for name in ("ID", "ETAG", "T", "TEXT", "NAME", "CID", "PIC"):
                text = text.replace(f"@{name}@", f"%({name})s")
            self.templates[key] = text.encode()
        return self.templates[key]

    def render(self, offset, count, parts):
        parts = tuple(sorted(parts))
        text_t, super_t = self.template("text", parts), self.template("super", parts)
        texts, names = self.texts, self.names
        out = []
        seconds = {}
        for n in range(offset, offset + count):
            a = (n * 7919) % 1000
            whole = n // 100
            if whole not in seconds:
                t = BASE_TIME.replace(microsecond=0) + datetime.timedelta(seconds=3600 + whole)
                seconds[whole] = t.strftime("%Y-%m-%dT%H:%M:%S.").encode()
            fields = {b"ID": b"LCC.flood%09d" % n, b"ETAG": b"floodEtag%018d" % n,
                      b"T": b"%s%06d+00:00" % (seconds[whole], n % 100 * 10000),
                      b"TEXT": texts[n & 4095], b"NAME": names[a], b"CID": b"UCflood%017d" % a,
                      b"PIC": b"https://yt3.ggpht.com/ytc/f%d" % a}
            out.append((super_t if n % 100 == 99 else text_t) % fields)
        return b",".join(out)


PRERENDER_MAX = 250000
DEFAULT_PARTS = ("authorDetails", "snippet")


def flood_step(flood, page_size):
    """The pages of up to PRERENDER_MAX messages (the usual parts, --page-size each) are rendered
    before the fake says it listens, so serving one is a send; others are rendered on demand."""
    state = {"offset": 0}
    ready = {}
    if flood.total <= PRERENDER_MAX:
        for offset in range(0, flood.total, page_size):
            ready[offset] = flood.render(offset, min(page_size, flood.total - offset),
                                         DEFAULT_PARTS)

    def remaining():
        return flood.total - state["offset"]

    def render(token, interval, parts, pretty, max_results):
        offset = state["offset"]
        count = min(page_size, max_results or page_size, remaining())
        if tuple(sorted(parts)) == DEFAULT_PARTS and offset in ready and (
                count == min(page_size, flood.total - offset)):
            items = ready.pop(offset)
        else:
            items = flood.render(offset, count, parts)
        state["offset"] += count
        page = chat_page([], token, interval)
        page["pageInfo"] = {"totalResults": flood.total, "resultsPerPage": count}
        head = json.dumps(page, separators=(",", ":"))[:-3].encode()
        return Reply(200, b"".join((head, b"[", items, b"]}")), answer=f"flood {token}",
                     items=count)
    return Step("good", render, stream=remaining)


# --- YouTube chat state -----------------------------------------------------------------------

class YouTube:
    def __init__(self, scenario, steps, interval, mode=None):
        self.scenario, self.steps, self.interval, self.mode = scenario, steps, interval, mode
        self.lock = threading.Lock()
        self.index = 0
        self.serial = 0
        self.accepted = {None}
        self.last_done = None
        self.last_interval = 0

    def authorized(self, query, auth):
        return auth == "Bearer " + YT_TOKEN or query.get("key") == YT_KEY

    def videos(self, query, auth):
        if not self.authorized(query, auth):
            return yt_auth_reply()
        if "part" not in query:
            return Reply(400, yt_json(yt_required("part")), answer="required")
        if "id" not in query:
            return Reply(400, yt_json(yt_required("id")), answer="required")
        parts = set(str(query["part"]).split(","))
        ids = str(query["id"]).split(",")
        page = copy.deepcopy(YT_VIDEOS)
        page["items"] = [{k: v for k, v in item.items() if k in {"kind", "etag", "id"} | parts}
                         for item in page["items"] if item["id"] in ids]
        count = len(page["items"])
        page["pageInfo"] = {"totalResults": count, "resultsPerPage": count}
        return Reply(200, yt_json(page, query.get("prettyPrint") != "false"),
                     answer="videos", items=count)

    def messages(self, query, auth, now):
        if not self.authorized(query, auth):
            return yt_auth_reply()
        for name in ("part", "liveChatId"):
            if name not in query:
                return Reply(400, yt_json(yt_required(name)), answer="required")
        if self.mode == "notfound" or query["liveChatId"] != CHAT_ID:
            return Reply(404, yt_json(YT_NOTFOUND), answer="liveChatNotFound")
        if self.mode == "quota":
            return Reply(403, yt_json(YT_QUOTA), answer="quotaExceeded")
        parts = set(str(query["part"]).split(","))
        pretty = query.get("prettyPrint") != "false"
        try:
            max_results = int(query.get("maxResults", 0))
        except ValueError:
            max_results = 0
        with self.lock:
            if self.index >= len(self.steps):
                reply = Reply(403, yt_json(YT_ENDED), answer="liveChatEnded")
            else:
                reply = self.next_reply(query.get("pageToken"), now, parts, pretty, max_results)
        reply.on_done = self.done
        return reply

    def next_reply(self, token, now, parts, pretty, max_results):
        flags = {}
        if (self.last_done is not None
                and now - self.last_done + EARLY_SLACK < self.last_interval / 1000):
            flags["early"] = True
        if token not in self.accepted:
            return Reply(400, yt_json(YT_BAD_TOKEN), answer="pageTokenInvalid", bad_token=True,
                         **flags)
        if flags:
            return Reply(403, yt_json(YT_RATE), answer="rateLimitExceeded (early)", **flags)
        step = self.steps[self.index]
        if step.kind in ("error", "hold"):
            new_token = "p%d" % (self.serial + 1)
        else:
            self.serial += 1
            new_token = "p%d" % self.serial
        reply = step.render(new_token, self.interval, parts, pretty, max_results)
        if step.kind == "good":
            self.accepted = {new_token}
        elif step.kind == "bad":
            self.accepted.add(new_token)
        if step.kind in ("good", "bad"):
            self.last_interval = self.interval
        if step.kind != "hold" and not (step.stream and step.stream() > 0):
            self.index += 1
        return reply

    def done(self):
        with self.lock:
            self.last_done = time.monotonic()


def yt_auth_reply():
    return Reply(401, yt_json(YT_AUTH), answer="authError",
                 headers=[("WWW-Authenticate", 'Bearer realm="https://accounts.google.com/", '
                                               'error="invalid_token"')])


def youtube_for(scenario, interval, messages, page_size):
    basic = [page_step([MSG_A, MSG_B]), page_step([MSG_A, MSG_C]), page_step([MSG_D, MSG_E]),
             offline_step()]
    if scenario in ("yt_basic", "yt_video", "both"):
        return YouTube(scenario, basic, interval)
    if scenario == "yt_ended_error":
        return YouTube(scenario, basic[:1], interval)
    if scenario == "yt_notfound":
        return YouTube(scenario, [], interval, mode="notfound")
    if scenario == "yt_quota":
        return YouTube(scenario, [], interval, mode="quota")
    if scenario == "yt_rate":
        rate = error_step(403, YT_RATE, "rateLimitExceeded")
        return YouTube(scenario, [basic[0], rate, rate, page_step([MSG_C, MSG_D]),
                                  page_step([MSG_F, MSG_G]), offline_step()], interval)
    if scenario == "yt_malformed":
        return YouTube(scenario, [truncated_step(), items_string_step(), snippet_number_step(),
                                  interval_string_step(), big_step(), html_step(),
                                  page_step([MSG_C, MSG_D]), offline_step()], interval)
    if scenario == "yt_flood":
        return YouTube(scenario, [flood_step(Flood(messages), page_size), offline_step()],
                       interval)
    if scenario == "slow":
        first = page_step([MSG_A, MSG_B])
        return YouTube(scenario, [Step("hold", first.render)], interval)
    return None


# --- Facebook ---------------------------------------------------------------------------------

def fb_time(seconds):
    t = datetime.datetime(2018, 8, 30, 18, 47, 2, tzinfo=datetime.timezone.utc)
    return (t + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S+0000")


def fb_comment(n, message, seconds, name=None, uid=None):
    comment = {"created_time": fb_time(seconds)}
    if name:
        comment["from"] = {"name": name, "id": uid}
    comment["message"] = message
    comment["id"] = "912390185605127_9123921%08d" % n
    return comment


FB_C1, FB_C2 = FB_COMMENTS["data"]
FB_BATCHES = [
    [FB_C1, FB_C2, fb_comment(3, "When will the zoning item come up?", 20)],
    [dict(FB_C2), fb_comment(4, "¿Habrá interpretación en español?", 31, "María G.",
                             "126577551217300"),
     fb_comment(5, "Agenda link: https://example.org/agenda", 33)],
    [fb_comment(6, "Can you turn up the mic volume?", 45, "Sam Lee", "126577551217301"),
     fb_comment(7, "What time does public comment start?", 52)],
]
FB_FIELD_ORDER = ("created_time", "from", "message", "id")


def parse_fields(text):
    """'from{name,id},message' -> {'from': {'name': None, 'id': None}, 'message': None}"""
    def parse(i):
        out, name = {}, ""
        while i < len(text):
            ch = text[i]
            i += 1
            if ch == "{":
                out[name.strip()], i = parse(i)
                name = ""
            elif ch == "}":
                break
            elif ch == ",":
                if name.strip():
                    out[name.strip()] = None
                name = ""
            else:
                name += ch
        if name.strip():
            out[name.strip()] = None
        return out, i
    return parse(0)[0]


def select_fields(comment, fields):
    out = {}
    for key in FB_FIELD_ORDER:
        if key in comment and (key in fields or key == "id"):
            value = comment[key]
            if isinstance(value, dict) and fields.get(key):
                value = {k: v for k, v in value.items() if k in fields[key]}
            out[key] = value
    return out


class Facebook:
    def __init__(self, scenario, script, mode=None, slow=False):
        self.scenario, self.script, self.mode, self.slow = scenario, script, mode, slow
        self.lock = threading.Lock()
        self.comments = []
        self.grown = 0

    @staticmethod
    def cursor(position):
        return "QVFI" + base64.b64encode(b"plenum-fake-cursor:%d" % position).decode().rstrip("=")

    @staticmethod
    def uncursor(cursor):
        try:
            raw = base64.b64decode(cursor[4:] + "=" * (-len(cursor[4:]) % 4), validate=True)
            prefix, number = raw.split(b":")
            if cursor.startswith("QVFI") and prefix == b"plenum-fake-cursor":
                return int(number)
        except ValueError:
            pass
        return None

    def comments_reply(self, video_id, query, auth, host, path):
        if self.mode == "token":
            return fb_token_reply()
        if not (auth == "Bearer " + FB_TOKEN or query.get("access_token") == FB_TOKEN):
            return fb_token_reply()
        if video_id not in FB_VIDEO_IDS:
            body = copy.deepcopy(FB_ERR_OBJECT)
            body["error"]["message"] = body["error"]["message"].replace(FB_VIDEO_IDS[0],
                                                                        video_id)
            return Reply(400, fb_json(body), answer="object")
        fields = parse_fields(str(query.get("fields", "created_time,from,message")))
        with self.lock:
            if self.slow:
                page = {"data": [select_fields(c, fields) for c in FB_BATCHES[0]],
                        "paging": {"cursors": {"before": self.cursor(0),
                                               "after": self.cursor(0)}}}
                return Reply(200, fb_json(page), answer="slow page", slow=True)
            if self.script:
                step = self.script.pop(0)
                if step != "page":
                    return step(fields)
            after = query.get("after")
            position = 0 if after is None else self.uncursor(str(after))
            if position is None or position > len(self.comments):
                return Reply(400, fb_json(FB_ERR_CURSOR), answer="bad cursor", bad_cursor=True)
            try:
                limit = max(1, int(query.get("limit", 25)))
            except ValueError:
                limit = 25
            body, count = self.page(position, limit, fields, query, host, path)
            return Reply(200, body, answer="page" if count else "empty", items=count)

    def page(self, position, limit, fields, query, host, path):
        if self.grown < len(FB_BATCHES):
            self.comments.extend(FB_BATCHES[self.grown])
            self.grown += 1
        chunk = self.comments[position:position + limit]
        if not chunk:
            return fb_json(FB_EMPTY), 0
        end = position + len(chunk)
        page = {"data": [select_fields(c, fields) for c in chunk],
                "paging": {"cursors": {"before": self.cursor(position),
                                       "after": self.cursor(end)}}}
        if end < len(self.comments):
            next_query = {k: v for k, v in query.items() if k != "after"}
            next_query["after"] = self.cursor(end)
            page["paging"]["next"] = ("http://%s%s?%s" % (host, path, urllib.parse.urlencode(
                next_query, doseq=True)))
        return fb_json(page), len(chunk)


def fb_token_reply():
    return Reply(400, fb_json(FB_ERR_TOKEN), answer="token code 190",
                 headers=[("WWW-Authenticate", FB_WWW_AUTH)])


def fb_rate_step(fields):
    return Reply(403, fb_json(FB_ERR_RATE), answer="rate code 32")


def fb_transient_step(fields):
    return Reply(500, fb_json(FB_ERR_TRANSIENT), answer="transient code 2")


def fb_truncated_step(fields):
    page = {"data": [select_fields(c, fields) for c in FB_BATCHES[0]],
            "paging": {"cursors": {"before": Facebook.cursor(0), "after": Facebook.cursor(0)}}}
    body = fb_json(page)
    return Reply(200, body[:body.index(FB_C2["id"].encode()) - 30], answer="truncated")


def fb_data_object_step(fields):
    page = {"data": select_fields(FB_C1, fields),
            "paging": {"cursors": {"before": Facebook.cursor(0), "after": Facebook.cursor(0)}}}
    return Reply(200, fb_json(page), answer="data_object")


def fb_message_number_step(fields):
    bad = fb_comment(90, 42, 5, "Number Person", "126577551217390")
    bad["message"] = 42
    good = fb_comment(91, "Is this the right stream for the council meeting?", 6)
    page = {"data": [select_fields(bad, fields), select_fields(good, fields)],
            "paging": {"cursors": {"before": Facebook.cursor(0), "after": Facebook.cursor(0)}}}
    return Reply(200, fb_json(page), answer="message_number", items=2)


def facebook_for(scenario):
    scripts = {"fb_basic": [], "both": [], "fb_token": [],
               "fb_rate": ["page", fb_rate_step, fb_rate_step],
               "fb_transient": [fb_transient_step, fb_transient_step],
               "fb_malformed": [fb_truncated_step, fb_data_object_step, fb_message_number_step],
               "slow": []}
    if scenario not in scripts:
        return None
    return Facebook(scenario, scripts[scenario], mode="token" if scenario == "fb_token" else None,
                    slow=scenario == "slow")


# --- HTTP -------------------------------------------------------------------------------------

class Log:
    def __init__(self, path):
        self.file = open(path, "a", encoding="utf-8") if path else None
        self.lock = threading.Lock()

    def write(self, record):
        if self.file:
            line = json.dumps(record, ensure_ascii=False) + "\n"
            with self.lock:
                self.file.write(line)
                self.file.flush()


def flat_query(raw):
    query = {}
    for name, value in urllib.parse.parse_qsl(raw, keep_blank_values=True):
        if name in query:
            query[name] = (query[name] if isinstance(query[name], list) else [query[name]]) + [value]
        else:
            query[name] = value
    return query


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "PlenumFakePlatforms/1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        now = time.monotonic()
        app = self.server.app
        url = urllib.parse.urlsplit(self.path)
        path, query = url.path, flat_query(url.query)
        auth = self.headers.get("Authorization")
        platform, reply = app.route(path, query, auth, now, self.headers.get("Host", ""))
        record = {"t": now, "platform": platform, "path": path, "query": query, "auth": auth,
                  "status": reply.status, **reply.log, "bytes": len(reply.body)}
        app.log.write(record)
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.ctype)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers:
                self.send_header(name, value)
            self.end_headers()
            if reply.slow:
                self.drip(reply.body)
            else:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            if reply.on_done:
                reply.on_done()

    def do_POST(self):
        self.send_error(405)

    def drip(self, body):
        sock = self.connection
        sent = 0
        try:
            for i in range(len(body)):
                deadline = time.monotonic() + 1.0
                self.wfile.write(body[i:i + 1])
                sent += 1
                while (left := deadline - time.monotonic()) > 0 and i + 1 < len(body):
                    readable, _, _ = select.select([sock], [], [], left)
                    if readable:
                        if sock.recv(1, socket.MSG_PEEK) == b"":
                            raise ConnectionResetError
                        time.sleep(left)
        except (BrokenPipeError, ConnectionResetError, OSError):
            print(f"slow: client gone after {sent} of {len(body)} bytes", file=sys.stderr,
                  flush=True)
            self.close_connection = True
            return
        print(f"slow: sent all {len(body)} bytes", file=sys.stderr, flush=True)


class App:
    def __init__(self, options):
        interval = options.interval_ms
        if interval is None:
            interval = 0 if options.scenario == "yt_flood" else 300
        self.scenario = options.scenario
        self.youtube = youtube_for(options.scenario, interval, options.messages, options.page_size)
        self.facebook = facebook_for(options.scenario)
        self.log = Log(options.log)

    def route(self, path, query, auth, now, host):
        query = {k: v[-1] if isinstance(v, list) else v for k, v in query.items()}
        if path.startswith("/youtube/"):
            if self.youtube is None:
                return "youtube", self.not_served("youtube")
            if path == "/youtube/v3/liveChat/messages":
                reply = self.youtube.messages(query, auth, now)
            elif path == "/youtube/v3/videos":
                reply = self.youtube.videos(query, auth)
            else:
                return "youtube", Reply(404, b'{"error": "not a path of this fake"}',
                                        answer="no route")
            if self.scenario == "slow":
                reply.slow = True
            return "youtube", reply
        parts = path.strip("/").split("/")
        if len(parts) == 3 and parts[0][:1] == "v" and parts[2] == "comments":
            if self.facebook is None:
                return "facebook", self.not_served("facebook")
            return "facebook", self.facebook.comments_reply(parts[1], query, auth, host, path)
        return None, Reply(404, b'{"error": "not a path of this fake"}', answer="no route")

    def not_served(self, platform):
        body = json.dumps({"error": f"scenario {self.scenario} does not serve {platform}"})
        return Reply(404, body.encode(), answer="not served")


SCENARIOS = ("yt_basic", "yt_ended_error", "yt_notfound", "yt_quota", "yt_rate", "yt_malformed",
             "yt_video", "yt_flood", "fb_basic", "fb_token", "fb_rate", "fb_transient",
             "fb_malformed", "both", "slow")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--scenario", required=True, choices=SCENARIOS)
    parser.add_argument("--log", help="append one JSON line a request to this file")
    parser.add_argument("--messages", type=int, default=100000, help="yt_flood: messages")
    parser.add_argument("--page-size", type=int, default=2000, help="yt_flood: messages a page")
    parser.add_argument("--interval-ms", type=int, default=None,
                        help="pollingIntervalMillis (default 300; yt_flood 0)")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"),
                        help="serve HTTPS with this certificate and key (PEM files)")
    options = parser.parse_args()
    if options.page_size < 1 or options.messages < 0:
        parser.error("--page-size must be positive and --messages not negative")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", options.port), Handler)
    server.daemon_threads = True
    server.app = App(options)
    if options.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*options.tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"listening {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
