#!/usr/bin/env bash
# Soak test (not part of `make test`): the service on loopback under an open-loop load at ~50 % of its measured
# sustainable rate for DURATION_MINUTES (default 5), RSS sampled every SAMPLE_SECONDS; prints per-minute requests,
# errors, p50/p99 and RSS, then the memory growth after the warm-up minute. Exit 1 on any server error (an error
# status or a failed connection) or when RSS grows more than MAX_GROWTH_MIB after the first minute. Requests the
# load tool could not send on schedule ("client overloaded": the generator itself ran out of CPU) are counted
# apart as "late", since the service never saw them.
#
#   tests/soak/run-soak.sh                      # 5 minutes, Release build
#   DURATION_MINUTES=2 SKIP_BUILD=1 CONFIGURATION=Debug tests/soak/run-soak.sh
set -euo pipefail

DURATION_MINUTES=${DURATION_MINUTES:-5}
LOAD_FRACTION=${LOAD_FRACTION:-0.5}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-5}
MAX_GROWTH_MIB=${MAX_GROWTH_MIB:-50}
CONFIGURATION=${CONFIGURATION:-Release}
PORT=${PORT:-18080}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mlservice-soak-XXXXXX")
BIN="net10.0"
API="$ROOT/service/MlService.Api/bin/$CONFIGURATION/$BIN/MlService.Api.dll"
TRAINER="$ROOT/service/MlService.Trainer/bin/$CONFIGURATION/$BIN/mlservice-trainer.dll"
LOADTEST="$ROOT/service/MlService.LoadTest/bin/$CONFIGURATION/$BIN/mlservice-loadtest.dll"
TARGET="http://127.0.0.1:$PORT"
SERVICE_PID=""
SAMPLER_PID=""

cleanup() {
  [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null || true
  if [[ -n "$SERVICE_PID" ]]; then kill -TERM "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  for project in MlService.Api MlService.Trainer MlService.LoadTest; do
    dotnet build -c "$CONFIGURATION" -v quiet -nologo "$ROOT/service/$project/$project.csproj" >/dev/null
  done
fi

echo "soak: work dir $WORK"
dotnet "$TRAINER" datagen --out "$WORK/heart.csv" --rows 303 >/dev/null
dotnet "$TRAINER" train --data "$WORK/heart.csv" --label target --task binary --out "$WORK/model" >/dev/null
dotnet "$TRAINER" publish --store "$WORK/store" --name heart-disease --model-dir "$WORK/model" --alias production >/dev/null

ASPNETCORE_URLS="$TARGET" MlService__Grpc__Enabled=false MODEL_URI="models:/heart-disease@production" MlService__Store__Root="$WORK/store" \
  MlService__Store__CacheDirectory="$WORK/cache" Logging__LogLevel__Default=Warning \
  dotnet "$API" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do
  curl -fsS "$TARGET/readyz" >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { echo "soak: the service exited:"; cat "$WORK/service.log"; exit 1; }
  sleep 0.5
done
curl -fsS "$TARGET/readyz" >/dev/null || { echo "soak: the service did not become ready"; exit 1; }

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVICE_PID/status"; }

# Sustainable rate: a closed loop of 8 clients for 15 s (the rate the service delivers when never idle).
dotnet "$LOADTEST" --target "$TARGET" --mode closed -c 8 --duration 15s --no-progress --json-out "$WORK/capacity.json" >/dev/null || true
CAPACITY=$(jq -r '.totals.requests_per_second' "$WORK/capacity.json")
RATE=$(awk -v c="$CAPACITY" -v f="$LOAD_FRACTION" 'BEGIN { r = c * f; if (r < 1) r = 1; printf "%d", r }')
echo "soak: sustainable ~${CAPACITY} req/s (closed loop, 8 clients); soaking at ${RATE} req/s for ${DURATION_MINUTES} min"

( while kill -0 "$SERVICE_PID" 2>/dev/null; do echo "$(date +%s) $(rss_kib)"; sleep "$SAMPLE_SECONDS"; done ) >"$WORK/rss.txt" &
SAMPLER_PID=$!
RSS_START=$(rss_kib)

printf '%-6s %10s %8s %8s %9s %9s %10s\n' minute requests errors late p50_ms p99_ms rss_mib
status=0
for minute in $(seq 1 "$DURATION_MINUTES"); do
  dotnet "$LOADTEST" --target "$TARGET" --mode open --rate "$RATE" --duration 60s --no-progress \
    --json-out "$WORK/minute-$minute.json" >/dev/null || true
  rss=$(rss_kib)
  jq -r --arg m "$minute" --arg rss "$rss" \
    '"\($m) \(.totals.requests) \(.totals.errors - (.errors_by_exception["client overloaded"] // 0)) \(.errors_by_exception["client overloaded"] // 0) \(.latency.p50_ms) \(.latency.p99_ms) \($rss)"' \
    "$WORK/minute-$minute.json" | awk '{ printf "%-6s %10d %8d %8d %9.2f %9.2f %10.1f\n", $1, $2, $3, $4, $5, $6, $7 / 1024 }'
  [[ $minute == 1 ]] && RSS_WARM=$rss
  RSS_END=$rss
done

REQUESTS=$(jq -s 'map(.totals.requests) | add' "$WORK"/minute-*.json)
ERRORS=$(jq -s 'map(.totals.errors - (.errors_by_exception["client overloaded"] // 0)) | add' "$WORK"/minute-*.json)
LATE=$(jq -s 'map(.errors_by_exception["client overloaded"] // 0) | add' "$WORK"/minute-*.json)
P99_MAX=$(jq -s 'map(.latency.p99_ms) | max' "$WORK"/minute-*.json)
P99_MIN=$(jq -s 'map(.latency.p99_ms) | min' "$WORK"/minute-*.json)
GROWTH_MIB=$(awk -v a="$RSS_WARM" -v b="$RSS_END" 'BEGIN { printf "%.1f", (b - a) / 1024 }')
echo "soak: ${REQUESTS} requests, ${ERRORS} errors, ${LATE} late (not sent: load generator saturated); p99 per minute ${P99_MIN}..${P99_MAX} ms;" \
     "RSS $(awk -v k="$RSS_START" 'BEGIN{printf "%.1f", k/1024}') MiB at start, growth after minute 1: ${GROWTH_MIB} MiB (bound ${MAX_GROWTH_MIB} MiB)"
echo "soak: RSS samples every ${SAMPLE_SECONDS}s in $WORK/rss.txt; reports in $WORK/minute-*.json"
[[ "$ERRORS" == 0 ]] || { echo "soak: FAIL: errors"; status=1; }
awk -v g="$GROWTH_MIB" -v m="$MAX_GROWTH_MIB" 'BEGIN { exit !(g > m) }' && { echo "soak: FAIL: memory grew beyond the bound"; status=1; }
[[ $status == 0 ]] && echo "soak: PASS"
exit $status
