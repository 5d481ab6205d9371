#!/usr/bin/env bash
# Installs what is missing, builds, and runs the built-in demo show (no camera or account
# needed). Arguments go to `plenum demo`, e.g. --duration 30 or --headless.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/build.sh build
exec ./build/studio/plenum demo "$@"
