#!/usr/bin/env bash
# Batch scoring (issue 6 item 7): kiln predict streaming in chunks on every core vs the whole-file path it replaced.
# Generates a 1,000,000-row CSV (bench/batch/generate.py, seed 7) and a 20,000-row training file, trains a LightGBM
# pipeline of 100 trees with 'kiln run', then scores the big file with
#   - the old kiln predict (commit 6fa2263, built from 'git archive': reads the whole file, then predicts),
#   - the new kiln predict at --threads 1 and at the default (every core), to Parquet and to CSV,
# each under /usr/bin/time -v (wall time, peak resident memory), and checks that old and new write the same CSV bytes.
# Every configuration runs REPEATS times, interleaved; the best wall time and the largest peak RSS are printed.
# Usage: bench/batch_predict.sh [ROWS] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-1000000}
repeats=${2:-3}
old_commit=6fa2263
work=bench/data/batch
mkdir -p "$work"
train="$work/train.csv"
score="$work/score_${rows}.csv"

if [ ! -f "$score" ]; then
  echo "generating $score ..." >&2
  python3 bench/batch/generate.py "$train" "$score" "$rows"
fi

echo "building kiln (Release) ..." >&2
dotnet build -c Release src/Kiln.Cli -v quiet -nologo -o "$work/kiln-new" >&2
if [ ! -x "$work/kiln-old/kiln" ]; then
  echo "building the whole-file kiln predict of $old_commit (Release) ..." >&2
  rm -rf "$work/old-source"
  mkdir -p "$work/old-source"
  git archive "$old_commit" | tar -x -C "$work/old-source"
  dotnet build -c Release "$work/old-source/src/Kiln.Cli" -v quiet -nologo -o "$work/kiln-old" >&2
fi
new="$work/kiln-new/kiln"
old="$work/kiln-old/kiln"

if [ ! -d "$work/project/store" ]; then
  echo "training the LightGBM pipeline ..." >&2
  mkdir -p "$work/project"
  cp "$train" "$work/project/train.csv"
  cat > "$work/project/kiln.yaml" <<'YAML'
name: batchbench
namespace: bench
data: train.csv
target: label
task: classification
seed: 7
validation: {folds: 2}
candidates:
  - lightgbm: {n_estimators: 100, num_leaves: 31, learning_rate: 0.1}
YAML
  "$new" run "$work/project" --store "$work/project/store" >&2
fi
model=$(find "$work/project/store" -path '*jobs*' -name model.kiln | head -1)
[ -n "$model" ] || model=$(find "$work/project/store" -name model.kiln | head -1)
echo "model: $model" >&2

run_once() { # label, then the command; appends "wall_s rss_kb" to $work/times/<label>
  local label=$1
  shift
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  rm -f "$log"
  echo "$wall $rss" >> "$work/times/$label"
}

report() { # label: best wall time of the repeats, its rows/s, and the largest peak RSS seen
  sort -n "$work/times/$1" | awk -v label="$1" -v rows="$rows" -v runs="$(wc -l < "$work/times/$1")" '
    NR == 1 { best = $1 } { if ($2 > rss) rss = $2 }
    END { printf "%-36s best of %d %8.2f s %8.0f MB %12.0f rows/s\n", label, runs, best, rss / 1024, rows / best }'
}

threads=$(nproc)
labels=("old whole-file -> csv" "old whole-file -> parquet" "new, 1 thread -> csv" "new, $threads threads -> csv" "new, $threads threads -> parquet" "new, --chunk-rows 16384 -> parquet")
rm -rf "$work"/out_* "$work/times"
mkdir -p "$work/times"
echo "input: $score ($(du -m "$score" | cut -f1) MB, $rows rows); $threads cores; $repeats rounds, the six runs interleaved in each" 
for round in $(seq "$repeats"); do
  echo "round $round of $repeats (load: $(cut -d' ' -f1-3 /proc/loadavg)) ..." >&2
  run_once "${labels[0]}" "$old" predict --model "$model" --input "$score" --output "$work/out_old.csv"
  run_once "${labels[1]}" "$old" predict --model "$model" --input "$score" --output "$work/out_old.parquet"
  run_once "${labels[2]}" "$new" predict "$model" --input "$score" --output "$work/out_new1.csv" --threads 1
  run_once "${labels[3]}" "$new" predict "$model" --input "$score" --output "$work/out_new.csv"
  run_once "${labels[4]}" "$new" predict "$model" --input "$score" --output "$work/out_new.parquet"
  run_once "${labels[5]}" "$new" predict "$model" --input "$score" --output "$work/out_new_small.parquet" --chunk-rows 16384
done
for label in "${labels[@]}"; do
  report "$label"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if cmp -s "$work/out_old.csv" "$work/out_new.csv" && cmp -s "$work/out_new1.csv" "$work/out_new.csv"; then
  echo "outputs: old and new CSV outputs are byte-identical (1 and $(nproc) threads)"
else
  echo "outputs: DIFFER between old and new" >&2
  exit 1
fi
