#!/usr/bin/env bash
# MLP time per epoch, Kiln vs scikit-learn (issue 4): a generated ROWS x 50 binary classification (make_classification,
# 20 informative features, random_state 42), written once to bench/data/, fitted by both with one hidden layer of 100 relu
# units, adam, batches of 200 and EPOCHS epochs (tol 0, so neither stops early). Each side reports its fit time divided by
# the epochs and its peak resident memory (data loading included). Kiln uses every core (MaxDegreeOfParallelism = cores);
# scikit-learn uses whatever BLAS numpy links. Usage: bench/mlp_epoch.sh [ROWS] [EPOCHS]
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-500000}
epochs=${2:-3}
python=/usr/bin/python3
file="bench/data/classification_${rows}_50.csv"

echo "load average: $(uptime)" >&2
echo "generating $file (once) ..." >&2
"$python" bench/mlp_epoch_sklearn.py generate "$file" "$rows" 50

echo "building bench/Kiln.Benchmarks (Release) ..." >&2
dotnet build -c Release bench/Kiln.Benchmarks -v quiet -nologo >&2

echo "timing Kiln ..." >&2
kiln=$(dotnet bench/Kiln.Benchmarks/bin/Release/net10.0/Kiln.Benchmarks.dll mlp-epoch "$file" "$epochs")
echo "timing scikit-learn ..." >&2
sklearn=$("$python" bench/mlp_epoch_sklearn.py time "$file" "$epochs")

echo "$kiln"
echo "$sklearn  (scikit-learn $("$python" -c 'import sklearn; print(sklearn.__version__)'), BLAS $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown))"
kiln_epoch=$(echo "$kiln" | sed -nE 's/^Kiln .* per epoch ([0-9.]+) s.*/\1/p')
sklearn_epoch=$(echo "$sklearn" | sed -nE 's/.* per epoch ([0-9.]+) s.*/\1/p')
awk -v k="$kiln_epoch" -v s="$sklearn_epoch" 'BEGIN { printf "ratio Kiln / scikit-learn time per epoch: %.2fx (goal: at most 1.0x)\n", k / s }'
echo "load average after: $(uptime)" >&2
