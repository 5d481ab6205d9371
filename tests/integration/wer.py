#!/usr/bin/env python3
"""Word error rate against pocketsphinx-testdata's transcription file.

wer.py TRANSCRIPTION HYPOTHESES        one "utterance-id text" line per utterance
wer.py --whole TRANSCRIPTION TEXT      all utterances in order against one text (a show's
                                       captions); WebVTT timing lines and headers are skipped

Prints the rate (word-level edit distance over lowercased words / reference words), and per
utterance the details on stderr.
"""
import re
import sys


def words(text):
    return re.sub(r"</?s>", " ", text).lower().split()


def distance(ref, hyp):
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        previous, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (r != h))
    return row[-1]


def references(path):
    refs = []
    for line in open(path, encoding="utf-8"):
        match = re.match(r"(.*)\((\S+)\)\s*$", line)
        if match:
            refs.append((match.group(2), words(match.group(1))))
    return refs


def main(argv):
    if argv[0] == "--whole":
        reference = [w for _, ws in references(argv[1]) for w in ws]
        lines = [l for l in open(argv[2], encoding="utf-8").read().splitlines()
                 if l and l != "WEBVTT" and "-->" not in l]
        hypothesis = words(" ".join(lines))
        print(f"{distance(reference, hypothesis) / len(reference):.3f}")
        return
    refs = dict(references(argv[0]))
    edits = total = 0
    for line in open(argv[1], encoding="utf-8"):
        utterance, _, text = line.strip().partition(" ")
        ref, hyp = refs[utterance], words(text)
        edits += distance(ref, hyp)
        total += len(ref)
        print(f"{utterance}: {distance(ref, hyp)}/{len(ref)} | {' '.join(hyp)}", file=sys.stderr)
    print(f"{edits / total:.3f}")


main(sys.argv[1:])
