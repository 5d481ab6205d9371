#!/usr/bin/env bash
# bench/asr.sh [RUNS] [REPEAT] — what the pocketsphinx speech recogniser costs and how far its
# captions trail the speech, on the recorded speech in Debian's pocketsphinx-testdata (five
# LibriVox utterances, 24.7 s).
#
# CPU: tests/speech_pipeline plays the utterances (each followed by 1.5 s of silence, the whole
# REPEAT times, so the model's loading is spread thin) as fast as they are taken, once into
# the recogniser (A) and once into a fakesink (B, the same decoding without the recogniser);
# RUNS pairs, alternating. Prints per pair the CPU seconds (GNU time, user+sys), A/B and the
# recogniser's own CPU per second of audio, (A - B) / audio seconds, then the medians; also
# the one-time cost of loading the model (the same pair on 1 s of silence).
# Delay: each utterance with 2 s of silence after it (so pocketsphinx's voice activity detector,
# not the end of the file, ends the utterance) played in real time; speech_pipeline prints the
# first partial after the start of speech and the final after its end. Prints each and the
# medians.
set -euo pipefail

RUNS=${1:-3}
REPEAT=${2:-4}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SPEECH_PIPELINE=${SPEECH_PIPELINE:-$here/../build/tests/speech_pipeline}
DATA=/usr/share/pocketsphinx/test/data/librivox
TIME=/usr/bin/time

die() { echo "asr.sh: $*" >&2; exit 1; }
[[ $RUNS =~ ^[1-9][0-9]*$ && $REPEAT =~ ^[1-9][0-9]*$ ]] || die "usage: $0 [RUNS] [REPEAT]"
[[ -x $SPEECH_PIPELINE ]] ||
  die "no speech_pipeline at $SPEECH_PIPELINE (ninja -C build, or set SPEECH_PIPELINE=...)"
[[ -x $TIME ]] && "$TIME" --version 2>&1 | grep -q GNU ||
  die "GNU time is missing at $TIME (apt-get install time)"
[[ -f $DATA/fileids ]] ||
  die "no recorded speech at $DATA (apt-get install pocketsphinx-testdata)"
command -v python3 > /dev/null || die "python3 is missing (needed to join the WAV files)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plenum-asr.XXXXXX")
cleanup() { if [[ ${KEEP:-0} == 1 ]]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi; }
trap cleanup EXIT

# join OUT SILENCE-SECONDS REPEAT [IN...] : the INs, each followed by silence, REPEAT times
# (without INs, the silence alone); all 16 kHz mono S16, as the test data is.
join() {
  python3 - "$@" <<'PY'
import sys, wave
out, silence, repeat, inputs = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
with wave.open(out, "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
    if not inputs:
        w.writeframes(b"\0\0" * int(16000 * silence))
    for _ in range(repeat):
        for name in inputs:
            with wave.open(name) as r:
                assert (r.getnchannels(), r.getsampwidth(), r.getframerate()) == (1, 2, 16000), name
                w.writeframes(r.readframes(r.getnframes()))
            w.writeframes(b"\0\0" * int(16000 * silence))
PY
}

mapfile -t ids < "$DATA/fileids"
wavs=("${ids[@]/#/$DATA/}")
wavs=("${wavs[@]/%/.wav}")
join "$tmp/long.wav" 1.5 "$REPEAT" "${wavs[@]}"
join "$tmp/silence.wav" 1 1

# cpu ENGINE FILE : prints "cpu-seconds audio-seconds"
cpu() {
  local log="$tmp/$1-$(basename "$2").log"
  "$TIME" -f '%U %S' -o "$tmp/time.txt" "$SPEECH_PIPELINE" "$2" "$1" > "$log" 2>&1 ||
    die "speech_pipeline $2 $1 failed: $(tail -n 3 "$log")"
  local audio_ms
  audio_ms=$(sed -n 's/^audio-ms: //p' "$log")
  [[ $audio_ms =~ ^[0-9]+$ ]] ||
    die "speech_pipeline $2 $1 printed no audio length: $(tail -n 3 "$log")"
  awk -v ms="$audio_ms" '{ printf "%.2f %.1f\n", $1 + $2, ms / 1000 }' "$tmp/time.txt"
}

median() {
  printf '%s\n' "$@" | sort -n |
    awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

read -r _ audio_s < <(cpu none "$tmp/long.wav")
echo "CPU: $RUNS pair(s) on $audio_s s of speech (the five utterances $REPEAT times, with pauses)"
echo "pair   recogniser cpu-s  fakesink cpu-s  A/B     recogniser cpu-s per audio-s"
ratios=() per_second=()
for pair in $(seq "$RUNS"); do
  read -r a_cpu _ < <(cpu pocketsphinx "$tmp/long.wav")
  read -r b_cpu _ < <(cpu none "$tmp/long.wav")
  ratio=$(awk -v a="$a_cpu" -v b="$b_cpu" 'BEGIN { printf "%.1f", a / b }')
  each=$(awk -v a="$a_cpu" -v b="$b_cpu" -v s="$audio_s" 'BEGIN { printf "%.3f", (a - b) / s }')
  ratios+=("$ratio") per_second+=("$each")
  printf "%-6s %-17s %-15s %-7s %s\n" "$pair" "$a_cpu" "$b_cpu" "$ratio" "$each"
done
echo "median A/B: $(median "${ratios[@]}");" \
  "median recogniser CPU per second of audio: $(median "${per_second[@]}") s"
read -r load_a _ < <(cpu pocketsphinx "$tmp/silence.wav")
read -r load_b _ < <(cpu none "$tmp/silence.wav")
load=$(awk -v a="$load_a" -v b="$load_b" 'BEGIN { printf "%.2f", a - b }')
echo "loading the model (1 s of silence, recogniser minus fakesink): $load CPU-s"

echo
echo "Delay, in real time: each utterance followed by 2 s of silence"
printf "%-43s %-34s %s\n" utterance "first partial after speech starts" "final after speech ends"
firsts=() finals=()
for id in "${ids[@]}"; do
  join "$tmp/$id.wav" 2 1 "$DATA/$id.wav"
  log="$tmp/realtime-$id.log"
  "$SPEECH_PIPELINE" --realtime "$tmp/$id.wav" pocketsphinx > "$log" 2>&1 ||
    die "speech_pipeline --realtime $id failed: $(tail -n 3 "$log")"
  first=$(sed -n 's/^first-partial-ms: //p' "$log")
  final=$(sed -n 's/^final-after-end-ms: //p' "$log")
  [[ $first =~ ^-?[0-9]+$ && $final =~ ^-?[0-9]+$ ]] ||
    die "no timing figures for $id: $(tail -n 3 "$log")"
  firsts+=("$first") finals+=("$final")
  printf "%-43s %-34s %s\n" "$id" "$first ms" "$final ms"
done
echo "median first partial after the start of speech: $(median "${firsts[@]}") ms;" \
  "median final after the end of speech: $(median "${finals[@]}") ms"
