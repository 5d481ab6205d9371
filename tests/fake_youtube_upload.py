#!/usr/bin/env python3
"""A local fake of YouTube's upload endpoints (videos.insert, resumable; captions.insert,
multipart), strict where YouTube is documented, for `plenum upload`'s tests.

  python3 tests/fake_youtube_upload.py PORT_FILE LOG_FILE --token T [--dir DIR]
      [--break-once] [--fail-500-once] [--short-once] [--expire-once] [--hang-once]
      [--quota-exceeded] [--captions-500-once] [--captions-403-once]

Listens on 127.0.0.1 (a free port), writes the port to PORT_FILE (atomically) once bound, then
serves HTTP/1.1 (one thread a connection) until SIGTERM. LOG_FILE gets one line a request
("METHOD PATH -> STATUS", the session's upload_id instead of its URI's query) and a line
"VIOLATION: …" for every breach of the protocol; DIR (default: LOG_FILE's folder) receives
video-ID.mp4 (each finished upload), captions-N.body (each captions.insert body, as received)
and captions-N.vtt (its WebVTT part).

Routes
  POST /upload/youtube/v3/videos?uploadType=resumable&part=snippet,status   starts a session:
      checks Authorization ("Bearer T", exactly), Content-Type "application/json;
      charset=UTF-8", Content-Length, X-Upload-Content-Length (the size), X-Upload-Content-Type
      (video/* or application/octet-stream), the query, and the video resource (snippet.title
      1..100 characters without "<" ">", description at most 5000 bytes without "<" ">",
      categoryId, defaultLanguage, defaultAudioLanguage, status.privacyStatus,
      status.selfDeclaredMadeForKids false); 200 with Location: the session URI
      (…?uploadType=resumable&part=…&upload_id=ID).
  PUT <session URI>   a chunk ("Content-Range: bytes FIRST-LAST/SIZE", FIRST = what the
      session has, LAST - FIRST + 1 = Content-Length, a multiple of 262144 unless it ends the
      file, Content-Type = the session's X-Upload-Content-Type, Authorization) or a status
      question (Content-Length 0, "Content-Range: bytes */SIZE"). Answers 308 "Resume
      Incomplete" with "Range: bytes=0-N" (no Range while nothing arrived), or 201 with the
      video resource once the file is complete (a question after that gets 200 with it too).
      An unknown or expired session: 404.
  POST /upload/youtube/v3/captions?uploadType=multipart&part=snippet   a caption track: the
      multipart/related body is parsed strictly (the boundary from Content-Type; "--B" CRLF;
      part headers, exactly "Content-Type: application/json; charset=UTF-8" for the first;
      the snippet's videoId (a finished video), language, name, isDraft; CRLF "--B" CRLF; the
      second part's Content-Type; its bytes up to CRLF "--B--"); 200 with a caption resource.
  GET /youtube/v3/captions?part=snippet&videoId=ID   captions.list: a captionListResponse
      with the video's tracks as captions.insert answered them (404 for an unknown video).
  GET /_test/state    JSON: counters, sessions, videos (size, sha256, snippet, status),
      captions (boundary, video id, body and vtt files), violations.

Faults (each once in the server's life, counted in /_test/state)
  --break-once         the 3rd chunk PUT: reads about half its body, then closes the
                       connection without answering; keeps only the whole 256 KiB units that
                       arrived (so the client must ask, and resume from the server's offset).
  --fail-500-once      the 5th chunk PUT: reads it, keeps nothing, answers 500 backendError.
  --short-once         the 7th chunk PUT: keeps all but its last 256 KiB unit (all of it if
                       it is the last chunk, which is not short then) and says so in Range.
  --expire-once        the 9th chunk PUT: its session expires (404, now and after).
  --hang-once          the 3rd chunk PUT: reads it, keeps nothing, never answers (the
                       connection stays open until the client goes away).
  --quota-exceeded     every session start: 403 quotaExceeded.
  --captions-500-once  the first captions.insert: 503 backendError, nothing kept.
  --captions-403-once  the first captions.insert: 403 forbidden, nothing kept.
  --captions-lost-once the first captions.insert: the track is kept, then the connection is
                       closed without an answer (as when a response is lost on the way).
"""

