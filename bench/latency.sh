#!/usr/bin/env bash
# bench/latency.sh [SECONDS] — glass-to-glass latency over loopback SRT.
#
# Two shows, one after the other, each sending its program (640×360, 30 fps, full frame) to an
# SRT listener output (latency 40 ms, set in the URIs). Two receivers read it at once, decode,
# and hand raw frames to a detector noting when each flash arrives: ffmpeg, and GStreamer
# (srtsrc, tsdemux, avdec_h264). They differ by what the receiver itself holds (ffmpeg's H.264
# parser gives out a frame only once the next begins).
#  - "sync source": Plenum's own test source with the "sync" pattern, which flashes on the
#    first frame from each whole second of the wall clock (pipelines/sync_pattern.h): the
#    timestamp burned into the source frame, as for a camera on the machine itself.
#  - "SRT camera": a generator writes black frames with a white flash every second (noting
#    when it wrote each flash) into ffmpeg (x264 ultrafast/zerolatency), which calls the show's
#    SRT listener source: a camera's encoder and its own SRT hop in front of Plenum.
# Prints, per show and receiver, the median and p95 latency from the flash to the decoded frame.
#
# LATENCY_STAGES=1 also builds bench/flash_tracer.c (cc, pkg-config) into a temporary
# GStreamer tracer, loads it into plenum and prints, for each pad the flash passed, the median
# time after it was written: where inside Plenum the time goes (bench/flash_tracer.c says which
# rows to ignore). With LATENESS=1 as well it prints how late sound and H.264 leave each pad
# (the clock's running time against the buffer's): when mpegtsmux gets what it interleaves.
set -euo pipefail

RUN_SECONDS=${1:-20}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"
PLENUM=${PLENUM:-$here/../build/studio/plenum}
probe="$here/latency_probe.py"
die() { echo "latency.sh: $*" >&2; exit 1; }
[[ -x $PLENUM ]] || die "no plenum binary at $PLENUM (ninja -C build, or set PLENUM=...)"
command -v ffmpeg >/dev/null || die "ffmpeg is missing"
command -v gst-launch-1.0 >/dev/null || die "gst-launch-1.0 is missing (gstreamer1.0-tools)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plenum-latency.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
if [[ ${LATENCY_STAGES:-0} == 1 ]]; then
  # shellcheck disable=SC2046  # pkg-config prints several flags
  cc -shared -fPIC -O2 -Wall -Wextra -o "$tmp/libgstflashtracer.so" "$here/flash_tracer.c" \
    $(pkg-config --cflags --libs gstreamer-1.0 gstreamer-video-1.0) || die "cannot build the tracer"
  export GST_PLUGIN_PATH="$tmp${GST_PLUGIN_PATH:+:$GST_PLUGIN_PATH}" GST_TRACERS=flash
fi

# receive DIR OUT_PORT: both receivers read the show's output for RUN_SECONDS + 2 s.
receive() {
  timeout $((RUN_SECONDS + 2)) bash -c "gst-launch-1.0 -q \
      srtsrc uri='srt://127.0.0.1:$2?mode=caller&latency=40' ! tsdemux latency=0 ! h264parse \
      ! avdec_h264 ! video/x-raw,format=I420 ! fdsink fd=1 sync=false |
    python3 '$probe' receive 640 360 > '$1/received-gst.txt'" 2> /dev/null &
  local gst_receiver=$!
  timeout $((RUN_SECONDS + 2)) bash -c "ffmpeg -v error -fflags nobuffer -flags low_delay \
      -i 'srt://127.0.0.1:$2?mode=caller&latency=40000' -f rawvideo -pix_fmt yuv420p - |
    python3 '$probe' receive 640 360 > '$1/received.txt'" 2> /dev/null || true
  wait "$gst_receiver" || true
}

# report DIR TITLE: each receiver's latencies from DIR/sent.txt; the stages when asked.
report() {
  local receiver received
  echo "$2"
  for receiver in ffmpeg GStreamer; do
    received=$1/received.txt
    [[ $receiver == GStreamer ]] && received=$1/received-gst.txt
    printf '  %-10s ' "$receiver"
    python3 "$probe" report "$1/sent.txt" "$received" || { tail -n 5 "$1/show.log" >&2; exit 1; }
  done
  [[ ${LATENCY_STAGES:-0} == 1 ]] || return 0
  grep '^FLASH ' "$1/show.log" | awk '{ print $2, $3 }' > "$1/stages.txt"
  python3 "$probe" stages "$1/sent.txt" "$1/stages.txt" "ffmpeg=$1/received.txt" \
    "GStreamer=$1/received-gst.txt"
  [[ ${LATENESS:-0} == 1 ]] || return 0
  echo "how late sound and H.264 leave each pad (ms after its running time; median, p95, buffers):"
  grep '^LATE ' "$1/show.log" | sort -k3,3 -k2,2n | awk '
    function flush() { if (!n) return; p = int(n * 0.95); if (p < 1) p = 1
                       printf "  %7.1f %7.1f %6d  %s\n", v[int((n + 1) / 2)], v[p], n, pad }
    $3 != pad { flush(); pad = $3; n = 0 } { v[++n] = $2 } END { flush() }' | sort -n
}

# start_show DIR: runs DIR/show.json until it ends by itself, after the receivers.
start_show() {
  "$PLENUM" run "$1/show.json" --headless --duration $((RUN_SECONDS + 6)) 2> "$1/show.log" &
  pids+=($!)
  wait_running "$1/show.log" || die "the show did not start: $(tail -n 3 "$1/show.log")"
}

# Plenum's own sync source: its flashes are the whole seconds of the wall clock.
mkdir "$tmp/sync"
out_port=$(port)
cat > "$tmp/sync/show.json" <<JSON
{ "name": "latency-sync",
  "video": { "width": 640, "height": 360, "fps": 30, "bitrate_kbps": 2000, "keyframe_s": 1 },
  "sources": [ { "id": "cam", "kind": "test", "pattern": "sync" } ],
  "outputs": [ { "id": "out", "kind": "srt", "uri": "srt://127.0.0.1:$out_port?mode=listener&latency=40" } ] }
JSON
start_show "$tmp/sync"
sleep 1
first=$(date +%s)
receive "$tmp/sync" "$out_port"
seq "$first" $(($(date +%s) + 1)) > "$tmp/sync/sent.txt"
report "$tmp/sync" "sync source (Plenum's own test source, flashing on the wall clock's seconds):"
wait "${pids[-1]}" 2> /dev/null || true

# An SRT camera: ffmpeg encodes the generator's frames and calls the show's listener source.
mkdir "$tmp/srt"
in_port=$(port); out_port=$(port)
srt_contribution_show latency "$in_port" \
  "{ \"id\": \"out\", \"kind\": \"srt\", \"uri\": \"srt://127.0.0.1:$out_port?mode=listener&latency=40\" }" \
  > "$tmp/srt/show.json"
start_show "$tmp/srt"
wait_udp_listener "$in_port" || die "the show's SRT source does not listen on $in_port"
( python3 "$probe" send 640 360 30 $((RUN_SECONDS + 3)) 2> "$tmp/srt/sent.txt" |
  ffmpeg -v error -f rawvideo -pix_fmt yuv420p -s 640x360 -r 30 -i - -c:v libx264 -preset ultrafast \
    -tune zerolatency -g 30 -f mpegts "srt://127.0.0.1:$in_port?mode=caller&latency=40000" ) &
pids+=($!)
sleep 2
receive "$tmp/srt" "$out_port"
report "$tmp/srt" "SRT camera (ffmpeg encoding the generator's flashes, calling the show's SRT source):"
