#!/usr/bin/env bash
# bench/soak.sh DURATION — a full show for a long time, watched: does memory stay flat, does
# every output stay live? DURATION is in minutes ("30"), or "90s" / "2m" for quick checks.
#
# The show: two test cameras cut every 10 s and a test interpreter (720p30, the demo's
# sources), captions from a TCP captioner (a bash client sending one line a second, burned in,
# CEA-608, VTT/SRT), a fake YouTube live chat (tests/fake_platforms.py, yt_flood: 2 messages
# every 2 s; SOAK_CHAT_PAGE sets how many, 0 turns the chat off) into the question queue, and
# four outputs: two RTMP streams to a local nginx-rtmp, SRT as caller to a listening
# srt-live-transmit that counts the bytes, and the recording.
# Every SOAK_SAMPLE_S seconds (default 60; under 10 minutes, a tenth of the run) it reads
# plenum's RSS and CPU from /proc and the frames, dropped frames and output states from the
# control API's GET /status. It prints a table and writes soak.tsv and soak.svg (RSS and CPU
# over time, drawn here with awk) to SOAK_OUT (default ./soak-results), with the show's log.
#
# Fails (exit 1) if RSS at the end is more than 5 % above RSS at minute 5 (under 10 minutes:
# at half time), if the show died or did not stop cleanly, if any output is not live at the
# end, or if a helper (nginx, SRT peer, captioner, fake chat) died. Dropped frames and
# reconnects are reported, not failed on. Everything it starts is stopped on exit.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"
PLENUM=${PLENUM:-$here/../build/studio/plenum}
FAKE=$here/../tests/fake_platforms.py
OUT=${SOAK_OUT:-./soak-results}
CHAT=Cg0KC25aVm5ncmJzMnl3KicKGFVDeGtBbGVucU5jdHRWVHJHNXZ4dWcxURILblpWbmdyYnMyeXc
OUTPUTS=(rtmp_a rtmp_b srt rec)

die() { echo "soak.sh: $*" >&2; exit 1; }
usage="usage: $0 DURATION   (minutes, or e.g. 90s / 2m; SOAK_SAMPLE_S, SOAK_OUT, SOAK_CHAT_PAGE, PLENUM, KEEP=1)"
[[ $# == 1 ]] || die "$usage"
case $1 in
  *s) dur=${1%s} ;;
  *m) dur=${1%m}; [[ $dur =~ ^[0-9]+$ ]] && dur=$((dur * 60)) ;;
  *) dur=$1; [[ $dur =~ ^[0-9]+$ ]] && dur=$((dur * 60)) ;;
esac
[[ $dur =~ ^[1-9][0-9]*$ && $dur -ge 20 ]] || die "$usage (at least 20 s)"
if [[ -n ${SOAK_SAMPLE_S:-} ]]; then
  step=$SOAK_SAMPLE_S
  [[ $step =~ ^[1-9][0-9]*$ ]] || die "SOAK_SAMPLE_S must be a whole number of seconds"
elif ((dur >= 600)); then
  step=60
else
  step=$((dur / 10 > 5 ? dur / 10 : 5))
fi
# The memory baseline: the first sample at or after minute 5, or at half time for short runs.
if ((dur >= 600)); then base_at=300; base_why="minute 5"; else base_at=$((dur / 2)); base_why="half time (run under 10 min)"; fi

[[ -x $PLENUM ]] || die "no plenum binary at $PLENUM (ninja -C build, or set PLENUM=...)"
[[ -f $NGINX_RTMP_MODULE ]] || die "nginx's RTMP module is missing (apt-get install nginx-light libnginx-mod-rtmp)"
for tool in nginx srt-live-transmit jq curl ffprobe python3 setsid; do
  command -v "$tool" >/dev/null || die "$tool is missing (scripts/install-deps.sh)"
