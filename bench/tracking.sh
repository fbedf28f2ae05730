#!/usr/bin/env bash
# Run store write and read speed (issue 5): one batch of POINTS metric values (10 metrics x POINTS/10 steps), the same
# values read back, and 1,000 one-value batches (an epoch-by-epoch log), on SQLite (a fresh tracking.db in a temporary
# folder) and on PostgreSQL (the test server tests/Kiln.Tracking.Tests/postgres.sh starts, a fresh database).
# The issue's goal: 100,000 values logged in under a second on SQLite. No peer runs here: MLflow is not packaged for
# Debian and PyPI is not reachable. Usage: bench/tracking.sh [POINTS] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."

points=${1:-100000}
repeats=${2:-5}

echo "load average: $(uptime)" >&2
echo "building bench/Kiln.Benchmarks (Release) ..." >&2
dotnet build -c Release bench/Kiln.Benchmarks -v quiet -nologo >&2
bench="dotnet bench/Kiln.Benchmarks/bin/Release/net10.0/Kiln.Benchmarks.dll"

folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
$bench metric-log "$folder" "$points" "$repeats"

eval "$(tests/Kiln.Tracking.Tests/postgres.sh --export)"
database="kiln_bench_$$"
psql_url="${KILN_TEST_POSTGRES}"
host=$(sed -nE 's/.*Host=([^;]+).*/\1/p' <<<"$psql_url"); port=$(sed -nE 's/.*Port=([^;]+).*/\1/p' <<<"$psql_url"); user=$(sed -nE 's/.*Username=([^;]+).*/\1/p' <<<"$psql_url")
psql -q -h "$host" -p "$port" -U "$user" -d postgres -c "CREATE DATABASE $database;"
trap 'psql -q -h "$host" -p "$port" -U "$user" -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE);"; rm -rf "$folder"' EXIT
$bench metric-log "Host=$host;Port=$port;Username=$user;Database=$database" "$points" "$repeats"
echo "load average after: $(uptime)" >&2
