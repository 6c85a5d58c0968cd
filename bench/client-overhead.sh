#!/usr/bin/env bash
# Measures the time the pipeline's client adds on top of the server: runs the pipeline against the
# bundled stand-in at several concurrencies and sets the client's TTFT and E2EL beside the
# stand-in's own ground truth from its /metrics histograms (vllm:time_to_first_token_seconds,
# vllm:e2e_request_latency_seconds), taken as deltas around each run.
# Means are exact (_sum/_count); server percentiles are interpolated within histogram buckets, so
# the p50/p99 differences are estimates, as good as the bucket boundaries around them.
# Prints figures; asserts nothing. Usage: bench/client-overhead.sh [requests-per-run]
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
requests="${1:-600}"
work="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

python3 - "$work/prompts.jsonl" "$requests" <<'PY'
import json, sys
adapters = ["math_adapter", "code_adapter", "sql_adapter", "support_adapter"]
with open(sys.argv[1], "w") as out:
    for i in range(int(sys.argv[2])):
        out.write(json.dumps({"prompt": f"request {i}: " + "tell me something " * (1 + i % 5),
                              "adapter_name": adapters[i % len(adapters)]}) + "\n")
PY
cat > "$work/config.yaml" <<YAML
model: {name: HuggingFaceTB/SmolLM2-135M-Instruct, max_model_len: 4096}
server:
  command: [$home/bin/vllm-sim, serve]
  extra_args: [--max-num-seqs, "256", --sim-decode-ms, "5"]
  host: 127.0.0.1
  port: $port
lora: {adapters_dir: $home/datasets/adapters, max_loras: 4, max_cpu_loras: 4}
benchmark: {warmup_requests: 2}
generation: {max_tokens: 32, ignore_eos: true}
paths: {outbox: $work/outbox}
YAML

"$home/bin/multilora-bench" server --config "$work/config.yaml" > "$work/server.out" 2>&1 &
server_pid=$!
until grep -q "^ready at" "$work/server.out"; do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.out"; exit 1; }
  sleep 0.5
done

for concurrency in 1 64 256; do
  curl -s "http://127.0.0.1:$port/metrics" > "$work/before.prom"
  "$home/bin/multilora-bench" bench --config "$work/config.yaml" --dataset "$work/prompts.jsonl" \
    --concurrency "$concurrency" -D server.mode=external > "$work/bench.out" 2>&1
  curl -s "http://127.0.0.1:$port/metrics" > "$work/after.prom"
  folder=$(sed -n 's/^results *//p' "$work/bench.out")
  python3 - "$concurrency" "$folder/results.csv" "$work/before.prom" "$work/after.prom" <<'PY'
import csv, re, sys
concurrency, results, before, after = sys.argv[1:]

def histograms(path):
    found = {}
    for line in open(path):
        m = re.match(r'(vllm:\w+?)_(bucket|sum|count)\{([^}]*)\} (\S+)', line)
        if not m:
            continue
        name, part, labels, value = m.groups()
        h = found.setdefault(name, {"buckets": {}, "sum": 0.0, "count": 0.0})
        if part == "bucket":
            le = re.search(r'le="([^"]+)"', labels).group(1)
            h["buckets"][float("inf") if le == "+Inf" else float(le)] = float(value)
        else:
            h[part] = float(value)
    return found

def delta(name):
    b, a = histograms(before).get(name), histograms(after)[name]
    b = b or {"buckets": {}, "sum": 0.0, "count": 0.0}
    return {"buckets": {le: a["buckets"][le] - b["buckets"].get(le, 0.0) for le in a["buckets"]},
            "sum": a["sum"] - b["sum"], "count": a["count"] - b["count"]}

def bucket_percentile(h, p):
    target, lower, below = h["count"] * p / 100, 0.0, 0.0
    for le in sorted(h["buckets"]):
        cumulative = h["buckets"][le]
        if cumulative >= target:
            if le == float("inf"):
                return lower
            span = cumulative - below
            return lower + (le - lower) * ((target - below) / span if span else 0)
        lower, below = le, cumulative
    return lower

def percentile(values, p):
    values = sorted(values)
    rank = (len(values) - 1) * p / 100
    lo = int(rank)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (rank - lo)

rows = [r for r in csv.DictReader(open(results, newline="", encoding="utf-8")) if r["latency"]]
client = {"TTFT": [float(r["ttft"]) for r in rows], "E2EL": [float(r["latency"]) for r in rows]}
server = {"TTFT": delta("vllm:time_to_first_token_seconds"), "E2EL": delta("vllm:e2e_request_latency_seconds")}
print(f"concurrency {concurrency}: {len(rows)} measured requests (server saw {int(server['E2EL']['count'])} incl. warmup)")
for metric in ("TTFT", "E2EL"):
    c, s = client[metric], server[metric]
    c_mean, s_mean = 1000 * sum(c) / len(c), 1000 * s["sum"] / s["count"]
    line = f"  {metric:4}  client mean {c_mean:8.2f} ms  server mean {s_mean:8.2f} ms  added {c_mean - s_mean:7.2f} ms"
    for p in (50, 99):
        cp, sp = 1000 * percentile(c, p), 1000 * bucket_percentile(s, p)
        line += f" | p{p} client {cp:8.2f} server~{sp:8.2f} added~{cp - sp:7.2f}"
    print(line)
PY
done
