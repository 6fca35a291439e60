#!/usr/bin/env bash
# make bench-pod: the per-pod benchmark. Builds the Release binaries (the ceiling and the trainer), the service
# image (tests/container's podman build, when IMAGE is missing or BENCH_POD_REBUILD=1), the ceiling and FastAPI
# images (build-pod-images.sh), then runs bench_pod.py. Extra arguments go to bench_pod.py, e.g. a smoke run:
#   tests/bench/bench-pod.sh --rounds 1 --cells 0.5x256,1x256 --duration 3 --warmup 1 --server-warmup 2
# Environment: IMAGE, CEILING_IMAGE, FASTAPI_IMAGE (tags), BENCH_POD_PORT (host port), BENCH_POD_PREFIX
# (container names), BENCH_POD_DOCS (markdown file whose bench-pod block receives the table).
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/container/podman-env.sh
IMAGE="${IMAGE:-localhost/mlservice:bench-pod}"
CEILING_IMAGE="${CEILING_IMAGE:-localhost/mlservice-ceiling:bench-pod}"
FASTAPI_IMAGE="${FASTAPI_IMAGE:-localhost/fastapi-sklearn:bench-pod}"
NUGET_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"

for tool in wrk podman dotnet /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "bench-pod: $tool is missing (apt-get install wrk podman python3-fastapi python3-uvicorn python3-sklearn)" >&2; exit 1; }
done

dotnet build tests/MlService.Benchmarks/MlService.Benchmarks.csproj -c Release --nologo -v quiet
if ! podman image exists "$IMAGE" || [ "${BENCH_POD_REBUILD:-0}" = 1 ]; then
  tests/container/build-base-images.sh
  mkdir -p "$NUGET_PACKAGES"
  podman build --pull=never --format docker -v "$NUGET_PACKAGES:/root/.nuget/packages" -t "$IMAGE" .
else
  echo "bench-pod: using the existing $IMAGE (built $(podman image inspect -f '{{.Created}}' "$IMAGE"); BENCH_POD_REBUILD=1 rebuilds it)"
fi
tests/bench/build-pod-images.sh "$IMAGE" "$CEILING_IMAGE" "$FASTAPI_IMAGE"

docs=()
[ -n "${BENCH_POD_DOCS:-}" ] && docs=(--docs "$BENCH_POD_DOCS")
exec /usr/bin/python3 tests/bench/bench_pod.py --image "$IMAGE" --ceiling-image "$CEILING_IMAGE" --fastapi-image "$FASTAPI_IMAGE" \
  --trainer tests/MlService.Benchmarks/bin/Release/net10.0/mlservice-trainer.dll \
  --port "${BENCH_POD_PORT:-18080}" --prefix "${BENCH_POD_PREFIX:-bench-pod-}" "${docs[@]}" "$@"
