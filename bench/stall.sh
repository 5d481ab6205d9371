#!/usr/bin/env bash
# bench/stall.sh [STALLS] [SECONDS] — what a stall leaves behind in memory. Runs the fanout
# show (720p30, two cameras and an interpreter, one recording) and stops plenum STALLS times
# (default 3) for SECONDS (default 2) with SIGSTOP/SIGCONT, 8 s apart, printing plenum's RSS
# before the first stall and 6 s after each. A stall backs frames up in the queue in front of
# the encoder; the buffer pool that fed it keeps its high-water mark (bench/README.md, soak).
set -euo pipefail

STALLS=${1:-3}
STALL_S=${2:-2}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLENUM=${PLENUM:-$here/../build/studio/plenum}
die() { echo "stall.sh: $*" >&2; exit 1; }
[[ $STALLS =~ ^[1-9][0-9]*$ && $STALL_S =~ ^[1-9][0-9]*$ ]] || die "usage: $0 [STALLS] [SECONDS]"
[[ -x $PLENUM ]] || die "no plenum binary at $PLENUM (ninja -C build, or set PLENUM=...)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plenum-stall.XXXXXX")
pid=
cleanup() { [[ -n $pid ]] && kill -CONT "$pid" 2>/dev/null && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
cat > "$tmp/show.json" <<JSON
{ "name": "stall",
  "sources": [ { "id": "cam1", "kind": "test", "pattern": "smpte" },
               { "id": "cam2", "kind": "test", "pattern": "ball" },
               { "id": "dgs", "kind": "test", "pattern": "pinwheel", "tone_hz": 0 } ],
  "interpreter": { "source": "dgs" },
  "scenes": [ { "id": "a", "main": "cam1" }, { "id": "b", "main": "cam2", "inset": "cam1" } ],
  "outputs": [ { "id": "rec", "kind": "record", "dir": "$tmp/out" } ] }
JSON
"$PLENUM" run "$tmp/show.json" --headless --duration $((12 + STALLS * (STALL_S + 6) + 4)) \
  2> "$tmp/show.log" &
pid=$!
rss() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }
sleep 10
echo "RSS MiB before: $(rss)"
for n in $(seq "$STALLS"); do
  kill -STOP "$pid"; sleep "$STALL_S"; kill -CONT "$pid"; sleep 6
  echo "RSS MiB after stall $n: $(rss)"
done
wait "$pid" || die "plenum failed: $(tail -n 3 "$tmp/show.log")"
pid=
