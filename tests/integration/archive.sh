#!/usr/bin/env bash
# `plenum archive DIR`: a run folder becomes the finished package — an MP4 with faststart and
# a text track, a Matroska copy with chapters, checked captions, chapters.txt, the Q&A log
# and report.html — refused as incomplete when captions cover too little of the speech; and a
# recording killed with kill -9 is repaired first.
. "$(dirname "$0")/lib.sh"

port=$(free_port)
# Captions for the first 16 s only; the show runs 34 s with a tone all along (speech, as far
# as the level goes): about half of the speech is captioned.
{ for s in 0 2 4 6 8 10 12 14; do printf '00:00:%02d.500 Satz %d: Bäder & Haushalt\n' "$s" "$s"; done; } > cues.txt
cat > show.json <<JSON
{ "name": "Ratssitzung <Archiv> & Test",
  "sources": [ { "id": "saal", "kind": "test", "pattern": "smpte", "tone_hz": 440 },
               { "id": "dgs", "kind": "test", "pattern": "green", "tone_hz": 0 } ],
  "interpreter": { "source": "dgs" },
  "captions": { "inputs": [ { "kind": "file", "path": "cues.txt" } ] },
  "agenda": [ "TOP 1 Eröffnung", "TOP 2 Haushalt 2027", "TOP 3 Fragen" ],
  "control": { "listen": "127.0.0.1:$port" },
  "archive": { "title": "Ratssitzung im Archiv" },
  "outputs": [ { "id": "rec", "kind": "record", "dir": "out" } ] }
JSON
api() { curl -sf -X POST -H 'Content-Type: application/json' ${2:+-d "$2"} "http://127.0.0.1:$port$1"; }

run_bg show.log "$PLENUM" run show.json --headless --duration 34
wait_for_line show.log '^00:00:03 frames' 20
id=$(api /questions '{"text": "Wann öffnet das Hallenbad wieder?", "author": "Ada"}' | jq -r .id)
api /questions '{"text": "Was kostet der Haushalt?"}' > /dev/null
for state in approved on_air answered; do api "/questions/$id" "{\"state\": \"$state\"}" > /dev/null; done
wait_for_line show.log '^00:00:10 frames' 20
api /agenda/next > /dev/null || fail "POST /agenda/next failed"
wait_for_line show.log '^00:00:22 frames' 20
api /agenda/next > /dev/null || fail "the second POST /agenda/next failed"
wait "$LAST_PID" || { cat show.log >&2; fail "the show did not stop cleanly"; }
run=$(dirname "$(the_recording out)")
pkg=$run/archive

# Half the speech captioned: not complete under the default 90 %, and it says why.
expect_exit 1 "$PLENUM" archive "$run"
cat "$WORK/out.txt" "$WORK/err.txt" > archive1.log
grep -q 'not complete: captions cover [0-9]* % of the speech, less than the 90 % required' archive1.log ||
  { cat archive1.log >&2; fail "archive did not refuse an under-captioned session with the reason"; }
[ "$(jq .complete "$pkg/archive.json")" = false ] || fail "archive.json does not say incomplete"
# The tone sounds all along and the captions run without a gap from 0.5 s (within the 3 s a
# caption may lag) to the last cue's end: that share of the recording is captioned.
coverage=$(jq .caption_coverage "$pkg/archive.json")
last_end=$(grep -- '-->' "$pkg/captions.vtt" | tail -1 | awk '{ split($3, t, ":"); print t[1] * 3600 + t[2] * 60 + t[3] }')
expected=$(awk -v e="$last_end" -v d="$(jq .duration_s "$pkg/archive.json")" 'BEGIN { print e / d }')
within "$coverage" "$expected" 0.02 || fail "caption coverage $coverage, expected $expected (captions up to $last_end s)"
ok "an under-captioned session is refused: coverage $coverage"

