#!/usr/bin/env bash
# Issue 6 "Speed": kiln serve against a FastAPI + uvicorn + scikit-learn server, single-row /invocations requests, with wrk.
#
# Kiln serves the LightGBM model (100 trees) that 'kiln run bench/serve/kiln.yaml' fits on tests/data/breast_cancer.csv and
# registers in a fresh store, with API-key authentication on (the realistic setup: every request carries
# 'Authorization: Bearer <key>' and is verified) and the prediction log on (the default: every row is logged). The peer
# (bench/serve/peer.py) fits scikit-learn's HistGradientBoostingClassifier with the same tree shape on the same file and
# answers the same dataframe_split contract; it runs with OMP_NUM_THREADS=1, once with 1 uvicorn worker and once with 2,
# and its better run at each connection count is the one compared. Both servers are first checked to answer the same
# predictions for all 569 rows (at least 95 % agreement: the two libraries grow slightly different trees).
#
# wrk (threads <= 2) posts single-row dataframe_split bodies (each data row in turn, bench/serve/rows.lua) at 1, 10 and 50
# connections for DURATION seconds each, after a warm-up (5 s at 10 connections, 2 s at 1); of REPEATS runs per count the
# one with the most requests/s is kept, for both servers alike. The script prints requests/s and p50/p99 latency for
# both, the ratios, the server's CPU time per request (user + system of all its processes over the run, divided by the
# requests answered: the measure least moved by other work on the machine) and the 1-minute load average seen before
# the runs. Then bench/Kiln.Benchmarks 'serve-row' times PipelineModel.Predict on one row of the same model in process.
#
# Usage: bench/serve.sh [DURATION] [REPEATS]   (defaults 10 s, 2 runs per connection count, the best kept).
# KILN_BENCH_CONNECTIONS="1" measures other connection counts; KILN_BENCH_NO_BUILD=1 skips the Release builds. Installs
# wrk, python3-fastapi, python3-uvicorn (with uvloop and httptools, as 'pip install uvicorn[standard]' would),
# python3-sklearn and python3-pandas with apt-get when missing (run as root). Results are in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-10}
repeats=${2:-2}
python=/usr/bin/python3
kiln_port=18080
peer_port=18081
read -r -a connections <<< "${KILN_BENCH_CONNECTIONS:-1 10 50}"
data=tests/data/breast_cancer.csv
kiln_dll=src/Kiln.Cli/bin/Release/net10.0/kiln.dll
bench_dll=bench/Kiln.Benchmarks/bin/Release/net10.0/Kiln.Benchmarks.dll

