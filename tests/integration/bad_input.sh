#!/usr/bin/env bash
# Bad input gets one clear line naming the thing; a dead source never stops the show.
. "$(dirname "$0")/lib.sh"

cat > unknown.json <<'JSON'
{ "name": "t", "sources": [ { "id": "cam", "kind": "webcam" } ], "outputs": [] }
JSON
expect_exit 2 "$PLENUM" run unknown.json --headless
grep -q '^sources\[0\]\.kind:' "$WORK/err.txt" || { cat "$WORK/err.txt" >&2; fail "unknown source kind not reported at its path"; }
ok "unknown source kind"

cat > secret.json <<'JSON'
{ "name": "t", "sources": [ { "id": "cam", "kind": "test" } ],
  "outputs": [ { "id": "yt", "kind": "youtube", "key_env": "PLENUM_TEST_UNSET_KEY" } ] }
JSON
unset PLENUM_TEST_UNSET_KEY || true
expect_exit 2 "$PLENUM" check secret.json
grep -q 'outputs\[0\]\.key_env: .*PLENUM_TEST_UNSET_KEY' "$WORK/err.txt" || fail "unset key_env not named"
ok "unset *_env variable"

printf '{ "name": "t", "sources": [ { "id": "cam" ' > broken.json
expect_exit 2 "$PLENUM" check broken.json
grep -q 'broken.json' "$WORK/err.txt" || fail "JSON syntax error does not name the file"
ok "invalid JSON names the file"

# Sources that cannot play (no SRT peer, no such camera) show their slate; the show runs on.
port=$(free_port)
cat > dead.json <<JSON
{ "name": "dead sources",
  "sources": [ { "id": "remote", "kind": "srt", "uri": "srt://127.0.0.1:$port?mode=caller" },
               { "id": "desk", "kind": "v4l2", "device": "/dev/video-plenum-none" },
               { "id": "cam", "kind": "test", "pattern": "blue" } ],
  "scenes": [ { "id": "s", "main": "remote", "inset": "desk" } ],
  "outputs": [ { "id": "rec", "kind": "record", "dir": "out" } ] }
JSON
expect_exit 0 "$PLENUM" run dead.json --headless --duration 4
grep -q 'source remote:' "$WORK/err.txt" || { cat "$WORK/err.txt" >&2; fail "the unreachable SRT peer is not named"; }
grep -q 'source desk:.*video-plenum-none' "$WORK/err.txt" || { cat "$WORK/err.txt" >&2; fail "the missing camera device is not named"; }
rec=$(the_recording out)
within "$(duration_of "$rec")" 4 0.5 || fail "the show with dead sources did not run its 4 s"
colour_is "$(pixel "$rec" 3 40 40)" slate || fail "no slate in place of the dead main source"
ok "dead sources: named in the log, slate on air, show ran to its end"

# An unwritable recording folder is a clear runtime failure.
cat > nowhere.json <<'JSON'
{ "name": "t", "sources": [ { "id": "cam", "kind": "test" } ],
  "outputs": [ { "id": "rec", "kind": "record", "dir": "/proc/plenum-cannot-write" } ] }
JSON
expect_exit 1 "$PLENUM" run nowhere.json --headless --duration 2
grep -q '/proc/plenum-cannot-write' "$WORK/err.txt" || { cat "$WORK/err.txt" >&2; fail "the unwritable folder is not named"; }
ok "unwritable recording folder"
