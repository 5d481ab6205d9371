#!/usr/bin/env bash
# Speech recognition in a running show: the real recorded speech of Debian's
# pocketsphinx-testdata, joined into one file and played as a show source, with an `asr`
# caption input on it. The captions the show writes (captions.vtt) are compared with the
# transcripts: the word error rate is printed and must not exceed 0.5. The same words must
# reach the recording's CEA-608 track, read back by ffmpeg.
. "$(dirname "$0")/lib.sh"

DATA=/usr/share/pocketsphinx/test/data/librivox
[ -f "$DATA/transcription" ] || fail "no recorded speech at $DATA (apt-get install pocketsphinx-testdata)"
gst-inspect-1.0 pocketsphinx >/dev/null 2>&1 || fail "GStreamer's pocketsphinx element is missing (scripts/install-deps.sh)"

# The five utterances with a second of silence between them, as one 16 kHz WAV.
inputs=(); filters=""; n=0
while read -r id; do
  inputs+=(-i "$DATA/$id.wav")
  filters+="[$n:a]apad=pad_dur=1[a$n];"; n=$((n + 1))
done < "$DATA/fileids"
concat=""; for i in $(seq 0 $((n - 1))); do concat+="[a$i]"; done
ffmpeg -v error "${inputs[@]}" -filter_complex "${filters}${concat}concat=n=$n:v=0:a=1[out]" \
  -map '[out]' -ar 16000 -ac 1 speech.wav
length=$(duration_of speech.wav)

cat > show.json <<JSON
{ "name": "speech",
  "sources": [ { "id": "mayor", "kind": "uri", "uri": "speech.wav" },
               { "id": "cam", "kind": "test", "pattern": "smpte", "tone_hz": 0 } ],
  "scenes": [ { "id": "main", "main": "cam" } ],
  "captions": { "inputs": [ { "kind": "asr", "engine": "pocketsphinx", "source": "mayor" } ] },
  "control": { "listen": "127.0.0.1:$(free_port)" },
  "outputs": [ { "id": "rec", "kind": "record", "dir": "out" } ] }
JSON
expect_exit 0 "$PLENUM" run show.json --headless --duration "$(awk -v l="$length" 'BEGIN { printf "%d", l + 4 }')"
grep -q 'speech recognition (pocketsphinx) listens to mayor' err.txt || { cat err.txt >&2; fail "the recogniser did not start"; }
rec=$(the_recording out)
vtt="$(dirname "$rec")/captions.vtt"
[ "$(ffprobe -v error -show_entries stream=codec_name -of csv=p=0 "$vtt")" = webvtt ] || fail "captions.vtt does not parse"

wer=$(python3 "$HERE/wer.py" --whole "$DATA/transcription" "$vtt") ||
  fail "could not compute the word error rate"
echo "word error rate of the show's captions: $wer"
awk -v w="$wer" 'BEGIN { exit !(w <= 0.5) }' || fail "word error rate $wer is above 0.5: $(cat "$vtt")"
ok "speech in a show becomes captions with a word error rate of $wer (≤ 0.5)"

from_608=$(ffmpeg -v error -f lavfi -i "movie=$rec[out0+subcc]" -map 0:s -f srt - | tr '[:upper:]' '[:lower:]')
for word in dashwood disposed; do
  if grep -qi "$word" "$vtt"; then
    [[ $from_608 == *"$word"* ]] || fail "\"$word\" is in captions.vtt but not in the recording's 608 track"
  fi
done
ok "the recognised words are in the recording's 608 track too"
