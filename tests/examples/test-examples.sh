#!/usr/bin/env bash
# make test-examples: plays the teaching examples (k8s/examples) on a real container runtime with `podman kube play`
# (real cgroup limits, real OOM kills, containers of a pod sharing localhost) and asserts what each README promises.
# Every example is rendered exactly as `kubectl apply -k k8s/examples/<NN-name>` would send it (kubectl kustomize);
# the only change is the image names that cannot be pulled here:
#   mlservice:dev                        -> IMAGE (built from the Dockerfile like tests/container/test-container.sh)
#   mlservice:dev in 03-probes           -> localhost/standin-ex-probes:examples (IMAGE + curl + sh, see build-standins.sh)
#   docker.io/library/python:3.12-slim   -> localhost/standin-ex-python:examples
#   docker.io/nginxinc/nginx-unprivileged:1.27-alpine -> localhost/standin-ex-nginx:examples (Debian's nginx 1.22)
#   docker.io/amazon/aws-cli:2.27.7      -> localhost/standin-ex-awscli:examples (Debian's AWS CLI 2.9)
# 15-ambassador and 13-sidecar also need what the dev overlay gives it: an S3 store (the s3rver stand-in of the compose stack,
# localhost/standin-minio:stack, started here with the dev overlay's credentials), a published model (the trainer
# of our image: datagen, train, publish --alias production) and the Secrets mlservice-s3 / minio-root. Cluster DNS does not
# exist here, so the one name it would resolve (minio.ml.svc.cluster.local) is replaced by the store's address.
# podman 4.3 publishes every containerPort on the same host port (Kubernetes publishes nothing), which would
# collide with other services on this machine: the rendered copy gets hostIP 127.0.0.1 and a hostPort from
# 18000-18999. Pods are reached on their pod IP (rootful podman bridge). One line per assertion.
# Not run here (podman does not implement them), checked statically by tests/MlService.Deploy.Tests: Services,
# ReplicaSets, Deployments' rollouts, HPA, CronJob schedules, namespaces and quotas.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/tests/container/podman-env.sh"

IMAGE="${IMAGE:-localhost/mlservice:examples}"
PROBES_IMAGE=localhost/standin-ex-probes:examples
PYTHON_IMAGE=localhost/standin-ex-python:examples
NGINX_IMAGE=localhost/standin-ex-nginx:examples
AWSCLI_IMAGE=localhost/standin-ex-awscli:examples
S3_IMAGE=localhost/standin-minio:stack
S3_CONTAINER=ex-examples-s3
WORK="$CONTAINER_WORK/examples"
NUGET_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
ROW='{"age":57,"sex":1,"cp":4,"trestbps":140,"chol":241,"fbs":0,"restecg":0,"thalach":123,"exang":1,"oldpeak":0.2,"slope":2,"ca":0,"thal":7}'
started_all=$(date +%s)
played=()

