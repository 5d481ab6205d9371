#!/usr/bin/env bash
# `plenum upload DIR --youtube` against a local fake of YouTube's upload endpoints
# (tests/fake_youtube_upload.py, strict about every documented header and byte range): the
# file arrives whole (sha256) through a dropped connection, a 500, a short 308 and an expired
# session; a break inside a chunk resumes from the server's offset; a killed upload resumes
# its session; the captions' multipart body is exactly what YouTube documents, and an insert
# whose answer was lost is found by captions.list, not made twice; a second run uploads nothing; refusals (incomplete archive, no token, no recording, quota) say why; the
# token and the session URI are printed nowhere and stored nowhere in the run folder.
. "$(dirname "$0")/lib.sh"

TOKEN="ya29.plenum-test-$RANDOM$RANDOM-token"
export PLENUM_UPLOAD_CHUNK_KIB=256 PLENUM_UPLOAD_BACKOFF_MS=20
unset YT_UPLOAD_TOKEN PLENUM_YOUTUBE_TOKEN PLENUM_CA_FILE

# fake NAME FLAGS... : starts the fake; sets BASE and FAKE (its folder: port, requests.log,
# the received files).
fake() {
  local name=$1; shift
  FAKE="$WORK/$name.fake"
  mkdir -p "$FAKE"
  run_bg "$FAKE/stdout.txt" python3 "$HERE/../fake_youtube_upload.py" "$FAKE/port" \
    "$FAKE/requests.log" --token "$TOKEN" "$@"
  for _ in $(seq 100); do [ -s "$FAKE/port" ] && break; sleep 0.1; done
  [ -s "$FAKE/port" ] || { cat "$FAKE/stdout.txt" >&2; fail "$name: the fake did not start"; }
  BASE="http://127.0.0.1:$(cat "$FAKE/port")"
}

# state FILE : the fake's /_test/state, saved to FILE.
state() {
  python3 -c 'import sys, urllib.request
sys.stdout.write(urllib.request.urlopen(sys.argv[1] + "/_test/state").read().decode())' \
    "$BASE" > "$1" || fail "cannot read the fake's state"
}

# py FILE SCRIPT [ARG...] : runs a Python snippet with `s` = the JSON in FILE (and `sys`,
# `json`; the ARGs from sys.argv[2]).
py() {
  local file=$1 script=$2
  shift 2
  python3 - "$file" "$@" <<PY
import json, sys
s = json.load(open(sys.argv[1]))
$script
PY
}

# make_run DIR [COMPLETE] [REASON] : a run folder as `plenum archive` leaves it, pointing at BASE.
TITLE_IN='Ratssitzung <öffentlich> 26.11.2026 – Tagesordnung mit Haushalt, Bebauungsplan Nr. 47 "Am Mühlbach" und Fragen der Bürgerinnen und Bürger'
make_run() {
  local dir=$1 complete=${2:-true} reason=${3:-}
  mkdir -p "$dir/archive"
  head -c 3000000 /dev/urandom > "$dir/archive/recording.mp4"
  printf 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nGuten Abend, ich eröffne die Sitzung.\n\n00:00:04.500 --> 00:00:08.000\nTOP 2: Haushalt 2027 – Änderungsanträge\n\n00:00:08.500 --> 00:00:11.000\nFragen der Bürgerinnen und Bürger, Grüße aus Süd.\n' \
    > "$dir/archive/captions.vtt"
  printf '0:00 TOP 1 Eröffnung\n0:04 TOP 2 Haushalt 2027\n0:08 TOP 3 Fragen der Bürgerinnen und Bürger\n' \
    > "$dir/archive/chapters.txt"
  python3 - "$dir" "$BASE" "$complete" "$reason" "$TITLE_IN" <<'PY'
import json, sys
dir, base, complete, reason, title = sys.argv[1:]
json.dump({"complete": complete == "true", "incomplete_reason": reason},
          open(dir + "/archive/archive.json", "w"))
json.dump({"name": "Ratssitzung 26.11.2026", "started": "2026-11-26T18:00:00Z",
           "archive": {"title": title, "description": "Öffentliche Sitzung des Rates.",
                       "min_caption_coverage": 0.9,
                       "youtube": {"token_env": "YT_UPLOAD_TOKEN", "api_base": base,
                                   "privacy": "private", "category_id": "25",
                                   "language": "de", "caption_name": "Deutsch"}}},
          open(dir + "/run.json", "w"), ensure_ascii=False)
PY
}

