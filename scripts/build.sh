#!/usr/bin/env bash
# Builds Plenum into DIR (default build/) after installing what is missing. Idempotent.
# Extra arguments go to `meson setup`, e.g. -Db_sanitize=address,undefined.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${1:-build}
shift || true
./scripts/install-deps.sh
if [ ! -f "$dir/build.ninja" ]; then
  meson setup "$dir" "$@" >/dev/null
fi
ninja -C "$dir" >/dev/null
