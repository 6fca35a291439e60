#!/usr/bin/env bash
# make test-examples: plays the teaching examples (k8s/examples) on a real container runtime with `podman kube play`
# (real cgroup limits, real OOM kills, containers of a pod sharing localhost) and asserts what each README promises.
# Every example is rendered exactly as `kubectl apply -k k8s/examples/<NN-name>` would send it (kubectl kustomize);
# the only change is the image names that cannot be pulled here:
#   mlservice:dev                        -> IMAGE (built from the Dockerfile like tests/container/test-container.sh)
#   mlservice:dev in 03-probes           -> localhost/standin-ex-probes:examples (IMAGE + curl, see build-standins.sh)
#   docker.io/library/python:3.12-slim   -> localhost/standin-ex-python:examples
# podman 4.3 publishes every containerPort on the same host port (Kubernetes publishes nothing), which would
# collide with other services on this machine: the rendered copy gets hostIP 127.0.0.1 and a hostPort from
# 18000-18999. Pods are reached on their pod IP (rootful podman bridge). One line per assertion.
# Not run here (podman does not implement them), checked statically by tests/MlService.Deploy.Tests: Services,
# ReplicaSets, Deployments' rollouts, HPA, CronJob schedules, namespaces and quotas, and the examples that need the
# dev stack's MinIO (13-sidecar, 15-ambassador).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/tests/container/podman-env.sh"

IMAGE="${IMAGE:-localhost/mlservice:examples}"
PROBES_IMAGE=localhost/standin-ex-probes:examples
PYTHON_IMAGE=localhost/standin-ex-python:examples
WORK="$CONTAINER_WORK/examples"
NUGET_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
ROW='{"age":57,"sex":1,"cp":4,"trestbps":140,"chol":241,"fbs":0,"restecg":0,"thalach":123,"exang":1,"oldpeak":0.2,"slope":2,"ca":0,"thal":7}'
started_all=$(date +%s)
played=()