import argparse
import hashlib
import http.server
import json
import os
import re
import socket
import threading
import time
import urllib.parse

UNIT = 262144
VIDEO_PATH = "/upload/youtube/v3/videos"
CAPTIONS_PATH = "/upload/youtube/v3/captions"
CAPTIONS_LIST_PATH = "/youtube/v3/captions"
VIDEO_PARTS = {"snippet", "status", "contentDetails", "fileDetails", "liveStreamingDetails",
               "localizations", "player", "processingDetails", "recordingDetails", "statistics",
               "suggestions", "topicDetails", "id"}
PRIVACY = {"private", "unlisted", "public"}


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.sessions = {}        # upload_id -> dict
        self.videos = []
        self.captions = []
        self.violations = []
        self.counters = {"session_starts": 0, "chunk_puts": 0, "status_questions": 0,
                         "breaks": 0, "fail500": 0, "shorts": 0, "expired": 0, "hangs": 0,
                         "captions_requests": 0, "captions_500": 0, "captions_403": 0,
                         "captions_lists": 0, "captions_lost": 0,
                         "quota_refusals": 0}
        self.break_kept = []      # the offset a session had after each break
        self.resumed_at = []      # FIRST of each chunk after a status question
        self.next_session = 1
        self.log_file = open(args.log_file, "a", buffering=1, encoding="utf-8")

    def log(self, line):
        self.log_file.write(line + "\n")


