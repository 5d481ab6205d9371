#!/usr/bin/env bash
# bench/sound_gaps.sh [RUNS] [SECONDS] — does the program's sound have holes?
#
# Records `plenum demo` RUNS times (default 10, 12 s each; its two cameras carry continuous
# 440 and 660 Hz tones, one of them always on air) and lists, per recording, every stretch
# of silence (below −40 dB for 3 ms or more, ffmpeg silencedetect on the file's own
# timestamps) that ends after the first 0.5 s, when the first sound has arrived. Prints how
# many recordings had any. A measurement, not a pass/fail test.
set -euo pipefail

RUNS=${1:-10}
RUN_SECONDS=${2:-12}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLENUM=${PLENUM:-$here/../build/studio/plenum}
die() { echo "sound_gaps.sh: $*" >&2; exit 1; }
[[ $RUNS =~ ^[1-9][0-9]*$ && $RUN_SECONDS =~ ^[1-9][0-9]*$ ]] || die "usage: $0 [RUNS] [SECONDS]"
[[ -x $PLENUM ]] || die "no plenum binary at $PLENUM (ninja -C build, or set PLENUM=...)"
command -v ffmpeg > /dev/null || die "ffmpeg is missing"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plenum-gaps.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
with_gaps=0
for run in $(seq "$RUNS"); do
  mkdir "$tmp/$run"
  (cd "$tmp/$run" && "$PLENUM" demo --headless --duration "$RUN_SECONDS" 2> show.log) ||
    die "plenum failed in run $run: $(tail -n 3 "$tmp/$run/show.log")"
  rec=$(ls "$tmp/$run"/recordings/*/recording.mkv)
  gaps=$(ffmpeg -hide_banner -nostats -copyts -i "$rec" -map 0:a:0 \
           -af silencedetect=n=-40dB:d=0.003 -f null - 2>&1 |
         awk '/silence_end/ { for (i = 1; i <= NF; i++) {
                                if ($i == "silence_end:") end = $(i + 1)
                                if ($i == "silence_duration:") d = $(i + 1) }
                              if (end > 0.5) printf " %.2fs(%.0fms)", end - d, d * 1000 }')
  [[ -n $gaps ]] && with_gaps=$((with_gaps + 1))
  echo "run $run: ${gaps:- no gap}"
done
echo "$with_gaps of $RUNS recordings had a gap in the sound after the first 0.5 s"
