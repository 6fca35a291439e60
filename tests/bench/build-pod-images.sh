#!/usr/bin/env bash
# Builds the two companion images of `make bench-pod`, so every system runs in a container under the same limits:
#   CEILING_IMAGE  the bare Kestrel ceiling (tests/MlService.Benchmarks, Release build) on top of IMAGE, which
#                  brings the same .NET runtime the service runs on
#   FASTAPI_IMAGE  FastAPI + scikit-learn from Debian's packages (python3-fastapi, python3-uvicorn, python3-sklearn)
#                  made "host-libs" style like tests/examples/build-standins.sh: the host's python3, its standard
#                  library, the dist-packages the two apps import (found by importing them) and the libraries ldd
#                  reports -- no registry, seconds to build. The apps (fastapi_app.py, fastapi_lean_app.py) are in /bench.
# Each is rebuilt when missing, when its inputs changed (a content hash is kept as a label) or with --force.
# Usage: build-pod-images.sh IMAGE CEILING_IMAGE FASTAPI_IMAGE [--force]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/tests/container/podman-env.sh"
IMAGE="$1" CEILING="$2" FASTAPI="$3" force="${4:-}"
PYTHON=/usr/bin/python3
scratch="$CONTAINER_WORK/bench-pod-images"

copy_with_libs() {   # rootfs file...
  local rootfs="$1" lib f; shift
  for f in "$@"; do mkdir -p "$rootfs$(dirname "$f")"; cp -L "$f" "$rootfs$f"; done
  for lib in $(for f in "$@"; do ldd "$f" 2>/dev/null | grep -oE '/[^ ]+\.so[^ ]*' || true; done | sort -u); do
    mkdir -p "$rootfs$(dirname "$lib")"; cp -L "$lib" "$rootfs$lib"
  done
}

current() {   # image hash: true when the image exists with this input hash
  podman image exists "$1" && [ "$force" != --force ] \
    && [ "$(podman image inspect -f '{{index .Labels "bench.inputs"}}' "$1")" = "$2" ]
}

ceiling_bin="$root/tests/MlService.Benchmarks/bin/Release/net10.0"
[ -f "$ceiling_bin/MlService.Benchmarks.dll" ] || { echo "build-pod-images: $ceiling_bin is missing (dotnet build -c Release first)" >&2; exit 1; }
hash=$( (podman image inspect -f '{{.Id}}' "$IMAGE"; cat "$ceiling_bin"/MlService.Benchmarks.dll) | sha256sum | cut -c1-16)
if current "$CEILING" "$hash"; then echo "have $CEILING"; else
  rm -rf "$scratch" && mkdir -p "$scratch"
  cp -r "$ceiling_bin" "$scratch/bench"
  cat > "$scratch/Containerfile" <<CONF
FROM $IMAGE
COPY bench/ /bench/
LABEL bench.inputs=$hash
ENTRYPOINT ["dotnet", "/bench/MlService.Benchmarks.dll", "ceiling", "--urls", "http://0.0.0.0:8080"]
CMD []
CONF
  podman build --pull=never --format docker -q -t "$CEILING" -f "$scratch/Containerfile" "$scratch" >/dev/null
  echo "built $CEILING"
fi

"$PYTHON" -c 'import fastapi, uvicorn, sklearn' 2>/dev/null \
  || { echo "build-pod-images: $PYTHON lacks fastapi/uvicorn/sklearn (apt-get install python3-fastapi python3-uvicorn python3-sklearn)" >&2; exit 1; }
hash=$(cat "$here/fastapi_app.py" "$here/fastapi_lean_app.py" <(dpkg-query -W python3-fastapi python3-uvicorn python3-sklearn python3-numpy python3-pydantic) | sha256sum | cut -c1-16)
if current "$FASTAPI" "$hash"; then echo "have $FASTAPI"; else
  rm -rf "$scratch" && mkdir -p "$scratch/rootfs/tmp" "$scratch/rootfs/bench" "$scratch/rootfs/usr/local/bin" "$scratch/rootfs/etc"
  chmod 1777 "$scratch/rootfs/tmp"
  py=$(readlink -f "$PYTHON")
  copy_with_libs "$scratch/rootfs" "$py"
  ln -s "$py" "$scratch/rootfs/usr/local/bin/python3"
  tar -C / --exclude='*/test/*' --exclude='*/__pycache__/*' -c "usr/lib/$(basename "$py")" | tar -C "$scratch/rootfs" -x
  # The import closure of both apps and of uvicorn's server (its loop and HTTP implementation load lazily).
  packages=$(cd "$here" && BENCH_DATA=/dev/null "$PYTHON" - <<'PY'
import sys, types
import numpy, fastapi, uvicorn, sklearn.linear_model, sklearn.pipeline, sklearn.preprocessing, pydantic
import uvicorn.config
async def asgi(scope, receive, send):
    pass
config = uvicorn.config.Config(app=asgi)
config.load()
import uvicorn.lifespan.on, uvicorn.protocols.http.h11_impl, uvicorn.loops.asyncio
tops = set()
for m in list(sys.modules.values()):
    f = getattr(m, "__file__", None) or ""
    if f.startswith("/usr/lib/python3/dist-packages/"):
        tops.add(f.split("/")[5])
print("\n".join(sorted(tops)))
PY
)
  for p in $packages; do
    tar -C / --exclude='*/tests/*' --exclude='*/__pycache__/*' -c "usr/lib/python3/dist-packages/$p" | tar -C "$scratch/rootfs" -x
  done
  # numpy/scipy/sklearn's C extensions and the BLAS/LAPACK they link (through the alternatives symlinks).
  copy_with_libs "$scratch/rootfs" $(find "$scratch/rootfs/usr/lib/python3/dist-packages" "$scratch/rootfs/usr/lib/$(basename "$py")/lib-dynload" -name '*.so' | sed "s#^$scratch/rootfs##")
  cp "$here/fastapi_app.py" "$here/fastapi_lean_app.py" "$scratch/rootfs/bench/"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nbench:x:1000:1000:bench:/tmp:/sbin/nologin\n' > "$scratch/rootfs/etc/passwd"
  tar -C "$scratch/rootfs" -c . | podman import --change 'ENV PATH=/usr/local/bin:/usr/bin' --change "LABEL bench.inputs=$hash" \
    --change 'USER 1000' --change 'WORKDIR /bench' \
    --change 'ENTRYPOINT ["python3", "-m", "uvicorn", "--app-dir", "/bench", "--host", "0.0.0.0", "--port", "8080", "--log-level", "warning", "--no-access-log"]' \
    --change 'CMD ["fastapi_app:app"]' - "$FASTAPI" >/dev/null 2>&1
  echo "built $FASTAPI"
fi
rm -rf "$scratch"