def error_body(code, reason, message):
    return json.dumps({"error": {"code": code, "message": message,
                                 "errors": [{"message": message, "domain": "global",
                                             "reason": reason}]}}).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 20               # a body shorter than its Content-Length ends in a violation
    state = None               # set in main()

    def log_message(self, format, *args):
        pass

    # ---- helpers ----

    def violation(self, text, status=400, reason="badRequest"):
        st = self.state
        with st.lock:
            st.violations.append(text)
            st.log("VIOLATION: " + text)
        self.answer(status, error_body(status, reason, text))

    def answer(self, status, body=b"", headers=(), message=None):
        self.send_response(status, message)
        for name, value in headers:
            self.send_header(name, value)
        if body:
            self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)
        with self.state.lock:
            self.state.log(f"{self.command} {self.logged_path()} -> {status}")

    def logged_path(self):
        url = urllib.parse.urlsplit(self.path)
        upload_id = urllib.parse.parse_qs(url.query).get("upload_id")
        return url.path + (f" upload_id={upload_id[0]}" if upload_id else "")

    def send_error(self, code, message=None, explain=None):
        # http.server calls this for requests it cannot even parse: a client bug here.
        with self.state.lock:
            text = f"unparsable request ({code} {message})"
            self.state.violations.append(text)
            self.state.log("VIOLATION: " + text)
        super().send_error(code, message, explain)

    def content_length(self):
        """Content-Length as an int, or None (after answering 400) when missing or bad."""
        if self.headers.get("Transfer-Encoding"):
            self.violation("Transfer-Encoding is not allowed; send Content-Length")
            self.close_connection = True
            return None
        value = self.headers.get("Content-Length")
        if value is None or not value.isdigit():
            self.violation(f"Content-Length missing or not a number: {value!r}")
            self.close_connection = True
            return None
        return int(value)

    def read_body(self, length):
        data = b""
        try:
            while len(data) < length:
                piece = self.rfile.read(min(length - len(data), 1 << 20))
                if not piece:
                    break
                data += piece
        except (socket.timeout, ConnectionError):
            pass
        if len(data) != length:
            with self.state.lock:
                text = f"body of {len(data)} bytes, Content-Length said {length}"
                self.state.violations.append(text)
                self.state.log("VIOLATION: " + text)
            self.close_connection = True
            return None
        return data

    def authorized(self):
        if self.headers.get("Authorization") != "Bearer " + self.state.args.token:
            self.answer(401, error_body(401, "authError", "Invalid Credentials"),
                        headers=[("WWW-Authenticate",
                                  'Bearer realm="https://accounts.google.com/"')])
            return False
        return True

    def query(self):
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query,
                                     keep_blank_values=True)

    # ---- routes ----

    def do_GET(self):
        if urllib.parse.urlsplit(self.path).path == "/_test/state":
            st = self.state
            with st.lock:
                body = json.dumps({
                    "counters": st.counters, "violations": st.violations,
                    "sessions": [{"upload_id": k, "size": v["size"], "received": len(v["data"]),
                                  "expired": v["expired"], "video_id": v["video_id"]}
                                 for k, v in st.sessions.items()],
                    "videos": st.videos, "captions": st.captions,
                    "break_kept": st.break_kept, "resumed_at": st.resumed_at,
                }, ensure_ascii=False).encode()
            self.answer(200, body)
            return
        if urllib.parse.urlsplit(self.path).path == CAPTIONS_LIST_PATH:
            self.list_captions()
            return
        self.violation(f"unknown route GET {self.path}", 404, "notFound")

    def do_POST(self):
        path = urllib.parse.urlsplit(self.path).path
        if path == VIDEO_PATH:
            self.start_session()
        elif path == CAPTIONS_PATH:
            self.insert_captions()
        else:
            self.violation(f"unknown route POST {path}", 404, "notFound")

    def do_PUT(self):
        if urllib.parse.urlsplit(self.path).path == VIDEO_PATH and "upload_id" in self.query():
            self.put_chunk()
        else:
            self.violation(f"unknown route PUT {urllib.parse.urlsplit(self.path).path}",
                           404, "notFound")

    # ---- videos.insert: the session ----

    def start_session(self):
        st = self.state
        length = self.content_length()
        if length is None:
            return
        body = self.read_body(length)
        if body is None or not self.authorized():
            return
        q = self.query()
        if q.get("uploadType") != ["resumable"]:
            return self.violation(f"uploadType must be resumable: {q.get('uploadType')}")
        parts = set(q.get("part", [""])[0].split(","))
        if not {"snippet", "status"} <= parts or not parts <= VIDEO_PARTS:
            return self.violation(f"part must name snippet and status: {q.get('part')}")
        if self.headers.get("Content-Type") != "application/json; charset=UTF-8":
            return self.violation(f"Content-Type {self.headers.get('Content-Type')!r}, "
                                  "expected 'application/json; charset=UTF-8'")
        size = self.headers.get("X-Upload-Content-Length", "")
        if not size.isdigit() or int(size) == 0:
            return self.violation(f"X-Upload-Content-Length {size!r} is not a size")
        media_type = self.headers.get("X-Upload-Content-Type", "")
        if not (re.fullmatch(r"video/[A-Za-z0-9.+-]+", media_type)
                or media_type == "application/octet-stream"):
            return self.violation(f"X-Upload-Content-Type {media_type!r} is not video/* "
                                  "or application/octet-stream")
        problem, resource = check_video_resource(body)
        if problem:
            return self.violation(problem, 400, "invalidVideoMetadata")
        with st.lock:
            st.counters["session_starts"] += 1
            if st.args.quota_exceeded:
                st.counters["quota_refusals"] += 1
                refuse = True
            else:
                refuse = False
                upload_id = f"ABPtcPo{st.next_session:04d}-{os.urandom(6).hex()}"
                st.next_session += 1
                st.sessions[upload_id] = {"size": int(size), "type": media_type,
                                          "data": bytearray(), "expired": False,
                                          "video_id": None, "resource": resource,
                                          "asked": False}
        if refuse:
            return self.answer(403, error_body(
                403, "quotaExceeded", "The request cannot be completed because you have "
                "exceeded your <a href=\"/youtube/v3/getting-started#quota\">quota</a>."))
        host, port = self.server.server_address[:2]
        location = (f"http://{host}:{port}{VIDEO_PATH}?uploadType=resumable&"
                    f"part={urllib.parse.quote(','.join(sorted(parts)))}&upload_id={upload_id}")
        self.answer(200, headers=[("Location", location), ("X-GUploader-UploadID", upload_id)])

    # ---- videos.insert: the chunks ----

    def put_chunk(self):
        st = self.state
        upload_id = self.query()["upload_id"][0]
        length = self.content_length()
        if length is None:
            return
        with st.lock:
            session = st.sessions.get(upload_id)
        if session is None or session["expired"]:
            self.read_body(length)
            return self.answer(404, error_body(404, "notFound", "Upload session not found."))
        content_range = self.headers.get("Content-Range", "")
        question = re.fullmatch(r"bytes \*/(\d+)", content_range)
        chunk = re.fullmatch(r"bytes (\d+)-(\d+)/(\d+)", content_range)
        if not self.headers.get("Authorization"):
            self.read_body(length)
            return self.violation("a PUT without Authorization")
        if not self.authorized():
            self.read_body(length)
            return
        if question:
            if length != 0 or self.read_body(0) is None:
                return self.violation(f"a status question must have Content-Length 0, not {length}")
            if int(question.group(1)) != session["size"]:
                return self.violation(f"Content-Range size {question.group(1)} is not "
                                      f"X-Upload-Content-Length {session['size']}")
            with st.lock:
                st.counters["status_questions"] += 1
                session["asked"] = True
            return self.report(upload_id, session, finished_status=200)
        if not chunk:
            self.read_body(length)
            return self.violation(f"Content-Range {content_range!r} is neither "
                                  "'bytes FIRST-LAST/SIZE' nor 'bytes */SIZE'")
        first, last, size = (int(g) for g in chunk.groups())
        with st.lock:
            have = len(session["data"])
        problem = None
        if size != session["size"]:
            problem = f"Content-Range size {size} is not X-Upload-Content-Length {session['size']}"
        elif first != have:
            problem = f"chunk starts at {first}, the session has {have} bytes"
        elif last < first or last >= size:
            problem = f"Content-Range {first}-{last}/{size} is not a range of the file"
        elif last - first + 1 != length:
            problem = f"Content-Range covers {last - first + 1} bytes, Content-Length says {length}"
        elif last + 1 < size and length % UNIT != 0:
            problem = f"a chunk of {length} bytes is not a multiple of 256 KiB and not the last"
        elif self.headers.get("Content-Type") != session["type"]:
            problem = (f"chunk Content-Type {self.headers.get('Content-Type')!r} is not the "
                       f"session's {session['type']!r}")
        if problem:
            self.read_body(length)
            return self.violation(problem)

        with st.lock:
            st.counters["chunk_puts"] += 1
            number = st.counters["chunk_puts"]
            if session["asked"]:
                st.resumed_at.append(first)
                session["asked"] = False
        args = st.args
        if args.break_once and number == 3 and st.counters["breaks"] == 0:
            return self.break_connection(session, length)
        if args.hang_once and number == 3 and st.counters["hangs"] == 0:
            return self.hang(length)
        body = self.read_body(length)
        if body is None:
            return
        if args.fail_500_once and number == 5 and st.counters["fail500"] == 0:
            with st.lock:
                st.counters["fail500"] += 1
            return self.answer(500, error_body(500, "backendError", "Backend Error"))
        if args.expire_once and number == 9 and st.counters["expired"] == 0:
            with st.lock:
                st.counters["expired"] += 1
                session["expired"] = True
            return self.answer(404, error_body(404, "notFound", "Upload session not found."))
        keep = len(body)
        if args.short_once and number == 7 and st.counters["shorts"] == 0 and last + 1 < size:
            with st.lock:
                st.counters["shorts"] += 1
            keep = len(body) - UNIT
        with st.lock:
            session["data"] += body[:keep]
        self.report(upload_id, session, finished_status=201)

    def break_connection(self, session, length):
        st = self.state
        part = self.read_body(length // 2 + 1000)
        whole = len(part or b"") // UNIT * UNIT
        with st.lock:
            st.counters["breaks"] += 1
            session["data"] += (part or b"")[:whole]
            st.break_kept.append(len(session["data"]))
            st.log(f"PUT {self.logged_path()} -> connection closed after {len(part or b'')} "
                   f"of {length} bytes, kept {whole}")
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def hang(self, length):
        st = self.state
        self.read_body(length)
        with st.lock:
            st.counters["hangs"] += 1
            st.log(f"PUT {self.logged_path()} -> HANG (no answer)")
        self.close_connection = True
        self.connection.settimeout(1)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:      # until the client goes away
            try:
                if self.connection.recv(1) == b"":
                    break
            except socket.timeout:
                continue
            except OSError:
                break

    def report(self, upload_id, session, finished_status):
        """308 with what the session has, or the video once it is complete."""
        st = self.state
        with st.lock:
            have = len(session["data"])
            if have == session["size"] and session["video_id"] is None:
                session["video_id"] = finish_video(st, upload_id, session)
            video_id = session["video_id"]
        if video_id is not None:
            resource = dict(session["resource"], kind="youtube#video", id=video_id,
                            etag=f"fake-{video_id}")
            resource["status"] = dict(resource.get("status", {}), uploadStatus="uploaded")
            return self.answer(finished_status, json.dumps(resource, ensure_ascii=False).encode())
        headers = [("Range", f"bytes=0-{have - 1}")] if have > 0 else []
        headers.append(("X-GUploader-UploadID", upload_id))
        self.answer(308, headers=headers, message="Resume Incomplete")

    # ---- captions.insert ----

    def insert_captions(self):
        st = self.state
        length = self.content_length()
        if length is None:
            return
        body = self.read_body(length)
        if body is None or not self.authorized():
            return
        q = self.query()
        if q.get("uploadType") != ["multipart"]:
            return self.violation(f"uploadType must be multipart: {q.get('uploadType')}")
        if q.get("part") != ["snippet"]:
            return self.violation(f"part must be snippet: {q.get('part')}")
        match = re.fullmatch(r'multipart/related; *boundary=("?)([^";]{1,70})\1',
                             self.headers.get("Content-Type", ""))
        if not match:
            return self.violation(f"Content-Type {self.headers.get('Content-Type')!r} is not "
                                  "multipart/related with a boundary")
        boundary = match.group(2)
        problem, snippet, media_type, vtt = parse_multipart(body, boundary.encode())
        if problem:
            return self.violation("captions multipart: " + problem)
        with st.lock:
            known = {v["id"] for v in st.videos}
            st.counters["captions_requests"] += 1
            fail = st.args.captions_500_once and st.counters["captions_500"] == 0
            if fail:
                st.counters["captions_500"] += 1
            forbid = st.args.captions_403_once and st.counters["captions_403"] == 0
            if forbid:
                st.counters["captions_403"] += 1
        s = snippet.get("snippet") if isinstance(snippet, dict) else None
        if not isinstance(s, dict):
            return self.violation("captions: the JSON part has no snippet object")
        for key in ("videoId", "language", "name"):
            if not isinstance(s.get(key), str) or not s[key]:
                return self.violation(f"captions: snippet.{key} missing or empty")
        if "isDraft" in s and not isinstance(s["isDraft"], bool):
            return self.violation("captions: snippet.isDraft is not a boolean")
        if s["videoId"] not in known:
            return self.answer(404, error_body(404, "videoNotFound",
                                               "The video identified by videoId was not found."))
        if fail:
            return self.answer(503, error_body(503, "backendError", "Backend Error"))
        if forbid:
            return self.answer(403, error_body(403, "forbidden", "The permissions associated "
                                               "with the request are not sufficient to upload "
                                               "the caption track."))
        with st.lock:
            number = len(st.captions) + 1
            body_file = os.path.join(st.args.dir, f"captions-{number}.body")
            vtt_file = os.path.join(st.args.dir, f"captions-{number}.vtt")
            with open(body_file, "wb") as f:
                f.write(body)
            with open(vtt_file, "wb") as f:
                f.write(vtt)
            caption_id = f"AUieDa{number:04d}{os.urandom(4).hex()}"
            resource = caption_resource(caption_id, s)
            st.captions.append({"id": caption_id, "boundary": boundary, "snippet": s,
                                "media_type": media_type, "body_file": body_file,
                                "vtt_file": vtt_file, "resource": resource})
            lose = st.args.captions_lost_once and st.counters["captions_lost"] == 0
            if lose:
                st.counters["captions_lost"] += 1
                st.log(f"POST {self.path} -> track kept, connection closed without an answer")
        if lose:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.answer(200, json.dumps(resource, ensure_ascii=False).encode())

    # ---- captions.list ----

    def list_captions(self):
        st = self.state
        if not self.authorized():
            return
        q = self.query()
        if q.get("part") != ["snippet"]:
            return self.violation(f"captions.list: part must be snippet: {q.get('part')}")
        if len(q.get("videoId", [])) != 1 or not q["videoId"][0]:
            return self.violation(f"captions.list: one videoId is required: {q.get('videoId')}")
        video_id = q["videoId"][0]
        with st.lock:
            st.counters["captions_lists"] += 1
            known = {v["id"] for v in st.videos}
            items = [c["resource"] for c in st.captions if c["snippet"]["videoId"] == video_id]
        if video_id not in known:
            return self.answer(404, error_body(404, "videoNotFound",
                                               "The video identified by videoId was not found."))
        body = {"kind": "youtube#captionListResponse", "etag": f"fake-list-{len(items)}",
                "items": items}
        self.answer(200, json.dumps(body, ensure_ascii=False).encode())


def now():
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())


