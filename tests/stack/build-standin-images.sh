#!/usr/bin/env bash
# Builds the stand-in images of compose/docker-compose.local.yml: what the compose file pulls from registries that
# our machines cannot reach, rebuilt in seconds from this machine's own programs ("host-libs" images, like
# tests/container/build-base-images.sh: a binary plus exactly the shared libraries ldd reports, `podman import`).
#   localhost/standin-nginx:stack       Debian's nginx 1.22 + an entrypoint doing what the official image's does
#                                       with docker-entrypoint.d/*.envsh and templates/ (standin/nginx-entrypoint.sh)
#   localhost/standin-prometheus:stack  Debian's prometheus 2.42, laid out like prom/prometheus (user nobody, /prometheus)
#   localhost/standin-minio:stack       s3rver (tests/s3rver) on :9000 with MINIO_ROOT_USER/PASSWORD as its key, and an
#                                       `mc` that does what the compose file asks of mc (alias set, mb, ready)
# nginx and Prometheus are the real programs; only the S3 server is a different program. Rebuilt on every run (a few
# seconds) so they always match this checkout. Usage: build-standin-images.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/tests/container/podman-env.sh"
scratch="$CONTAINER_WORK/standin-rootfs"

# Copies programs (by path) into rootfs at the same path, plus every library ldd reports for them.
add_programs() {
  local rootfs="$1" lib f; shift
  for f in "$@"; do mkdir -p "$rootfs$(dirname "$f")"; cp -L "$f" "$rootfs$f"; done
  for lib in $(for f in "$@"; do ldd "$f" 2>/dev/null | grep -oE '/[^ ]+\.so[^ ]*' || true; done | sort -u); do
    mkdir -p "$rootfs$(dirname "$lib")"; cp -L "$lib" "$rootfs$lib"
  done
}

new_rootfs() {
  rm -rf "$scratch" && mkdir -p "$scratch"/{tmp,etc,root,bin,usr/bin}
  chmod 1777 "$scratch/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' > "$scratch/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\nnogroup:x:65534:\n' > "$scratch/etc/group"
  # A POSIX shell for CMD-SHELL health checks and sh -c commands, as the official images have.
  add_programs "$scratch" "$(readlink -f "$(command -v dash)")"
  ln -sf "$(readlink -f "$(command -v dash)")" "$scratch/bin/sh"
}

import_rootfs() {
  local tag="$1"; shift
  tar -C "$scratch" -c . | podman import -q "$@" - "$tag" >/dev/null
  echo "built $tag ($(podman image inspect -f '{{.Size}}' "$tag" | awk '{printf "%d MB", $1/1e6}'))"
}

tool() { command -v "$1"; }

# nginx: Debian's binary with the directories its compiled-in paths need, and the official image's entrypoint steps.
new_rootfs
add_programs "$scratch" "$(tool nginx)" "$(tool awk | xargs readlink -f)" "$(tool envsubst)" "$(tool wget)" "$(tool cat)"
[ -e "$scratch/usr/bin/awk" ] || ln -s "$(tool awk | xargs readlink -f)" "$scratch/usr/bin/awk"
mkdir -p "$scratch"/etc/nginx/{conf.d,templates} "$scratch"/docker-entrypoint.d "$scratch"/var/log/nginx "$scratch"/var/lib/nginx "$scratch"/run
cp "$here/standin/nginx-entrypoint.sh" "$scratch/docker-entrypoint.sh" && chmod 755 "$scratch/docker-entrypoint.sh"
import_rootfs localhost/standin-nginx:stack \
  --change 'ENTRYPOINT ["/docker-entrypoint.sh"]' \
  --change 'CMD ["nginx", "-g", "daemon off;"]' \
  --change 'STOPSIGNAL SIGQUIT' \
  --change 'ENV PATH=/usr/sbin:/usr/bin:/bin'

# Prometheus: the layout of prom/prometheus (binary /bin/prometheus, config /etc/prometheus, data /prometheus, nobody).
new_rootfs
add_programs "$scratch" "$(tool prometheus)" "$(tool wget)"
[ -e "$scratch/bin/prometheus" ] || ln -s "$(tool prometheus)" "$scratch/bin/prometheus"
mkdir -p "$scratch/etc/prometheus" "$scratch/prometheus" && chown 65534:65534 "$scratch/prometheus"
import_rootfs localhost/standin-prometheus:stack \
  --change 'ENTRYPOINT ["/bin/prometheus"]' \
  --change 'CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]' \
  --change 'USER nobody' \
  --change 'WORKDIR /prometheus' \
  --change 'ENV PATH=/usr/bin:/bin'

# S3: node + s3rver 3.7.1 with the launcher the storage tests use, and the mc subset of the compose file.
[ -d "$root/tests/s3rver/node_modules/s3rver" ] || (cd "$root/tests/s3rver" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
new_rootfs
add_programs "$scratch" "$(readlink -f "$(tool node)")"
[ -e "$scratch/usr/bin/node" ] || ln -s "$(readlink -f "$(tool node)")" "$scratch/usr/bin/node"
cp /etc/ssl/openssl.cnf "$scratch/etc/" 2>/dev/null || true
mkdir -p "$scratch/opt/s3rver" "$scratch/data"
cp -a "$root/tests/s3rver/node_modules" "$root/tests/s3rver/start-s3rver.js" "$here/standin/minio-server.js" "$scratch/opt/s3rver/"
cp "$here/standin/mc.js" "$scratch/opt/s3rver/mc.js"
printf '#!/bin/sh\nexec node /opt/s3rver/mc.js "$@"\n' > "$scratch/usr/bin/mc" && chmod 755 "$scratch/usr/bin/mc"
import_rootfs localhost/standin-minio:stack \
  --change 'ENTRYPOINT ["node", "--openssl-legacy-provider", "/opt/s3rver/minio-server.js"]' \
  --change 'ENV PATH=/usr/bin:/bin' \
  --change 'ENV HOME=/root'
rm -rf "$scratch"
