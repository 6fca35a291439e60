#!/usr/bin/env bash
# Installs what the test suites need on a fresh Debian machine of our kind; idempotent (installs only what is missing).
set -euo pipefail
cd "$(dirname "$0")/../.."

need_apt=()
need() { command -v "$1" >/dev/null 2>&1 || need_apt+=("$2"); }
need prometheus prometheus          # real Prometheus scrapes /metrics; promtool checks the exposition
need promtool prometheus
need chromium chromium              # headless browser opens /docs
need docker-compose docker-compose  # validates compose/docker-compose.yml (no engine needed)
need kubectl kubernetes-client      # kustomize renders k8s/
need node nodejs                    # s3rver, the S3 server of the storage tests
need npm npm
need wrk wrk                        # load generator for benchmarks
need podman podman                  # make test-container builds and runs the Dockerfile (rootful, runc)
need buildah buildah
need runc runc
need curl curl
need nginx nginx                    # make test-stack: Debian's nginx in the stand-in image of the load balancer
need catatonit catatonit            # podman's pause process (pods, kube play)
need wget wget                      # health checks of the nginx and Prometheus stand-in images
need envsubst gettext-base          # the nginx stand-in's entrypoint fills templates like the official image's
[ -x /usr/lib/cni/dnsname ] || need_apt+=(golang-github-containernetworking-plugin-dnsname)   # container DNS for compose
need dash dash                      # make test-examples: sh of the probes stand-in image
need python3 python3                # make test-examples: batch bodies, the adapter stand-in image
/usr/bin/python3 -c "import yaml" 2>/dev/null || need_apt+=(python3-yaml)   # make test-examples: 11-job template
[ -x /usr/bin/aws ] || need_apt+=(awscli)   # make test-examples: the AWS CLI stand-in of the 13-sidecar image
/usr/bin/python3 -c "import fastapi, uvicorn, sklearn" 2>/dev/null \
  || need_apt+=(python3-fastapi python3-uvicorn python3-sklearn)   # make bench, make bench-pod: the FastAPI baselines
/usr/bin/python3 -c "import grpc, grpc_tools" 2>/dev/null || need_apt+=(python3-grpcio python3-grpc-tools)   # make test-grpc: a non-.NET gRPC client

if [ ${#need_apt[@]} -gt 0 ]; then
  mapfile -t pkgs < <(printf '%s\n' "${need_apt[@]}" | sort -u)
  echo "install-test-deps: apt-get install ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi

if [ -f tests/s3rver/package.json ] && [ ! -d tests/s3rver/node_modules/s3rver ]; then
  echo "install-test-deps: npm install in tests/s3rver"
  (cd tests/s3rver && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
echo "install-test-deps: ok"