ok()   { printf 'ok   %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }

# unplay POD...: removes the pods and the volumes podman made for them (kube play turns each ConfigMap volume into
# a named volume, which `podman pod rm` keeps and a later play would reuse with stale content).
unplay() {
  local pod vols
  for pod in "$@"; do
    vols=$(podman pod inspect -f '{{range .Containers}}{{.Name}} {{end}}' "$pod" 2>/dev/null \
      | xargs -r podman inspect -f '{{range .Mounts}}{{if eq .Type "volume"}}{{.Name}} {{end}}{{end}}' 2>/dev/null || true)
    podman pod rm -f "$pod" >/dev/null 2>&1 || true
    [ -z "${vols// /}" ] || podman volume rm -f $vols >/dev/null 2>&1 || true
  done
}
# Every pod played by this run goes, also on failure.
cleanup() {
  [ "${KEEP:-0}" = 1 ] && return 0
  [ ${#played[@]} -eq 0 ] || unplay "${played[@]}"
  podman rm -f "$S3_CONTAINER" >/dev/null 2>&1 || true
  [ "${s3_secret:-}" != 1 ] || podman secret rm mlservice-s3 >/dev/null 2>&1 || true
  [ "${root_secret:-}" != 1 ] || podman secret rm minio-root >/dev/null 2>&1 || true
  rm -rf "$WORK/train"
}
trap cleanup EXIT

# render EXAMPLE [PATTERN...]: what `kubectl apply -k` would apply, with the image swaps above, into $WORK/EXAMPLE.yaml.
render() {
  local example="$1" main="${2:-$IMAGE}"
  kubectl kustomize "$root/k8s/examples/$example" \
    | sed -e "s#image: mlservice:dev#image: $main#" -e "s#image: docker.io/library/python:3.12-slim#image: $PYTHON_IMAGE#" \
        -e "s#image: docker.io/nginxinc/nginx-unprivileged:1.27-alpine#image: $NGINX_IMAGE#" \
        -e "s#image: docker.io/amazon/aws-cli:2.27.7#image: $AWSCLI_IMAGE#" \
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
  for pod in "$@"; do unplay "$pod"; played+=("$pod"); done
  # A ConfigMap volume left by an interrupted run would be reused as is: start from the rendered content.
  /usr/bin/python3 -c 'import sys, yaml; [print(d["metadata"]["name"]) for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "ConfigMap"]' \
    "$WORK/$example.yaml" | xargs -r podman volume rm -f >/dev/null 2>&1 || true
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

status_is() { [ "$(podman inspect -f '{{.State.Status}}' "$1" 2>/dev/null)" = "$2" ]; }   # CONTAINER STATUS
# EXAMPLE POD: plays an example that reaches MinIO by its cluster name, with the S3 stand-in's address in its place
# (what cluster DNS would resolve).
play_on_s3() {
  render "$1"
  sed -i "s#minio.ml.svc.cluster.local#$s3_ip#" "$WORK/$1.yaml"
  play "$1" "$2"
}
# SECRET USER_KEY PASSWORD_KEY: a dev overlay Secret with the dev credentials, as podman 4.3 reads it for a
# secretKeyRef: a podman secret holding a JSON map of base64 values (a Secret document in the played file is stored in
# a format its secretKeyRef cannot read).
dev_secret() {
  if podman secret inspect "$1" >/dev/null 2>&1; then fail "a podman secret $1 already exists"; fi
  printf '{"%s":"%s","%s":"%s"}' "$2" "$(printf mlservice-dev | base64)" "$3" "$(printf mlservice-dev-password | base64)" \
    | podman secret create "$1" - >/dev/null
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
podman image exists "$S3_IMAGE" || "$root/tests/stack/build-standin-images.sh"

# --------------------------------------------------------------------------------------------------------------
step "01-pod"
render 01-pod && play 01-pod online-inference
ip=$(pod_ip online-inference)
until_true 90 ready "$ip" && ok "01-pod: /health/ready 200" || fail "01-pod: not ready within 90 s"
headers=$(curl -s -D - -o /dev/null "http://$ip:8080/predict" -H 'content-type: application/json' -d "$ROW")
grep -qi '^x-served-by: online-inference' <<<"$headers" && ok "01-pod: X-Served-By names the pod (online-inference)" \
  || fail "01-pod: X-Served-By is not the pod name: $headers"
grep -qi '^x-model-version:' <<<"$headers" && ok "01-pod: X-Model-Version present" || fail "01-pod: no X-Model-Version"
unplay online-inference

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
python3 -c "import sys; sys.exit(abs(float('$quota')/float('$period') - 0.25) > 1e-6)" \
  && ok "02-resources: cpu quota/period = $quota/$period s (250m)" || fail "02-resources: cpu quota '$quota' period '$period'"
# The load the README gives: 8 clients in parallel sending 400 batches of 1000 rows.
batch 1000 > "$WORK/batch1000.json"
before=$(metric "$res_ip" mlservice_container_cpu_cfs_throttled_periods_total)
codes=$(seq 400 | xargs -P 8 -I{} curl -s -o /dev/null -w '%{http_code}\n' "http://$res_ip:8080/predict" \
  -H 'content-type: application/json' -d @"$WORK/batch1000.json" | sort | uniq -c | xargs)
[ "$codes" = "400 200" ] && ok "02-resources: 400 batches of 1000 rows, all 200" || fail "02-resources: load answered $codes"
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
until_true 20 status_is "$oom_name" exited || true
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
unplay online-inference-resources online-inference-oomkill

# --------------------------------------------------------------------------------------------------------------
step "03-probes (podman runs the liveness probe as a health check: curl -f inside the container, driven here)"
render 03-probes "$PROBES_IMAGE" && play 03-probes online-inference-probes
probes_ip=$(pod_ip online-inference-probes); c=online-inference-probes-mlservice
health() { podman healthcheck run "$c" >/dev/null 2>&1 && echo healthy || echo unhealthy; }
until_true 60 curl -s -o /dev/null "http://$probes_ip:8080/health/live" || fail "03-probes: the port never opened"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://$probes_ip:8080/health/ready")
[ "$code" = 503 ] && ok "03-probes: slow start: /health/ready 503 while StartupDelaySeconds runs" || fail "03-probes: /health/ready $code at start"
until_true 60 ready "$probes_ip" && ok "03-probes: /health/ready 200 after the start delay" || fail "03-probes: never ready"
sequence=""; restarts_seen=""
for _ in $(seq 1 60); do   # the probe's periodSeconds is 5; bounded at 60 runs
  h=$(health); sequence="$sequence $h"
  [ "$h" = unhealthy ] && break
  sleep 5
done
[ "${sequence##* }" = unhealthy ] && ok "03-probes: liveness health check turned unhealthy after FailLivenessAfterSeconds:$sequence" \
  || fail "03-probes: never unhealthy:$sequence"
# kube play sets the health-on-failure action "restart": once the failing streak reaches failureThreshold, podman
# 4.3 stops the container (SIGTERM, graceful drain) and, depending on timing, starts it again or leaves it exited
# (no systemd here). Either way it acted: the container is no longer the one that started.
started_before=$(podman inspect -f '{{.State.StartedAt}}' "$c")
acted() { ! status_is "$c" running || [ "$(podman inspect -f '{{.State.StartedAt}}' "$c")" != "$started_before" ]; }
for _ in $(seq 1 12); do acted && break; health >/dev/null; sleep 5; done
until_true 60 acted || fail "03-probes: podman did not act on the failing liveness check ($(podman inspect -f 'health={{.State.Health.Status}} failing={{.State.Health.FailingStreak}} status={{.State.Status}}' "$c"))"
until_true 30 bash -c "[ \"\$(podman inspect -f '{{.State.Status}}' $c)\" != stopping ]" || true
status=$(podman inspect -f 'health={{.State.Health.Status}} status={{.State.Status}} exit={{.State.ExitCode}} restarts={{.RestartCount}} started={{.State.StartedAt}} on-failure={{.Config.HealthcheckOnFailureAction}}' "$c")
echo "after the failing streak: $status (started before: $started_before)"
ok "03-probes: after failureThreshold podman acted on the failing liveness check ($status)"
unplay online-inference-probes

# --------------------------------------------------------------------------------------------------------------
step "06-configmap"
render 06-configmap && play 06-configmap online-inference-config
cfg_ip=$(pod_ip online-inference-config)
until_true 90 ready "$cfg_ip" || fail "06-configmap: not ready within 90 s"
post() { curl -s -o "$WORK/body.json" -w '%{http_code}' "http://$cfg_ip:8080/predict" -H 'content-type: application/json' -d @"$1"; }
batch 500 > "$WORK/b500.json"; batch 501 > "$WORK/b501.json"; batch 10 300000 > "$WORK/padded.json"
[ "$(post "$WORK/b500.json")" = 200 ] && ok "06-configmap: 500 rows accepted" || fail "06-configmap: 500 rows refused: $(cat "$WORK/body.json")"
code=$(post "$WORK/b501.json")
[ "$code" = 413 ] && grep -q 500 "$WORK/body.json" && ok "06-configmap: 501 rows -> 413 (MaxRowsPerRequest=500 from the env key)" \
  || fail "06-configmap: 501 rows -> $code $(cat "$WORK/body.json")"
code=$(post "$WORK/padded.json")
[ "$code" = 413 ] && ok "06-configmap: 10 rows in a 300 kB body -> 413 (MaxBodyBytes=262144 from the mounted mlservice.json)" \
  || fail "06-configmap: 300 kB body -> $code"
unplay online-inference-config

# --------------------------------------------------------------------------------------------------------------
step "14-adapter (stand-in python image)"
render 14-adapter && play 14-adapter online-inference-adapter
ad_ip=$(pod_ip online-inference-adapter)
adapter() { curl -fs "http://$ad_ip:7979/metrics" | awk '$1 == "mlservice_health_status" {print $2}'; }
adapter_is() { [ "$(adapter)" = "$1" ]; }
adapter_answers() { [ -n "$(adapter)" ]; }
until_true 30 adapter_answers || fail "14-adapter: the adapter does not answer on :7979"
first=$(adapter)
until_true 90 adapter_is 1.0 || fail "14-adapter: mlservice_health_status never 1 (last $(adapter))"
ok "14-adapter: mlservice_health_status $first while loading, then $(adapter) once ready (read from localhost:8080 in the pod)"
[ "$first" = 0.0 ] && ok "14-adapter: 0 during the start delay" || fail "14-adapter: first value $first, expected 0.0 during the start delay"
unplay online-inference-adapter

# --------------------------------------------------------------------------------------------------------------
step "11-job (the CronJob's job template played as the pod a Job would create)"
# podman has no Job or CronJob: the pod template of `kubectl create job --from=cronjob/train-heart-disease` is
# extracted as a bare Pod named like the Job's pod; init container then main container, restartPolicy Never.
render 11-job
/usr/bin/python3 - "$WORK/11-job.yaml" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
template = doc["spec"]["jobTemplate"]["spec"]["template"]
pod = {"apiVersion": "v1", "kind": "Pod",
       "metadata": {"name": "train-heart-disease-run", "labels": template["metadata"]["labels"]},
       "spec": template["spec"]}
yaml.safe_dump(pod, open(sys.argv[1], "w"))
PY
play 11-job train-heart-disease-run
train=train-heart-disease-run-train
until_true 240 status_is "$train" exited || fail "11-job: train did not finish in 240 s"
[ "$(podman inspect -f '{{.State.ExitCode}}' "$train")" = 0 ] && ok "11-job: datagen (init) then train exited 0" || fail "11-job: train exit $(podman inspect -f '{{.State.ExitCode}}' "$train")"
podman logs "$train" 2>&1 | grep -qiE 'auc' && ok "11-job: the logs print the hold-out metrics ($(podman logs "$train" 2>&1 | grep -ioE 'auc[^,]*' | head -1))" \
  || fail "11-job: no AUC in the logs"

# --------------------------------------------------------------------------------------------------------------
step "15-ambassador (S3 stand-in, model published by the trainer, nginx stand-in)"
# What `kubectl apply -k k8s/overlays/dev` and its trainer Job give the example: the store, the bucket, the model.
podman rm -f "$S3_CONTAINER" >/dev/null 2>&1 || true
podman run -d --name "$S3_CONTAINER" -e MINIO_ROOT_USER=mlservice-dev -e MINIO_ROOT_PASSWORD=mlservice-dev-password \
  "$S3_IMAGE" server /data >/dev/null
s3_ip=$(podman inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$S3_CONTAINER")
until_true 30 podman exec "$S3_CONTAINER" mc ready local || fail "15-ambassador: the S3 stand-in did not start"
podman exec "$S3_CONTAINER" mc mb --ignore-existing local/models >/dev/null || fail "15-ambassador: bucket models"
rm -rf "$WORK/train" && mkdir -p "$WORK/train" && chmod 777 "$WORK/train"   # the image runs as uid 1654
trainer() {
  podman run --rm -v "$WORK/train:/data" -e "MLFLOW_S3_ENDPOINT_URL=http://$s3_ip:9000" -e AWS_DEFAULT_REGION=us-east-1 \
    -e AWS_ACCESS_KEY_ID=mlservice-dev -e AWS_SECRET_ACCESS_KEY=mlservice-dev-password "$IMAGE" mlservice-trainer.dll "$@"
}
{ trainer datagen --rows 2000 --seed 7 --out /data/heart.csv \
  && trainer train --data /data/heart.csv --label target --task binary --name heart-disease --out /data/model \
  && trainer publish --store s3://models --name heart-disease --model-dir /data/model --alias production; } \
  >"$WORK/trainer.log" 2>&1 || { tail -20 "$WORK/trainer.log"; fail "15-ambassador: the trainer did not publish"; }
grep -q 'alias production -> ' "$WORK/trainer.log" && ok "15-ambassador: model published to s3://models on the stand-in ($s3_ip), @production set" \
  || fail "15-ambassador: no @production in the trainer's output"
# The dev overlay's Secret mlservice-s3.
dev_secret mlservice-s3 AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
s3_secret=1
t0=$(date +%s)
play_on_s3 15-ambassador online-inference-ambassador
amb_ip=$(pod_ip online-inference-ambassador)
until_true 90 ready "$amb_ip" || fail "15-ambassador: not ready within 90 s ($(podman logs online-inference-ambassador-mlservice 2>&1 | tail -3))"
ok "15-ambassador: ready after $(( $(date +%s) - t0 )) s: model loaded from S3 through localhost:9000"
code=$(predict "$amb_ip")
[ "$code" = 200 ] && ok "15-ambassador: prediction 200" || fail "15-ambassador: prediction $code"
access=$(podman logs online-inference-ambassador-s3-ambassador 2>/dev/null)
gets=$(grep -cE '"GET /models/heart-disease/[^ ]+ HTTP/1\.1" 200 ' <<<"$access" || true)
[ "$gets" -ge 1 ] && grep -q '"GET /models/heart-disease/1/model.zip HTTP/1.1" 200 ' <<<"$access" \
  && ok "15-ambassador: the ambassador's access log shows $gets S3 GETs of the model files (model.zip included), $(wc -l <<<"$access") requests in all" \
  || fail "15-ambassador: no S3 GET of the model in the ambassador's log: $(tail -5 <<<"$access")"
unplay online-inference-ambassador
podman secret rm mlservice-s3 >/dev/null; s3_secret=0

# --------------------------------------------------------------------------------------------------------------
step "13-sidecar (same S3 stand-in and model, AWS CLI stand-in)"
# The dev overlay's Secret minio-root.
dev_secret minio-root MINIO_ROOT_USER MINIO_ROOT_PASSWORD
root_secret=1
t0=$(date +%s)
play_on_s3 13-sidecar online-inference-sidecar
sc_ip=$(pod_ip online-inference-sidecar); sc=online-inference-sidecar-mlservice
until_true 90 ready "$sc_ip" || fail "13-sidecar: not ready within 90 s ($(podman logs online-inference-sidecar-model-sync 2>&1 | tail -3))"
ok "13-sidecar: ready after $(( $(date +%s) - t0 )) s from the files the sidecar synced into /models (file:///models store)"
code=$(predict "$sc_ip")
[ "$code" = 200 ] && ok "13-sidecar: prediction 200" || fail "13-sidecar: prediction $code"
podman logs online-inference-sidecar-model-sync 2>&1 | grep -q 'download: s3://models/heart-disease/1/model.zip to ' \
  && ok "13-sidecar: the sidecar's log shows the download of s3://models/heart-disease/1/model.zip into /models" \
  || fail "13-sidecar: no download in the sidecar's log: $(podman logs online-inference-sidecar-model-sync 2>&1 | tail -3)"
served_version() { curl -fs "http://$sc_ip:8080/models/heart-disease" | python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])'; }
version_is() { [ "$(served_version)" = "$1" ]; }
[ "$(served_version)" = 1 ] || fail "13-sidecar: serves version $(served_version), expected 1"
started_before=$(podman inspect -f '{{.State.StartedAt}}' "$sc")
# The trainer publishes again and moves @production: the sidecar copies it, the service hot-reloads.
trainer publish --store s3://models --name heart-disease --model-dir /data/model --alias production >"$WORK/trainer.log" 2>&1 \
  && grep -q 'alias production -> 2' "$WORK/trainer.log" || { cat "$WORK/trainer.log"; fail "13-sidecar: second publish"; }
t0=$(date +%s)
until_true 90 version_is 2 || fail "13-sidecar: still version $(served_version) 90 s after @production moved to 2"
[ "$(podman inspect -f '{{.State.StartedAt}}' "$sc")" = "$started_before" ] && [ "$(podman inspect -f '{{.RestartCount}}' "$sc")" = 0 ] \
  && ok "13-sidecar: @production -> 2 served $(( $(date +%s) - t0 )) s after the publish (sync every 10 s, poll every 10 s), no restart" \
  || fail "13-sidecar: the service container restarted"
[ "$(predict "$sc_ip")" = 200 ] && ok "13-sidecar: prediction 200 on version 2" || fail "13-sidecar: prediction after the reload"
unplay online-inference-sidecar
podman rm -f "$S3_CONTAINER" >/dev/null; podman secret rm minio-root >/dev/null; root_secret=0

echo
echo "test-examples: OK in $(( $(date +%s) - started_all )) s"
