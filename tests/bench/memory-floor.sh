#!/usr/bin/env bash
# Finds the memory floor of the image: for each memory limit (MiB, highest first), a fresh container under
# --memory=--memory-swap=<limit> and --cpus=$CPUS must become ready, answer a single-record prediction and a
# 1000-row batch with 200, and survive 20 s of wrk with 1000-row batches at 64 connections (shed 503s are fine,
# an OOM kill is not). Prints one line per limit and the floor: the lowest limit at which every higher one passed.
# Usage: memory-floor.sh IMAGE [LIMITS...]    env: CPUS (default 1), PORT (18080), PREFIX (memory-floor-), LOAD_SECONDS (20)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../container/podman-env.sh"
IMAGE="$1"; shift
limits=("${@:-256 128 96 80 64 56 48 40 32 24}")
CPUS="${CPUS:-1}" PORT="${PORT:-18080}" NAME="${PREFIX:-memory-floor-}run" LOAD_SECONDS="${LOAD_SECONDS:-20}"
work=$(mktemp -d); trap 'podman rm -f --ignore "$NAME" >/dev/null; rm -rf "$work"' EXIT
# conmon drops a file named "oom" into its working directory when a container is OOM-killed: keep it out of the checkout.
cd "$work"
row='{"age": 63, "sex": 1, "cp": 1, "trestbps": 145, "chol": 233, "fbs": 1, "restecg": 2, "thalach": 150, "exang": 0, "oldpeak": 2.3, "slope": 3, "ca": 0, "thal": 6}'
printf '%s' "$row" > "$work/single.json"
{ printf '['; for i in $(seq 999); do printf '%s,' "$row"; done; printf '%s]' "$row"; } > "$work/batch.json"

floor="" broken=""
for limit in ${limits[@]}; do
  podman rm -f --ignore "$NAME" >/dev/null
  podman run -d --name "$NAME" --cpus "$CPUS" --memory "${limit}m" --memory-swap "${limit}m" -p "127.0.0.1:$PORT:8080" "$IMAGE" >/dev/null
  t0=$(date +%s%N) ready=""
  for _ in $(seq 1200); do
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/health/ready"; then ready=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
    [ "$(podman inspect -f '{{.State.Running}}' "$NAME")" = true ] || break
    sleep 0.05
  done
  single=000 batch=000 load=""
  if [ -n "$ready" ]; then
    single=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$work/single.json" "http://127.0.0.1:$PORT/predict")
    batch=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$work/batch.json" "http://127.0.0.1:$PORT/predict")
    load=$(wrk -t2 -c64 -d"${LOAD_SECONDS}s" --timeout 30s -s "$here/post.lua" "http://127.0.0.1:$PORT" -- "$work/batch.json" /predict 2>&1 \
      | awk '/Requests\/sec/ {rps=$2} /Non-2xx/ {n=$NF} END {printf "%s batches/s, non-2xx %s", rps, (n==""?0:n)}')
  fi
  state=$(podman inspect -f '{{.State.Status}} oom_killed={{.State.OOMKilled}} exit={{.State.ExitCode}}' "$NAME")
  last=$(podman logs "$NAME" 2>&1 | tail -1 | cut -c1-200)
  echo "limit ${limit} MiB: ready ${ready:-never} ms, single ${single}, batch ${batch}, load ${load:-none}; after: ${state}"
  [ -z "$ready" ] && echo "  last log line: $last"
  if [ -n "$ready" ] && [ "$single" = 200 ] && [ "$batch" = 200 ] && [[ "$state" == running* ]]; then
    [ -n "$broken" ] || floor="$limit"
  else
    broken=1
  fi
done
echo "floor: ${floor:-none of the limits passed} MiB (cpus ${CPUS})"