# upload NAME DIR [ENV...] : runs `plenum upload DIR --youtube` with the token (and ENV);
# stdout to NAME.out, stderr to NAME.err, the exit code to RC.
upload() {
  local name=$1 dir=$2; shift 2
  RC=0
  env YT_UPLOAD_TOKEN="$TOKEN" "$@" "$PLENUM" upload "$dir" --youtube \
    >"$WORK/$name.out" 2>"$WORK/$name.err" || RC=$?
}

# no_secrets NAME DIR STATE : neither the token nor a session's id is in NAME's output, nor
# is the token in any file under DIR.
no_secrets() {
  local name=$1 dir=$2 id
  if grep -q -F -- "$TOKEN" "$WORK/$name.out" "$WORK/$name.err"; then
    fail "$name: the token appears in the output"
  fi
  if grep -r -q -F -- "$TOKEN" "$dir"; then
    fail "$name: the token is stored under $dir"
  fi
  for id in $(py "$3" 'print(" ".join(x["upload_id"] for x in s["sessions"]))'); do
    if grep -q -F -- "$id" "$WORK/$name.out" "$WORK/$name.err"; then
      fail "$name: a session URI appears in the output"
    fi
  done
}

# same_file NAME DIR STATE : the fake's finished video is the recording, byte for byte.
same_file() {
  local want
  want=$(sha256sum "$2/archive/recording.mp4" | awk '{print $1}')
  py "$3" "
videos = s['videos']
assert len(videos) == 1, videos
assert videos[0]['size'] == 3000000, videos[0]['size']
assert videos[0]['sha256'] == '$want', 'the uploaded file differs from the recording'
" || fail "$1: the fake did not receive the recording"
  cmp -s "$2/archive/recording.mp4" "$(py "$3" 'print(s["videos"][0]["file"])')" ||
    fail "$1: the received file differs (cmp)"
}

no_violations() {
  py "$2" 'assert s["violations"] == [], s["violations"]' ||
    fail "$1: the client broke the protocol (see $FAKE/requests.log)"
}

# --- Everything that can go wrong, once each ----------------------------------------------
fake faults --break-once --fail-500-once --short-once --expire-once --captions-500-once
RUN="$WORK/faults.run"
make_run "$RUN"
upload faults "$RUN"
[ "$RC" = 0 ] || { cat "$WORK/faults.out" "$WORK/faults.err" >&2; fail "faults: exit $RC"; }
state "$WORK/faults.state.json"
S="$WORK/faults.state.json"
no_violations faults "$S"
same_file faults "$RUN" "$S"
ID=$(py "$S" 'print(s["videos"][0]["id"])')
grep -qx "uploaded: https://youtu.be/$ID" "$WORK/faults.out" ||
  { cat "$WORK/faults.out" >&2; fail "faults: no 'uploaded: https://youtu.be/$ID'"; }
py "$S" '
c = s["counters"]
assert c["breaks"] == 1 and c["fail500"] == 1 and c["shorts"] == 1, c
assert c["expired"] == 1 and c["session_starts"] == 2, c          # the 404 started over
assert c["status_questions"] >= 2, c                               # asked after break and 500
assert s["break_kept"] and s["break_kept"][0] in s["resumed_at"], (s["break_kept"], s["resumed_at"])
assert c["captions_requests"] == 2 and c["captions_500"] == 1, c   # the 503 was retried
' || fail "faults: the faults were not all met and survived"
ok "faults: break, 500, short 308 and expired session survived; file identical, no violation"

# The video resource as YouTube takes it.
py "$S" '
title_in = sys.argv[2]
v = s["videos"][0]
want_title = title_in.replace("<", "‹").replace(">", "›")[:100]
assert v["snippet"]["title"] == want_title, (v["snippet"]["title"], want_title)
assert len(v["snippet"]["title"]) == 100
want_description = ("Öffentliche Sitzung des Rates.\n\n0:00 TOP 1 Eröffnung\n0:04 TOP 2 "
                    "Haushalt 2027\n0:08 TOP 3 Fragen der Bürgerinnen und Bürger")
