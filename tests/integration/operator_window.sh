#!/usr/bin/env bash
# The operator window under a real X server (Xvfb): `plenum demo` opens it, the test drives the
# show with real key presses and clicks (xdotool) and through the control API, and reads the
# window's own screenshots (POST /screenshot) pixel by pixel: the preview shows the program,
# the tally borders follow the scene, the meters move with a tone, quitting asks first.
. "$(dirname "$0")/lib.sh"

CONVERT=/usr/bin/convert   # ImageMagick itself (some machines put a stand-in earlier on the PATH)
[ -x "$CONVERT" ] || fail "ImageMagick is not installed (scripts/install-deps.sh)"
for tool in Xvfb xdpyinfo xdotool curl; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/install-deps.sh)"
done
API=http://127.0.0.1:9740

display=":$((90 + RANDOM % 100))"
run_bg xvfb.log Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp
for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done
export DISPLAY=$display

run_bg demo.log "$PLENUM" demo --duration 120
DEMO=$LAST_PID
wait_for_line demo.log 'control API on' 20
wait_for_line demo.log '^00:00:03 frames' 20
grep -q 'running headless' demo.log && fail "the demo ran headless although a display was there"
window=$(xdotool search --name '^Plenum' | head -n1)
[ -n "$window" ] || fail "no window named Plenum on $display"
xdotool windowfocus --sync "$window"

