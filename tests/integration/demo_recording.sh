#!/usr/bin/env bash
# `plenum demo` records a proper H.264/AAC file of the requested length and prints status.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "$PLENUM" demo --headless --duration 12
rec=$(the_recording recordings)
run_dir=$(dirname "$rec")

[ "$(stream_field "$rec" v:0 codec_name)" = h264 ] || fail "video is not H.264"
[ "$(stream_field "$rec" v:0 profile)" = High ] || fail "H.264 is not High profile"
[ "$(stream_field "$rec" v:0 width)x$(stream_field "$rec" v:0 height)" = 1280x720 ] || fail "size is not 1280x720"
[ "$(stream_field "$rec" v:0 r_frame_rate)" = 30/1 ] || fail "frame rate is not 30"
[ "$(stream_field "$rec" a:0 codec_name)" = aac ] || fail "audio is not AAC"
[ "$(stream_field "$rec" a:0 sample_rate)" = 48000 ] || fail "audio is not 48 kHz"
[ "$(stream_field "$rec" a:0 channels)" = 2 ] || fail "audio is not stereo"
ok "codecs, size, rate"

# The run folder (viewers' questions live there too) is closed to other users.
[ "$(stat -c %a "$run_dir")" = 750 ] || fail "the run folder is mode $(stat -c %a "$run_dir"), not 750"
ok "run folder mode 750"

d=$(duration_of "$rec")
within "$d" 12 0.5 || fail "duration $d is not 12 ± 0.5 s"
ok "duration $d"

# Keyframes exactly every keyframe_s (2 s), by their time in the stream (from its first frame).
keys=$(ffprobe -v error -select_streams v:0 -show_entries frame=key_frame,pts_time -of csv=p=0 "$rec" |
       grep -E '^[01],' | awk -F, 'NR == 1 { first = $2 } $1 == 1 { printf "%.2f ", $2 - first }')
[ "$keys" = "0.00 2.00 4.00 6.00 8.00 10.00 " ] || fail "keyframes at '$keys', expected every 2 s"
ok "keyframe every 2 s"

# The demo cuts from camera 1 (SMPTE bars: green at the top centre) to camera 2 (a ball on
# black) at 10 s, with every frame in place around the cut.
colour_is "$(pixel "$rec" 9 640 100)" green || fail "camera 1 is not on air at 9 s"
colour_is "$(pixel "$rec" 11 640 100)" black || fail "camera 2 is not on air at 11 s after the cut"
gaps=$(ffprobe -v error -select_streams v:0 -show_entries frame=pts_time -of csv=p=0 "$rec" | grep -E '^[0-9]' |
       awk -F, '$1 > 1 { d = $1 - last; if (d > 0.05 || d < 0.02) bad++ } { last = $1 } END { print bad + 0 }')
[ "$gaps" = 0 ] || fail "$gaps irregular frame intervals in the recording"
ok "scene cut at 10 s, frames evenly spaced after the first second"

# One status line a second on stderr, and the same lines in show.log, without secrets.
[ "$(grep -c ' frames ' "$WORK/err.txt")" -ge 4 ] || fail "fewer than 4 status lines"
grep -qE '^00:00:0[0-9] frames [0-9]+ dropped [0-9]+ scene .*\| relay .* \| archive live [0-9.]+ Mbit/s' "$WORK/err.txt" ||
  { cat "$WORK/err.txt" >&2; fail "status line lacks time, frames, dropped or output states"; }
grep -q ' frames ' "$run_dir/show.log" || fail "show.log has no status lines"
ok "status lines"

# The full demo path ran without dropping frames.
last_dropped=$(grep ' frames ' "$WORK/err.txt" | tail -n1 | sed -E 's/.* dropped ([0-9]+) .*/\1/')
[ "$last_dropped" = 0 ] || fail "the demo dropped $last_dropped frames"
ok "no dropped frames"
