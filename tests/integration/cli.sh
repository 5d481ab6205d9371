#!/usr/bin/env bash
# The command line's exit codes and messages (CONTRACT.md: 0 ok, 1 runtime, 2 usage/bad show).
. "$(dirname "$0")/lib.sh"

expect_exit 0 "$PLENUM" --help
grep -q "plenum demo" "$WORK/out.txt" || fail "--help does not list the commands"
expect_exit 0 "$PLENUM" --version
grep -qE "^plenum [0-9]+\.[0-9]+" "$WORK/out.txt" || fail "--version prints no version"
ok "help and version"

expect_exit 2 "$PLENUM"
expect_exit 2 "$PLENUM" frobnicate
grep -q 'unknown command "frobnicate"' "$WORK/err.txt" || fail "unknown command not named"
expect_exit 2 "$PLENUM" run
expect_exit 2 "$PLENUM" demo extra.json
expect_exit 2 "$PLENUM" demo --duration=-3
expect_exit 2 "$PLENUM" demo --no-such-option
ok "usage errors exit 2"

expect_exit 2 "$PLENUM" run missing.json
grep -q "missing.json" "$WORK/err.txt" || fail "a missing show file is not named"
ok "missing show file names the file"

cat > good.json <<'JSON'
{ "name": "t", "sources": [ { "id": "cam", "kind": "test" } ],
  "outputs": [ { "id": "rec", "kind": "record", "dir": "out" } ] }
JSON
expect_exit 0 "$PLENUM" check good.json
grep -q "valid" "$WORK/out.txt" || fail "check does not say the file is valid"

cat > three.json <<'JSON'
{ "name": "t", "colour": 1,
  "sources": [ { "id": "cam", "kind": "test" } ],
  "scenes": [ { "id": "s", "main": "cam9" } ],
  "outputs": [ { "id": "rec", "kind": "recrod", "dir": "out" } ] }
JSON
expect_exit 2 "$PLENUM" check three.json
for path in '^colour:' '^scenes\[0\]\.main:' '^outputs\[0\]\.kind:'; do
  grep -qE "$path" "$WORK/err.txt" || { cat "$WORK/err.txt" >&2; fail "check did not report $path"; }
done
[ "$(wc -l < "$WORK/err.txt")" -eq 3 ] || { cat "$WORK/err.txt" >&2; fail "check should print exactly 3 problems"; }
ok "check lists every problem with its JSON path"

expect_exit 2 "$PLENUM" run three.json --headless
expect_exit 2 "$PLENUM" render good.json
grep -q "render needs file sources" "$WORK/err.txt" || fail "render of a test source not refused clearly"
ok "bad show files exit 2 for run and render"

expect_exit 1 "$PLENUM" archive somewhere
ok "archive not yet available exits 1"

expect_exit 0 env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$PLENUM" demo --duration 1 --quiet
grep -q "no display (DISPLAY is not set): running headless" "$WORK/err.txt" || fail "an absent display is not said"
ok "absent display: one clear line, then headless"

cat > facebook.json <<'JSON'
{ "name": "t", "video": { "bitrate_kbps": 4500 }, "sources": [ { "id": "cam", "kind": "test" } ],
  "outputs": [ { "id": "fb", "kind": "facebook", "key_env": "PLENUM_TEST_FB_KEY" } ] }
JSON
PLENUM_TEST_FB_KEY=secret-fb-key expect_exit 0 "$PLENUM" check facebook.json
grep -q "^warning: outputs\[0\]: video.bitrate_kbps 4500 is outside Facebook's range for 720p30" "$WORK/out.txt" ||
  { cat "$WORK/out.txt" >&2; fail "check does not warn about Facebook's bitrate range"; }
grep -q "secret-fb-key" "$WORK/out.txt" "$WORK/err.txt" && fail "check printed the stream key"
ok "check warns about platform limits, exit 0, no key printed"
