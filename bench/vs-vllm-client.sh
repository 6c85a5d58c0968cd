#!/usr/bin/env bash
# Side by side, against the same server and back to back: this project's client
# (`bin/multilora-bench bench ... -D server.mode=external`) and vLLM's own benchmark client
# (../shared/rig/vllm-client/run.py, third-party, only called from here; skipped with a message
# when absent). A stand-in gets one unrecorded warm-up pass first (vLLM's client when present,
# else ours). PAIRS alternating pairs per cell (ours first, then vLLM's first, ...); every figure
# is printed as the median over the pairs with its spread [min-max]; the ratio is ours / vLLM's of
# the medians. Prints figures; asserts nothing.
#
# Servers (SERVERS, space-separated, default "sim zero instant"):
#   sim      the stand-in, default costs (10 ms decode step ...), 4 sample adapters, --max-loras
#            SIM_MAX_LORAS (default 2), --max-cpu-loras 4, --max-num-seqs 256; REQUESTS_SIM x 64
#            tokens, ignore_eos (REQUESTS_SIM_C1 at concurrency 1, where a request takes ~0.7 s)
#            With 4 adapters round-robin and --max-loras 2, req/s at concurrency 64 is a knife-edge
#            of the scheduler (vLLM V1's rule, which the stand-in follows: FCFS, a waiting request
#            whose adapter would exceed max_loras is skipped). If the requests of the 2 active
#            adapters arrive spread over several steps, refills keep those adapters active, the
#            other 2 adapters wait for seconds and the batch halves every 64 tokens (~21 req/s);
#            if each burst lands within one step, the adapter pairs alternate (~30 req/s). Which
#            one a client gets depends on how tightly it sends its first `concurrency` requests
#            and each burst of refills (vLLM's client: 64 within ~15 ms; ours: ~150-250 ms),
#            not on its per-request overhead. SIM_MAX_LORAS=4 removes the constraint and compares
#            the clients themselves.
#   zero     the same stand-in with every cost 0; REQUESTS_ZERO x 64 tokens
#   instant  a static server (nginx) replaying one fixed 128-event vLLM stream for any POST;
#            REQUESTS_INSTANT x 128 events
# Environment: CONCURRENCIES (default "1 64 256"), PAIRS (3), REQUESTS_SIM (300), REQUESTS_SIM_C1
# (60), REQUESTS_ZERO (3000), REQUESTS_INSTANT (5000), QUICK=1 (a smoke run: 1 pair, "1 64",
# few requests), VLLM_CLIENT (path of run.py), KEEP_WORK=1 (keep the temp folder and print it).
#
# Per cell: requests in flight at the server (time-weighted means over the request phase, from
# three sources, each labelled), req/s, TTFT/E2EL/ITL p50/p99, client-added TTFT against the
# stand-in's ground truth, CPU ms per request, peak RSS, wall time.
# Usage: bench/vs-vllm-client.sh        (works from any directory)
set -euo pipefail
source_path="${BASH_SOURCE[0]}"
while [ -L "$source_path" ]; do
  link_dir="$(cd -P "$(dirname "$source_path")" && pwd)"
  source_path="$(readlink "$source_path")"
  [[ "$source_path" != /* ]] && source_path="$link_dir/$source_path"
done
home="$(cd -P "$(dirname "$source_path")/.." && pwd)"
work="$(mktemp -d)"
# shellcheck source=lib/servers.sh
source "$home/bench/lib/servers.sh"
cleanup() {
  stop_started
  if [ "${KEEP_WORK:-0}" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${QUICK:-0}" = 1 ]; then
  pairs="${PAIRS:-1}"; concurrencies="${CONCURRENCIES:-1 64}"
  n_sim="${REQUESTS_SIM:-64}"; n_sim_c1="${REQUESTS_SIM_C1:-8}"
  n_zero="${REQUESTS_ZERO:-300}"; n_instant="${REQUESTS_INSTANT:-500}"
else
  pairs="${PAIRS:-3}"; concurrencies="${CONCURRENCIES:-1 64 256}"
  n_sim="${REQUESTS_SIM:-300}"; n_sim_c1="${REQUESTS_SIM_C1:-60}"
  n_zero="${REQUESTS_ZERO:-3000}"; n_instant="${REQUESTS_INSTANT:-5000}"
fi
servers="${SERVERS:-sim zero instant}"
vllm_client="${VLLM_CLIENT:-$home/../shared/rig/vllm-client/run.py}"
have_vllm=1
if [ ! -f "$vllm_client" ]; then
  have_vllm=0
  echo "vLLM's client not found at $vllm_client: running ours only (set VLLM_CLIENT to its run.py)"
elif ! /usr/bin/python3 -c 'import aiohttp, numpy' 2>/dev/null; then
  have_vllm=0
  echo "vLLM's client needs aiohttp and numpy in /usr/bin/python3 (apt-get install -y python3-aiohttp python3-numpy): running ours only"
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time for CPU and peak RSS (apt-get install -y time)" >&2; exit 1; }

helper="$work/helper.py"
cat > "$helper" <<'PY'
"""Figures for bench/vs-vllm-client.sh (this project's own code)."""
import csv, json, math, re, statistics, sys, time, urllib.request
from datetime import datetime

def dataset(out, n):
    adapters = ["math_adapter", "code_adapter", "sql_adapter", "support_adapter"]
    with open(out, "w") as f:
        for i in range(int(n)):
            f.write(json.dumps({"prompt": f"request {i}: " + "tell me something " * (1 + i % 5),
                                "adapter_name": adapters[i % len(adapters)]}) + "\n")

def sample(url, out):
    """Polls the stand-in's /metrics every 50 ms: wall time, running, waiting (until killed)."""
    with open(out, "w", buffering=1) as f:
        while True:
            t = time.time()
            try:
                text = urllib.request.urlopen(url, timeout=2).read().decode()
                run = re.search(r'^vllm:num_requests_running\{[^}]*\} (\S+)', text, re.M)
                wait = re.search(r'^vllm:num_requests_waiting\{[^}]*\} (\S+)', text, re.M)
                if run and wait:
                    f.write(f"{t} {float(run.group(1))} {float(wait.group(1))}\n")
            except Exception:
                pass
            time.sleep(max(0.0, 0.05 - (time.time() - t)))

def pct(values, p):
    if not values:
        return None
    v = sorted(values)
    rank = (len(v) - 1) * p / 100
    lo = int(math.floor(rank)); hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (rank - lo)

def time_file(path):
    """/usr/bin/time -v output: user+sys seconds, peak RSS MB, wall seconds."""
    text = open(path).read()
    user = float(re.search(r"User time \(seconds\): (\S+)", text).group(1))
    sys_ = float(re.search(r"System time \(seconds\): (\S+)", text).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", text).group(1)
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    return user + sys_, rss / 1024, secs

def interval_mean(intervals):
    """Time-weighted mean of requests in flight over [first start, last end]."""
    intervals = [(s, e) for s, e in intervals if e is not None and s is not None]
    if not intervals:
        return None, None
    lo = min(s for s, _ in intervals); hi = max(e for _, e in intervals)
    if hi <= lo:
        return None, (lo, hi)
    return sum(e - s for s, e in intervals) / (hi - lo), (lo, hi)

def sampled_mean(samples_path, window):
    """Time-weighted mean of running+waiting from /metrics samples inside the wall-clock window."""
    try:
        rows = [tuple(map(float, l.split())) for l in open(samples_path) if l.strip()]
    except FileNotFoundError:
        return None
    if not rows or window is None:
        return None
    lo, hi = window
    total = weight = 0.0
    for (t, r, w), nxt in zip(rows, rows[1:] + [None]):
        t_end = nxt[0] if nxt else t + 0.05
        a, b = max(t, lo), min(t_end, hi)
        if b > a:
            total += (r + w) * (b - a); weight += b - a
    return total / weight if weight > 0.5 * (hi - lo) and weight > 0 else None

def histograms(path):
    found = {}
    try:
        lines = open(path).read().splitlines()
    except FileNotFoundError:
        return found
    for line in lines:
        m = re.match(r'(vllm:\w+?)_(sum|count)\{([^}]*)\} (\S+)', line)
        if m:
            name, part, _, value = m.groups()
            found.setdefault(name, {})[part] = float(value)
    return found

def hist_mean_ms(before, after, name):
    b, a = histograms(before).get(name, {}), histograms(after).get(name)
    if not a:
        return None
    count = a.get("count", 0) - b.get("count", 0)
    return 1000 * (a.get("sum", 0) - b.get("sum", 0)) / count if count > 0 else None

def common(out, fig, d):
    cpu, rss, wall = time_file(f"{d}/time.txt")
    fig["cpu_whole_ms"] = 1000 * cpu / fig["completed"] if fig.get("completed") else None
    fig["rss_mb"] = rss
    fig["wall_s"] = wall
    srv_ttft = hist_mean_ms(f"{d}/before.prom", f"{d}/after.prom", "vllm:time_to_first_token_seconds")
    srv_e2el = hist_mean_ms(f"{d}/before.prom", f"{d}/after.prom", "vllm:e2e_request_latency_seconds")
    fig["added_ttft_mean_hist"] = fig["mean_ttft"] - srv_ttft if srv_ttft is not None and fig.get("mean_ttft") is not None else None
    fig["added_e2el_mean_hist"] = fig["mean_e2el"] - srv_e2el if srv_e2el is not None and fig.get("mean_e2el") is not None else None
    json.dump(fig, open(out, "w"))

def figures_ours(d, out):
    folder = open(f"{d}/folder").read().strip()
    res = json.load(open(f"{folder}/results.json"))
    fig = {"completed": res.get("completed", res.get("successful_requests")),
           "failed": res.get("failed_requests"),
           "req_s": res.get("request_throughput", res.get("metrics", {}).get("requests_per_sec"))}
    for m in ("ttft", "e2el", "itl"):
        for p in ("p50", "p99"):
            fig[f"{m}_{p}"] = res.get(f"{p}_{m}_ms")
        fig[f"mean_{m}"] = res.get(f"mean_{m}_ms")
    cpu_phase = res.get("client_cpu_seconds")
    fig["cpu_phase_ms"] = 1000 * cpu_phase / fig["completed"] if cpu_phase is not None and fig["completed"] else None
    client, walls = [], []
    with open(f"{folder}/results.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if not row.get("latency") or not row.get("start_offset"):
                continue
            s, lat = float(row["start_offset"]), float(row["latency"])
            client.append((s, s + lat))
            ts = datetime.fromisoformat(row["timestamp"]).timestamp()
            walls.append((ts, ts + lat))
    fig["inflight_client"], _ = interval_mean(client)
    _, window = interval_mean(walls)
    fig["inflight_metrics"] = sampled_mean(f"{d}/samples.txt", window)
    fig["inflight_truth"] = None      # results.csv carries no per-request server timing
    fig["added_ttft_median"] = None   # idem
    common(out, fig, d)

def figures_vllm(d, out):
    res = json.load(open(f"{d}/vllm.json"))
    fig = {"completed": res["completed"], "failed": res["failed"], "req_s": res["request_throughput"]}
    for m in ("ttft", "e2el", "itl"):
        for p in ("p50", "p99"):
            fig[f"{m}_{p}"] = res.get(f"{p}_{m}_ms")
        fig[f"mean_{m}"] = res.get(f"mean_{m}_ms")
    fig["cpu_phase_ms"] = 1000 * res["rig_cpu_benchmark_s"] / res["completed"] if res["completed"] else None
    ok = [r for r in res["requests"] if r["success"]]
    fig["inflight_client"], _ = interval_mean([(r["start_time"], r["start_time"] + r["latency"]) for r in ok])
    w0, p0 = res["rig_wall0"], res["rig_perf0"]
    _, window = interval_mean([(w0 + r["start_time"] - p0, w0 + r["start_time"] - p0 + r["latency"]) for r in ok])
    fig["inflight_metrics"] = sampled_mean(f"{d}/samples.txt", window)
    truth = [r["sim_timing"] for r in ok if r.get("sim_timing")]
    if truth and len(truth) == len(ok):
        fig["inflight_truth"], _ = interval_mean([(t["scheduled_at_ms"] - t["queue_ms"], t["finished_at_ms"]) for t in truth])
        fig["added_ttft_median"] = statistics.median(
            1000 * r["ttft"] - (r["sim_timing"]["queue_ms"] + r["sim_timing"]["lora_load_ms"] + r["sim_timing"]["prefill_ms"])
            for r in ok)
    else:
        fig["inflight_truth"] = fig["added_ttft_median"] = None
    common(out, fig, d)

ROWS = [
    ("inflight_metrics", "in flight at server: /metrics running+waiting, 20 Hz", "{:.1f}"),
    ("inflight_truth", "in flight at server: sim_timing (model clock)", "{:.1f}"),
    ("inflight_client", "in flight, client-side send..end", "{:.1f}"),
    ("req_s", "req/s", "{:.2f}"),
    ("ttft_p50", "TTFT p50 ms", "{:.1f}"), ("ttft_p99", "TTFT p99 ms", "{:.1f}"), ("mean_ttft", "TTFT mean ms", "{:.1f}"),
    ("e2el_p50", "E2EL p50 ms", "{:.1f}"), ("e2el_p99", "E2EL p99 ms", "{:.1f}"), ("mean_e2el", "E2EL mean ms", "{:.1f}"),
    ("itl_p50", "ITL p50 ms", "{:.3f}"), ("itl_p99", "ITL p99 ms", "{:.3f}"),
    ("added_ttft_median", "client-added TTFT, per-request median ms", "{:.1f}"),
    ("added_ttft_mean_hist", "client-added TTFT, mean vs /metrics hist ms", "{:.1f}"),
    ("added_e2el_mean_hist", "client-added E2EL, mean vs /metrics hist ms", "{:.1f}"),
    ("cpu_phase_ms", "CPU ms/req, request phase", "{:.2f}"),
    ("cpu_whole_ms", "CPU ms/req, whole process", "{:.2f}"),
    ("rss_mb", "peak RSS MB", "{:.0f}"),
    ("wall_s", "wall s, whole process", "{:.1f}"),
    ("failed", "failed requests", "{:.0f}"),
]

def cell(values, fmt):
    values = [v for v in values if v is not None]
    if not values:
        return "n/a", None
    med = statistics.median(values)
    text = fmt.format(med)
    if len(values) > 1:
        text += " [" + fmt.format(min(values)) + "-" + fmt.format(max(values)) + "]"
    return text, med

def table(title, root, concurrencies, requests_by_c):
    import os
    print()
    print("=" * 124)
    print(title)
    print("median [min-max] over the pairs; ratio = ours / vLLM's medians")
    for c in concurrencies.split():
        runs = {"ours": [], "vllm": []}
        for name in sorted(os.listdir(root)):
            m = re.match(rf"c{c}-p(\d+)-(ours|vllm)\.json$", name)
            if m:
                runs[m.group(2)].append(json.load(open(f"{root}/{name}")))
        failed = sorted(n for n in os.listdir(root) if re.match(rf"c{c}-p\d+-(ours|vllm)\.failed$", n))
        print("-" * 124)
        print(f"concurrency {c}, {requests_by_c.get(c, '?')} requests; runs: ours {len(runs['ours'])}, vLLM's {len(runs['vllm'])}"
              + (f"; FAILED: {', '.join(failed)}" if failed else ""))
        print(f"  {'':52} {'ours':>24} {'vLLM client':>24} {'ours/vLLM':>10}")
        for key, label, fmt in ROWS:
            a, am = cell([r.get(key) for r in runs["ours"]], fmt)
            b, bm = cell([r.get(key) for r in runs["vllm"]], fmt)
            ratio = f"{am / bm:.2f}" if am is not None and bm is not None and abs(bm) >= 1e-3 else ""
            print(f"  {label:52} {a:>24} {b:>24} {ratio:>10}")

def brief(path):
    f = json.load(open(path))
    print(f"{f['completed']} ok, {f['req_s']:.2f} req/s, TTFT p50 {f['ttft_p50']:.1f} ms, "
          f"CPU {f['cpu_whole_ms']:.2f} ms/req whole process, wall {f['wall_s']:.1f} s")

if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "table":
        title, root, concs, req = args
        table(title, root, concs, dict(x.split("=") for x in req.split()))
    else:
        {"dataset": dataset, "sample": sample, "brief": brief, "ours": figures_ours, "vllm": figures_vllm}[cmd](*args)
PY

py=/usr/bin/python3

# run_client WHO SERVER_NAME CONCURRENCY PAIR DATASET MAX_TOKENS BASE_URL CONFIG METRICS(0/1)
run_client() {
  local who="$1" server="$2" c="$3" pair="$4" dataset="$5" max_tokens="$6" url="$7" config="$8" metrics="$9"
  local d="$work/runs/$server/c$c-p$pair-$who" cells="$work/cells/$server" sampler_pid=""
  mkdir -p "$d" "$cells"
  if [ "$metrics" = 1 ]; then
    curl -s "$url/metrics" > "$d/before.prom" || true
    "$py" "$helper" sample "$url/metrics" "$d/samples.txt" & sampler_pid=$!
    started_pids+=("$sampler_pid")
  fi
  local rc=0
  : > "$d/figures.err"
  if [ "$who" = ours ]; then
    /usr/bin/time -v -o "$d/time.txt" "$home/bin/multilora-bench" bench --config "$config" --dataset "$dataset" \
      --concurrency "$c" -D server.mode=external > "$d/out.txt" 2>&1 || rc=$?
    sed -n 's/^results *//p' "$d/out.txt" > "$d/folder"
  else
    /usr/bin/time -v -o "$d/time.txt" "$py" "$vllm_client" --base-url "$url" --dataset "$dataset" \
      --max-concurrency "$c" --max-tokens "$max_tokens" --ignore-eos --out "$d/vllm.json" > "$d/out.txt" 2>&1 || rc=$?
  fi
  if [ -n "$sampler_pid" ]; then
    stop_pid "$sampler_pid"
    curl -s "$url/metrics" > "$d/after.prom" || true
  fi
  if [ "$rc" != 0 ] || ! "$py" "$helper" "$who" "$d" "$cells/c$c-p$pair-$who.json" 2> "$d/figures.err"; then
    echo "    $who: FAILED (exit $rc); last lines:"; tail -n 5 "$d/out.txt" "$d"/figures.err 2>/dev/null | sed 's/^/      /'
    touch "$cells/c$c-p$pair-$who.failed"
    return 0
  fi
  echo "    $who: $("$py" "$helper" brief "$cells/c$c-p$pair-$who.json")"
}

# warm_server NAME CONCURRENCY DATASET MAX_TOKENS BASE_URL CONFIG
# One unrecorded pass before a stand-in's first pairs: the client that met it first (always ours, in
# pair 1) met a cold JVM and the adapters as the stand-in starts them, the others a warm one and
# the adapters a previous run left loaded.
warm_server() {
  local name="$1" c="$2" dataset="$3" max_tokens="$4" url="$5" config="$6" log="$work/runs/$1/warmup-c$2.txt"
  mkdir -p "$work/runs/$name"
  echo "  $name, concurrency $c: warm-up pass, not counted"
  if [ "$have_vllm" = 1 ]; then
    "$py" "$vllm_client" --base-url "$url" --dataset "$dataset" --max-concurrency "$c" --max-tokens "$max_tokens" \
      --ignore-eos --out "$work/runs/$name/warmup-c$c.json" > "$log" 2>&1 || echo "    warm-up failed: see $log"
  else
    "$home/bin/multilora-bench" bench --config "$config" --dataset "$dataset" --concurrency "$c" \
      -D server.mode=external > "$log" 2>&1 || echo "    warm-up failed: see $log"
  fi
}

# run_server NAME TITLE URL CONFIG MAX_TOKENS METRICS REQUESTS REQUESTS_AT_C1
run_server() {
  local name="$1" title="$2" url="$3" config="$4" max_tokens="$5" metrics="$6" n="$7" n1="$8"
  local c pair n_c summary="" warmed=""
  for c in $concurrencies; do
    n_c="$n"; [ "$c" = 1 ] && n_c="$n1"
    summary+="$c=$n_c "
    "$py" "$helper" dataset "$work/$name-$n_c.jsonl" "$n_c"
    if [ "$metrics" = 1 ] && [ -z "$warmed" ]; then
      warm_server "$name" "$c" "$work/$name-$n_c.jsonl" "$max_tokens" "$url" "$config"; warmed=1
    fi
    for ((pair=1; pair<=pairs; pair++)); do
      echo "  $name, concurrency $c, pair $pair of $pairs ($n_c requests)"
      local order="ours vllm"; (( pair % 2 == 0 )) && order="vllm ours"
      for who in $order; do
        [ "$who" = vllm ] && [ "$have_vllm" = 0 ] && continue
        run_client "$who" "$name" "$c" "$pair" "$work/$name-$n_c.jsonl" "$max_tokens" "$url" "$config" "$metrics"
      done
      other_java
    done
  done
  "$py" "$helper" table "$title" "$work/cells/$name" "$concurrencies" "$summary"
}

other_java() {
  # Another busy java process (not started by this script) shares the cores: say so beside the figures.
  ps -eo pid,pcpu,args --no-headers | awk -v home="$home" -v work="$work" \
    '$3 ~ /java/ && $2 > 20 && index($0, home "/") == 0 && index($0, work) == 0 {print "    note: busy java process, not ours: pid " $1 " (" $2 "% CPU): " substr($0, index($0,$3), 90)}'
}

echo "vs-vllm-client: pairs=$pairs concurrencies='$concurrencies' servers='$servers' ($(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg))"
# Build once outside the measurement (bin/multilora-bench builds on first use).
"$home/bin/multilora-bench" --help > /dev/null

zero_flags=(--sim-decode-ms 0 --sim-decode-ms-per-seq 0 --sim-decode-ms-per-lora 0 --sim-prefill-ms-per-token 0
            --sim-lora-load-ms 0 --sim-lora-cpu-load-ms 0)
for server in $servers; do
  echo "starting server: $server"; other_java
  case "$server" in
    sim)
      start_standin sim 64
      run_server sim "stand-in, default costs (10 ms decode step, 4 adapters, --max-loras ${SIM_MAX_LORAS:-2}, --max-num-seqs 256), 64 tokens, ignore_eos; pid $standin_pid" \
        "http://127.0.0.1:$standin_port" "$standin_config" 64 1 "$n_sim" "$n_sim_c1"
      stop_pid "$standin_pid";;
    zero)
      start_standin zero 64 "${zero_flags[@]}"
      run_server zero "stand-in, all costs 0 (4 adapters, --max-loras ${SIM_MAX_LORAS:-2}, --max-num-seqs 256), 64 tokens, ignore_eos" \
        "http://127.0.0.1:$standin_port" "$standin_config" 64 1 "$n_zero" "$n_zero"
      stop_pid "$standin_pid";;
    instant)
      start_instant
      run_server instant "instant server: $instant_kind, fixed 128-event stream; no ground truth, no /metrics" \
        "http://127.0.0.1:$instant_port" "$instant_config" 128 0 "$n_instant" "$n_instant"
      stop_pid "$instant_pid";;
    *) echo "unknown server '$server' (sim, zero, instant)" >&2;;
  esac
  other_java
done
cat <<'NOTE'

Notes: "in flight at server: /metrics" samples the stand-in's vllm:num_requests_running + _waiting every
50 ms (both clients alike) over the request phase (first send to last byte); "sim_timing" uses the
stand-in's per-request ground truth (admission - queue .. finish, on the model clock, which skips idle
time), which only vLLM's client keeps (results.csv has no per-request server timing); "client-side" is
each client's own send..end per request. Client-added TTFT per request: client TTFT - (queue + lora
load + prefill) from sim_timing (vLLM's client only); the /metrics variant is client mean - server mean
from the stand-in's histograms (exact means, both clients). CPU "request phase": results.json
client_cpu_seconds (ours, when present) / run.py's rig_cpu_benchmark_s; "whole process": user+sys from
/usr/bin/time -v (ours includes JVM start-up, server probes and the report stage). On the stand-in
at concurrency 64, TTFT has two modes: two adapters run (~80 ms) while the other two wait for a slot
(~1.2 s), and the dataset gives each adapter a quarter of the requests, so the median sits on the gap
and reads ~80, ~660 or ~1,230 ms as one request falls either side; which pair runs first follows the
order the first requests reach the server. Compare the means there.
NOTE
