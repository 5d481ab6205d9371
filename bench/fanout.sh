#!/usr/bin/env bash
# bench/fanout.sh [PAIRS] [SECONDS] — what more destinations cost: the CPU of one live show with
# a single output (the recording, A) against the same show with four (recording, two RTMP
# outputs to a local nginx-rtmp, an SRT listener with a reader attached, B). One encode feeds
# them all, so B/A should stay close to 1 (target ≤ 1.05). Runs A B A B …; prints CPU seconds
# (user+sys of plenum alone) and the ratio pair by pair, then the median. FANOUT_THREADS=1 also
# prints where the CPU goes, by thread group (read from /proc 3 s before each show ends).
set -euo pipefail

PAIRS=${1:-3}
SECONDS_PER_RUN=${2:-20}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"
PLENUM=${PLENUM:-$here/../build/studio/plenum}
TIME=/usr/bin/time

die() { echo "fanout.sh: $*" >&2; exit 1; }
[[ $PAIRS =~ ^[1-9][0-9]*$ && $SECONDS_PER_RUN =~ ^[1-9][0-9]*$ ]] || die "usage: $0 [PAIRS] [SECONDS]"
[[ -x $PLENUM ]] || die "no plenum binary at $PLENUM (ninja -C build, or set PLENUM=...)"
[[ -x $TIME ]] || die "GNU time is missing at $TIME (apt-get install time)"
[[ -f $NGINX_RTMP_MODULE ]] || die "nginx's RTMP module is missing (apt-get install nginx-light libnginx-mod-rtmp)"
command -v srt-live-transmit >/dev/null || die "srt-live-transmit is missing (apt-get install srt-tools)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plenum-fanout.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; if [[ ${KEEP:-0} == 1 ]]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi; }
trap cleanup EXIT
rtmp_port=$(port); srt_port=$(port)

write_nginx_rtmp_conf "$tmp" "$rtmp_port"
nginx -c "$tmp/nginx.conf" -p "$tmp" & pids+=($!)

# The same two cameras and interpreter as the demo, at 720p30.
sources='"sources": [ { "id": "cam1", "kind": "test", "pattern": "smpte" },
                      { "id": "cam2", "kind": "test", "pattern": "ball" },
                      { "id": "dgs", "kind": "test", "pattern": "pinwheel", "tone_hz": 0 } ],
         "interpreter": { "source": "dgs" },
         "scenes": [ { "id": "a", "main": "cam1" }, { "id": "b", "main": "cam2", "inset": "cam1" } ],
         "scene_rotation_s": 5'
cat > "$tmp/one.json" <<JSON
{ "name": "fanout 1", $sources,
  "outputs": [ { "id": "rec", "kind": "record", "dir": "$tmp/out" } ] }
JSON
cat > "$tmp/four.json" <<JSON
{ "name": "fanout 4", $sources,
  "outputs": [ { "id": "rec", "kind": "record", "dir": "$tmp/out" },
               { "id": "rtmp1", "kind": "rtmp", "url": "rtmp://127.0.0.1:$rtmp_port/live", "key_env": "FANOUT_KEY_A" },
               { "id": "rtmp2", "kind": "rtmp", "url": "rtmp://127.0.0.1:$rtmp_port/live", "key_env": "FANOUT_KEY_B" },
               { "id": "srt", "kind": "srt", "uri": "srt://127.0.0.1:$srt_port?mode=listener" } ] }
JSON
export FANOUT_KEY_A=fanout-key-a-1234 FANOUT_KEY_B=fanout-key-b-5678

