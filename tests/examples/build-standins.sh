#!/usr/bin/env bash
# Builds the stand-in images `make test-examples` swaps in for images that cannot be pulled here (no registry).
# Each is made "host-libs" style (tests/container/build-base-images.sh): the host's binary plus exactly the
# libraries ldd reports, so a build takes seconds. Rebuilt only when missing (or with --force).
#   localhost/standin-ex-probes:examples  our image + curl + sh, for 03-probes only: podman runs an httpGet probe as
#                                         `curl -f` inside the container, i.e. curl plays the kubelet's prober
#   localhost/standin-ex-python:examples  Debian's python3 (standard library only) for docker.io/library/python:3.12-slim
#   localhost/standin-ex-nginx:examples   Debian's nginx 1.22 laid out like docker.io/nginxinc/nginx-unprivileged
#                                         (user 101, that image's nginx.conf: pid and temp files in /tmp, includes
#                                         /etc/nginx/conf.d/*.conf, access log on stdout, error log on stderr)
#   localhost/standin-ex-awscli:examples  Debian's AWS CLI 2.9 (awscli package: python3 + its Debian python modules)
#                                         with sh and sleep, for docker.io/amazon/aws-cli
# Usage: build-standins.sh IMAGE [--force]   (IMAGE: our service image, e.g. localhost/mlservice:examples)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../container/podman-env.sh"
IMAGE="$1"
force="${2:-}"
PROBES=localhost/standin-ex-probes:examples
PYTHON=localhost/standin-ex-python:examples
NGINX=localhost/standin-ex-nginx:examples
AWSCLI=localhost/standin-ex-awscli:examples

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
if [ "$force" != --force ] && podman image exists "$NGINX"; then echo "have $NGINX"; else
  rm -rf "$scratch" && mkdir -p "$scratch/rootfs/tmp" "$scratch/rootfs/etc/nginx/conf.d" "$scratch/rootfs/var/log/nginx"
  chmod 1777 "$scratch/rootfs/tmp"
  copy_with_libs "$scratch/rootfs" "$(command -v nginx)"
  cp /etc/nginx/mime.types "$scratch/rootfs/etc/nginx/"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnginx:x:101:101:nginx:/nonexistent:/sbin/nologin\n' > "$scratch/rootfs/etc/passwd"
  printf 'root:x:0:\nnginx:x:101:\n' > "$scratch/rootfs/etc/group"
  ln -s /dev/stdout "$scratch/rootfs/var/log/nginx/access.log"
  ln -s /dev/stderr "$scratch/rootfs/var/log/nginx/error.log"
  # The nginx.conf of nginx-unprivileged 1.27 (runs as a non-root user: no `user` directive, writable paths in /tmp).
  cat > "$scratch/rootfs/etc/nginx/nginx.conf" <<'CONF'
worker_processes  auto;
error_log  /var/log/nginx/error.log notice;
pid        /tmp/nginx.pid;
events {
    worker_connections  1024;
}
http {
    proxy_temp_path /tmp/proxy_temp;
    client_body_temp_path /tmp/client_temp;
    fastcgi_temp_path /tmp/fastcgi_temp;
    uwsgi_temp_path /tmp/uwsgi_temp;
    scgi_temp_path /tmp/scgi_temp;
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;
    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';
    access_log  /var/log/nginx/access.log  main;
    sendfile        on;
    keepalive_timeout  65;
    include /etc/nginx/conf.d/*.conf;
}
CONF
  tar -C "$scratch/rootfs" -c . | podman import -q --change 'USER 101' --change 'STOPSIGNAL SIGQUIT' \
    --change 'CMD ["/usr/sbin/nginx", "-g", "daemon off;"]' - "$NGINX" >/dev/null
  echo "built $NGINX"
fi
if [ "$force" != --force ] && podman image exists "$AWSCLI"; then echo "have $AWSCLI"; else
  rm -rf "$scratch" && mkdir -p "$scratch/rootfs/tmp" "$scratch/rootfs/bin" "$scratch/rootfs/etc"
  chmod 1777 "$scratch/rootfs/tmp"
  py=$(readlink -f /usr/bin/python3)
  copy_with_libs "$scratch/rootfs" "$py" /usr/bin/aws "$(readlink -f "$(command -v dash)")" "$(command -v sleep)"
  ln -sf "$py" "$scratch/rootfs/usr/bin/python3"
  ln -sf "$(readlink -f "$(command -v dash)")" "$scratch/rootfs/bin/sh"
  [ -e "$scratch/rootfs/bin/sleep" ] || ln -sf "$(command -v sleep)" "$scratch/rootfs/bin/sleep"
  tar -C / --exclude='*/test/*' --exclude='*/__pycache__/*' -c "usr/lib/$(basename "$py")" | tar -C "$scratch/rootfs" -x
  # The Debian python modules the awscli package depends on (recursively), as installed on this machine.
  deps=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances awscli \
    | grep -oE '^ *(Pre)?Depends: python3-[^ ]+' | awk '{print $2}' | sort -u)
  dpkg -L awscli python3-cffi-backend $deps 2>/dev/null | grep '^/usr/lib/python3/dist-packages/' \
    | while read -r f; do [ -f "$f" ] && printf '%s\n' "${f#/}"; done > "$scratch/files"
  tar -C / -c -T "$scratch/files" | tar -C "$scratch/rootfs" -x
  copy_with_libs "$scratch/rootfs" $(find "/usr/lib/$(basename "$py")/lib-dynload" -name '*.so') \
    $(grep '\.so' "$scratch/files" | sed 's#^#/#')
  # awscrt initialises OpenSSL (s2n) at start: its configuration and provider modules come along.
  mkdir -p "$scratch/rootfs/etc/ssl" && cp /etc/ssl/openssl.cnf "$scratch/rootfs/etc/ssl/"
  ossl=$(dirname "$(find /usr/lib -path '*ossl-modules/legacy.so' | head -1)")
  mkdir -p "$scratch/rootfs$ossl" && cp -L "$ossl"/*.so "$scratch/rootfs$ossl/"
  echo "root:x:0:0:root:/root:/sbin/nologin" > "$scratch/rootfs/etc/passwd"
  tar -C "$scratch/rootfs" -c . | podman import -q --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    --change 'ENTRYPOINT ["/usr/bin/aws"]' - "$AWSCLI" >/dev/null
  echo "built $AWSCLI"
fi
rm -rf "$scratch"
