#!/usr/bin/env bash
# bench/questions.sh [RUNS] [MESSAGES] — how fast the YouTube chat collector takes a flooded
# chat into the question queue, and whether its memory is bounded by the queue's cap.
#
# The fake YouTube (tests/fake_platforms.py, scenario yt_flood: pages of 2000 messages,
# pollingIntervalMillis 0, then the end of the chat) serves MESSAGES messages (default 100,000).
# A: tests/chat_collect — the real poller, parser and question queue (cap 5000), saving
#    questions.json after every page as the show does — reads them all.
# B (baseline, same invocation): a plain Python client fetches and parses the same pages
#    (urllib + json), following the page tokens: what "just reading the chat" costs.
# C: A without saving questions.json: what the saving (fsync, rename) costs of A.
# Prints per run A's, B's and C's messages/s, A/B, A's peak RSS with MESSAGES and with
# MESSAGES/10 (ratio ≈ 1 means memory does not grow with the messages seen), then medians.
# Target: ≥ 10,000 messages/s, memory bounded by the cap.
set -euo pipefail

RUNS=${1:-3}
N=${2:-100000}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CHAT_COLLECT=${CHAT_COLLECT:-$here/../build/tests/chat_collect}
FAKE=$here/../tests/fake_platforms.py
TIME=/usr/bin/time
CHAT=Cg0KC25aVm5ncmJzMnl3KicKGFVDeGtBbGVucU5jdHRWVHJHNXZ4dWcxURILblpWbmdyYnMyeXc

die() { echo "questions.sh: $*" >&2; exit 1; }
[[ $RUNS =~ ^[1-9][0-9]*$ && $N =~ ^[1-9][0-9]*$ ]] || die "usage: $0 [RUNS] [MESSAGES]"
[[ -x $CHAT_COLLECT ]] || die "no chat_collect at $CHAT_COLLECT (ninja -C build, or set CHAT_COLLECT=...)"
"$TIME" --version 2>&1 | grep -q GNU || die "GNU time is missing at $TIME (apt-get install time)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plenum-questions.XXXXXX")
fake_pid=
cleanup() { [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# start_fake COUNT : a fresh fake serving COUNT messages; sets BASE.
start_fake() {
  [ -n "$fake_pid" ] && { kill "$fake_pid"; wait "$fake_pid" 2>/dev/null || true; }
  python3 "$FAKE" --port 0 --scenario yt_flood --messages "$1" > "$tmp/fake.txt" 2>&1 &
  fake_pid=$!
  for _ in $(seq 100); do grep -q '^listening' "$tmp/fake.txt" && break; sleep 0.1; done
  BASE="http://127.0.0.1:$(awk '/^listening/ {print $2}' "$tmp/fake.txt")"
}

# collector COUNT [save|nosave] : runs A (or C); prints "messages/s peak-RSS-KiB".
collector() {
  local save=(--save "$tmp/run")
  [ "${2:-save}" = save ] || save=()
  start_fake "$1"
  mkdir -p "$tmp/run"
  "$TIME" -f '%M' -o "$tmp/time.txt" "$CHAT_COLLECT" youtube "$BASE" "$CHAT" \
    --token test-yt-token --queue 5000 "${save[@]}" --quiet > "$tmp/collect.txt"
  python3 - "$tmp/collect.txt" "$1" "$(tail -1 "$tmp/time.txt")" <<'PY'
import json, sys
summary = json.loads(open(sys.argv[1]).read().splitlines()[-1])
assert summary["messages"] == int(sys.argv[2]), summary
print(f'{summary["messages"] / summary["seconds"]:.0f} {sys.argv[3]}')
PY
}

# baseline COUNT : runs B; prints messages/s.
baseline() {
  start_fake "$1"
  python3 - "$BASE" "$CHAT" <<'PY'
import json, sys, time, urllib.request
base, chat = sys.argv[1:]
start, count, token = time.monotonic(), 0, None
while True:
    url = f"{base}/youtube/v3/liveChat/messages?liveChatId={chat}&part=snippet,authorDetails&maxResults=2000"
    if token:
        url += f"&pageToken={token}"
    req = urllib.request.Request(url, headers={"Authorization": "Bearer test-yt-token"})
    page = json.load(urllib.request.urlopen(req))
    items = page.get("items", [])
    count += sum(1 for i in items if i["snippet"]["type"] in ("textMessageEvent", "superChatEvent"))
    if "offlineAt" in page or any(i["snippet"]["type"] == "chatEndedEvent" for i in items):
        break
    token = page["nextPageToken"]
print(f"{count / (time.monotonic() - start):.0f}")
PY
}

echo "run  A msgs/s  B msgs/s  A/B   RSS(${N}) KiB  RSS($((N / 10))) KiB  ratio  C msgs/s"
results=()
for run in $(seq "$RUNS"); do
  read -r a_rate a_rss < <(collector "$N")
  b_rate=$(baseline "$N")
  read -r _ small_rss < <(collector $((N / 10)))
  read -r c_rate _ < <(collector "$N" nosave)
  line=$(awk -v a="$a_rate" -v b="$b_rate" -v r="$a_rss" -v s="$small_rss" -v n="$run" -v c="$c_rate" \
    'BEGIN { printf "%3d  %8d  %8d  %5.2f  %13d  %13d  %5.2f  %8d", n, a, b, a / b, r, s, r / s, c }')
  echo "$line"
  results+=("$line")
done
printf '%s\n' "${results[@]}" | awk '
  { a[NR] = $2; ab[NR] = $4; m[NR] = $7; c[NR] = $8 }
  function median(v, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  END { printf "median: A %d msgs/s (target >= 10000), A/B %.2f, memory ratio %.2f (bounded: ~1), C (no saving) %d msgs/s\n",
        median(a, NR), median(ab, NR), median(m, NR), median(c, NR) }'