# threads_of TIME_PID LABEL: 3 s before the show ends, the CPU ticks (user+sys, 1/100 s) and
# voluntary context switches of plenum's threads, summed by what they do, appended to
# threads.txt. GNU time's child is plenum.
threads_of() {
  local plenum; sleep 1; plenum=$(pgrep -P "$1" | head -n1)
  sleep $((SECONDS_PER_RUN - 4))
  for t in /proc/"$plenum"/task/*; do
    echo "$(cat "$t/comm") $(cut -d' ' -f14,15 "$t/stat") $(awk '/^voluntary/ { print $2 }' "$t/status")"
  done 2> /dev/null | awk -v label="$2" '
    { g = "sources, mixers, encoders, recording"
      if ($1 ~ /^(flv|ts)-mux:src$/ || ($1 == "mux:src" && seen_mux++)) g = "destination muxers"
      else if ($1 == "queue:src") g = "destination queues"
      else if ($1 ~ /^task[0-9]+$/) g = "rtmp2sink connections"
      else if ($1 ~ /^SRT:/) g = "libsrt workers"
      t[g] += $2 + $3; v[g] += $4 }
    END { for (g in t) printf "%s\t%s\t%d\t%d\n", label, g, t[g], v[g] }' >> "$tmp/threads.txt"
}

# run SHOW WITH_READER: prints "cpu-seconds peak-MB dropped-frames"
run() {
  local reader=""
  if [[ $2 == 1 ]]; then
    ( sleep 2; exec srt-live-transmit -q "srt://127.0.0.1:$srt_port?mode=caller" file://con > /dev/null ) &
    reader=$!
  fi
  "$TIME" -f '%U %S %M' -o "$tmp/time.txt" "$PLENUM" run "$1" --headless --duration "$SECONDS_PER_RUN" \
    2> "$tmp/show.log" &
  local show=$!
  [[ ${FANOUT_THREADS:-0} == 1 ]] && threads_of "$show" "$(basename "$1" .json)" &
  wait "$show" || die "plenum failed on $1: $(tail -n 3 "$tmp/show.log")"
  [[ -n $reader ]] && { kill "$reader" 2>/dev/null || true; wait "$reader" 2>/dev/null || true; }
  local dropped; dropped=$(grep ' frames ' "$tmp/show.log" | tail -n1 | sed -E 's/.* dropped ([0-9]+) .*/\1/')
  if [[ $1 == *four.json ]] && ! grep -qE '\| rtmp1 live .*\| rtmp2 live .*\| srt live' "$tmp/show.log"; then
    die "not every output of the four-output show went live: $(grep ' frames ' "$tmp/show.log" | tail -n1)"
  fi
  awk -v d="$dropped" '{ printf "%.2f %.1f %s\n", $1 + $2, $3 / 1024, d }' "$tmp/time.txt"
}

echo "pair   1-out cpu-s   4-out cpu-s   4/1    dropped(1,4)"
ratios=()
for pair in $(seq "$PAIRS"); do
  read -r a_cpu _ a_drop < <(run "$tmp/one.json" 0)
  read -r b_cpu _ b_drop < <(run "$tmp/four.json" 1)
  ratio=$(awk -v a="$a_cpu" -v b="$b_cpu" 'BEGIN { printf "%.3f", b / a }')
  ratios+=("$ratio")
  printf "%-6s %-13s %-13s %-6s %s,%s\n" "$pair" "$a_cpu" "$b_cpu" "$ratio" "$a_drop" "$b_drop"
done
median=$(printf "%s\n" "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo "median 4-output/1-output CPU ratio over $PAIRS pair(s) of ${SECONDS_PER_RUN} s shows: $median"
if [[ ${FANOUT_THREADS:-0} == 1 ]]; then
  echo "CPU ticks (1/100 s) and voluntary context switches by thread group, median over the runs,"
  echo "3 s before each show's end:"
  sort -t$'\t' -k1,2 "$tmp/threads.txt" | awk -F'\t' '
    function flush() { if (n) printf "  %-5s %-38s %6d %8d\n", key1, key2, t[int((n + 1) / 2)], v[int((n + 1) / 2)] }
    $1 != key1 || $2 != key2 { flush(); key1 = $1; key2 = $2; n = 0 }
    { n++; t[n] = $3; v[n] = $4 } END { flush() }'
fi
