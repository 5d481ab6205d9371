#!/usr/bin/env bash
# Installs what Plenum needs to build, run and test on Debian 12. Idempotent:
# it asks apt only for packages that are missing, so a second run is quick.
set -euo pipefail

packages=(
  build-essential meson ninja-build pkg-config
  libglib2.0-dev libcjson-dev libcurl4-gnutls-dev libsdl2-dev libsdl2-ttf-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev libgstreamer-plugins-bad1.0-dev
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav
  gstreamer1.0-x glib-networking libsrt1.5-gnutls libsrt-gnutls-dev srt-tools
  nginx-light libnginx-mod-rtmp libnginx-mod-stream openssl ca-certificates time
  ffmpeg fonts-dejavu-core xvfb x11-apps x11-utils imagemagick
  libsoup-3.0-dev libebur128-dev curl xdotool chromium jq
  gstreamer1.0-pocketsphinx pocketsphinx-en-us pocketsphinx-testdata
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing packages: ${missing[*]}" >&2
    echo "install-deps: run this script as root (or with sudo) to install them" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The browser tests drive Chromium with playwright-core, pinned in tests/browser's
# package-lock.json; Node.js and npm come with the machine.
browser_dir="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
if [ ! -d "$browser_dir/node_modules" ]; then
  command -v npm >/dev/null || { echo "install-deps: npm is missing (Node.js 20 with npm)" >&2; exit 1; }
  echo "install-deps: npm ci in tests/browser" >&2
  (cd "$browser_dir" && npm ci --no-audit --no-fund) >&2
fi
