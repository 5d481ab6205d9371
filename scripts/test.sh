#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test twice: in the normal build and in a
# build with AddressSanitizer and UndefinedBehaviorSanitizer. Ends with the real counts as
# "N passed, N failed"; exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

./scripts/build.sh build || exit 1
./scripts/build.sh build-sanitize -Db_sanitize=address,undefined -Db_lundef=false || exit 1

status=0
meson test -C build --print-errorlogs || status=1

# GStreamer and its plugins keep caches and type registrations until exit, which
# LeakSanitizer would report as leaks: leaks are checked separately; every other ASan/UBSan
# finding fails the test.
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:halt_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  meson test -C build-sanitize --print-errorlogs --timeout-multiplier 3 || status=1

python3 scripts/count-tests.py build/meson-logs/testlog.json build-sanitize/meson-logs/testlog.json || status=1
exit $status
