#!/usr/bin/env bash
# bench/render.sh [PAIRS] — CPU cost of `plenum render` (A) against ffmpeg doing the same job (B).
#
# Generates a 20 s 1280x720/30 camera clip with sound and a 20 s 640x480/30 interpreter clip,
# then runs A B A B … PAIRS times and reports, per pair, the CPU seconds (user+sys) and peak RSS
# of each side and the A/B CPU ratio; the median ratio is the result.
# Environment: PLENUM (path of the binary, default build/studio/plenum of this checkout),
#              KEEP=1 keeps the temp dir for inspection.
set -euo pipefail

PAIRS="${1:-3}"
if ! [[ "$PAIRS" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 [PAIRS]   (PAIRS: positive integer, default 3)" >&2
    exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PLENUM="${PLENUM:-$here/../build/studio/plenum}"
TIME=/usr/bin/time

die() { echo "render.sh: $*" >&2; exit 1; }

[[ -x "$PLENUM" ]] || die "plenum binary not found or not executable at $PLENUM (build it: ninja -C build, or set PLENUM=...)"
command -v ffmpeg  >/dev/null 2>&1 || die "ffmpeg not found in PATH (apt-get install ffmpeg)"
command -v ffprobe >/dev/null 2>&1 || die "ffprobe not found in PATH (it ships with ffmpeg)"
[[ -x "$TIME" ]] && "$TIME" -f '%U' true >/dev/null 2>&1 \
    || die "GNU time not found at $TIME (apt-get install time); it is needed for CPU and peak-RSS figures"
command -v awk >/dev/null 2>&1 || die "awk not found"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/plenum-bench.XXXXXX")"
cleanup() {
    if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

cam="$tmp/camera.mp4"
dgs="$tmp/interpreter.mp4"
show="$tmp/show.json"
outdir="$tmp/out"
results="$tmp/results.txt"

echo "generating test clips in $tmp ..." >&2
ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=1280x720:rate=30:duration=20" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=20" \
    -map 0:v -map 1:a -ac 2 -ar 48000 \
    -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 60 -b:v 4500k \
    -c:a aac -b:a 128k -shortest "$cam" \
    || die "ffmpeg could not generate the camera clip"
ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "smptehdbars=size=640x480:rate=30:duration=20" \
    -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 60 "$dgs" \
    || die "ffmpeg could not generate the interpreter clip"

cat >"$show" <<EOF
{
  "name": "render bench",
  "video":  { "width": 1280, "height": 720, "fps": 30, "bitrate_kbps": 4500, "keyframe_s": 2 },
  "audio":  { "rate": 48000, "channels": 2, "bitrate_kbps": 128 },
  "sources": [
    { "id": "cam", "kind": "uri", "uri": "$cam" },
    { "id": "dgs", "kind": "uri", "uri": "$dgs" }
  ],
  "interpreter": { "source": "dgs" },
  "scenes": [ { "id": "main", "main": "cam" } ],
  "outputs": [ { "id": "archive", "kind": "record", "dir": "$outdir" } ]
}
EOF

# run_timed LABEL LOG CMD... : runs CMD under GNU time, sets CPU_S and PEAK_MB
run_timed() {
    local label="$1" log="$2"; shift 2
    local tf="$tmp/time.$label"
    if ! "$TIME" -o "$tf" -f '%U %S %M' "$@" >"$log" 2>&1; then
        echo "render.sh: $label failed; last lines of its log:" >&2
        tail -n 20 "$log" >&2 || true
        [[ -s "$tf" ]] && cat "$tf" >&2
        exit 1
    fi
    # GNU time writes "Command exited with non-zero status" lines only on failure; the last line is ours
    read -r CPU_S PEAK_MB < <(tail -n 1 "$tf" | awk '{ printf "%.2f %.1f\n", $1 + $2, $3 / 1024 }')
    [[ -n "${CPU_S:-}" && -n "${PEAK_MB:-}" ]] || die "$label: could not parse GNU time output: $(cat "$tf")"
}

# verify_output LABEL FILE : 600 video frames, duration 20 +- 0.5 s
verify_output() {
    local label="$1" f="$2" frames dur
    [[ -s "$f" ]] || die "$label: output $f missing or empty"
    frames="$(ffprobe -v error -count_frames -select_streams v:0 \
        -show_entries stream=nb_read_frames -of default=nw=1:nk=1 "$f" 2>/dev/null | head -n 1 || true)"
    dur="$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$f" 2>/dev/null | head -n 1 || true)"
    [[ "$frames" == 600 ]] || die "$label: expected 600 video frames in $f, got '${frames}'"
    awk -v d="$dur" 'BEGIN { exit !(d != "" && d >= 19.5 && d <= 20.5) }' \
        || die "$label: expected duration 20 +- 0.5 s in $f, got '${dur}'"
}

run_a() {
    rm -rf "$outdir"
    run_timed "A$1" "$tmp/a$1.log" "$PLENUM" render "$show" --quiet
    local rec
    rec="$(find "$outdir" -type f -name '*.mkv' 2>/dev/null | head -n 1 || true)"
    [[ -n "$rec" ]] || die "A$1: plenum left no .mkv recording under $outdir"
    verify_output "A$1" "$rec"
}

run_b() {
    local out="$tmp/ffmpeg.mkv"
    rm -f "$out"
    run_timed "B$1" "$tmp/b$1.log" ffmpeg -nostdin -hide_banner -loglevel error -y \
        -i "$cam" -i "$dgs" \
        -filter_complex "[1:v]scale=-2:288[dgs];[0:v][dgs]overlay=W-w-20:H-h-20:shortest=1[v]" \
        -map "[v]" -map 0:a \
        -c:v libx264 -preset veryfast -tune zerolatency -b:v 4500k -g 60 -profile:v high -pix_fmt yuv420p \
        -c:a aac -b:a 128k -ar 48000 -ac 2 \
        "$out"
    verify_output "B$1" "$out"
}

: >"$results"
load_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
for ((i = 1; i <= PAIRS; i++)); do
    echo "pair $i/$PAIRS: A (plenum render) ..." >&2
    run_a "$i"; a_cpu="$CPU_S"; a_mb="$PEAK_MB"
    echo "pair $i/$PAIRS: B (ffmpeg) ..." >&2
    run_b "$i"; b_cpu="$CPU_S"; b_mb="$PEAK_MB"
    echo "$i $a_cpu $b_cpu $a_mb $b_mb" >>"$results"
done

echo
echo "A = plenum render SHOW --quiet    B = ffmpeg (scale+overlay, libx264 veryfast/zerolatency, aac)"
echo "CPU = user+sys seconds for the whole 20 s clip; peak = max RSS"
echo "host: $(nproc 2>/dev/null || echo '?') cores, load average $load_start at start, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') at end (other load skews both sides; trust the ratio, not the seconds)"
awk '
    BEGIN { printf "%-5s %9s %9s %7s %10s %10s\n", "pair", "A cpu-s", "B cpu-s", "A/B", "A peak MB", "B peak MB" }
    { r = ($3 > 0) ? $2 / $3 : 0
      printf "%-5s %9.2f %9.2f %7.3f %10.1f %10.1f\n", $1, $2, $3, r, $4, $5 }
' "$results"
awk '{ if ($3 > 0) print $2 / $3 }' "$results" | sort -g | awk '
    { v[NR] = $1 }
    END { if (NR == 0) exit 1
          m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "median A/B CPU ratio over %d pair(s): %.3f\n", NR, m }
'
