#!/usr/bin/env bash
# Sound stays with its picture through an SRT contribution: a flash and a beep sent at the same
# moments arrive together in the recording, within what viewers accept (ITU-R BT.1359: sound
# at most 45 ms before the picture, at most 125 ms after it).
. "$(dirname "$0")/lib.sh"

port=$(free_port)
cat > show.json <<JSON
{ "name": "avsync",
  "video": { "width": 640, "height": 360, "fps": 30, "bitrate_kbps": 2000, "keyframe_s": 1 },
  "sources": [ { "id": "cam", "kind": "srt", "uri": "srt://127.0.0.1:$port?mode=listener&latency=40" } ],
  "outputs": [ { "id": "rec", "kind": "record", "dir": "out" } ] }
JSON
run_bg show.log "$PLENUM" run show.json --headless --duration 16
show=$LAST_PID
wait_for_line show.log 'running' 20
for _ in $(seq 100); do ss -Huln "sport = :$port" | grep -q . && break; sleep 0.1; done

# Black with one white frame a second and, at the same moments, a 50 ms beep; ffmpeg's own
# file of the two inputs puts them within 3 ms of each other.
ffmpeg -v error -re -f lavfi -i "color=black:s=640x360:r=30,geq=lum='if(lt(mod(N,30),1),235,16)':cb=128:cr=128" \
  -re -f lavfi -i "sine=f=1000:sample_rate=48000,volume='if(lt(mod(t,1),0.05),1,0)':eval=frame" \
  -t 11 -c:v libx264 -preset ultrafast -tune zerolatency -g 30 -c:a aac \
  -f mpegts "srt://127.0.0.1:$port?mode=caller&latency=40000" 2> sender.log || true
wait "$show" || fail "plenum failed: $(tail -n 3 show.log)"
rec=$(the_recording out)

ffprobe -v error -f lavfi -i "movie=$rec,signalstats" -show_entries \
  frame=pts_time:frame_tags=lavfi.signalstats.YAVG -of csv=p=0 |
  awk -F, '$2 > 100 && !on { print $1; on = 1 } $2 <= 100 { on = 0 }' > flashes.txt
ffmpeg -hide_banner -nostats -copyts -i "$rec" -map 0:a:0 -af silencedetect=n=-30dB:d=0.2 -f null - 2>&1 |
  awk '/silence_end/ { for (i = 1; i <= NF; i++) if ($i == "silence_end:") print $(i + 1) }' > beeps.txt
# The first two seconds after the source starts are left out: its timing is being learnt.
offset=$(python3 - flashes.txt beeps.txt <<'PY'
import sys
flashes = [float(l) for l in open(sys.argv[1]) if l.strip()]
beeps = [float(l) for l in open(sys.argv[2]) if l.strip()]
offsets = sorted((min(beeps, key=lambda b: abs(b - f)) - f) * 1000 for f in flashes[2:]
                 if beeps and min(abs(b - f) for b in beeps) < 0.5)
if len(offsets) < 5:
    sys.exit(f"only {len(offsets)} flashes with a beep near them")
print(f"{offsets[len(offsets) // 2]:.0f}")
PY
) || fail "could not pair flashes and beeps in the recording ($(wc -l < flashes.txt) flashes, $(wc -l < beeps.txt) beeps)"
echo "sound minus picture: $offset ms (median)"
[ "$offset" -ge -45 ] || fail "the sound comes $((-offset)) ms before the picture (more than 45 ms)"
[ "$offset" -le 125 ] || fail "the sound comes $offset ms after the picture (more than 125 ms)"
ok "sound and picture of an SRT contribution stay together: sound $offset ms after the picture"
