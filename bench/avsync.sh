#!/usr/bin/env bash
# bench/avsync.sh [SECONDS] — sound against picture through Plenum, from an SRT contribution.
#
# ffmpeg makes a black picture with a white frame each second and, at the same moments, a
# 50 ms 1 kHz beep (x264 zerolatency + AAC in MPEG-TS, both inputs paced with -re) and calls
# Plenum's SRT listener source; Plenum records the program. The script finds the flash
# frames (ffprobe signalstats, mean luma) and the beeps' onsets (silencedetect) in the
# recording and prints, per flash, the beep's time minus the flash's: negative means the
# sound comes first. The same measure on ffmpeg's own file of the two inputs gives +3 ms.
set -euo pipefail

RUN_SECONDS=${1:-12}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"
PLENUM=${PLENUM:-$here/../build/studio/plenum}
die() { echo "avsync.sh: $*" >&2; exit 1; }
[[ $RUN_SECONDS =~ ^[1-9][0-9]*$ ]] || die "usage: $0 [SECONDS]"
[[ -x $PLENUM ]] || die "no plenum binary at $PLENUM (ninja -C build, or set PLENUM=...)"
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || die "ffmpeg/ffprobe are missing"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plenum-avsync.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
in_port=$(port)

srt_contribution_show avsync "$in_port" "{ \"id\": \"rec\", \"kind\": \"record\", \"dir\": \"$tmp/out\" }" \
  > "$tmp/show.json"
"$PLENUM" run "$tmp/show.json" --headless --duration $((RUN_SECONDS + 2)) 2> "$tmp/show.log" &
show=$!
pids+=("$show")
wait_running "$tmp/show.log" || die "the show did not start: $(tail -n 3 "$tmp/show.log")"
wait_udp_listener "$in_port" || die "the show's SRT source does not listen on $in_port"
ffmpeg -v error -re -f lavfi -i "color=black:s=640x360:r=30,geq=lum='if(lt(mod(N,30),1),235,16)':cb=128:cr=128" \
  -re -f lavfi -i "sine=f=1000:sample_rate=48000,volume='if(lt(mod(t,1),0.05),1,0)':eval=frame" \
  -t "$RUN_SECONDS" -c:v libx264 -preset ultrafast -tune zerolatency -g 30 -c:a aac \
  -f mpegts "srt://127.0.0.1:$in_port?mode=caller&latency=40000" 2> "$tmp/ffmpeg.log" || true
wait "$show" || die "plenum failed: $(tail -n 3 "$tmp/show.log")"
rec=$(ls "$tmp"/out/*/recording.mkv 2> /dev/null | head -n1)
[[ -n $rec ]] || die "no recording was made"
ffprobe -v error -f lavfi -i "movie=$rec,signalstats" -show_entries \
  frame=pts_time:frame_tags=lavfi.signalstats.YAVG -of csv=p=0 2> /dev/null |
  awk -F, '$2 > 100 && !on { print $1; on = 1 } $2 <= 100 { on = 0 }' > "$tmp/flashes.txt"
ffmpeg -hide_banner -nostats -copyts -i "$rec" -map 0:a:0 -af silencedetect=n=-30dB:d=0.2 -f null - 2>&1 |
  awk '/silence_end/ { for (i = 1; i <= NF; i++) if ($i == "silence_end:") print $(i + 1) }' > "$tmp/beeps.txt"
python3 - "$tmp/flashes.txt" "$tmp/beeps.txt" <<'PY'
import sys
flashes = [float(l) for l in open(sys.argv[1]) if l.strip()]
beeps = [float(l) for l in open(sys.argv[2]) if l.strip()]
offsets = sorted((min(beeps, key=lambda b: abs(b - f)) - f) * 1000 for f in flashes
                 if beeps and min(abs(b - f) for b in beeps) < 0.5)
if not offsets:
    sys.exit("avsync.sh: no flash with a beep within 0.5 s in the recording")
print("pairs %d  median sound-minus-picture %+.0f ms  (range %+.0f … %+.0f)"
      % (len(offsets), offsets[len(offsets) // 2], offsets[0], offsets[-1]))
PY
