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