assert v["snippet"]["description"] == want_description, v["snippet"]["description"]
assert v["snippet"]["categoryId"] == "25"
assert v["snippet"]["defaultLanguage"] == v["snippet"]["defaultAudioLanguage"] == "de"
assert v["status"] == {"privacyStatus": "private", "selfDeclaredMadeForKids": False}, v["status"]
' "$TITLE_IN" || fail "faults: the video resource is not as run.json asks"
ok "faults: title cut to 100 characters with ‹ ›, description with chapters, language, privacy"

# The captions: the multipart body exactly as documented, the VTT byte for byte.
py "$S" 'assert len(s["captions"]) == 1, s["captions"]' || fail "faults: captions not inserted once"
BOUNDARY=$(py "$S" 'print(s["captions"][0]["boundary"])')
{
  printf -- '--%s\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n' "$BOUNDARY"
  printf '{"snippet":{"videoId":"%s","language":"de","name":"Deutsch","isDraft":false}}\r\n' "$ID"
  printf -- '--%s\r\nContent-Type: text/vtt\r\n\r\n' "$BOUNDARY"
  cat "$RUN/archive/captions.vtt"
  printf '\r\n--%s--\r\n' "$BOUNDARY"
} > "$WORK/expected_captions.body"
cmp "$WORK/expected_captions.body" "$(py "$S" 'print(s["captions"][0]["body_file"])')" ||
  fail "faults: the captions body is not the documented multipart"
cmp "$RUN/archive/captions.vtt" "$(py "$S" 'print(s["captions"][0]["vtt_file"])')" ||
  fail "faults: the VTT did not arrive byte for byte"
grep -qx 'captions uploaded (de)' "$WORK/faults.out" || fail "faults: no 'captions uploaded (de)'"
ok "faults: captions.insert multipart body identical to the expected one (cmp), 503 retried"

# The progress line: without a terminal, a plain line each tenth, ending at 100 %.
[ "$(grep -cE '^upload: [0-9.]+ of 3\.0 MB \([0-9]+ %\)' "$WORK/faults.err")" -ge 10 ] ||
  { cat "$WORK/faults.err" >&2; fail "faults: fewer than 10 progress lines"; }
grep -qE '^upload: 3\.0 of 3\.0 MB \(100 %\)' "$WORK/faults.err" || fail "faults: no 100 % line"
if grep -q $'\r' "$WORK/faults.err"; then fail "faults: carriage returns without a terminal"; fi
ok "faults: progress printed a plain line per tenth, up to 100 %"

no_secrets faults "$RUN" "$S"
[ "$(stat -c %a "$RUN/archive/upload.json")" = 600 ] || fail "upload.json is not mode 600"
py "$RUN/archive/upload.json" "
assert s['video_id'] == '$ID' and s['captions_done'] is True, s
assert 'session_uri' not in s, 'a spent session URI is kept'
" || fail "faults: upload.json does not record the video and captions"
ok "faults: no token or session URI in output or run folder; upload.json is 0600"

# --- A second run uploads nothing -----------------------------------------------------------
upload again "$RUN"
[ "$RC" = 0 ] || { cat "$WORK/again.err" >&2; fail "again: exit $RC"; }
grep -qx "already uploaded: https://youtu.be/$ID" "$WORK/again.out" ||
  { cat "$WORK/again.out" >&2; fail "again: no 'already uploaded'"; }
state "$WORK/again.state.json"
py "$WORK/again.state.json" '
before = json.load(open(sys.argv[2]))["counters"]
assert s["counters"] == before, (before, s["counters"])
' "$S" || fail "again: the second run sent requests"
no_secrets again "$RUN" "$S"
ok "again: 'already uploaded', not one request"