def caption_resource(caption_id, s):
    """A caption resource as captions.insert and captions.list give it."""
    return {"kind": "youtube#caption", "etag": f"fake-{caption_id}", "id": caption_id,
            "snippet": {"videoId": s["videoId"], "lastUpdated": now(),
                        "trackKind": "standard", "language": s["language"],
                        "name": s["name"], "audioTrackType": "unknown",
                        "isCC": False, "isLarge": False, "isEasyReader": False,
                        "isDraft": s.get("isDraft", False), "isAutoSynced": False,
                        "status": "serving"}}


def check_video_resource(body):
    """(problem or None, resource)."""
    try:
        resource = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return f"the video resource is not UTF-8 JSON: {e}", None
    snippet, status = resource.get("snippet"), resource.get("status")
    if not isinstance(snippet, dict) or not isinstance(status, dict):
        return "the video resource needs snippet and status objects", None
    title, description = snippet.get("title"), snippet.get("description", "")
    if not isinstance(title, str) or not 1 <= len(title) <= 100:
        return f"snippet.title must be 1 to 100 characters: {title!r}", None
    if not isinstance(description, str) or len(description.encode()) > 5000:
        return "snippet.description must be at most 5000 bytes", None
    if any(c in title + description for c in "<>"):
        return "snippet.title and snippet.description may not contain < or >", None
    if not isinstance(snippet.get("categoryId"), str) or not snippet["categoryId"].isdigit():
        return ("snippet.categoryId must be a number as a string: "
                f"{snippet.get('categoryId')!r}"), None
    for key in ("defaultLanguage", "defaultAudioLanguage"):
        if not isinstance(snippet.get(key), str) or not snippet[key]:
            return f"snippet.{key} must be a language code", None
    if status.get("privacyStatus") not in PRIVACY:
        return (f"status.privacyStatus {status.get('privacyStatus')!r} is not one of "
                f"{sorted(PRIVACY)}"), None
    if status.get("selfDeclaredMadeForKids") is not False:
        return "status.selfDeclaredMadeForKids must be false", None
    return None, resource