ok()   { printf 'ok   %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }

# Removes every pod played by this run and the volumes podman made for them (also on failure).
cleanup() {
  local pod vols
  [ "${KEEP:-0}" = 1 ] && return
  for pod in "${played[@]}"; do
    vols=$(podman pod inspect -f '{{range .Containers}}{{.Name}} {{end}}' "$pod" 2>/dev/null \
      | xargs -r podman inspect -f '{{range .Mounts}}{{if eq .Type "volume"}}{{.Name}} {{end}}{{end}}' 2>/dev/null || true)
    podman pod rm -f "$pod" >/dev/null 2>&1 || true
    [ -z "${vols// /}" ] || podman volume rm -f $vols >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT

# render EXAMPLE [PATTERN...]: what `kubectl apply -k` would apply, with the image swaps above, into $WORK/EXAMPLE.yaml.
render() {
  local example="$1" main="${2:-$IMAGE}"
  kubectl kustomize "$root/k8s/examples/$example" \
    | sed -e "s#image: mlservice:dev#image: $main#" -e "s#image: docker.io/library/python:3.12-slim#image: $PYTHON_IMAGE#" \
    | awk -v port="$next_host_port" '
        { print }
        /^ *(- )?containerPort: / { match($0, /^ */); ind = substr($0, 1, RLENGTH); if ($0 ~ /^ *- /) ind = ind "  ";
                                    print ind "hostIP: 127.0.0.1"; print ind "hostPort: " port++ }' \
    > "$WORK/$example.yaml"
  next_host_port=$(( next_host_port + 10 ))
}
next_host_port=18100

# play EXAMPLE POD...: podman kube play of the rendered file; the pods are removed at exit.
play() {
  local example="$1"; shift
  local pod
  for pod in "$@"; do podman pod rm -f "$pod" >/dev/null 2>&1 || true; played+=("$pod"); done
  podman kube play "$WORK/$example.yaml" >/dev/null || fail "$example: podman kube play"
}

pod_ip() {
  podman inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' \
    "$(podman pod inspect -f '{{.InfraContainerID}}' "$1")"
}

# until_true SECONDS COMMAND...: polls every 0.5 s, bounded.
until_true() {
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do [ "$(date +%s)" -lt "$deadline" ] || return 1; sleep 0.5; done
}

ready() { curl -fs -o /dev/null "http://$1:8080/health/ready"; }
predict() { curl -s -o /dev/null -w '%{http_code}' "http://$1:8080/predict" -H 'content-type: application/json' -d "$ROW"; }
metric() {   # IP NAME: value of an unlabelled metric in /metrics (empty when absent)
  curl -fs "http://$1:8080/metrics" | awk -v n="$2" '$1 == n {print $2}'
}
batch() {    # ROWS [PAD_BYTES]: a JSON array of ROWS copies of the row, optionally padded with spaces
  python3 -c 'import sys; row, n, pad = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]); print("[" + ",".join([row] * n) + "]" + " " * pad)' "$ROW" "$1" "${2:-0}"
}

mkdir -p "$WORK"

step "image $IMAGE (same build as tests/container/test-container.sh) and stand-ins"
"$root/tests/container/build-base-images.sh"
t0=$(date +%s)
podman build --pull=never --format docker -v "$NUGET_PACKAGES:/root/.nuget/packages" -t "$IMAGE" "$root" >"$WORK/build.log" 2>&1 \
  || { tail -30 "$WORK/build.log"; fail "podman build"; }
echo "build: $(( $(date +%s) - t0 )) s (layer cache reused when the sources did not change)"
"$here/build-standins.sh" "$IMAGE"

# --------------------------------------------------------------------------------------------------------------
step "01-pod"
render 01-pod && play 01-pod online-inference
ip=$(pod_ip online-inference)
until_true 90 ready "$ip" && ok "01-pod: /health/ready 200" || fail "01-pod: not ready within 90 s"
headers=$(curl -s -D - -o /dev/null "http://$ip:8080/predict" -H 'content-type: application/json' -d "$ROW")
grep -qi '^x-served-by: online-inference' <<<"$headers" && ok "01-pod: X-Served-By names the pod (online-inference)" \
  || fail "01-pod: X-Served-By is not the pod name: $headers"
grep -qi '^x-model-version:' <<<"$headers" && ok "01-pod: X-Model-Version present" || fail "01-pod: no X-Model-Version"
podman pod rm -f online-inference >/dev/null

# --------------------------------------------------------------------------------------------------------------
step "02-resources"
render 02-resources && play 02-resources online-inference-resources online-inference-oomkill
res_ip=$(pod_ip online-inference-resources); oom_ip=$(pod_ip online-inference-oomkill)
until_true 120 ready "$res_ip" || fail "02-resources: online-inference-resources not ready within 120 s"
until_true 120 ready "$oom_ip" || fail "02-resources: online-inference-oomkill not ready within 120 s"
limit=$(metric "$res_ip" mlservice_container_memory_limit_bytes)
[ "$limit" = 536870912 ] || [ "${limit%.*}" = 536870912 ] || [ "$limit" = 5.36870912E+08 ] \
  && ok "02-resources: mlservice_container_memory_limit_bytes = $limit (512Mi)" || fail "02-resources: memory limit metric '$limit'"
quota=$(metric "$res_ip" mlservice_container_cpu_quota_seconds); period=$(metric "$res_ip" mlservice_container_cpu_period_seconds)
python3 -c "import sys; sys.exit(abs(float('$quota')/float('$period') - 0.5) > 1e-6)" \
  && ok "02-resources: cpu quota/period = $quota/$period s (500m)" || fail "02-resources: cpu quota '$quota' period '$period'"
# The load the README gives: 8 clients in parallel sending 200 batches of 1000 rows.
batch 1000 > "$WORK/batch1000.json"
before=$(metric "$res_ip" mlservice_container_cpu_cfs_throttled_periods_total)
codes=$(seq 200 | xargs -P 8 -I{} curl -s -o /dev/null -w '%{http_code}\n' "http://$res_ip:8080/predict" \
  -H 'content-type: application/json' -d @"$WORK/batch1000.json" | sort | uniq -c | xargs)
[ "$codes" = "200 200" ] && ok "02-resources: 200 batches of 1000 rows, all 200" || fail "02-resources: load answered $codes"
after=$(metric "$res_ip" mlservice_container_cpu_cfs_throttled_periods_total)
python3 -c "import sys; sys.exit(not float('$after') > float('$before'))" \
  && ok "02-resources: nr_throttled (mlservice_container_cpu_cfs_throttled_periods_total) $before -> $after under load" \
  || fail "02-resources: throttled periods did not rise ($before -> $after)"
oom_name=online-inference-oomkill-mlservice
oom_id=$(podman inspect -f '{{.Id}}' "$oom_name")
# The trigger the README gives: single predictions, one after the other, until the container is gone.
served=0
for _ in $(seq 1 40); do
  [ "$(predict "$oom_ip" || true)" = 200 ] && served=$((served + 1))
  [ "$(podman inspect -f '{{.State.Status}}' "$oom_name")" = running ] || break
done
until_true 20 test "$(podman inspect -f '{{.State.Status}}' "$oom_name")" = exited || true
state=$(podman inspect -f 'Status={{.State.Status}} ExitCode={{.State.ExitCode}} OOMKilled={{.State.OOMKilled}}' "$oom_name")
echo "after $served successful predictions (LeakMiBPerPrediction=16, limit 128Mi): $state"
grep -q 'ExitCode=137' <<<"$state" && ok "02-resources: exit code 137 after $served predictions" || fail "02-resources: exit code is not 137 ($state)"
# podman's OOMKilled flag is set only where conmon sees the OOM event (not with runc on this cgroup v1 host); the
# kernel log always names the killed container's memory cgroup.
if grep -q 'OOMKilled=true' <<<"$state"; then
  ok "02-resources: OOMKilled true (podman inspect)"
elif dmesg >/dev/null 2>&1; then
  until_true 10 bash -c "dmesg | grep -q 'oom_memcg=.*libpod-$oom_id'" \
    && ok "02-resources: kernel OOM kill of this container's memory cgroup (dmesg; podman inspect OOMKilled=false with runc on cgroup v1)" \
    || fail "02-resources: exit 137 but no OOM kill in the kernel log"
else
  fail "02-resources: OOMKilled=false and the kernel log is not readable"
fi
podman pod rm -f online-inference-resources online-inference-oomkill >/dev/null

echo
echo "test-examples: OK in $(( $(date +%s) - started_all )) s"
