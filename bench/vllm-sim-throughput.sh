#!/usr/bin/env bash
# Measures how fast bin/vllm-sim serves through its full engine path, so that a harness benchmark
# against it measures the harness, not the stand-in. Needs wrk (Debian: apt-get install -y wrk).
#
#   bench/vllm-sim-throughput.sh [seconds-per-run]
#
# 1. non-streaming req/s with every simulated cost zero (16 output tokens, 4 adapters in rotation)
# 2. concurrent streams: N streams of 100 tokens at 10 ms per step; the stand-in keeps up with N
#    when each stream still takes ~1 s, i.e. completions/s x mean latency ~ N (Little's law).
set -euo pipefail

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home_dir="$(cd "$here/.." && pwd)"
duration="${1:-10}"
port="${VLLM_SIM_BENCH_PORT:-18123}"

command -v wrk >/dev/null || { echo "wrk not found; install it with: apt-get install -y wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl not found" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

modules=()
for name in a1 a2 a3 a4; do
  mkdir -p "$work/$name"
  echo '{"r": 16, "lora_alpha": 32, "target_modules": ["q_proj", "v_proj"]}' > "$work/$name/adapter_config.json"
  head -c 1024 /dev/zero > "$work/$name/adapter_model.safetensors"
  modules+=("$name=$work/$name")
done

start_server() {
  "$home_dir/bin/vllm-sim" serve bench-model --port "$port" --enable-lora --lora-modules "${modules[@]}" \
    --max-loras 4 --max-num-seqs 8192 --sim-prefill-ms-per-token 0 --sim-decode-ms-per-seq 0 \
    --sim-decode-ms-per-lora 0 --sim-lora-load-ms 0 --sim-lora-cpu-load-ms 0 "$@" > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0
    sleep 0.5
  done
  echo "vllm-sim did not become healthy:" >&2; cat "$work/server.log" >&2; exit 1
}

stop_server() {
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

write_lua() { # $1 = file, $2 = extra JSON fields
  cat > "$1" <<LUA
local models = {"bench-model", "a1", "a2", "a3", "a4"}
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i + 1
  local body = '{"model":"' .. models[(i % #models) + 1] .. '","prompt":"Hello world, this is request ' .. i
    .. '","ignore_eos":true$2}'
  return wrk.format(nil, "/v1/completions", nil, body)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %d %d %.1f %.1f\n", summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    summary.requests, latency.mean / 1000, latency:percentile(99) / 1000))
end
LUA
}

echo "== non-streaming, all costs zero, max_tokens 16 ($(nproc) cores, wrk on the same machine)"
write_lua "$work/plain.lua" ',"max_tokens":16'
start_server --sim-decode-ms 0
wrk -t1 -c32 -d2s -s "$work/plain.lua" "http://127.0.0.1:$port" >/dev/null  # JIT warm-up
for connections in 64 256; do
  read -r _ rps errors total mean p99 < <(wrk -t2 -c"$connections" -d"${duration}s" -s "$work/plain.lua" \
    "http://127.0.0.1:$port" | grep '^RESULT')
  printf "connections %5d: %8s req/s  (%s requests, %s errors, mean %s ms, p99 %s ms)\n" \
    "$connections" "$rps" "$total" "$errors" "$mean" "$p99"
done
stop_server

echo "== streaming, 100 tokens per stream, 10 ms per step (ideal stream time ~1000 ms)"
write_lua "$work/stream.lua" ',"max_tokens":100,"stream":true,"stream_options":{"include_usage":true}'
start_server --sim-decode-ms 10
wrk -t1 -c100 -d2s -s "$work/stream.lua" "http://127.0.0.1:$port" >/dev/null
for streams in 1000 2000 4000; do
  read -r _ rps errors total mean p99 < <(wrk -t2 -c"$streams" -d"${duration}s" --timeout 30s \
    -s "$work/stream.lua" "http://127.0.0.1:$port" | grep '^RESULT')
  concurrent=$(awk -v r="$rps" -v m="$mean" 'BEGIN { printf "%.0f", r * m / 1000 }')
  printf "streams %5d: %6s streams/s, mean %s ms, p99 %s ms, %s errors => %s concurrent streams served\n" \
    "$streams" "$rps" "$mean" "$p99" "$errors" "$concurrent"
done
stop_server