packages=(wrk python3-fastapi python3-uvicorn python3-uvloop python3-httptools python3-sklearn python3-pandas)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" > /dev/null 2>&1 || missing+=("$package")
done
if (( ${#missing[@]} > 0 )); then
  echo "installing ${missing[*]} ..." >&2
  apt-get install -y "${missing[@]}" >&2
fi

if [[ -z "${KILN_BENCH_NO_BUILD:-}" ]]; then
  echo "building src/Kiln.Cli and bench/Kiln.Benchmarks (Release) ..." >&2
  dotnet build -c Release src/Kiln.Cli -v quiet -nologo >&2
  dotnet build -c Release bench/Kiln.Benchmarks -v quiet -nologo >&2
fi

work=$(mktemp -d)
server_pid=
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
    server_pid=
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

wait_ready() { # URL
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null "$1"; then return 0; fi
    sleep 0.1
  done
  echo "the server at $1 did not come up" >&2
  exit 1
}

# wrk's latency as milliseconds.
to_ms() {
  awk -v value="$1" 'BEGIN {
    if (value ~ /us$/) { sub(/us$/, "", value); printf "%.3f", value / 1000 }
    else if (value ~ /ms$/) { sub(/ms$/, "", value); printf "%.3f", value }
    else if (value ~ /m$/) { sub(/m$/, "", value); printf "%.3f", value * 60000 }
    else { sub(/s$/, "", value); printf "%.3f", value * 1000 } }'
}

# The CPU time (user + system, clock ticks) of a process and all its descendants so far.
tree_ticks() { # PID
  local total=0 pid ticks
  for pid in $1 $(descendants "$1"); do
    ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2> /dev/null || echo 0)
    total=$(( total + ticks ))
  done
  echo "$total"
}
descendants() { # PID
  local child
  for child in $(ps -o pid= --ppid "$1"); do
    echo "$child"
    descendants "$child"
  done
}

# One wrk run; prints "requests/s p50_ms p99_ms".
load() { # PORT CONNECTIONS SECONDS
  local threads=$(( $2 < 2 ? $2 : 2 ))
  local output
  output=$(KILN_BENCH_BODIES="$work/rows.jsonl" wrk -t "$threads" -c "$2" -d "${3}s" --latency -s bench/serve/rows.lua "http://127.0.0.1:$1/invocations")
  if grep -q "Non-2xx\|Socket errors" <<< "$output"; then
    echo "wrk saw failed requests:" >&2
    echo "$output" >&2
    exit 1
  fi
  local rate p50 p99 requests
  rate=$(awk '/^Requests\/sec:/ { print $2 }' <<< "$output")
  requests=$(awk '/requests in/ { print $1 }' <<< "$output")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<< "$output")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<< "$output")")
  echo "$rate $p50 $p99 $requests"
}

# Warm-up (JIT tiering, worker start), then REPEATS runs per connection count; the run with the most requests/s is kept
# (the machine is shared, and a run that lost the cores to another process says nothing about the server). Lines
# "NAME CONNECTIONS requests/s p50 p99 requests cpu_us_per_request" go to $work/results; the load average before each run to $work/load.
measure() { # NAME PORT
  load "$2" 10 5 > /dev/null
  load "$2" 1 2 > /dev/null
  for count in "${connections[@]}"; do
    local best=
    for _ in $(seq 1 "$repeats"); do
      echo "  $1, $count connection(s) ..." >&2
      echo "$1 $count $(cut -d' ' -f1 /proc/loadavg)" >> "$work/load"
      local run before after
      before=$(tree_ticks "$server_pid")
      run=$(load "$2" "$count" "$duration")
      after=$(tree_ticks "$server_pid")
      # The server's CPU time per answered request, in microseconds (all its processes and threads).
      run="$run $(awk -v ticks=$(( after - before )) -v hz="$(getconf CLK_TCK)" -v requests="${run##* }" 'BEGIN { printf "%.1f", ticks / hz * 1e6 / requests }')"
      if [[ -z "$best" ]] || awk -v a="${run%% *}" -v b="${best%% *}" 'BEGIN { exit !(a > b) }'; then best=$run; fi
    done
    echo "$1 $count $best" >> "$work/results"
  done
}

echo "fitting and registering the model (kiln run bench/serve/kiln.yaml) ..." >&2
store="$work/store"
dotnet "$kiln_dll" run bench/serve/kiln.yaml --store "$store" > /dev/null 2> "$work/run.log"
key=$(dotnet "$kiln_dll" keys create bench --scope predict --store "$store" | tail -n 1)
export KILN_BENCH_KEY="$key"
model_file=$(find "$store" -name model.kiln | head -n 1)
"$python" bench/serve/bodies.py write "$data" target "$work"

start_peer() { # WORKERS
  (cd bench/serve && OMP_NUM_THREADS=1 exec "$python" peer.py "../../$data" target "$peer_port" "$1") > "$work/peer.log" 2>&1 &
  server_pid=$!
  wait_ready "http://127.0.0.1:$peer_port/docs"
}

echo "checking that both servers answer the same predictions for every row ..." >&2
start_peer 1
curl -sf -X POST "http://127.0.0.1:$peer_port/invocations" -H 'Content-Type: application/json' \
  --data-binary @"$work/all.json" -o "$work/peer_answer.json"
stop_server
dotnet "$kiln_dll" serve serve_bench --store "$store" --port "$kiln_port" > "$work/kiln.log" 2>&1 &
server_pid=$!
wait_ready "http://127.0.0.1:$kiln_port/v2/health/ready"
curl -sf -X POST "http://127.0.0.1:$kiln_port/invocations" -H 'Content-Type: application/json' -H "Authorization: Bearer $key" \
  --data-binary @"$work/all.json" -o "$work/kiln_answer.json"
agreement=$("$python" bench/serve/bodies.py compare "$work/kiln_answer.json" "$work/peer_answer.json")
echo "$agreement" >&2

echo "kiln serve serve_bench (API key required, prediction log on) ..." >&2
measure kiln "$kiln_port"
stop_server

for workers in 1 2; do
  echo "peer, $workers uvicorn worker(s) ..." >&2
  start_peer "$workers"
  measure "peer_$workers" "$peer_port"
  stop_server
done

echo "in-process single-row prediction (bench/Kiln.Benchmarks serve-row) ..." >&2
row=$(dotnet "$bench_dll" serve-row "$model_file" "$data")

echo
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); .NET $(dotnet --version); $("$python" -c 'import fastapi, uvicorn, sklearn; print(f"FastAPI {fastapi.__version__}, uvicorn {uvicorn.__version__}, scikit-learn {sklearn.__version__}")'); $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)"
echo "single-row /invocations, wrk $duration s per run, best of $repeats; latency in ms; peer = FastAPI + uvicorn + scikit-learn (best of 1 and 2 workers)"
echo "1-minute load average before the runs: $(awk '{ name = $1; if (!(name in low) || $3 < low[name]) low[name] = $3; if ($3 > high[name]) high[name] = $3 }
  END { for (name in low) printf "%s %s-%s  ", name, low[name], high[name] }' "$work/load")"
