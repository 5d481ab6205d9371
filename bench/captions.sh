#!/usr/bin/env bash
# bench/captions.sh [PAIRS] — what captions cost: `plenum render` of a 20 s 720p30 clip with
# the interpreter, once with captions (a cue file with a new caption every 2 s, burned in and
# as CEA-608 in the H.264 stream, plus captions.vtt/.srt: A) and once with captions off
# (`burn_in` and `cea608` false, no inputs: B). Alternates A B; prints the CPU seconds of
# plenum (user+sys) and A/B per pair, then the median. Target: A/B ≤ 1.03.
set -euo pipefail

PAIRS=${1:-5}
[[ $PAIRS =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [PAIRS]" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLENUM=${PLENUM:-$here/../build/studio/plenum}
TIME=/usr/bin/time
die() { echo "captions.sh: $*" >&2; exit 1; }
[[ -x $PLENUM ]] || die "no plenum binary at $PLENUM (ninja -C build, or set PLENUM=...)"
[[ -x $TIME ]] || die "GNU time is missing at $TIME (apt-get install time)"
command -v ffmpeg >/dev/null || die "ffmpeg is missing"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plenum-captions.XXXXXX")
trap '[[ ${KEEP:-0} == 1 ]] && echo "kept $tmp" >&2 || rm -rf "$tmp"' EXIT

ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=1280x720:rate=30:duration=20" \
  -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=20" -map 0:v -map 1:a -ac 2 \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 60 -b:v 4500k -c:a aac -b:a 128k -shortest \
  "$tmp/camera.mp4" || die "ffmpeg could not make the camera clip"
ffmpeg -nostdin -v error -y -f lavfi -i "smptehdbars=size=640x480:rate=30:duration=20" \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 60 "$tmp/interpreter.mp4" ||
  die "ffmpeg could not make the interpreter clip"
for s in $(seq 0 2 18); do
  printf '00:00:%02d.000 Satz %d der Sitzung: der Haushalt wird beraten.\n' "$s" "$s"
done > "$tmp/cues.txt"

# show NAME CAPTIONS-JSON
show() {
  cat > "$tmp/$1.json" <<JSON
{ "name": "captions bench $1",
  "sources": [ { "id": "cam", "kind": "uri", "uri": "$tmp/camera.mp4" },
               { "id": "dgs", "kind": "uri", "uri": "$tmp/interpreter.mp4" } ],
  "interpreter": { "source": "dgs" },
  "scenes": [ { "id": "main", "main": "cam" } ],
  "captions": $2,
  "outputs": [ { "id": "rec", "kind": "record", "dir": "$tmp/out-$1" } ] }
JSON
}
show on '{ "inputs": [ { "kind": "file", "path": "'"$tmp"'/cues.txt" } ], "burn_in": true, "cea608": true }'
show off '{ "burn_in": false, "cea608": false, "archive": [] }'

run() {
  rm -rf "$tmp/out-$1"
  "$TIME" -f '%U %S' -o "$tmp/time.txt" "$PLENUM" render "$tmp/$1.json" --quiet 2> "$tmp/$1.log" ||
    die "plenum render failed ($1): $(tail -n 3 "$tmp/$1.log")"
  awk '{ printf "%.2f\n", $1 + $2 }' "$tmp/time.txt"
}

echo "pair   captions cpu-s   no captions cpu-s   A/B"
ratios=()
for pair in $(seq "$PAIRS"); do
  a=$(run on); b=$(run off)
  ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')
  ratios+=("$ratio")
  printf "%-6s %-16s %-19s %s\n" "$pair" "$a" "$b" "$ratio"
done
grep -q 'Satz 18' "$tmp"/out-on/*/captions.vtt || die "the captioned render has no captions.vtt with the last cue"
median=$(printf "%s\n" "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo "median captions/no-captions CPU ratio over $PAIRS pair(s): $median (target ≤ 1.03)"
