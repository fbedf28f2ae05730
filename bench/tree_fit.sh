#!/usr/bin/env bash
# One decision tree, Kiln vs scikit-learn (issue 3): Kiln's benchmark program generates ROWS x FEATURES gaussian
# features with a Friedman-like target and a binary label (bench/Kiln.Benchmarks/TreeData.cs, seed 42), writes them to
# bench/data/, and times its trees; scikit-learn then fits the same file with the same settings. Best of REPEATS each,
# single-threaded. Usage: bench/tree_fit.sh [ROWS] [FEATURES] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-100000}
features=${2:-20}
repeats=${3:-3}
python=/usr/bin/python3
data_dir=bench/data
file="$data_dir/trees_${rows}_${features}.csv"
mkdir -p "$data_dir"

echo "building bench/Kiln.Benchmarks (Release) ..." >&2
dotnet build -c Release bench/Kiln.Benchmarks -v quiet -nologo >&2

echo "timing Kiln ..." >&2
kiln=$(dotnet bench/Kiln.Benchmarks/bin/Release/net10.0/Kiln.Benchmarks.dll tree-fit "$rows" "$features" "$repeats" "$file")
echo "timing scikit-learn ..." >&2
sklearn=$("$python" bench/tree_fit_sklearn.py "$file" "$repeats")

echo "Kiln:"
echo "$kiln"
echo "scikit-learn $("$python" -c 'import sklearn; print(sklearn.__version__)'):"
echo "$sklearn"
echo "ratio (scikit-learn time / Kiln time):"
join -t '|' <(echo "$kiln" | sed -E 's/ +best ([0-9.]+) s.*/|\1/' | sort) <(echo "$sklearn" | sed -E 's/ +best ([0-9.]+) s.*/|\1/' | sort) \
  | awk -F '|' '{ printf "  %-32s %.2fx\n", $1, $3 / $2 }'
