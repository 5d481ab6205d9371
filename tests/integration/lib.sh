# Shared helpers for the integration tests. Each test sources this, runs the real `plenum`
# binary ($PLENUM) in a scratch folder, and checks the results with ffprobe/ffmpeg.
set -euo pipefail

: "${PLENUM:?PLENUM must name the plenum binary}"
# The folder of the test scripts (for their helpers), before everything moves to $WORK.
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/plenum-test.XXXXXX")
BACKGROUND_PIDS=()
BACKGROUND_LOGS=()

# cleanup [STATUS] : the exit trap; a test's own trap passes the status it was called with.
cleanup() {
  local status=${1:-$?}
  for pid in "${BACKGROUND_PIDS[@]}"; do
    kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  # A sanitizer's report in the output of anything run_bg started fails the test, also when
  # the test never waited for that process (it was killed at the end, or its exit code not
  # looked at): in the sanitizer build every finding stops the program.
  for log in "${BACKGROUND_LOGS[@]}"; do
    if grep -qE '^==[0-9]+==ERROR: (Address|Leak)Sanitizer|: runtime error: ' "$log" 2>/dev/null; then
      echo "FAIL: a sanitizer reported an error in $log:" >&2
      grep -m1 -A20 -E '^==[0-9]+==ERROR: (Address|Leak)Sanitizer|: runtime error: ' "$log" >&2
      status=1
    fi
  done
  [ -n "${PLENUM_KEEP_WORK:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
cd "$WORK"

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# expect_exit CODE COMMAND... : runs COMMAND, fails unless it exits with CODE.
expect_exit() {
  local want=$1; shift
  local got=0
  "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" || got=$?
  if [ "$got" != "$want" ]; then
    cat "$WORK/out.txt" "$WORK/err.txt" >&2
    fail "'$*' exited $got, expected $want"
  fi
}

# wait_for_line FILE REGEX SECONDS : waits until FILE has a line matching REGEX.
wait_for_line() {
  local file=$1 regex=$2 seconds=$3
  local deadline=$((SECONDS + seconds))
  until grep -qE -- "$regex" "$file" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { cat "$file" >&2 || true; fail "no line matching /$regex/ in $file after ${seconds}s"; }
    sleep 0.1
  done
}

# wait_for_count FILE REGEX N SECONDS : waits until FILE has N lines matching REGEX.
wait_for_count() {
  local file=$1 regex=$2 count=$3 seconds=$4
  local deadline=$((SECONDS + seconds))
  until [ "$(grep -cE -- "$regex" "$file" 2>/dev/null || true)" -ge "$count" ]; do
    [ $SECONDS -lt $deadline ] || { cat "$file" >&2 || true; fail "fewer than $count lines matching /$regex/ in $file after ${seconds}s"; }
    sleep 0.1
  done
}

# the_recording DIR : the path of the single recording.mkv under DIR/*/
the_recording() {
  local files=("$1"/*/recording.mkv)
  [ ${#files[@]} -eq 1 ] && [ -f "${files[0]}" ] || fail "expected one recording under $1, found: ${files[*]}"
  echo "${files[0]}"
}

# stream_field FILE STREAM FIELD : e.g. stream_field rec.mkv v:0 codec_name
stream_field() {
  ffprobe -v error -select_streams "$2" -show_entries "stream=$3" -of default=nw=1:nk=1 "$1" | awk 'NR == 1'
}

# frames_of FILE STREAM : decoded frame count of a stream (v:0, a:0)
frames_of() {
  ffprobe -v error -count_frames -select_streams "$2" -show_entries stream=nb_read_frames \
    -of default=nw=1:nk=1 "$1" | awk 'NR == 1'
}

# video_gaps_of FILE : how many times consecutive video packets (in PTS order) lie more than
# 50 ms apart — a hole in a 25/30 fps stream.
video_gaps_of() {
  ffprobe -v error -select_streams v:0 -show_entries packet=pts_time -of csv=p=0 "$1" |
    grep -E '^[0-9]' | sort -n |
    awk 'NR > 1 { d = $1 - last; if (d > 0.05) bad++ } { last = $1 } END { print bad + 0 }'
}

duration_of() {
  ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$1"
}

# within VALUE TARGET TOLERANCE : floating-point |VALUE - TARGET| <= TOLERANCE
within() {
  awk -v v="$1" -v t="$2" -v d="$3" 'BEGIN { x = v - t; if (x < 0) x = -x; exit !(x <= d) }'
}

# pixel FILE SECONDS X Y : prints "R G B" of one decoded pixel.
pixel() {
  ffmpeg -v error -ss "$2" -i "$1" -frames:v 1 -vf "format=rgb24,crop=1:1:$3:$4" -f rawvideo -pix_fmt rgb24 - |
    od -An -tu1 | awk '{ print $1, $2, $3 }'
}

# pixels_over_time FILE FPS X Y : one "R G B" line per sampled frame.
pixels_over_time() {
  ffmpeg -v error -i "$1" -vf "fps=$2,format=rgb24,crop=1:1:$3:$4" -f rawvideo -pix_fmt rgb24 - |
    od -An -v -tu1 -w3 | awk '{ print $1, $2, $3 }'
}

# colour_is "R G B" NAME : NAME is red, green, blue, slate (Plenum's dark slate), black.
colour_is() {
  local rgb=$1 name=$2
  awk -v rgb="$rgb" -v name="$name" 'BEGIN {
    split(rgb, c, " "); r = c[1]; g = c[2]; b = c[3];
    if (name == "red")   ok = r > 180 && g < 70 && b < 70;
    if (name == "green") ok = g > 180 && r < 70 && b < 70;
    if (name == "blue")  ok = b > 180 && r < 70 && g < 70;
    if (name == "slate") ok = r < 60 && g < 70 && b > 30 && b < 90 && b > r;
    if (name == "black") ok = r < 24 && g < 24 && b < 24;
    exit !ok }'
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# run_bg LOG COMMAND... : starts COMMAND in the background in its own process group (so
# `kill -9 -- -$LAST_PID` ends it with its children), killed at exit; sets LAST_PID. A
# sanitizer report in LOG fails the test at exit (cleanup).
run_bg() {
  local log=$1; shift
  setsid "$@" >"$log" 2>&1 &
  LAST_PID=$!
  BACKGROUND_PIDS+=("$LAST_PID")
  case $log in /*) BACKGROUND_LOGS+=("$log") ;; *) BACKGROUND_LOGS+=("$PWD/$log") ;; esac
}

# bring_up_loopback : in a network namespace of its own (a test re-run under `unshare -n`)
# there is only the loopback interface, and it is down: sets it up (SIOCGIFFLAGS/SIOCSIFFLAGS).
bring_up_loopback() {
  python3 -c '
import fcntl, socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
flags = struct.unpack("16sH14s", fcntl.ioctl(s, 0x8913, struct.pack("16sH14s", b"lo", 0, b"")))[1]
fcntl.ioctl(s, 0x8914, struct.pack("16sH14s", b"lo", flags | 1, b""))' || fail "cannot bring up lo"
}

# start_nginx_rtmp [TLS_PORT] : starts a real nginx-rtmp on a free loopback port (RTMP_PORT,
# application "live"); with TLS_PORT, also a TLS listener there (a `stream` proxy with a
# self-signed certificate for 127.0.0.1, written to $WORK/server.crt) in front of it.
# Sets NGINX to its pid; call it again after killing nginx to restart it on the same ports.
start_nginx_rtmp() {
  local rtmp_module=/usr/lib/nginx/modules/ngx_rtmp_module.so
  local stream_module=/usr/lib/nginx/modules/ngx_stream_module.so
  local tls_port=${1:-}
  [ -f "$rtmp_module" ] || fail "nginx's RTMP module is missing (scripts/install-deps.sh)"
  RTMP_PORT=${RTMP_PORT:-$(free_port)}
  if [ ! -f "$WORK/nginx.conf" ]; then
    {
      echo "daemon off; master_process off; pid $WORK/nginx.pid; error_log $WORK/nginx-error.log;"
      echo "load_module $rtmp_module;"
      [ -n "$tls_port" ] && echo "load_module $stream_module;"
      echo "events {}"
      echo "rtmp { server { listen 127.0.0.1:$RTMP_PORT; application live { live on; } } }"
      if [ -n "$tls_port" ]; then
        [ -f "$stream_module" ] || fail "nginx's stream module is missing (scripts/install-deps.sh)"
        openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout "$WORK/server.key" \
          -out "$WORK/server.crt" -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
          2>/dev/null || fail "openssl could not make a certificate"
        echo "stream { server { listen 127.0.0.1:$tls_port ssl; ssl_certificate $WORK/server.crt;"
        echo "  ssl_certificate_key $WORK/server.key; proxy_pass 127.0.0.1:$RTMP_PORT; } }"
      fi
    } > "$WORK/nginx.conf"
  fi
  run_bg "$WORK/nginx.log" nginx -c "$WORK/nginx.conf" -p "$WORK"
  NGINX=$LAST_PID
  for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/${tls_port:-$RTMP_PORT}") 2>/dev/null && return
    sleep 0.1
  done
  fail "nginx did not start (see $WORK/nginx-error.log)"
}
