#!/usr/bin/env bash
# One large run in a small heap: LINES dataset lines (default 1,000,000), each sent once, against
# the zero-cost stand-in (SERVER=zero, default) or the instant server (SERVER=instant, nginx
# replaying a 128-event stream), with MULTILORA_JAVA_OPTS=-Xmx512m (HEAP_OPTS to change it).
# Prints the exit status, peak RSS, wall time, whether results.csv has one row per line, and any
# OutOfMemoryError. Prints figures; asserts nothing.
# Environment: LINES (1000000), SERVER (zero | instant), CONCURRENCY (64), MAX_TOKENS (16; the
# instant server always sends 128), HEAP_OPTS (-Xmx512m), MAX_DURATION_S (unset; set it to stop
# sending after that many seconds: the rest become "not sent" rows, still one row per line),
# KEEP_WORK=1 (keep the temp folder). Usage: bench/million-lines.sh   (works from any directory)
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

lines="${LINES:-1000000}"
server="${SERVER:-zero}"
concurrency="${CONCURRENCY:-64}"
max_tokens="${MAX_TOKENS:-16}"
heap="${HEAP_OPTS:--Xmx512m}"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 1; }

"$home/bin/multilora-bench" --help > /dev/null   # build outside the measurement
/usr/bin/python3 - "$work/lines.jsonl" "$lines" <<'PY'
import json, sys
adapters = ["math_adapter", "code_adapter", "sql_adapter", "support_adapter"]
with open(sys.argv[1], "w") as out:
    for i in range(int(sys.argv[2])):
        out.write(json.dumps({"prompt": f"request {i}: " + "tell me something " * (1 + i % 5),
                              "adapter_name": adapters[i % 4]}) + "\n")
PY
case "$server" in
  zero)
    start_standin zero "$max_tokens" --sim-decode-ms 0 --sim-decode-ms-per-seq 0 --sim-decode-ms-per-lora 0 \
      --sim-prefill-ms-per-token 0 --sim-lora-load-ms 0 --sim-lora-cpu-load-ms 0
    config="$standin_config"; what="stand-in, all costs 0, $max_tokens tokens";;
  instant)
    start_instant
    config="$instant_config"; what="instant server ($instant_kind), 128 events";;
  *) echo "SERVER must be zero or instant" >&2; exit 2;;
esac
extra=()
[ -n "${MAX_DURATION_S:-}" ] && extra+=(-D "benchmark.max_duration_s=$MAX_DURATION_S")
echo "million-lines: $lines lines, $what, concurrency $concurrency, MULTILORA_JAVA_OPTS=$heap ${MAX_DURATION_S:+max_duration_s=$MAX_DURATION_S}"
rc=0
MULTILORA_JAVA_OPTS="$heap" /usr/bin/time -v -o "$work/time.txt" "$home/bin/multilora-bench" bench --config "$config" \
  --dataset "$work/lines.jsonl" --concurrency "$concurrency" -D server.mode=external "${extra[@]}" \
  > "$work/bench.out" 2>&1 || rc=$?
folder="$(sed -n 's/^results *//p' "$work/bench.out")"
/usr/bin/python3 - "$work/time.txt" "$work/bench.out" "$folder" "$lines" "$rc" <<'PY'
import csv, json, os, re, sys
time_txt, out, folder, lines, rc = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
t = open(time_txt).read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", t).group(1)
cpu = float(re.search(r"User time \(seconds\): (\S+)", t).group(1)) + float(re.search(r"System time \(seconds\): (\S+)", t).group(1))
text = open(out, errors="replace").read()
print(f"  exit status        {rc}")
print(f"  peak RSS           {rss / 1024:.0f} MB")
print(f"  wall time          {wall} ([h:]m:ss), CPU {cpu:.0f} s (user+sys, whole process)")
print(f"  OutOfMemoryError   {'yes' if 'OutOfMemoryError' in text else 'not in the output'}")
csv_path = os.path.join(folder, "results.csv") if folder else ""
if csv_path and os.path.exists(csv_path):
    csv.field_size_limit(1 << 30)
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = sum(1 for _ in csv.DictReader(f))
    print(f"  results.csv rows   {rows:,} ({'one per line' if rows == lines else f'expected {lines:,}'})")
    try:
        res = json.load(open(os.path.join(folder, "results.json")))
        print(f"  results.json       status {res.get('status')}, {res.get('successful_requests')} ok, "
              f"{res.get('failed_requests')} failed, {res.get('metrics', {}).get('requests_per_sec')} req/s")
    except Exception as e:
        print(f"  results.json       unreadable: {e}")
else:
    print("  results.csv        none written")
    print("  last lines of the output:")
    for line in text.splitlines()[-8:]:
        print("    " + line[:200])
PY
