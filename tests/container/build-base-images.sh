#!/usr/bin/env bash
# Builds the two base images the root Dockerfile names, from this machine's own .NET install, and tags them
# with the official names so `podman build --pull=never` finds them locally (no registry is reachable here).
#   mcr.microsoft.com/dotnet/sdk:10.0                    host-libs image: /usr/share/dotnet, the libs it links, ICU,
#                                                        sh and basic tools (the real sdk image is full Debian)
#   mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled  host-libs image: dotnet host + shared runtimes, no shell,
#                                                        user app (1654) like the real chiseled image
# "host-libs": copy exactly the shared libraries that `ldd` reports for the binaries we ship, nothing else. It takes
# seconds, where debootstrap takes ~100 s. Usage: build-base-images.sh [--force]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/podman-env.sh"

SDK_IMAGE="${SDK_IMAGE:-mcr.microsoft.com/dotnet/sdk:10.0}"
RUNTIME_IMAGE="${RUNTIME_IMAGE:-mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled}"
DOTNET_ROOT="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"
NUGET_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
SDK_TOOLS="mkdir cp mv rm ls cat ln chmod chown touch env id uname sed grep tar gzip find"
force="${1:-}"

have_image() { [ "$force" != --force ] && podman image exists "$1"; }

# Copies every library that ldd reports for the given ELF files into rootfs, keeping the host paths.
copy_linked_libs() {
  local rootfs="$1"; shift
  local lib
  for lib in $(for f in "$@"; do ldd "$f" 2>/dev/null | grep -oE '/[^ ]+\.so[^ ]*' || true; done | sort -u); do
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done
}

# OpenSSL is dlopen()ed by System.Security.Cryptography (sha256 of model files, TLS to S3), so ldd never shows it.
copy_openssl() {
  local rootfs="$1" lib
  for lib in $(ldconfig -p | awk '/lib(ssl|crypto)\.so\.3 .*x86-64/{print $NF}'); do
    mkdir -p "$rootfs$(dirname "$lib")"; cp -L "$lib" "$rootfs$lib"
  done
}

base_layout() {
  local rootfs="$1"
  mkdir -p "$rootfs"/{tmp,etc/ssl/certs,root,usr/bin}
  chmod 1777 "$rootfs/tmp"
  cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
  printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:1654:1654:app:/home/app:/sbin/nologin\n' > "$rootfs/etc/passwd"
  printf 'root:x:0:\napp:x:1654:\n' > "$rootfs/etc/group"
  mkdir -p "$rootfs/home/app" && chown 1654:1654 "$rootfs/home/app"
}

import_rootfs() {
  local rootfs="$1" tag="$2"; shift 2
  # One ENV per --change: with two variables in one ENV podman applied only the first.
  tar -C "$rootfs" -c . | podman import "$@" - "$tag" >/dev/null
  echo "built $tag ($(podman image inspect -f '{{.Size}}' "$tag" | awk '{printf "%d MB", $1/1e6}'))"
}

native_libs() {
  find "$DOTNET_ROOT" -name '*.so' -type f
  find "$NUGET_PACKAGES"/microsoft.ml* -path '*linux-x64/native/*.so' -type f 2>/dev/null || true
}

scratch="$CONTAINER_WORK/rootfs"

if have_image "$SDK_IMAGE"; then echo "have $SDK_IMAGE"; else
  rm -rf "$scratch" && mkdir -p "$scratch"
  base_layout "$scratch"
  mkdir -p "$scratch/usr/share"
  cp -a "$DOTNET_ROOT" "$scratch/usr/share/dotnet"
  ln -sf /usr/share/dotnet/dotnet "$scratch/usr/bin/dotnet"
  # A POSIX shell (dash) and the basic tools, so shell-form RUN lines work as they do in the real sdk image.
  cp -L "$(command -v dash)" "$scratch/usr/bin/sh"; mkdir -p "$scratch/bin"; ln -sf /usr/bin/sh "$scratch/bin/sh"
  tools=()
  for t in $SDK_TOOLS; do tools+=("$(command -v "$t")"); cp -L "$(command -v "$t")" "$scratch/usr/bin/$t"; done
  copy_linked_libs "$scratch" "$DOTNET_ROOT/dotnet" $(command -v dash) "${tools[@]}" $(native_libs)
  copy_openssl "$scratch"
  # ICU, which the real sdk image has (MSBuild warns about package cultures without it).
  for lib in $(ldconfig -p | awk '/libicu(uc|i18n|data)\.so\.[0-9]+ .*x86-64/{print $NF}'); do
    mkdir -p "$scratch$(dirname "$lib")"; cp -L "$lib" "$scratch$lib"
  done
  # This machine reaches NuGet through a TLS-inspecting proxy: the host CA bundle (copied above) and the host's
  # revocation mode let `dotnet restore` inside the build work as it does on the host.
  revocation=()
  [ -n "${NUGET_CERT_REVOCATION_MODE:-}" ] && revocation=(--change "ENV NUGET_CERT_REVOCATION_MODE=$NUGET_CERT_REVOCATION_MODE")
  import_rootfs "$scratch" "$SDK_IMAGE" "${revocation[@]}" \
    --change 'ENV PATH=/usr/share/dotnet:/usr/bin:/bin' \
    --change 'ENV HOME=/root' \
    --change 'ENV DOTNET_ROOT=/usr/share/dotnet' \
    --change 'ENV DOTNET_CLI_TELEMETRY_OPTOUT=1' \
    --change 'ENV DOTNET_NOLOGO=1' \
    --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true' \
    --change 'WORKDIR /'
fi

if have_image "$RUNTIME_IMAGE"; then echo "have $RUNTIME_IMAGE"; else
  rm -rf "$scratch" && mkdir -p "$scratch"
  base_layout "$scratch"
  mkdir -p "$scratch/usr/share/dotnet"
  cp -a "$DOTNET_ROOT/dotnet" "$DOTNET_ROOT/host" "$DOTNET_ROOT/shared" "$scratch/usr/share/dotnet/"
  ln -sf /usr/share/dotnet/dotnet "$scratch/usr/bin/dotnet"
  copy_linked_libs "$scratch" "$DOTNET_ROOT/dotnet" $(native_libs)
  copy_openssl "$scratch"
  # The same environment the official chiseled aspnet image sets.
  import_rootfs "$scratch" "$RUNTIME_IMAGE" \
    --change 'ENV PATH=/usr/share/dotnet:/usr/bin' \
    --change 'ENV APP_UID=1654' \
    --change 'ENV ASPNETCORE_HTTP_PORTS=8080' \
    --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true' \
    --change 'ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true' \
    --change 'ENV DOTNET_VERSION=10.0' \
    --change 'WORKDIR /'
fi
rm -rf "$scratch"
