#!/usr/bin/env bash
# sanitizer_catches.sh PROGRAM BUG: runs tests/sanitizer_selfcheck.c's deliberate BUG with the
# sanitizer options the suite runs under (scripts/test.sh) and passes only when the sanitizer
# reports it and stops the program with a failing exit status.
set -uo pipefail
program=$1 bug=$2
case $bug in
  heap-buffer-overflow) report='ERROR: AddressSanitizer: heap-buffer-overflow' ;;
  signed-integer-overflow) report='runtime error: signed integer overflow' ;;
  *) echo "unknown bug $bug" >&2; exit 2 ;;
esac
err=$(mktemp)
trap 'rm -f "$err"' EXIT
code=0
out=$("$program" "$bug" 2>"$err") || code=$?
cat "$err" >&2
[ "$code" != 0 ] || { echo "FAIL: the $bug did not fail the program (exit 0)"; exit 1; }
[ "$out" != survived ] || { echo "FAIL: the program carried on after the $bug"; exit 1; }
grep -qF -- "$report" "$err" || { echo "FAIL: no sanitizer report '$report' (exit $code)"; exit 1; }
echo "ok: the $bug was reported and failed the program (exit $code)"
