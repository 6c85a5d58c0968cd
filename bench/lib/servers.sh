# Shared by the bench/ scripts (sourced, not run): free ports, the stand-in, the instant server,
# and cleanup of everything they start. Needs $home (the project) and $work (a mktemp -d folder).

started_pids=()

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Kills every process these helpers started (and their process groups), newest first.
stop_started() {
  local i pid
  for ((i=${#started_pids[@]}-1; i>=0; i--)); do
    pid="${started_pids[$i]}"
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${started_pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  started_pids=()
}

stop_pid() {
  local pid="$1" keep=() p
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${started_pids[@]}"; do [ "$p" = "$pid" ] || keep+=("$p"); done
  started_pids=("${keep[@]}")
}

# start_standin NAME MAX_TOKENS [sim flags...]: the bundled stand-in through `bin/multilora-bench
# server` (4 sample adapters, --max-loras SIM_MAX_LORAS (default 2), --max-cpu-loras 4, --max-num-seqs 256).
# Sets standin_port, standin_pid and standin_config (a config for `bench` in external mode).
start_standin() {
  local name="$1" max_tokens="$2"; shift 2
  local dir="$work/$name" args="" a
  mkdir -p "$dir"
  for a in --max-num-seqs 256 "$@"; do args+="\"$a\", "; done
  standin_port=$(free_port)
  standin_config="$dir/config.yaml"
  cat > "$standin_config" <<YAML
model: {name: HuggingFaceTB/SmolLM2-135M-Instruct, max_model_len: 4096}
server:
  command: [$home/bin/vllm-sim, serve]
  extra_args: [${args%, }]
  host: 127.0.0.1
  port: $standin_port
  startup_timeout_s: 120
lora: {adapters_dir: $home/datasets/adapters, max_loras: ${SIM_MAX_LORAS:-2}, max_cpu_loras: 4}
generation: {max_tokens: $max_tokens, ignore_eos: true}
paths: {outbox: $dir/outbox}
YAML
  : > "$dir/server.out"
  "$home/bin/multilora-bench" server --config "$standin_config" > "$dir/server.out" 2>&1 &
  standin_pid=$!
  started_pids+=("$standin_pid")
  until grep -q "^ready at" "$dir/server.out"; do
    if ! kill -0 "$standin_pid" 2>/dev/null; then
      echo "the stand-in did not start:" >&2; cat "$dir/server.out" >&2; return 1
    fi
    sleep 0.3
  done
}

# start_instant: a server that answers any POST /v1/completions with the same 128-event vLLM
# completions stream (127 content events, a finish event, a usage event, [DONE]), and /health,
# /version, /v1/models (base + the 4 sample adapters) as external mode needs. nginx (Debian's
# nginx-light or nginx) serving static files, POST turned into the file by `error_page 405 =200`;
# without nginx, a small asyncio server in Python (slower: it says so in instant_kind).
# Sets instant_port, instant_pid, instant_kind and instant_config.
start_instant() {
  local dir="$work/instant"
  mkdir -p "$dir/www/v1"
  instant_port=$(free_port)
  /usr/bin/python3 - "$dir/www" <<'PY'
import json, sys
www = sys.argv[1]
def event(obj):
    return "data: " + json.dumps(obj, separators=(",", ":")) + "\n\n"
base = {"id": "cmpl-instant", "object": "text_completion", "created": 1700000000,
        "model": "math_adapter"}
body = ""
for i in range(128):
    finish = "length" if i == 127 else None
    body += event({**base, "choices": [{"index": 0, "text": "x", "logprobs": None,
                                        "finish_reason": finish, "stop_reason": None}], "usage": None})
body += event({**base, "choices": [], "usage": {"prompt_tokens": 8, "total_tokens": 136, "completion_tokens": 128}})
body += "data: [DONE]\n\n"
open(f"{www}/v1/completions", "w").write(body)
base_model = "HuggingFaceTB/SmolLM2-135M-Instruct"
cards = [{"id": base_model, "object": "model", "created": 0, "owned_by": "vllm", "root": base_model,
          "parent": None, "max_model_len": 4096}]
for a in ("code_adapter", "math_adapter", "sql_adapter", "support_adapter"):
    cards.append({"id": a, "object": "model", "created": 0, "owned_by": "vllm", "root": f"/adapters/{a}",
                  "parent": base_model, "max_model_len": None})
open(f"{www}/v1/models", "w").write(json.dumps({"object": "list", "data": cards}))
open(f"{www}/version", "w").write('{"version":"instant"}')
open(f"{www}/health", "w").write("")
PY
  local nginx_bin
  nginx_bin="$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)"
  if [ -n "$nginx_bin" ]; then
    instant_kind="nginx ($("$nginx_bin" -v 2>&1 | sed 's/.*nginx\///'), 1 worker, static file)"
    mkdir -p "$dir/tmp"
    cat > "$dir/nginx.conf" <<NGINX
daemon off;
master_process off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 300s;
  client_max_body_size 10m;
  tcp_nodelay on;
  types { }
  server {
    listen 127.0.0.1:$instant_port;
    root $dir/www;
    location = /v1/completions { default_type text/event-stream; add_header Cache-Control no-cache; error_page 405 =200 \$uri; }
    location = /v1/models { default_type application/json; }
    location = /version { default_type application/json; }
    location = /health { default_type text/plain; }
  }
}
NGINX
    "$nginx_bin" -c "$dir/nginx.conf" -p "$dir" > "$dir/nginx.out" 2>&1 &
  else
    instant_kind="python asyncio (no nginx found; install nginx-light for a faster one)"
    /usr/bin/python3 - "$dir/www" "$instant_port" > "$dir/nginx.out" 2>&1 <<'PY' &
import asyncio, sys
www, port = sys.argv[1], int(sys.argv[2])
def load(name, ctype):
    body = open(f"{www}/{name}", "rb").read()
    return (f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
answers = {"/v1/completions": load("v1/completions", "text/event-stream"), "/v1/models": load("v1/models", "application/json"),
           "/version": load("version", "application/json"), "/health": load("health", "text/plain")}
missing = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            path = lines[0].split(" ")[1].split("?")[0]
            length = 0
            for h in lines[1:]:
                if h.lower().startswith("content-length:"):
                    length = int(h.split(":", 1)[1])
            if length:
                await reader.readexactly(length)
            writer.write(answers.get(path, missing))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()
async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", port, backlog=4096)
    async with server:
        await server.serve_forever()
asyncio.run(main())
PY
  fi
  instant_pid=$!
  started_pids+=("$instant_pid")
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$instant_port/health" >/dev/null 2>&1 && break
    kill -0 "$instant_pid" 2>/dev/null || { echo "the instant server did not start:" >&2; cat "$dir/nginx.out" "$dir/error.log" >&2 2>/dev/null; return 1; }
    sleep 0.1
  done
  instant_config="$dir/config.yaml"
  cat > "$instant_config" <<YAML
model: {name: HuggingFaceTB/SmolLM2-135M-Instruct, max_model_len: 4096}
server: {mode: external, host: 127.0.0.1, port: $instant_port, startup_timeout_s: 30}
generation: {max_tokens: 128, ignore_eos: true}
paths: {outbox: $dir/outbox}
YAML
}