# --- Captions refused once: the next run sends only the captions ---------------------------
fake captions_later --captions-403-once
RUN="$WORK/captions_later.run"
make_run "$RUN"
upload captions_first "$RUN"
[ "$RC" = 1 ] || fail "captions_first: exit $RC, expected 1 (captions refused)"
grep -q 'uploaded: https://youtu.be/' "$WORK/captions_first.out" &&
  grep -q 'YouTube refused the captions (HTTP 403, forbidden' "$WORK/captions_first.err" ||
  { cat "$WORK/captions_first.out" "$WORK/captions_first.err" >&2; fail "captions_first: not as expected"; }
upload captions_later "$RUN"
[ "$RC" = 0 ] || { cat "$WORK/captions_later.err" >&2; fail "captions_later: exit $RC"; }
S="$WORK/captions_later.state.json"
state "$S"
ID=$(py "$S" 'print(s["videos"][0]["id"])')
grep -qx "already uploaded: https://youtu.be/$ID" "$WORK/captions_later.out" &&
  grep -qx 'captions uploaded (de)' "$WORK/captions_later.out" ||
  { cat "$WORK/captions_later.out" >&2; fail "captions_later: not 'already uploaded' then captions"; }
py "$S" '
c = s["counters"]
assert c["session_starts"] == 1 and c["captions_requests"] == 2 and len(s["captions"]) == 1, c
assert s["captions"][0]["snippet"]["videoId"] == s["videos"][0]["id"]
' || fail "captions_later: the video was sent again, or the captions not"
no_violations captions_later "$S"
no_secrets captions_later "$RUN" "$S"
ok "captions refused once: exit 1; the next run uploads only the captions"

# --- The captions' answer lost: the retry finds the track instead of making a second -----
fake captions_lost --captions-lost-once
RUN="$WORK/captions_lost.run"
make_run "$RUN"
upload captions_lost "$RUN"
[ "$RC" = 0 ] || { cat "$WORK/captions_lost.err" >&2; fail "captions_lost: exit $RC"; }
S="$WORK/captions_lost.state.json"
state "$S"
grep -qx 'captions already on YouTube (de, "Deutsch"): not sent again' "$WORK/captions_lost.out" ||
  { cat "$WORK/captions_lost.out" "$WORK/captions_lost.err" >&2; fail "captions_lost: not 'already on YouTube'"; }
py "$S" '
c = s["counters"]
assert c["captions_lost"] == 1 and c["captions_requests"] == 1 and len(s["captions"]) == 1, c
assert c["captions_lists"] == 2, c
' || fail "captions_lost: a second caption track was made, or the list not asked"
no_violations captions_lost "$S"
no_secrets captions_lost "$RUN" "$S"
ok "captions' answer lost: the retry finds the track on YouTube, one track only"

# --- A break inside a chunk: resume from the server's offset, not the chunk's start ----------
fake midchunk --break-once
RUN="$WORK/midchunk.run"
make_run "$RUN"
upload midchunk "$RUN" PLENUM_UPLOAD_CHUNK_KIB=700   # rounded down to 512
[ "$RC" = 0 ] || { cat "$WORK/midchunk.err" >&2; fail "midchunk: exit $RC"; }
S="$WORK/midchunk.state.json"
state "$S"
no_violations midchunk "$S"
same_file midchunk "$RUN" "$S"
# The 3rd 512 KiB chunk starts at 1048576; the fake kept one 256 KiB unit of it.
py "$S" '
assert s["break_kept"] == [1310720], s["break_kept"]
assert s["resumed_at"] == [1310720], s["resumed_at"]
' || fail "midchunk: did not resume at the offset the server reported"
no_secrets midchunk "$RUN" "$S"
ok "midchunk: broken 512 KiB chunk resumed at the server's 1310720, not 1048576"

# --- Killed mid-upload: the next run resumes the same session ----------------------------
fake crash --hang-once
RUN="$WORK/crash.run"
make_run "$RUN"
run_bg "$WORK/crash.first.txt" env YT_UPLOAD_TOKEN="$TOKEN" "$PLENUM" upload "$RUN" --youtube
FIRST=$LAST_PID
wait_for_line "$FAKE/requests.log" 'HANG' 30
kill -9 -- "-$FIRST" 2>/dev/null || kill -9 "$FIRST"
wait "$FIRST" 2>/dev/null || true
[ "$(stat -c %a "$RUN/archive/upload.json")" = 600 ] || fail "crash: upload.json is not mode 600"
py "$RUN/archive/upload.json" 'assert s.get("session_uri") and not s.get("video_id"), s' ||
  fail "crash: upload.json does not hold the session"