awk '
  { rate[$1, $2] = $3; p50[$1, $2] = $4; p99[$1, $2] = $5; cpu[$1, $2] = $7; seen[$2] = 1 }
  END {
    printf "%-6s %-34s %-44s %s\n", "conns", "kiln req/s p50 p99 cpu/req", "peer req/s p50 p99 cpu/req (workers)", "kiln/peer req/s; peer/kiln p50, p99, cpu/req"
    for (count = 1; count <= 1000; count++) {
      if (!(count in seen)) continue
      best = (rate["peer_2", count] > rate["peer_1", count]) ? "peer_2" : "peer_1"
      printf "%-6d %8.0f %7.3f %7.3f %7.1fus   %8.0f %7.3f %8.3f %7.1fus (%s)   %6.1fx; %6.1fx %6.1fx %6.1fx\n", count,
        rate["kiln", count], p50["kiln", count], p99["kiln", count], cpu["kiln", count],
        rate[best, count], p50[best, count], p99[best, count], cpu[best, count], substr(best, 6),
        rate["kiln", count] / rate[best, count], p50[best, count] / p50["kiln", count], p99[best, count] / p99["kiln", count],
        cpu[best, count] / cpu["kiln", count]
    }
    print "peer by worker count:"
    for (count = 1; count <= 1000; count++) {
      if (!(count in seen)) continue
      printf "  %2d conns: 1 worker %6.0f req/s (p50 %.3f, p99 %.3f, cpu %.0fus); 2 workers %6.0f req/s (p50 %.3f, p99 %.3f, cpu %.0fus)\n", count,
        rate["peer_1", count], p50["peer_1", count], p99["peer_1", count], cpu["peer_1", count],
        rate["peer_2", count], p50["peer_2", count], p99["peer_2", count], cpu["peer_2", count]
    }
  }' "$work/results"
echo "$agreement"
echo "$row"
