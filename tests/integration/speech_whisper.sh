#!/usr/bin/env bash
# The whisper-server engine against a fake whisper.cpp server (tests/fake_whisper_server.py,
# which checks each request as whisper.cpp reads it and reports what each chunk held).
# Tone bursts stand for speech: played in real time through speech_pipeline, the sound must be
# cut into one chunk per burst (the boundary in each pause; a burst longer than 5 s in a 5 s
# chunk and the rest; quiet and a click not sent), and the server's canned answers must arrive
# in order as final results, whisper's non-speech markers dropped. Three more runs at once: a
# server that is down (one log line naming the URL without its password, no crash), one that
# fails the first chunk with HTTP 500 (logged, the next chunks still captioned), and one too
# slow for the first two chunks (each times out after 15 s; of the chunks that waited
# meanwhile, the oldest is dropped and reported, the newest are captioned).
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

: "${SPEECH_PIPELINE:?SPEECH_PIPELINE must name the speech_pipeline program}"
FAKE_SERVER="$HERE/../fake_whisper_server.py"
# speech_pipeline prints with g_print() without setlocale(): GLib then takes the charset from
# $CHARSET, or writes "?" for every non-ASCII letter of the German results.
export CHARSET=UTF-8

# speech.wav, 26 s at 44.1 kHz stereo (the recogniser converts): quiet (a -65 dBFS hiss) with
# bursts of an amplitude-modulated tone (-14 dBFS) at 2-4, 4.8-7.8, 8.8-10.4, 11-15 and 18-25 s,
# and a 30 ms click at 16.2 s. short.wav, 10 s: bursts at 1-3, 4-6 and 7-9 s.
tone='0.3*(sin(2*PI*220*t)+0.3*sin(2*PI*660*t))*(0.8+0.2*sin(2*PI*4*t))'
hiss='0.001*(2*random(0)-1)'
make_audio() {
  local file=$1 seconds=$2 bursts=$3
  local expr="$tone*($bursts)+$hiss"
  ffmpeg -v error -y -f lavfi -i "aevalsrc=exprs='$expr|$expr':s=44100:d=$seconds" \
    -c:a pcm_s16le "$file" || fail "ffmpeg could not make $file"
}
make_audio speech.wav 26 'between(t,2,4)+between(t,4.8,7.8)+between(t,8.8,10.4)+between(t,11,15)+between(t,16.2,16.23)+between(t,18,25)'
make_audio short.wav 10 'between(t,1,3)+between(t,4,6)+between(t,7,9)'

# start_server NAME ARGS... : a fake server logging to NAME.server; sets PORT.
start_server() {
  local name=$1; shift
  run_bg "$WORK/$name.server" python3 "$FAKE_SERVER" "$@"
  wait_for_line "$WORK/$name.server" '^[0-9]+$' 10
  PORT=$(head -n 1 "$WORK/$name.server")
}

# The canned answers, one per chunk, as whisper.cpp writes them (a leading space, one segment a
# line); "\n" is a line break.
cat > texts.txt <<'EOF'
 Guten Abend, meine Damen und Herren.
[BLANK_AUDIO]
 Tagesordnungspunkt eins:\n der Haushalt.
 (Musik)\n   
 Untertitel im Auftrag des ZDF, 2017
 Die Sitzung ist geschlossen, schönen Abend.\n[BLANK_AUDIO]
EOF
printf '%s\n' 'Guten Abend, meine Damen und Herren.' 'Tagesordnungspunkt eins: der Haushalt.' \
  'Die Sitzung ist geschlossen, schönen Abend.' > expected.txt
printf '%s\n' ' Erstens.' ' Zweitens.' ' Drittens.' > short-texts.txt

start_server main --texts texts.txt
MAIN_PORT=$PORT
start_server failing --texts short-texts.txt --fail-first 1
FAILING_PORT=$PORT
start_server slow --texts short-texts.txt --slow-first 2 --slow-seconds 17
SLOW_PORT=$PORT
DOWN_PORT=$(free_port)

# The four runs at once: each takes its audio's time.
"$SPEECH_PIPELINE" --realtime --grace-ms 3000 speech.wav whisper-server \
  "http://127.0.0.1:$MAIN_PORT/" > main.out 2>&1 & main=$!
"$SPEECH_PIPELINE" --realtime --grace-ms 3000 short.wav whisper-server \
  "http://127.0.0.1:$FAILING_PORT" > failing.out 2>&1 & failing=$!
"$SPEECH_PIPELINE" --realtime --grace-ms 12000 speech.wav whisper-server \
  "http://127.0.0.1:$SLOW_PORT" > slow.out 2>&1 & slow=$!
"$SPEECH_PIPELINE" --realtime --grace-ms 3000 short.wav whisper-server \
  "http://plenum:geheim@127.0.0.1:$DOWN_PORT/?token=auchgeheim" > down.out 2>&1 & down=$!
