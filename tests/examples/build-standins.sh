#!/usr/bin/env bash
# Builds the stand-in images `make test-examples` swaps in for images that cannot be pulled here (no registry).
# Each is made "host-libs" style (tests/container/build-base-images.sh): the host's binary plus exactly the
# libraries ldd reports, so a build takes seconds. Rebuilt only when missing (or with --force).
#   localhost/standin-ex-probes:examples  our image + curl + sh, for 03-probes only: podman runs an httpGet probe as
#                                         `curl -f` inside the container, i.e. curl plays the kubelet's prober
#   localhost/standin-ex-python:examples  Debian's python3 (standard library only) for docker.io/library/python:3.12-slim
# Usage: build-standins.sh IMAGE [--force]   (IMAGE: our service image, e.g. localhost/mlservice:examples)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../container/podman-env.sh"
IMAGE="$1"
force="${2:-}"
PROBES=localhost/standin-ex-probes:examples
PYTHON=localhost/standin-ex-python:examples

copy_with_libs() {   # rootfs binary...
  local rootfs="$1" lib f; shift
  for f in "$@"; do mkdir -p "$rootfs$(dirname "$f")"; cp -L "$f" "$rootfs$f"; done
  for lib in $(for f in "$@"; do ldd "$f" 2>/dev/null | grep -oE '/[^ ]+\.so[^ ]*' || true; done | sort -u); do
    mkdir -p "$rootfs$(dirname "$lib")"; cp -L "$lib" "$rootfs$lib"
  done
}

scratch="$CONTAINER_WORK/standins"
# The probes stand-in derives from IMAGE: rebuild it whenever IMAGE changed (its parent id is recorded as a label).
parent_id=$(podman image inspect -f '{{.Id}}' "$IMAGE")
if [ "$force" != --force ] && podman image exists "$PROBES" \
   && [ "$(podman image inspect -f '{{index .Labels "standin.parent"}}' "$PROBES")" = "$parent_id" ]; then
  echo "have $PROBES"
else
  rm -rf "$scratch" && mkdir -p "$scratch/rootfs"
  # podman 4.3 runs the probe as CMD-SHELL (`/bin/sh -c "curl -f ... || exit 1"`), so a shell comes too (dash).
  copy_with_libs "$scratch/rootfs" /usr/bin/curl "$(readlink -f "$(command -v dash)")"
  mkdir -p "$scratch/rootfs/bin" && ln -sf "$(readlink -f "$(command -v dash)")" "$scratch/rootfs/bin/sh"
  printf 'FROM %s\nCOPY rootfs/ /\nLABEL standin.parent=%s\n' "$IMAGE" "$parent_id" > "$scratch/Containerfile"
  podman build --pull=never --format docker -q -t "$PROBES" -f "$scratch/Containerfile" "$scratch" >/dev/null
  echo "built $PROBES"
fi

if [ "$force" != --force ] && podman image exists "$PYTHON"; then echo "have $PYTHON"; else
  rm -rf "$scratch" && mkdir -p "$scratch/rootfs/tmp" "$scratch/rootfs/usr/local/bin"
  chmod 1777 "$scratch/rootfs/tmp"
  py=$(readlink -f /usr/bin/python3)
  copy_with_libs "$scratch/rootfs" "$py"
  ln -s "$py" "$scratch/rootfs/usr/local/bin/python"
  # The standard library (the adapter imports nothing else); its C extensions link only libc/libz/libssl-like libs.
  tar -C / --exclude='*/test/*' --exclude='*/__pycache__/*' -c "usr/lib/$(basename "$py")" | tar -C "$scratch/rootfs" -x
  copy_with_libs "$scratch/rootfs" $(find "/usr/lib/$(basename "$py")/lib-dynload" -name '*.so')
  mkdir -p "$scratch/rootfs/etc" && echo "root:x:0:0:root:/root:/sbin/nologin" > "$scratch/rootfs/etc/passwd"
  tar -C "$scratch/rootfs" -c . | podman import --change 'ENV PATH=/usr/local/bin:/usr/bin' --change 'CMD ["python"]' - "$PYTHON" >/dev/null
  echo "built $PYTHON"
fi
rm -rf "$scratch"
