#!/usr/bin/env bash
# bench/window.sh [PAIRS] [SECONDS] — what the operator window costs: the CPU of
# `plenum demo --headless` (A) against `plenum demo` with the SDL2 operator window open on an
# Xvfb display this script starts itself (B). Target: B/A ≤ 1.15, with 0 dropped output frames
# either way. Runs A B A B …; prints CPU seconds (user+sys of plenum alone; Xvfb's own CPU is
# not counted, it stands in for the desktop's display server), B/A and dropped frames pair by
# pair, then the median B/A. Each run gets a fresh working directory (the demo writes
# ./recordings) and runs alone (it listens on 127.0.0.1:9710 SRT and 127.0.0.1:9740 control).
set -euo pipefail

PAIRS=${1:-3}
SECONDS_PER_RUN=${2:-20}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLENUM=${PLENUM:-$here/../build/studio/plenum}
TIME=/usr/bin/time

die() { echo "window.sh: $*" >&2; exit 1; }
[[ $PAIRS =~ ^[1-9][0-9]*$ && $SECONDS_PER_RUN =~ ^[1-9][0-9]*$ ]] || die "usage: $0 [PAIRS] [SECONDS]"
[[ -x $PLENUM ]] || die "no plenum binary at $PLENUM (ninja -C build, or set PLENUM=...)"
[[ -x $TIME ]] && "$TIME" --version 2>&1 | grep -q GNU || die "GNU time is missing at $TIME (apt-get install time)"
command -v Xvfb >/dev/null || die "Xvfb is missing (apt-get install xvfb)"
command -v xdpyinfo >/dev/null || die "xdpyinfo is missing (apt-get install x11-utils)"
command -v python3 >/dev/null || die "python3 is missing (needed to check the demo's ports are free)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plenum-window.XXXXXX")
xvfb=""
cleanup() {
  if [[ -n $xvfb ]]; then kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; fi
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# Start Xvfb on the first free display from :90 on, and wait until it answers.
display=""
for n in $(seq 90 140); do
  [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] && continue
  Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp > "$tmp/xvfb.log" 2>&1 & xvfb=$!
  for _ in $(seq 50); do
    if ! kill -0 "$xvfb" 2>/dev/null; then break; fi
    if DISPLAY=":$n" xdpyinfo > /dev/null 2>&1; then display=":$n"; break; fi
    sleep 0.2
  done
  [[ -n $display ]] && break
  kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; xvfb=""
done
[[ -n $display ]] || die "could not start Xvfb on any display :90..:140 ($(tail -n 2 "$tmp/xvfb.log" 2>/dev/null))"

# The demo's fixed ports must be free before each run, so no two shows ever overlap.
ports_free() {
  python3 - <<'PY'
import socket, sys
for kind, port in ((socket.SOCK_DGRAM, 9710), (socket.SOCK_STREAM, 9740)):
    s = socket.socket(socket.AF_INET, kind)
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        sys.exit(1)
    finally:
        s.close()
PY
}
wait_ports_free() {
  for _ in $(seq 50); do ports_free && return 0; sleep 0.2; done
  die "127.0.0.1:9710 (udp) or 127.0.0.1:9740 (tcp) is still in use: another plenum is running?"
}

# run KIND(A|B) N: prints "cpu-seconds peak-MB dropped-frames"
run() {
  local dir="$tmp/run-$2-$1" args=(demo --duration "$SECONDS_PER_RUN") envs=(-u WAYLAND_DISPLAY -u SDL_VIDEODRIVER)
  mkdir -p "$dir"
  if [[ $1 == A ]]; then args+=(--headless); envs+=(-u DISPLAY); else envs+=(DISPLAY="$display"); fi
  wait_ports_free
  ( cd "$dir" && env "${envs[@]}" "$TIME" -f '%U %S %M' -o "$dir/time.txt" "$PLENUM" "${args[@]}" \
      > "$dir/stdout.log" 2> "$dir/show.log" ) \
    || die "plenum ${args[*]} failed (run $2 $1): $(tail -n 3 "$dir/show.log")"
  if [[ $1 == B ]] && grep -q 'running headless' "$dir/show.log"; then
    die "the operator window did not open (run $2 B): $(grep 'running headless' "$dir/show.log" | head -n1)"
  fi
  local status dropped
  status=$(grep -E ' frames [0-9]+ dropped [0-9]+ ' "$dir/show.log" | tail -n1) \
    || die "no status line in the log of run $2 $1: $(tail -n 3 "$dir/show.log")"
  dropped=$(sed -E 's/.* dropped ([0-9]+) .*/\1/' <<< "$status")
  [[ $dropped == 0 ]] || die "run $2 $1 dropped $dropped output frame(s): $status"
  awk -v d="$dropped" '{ printf "%.2f %.1f %s\n", $1 + $2, $3 / 1024, d }' "$dir/time.txt"
}

echo "Xvfb on $display; $PAIRS pair(s) of ${SECONDS_PER_RUN} s demo shows"
echo "pair   headless cpu-s  window cpu-s   B/A    dropped(A,B)"
ratios=()
for pair in $(seq "$PAIRS"); do
  read -r a_cpu _ a_drop < <(run A "$pair")
  [[ -n ${a_drop:-} ]] || exit 1
  read -r b_cpu _ b_drop < <(run B "$pair")
  [[ -n ${b_drop:-} ]] || exit 1
  ratio=$(awk -v a="$a_cpu" -v b="$b_cpu" 'BEGIN { printf "%.3f", b / a }')
  ratios+=("$ratio")
  printf "%-6s %-15s %-14s %-6s %s,%s\n" "$pair" "$a_cpu" "$b_cpu" "$ratio" "$a_drop" "$b_drop"
done
median=$(printf "%s\n" "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo "median window/headless CPU ratio over $PAIRS pair(s) of ${SECONDS_PER_RUN} s shows: $median (target ≤ 1.15)"
