#!/usr/bin/env python3
"""A stand-in for whisper.cpp's server (examples/server) for Plenum's tests: POST /inference.

It checks each request as strictly as whisper.cpp reads it: multipart/form-data, a `file` part
holding a 16 kHz mono 16-bit PCM WAV whose RIFF sizes add up, `response_format` "json", a
numeric `temperature` and a language code if any. A bad request gets HTTP 400 with the reason.
A good one gets {"text": ...}: the next of the canned texts (--texts FILE, one a line, "\\n"
for a line break inside one; a failed or slow request does not use one up), or, without texts
or when they are spent, " chunk N: D.DD s".

On stdout, flushed: first the port it listens on, then one line per request:
  chunk N duration=D.DD sound=S.SS runs=R edges=quiet|loud status=200 text="..."
  chunk N ... status=200 late            (a --slow-first request, answered after the wait)
  request N status=400 error="..."
where `sound` is the time louder than -30 dBFS (in 10 ms windows), `runs` the stretches of
sound apart by at least 200 ms of quiet, and `edges` whether the first and last 50 ms are quiet.
"""
import argparse
import email.parser
import email.policy
import http.server
import json
import math
import re
import struct
import sys
import threading
import time

RATE = 16000
WINDOW = RATE // 100
LOUD_RMS = 32768 * 10 ** (-30 / 20)
RUN_GAP_WINDOWS = 20


class BadRequest(Exception):
    pass


def parse_form(content_type, body):
    if not content_type.startswith("multipart/form-data") or "boundary=" not in content_type:
        raise BadRequest(f"Content-Type is {content_type!r}, not multipart/form-data")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart() or message.defects:
        raise BadRequest(f"the multipart body does not parse: {message.defects}")
    fields = {}
    for part in message.iter_parts():
        disposition = part.get("Content-Disposition", "")
        if part.get_content_disposition() != "form-data" or not part.get_param(
                "name", header="Content-Disposition"):
            raise BadRequest(f"a part without a form-data name: {disposition!r}")
        name = part.get_param("name", header="Content-Disposition")
        if name in fields:
            raise BadRequest(f"field {name!r} twice")
        fields[name] = (part.get_filename(), part.get_payload(decode=True) or b"")
    return fields


def wav_samples(data):
    if len(data) < 44 or data[0:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise BadRequest("file is not a RIFF WAVE file")
    if struct.unpack_from("<I", data, 4)[0] != len(data) - 8:
        raise BadRequest("the RIFF size does not match the file's length")
    chunks, offset = {}, 12
    while offset + 8 <= len(data):
        tag, size = data[offset:offset + 4], struct.unpack_from("<I", data, offset + 4)[0]
        if offset + 8 + size > len(data):
            raise BadRequest(f"WAV chunk {tag!r} runs past the end of the file")
        chunks[tag] = data[offset + 8:offset + 8 + size]
        offset += 8 + size + (size & 1)
    if offset != len(data):
        raise BadRequest("trailing bytes after the last WAV chunk")
    fmt = chunks.get(b"fmt ")
    if fmt is None or len(fmt) < 16 or b"data" not in chunks:
        raise BadRequest("WAV without fmt or data chunk")
    audio_format, channels, rate, byte_rate, block_align, bits = struct.unpack_from("<HHIIHH", fmt)
    if (audio_format, channels, rate, bits) != (1, 1, RATE, 16):
        raise BadRequest(f"WAV is format {audio_format}, {channels} channels, {rate} Hz, {bits} "
                         "bits: whisper wants PCM, 1 channel, 16000 Hz, 16 bits")
    if byte_rate != RATE * 2 or block_align != 2:
        raise BadRequest(f"WAV byte rate {byte_rate} / block align {block_align} are inconsistent")
    pcm = chunks[b"data"]
    if len(pcm) % 2 or not pcm:
        raise BadRequest("WAV data is empty or not whole samples")
    return struct.unpack(f"<{len(pcm) // 2}h", pcm)


def describe(samples):
    loud = []
    for start in range(0, len(samples) - WINDOW + 1, WINDOW):
        window = samples[start:start + WINDOW]
        loud.append(math.sqrt(sum(s * s for s in window) / WINDOW) > LOUD_RMS)
    runs, quiet = 0, RUN_GAP_WINDOWS
    for is_loud in loud:
        if is_loud and quiet >= RUN_GAP_WINDOWS:
            runs += 1
        quiet = 0 if is_loud else quiet + 1
    edges = "quiet" if not any(loud[:5]) and not any(loud[-5:]) else "loud"
    return (f"duration={len(samples) / RATE:.2f} sound={sum(loud) * WINDOW / RATE:.2f} "
            f"runs={runs} edges={edges}")


def check_request(handler, body):
    fields = parse_form(handler.headers.get("Content-Type", ""), body)
    if "file" not in fields or fields["file"][0] is None:
        raise BadRequest("no 'file' field with a file name in the request")
    for name in fields:
        if name not in ("file", "response_format", "temperature", "temperature_inc", "language"):
            raise BadRequest(f"unexpected field {name!r}")
    if fields.get("response_format", (None, b""))[1] != b"json":
        raise BadRequest("response_format is not json")
    try:
        float(fields.get("temperature", (None, b"0"))[1])
    except ValueError:
        raise BadRequest("temperature is not a number") from None
    if "language" in fields and not re.fullmatch(rb"auto|[a-z]{2,3}", fields["language"][1]):
        raise BadRequest(f"language {fields['language'][1]!r} is not a language code")
    return wav_samples(fields["file"][1])


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"   # keep-alive, as whisper.cpp's httplib does

    def log_message(self, format, *args):
        pass

    def answer(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        state = self.server.state
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with state.lock:
            state.requests += 1
            number = state.requests
        if self.path != "/inference":
            state.say(f"request {number} status=404 error=\"{self.path}\"")
            self.answer(404, {"error": "not found"})
            return
        try:
            samples = check_request(self, body)
        except BadRequest as problem:
            state.say(f"request {number} status=400 error={json.dumps(str(problem))}")
            self.answer(400, {"error": str(problem)})
            return
        if number <= state.options.slow_first:
            time.sleep(state.options.slow_seconds)
            state.say(f"chunk {number} {describe(samples)} status=200 late")
            try:
                self.answer(200, {"text": " (too late)"})
            except OSError:
                pass   # the client gave up waiting, as it should
            return
        if number <= state.options.fail_first:
            state.say(f"chunk {number} {describe(samples)} status=500")
            self.answer(500, {"error": "the fake server fails as told"})
            return
        with state.lock:
            text = (state.texts.pop(0) if state.texts
                    else f" chunk {number}: {len(samples) / RATE:.2f} s")
        state.say(f"chunk {number} {describe(samples)} status=200 text={json.dumps(text)}")
        self.answer(200, {"text": text})


class State:
    def __init__(self, options):
        self.options = options
        self.lock = threading.Lock()
        self.requests = 0
        self.texts = []
        if options.texts:
            with open(options.texts, encoding="utf-8") as file:
                self.texts = [line.rstrip("\n").replace("\\n", "\n") for line in file]

    def say(self, line):
        with self.lock:
            print(line, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--texts", help="canned answers, one a line")
    parser.add_argument("--fail-first", type=int, default=0, metavar="N",
                        help="answer the first N good requests with HTTP 500")
    parser.add_argument("--slow-first", type=int, default=0, metavar="N",
                        help="answer the first N good requests only after --slow-seconds")
    parser.add_argument("--slow-seconds", type=float, default=20.0)
    options = parser.parse_args()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", options.port), Handler)
    server.daemon_threads = True
    server.state = State(options)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
