#!/usr/bin/env bash
# Batch scoring (issue 6 item 7): kiln predict streaming in chunks on every core vs the whole-file path it replaced.
# Generates a 1,000,000-row CSV (bench/batch/generate.py, seed 7) and a 20,000-row training file, trains a LightGBM
# pipeline of 100 trees with 'kiln run', then scores the big file with
#   - the old kiln predict (commit 6fa2263, built from 'git archive': reads the whole file, then predicts),
#   - the new kiln predict at --threads 1 and at the default (every core), to Parquet and to CSV,
# each under /usr/bin/time -v (wall time, peak resident memory), and checks that old and new write the same CSV bytes.
# Usage: bench/batch_predict.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-1000000}
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

measure() { # label, then the command; prints "label wall_s rss_mb rows_per_s"
  local label=$1
  shift
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  rm -f "$log"
  awk -v label="$label" -v wall="$wall" -v rss="$rss" -v rows="$rows" \
    'BEGIN { printf "%-34s %8.2f s %8.0f MB %12.0f rows/s\n", label, wall, rss / 1024, rows / wall }'
}

rm -rf "$work"/out_*
echo "input: $score ($(du -m "$score" | cut -f1) MB, $rows rows); $(nproc) cores"
measure "old whole-file -> csv" "$old" predict --model "$model" --input "$score" --output "$work/out_old.csv"
measure "old whole-file -> parquet" "$old" predict --model "$model" --input "$score" --output "$work/out_old.parquet"
measure "new chunked, 1 thread -> csv" "$new" predict "$model" --input "$score" --output "$work/out_new1.csv" --threads 1
measure "new chunked, $(nproc) threads -> csv" "$new" predict "$model" --input "$score" --output "$work/out_new.csv"
measure "new chunked, $(nproc) threads -> parquet" "$new" predict "$model" --input "$score" --output "$work/out_new.parquet"
measure "new, --chunk-rows 16384 -> parquet" "$new" predict "$model" --input "$score" --output "$work/out_new_small.parquet" --chunk-rows 16384
if cmp -s "$work/out_old.csv" "$work/out_new.csv" && cmp -s "$work/out_new1.csv" "$work/out_new.csv"; then
  echo "outputs: old and new CSV outputs are byte-identical (1 and $(nproc) threads)"
else
  echo "outputs: DIFFER between old and new" >&2
  exit 1
fi
