# bench/lib.sh — what several bench scripts share; sourced, not run.

NGINX_RTMP_MODULE=/usr/lib/nginx/modules/ngx_rtmp_module.so

# A free TCP port on 127.0.0.1 (free when asked; the caller binds it soon after).
port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# write_nginx_rtmp_conf DIR PORT: DIR/nginx.conf for a foreground nginx-rtmp on 127.0.0.1:PORT
# with one live application, "live"; run it with `nginx -c DIR/nginx.conf -p DIR`.
write_nginx_rtmp_conf() {
  cat > "$1/nginx.conf" <<CONF
daemon off;
master_process off;
pid $1/nginx.pid;
error_log $1/nginx-error.log;
load_module $NGINX_RTMP_MODULE;
events {}
rtmp { server { listen 127.0.0.1:$2; application live { live on; } } }
CONF
}

# srt_contribution_show NAME IN_PORT OUTPUTS_JSON: a 640×360 30 fps show (keyframe every
# second) whose one source is an SRT listener on IN_PORT (40 ms latency), as ffmpeg feeds it.
srt_contribution_show() {
  cat <<JSON
{ "name": "$1",
  "video": { "width": 640, "height": 360, "fps": 30, "bitrate_kbps": 2000, "keyframe_s": 1 },
  "sources": [ { "id": "cam", "kind": "srt", "uri": "srt://127.0.0.1:$2?mode=listener&latency=40" } ],
  "outputs": [ $3 ] }
JSON
}

# wait_running LOG [SECONDS]: until plenum's LOG says the show is running (default 10 s);
# fails when it does not.
wait_running() {
  local tries=$((${2:-10} * 10))
  until grep -q '^show ".*" running' "$1" 2> /dev/null; do
    ((tries-- > 0)) || return 1
    sleep 0.1
  done
}

# wait_udp_listener PORT [SECONDS]: until something listens on UDP PORT (an SRT listener:
# plenum binds its sources' a moment after the show runs, and an ffmpeg caller that comes
# too early gives up at once); default 10 s; fails when nothing does.
wait_udp_listener() {
  local tries=$((${2:-10} * 10))
  until [[ -n $(ss -ulnH "sport = :$1" 2> /dev/null) ]]; do
    ((tries-- > 0)) || return 1
    sleep 0.1
  done
}