"$PLENUM" archive "$run" --min-coverage 0.5 > archive2.log 2>&1 || { cat archive2.log >&2; fail "archive failed"; }
grep -q '^complete$' archive2.log || fail "archive did not say complete"
[ "$(jq .complete "$pkg/archive.json")" = true ] || fail "archive.json does not say complete"
[ "$(jq .repaired "$pkg/archive.json")" = false ] || fail "a clean recording was called repaired"
ok "complete at a 50 % minimum"

# MP4: faststart (moov before mdat at the top level), H.264 + AAC + a text track, the whole
# duration, the captions readable back as text.
mp4=$pkg/recording.mp4
boxes=$(off=0; size=$(stat -c %s "$mp4"); while [ "$off" -lt "$size" ]; do
  read -r b0 b1 b2 b3 t0 t1 t2 t3 < <(od -An -v -tu1 -j "$off" -N 8 "$mp4")
  len=$(( (b0 << 24) | (b1 << 16) | (b2 << 8) | b3 ))
  printf '%b ' "\\x$(printf %x "$t0")\\x$(printf %x "$t1")\\x$(printf %x "$t2")\\x$(printf %x "$t3")"
  [ "$len" -ge 8 ] || break; off=$((off + len)); done)
echo "top-level boxes: $boxes"
[[ $boxes =~ moov.*mdat ]] || fail "moov does not come before mdat: $boxes"
codecs=$(ffprobe -v error -show_entries stream=codec_type,codec_name -of csv=p=0 "$mp4" | sort | tr '\n' ' ')
[[ $codecs == *"aac,audio"* && $codecs == *"h264,video"* && $codecs == *"mov_text,subtitle"* ]] ||
  fail "MP4 streams: $codecs"
within "$(duration_of "$mp4")" 34 0.5 || fail "MP4 lasts $(duration_of "$mp4") s, expected 34"
ffmpeg -v error -i "$mp4" -map 0:s -f srt - > mp4.srt || fail "ffmpeg cannot read the MP4's text track"
grep -q 'Satz 8: Bäder & Haushalt' mp4.srt || fail "the MP4's text track lacks a caption: $(head mp4.srt)"
[ "$(grep -c -- '-->' mp4.srt)" -eq 8 ] || fail "the MP4 carries $(grep -c -- '-->' mp4.srt) captions, expected 8"
[ "$(frames_of "$mp4" v:0)" -eq "$(frames_of "$(the_recording out)" v:0)" ] ||
  fail "the MP4 has $(frames_of "$mp4" v:0) frames, the recording $(frames_of "$(the_recording out)" v:0)"
ok "MP4: $codecs, faststart, every frame, 8 captions"

# Matroska copy: three chapters at 0, ~11 and ~23 s (each ≥ 10 s, as YouTube needs) with the agenda's titles; captions too.
mkv=$pkg/recording.mkv
ffprobe -v error -show_chapters -of json "$mkv" > chapters.json
[ "$(jq '.chapters | length' chapters.json)" -eq 3 ] || fail "MKV chapters: $(cat chapters.json)"
[ "$(jq -r '.chapters[1].tags.title' chapters.json)" = "TOP 2 Haushalt 2027" ] || fail "chapter 2: $(jq -c '.chapters[1]' chapters.json)"
within "$(jq -r '.chapters[0].start_time' chapters.json)" 0 0.01 || fail "chapter 1 does not start at 0"
within "$(jq -r '.chapters[1].start_time' chapters.json)" 11 1.5 || fail "chapter 2 starts at $(jq -r '.chapters[1].start_time' chapters.json)"
within "$(jq -r '.chapters[2].end_time' chapters.json)" 34 0.5 || fail "the last chapter ends at $(jq -r '.chapters[2].end_time' chapters.json)"
mkv_streams=$(ffprobe -v error -show_entries stream=codec_type -of csv=p=0 "$mkv" | tr '\n' ' ')
[[ $mkv_streams == *subtitle* ]] || fail "the MKV has no captions track: $mkv_streams"
ok "MKV: 3 chapters, captions"

