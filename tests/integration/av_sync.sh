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

# sound_minus_picture REC SKIP: the median of beep minus flash in REC, in ms, after the first
# SKIP flashes; fails when fewer than 5 pairs are found. Leaves the flashes' times in flashes.txt.
sound_minus_picture() {
  ffprobe -v error -f lavfi -i "movie=$1,signalstats" -show_entries \
    frame=pts_time:frame_tags=lavfi.signalstats.YAVG -of csv=p=0 |
    awk -F, '$2 > 100 && !on { print $1; on = 1 } $2 <= 100 { on = 0 }' > flashes.txt
  ffmpeg -hide_banner -nostats -copyts -i "$1" -map 0:a:0 -af silencedetect=n=-30dB:d=0.2 -f null - 2>&1 |
    awk '/silence_end/ { for (i = 1; i <= NF; i++) if ($i == "silence_end:") print $(i + 1) }' > beeps.txt
  python3 - flashes.txt beeps.txt "$2" <<'PY' ||
import sys
flashes = [float(l) for l in open(sys.argv[1]) if l.strip()]
beeps = [float(l) for l in open(sys.argv[2]) if l.strip()]
offsets = sorted((min(beeps, key=lambda b: abs(b - f)) - f) * 1000 for f in flashes[int(sys.argv[3]):]
                 if beeps and min(abs(b - f) for b in beeps) < 0.5)
if len(offsets) < 5:
    sys.exit(f"only {len(offsets)} flashes with a beep near them")
print(int(round(offsets[len(offsets) // 2])))
PY
    fail "could not pair flashes and beeps in $1 ($(wc -l < flashes.txt) flashes, $(wc -l < beeps.txt) beeps)"
}

# within_bt1359 OFFSET WHAT: sound at most 45 ms before the picture, at most 125 ms after it.
within_bt1359() {
  [ "$1" -ge -45 ] || fail "$2: the sound comes $((-$1)) ms before the picture (more than 45 ms)"
  [ "$1" -le 125 ] || fail "$2: the sound comes $1 ms after the picture (more than 125 ms)"
}

# The first two seconds after the source starts are left out: its timing is being learnt.
offset=$(sound_minus_picture "$rec" 2) || exit 1
echo "sound minus picture: $offset ms (median)"
within_bt1359 "$offset" "SRT contribution"
ok "sound and picture of an SRT contribution stay together: sound $offset ms after the picture"

# Plenum's own sync pattern: a flash every whole second of the wall clock, its beep with it.
cat > sync.json <<JSON
{ "name": "avsync-pattern",
  "video": { "width": 640, "height": 360, "fps": 30, "bitrate_kbps": 2000, "keyframe_s": 1 },
  "sources": [ { "id": "cam", "kind": "test", "pattern": "sync" } ],
  "outputs": [ { "id": "rec", "kind": "record", "dir": "sync-out" } ] }
JSON
"$PLENUM" run sync.json --headless --duration 8 > sync.log 2>&1 || fail "the sync show failed: $(tail -n 3 sync.log)"
rec=$(the_recording sync-out)
offset=$(sound_minus_picture "$rec" 0) || exit 1
echo "sync pattern, sound minus picture: $offset ms (median); flashes at $(tr '\n' ' ' < flashes.txt)"
within_bt1359 "$offset" "sync pattern"
python3 - flashes.txt <<'PY' || fail "the sync pattern's flashes are not one second apart"
import sys
flashes = [float(l) for l in open(sys.argv[1]) if l.strip()]
gaps = [b - a for a, b in zip(flashes, flashes[1:])]
sys.exit(not (len(flashes) >= 6 and all(abs(g - 1) < 0.04 for g in gaps)))
PY
ok "the sync pattern flashes once a second, its beep with the flash: sound $offset ms after the picture"
