#!/usr/bin/env bash
# Live captions end to end: a cue file and a human captioner (TCP) go into one show; ffmpeg's
# own 608 decoder reads the same words back from the recording and from what nginx-rtmp
# received; captions.vtt/.srt parse and keep the cue file's times; a captioner that floods,
# sends garbage or an endless line disturbs nothing; and the burned-in captions never cover
# the interpreter, in any corner (pixel probes on decoded frames).
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || fail "python3 is missing"
CONVERT=/usr/bin/convert
[ -x "$CONVERT" ] || fail "ImageMagick is not installed (scripts/install-deps.sh)"

cat > cues.txt <<'CUES'
# the clerk's prepared lines
00:00:01.000 Guten Abend und willkommen zur Ratssitzung.
00:00:05.000 Wir beginnen mit der Eröffnung.
00:00:09.000 Fragen zur Straße bitte später.
00:00:12.000 Ende der Sitzung.
CUES

# show NAME CORNER EXTRA_OUTPUTS [EXTRA_CAPTION_KEYS] : writes NAME.json (white main picture,
# green interpreter)
show() {
  cat > "$1.json" <<JSON
{ "name": "captions $1",
  "sources": [ { "id": "wall", "kind": "test", "pattern": "white", "tone_hz": 0 },
               { "id": "dgs", "kind": "test", "pattern": "green", "tone_hz": 0 } ],
  "interpreter": { "source": "dgs", "corner": "$2" },
  "captions": { "inputs": [ { "kind": "file", "path": "cues.txt" },
                            { "kind": "tcp", "listen": "127.0.0.1:$captioner" } ]${4:-} },
  "control": { "listen": "127.0.0.1:$control" },
  "outputs": [ { "id": "rec", "kind": "record", "dir": "$1" } $3 ] }
JSON
}

