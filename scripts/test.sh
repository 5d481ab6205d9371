#!/usr/bin/env bash
# Installs what is missing, builds, and runs the unit tests in the normal build and every test
# (unit and integration) in a build with AddressSanitizer and UndefinedBehaviorSanitizer —
# the slower, stricter one: CI must finish within 30 minutes, and the integration suite twice
# no longer does. Ends with the real counts as "N passed, N failed"; exits non-zero when
# anything failed. `./scripts/test.sh --both` also runs the integration suite in the normal
# build.
set -uo pipefail
cd "$(dirname "$0")/.."

./scripts/build.sh build || exit 1
./scripts/build.sh build-sanitize -Db_sanitize=address,undefined -Db_lundef=false || exit 1

status=0
if [ "${1:-}" = --both ]; then
  meson test -C build --print-errorlogs || status=1
else
  meson test -C build --suite unit --print-errorlogs || status=1
fi

# GStreamer and its plugins keep caches and type registrations until exit, which
# LeakSanitizer would report as leaks: leaks are checked separately; every other ASan/UBSan
# finding fails the test.
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:halt_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  meson test -C build-sanitize --print-errorlogs --timeout-multiplier 3 || status=1

python3 scripts/count-tests.py build/meson-logs/testlog.json build-sanitize/meson-logs/testlog.json || status=1
exit $status