for run in main failing slow down; do
  wait "${!run}" || { cat "$run.out" >&2; fail "speech_pipeline failed in the '$run' run"; }
done

# --- A server that answers: chunks and results. ---
grep -q '^request' main.server && { cat main.server >&2; fail "the server refused a request"; }
# Expected chunks: the sound of each (s) and whether it starts and ends in quiet.
python3 - main.server <<'PY' || { cat main.server >&2; fail "the chunks are not cut at the pauses"; }
import re, sys
expected = [(2.0, "quiet"), (3.0, "quiet"), (1.6, "quiet"), (4.0, "quiet"),
            (4.8, "loud"), (2.2, "loud")]
chunks = [dict(re.findall(r"(\w+)=(\S+)", line)) for line in open(sys.argv[1])
          if line.startswith("chunk ")]
problems = []
if len(chunks) != len(expected):
    problems.append(f"{len(chunks)} chunks, expected {len(expected)}")
for number, (chunk, (sound, edges)) in enumerate(zip(chunks, expected), 1):
    if abs(float(chunk["sound"]) - sound) > 0.05 or chunk["runs"] != "1" or chunk["edges"] != edges:
        problems.append(f"chunk {number}: {chunk}, expected one burst of {sound} s, {edges} edges")
    if not 1.5 <= float(chunk["duration"]) <= 5.0:
        problems.append(f"chunk {number} lasts {chunk['duration']} s, not 1.5 to 5 s")
if abs(float(chunks[4]["duration"]) - 5.0) > 0.011:
    problems.append(f"the 7 s burst's first chunk lasts {chunks[4]['duration']} s, not 5")
print("\n".join(problems), file=sys.stderr)
sys.exit(1 if problems else 0)
PY
ok "one chunk per burst, cut in each pause (a 7 s burst at 5 s), quiet and a click not sent"
sed -n 's/^FINAL: //p' main.out > finals.txt
diff expected.txt finals.txt >&2 || { cat main.out >&2; fail "the final results differ from the canned speech"; }
ok "every canned text arrived in order as a final result, non-speech markers dropped"
grep -q '^LOG: ' main.out && { cat main.out >&2; fail "a log line although the server answered"; }

# --- A server that is down: one log line (the chunks fail within 10 s), secrets hidden. ---
[ "$(grep -c '^LOG: ' down.out)" = 1 ] || { cat down.out >&2; fail "not exactly one log line for a server that is down"; }
grep -q "^LOG: .*http://127.0.0.1:$DOWN_PORT/inference: .*[Cc]onnect" down.out ||
  { cat down.out >&2; fail "the log line does not name the URL and the failure"; }
grep -q geheim down.out && { cat down.out >&2; fail "the log shows the URL's password or token"; }
grep -q '^FINAL: ' down.out && { cat down.out >&2; fail "a result from a server that is down"; }
ok "a server that is down: one log line naming http://127.0.0.1:$DOWN_PORT/inference, no secrets"

# --- A server that fails the first chunk. ---
grep -q "^LOG: .*http://127.0.0.1:$FAILING_PORT/inference: answered HTTP 500" failing.out ||
  { cat failing.out >&2; fail "HTTP 500 was not logged with the URL"; }
[ "$(sed -n 's/^FINAL: //p' failing.out | paste -sd '|')" = 'Erstens.|Zweitens.' ] ||
  { cat failing.out failing.server >&2; fail "the chunks after the failed one were not captioned"; }
ok "HTTP 500 logged, the next chunks captioned"

# --- A server too slow for the first two chunks. ---
[ "$(grep -c "^LOG: .*http://127.0.0.1:$SLOW_PORT/inference: .*timed out" slow.out)" = 2 ] ||
  { cat slow.out >&2; fail "not two timeouts logged (they are 15 s apart)"; }
grep -q "^LOG: .*http://127.0.0.1:$SLOW_PORT/inference is slower than the speech; 1 chunk of speech dropped" slow.out ||
  { cat slow.out >&2; fail "the dropped chunk was not reported"; }
# Chunks 1 and 2 timed out; of 3 to 6 (sounds 1.6, 4.0, 4.8, 2.2 s), 3 was dropped.
[ "$(awk '/^chunk .*text=/ { sub(/.*sound=/, ""); print $1 }' slow.server | paste -sd ' ')" = '4.00 4.80 2.20' ] ||
  { cat slow.server >&2; fail "not the three newest chunks sent after the timeouts"; }
[ "$(sed -n 's/^FINAL: //p' slow.out | paste -sd '|')" = 'Erstens.|Zweitens.|Drittens.' ] ||
  { cat slow.out >&2; fail "the newest chunks were not captioned after the timeouts"; }
ok "a slow server: timeouts logged, the oldest waiting chunk dropped, the newest captioned"
