#!/usr/bin/env bash
# CSV reading, Kiln vs pandas (issue 2): generates a 500,000-row x 50-column numeric CSV (6 significant digits,
# numpy seed 42) under bench/data/, times Kiln's CsvTable.Read and pandas.read_csv (best of 3 each, peak memory),
# and prints both with the ratios. Usage: bench/csv_read.sh [ROWS] [COLUMNS] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-500000}
columns=${2:-50}
repeats=${3:-3}
python=/usr/bin/python3
data_dir=bench/data
file="$data_dir/numeric_${rows}_${columns}.csv"

if ! "$python" -c "import pandas, numpy" 2>/dev/null; then
  echo "installing python3-pandas and python3-numpy (Debian packages) ..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pandas python3-numpy >&2
fi

mkdir -p "$data_dir"
if [ ! -f "$file" ]; then
  echo "generating $file ..." >&2
  "$python" bench/csv_read_generate.py "$file" "$rows" "$columns"
fi

echo "building bench/Kiln.Benchmarks (Release) ..." >&2
dotnet build -c Release bench/Kiln.Benchmarks -v quiet -nologo >&2

echo "timing Kiln ..." >&2
kiln=$(dotnet bench/Kiln.Benchmarks/bin/Release/net10.0/Kiln.Benchmarks.dll csv-read "$file" "$repeats")
echo "timing pandas ..." >&2
pandas=$("$python" bench/csv_read_pandas.py "$file" "$repeats")

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
kiln_seconds=$(field best_seconds "$kiln")
kiln_mb=$(field peak_rss_mb "$kiln")
pandas_seconds=$(field best_seconds "$pandas")
pandas_mb=$(field peak_rss_mb "$pandas")

echo "file:   $file ($(du -m "$file" | cut -f1) MB, $rows rows x $columns columns)"
echo "kiln:   $kiln"
echo "pandas: $pandas"
"$python" - "$kiln_seconds" "$pandas_seconds" "$kiln_mb" "$pandas_mb" <<'PY'
import sys
kiln_s, pandas_s, kiln_mb, pandas_mb = map(float, sys.argv[1:])
print(f"speed:  pandas time / Kiln time = {pandas_s / kiln_s:.2f}x  (Kiln {kiln_s:.3f} s, pandas {pandas_s:.3f} s)")
print(f"memory: Kiln peak / pandas peak = {kiln_mb / pandas_mb:.2f}  (Kiln {kiln_mb:.0f} MB, pandas {pandas_mb:.0f} MB)")
PY