upload crash "$RUN"
[ "$RC" = 0 ] || { cat "$WORK/crash.err" >&2; fail "crash: exit $RC"; }
grep -q 'resuming the upload started earlier' "$WORK/crash.err" ||
  { cat "$WORK/crash.err" >&2; fail "crash: did not say it resumes"; }
S="$WORK/crash.state.json"
state "$S"
no_violations crash "$S"
same_file crash "$RUN" "$S"
py "$S" '
c = s["counters"]
assert c["session_starts"] == 1, c        # the same session, not a new one
assert c["status_questions"] >= 1 and s["resumed_at"] == [524288], (c, s["resumed_at"])
' || fail "crash: the second run did not resume the first run's session"
no_secrets crash "$RUN" "$S"
cat "$WORK/crash.first.txt" >> "$WORK/crash.err"
no_secrets crash "$RUN" "$S"
ok "crash: killed during a chunk; the next run asked the same session and resumed at 524288"

# --- Refusals ---------------------------------------------------------------------------------
fake refusals --quota-exceeded
RUN="$WORK/incomplete.run"
make_run "$RUN" false "captions cover 62 % of speech, 90 % are needed"
upload incomplete "$RUN"
[ "$RC" = 1 ] || fail "incomplete: exit $RC, expected 1"
grep -q 'archive.json' "$WORK/incomplete.err" && grep -q 'captions cover 62 % of speech' "$WORK/incomplete.err" ||
  { cat "$WORK/incomplete.err" >&2; fail "incomplete: the reason is not given"; }
ok "incomplete archive refused with its reason"

RUN="$WORK/notoken.run"
make_run "$RUN"
RC=0
env -u YT_UPLOAD_TOKEN "$PLENUM" upload "$RUN" --youtube >"$WORK/notoken.out" 2>"$WORK/notoken.err" || RC=$?
[ "$RC" = 1 ] || fail "notoken: exit $RC, expected 1"
grep -q 'YT_UPLOAD_TOKEN' "$WORK/notoken.err" || { cat "$WORK/notoken.err" >&2; fail "notoken: the variable is not named"; }
upload emptytoken "$RUN" YT_UPLOAD_TOKEN=
[ "$RC" = 1 ] && grep -q 'YT_UPLOAD_TOKEN is empty' "$WORK/emptytoken.err" ||
  { cat "$WORK/emptytoken.err" >&2; fail "emptytoken: exit $RC, or the variable is not named"; }
ok "missing or empty token refused, naming YT_UPLOAD_TOKEN"

RUN="$WORK/norecording.run"
make_run "$RUN"
rm "$RUN/archive/recording.mp4"
upload norecording "$RUN"
[ "$RC" = 1 ] || fail "norecording: exit $RC, expected 1"
grep -q 'recording.mp4 is missing; run `plenum archive' "$WORK/norecording.err" ||
  { cat "$WORK/norecording.err" >&2; fail "norecording: no clear message"; }
ok "missing recording refused, pointing at plenum archive"

state "$WORK/refusals.state.json"
py "$WORK/refusals.state.json" 'assert s["counters"]["session_starts"] == 0, s["counters"]' ||
  fail "a refused upload still talked to YouTube"

RUN="$WORK/quota.run"
make_run "$RUN"
upload quota "$RUN"
[ "$RC" = 1 ] || fail "quota: exit $RC, expected 1"
grep -q 'quotaExceeded' "$WORK/quota.err" || { cat "$WORK/quota.err" >&2; fail "quota: the API's reason is not given"; }
S="$WORK/quota.state.json"
state "$S"
py "$S" 'assert s["counters"]["session_starts"] == 1 and s["counters"]["quota_refusals"] == 1, s["counters"]' ||
  fail "quota: a 403 was retried"
no_secrets quota "$RUN" "$S"
ok "403 quotaExceeded stops at once with the API's reason"