def finish_video(st, upload_id, session):
    data = bytes(session["data"])
    video_id = "v" + hashlib.sha256(upload_id.encode()).hexdigest()[:10]
    path = os.path.join(st.args.dir, f"video-{video_id}.mp4")
    with open(path, "wb") as f:
        f.write(data)
    st.videos.append({"id": video_id, "upload_id": upload_id, "size": len(data),
                      "sha256": hashlib.sha256(data).hexdigest(), "file": path,
                      "snippet": session["resource"]["snippet"],
                      "status": session["resource"]["status"]})
    st.log(f"video {video_id} complete, {len(data)} bytes")
    return video_id


def parse_multipart(body, boundary):
    """(problem, snippet JSON, media part type, media bytes); problem is None when all is well."""
    delimiter = b"--" + boundary
    if not body.startswith(delimiter + b"\r\n"):
        return "the body does not start with --BOUNDARY CRLF", None, None, None
    position = len(delimiter) + 2
    parts = []
    while True:
        head_end = body.find(b"\r\n\r\n", position)
        if head_end < 0:
            return "a part without the blank line after its headers", None, None, None
        headers = {}
        for line in body[position:head_end].split(b"\r\n"):
            name, colon, value = line.partition(b":")
            if not colon:
                return f"a part header without a colon: {line!r}", None, None, None
            headers[name.strip().lower().decode()] = value.strip().decode()
        content_start = head_end + 4
        end = body.find(b"\r\n" + delimiter, content_start)
        if end < 0:
            return "a part is not closed by CRLF --BOUNDARY", None, None, None
        parts.append((headers, body[content_start:end]))
        after = end + 2 + len(delimiter)
        if body[after:after + 2] == b"--":
            if body[after + 2:] not in (b"", b"\r\n"):
                return "bytes after the closing delimiter", None, None, None
            break
        if body[after:after + 2] != b"\r\n":
            return ("the boundary occurs inside a part (not followed by CRLF or --)",
                    None, None, None)
        position = after + 2
    if len(parts) != 2:
        return f"{len(parts)} parts, expected 2 (metadata, media)", None, None, None
    (meta_headers, meta), (media_headers, media) = parts
    if meta_headers.get("content-type") != "application/json; charset=UTF-8":
        return (f"the first part's Content-Type is {meta_headers.get('content-type')!r}, "
                "expected 'application/json; charset=UTF-8'"), None, None, None
    if not media_headers.get("content-type"):
        return "the media part has no Content-Type", None, None, None
    try:
        snippet = json.loads(meta.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return f"the metadata part is not JSON: {e}", None, None, None
    return None, snippet, media_headers["content-type"], media


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("port_file")
    parser.add_argument("log_file")
    parser.add_argument("--token", required=True)
    parser.add_argument("--dir")
    for flag in ("break-once", "fail-500-once", "short-once", "expire-once", "hang-once",
                 "quota-exceeded", "captions-500-once", "captions-403-once",
                 "captions-lost-once"):
        parser.add_argument("--" + flag, action="store_true")
    args = parser.parse_args()
    args.dir = args.dir or os.path.dirname(os.path.abspath(args.log_file))
    Handler.state = State(args)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    temporary = args.port_file + ".tmp"
    with open(temporary, "w") as f:
        f.write(f"{server.server_address[1]}\n")
    os.replace(temporary, args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
