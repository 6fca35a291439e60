#!/usr/bin/env bash
# make bench: builds the Release binaries the end-to-end benchmark runs, then runs tests/bench/bench.py
# (interleaved FastAPI / ceiling / MlService rounds with wrk). Extra arguments go to bench.py, e.g.
#   tests/bench/run-bench.sh --rounds 1 --duration 3      (a quick smoke run)
set -euo pipefail
cd "$(dirname "$0")/../.."
CONFIGURATION="${CONFIGURATION:-Release}"
PYTHON="${BENCH_PYTHON:-/usr/bin/python3}"

for tool in wrk dotnet "$PYTHON"; do
  command -v "$tool" >/dev/null || { echo "run-bench: $tool is missing (apt-get install wrk python3-fastapi python3-uvicorn python3-sklearn)" >&2; exit 1; }
done
"$PYTHON" -c 'import fastapi, uvicorn, sklearn' 2>/dev/null \
  || { echo "run-bench: $PYTHON lacks fastapi/uvicorn/sklearn (apt-get install python3-fastapi python3-uvicorn python3-sklearn)" >&2; exit 1; }

# The benchmarks project references the API and the trainer, so these two builds cover all four executables.
dotnet build tests/MlService.Benchmarks/MlService.Benchmarks.csproj -c "$CONFIGURATION" --nologo -v quiet
dotnet build service/MlService.LoadTest/MlService.LoadTest.csproj -c "$CONFIGURATION" --nologo -v quiet

exec "$PYTHON" tests/bench/bench.py --python "$PYTHON" --configuration "$CONFIGURATION" "$@"
