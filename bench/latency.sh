#!/usr/bin/env bash
# bench/latency.sh [SECONDS] — glass-to-glass latency over loopback SRT.
#
# A generator writes black frames with a white flash every second (noting when it wrote each
# flash) into ffmpeg, which sends them as an SRT caller to a Plenum show (SRT listener source,
# full frame). Plenum sends its program to an SRT listener output; two receivers read it at
# once, decode, and hand raw frames to a detector noting when each flash arrives: ffmpeg, and
# GStreamer (srtsrc, tsdemux, avdec_h264). The difference includes the camera's encoder, both
# SRT hops (latency 40 ms each, set in the URIs) and the receiver, as a camera-to-screen path
# would. Prints the median and p95 latency for each receiver: they differ by what the
# receiver itself holds (ffmpeg's H.264 parser gives out a frame only once the next begins).
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
in_port=$(port); out_port=$(port)

srt_contribution_show latency "$in_port" \
  "{ \"id\": \"out\", \"kind\": \"srt\", \"uri\": \"srt://127.0.0.1:$out_port?mode=listener&latency=40\" }" \
  > "$tmp/show.json"
if [[ ${LATENCY_STAGES:-0} == 1 ]]; then
  # shellcheck disable=SC2046  # pkg-config prints several flags
  cc -shared -fPIC -O2 -Wall -Wextra -o "$tmp/libgstflashtracer.so" "$here/flash_tracer.c" \
    $(pkg-config --cflags --libs gstreamer-1.0 gstreamer-video-1.0) || die "cannot build the tracer"
  export GST_PLUGIN_PATH="$tmp${GST_PLUGIN_PATH:+:$GST_PLUGIN_PATH}" GST_TRACERS=flash
fi
"$PLENUM" run "$tmp/show.json" --headless --duration $((RUN_SECONDS + 6)) 2> "$tmp/show.log" &
pids+=($!)
wait_running "$tmp/show.log" || die "the show did not start: $(tail -n 3 "$tmp/show.log")"
wait_udp_listener "$in_port" || die "the show's SRT source does not listen on $in_port"
( python3 "$probe" send 640 360 30 $((RUN_SECONDS + 3)) 2> "$tmp/sent.txt" |
  ffmpeg -v error -f rawvideo -pix_fmt yuv420p -s 640x360 -r 30 -i - -c:v libx264 -preset ultrafast \
    -tune zerolatency -g 30 -f mpegts "srt://127.0.0.1:$in_port?mode=caller&latency=40000" ) &
pids+=($!)
sleep 2
timeout $((RUN_SECONDS + 2)) bash -c "gst-launch-1.0 -q \
    srtsrc uri='srt://127.0.0.1:$out_port?mode=caller&latency=40' ! tsdemux latency=0 ! h264parse \
    ! avdec_h264 ! video/x-raw,format=I420 ! fdsink fd=1 sync=false |
  python3 '$probe' receive 640 360 > '$tmp/received-gst.txt'" 2> /dev/null &
gst_receiver=$!
timeout $((RUN_SECONDS + 2)) bash -c "ffmpeg -v error -fflags nobuffer -flags low_delay \
    -i 'srt://127.0.0.1:$out_port?mode=caller&latency=40000' -f rawvideo -pix_fmt yuv420p - |
  python3 '$probe' receive 640 360 > '$tmp/received.txt'" 2> /dev/null || true
wait "$gst_receiver" || true
for receiver in ffmpeg GStreamer; do
  received=$tmp/received.txt
  [[ $receiver == GStreamer ]] && received=$tmp/received-gst.txt
  printf '%-10s ' "$receiver"
  python3 "$probe" report "$tmp/sent.txt" "$received" || { tail -n 5 "$tmp/show.log" >&2; exit 1; }
done
if [[ ${LATENCY_STAGES:-0} == 1 ]]; then
  grep '^FLASH ' "$tmp/show.log" | awk '{ print $2, $3 }' > "$tmp/stages.txt"
  python3 "$probe" stages "$tmp/sent.txt" "$tmp/stages.txt" "ffmpeg=$tmp/received.txt" \
    "GStreamer=$tmp/received-gst.txt"
  if [[ ${LATENESS:-0} == 1 ]]; then
    echo "how late sound and H.264 leave each pad (ms after its running time; median, p95, buffers):"
    grep '^LATE ' "$tmp/show.log" | sort -k3,3 -k2,2n | awk '
      function flush() { if (!n) return; p = int(n * 0.95); if (p < 1) p = 1
                         printf "  %7.1f %7.1f %6d  %s\n", v[int((n + 1) / 2)], v[p], n, pad }
      $3 != pad { flush(); pad = $3; n = 0 } { v[++n] = $2 } END { flush() }' | sort -n
  fi
fi
