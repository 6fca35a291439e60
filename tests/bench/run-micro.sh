#!/usr/bin/env bash
# make bench-micro: BenchmarkDotNet micro-benchmarks of the hot path with a short job (minutes, not hours).
# The GitHub-markdown reports are collected into tests/bench/results/micro/. BENCH_FILTER narrows the run, e.g.
#   BENCH_FILTER='*Decode*' tests/bench/run-micro.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=tests/bench/results/micro
ARTIFACTS="$(mktemp -d -t mlservice-bdn-XXXXXX)"
trap 'rm -rf "$ARTIFACTS"' EXIT

dotnet run -c Release --project tests/MlService.Benchmarks/MlService.Benchmarks.csproj -- \
  --filter "${BENCH_FILTER:-*}" --job short --artifacts "$ARTIFACTS" "$@"

mkdir -p "$OUT"
for report in "$ARTIFACTS"/results/*-report-github.md; do
  cp "$report" "$OUT/$(basename "$report" | sed 's/^MlService\.Benchmarks\.Micro\.//; s/-report-github//')"
done
"${BENCH_PYTHON:-/usr/bin/python3}" tests/bench/report.py --micro "$OUT" >/dev/null
echo "micro-benchmark reports in $OUT (tables also in docs/benchmarks.md)"
