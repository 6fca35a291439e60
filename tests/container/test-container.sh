#!/usr/bin/env bash
# make test-container: proves the root Dockerfile with a real container engine (podman, rootful, no registry).
#  1. base images built locally from this machine's .NET and tagged with the official names (build-base-images.sh)
#  2. podman build --pull=never of the Dockerfile (restore layer, publish, demo model trained at build time)
#  3. run it: wait for /health/ready, predict, check the process is not root, run the trainer by argument
#  4. SIGTERM (podman stop): the service must exit 0 within the grace period
#  5. the compose/k8s flow with a file store: trainer steps datagen -> train -> publish --alias production in the
#     image, then a server reading models:/heart-disease@production from that store
# Prints the image size and the start-to-ready time. Env: IMAGE (default localhost/mlservice:test), KEEP=1 keeps it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/podman-env.sh"

IMAGE="${IMAGE:-localhost/mlservice:test}"
NAME="mlservice-test-$$"
GRACE_SECONDS=45            # terminationGracePeriodSeconds / stop_grace_period in k8s/ and compose/
DRAIN_SECONDS=2
NUGET_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
started_all=$(date +%s)

step() { printf '\n== %s\n' "$*"; }
fail() { echo "test-container: FAIL: $*" >&2; podman logs --tail 40 "$NAME" >&2 2>/dev/null || true; exit 1; }
cleanup() { [ "${KEEP:-0}" = 1 ] || podman rm -f "$NAME" "$NAME-registry" >/dev/null 2>&1 || true; }
trap cleanup EXIT

step "base images"
"$here/build-base-images.sh"

step "podman build --pull=never $IMAGE"
mkdir -p "$NUGET_PACKAGES"
t0=$(date +%s)
# The host's NuGet cache is mounted for the restore only (not part of any layer): the build needs no download
# of packages the machine already has. --format docker keeps the Dockerfile's metadata as written.
podman build --pull=never --format docker -v "$NUGET_PACKAGES:/root/.nuget/packages" -t "$IMAGE" "$root"
echo "build: $(( $(date +%s) - t0 )) s, image size: $(podman image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%d MB", $1/1e6}')"

step "trainer runs from the same image by argument"
help=$(podman run --rm "$IMAGE" mlservice-trainer.dll --help) || fail "trainer --help exited non-zero"
grep -q datagen <<<"$help" || fail "trainer --help did not list datagen"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_ready NAME PORT: polls /health/ready (bounded: 120 x 0.5 s) and prints the time it took.
wait_ready() {
  local name="$1" port="$2" t0 ready=""
  t0=$(date +%s%N)
  for _ in $(seq 1 120); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; then ready=1; break; fi
    [ "$(podman inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" = true ] || NAME="$name" fail "container exited"
    sleep 0.5
  done
  [ -n "$ready" ] || NAME="$name" fail "/health/ready not 200 within 60 s"
  echo "start to ready: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}

# predict PORT: one row in, a prediction of heart-disease out, with the response headers of the contract.
predict() {
  local body response
  body='{"age":57,"sex":1,"cp":4,"trestbps":140,"chol":241,"fbs":0,"restecg":0,"thalach":123,"exang":1,"oldpeak":0.2,"slope":2,"ca":0,"thal":7}'
  response=$(curl -fsS -D "$CONTAINER_WORK/headers" "http://127.0.0.1:$1/predict" -H 'content-type: application/json' -d "$body") \
    || fail "POST /predict failed"
  echo "$response"
  grep -q '"model_name":"heart-disease"' <<<"$response" || fail "no model_name in the prediction"
  grep -q '"prediction"' <<<"$response" || fail "no prediction object"
  grep -qi '^x-served-by:' "$CONTAINER_WORK/headers" || fail "no X-Served-By header"
}

step "run the server (demo model baked into the image)"
port=$(free_port)
podman run -d --name "$NAME" -p "127.0.0.1:$port:8080" -e "MlService__Shutdown__DrainDelaySeconds=$DRAIN_SECONDS" "$IMAGE" >/dev/null
wait_ready "$NAME" "$port"

step "predict"
predict "$port"

step "non-root"
pid=$(podman inspect -f '{{.State.Pid}}' "$NAME")
uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
echo "uid of the server process: $uid"
[ "$uid" != 0 ] || fail "the server runs as root"

step "SIGTERM"
t0=$(date +%s%N)
podman stop -t "$GRACE_SECONDS" "$NAME" >/dev/null
elapsed_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
code=$(podman inspect -f '{{.State.ExitCode}}' "$NAME")
echo "exit code $code after ${elapsed_ms} ms (drain ${DRAIN_SECONDS} s, grace ${GRACE_SECONDS} s)"
[ "$code" = 0 ] || fail "exit code $code after SIGTERM"
[ "$elapsed_ms" -lt $(( GRACE_SECONDS * 1000 )) ] || fail "did not stop within the grace period (killed)"

step "trainer steps into a file store, then a server reading models:/heart-disease@production"
store="$CONTAINER_WORK/data"
rm -rf "$store" && mkdir -p "$store" && chown 1654:1654 "$store"      # the image's non-root user writes here
trainer() { podman run --rm -v "$store:/data" "$IMAGE" mlservice-trainer.dll "$@" >/dev/null || fail "trainer $1 failed"; }
t0=$(date +%s)
trainer datagen --rows 2000 --seed 7 --out /data/heart.csv
trainer train --data /data/heart.csv --label target --task binary --name heart-disease --out /data/model
trainer publish --store file:///data/store --name heart-disease --model-dir /data/model --alias production
echo "datagen + train + publish: $(( $(date +%s) - t0 )) s"
[ "$(cat "$store/store/heart-disease/aliases/production")" = 1 ] || fail "alias production does not point at version 1"
port=$(free_port)
podman run -d --name "$NAME-registry" -p "127.0.0.1:$port:8080" -v "$store:/data:ro" \
  -e MlService__Store__Root=file:///data/store -e MODEL_URI=models:/heart-disease@production "$IMAGE" >/dev/null
wait_ready "$NAME-registry" "$port"
NAME="$NAME-registry" predict "$port"

echo
echo "test-container: OK in $(( $(date +%s) - started_all )) s"
