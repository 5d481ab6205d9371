#!/usr/bin/env bash
# The pocketsphinx engine recognises real recorded speech: the five LibriVox utterances in
# Debian's pocketsphinx-testdata go through Plenum's speech recogniser (speech_pipeline), and
# the word error rate of the final results against their transcripts must not exceed 0.5
# (pocketsphinx with Debian's US-English model reaches about 0.37 on them). Every utterance
# must also show a partial result before its final one, as live captions need.
. "$(dirname "$0")/lib.sh"

: "${SPEECH_PIPELINE:?SPEECH_PIPELINE must name the speech_pipeline program}"
DATA=/usr/share/pocketsphinx/test/data/librivox
MAX_WER=0.5

[ -f "$DATA/transcription" ] ||
  fail "no recorded speech at $DATA (apt-get install pocketsphinx-testdata)"

: > hypotheses.txt
while read -r id; do
  # One file for both streams, in order: speech_pipeline flushes each line.
  "$SPEECH_PIPELINE" "$DATA/$id.wav" pocketsphinx > "$id.log" 2>&1 ||
    { tail -n 5 "$id.log" >&2; fail "speech_pipeline failed on $id"; }
  grep -q '^FINAL: ' "$id.log" || { cat "$id.log" >&2; fail "no final result for $id"; }
  first_partial=$(grep -n -m1 '^PARTIAL: ' "$id.log" | cut -d: -f1)
  first_final=$(grep -n -m1 '^FINAL: ' "$id.log" | cut -d: -f1)
  [ -n "$first_partial" ] && [ "$first_partial" -lt "$first_final" ] ||
    { cat "$id.log" >&2; fail "$id: no partial result before the final one"; }
  echo "$id $(sed -n 's/^FINAL: //p' "$id.log" | tr '\n' ' ')" >> hypotheses.txt
done < "$DATA/fileids"
ok "every utterance had partial results before its final one"

# Word error rate: word-level edit distance over the lowercased words, summed over all
# utterances, divided by the number of words in the transcripts.
wer=$(python3 "$HERE/wer.py" "$DATA/transcription" hypotheses.txt) || fail "could not compute the word error rate"
echo "word error rate: $wer over $(wc -l < hypotheses.txt) utterances (at most $MAX_WER)"
awk -v w="$wer" -v max="$MAX_WER" 'BEGIN { exit !(w <= max) }' ||
  fail "word error rate $wer is above $MAX_WER"
ok "word error rate $wer"
