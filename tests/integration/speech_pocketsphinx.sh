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
wer=$(python3 - "$DATA/transcription" hypotheses.txt <<'PY'
import re, sys

def words(text):
    return re.sub(r"</?s>", " ", text).lower().split()

def distance(ref, hyp):
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        previous, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (r != h))
    return row[-1]

references = {}
for line in open(sys.argv[1]):
    match = re.match(r"(.*)\((\S+)\)\s*$", line)
    if match:
        references[match.group(2)] = words(match.group(1))
edits = total = 0
for line in open(sys.argv[2]):
    utterance, _, text = line.strip().partition(" ")
    ref, hyp = references[utterance], words(text)
    edits += distance(ref, hyp)
    total += len(ref)
    print(f"{utterance}: {distance(ref, hyp)}/{len(ref)} | {' '.join(hyp)}", file=sys.stderr)
print(f"{edits / total:.3f}")
PY
) || fail "could not compute the word error rate"
echo "word error rate: $wer over $(wc -l < hypotheses.txt) utterances (at most $MAX_WER)"
awk -v w="$wer" -v max="$MAX_WER" 'BEGIN { exit !(w <= max) }' ||
  fail "word error rate $wer is above $MAX_WER"
ok "word error rate $wer"