done
[[ -r /proc/self/stat ]] || die "/proc is not mounted"
chat_page=${SOAK_CHAT_PAGE:-2}
[[ $chat_page =~ ^[0-9]+$ ]] || die "SOAK_CHAT_PAGE must be a number of messages (0: no chat)"
hz=$(getconf CLK_TCK)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plenum-soak.XXXXXX")
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
helpers=()   # process groups (setsid) of nginx, the SRT peer, the captioner, the fake chat
show=""
cleanup() {
  local rc=$?
  if [[ -n $show ]] && kill -0 "$show" 2>/dev/null; then
    kill -TERM "$show" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$show" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$show" 2>/dev/null || true
  fi
  for p in "${helpers[@]}"; do kill -TERM -- "-$p" 2>/dev/null || true; done
  sleep 0.3
  for p in "${helpers[@]}"; do kill -KILL -- "-$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -f $tmp/show.log ]] && cp "$tmp/show.log" "$OUT/show.log"
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# helper NAME COMMAND... : starts COMMAND in its own process group, output to NAME.log.
helper() { local name=$1; shift; setsid "$@" > "$tmp/$name.log" 2>&1 & helpers+=($!); eval "${name}_pid=\$!"; }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
now() { echo "$EPOCHREALTIME"; }

rtmp_port=$(port); srt_port=$(port); cap_port=$(port); api_port=$(port)

# nginx-rtmp for the two RTMP outputs.
write_nginx_rtmp_conf "$tmp" "$rtmp_port"
helper nginx nginx -c "$tmp/nginx.conf" -p "$tmp"
wait_port "$rtmp_port" || die "nginx did not start: $(cat "$tmp/nginx-error.log" 2>/dev/null)"

# The SRT peer: a listener the output calls; it counts what it receives.
helper srtpeer bash -c "srt-live-transmit -q 'srt://127.0.0.1:$srt_port?mode=listener' file://con | (trap '' TERM; exec wc -c) > '$tmp/srt-bytes'"

# The fake YouTube chat: SOAK_CHAT_PAGE messages every 2 s (default 2; 0: no chat), enough for
# the whole run and a minute more.
questions=""
if ((chat_page > 0)); then
  helper chat python3 "$FAKE" --port 0 --scenario yt_flood --page-size "$chat_page" --interval-ms 2000 \
    --messages $(((dur + 60) * chat_page / 2 + chat_page))
  for _ in $(seq 100); do grep -q '^listening' "$tmp/chat.log" && break; sleep 0.1; done
  grep -q '^listening' "$tmp/chat.log" || die "the fake chat did not start: $(cat "$tmp/chat.log")"
  api_base="http://127.0.0.1:$(awk '/^listening/ {print $2; exit}' "$tmp/chat.log")"
  questions='"questions": { "youtube": { "live_chat_id": "'$CHAT'", "token_env": "SOAK_YT_TOKEN", "api_base": "'$api_base'" } },'
fi

cat > "$tmp/show.json" <<JSON
{ "name": "Soak",
  "sources": [ { "id": "cam1", "label": "Kamera 1", "kind": "test", "pattern": "smpte" },
               { "id": "cam2", "label": "Kamera 2", "kind": "test", "pattern": "ball" },
               { "id": "dgs", "label": "Dolmetscherin", "kind": "test", "pattern": "pinwheel", "tone_hz": 0 } ],
  "interpreter": { "source": "dgs" },
  "scenes": [ { "id": "a", "main": "cam1" }, { "id": "b", "main": "cam2", "inset": "cam1" } ],
  "scene_rotation_s": 10,
  "captions": { "inputs": [ { "kind": "tcp", "listen": "127.0.0.1:$cap_port" } ] },
  $questions
  "control": { "listen": "127.0.0.1:$api_port" },
  "outputs": [ { "id": "rtmp_a", "kind": "rtmp", "url": "rtmp://127.0.0.1:$rtmp_port/live", "key_env": "SOAK_KEY_A" },
               { "id": "rtmp_b", "kind": "rtmp", "url": "rtmp://127.0.0.1:$rtmp_port/live", "key_env": "SOAK_KEY_B" },
               { "id": "srt", "kind": "srt", "uri": "srt://127.0.0.1:$srt_port?mode=caller" },
               { "id": "rec", "kind": "record", "dir": "$tmp/rec" } ] }
JSON
export SOAK_YT_TOKEN=test-yt-token SOAK_KEY_A=soak-a-1234 SOAK_KEY_B=soak-b-5678
"$PLENUM" check "$tmp/show.json" > "$tmp/check.log" 2>&1 || die "plenum check refused the show: $(cat "$tmp/check.log")"

api="http://127.0.0.1:$api_port"
"$PLENUM" run "$tmp/show.json" --headless --quiet > "$tmp/show.log" 2>&1 & show=$!
for _ in $(seq 300); do
  curl -sf "$api/status" > /dev/null 2>&1 && break
  kill -0 "$show" 2>/dev/null || die "plenum exited at start: $(tail -n 5 "$tmp/show.log")"
  sleep 0.1
done
curl -sf "$api/status" > /dev/null || die "the control API did not answer in 30 s"
t0=$(now)

# The captioner: one line a second over TCP, its number in captions.sent.
helper captioner bash -c "exec 3<>/dev/tcp/127.0.0.1/$cap_port || exit 1
  n=0; while :; do n=\$((n + 1)); printf 'Soak-Untertitel %d\n' \$n >&3 || exit 1; echo \$n > '$tmp/captions.sent'; sleep 1; done"

# sample : one TSV row (see header) from /proc and GET /status, into $tmp/soak.tsv.
prev_t=$t0
prev_ticks=$(awk '{ print $14 + $15 }' "/proc/$show/stat")
header="t_s	minute	rss_mib	cpu_pct	threads	fds	frames	dropped	questions	caption_sent	caption_shown"
for o in "${OUTPUTS[@]}"; do header+="	${o}_state	${o}_reconnects	${o}_bytes	${o}_gops_dropped"; done
echo "$header" > "$tmp/soak.tsv"
sample() {
  local t ticks rss threads fds status proc
  proc=$(cat "/proc/$show/stat" 2>/dev/null) || return 1
  t=$(now)
  ticks=$(awk '{ print $14 + $15 }' <<< "$proc")
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$show/status" 2>/dev/null) || return 1
  threads=$(awk '/^Threads:/ { print $2 }' "/proc/$show/status" 2>/dev/null) || return 1
  fds=$(find "/proc/$show/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  status=$(curl -sf --max-time 10 "$api/status") || return 1
  local sent; sent=$(cat "$tmp/captions.sent" 2>/dev/null || echo 0)
  local ids; ids=$(IFS=,; echo "${OUTPUTS[*]}")
  local fields; fields=$(jq -r --arg ids "$ids" '
    ($ids | split(",")) as $want
    | [ .frames, .dropped,
        ([.questions | .new, .held, .approved, .rejected, .on_air, .answered] | add),
        ([.captions.last[]? | scan("Soak-Untertitel ([0-9]+)") | .[0] | tonumber] | max // 0) ]
      + ([ $want[] as $id | (.outputs[] | select(.id == $id)) // {}
           | .state // "missing", .reconnects // 0, .bytes // 0, .gops_dropped // 0 ])
    | @tsv' <<< "$status") || return 1
  awk -v t="$t" -v t0="$t0" -v pt="$prev_t" -v k="$ticks" -v pk="$prev_ticks" -v hz="$hz" \
      -v rss="$rss" -v th="$threads" -v fds="$fds" -v sent="$sent" -v f="$fields" 'BEGIN {
    split(f, v, "\t")
    printf "%.1f\t%.2f\t%.1f\t%.1f\t%d\t%d\t%s\t%s\t%s\t%s\t%s", t - t0, (t - t0) / 60, rss / 1024,
      (k - pk) / hz / (t - pt) * 100, th, fds, v[1], v[2], v[3], sent, v[4]
    for (i = 5; i <= length(v); i++) printf "\t%s", v[i]
    printf "\n" }' >> "$tmp/soak.tsv"
  prev_t=$t; prev_ticks=$ticks
}

# row : the last TSV row as a table line.
table_head() {
  printf '%6s %8s %6s %7s %4s %9s %7s %5s %5s' min "RSS MiB" "CPU %" threads fds frames dropped chat caps
  for o in "${OUTPUTS[@]}"; do printf ' %-11s' "$o"; done
  printf '\n'
}
row() {
  tail -n 1 "$tmp/soak.tsv" | awk -F'\t' '{
    printf "%6.2f %8.1f %6.1f %7d %4d %9d %7d %5d %5d", $2, $3, $4, $5, $6, $7, $8, $9, $11
    for (i = 12; i <= NF; i += 4) printf " %-11s", $i "/" $(i + 1)
    printf "\n" }'
}

echo "soak: $((dur / 60)) min $((dur % 60)) s, a sample every $step s, memory baseline at $base_why"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(hostname), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at the start; $PLENUM"
echo "outputs as state/reconnects; chat = messages in the question queue, caps = number of the last caption shown"
table_head
died=""
n=$(((dur + step - 1) / step))
for k in $(seq "$n"); do
  target=$((k * step < dur ? k * step : dur))
  delay=$(awk -v t0="$t0" -v now="$(now)" -v at="$target" 'BEGIN { d = t0 + at - now; print (d > 0 ? d : 0) }')
  sleep "$delay"
  if ! kill -0 "$show" 2>/dev/null || ! sample; then
    died="the show died or stopped answering after $(awk -v t0="$t0" -v now="$(now)" 'BEGIN { printf "%.0f", now - t0 }') s"
    break
  fi
  row
done

# Independent checks while it still runs: both RTMP streams play from nginx.
rtmp_play=""
if [[ -z $died ]]; then
  for key in "$SOAK_KEY_A" "$SOAK_KEY_B"; do
    if timeout 20 ffprobe -v error -show_entries stream=codec_name -of csv=p=0 \
        "rtmp://127.0.0.1:$rtmp_port/live/$key" 2>/dev/null | grep -q h264; then
      rtmp_play+=" ok"
    else
      rtmp_play+=" FAILED"
    fi
  done
fi

# Helpers still there? Then stop the show cleanly and read its exit code.
lost=()
for h in nginx srtpeer captioner $( ((chat_page > 0)) && echo chat); do
  pid_var=${h}_pid
  kill -0 "${!pid_var}" 2>/dev/null || lost+=("$h")
done
stop_rc=""
if [[ -z $died ]]; then
  curl -sf -X POST "$api/stop" > /dev/null || true
  for _ in $(seq 300); do kill -0 "$show" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$show" 2>/dev/null; then stop_rc="did not stop in 30 s"; else
    rc=0; wait "$show" || rc=$?; [[ $rc == 0 ]] || stop_rc="exited $rc"
  fi
  show=""
fi
rec_s=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$tmp"/rec/*/recording.mkv 2>/dev/null | head -n 1 || true)
for p in "${helpers[@]}"; do kill -TERM -- "-$p" 2>/dev/null || true; done   # the SRT peer's wc writes its count
sleep 1
srt_bytes=$(cat "$tmp/srt-bytes" 2>/dev/null || echo 0)

cp "$tmp/soak.tsv" "$OUT/soak.tsv"

# The plot: RSS (with the baseline and its +5 % limit) above CPU, against minutes.
awk -F'\t' -v base_at="$base_at" -v title="Plenum soak, $(date -u +%Y-%m-%d), $(hostname), $(nproc) cores" '
  function floor(v) { return v == int(v) ? v : (v < 0 ? int(v) - 1 : int(v)) }
  function nice_step(range,   e, f) {
    if (range <= 0) range = 1
    e = 10 ^ floor(log(range / 5) / log(10)); f = range / 5 / e
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * e
  }
  function x(m) { return L + (m - 0) / (xmax) * W }
  function y(v, top, lo, hi) { return top + H - (v - lo) / (hi - lo) * H }
  function panel(top, lo, hi, label, col, key,   s, v, i, pts) {
    s = nice_step(hi - lo)
    printf "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n", L, top, W, H
    for (v = int(lo / s) * s; v <= hi + s / 1000; v += s) {
      if (v < lo - s / 1000) continue
      printf "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", L, L + W, y(v, top, lo, hi), y(v, top, lo, hi)
      printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\">%g</text>\n", L - 6, y(v, top, lo, hi) + 4, v
    }
    for (v = 0; v <= xmax + xs / 1000; v += xs) {
      printf "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#eee\"/>", x(v), x(v), top, top + H
      printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">%g</text>\n", x(v), top + H + 14, v
    }
    printf "<text transform=\"translate(16,%d) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">%s</text>\n", top + H / 2, label
    pts = ""
    for (i = 1; i <= n; i++) pts = pts sprintf("%.1f,%.1f ", x(m[i]), y(val[key, i], top, lo, hi))
    printf "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n", col, pts
    for (i = 1; i <= n; i++) printf "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>", x(m[i]), y(val[key, i], top, lo, hi), col
    printf "\n"
  }
  NR == 1 { next }
  { n++; m[n] = $2; val["rss", n] = $3; val["cpu", n] = $4
    if (!bi && $1 >= base_at) bi = n }
  END {
    if (n == 0) exit 1
    if (!bi) bi = n
    L = 70; W = 660; H = 170; xmax = m[n] > 0 ? m[n] : 1; xs = nice_step(xmax)
    base = val["rss", bi]; limit = base * 1.05
    rlo = base * 0.95; rhi = limit * 1.01
    for (i = 1; i <= n; i++) { if (val["rss", i] < rlo) rlo = val["rss", i]; if (val["rss", i] > rhi) rhi = val["rss", i] }
    s = nice_step(rhi - rlo); rlo = int(rlo / s) * s; rhi = (int(rhi / s) + 1) * s
    chi = 100; for (i = 1; i <= n; i++) if (val["cpu", i] > chi) chi = val["cpu", i]
    s = nice_step(chi); chi = (int(chi / s) + (chi % s ? 1 : 0)) * s
    print "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"520\" viewBox=\"0 0 760 520\" font-family=\"sans-serif\">"
    print "<rect width=\"760\" height=\"520\" fill=\"white\"/>"
    printf "<text x=\"380\" y=\"22\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">%s</text>\n", title
    panel(40, rlo, rhi, "RSS (MiB)", "#1f5fa8", "rss")
    printf "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c0392b\" stroke-dasharray=\"6,4\"/>", L, L + W, y(limit, 40, rlo, rhi), y(limit, 40, rlo, rhi)
    printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\" fill=\"#c0392b\">limit: +5 %% of %.1f MiB</text>\n", L + W - 4, y(limit, 40, rlo, rhi) - 4, base
    printf "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"40\" y2=\"%d\" stroke=\"#888\" stroke-dasharray=\"3,3\"/>", x(m[bi]), x(m[bi]), 40 + H
    printf "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#555\"> baseline</text>\n", x(m[bi]) + 2, 40 + H - 6
    panel(290, 0, chi, "CPU (% of one core)", "#27864a", "cpu")
    printf "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">minutes since the show started</text>\n", L + W / 2, 290 + H + 34
    print "</svg>"
  }' "$OUT/soak.tsv" > "$OUT/soak.svg" || echo "soak.sh: no samples, no plot" >&2

# The verdict.
fail=()
[[ -n $died ]] && fail+=("$died")
[[ -n $stop_rc ]] && fail+=("the show did not stop cleanly: $stop_rc")
((${#lost[@]})) && fail+=("helper(s) died during the run: ${lost[*]}")
[[ $rtmp_play == *FAILED* ]] && fail+=("an RTMP stream could not be played from nginx:$rtmp_play")
summary=$(awk -F'\t' -v base_at="$base_at" '
  NR == 1 { for (i = 12; i <= NF; i += 4) { sub(/_state$/, "", $i); id[i] = $i }; next }
  { n++; if (!bi && $1 >= base_at) { bi = n; brss = $3; bt = $2 }
    cpu += $4; if (n == 1 || $4 < cmin) cmin = $4; if ($4 > cmax) cmax = $4
    last = $0; lrss = $3; lt = $2 }
  END {
    if (n == 0) { print "nosamples"; exit }
    if (!bi) { brss = lrss; bt = lt }
    split(last, v, "\t")
    g = (lrss - brss) / brss * 100
    printf "memory\t%.1f\t%.2f\t%.1f\t%.2f\t%+.1f\t%s\n", brss, bt, lrss, lt, g, (g > 5 ? "grew" : "ok")
    printf "cpu\t%.0f\t%.0f\t%.0f\n", cpu / n, cmin, cmax
    printf "frames\t%s\t%s\t%s\t%s\t%s\t%s\n", v[7], v[8], v[9], v[10], v[11], v[5] "/" v[6]
    for (i = 12; i <= length(v); i += 4)
      printf "output\t%s\t%s\t%s\t%.1f\t%s\n", id[i], v[i], v[i + 1], v[i + 2] / 1e6, v[i + 3]
  }' "$OUT/soak.tsv")
echo
if [[ $summary == nosamples ]]; then
  fail+=("no sample was taken")
else
  IFS=$'\t' read -r _ brss bt lrss lt growth grew < <(grep '^memory' <<< "$summary")
  printf 'memory: RSS %s MiB at %s min (%s) -> %s MiB at %s min: %s %% (limit +5 %%)\n' \
    "$brss" "$bt" "$base_why" "$lrss" "$lt" "$growth"
  [[ $grew == grew ]] && fail+=("RSS grew by $growth % after $base_why")
  IFS=$'\t' read -r _ cmean cmin cmax < <(grep '^cpu' <<< "$summary")
  echo "cpu: mean $cmean % of one core (samples $cmin-$cmax %)"
  IFS=$'\t' read -r _ frames dropped questions sent shown _ < <(grep '^frames' <<< "$summary")
  echo "frames: $frames encoded, $dropped dropped"
  awk -F'\t' 'NR == 2 { t = $5; f = $6 } END { printf "threads %d -> %d, open fds %d -> %d (%+d) from the first sample to the last\n", t, $5, f, $6, $6 - f }' "$OUT/soak.tsv"
  echo "captions: $sent sent by the TCP captioner, #$shown on screen at the last sample; chat: $questions messages in the question queue"
  while IFS=$'\t' read -r _ id state rec mb gops; do
    echo "output $id: $state at the end, $rec reconnect(s), $mb MB sent, GOPs dropped $gops"
    [[ $state == live ]] || fail+=("output $id is $state at the end")
  done < <(grep '^output' <<< "$summary")
fi
echo "SRT peer received $(awk -v b="$srt_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB; RTMP play from nginx (a, b):${rtmp_play:- not checked}; recording $(awk -v s="${rec_s:-0}" 'BEGIN { printf "%.1f", s }') s"
[[ -n $rec_s ]] || fail+=("no readable recording")
echo "wrote $OUT/soak.tsv, $OUT/soak.svg, $OUT/show.log"
if ((${#fail[@]})); then
  printf 'soak: FAIL: %s\n' "${fail[@]}"
  exit 1
fi
echo "soak: PASS"