# status FIELD : one field of GET /status, as Python prints it.
status() { curl -sf "$API/status" | python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"; }
# shot NAME : the window's own screenshot as NAME.png
shot() {
  curl -sf -X POST "$API/screenshot" -o "$WORK/$1.bmp" || fail "POST /screenshot failed"
  "$CONVERT" "$WORK/$1.bmp" "$WORK/$1.png"
}
# at NAME X Y : "R G B" of one pixel of screenshot NAME
at() { "$CONVERT" "$WORK/$1.png" -format "%[fx:int(255*p{$2,$3}.r)] %[fx:int(255*p{$2,$3}.g)] %[fx:int(255*p{$2,$3}.b)]" info:; }
# key K EXPR : presses K, then waits (up to 5 s) until the status expression is true
key() {
  xdotool key --clearmodifiers "$1"
  for _ in $(seq 50); do [ "$(status "$2")" = True ] && return; sleep 0.1; done
  fail "after key $1, expected $2 (status: $(curl -s "$API/status"))"
}
is_dark() { awk -v c="$1" 'BEGIN { split(c, v, " "); exit !(v[1] < 40 && v[2] < 40 && v[3] < 45) }'; }

# Where things are on the window's fixed 1280x720 canvas (studio/operator_window.c): the
# multiview cells start at x = 12, 224, 436 (y 490); a tally border is the 4 px around a cell.
# The meter bars of cam1 and dgs stand at x 868–892 and 980–1004, their feet near y 290.
TALLY_Y=530; CAM1_X=10; CAM2_X=222; DGS_X=434

shot start
# The preview shows camera 1's SMPTE bars: many colours, bright, yellow in its second bar.
"$CONVERT" start.png -crop 832x468+8+8 +repage program.png
mean=$("$CONVERT" program.png -colorspace Gray -format '%[fx:mean]' info:)
colours=$("$CONVERT" program.png -colors 64 -format '%k' info:)
awk -v m="$mean" 'BEGIN { exit !(m > 0.2) }' || fail "the preview is dark (mean $mean)"
[ "$colours" -ge 8 ] || fail "the preview shows only $colours colours"
yellow=$(at start 190 100)
awk -v c="$yellow" 'BEGIN { split(c, v, " "); exit !(v[1] > 150 && v[2] > 150 && v[3] < 80) }' ||
  fail "expected the yellow SMPTE bar in the preview, got $yellow"
ok "the preview shows the program (mean $mean, $colours colours)"

# Tally: scene "plenum" shows cam1 (red) and the interpreter dgs (red); cam2 is next (green).
colour_is "$(at start $CAM1_X $TALLY_Y)" red || fail "cam1 on program is not framed red: $(at start $CAM1_X $TALLY_Y)"
colour_is "$(at start $CAM2_X $TALLY_Y)" green || fail "cam2 in the next scene is not framed green: $(at start $CAM2_X $TALLY_Y)"
colour_is "$(at start $DGS_X $TALLY_Y)" red || fail "the interpreter on program is not framed red"
# Meters: cam1 plays a 440 Hz tone, the interpreter's source is silent.
is_dark "$(at start 880 286)" && fail "cam1's meter does not move with its tone: $(at start 880 286)"
is_dark "$(at start 990 286)" || fail "the silent interpreter's meter shows a level: $(at start 990 286)"
ok "tally red on program, green for the next scene; the meter moves with the tone"

# Keys: 2 cuts to "rednerpult" (cam2 main, cam1 inset): cam2's border turns red.
key 2 'd["scene"] == "rednerpult"'
shot cut
colour_is "$(at cut $CAM2_X $TALLY_Y)" red || fail "after the cut cam2 is not framed red: $(at cut $CAM2_X $TALLY_Y)"
colour_is "$(at cut $CAM1_X $TALLY_Y)" red || fail "cam1, the inset, is not framed red after the cut"
# I hides the interpreter: its border goes.
key i 'd["interpreter"]["visible"] == False'
shot hidden
colour_is "$(at hidden $DGS_X $TALLY_Y)" red && fail "the hidden interpreter is still framed red"
key i 'd["interpreter"]["visible"] == True'
# C switches the burned-in captions; N moves the agenda on.
key c 'd["captions"]["burn_in"] == False'
key c 'd["captions"]["burn_in"] == True'
key n 'd["agenda"]["index"] == 1'
ok "keys 2, I, C and N act on the show"

# Clicks: the first button of the bottom row is scene 1.
xdotool mousemove --window "$window" 30 692 click 1
for _ in $(seq 50); do [ "$(status 'd["scene"]')" = plenum ] && break; sleep 0.1; done
[ "$(status 'd["scene"]')" = plenum ] || fail "clicking the button \"1 plenum\" did not cut to it"
ok "a click on a scene button cuts"

# Questions: one typed in through the API, then moderated from the keyboard.
curl -sf -X POST "$API/questions" -d '{"text": "Wann wird die Lindenschule saniert?", "author": "Erika"}' >/dev/null ||
  fail "POST /questions failed"
xdotool key --clearmodifiers Down
key a 'd["questions"]["approved"] == 1'
key o 'd["questions"]["on_air_id"] == "q1"'
key space 'd["questions"]["answered"] == 1'
ok "questions: ↓ selects, A approves, O puts on air, Space marks answered"

# Q asks before ending: the question box covers the middle, N keeps the show going.
xdotool key --clearmodifiers q
sleep 0.5
shot asking
is_dark "$(at asking 360 290)" || fail "Q did not ask before ending (no box in the middle)"
xdotool key --clearmodifiers n
sleep 1
kill -0 "$DEMO" 2>/dev/null || fail "the show ended although the operator said no"
shot kept
colour_is "$(at kept $CAM1_X $TALLY_Y)" red || fail "the window did not come back after \"keep streaming\""
# Q, then J: the show ends cleanly.
xdotool key --clearmodifiers q
sleep 0.5
xdotool key --clearmodifiers j
for _ in $(seq 150); do kill -0 "$DEMO" 2>/dev/null || break; sleep 0.1; done
kill -0 "$DEMO" 2>/dev/null && fail "Q then J did not end the show"
wait "$DEMO" || { cat demo.log >&2; fail "the show did not stop cleanly"; }
grep -q 'stopping: the operator ended the show' demo.log || fail "the log does not say the operator ended the show"
ok "Q asks first; N keeps streaming; J ends the show cleanly"
