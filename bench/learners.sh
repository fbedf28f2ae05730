#!/usr/bin/env bash
# Issue 4's speed and memory section, side by side: Kiln's learners against scikit-learn, LightGBM called directly and
# xgboost, on one generated 500,000 x 50 binary classification set (make_classification, 20 informative features,
# random_state 42) with a held-out 100,000-row test set, generated once and cached under bench/data/learners/.
#
# Every fit runs in its own process, which prints "name|fit seconds|fit CPU seconds|test AUC|peak RSS MB|RSS MB before the
# fit"; peak RSS is the process's VmHWM, so it includes the loaded data (the RSS before the fit is printed for that
# reason). Fit time is the fit call only (data loading and prediction excluded); CPU seconds are the process's user +
# system time during the fit over all threads, the fairer measure when other work shares the cores. OMP_WAIT_POLICY=passive is set for every process (LightGBM and
# xgboost use OpenMP; with active waiting they slow down badly on a busy machine).
#
# Usage: bench/learners.sh [SECTION ...]   sections: random_forest lightgbm mlp (default: all). THREADS=2 by default.
# Each section prints its own lines. The mlp section runs bench/mlp_epoch.sh (time per epoch, one hidden layer of 100,
# adam, batches of 200, 3 epochs on its own 500,000 x 50 make_classification set, seed 42); scikit-learn's speed there
# depends on the BLAS numpy links (Debian's reference BLAS unless libopenblas0-pthread is installed; the script prints it).
set -euo pipefail
cd "$(dirname "$0")/.."

python=/usr/bin/python3
threads=${THREADS:-2}
data_dir=bench/data/learners
kiln_dll=bench/Kiln.Benchmarks/bin/Release/net10.0/Kiln.Benchmarks.dll
export OMP_WAIT_POLICY=passive

prepare() {
  if [[ ! -f "$data_dir/test_y.f64" ]]; then
    echo "generating $data_dir (make_classification 600,000 x 50, seed 42) ..." >&2
    "$python" bench/learners_python.py generate "$data_dir"
  fi
  if [[ -z "${KILN_BENCH_NO_BUILD:-}" ]]; then
    echo "building bench/Kiln.Benchmarks (Release) ..." >&2
    dotnet build -c Release bench/Kiln.Benchmarks -v quiet -nologo >&2
  fi
}

# One fit in its own process: kiln KIND or python KIND; prints the result line.
kiln_fit() { dotnet "$kiln_dll" learner-fit "$1" "$data_dir" "$threads"; }
python_fit() { "$python" bench/learners_python.py "$1" "$data_dir" "$threads"; }

show() {
  # show LINE: "name|seconds|cpu|auc|peak|before" as aligned columns
  echo "$1" | awk -F '|' '{ printf "  %-72s fit %8.2f s  CPU %8.2f s  AUC %.5f  peak RSS %6d MB  (before fit %d MB)\n", $1, $2, $3, $4, $5, $6 }'
}

ratio() {
  # ratio LABEL A B: A's fit time over B's, and the AUC difference A - B
  local a=$2 b=$3
  awk -F '|' -v label="$1" -v a="$a" -v b="$b" 'BEGIN {
    split(a, x, "|"); split(b, y, "|");
    printf "  %-60s time %.2fx   CPU %.2fx   AUC %+.5f   peak RSS %.2fx\n", label, x[2] / y[2], x[3] / y[3], x[4] - y[4], x[5] / y[5] }'
}

section_random_forest() {
  echo "== random forest, 50 trees, $threads threads =="
  local kiln sklearn
  kiln=$(kiln_fit random-forest)
  sklearn=$(python_fit random-forest)
  show "$kiln"
  show "$sklearn"
  ratio "Kiln / scikit-learn (goal: time <= 1.00x, AUC >= +0)" "$kiln" "$sklearn"
}

section_lightgbm() {
  echo "== LightGBM, 100 rounds, $threads threads =="
  local kiln direct xgb
  kiln=$(kiln_fit lightgbm)
  direct=$(kiln_fit lightgbm-direct)
  xgb=$(python_fit xgboost)
  show "$kiln"
  show "$direct"
  show "$xgb"
  ratio "Kiln LightGBM / LightGBM directly (goal: time <= 1.05x)" "$kiln" "$direct"
  ratio "Kiln LightGBM / xgboost hist (goal: time < 1.00x, AUC >= +0)" "$kiln" "$xgb"
}

section_mlp() {
  echo "== MLP, one hidden layer of 100, adam, batch 200, 3 epochs =="
  bench/mlp_epoch.sh 500000 3 | sed 's/^/  /'
}

sections=("$@")
if [[ ${#sections[@]} -eq 0 ]]; then
  sections=(random_forest lightgbm mlp)
fi
prepare
echo "machine: $(nproc) cores, load average $(cut -d ' ' -f 1-3 /proc/loadavg) at start; $(date -u +%Y-%m-%dT%H:%MZ)"
for section in "${sections[@]}"; do
  "section_$section"
done
echo "load average at end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