# ---- one show: cue file + captioner + RTMP + YouTube's caption ingestion; every way out ----
captioner=$(free_port)
control=$(free_port)
start_nginx_rtmp
# A stand-in for YouTube's caption ingestion endpoint: notes each POST's seq and body.
youtube=$(free_port)
cat > youtube.py <<'PY'
import http.server, sys, urllib.parse
class Ingest(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        with open("youtube.txt", "a") as out:
            out.write("seq=%s type=%s cid=%s body=%r\n" % (query["seq"][0], self.headers["Content-Type"],
                                                       query["cid"][0], body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"2026-11-26T18:00:00.000\n")
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Ingest).serve_forever()
PY
run_bg youtube.log python3 youtube.py "$youtube"
export YT_CAPTIONS_URL="http://127.0.0.1:$youtube/closedcaption?cid=yt-caption-secret-77"
export CAPTION_TEST_KEY=captions-test-key-0451
show main bottom-right ", { \"id\": \"site\", \"kind\": \"rtmp\", \"url\": \"rtmp://127.0.0.1:$RTMP_PORT/live\", \"key_env\": \"CAPTION_TEST_KEY\" }" \
  ', "youtube_ingest_env": "YT_CAPTIONS_URL"'
run_bg show.log "$PLENUM" run main.json --headless --duration 16
SHOW=$LAST_PID
wait_for_line show.log '\| site live' 20
run_bg reader.log ffmpeg -nostdin -v error -i "rtmp://127.0.0.1:$RTMP_PORT/live/$CAPTION_TEST_KEY" -c copy -t 12 -f flv received.flv
READER=$LAST_PID
# The captioner comes after the cue file's timed lines, so their times can be checked exactly.
wait_for_line show.log '^00:00:10 ' 20
# From now on nothing goes to YouTube: the switch works live.
curl -sf -X POST "http://127.0.0.1:$control/captions/youtube" -d '{"on": false}' >/dev/null ||
  fail "POST /captions/youtube failed"

# The captioner: a real line, then 1,000 lines at once, binary garbage, an endless line.
python3 - "$captioner" <<'PY' || fail "the captioner could not send everything (see above)"
import os, socket, sys, time
port = int(sys.argv[1])
s = socket.create_connection(("127.0.0.1", port))
s.sendall("Hallo vom Schriftdolmetscher\n".encode())
time.sleep(1.5)          # on screen before the flood: a flood only ever drops what waits
s.sendall(b"".join(b"flood line %d\n" % i for i in range(1000)))
s.sendall(os.urandom(4096) + b"\n")
s.sendall(b"x" * (1 << 20))           # a megabyte without a newline
time.sleep(1)
s.close()
PY
wait "$SHOW" || { cat show.log >&2; fail "the show did not stop cleanly"; }
# nginx keeps a player waiting for the next publisher: stop the reader if it still waits.
for _ in $(seq 30); do kill -0 "$READER" 2>/dev/null || break; sleep 0.1; done
kill -INT "$READER" 2>/dev/null || true
wait "$READER" 2>/dev/null || true
grep -q 'sends too fast' show.log || fail "the flood was not throttled (no 'sends too fast' in the log)"
last=$(grep -E ' frames [0-9]+ dropped ' show.log | tail -n1)
[[ $last == *' dropped 0 '* ]] || fail "the captioner's flood cost frames: $last"
grep -q "$CAPTION_TEST_KEY" show.log && fail "the stream key is in the log"
grep -q 'yt-caption-secret-77' show.log main/*/show.log && fail "YouTube's caption key is in a log"
ok "a flooding, garbling, endless captioner is throttled and costs no frame"

rec=$(the_recording main)
run_dir=$(dirname "$rec")
# 608 read back by ffmpeg's decoder, from the recording and from what nginx-rtmp received.
read_608() { ffmpeg -v error -f lavfi -i "movie=$1[out0+subcc]" -map 0:s -f srt - | tr '\n' ' '; }
from_file=$(read_608 "$rec")
from_rtmp=$(read_608 received.flv)
for words in "Guten Abend und willkommen zur" "Eröffnung" "Fragen zur Straße" "Hallo vom Schriftdolmetscher"; do
  [[ $from_file == *"$words"* ]] || fail "the recording's 608 track lacks \"$words\": $from_file"
done
for words in "Eröffnung" "Fragen zur Straße"; do
  [[ $from_rtmp == *"$words"* ]] || fail "the RTMP stream's 608 track lacks \"$words\": $from_rtmp"
done
ok "ffmpeg reads the captions back from the recording and from nginx-rtmp"

# The subtitle files: a reader nobody here wrote accepts them; the cue times are the file's.
[ "$(ffprobe -v error -show_entries stream=codec_name -of csv=p=0 "$run_dir/captions.vtt")" = webvtt ] ||
  fail "ffprobe does not read captions.vtt as WebVTT"
[ "$(ffprobe -v error -show_entries stream=codec_name -of csv=p=0 "$run_dir/captions.srt")" = subrip ] ||
  fail "ffprobe does not read captions.srt as SubRip"
starts=$(ffprobe -v error -show_entries packet=pts_time -of csv=p=0 "$run_dir/captions.vtt" | tr '\n' ' ')
for t in 1.0 5.0 9.0; do
  awk -v want="$t" -v list="$starts" 'BEGIN { n = split(list, v, " "); for (i = 1; i <= n; i++) {
      d = v[i] - want; if (d < 0) d = -d; if (d <= 0.1) exit 0 } exit 1 }' ||
    fail "no cue starts within 100 ms of ${t}s in captions.vtt (starts: $starts)"
done
grep -q 'Hallo vom Schriftdolmetscher' "$run_dir/captions.srt" || fail "the captioner's line is not in captions.srt"
grep -q 'flood line' "$run_dir/captions.vtt" || fail "none of the flood's first lines reached the captions"
# YouTube got every cue, one POST each, seq counting up from 1, body "time\ntext\n".
[ -s youtube.txt ] || fail "YouTube's caption endpoint got nothing"
python3 - <<'PY' || fail "YouTube's caption POSTs are wrong: $(head -n 5 youtube.txt)"
import re
lines = open("youtube.txt").read().splitlines()
seqs = [int(re.search(r"seq=(\d+)", l).group(1)) for l in lines]
assert seqs == list(range(1, len(seqs) + 1)), seqs
assert all("type=text/plain" in l and "cid=yt-caption-secret-77" in l for l in lines)
first = eval(lines[0].split(" body=", 1)[1])
assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\nGuten Abend und willkommen zur<br>Ratssitzung\.\n", first), first
assert any("Fragen zur Stra" in l for l in lines)
assert not any("Hallo vom" in l or "Ende der Sitzung" in l for l in lines), "sent after the switch"
PY
ok "captions.vtt and captions.srt parse and start at the cue file's times ($starts)"

# ---- burned in, never over the interpreter: one short show per corner ----------------------
# region FRAME X Y W H : "min-green max-red mean" of a region (0–1)
region() { "$CONVERT" "$1" -crop "$4x$5+$2+$3" +repage -format '%[fx:minima.g] %[fx:maxima.r] %[fx:mean]\n' info:; }
for corner in bottom-right bottom-left top-left top-right; do
  captioner=$(free_port); control=$(free_port)
  show "$corner" "$corner" ""
  expect_exit 0 "$PLENUM" run "$corner.json" --headless --duration 4
  ffmpeg -v error -ss 3 -i "$(the_recording "$corner")" -frames:v 1 "$corner.png"
  # The interpreter: 40 % of 720 = 288 high, 512 wide, 20 px from the edges; inset by 4 px.
  # Where the caption may go: beside a bottom interpreter, else the whole width.
  case $corner in
    bottom-right) x=752; y=416; band="692 90 28" ;;
    bottom-left) x=24; y=416; band="692 90 560" ;;
    top-left) x=24; y=24; band="1224 90 28" ;;
    top-right) x=752; y=24; band="1224 90 28" ;;
  esac
  read -r min_green max_red _ < <(region "$corner.png" $x $y 504 280)
  awk -v g="$min_green" -v r="$max_red" 'BEGIN { exit !(g > 0.85 && r < 0.15) }' ||
    fail "$corner: something covers the interpreter (min green $min_green, max red $max_red)"
  # The caption is there: its band is darker than the white wall.
  read -r w h bx <<< "$band"
  read -r _ _ mean < <(region "$corner.png" "$bx" 600 "$w" "$h")
  awk -v m="$mean" 'BEGIN { exit !(m < 0.9) }' || fail "$corner: no burned-in caption at the bottom (mean $mean)"
done
ok "burned-in captions never cover the interpreter, in all four corners"
