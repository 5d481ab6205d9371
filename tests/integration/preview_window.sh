#!/usr/bin/env bash
# With a display, `plenum demo` opens the SDL2 preview window and shows the program in it
# (checked on a real X server, Xvfb, with a screenshot taken by xwd).
. "$(dirname "$0")/lib.sh"

# ImageMagick itself (some machines put a stand-in named convert earlier on the PATH).
CONVERT=/usr/bin/convert
[ -x "$CONVERT" ] || fail "ImageMagick is not installed (scripts/install-deps.sh)"
command -v Xvfb >/dev/null || fail "Xvfb is not installed (scripts/install-deps.sh)"
display=":$((90 + RANDOM % 100))"
run_bg xvfb.log Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp
for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done

DISPLAY=$display run_bg demo.log "$PLENUM" demo --duration 12
wait_for_line demo.log '^00:00:04 frames' 20
DISPLAY=$display xwd -root -silent > screen.xwd
"$CONVERT" screen.xwd screen.png
wait "$LAST_PID" || { cat demo.log >&2; fail "the demo with a window did not stop cleanly"; }
grep -q 'running headless' demo.log && fail "the demo ran headless although a display was there"

# The window (960x540, centred) shows the SMPTE bars of camera 1: many colours, not black.
"$CONVERT" screen.png -crop 960x540+160+130 +repage window.png
mean=$("$CONVERT" window.png -colorspace Gray -format '%[fx:mean]' info:)
colours=$("$CONVERT" window.png -colors 64 -format '%k' info:)
awk -v m="$mean" 'BEGIN { exit !(m > 0.2) }' || fail "the preview is dark (mean $mean)"
[ "$colours" -ge 8 ] || fail "the preview shows only $colours colours"
# The yellow bar of the SMPTE pattern is in the window's upper left part.
yellow=$("$CONVERT" window.png -crop 1x1+200+100 -format '%[fx:int(255*r)] %[fx:int(255*g)] %[fx:int(255*b)]' info:)
awk -v c="$yellow" 'BEGIN { split(c, v, " "); exit !(v[1] > 150 && v[2] > 150 && v[3] < 80) }' ||
  fail "expected the yellow SMPTE bar in the preview, got $yellow"
ok "preview window shows the program (mean $mean, $colours colours)"