# captions.vtt/.srt parse (ffmpeg), with every cue; chapters.txt in YouTube's form.
for f in captions.vtt captions.srt; do
  ffmpeg -v error -i "$pkg/$f" -f srt - > "read-$f.srt" || fail "ffmpeg cannot read $f"
  [ "$(grep -c -- '-->' "read-$f.srt")" -eq 8 ] || fail "$f has $(grep -c -- '-->' "read-$f.srt") cues"
done
[[ $(head -1 "$pkg/captions.vtt") == WEBVTT* ]] || fail "captions.vtt lacks its header"
awk 'NR == 1 && $1 != "0:00" { exit 1 } !/^[0-9]+:[0-5][0-9] [^ ]/ { exit 1 }
     { split($1, t, ":"); s = t[1] * 60 + t[2]; if (NR > 1 && s - last < 10) exit 1; last = s }
     END { exit NR != 3 }' "$pkg/chapters.txt" || fail "chapters.txt is not valid for YouTube: $(cat "$pkg/chapters.txt")"
ok "captions and chapters.txt: $(tr '\n' '|' < "$pkg/chapters.txt")"

# The Q&A log goes with the package.
[ "$(jq length "$pkg/questions.json")" -eq 2 ] || fail "questions.json: $(cat "$pkg/questions.json")"
grep -q 'Hallenbad' "$pkg/questions.csv" || fail "questions.csv lacks the question"

# report.html in Chromium: every plot there, nothing overflows, at desktop and phone widths.
node "$HERE/../browser/report_check.mjs" "$pkg/report.html" report > report_check.log 2>&1 ||
  { cat report_check.log >&2; fail "report.html check failed"; }
[ -s report-1280.png ] && [ -s report-390.png ] || fail "no screenshots of report.html"
grep -q '&lt;Archiv&gt; &amp; Test' "$pkg/report.html" || fail "the show's name is not escaped in report.html"
ok "report.html: $(tail -1 report_check.log)"

# A second run killed with kill -9: the archive repairs the recording first.
run_bg show2.log "$PLENUM" run show.json --headless
wait_for_line show2.log '^00:00:08 frames' 20
kill -9 "$LAST_PID"
wait "$LAST_PID" 2>/dev/null || true
run2=$(ls -d out/*/ | sort | tail -1)
run2=${run2%/}
[ "$run2" != "$run" ] || fail "no second run folder"
"$PLENUM" archive "$run2" --min-coverage 0 > archive3.log 2>&1 || { cat archive3.log >&2; fail "archive of the killed run failed"; }
[ "$(jq .repaired "$run2/archive/archive.json")" = true ] || fail "the killed recording was not called repaired"
grep -q 'repaired after a crash' archive3.log || fail "archive did not say it repaired the recording"
d2=$(duration_of "$run2/archive/recording.mp4")
awk -v d="$d2" 'BEGIN { exit !(d >= 6 && d <= 10) }' || fail "the repaired MP4 lasts $d2 s, expected 6–10"
[ "$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$run2/archive/recording.mkv")" != N/A ] ||
  fail "the repaired MKV still has no duration"
ffmpeg -v error -i "$run2/archive/recording.mp4" -f null - 2> decode.log && [ ! -s decode.log ] ||
  fail "the repaired MP4 does not decode cleanly: $(head -3 decode.log)"
[ "$(head -1 "$run2/archive/chapters.txt")" = "0:00 TOP 1 Eröffnung" ] || fail "the killed run's chapters: $(cat "$run2/archive/chapters.txt")"
ok "a killed recording is repaired: $d2 s play"

# Not a run folder: a clear error.
mkdir empty
expect_exit 1 "$PLENUM" archive empty
cat "$WORK/out.txt" "$WORK/err.txt" > archive4.log
grep -q 'empty has no recording.mkv' archive4.log || fail "no clear error for a folder without a recording: $(cat archive4.log)"
ok "a folder without a recording is refused with the reason"
