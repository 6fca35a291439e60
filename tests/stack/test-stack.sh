#!/usr/bin/env bash
# make test-stack: brings compose/docker-compose.yml up for real (docker-compose over podman's Docker API socket)
# and checks, from outside the containers as a student would, what the stack promises:
#   one-shot chain completes; every replica ready; 300 predictions through nginx on 127.0.0.1:8080 all 200 and
#   spread over every replica; Prometheus sees every replica up and counts predictions; --profile loadtest meets its
#   SLO; a replica crashing under load (SIGKILL) loses no request and comes back; down (volumes kept) + up serves again with
#   nothing republished; --scale mlservice=5 puts 5 replicas in the spread.
# Stand-ins for images that cannot be pulled: compose/docker-compose.local.yml (tests/stack/build-standin-images.sh).
# podman has no health-check scheduler without systemd, so this script plays Docker's part: a background loop runs
# `podman healthcheck run` on every running container of the project every 2 s (depends_on: service_healthy needs it).
# Prints one line per assertion ("ok - ..." / "FAIL - ...") and the figures. Removes everything it made, also on
# failure. Env: IMAGE (localhost/mlservice:stack), PROJECT (mlservice-stack-test), KEEP=1 leaves the stack up.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/tests/container/podman-env.sh"

IMAGE="${IMAGE:-localhost/mlservice:stack}"
PROJECT="${PROJECT:-mlservice-stack-test}"
REPLICAS=3
SCALED=5
PREDICTIONS=300
NUGET_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
WORK="$(mktemp -d /tmp/mlservice-stack.XXXXXX)"
SOCK="$WORK/podman.sock"
LB=http://127.0.0.1:8080
PROM=http://127.0.0.1:9090
BODY='{"age":57,"sex":1,"cp":4,"trestbps":140,"chol":241,"fbs":0,"restecg":0,"thalach":123,"exang":1,"oldpeak":0.2,"slope":2,"ca":0,"thal":7}'
started_all=$(date +%s)
service_pid=""
health_pid=""
failures=0

ok() { echo "ok   - $*"; }
figure() { echo "figure: $*"; }
fail() { echo "FAIL - $*"; failures=$((failures + 1)); exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs_since() { awk -v a="$1" -v b="$(now_ms)" 'BEGIN {printf "%.1f", (b - a) / 1000}'; }

if docker compose version >/dev/null 2>&1; then compose_cmd=(docker compose); else compose_cmd=(docker-compose); fi
# Every compose call is bounded (400 s: the longest, `up`, waits for the whole one-shot chain).
compose() {
  timeout 400 env DOCKER_HOST="unix://$SOCK" "${compose_cmd[@]}" -p "$PROJECT" --env-file "$WORK/env" \
    -f "$root/compose/docker-compose.yml" -f "$root/compose/docker-compose.local.yml" "$@"
}
project_containers() { podman ps -a -q --filter "label=com.docker.compose.project=$PROJECT" "$@"; }
replicas() { podman ps -q --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=mlservice"; }
ip_of() { podman inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$1"; }

cleanup() {
  local code=$?
  touch "$WORK/stop-health"
  [ -n "$health_pid" ] && wait "$health_pid" 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then
    echo "KEEP=1: stack left up (podman API: $SOCK)"; return
  fi
  if [ -n "$service_pid" ]; then
    compose --profile loadtest down -v --remove-orphans -t 10 >"$WORK/down.log" 2>&1 || true
  fi
  # Whatever compose left behind (e.g. a failed `up`): containers, then volumes and networks of the project.
  project_containers | xargs -r podman rm -f -t 5 >/dev/null 2>&1 || true
  podman volume ls -q --filter "label=com.docker.compose.project=$PROJECT" | xargs -r podman volume rm -f >/dev/null 2>&1 || true
  podman network ls -q --filter "label=com.docker.compose.project=$PROJECT" | xargs -r podman network rm -f >/dev/null 2>&1 || true
  [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null || true
  left=$( (project_containers; podman volume ls -q --filter "label=com.docker.compose.project=$PROJECT"; \
           podman network ls -q --filter "label=com.docker.compose.project=$PROJECT") | wc -l)
  if [ "$left" = 0 ]; then echo "ok   - cleanup: no container, volume or network of $PROJECT left"; else echo "FAIL - cleanup: $left objects of $PROJECT left"; code=1; fi
  rm -rf "$WORK"
  echo "figure: total test time $(( $(date +%s) - started_all )) s"
  if [ "$code" = 0 ]; then echo "test-stack: OK"; else echo "test-stack: FAILED"; fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Shows the logs that explain a failure, then fails.
fail_with_logs() {
  echo "--- last logs of the project's containers" >&2
  for c in $(project_containers); do
    echo "--- $(podman inspect -f '{{.Name}} {{.State.Status}} exit={{.State.ExitCode}}' "$c")" >&2
    podman logs --tail 15 "$c" >&2 2>&1 || true
  done
  fail "$*"
}

# Docker's health-check scheduler, played by the test (podman needs systemd timers for it). Bounded: 15 minutes.
health_loop() {
  local end=$((SECONDS + 900)) c
  while [ ! -e "$WORK/stop-health" ] && [ $SECONDS -lt $end ]; do
    for c in $(podman ps -q --filter "label=com.docker.compose.project=$PROJECT"); do
      podman healthcheck run "$c" >/dev/null 2>&1 || true
    done
    sleep 2
  done
}

# wait_replicas_ready N: every replica container answers /health/ready on its own address; prints nothing.
wait_replicas_ready() {
  local want="$1" ready c
  for _ in $(seq 1 240); do
    ready=0
    for c in $(replicas); do
      curl -fs -m 2 -o /dev/null "http://$(ip_of "$c"):8080/health/ready" && ready=$((ready + 1))
    done
    [ "$ready" -ge "$want" ] && [ "$(replicas | wc -l)" -eq "$want" ] && return 0
    sleep 0.5
  done
  fail_with_logs "$want replicas ready within 120 s (ready: $ready)"
}

# spread N: N predictions through nginx; fails unless all are 200; prints "count host" lines to $WORK/spread.
spread() {
  local n="$1" i code
  : > "$WORK/served"
  for i in $(seq 1 "$n"); do
    code=$(curl -s -m 10 -o /dev/null -D "$WORK/h" -w '%{http_code}' "$LB/predict" -H 'content-type: application/json' -d "$BODY") || code=000
    [ "$code" = 200 ] || fail_with_logs "prediction $i of $n through nginx answered $code (expected 200)"
    tr -d '\r' < "$WORK/h" | awk 'tolower($1) == "x-served-by:" {print $2}' >> "$WORK/served"
  done
  sort "$WORK/served" | uniq -c | sort -k2 > "$WORK/spread"
}

show_spread() { awk -v n="$1" '{printf "         %-16s %4d  %5.1f %%\n", $2, $1, 100 * $1 / n}' "$WORK/spread"; }

# assert_spread N REPLICAS: every replica served, none below half of an even share.
assert_spread() {
  local n="$1" want="$2" hosts min
  hosts=$(wc -l < "$WORK/spread")
  min=$(awk 'NR == 1 || $1 < m {m = $1} END {print m + 0}' "$WORK/spread")
  show_spread "$n"
  [ "$hosts" -eq "$want" ] || fail "X-Served-By covers $hosts replicas, expected $want"
  [ $(( min * want * 2 )) -ge "$n" ] || fail "uneven spread: a replica served $min of $n (below half of an even share)"
  ok "$n predictions through nginx all 200, X-Served-By covers all $want replicas (fewest: $min)"
}

# ---------------------------------------------------------------------------------------------------------------
echo "== images"
t0=$(now_ms)
"$root/tests/container/build-base-images.sh" >/dev/null
mkdir -p "$NUGET_PACKAGES"
# The same build as tests/container/test-container.sh, so the layers are shared with it (cached when it ran first).
podman build -q --pull=never --format docker -v "$NUGET_PACKAGES:/root/.nuget/packages" -t "$IMAGE" "$root" >/dev/null \
  || fail "podman build of the Dockerfile"
"$here/build-standin-images.sh" >/dev/null
ok "images built: $IMAGE and the stand-ins of compose/docker-compose.local.yml"
figure "images $(secs_since "$t0") s"

# nginx.conf must load in Debian's nginx 1.22 (the stand-in) as it does in the official image: nginx -t on it.
nginx_t=$(podman run --rm -v "$root/compose/nginx/nginx.conf:/etc/nginx/nginx.conf:ro" \
  -v "$root/compose/nginx/docker-entrypoint.d/15-container-resolver.envsh:/docker-entrypoint.d/15-container-resolver.envsh:ro" \
  -v "$root/compose/nginx/resolver.conf.template:/etc/nginx/templates/resolver.conf.template:ro" \
  localhost/standin-nginx:stack nginx -t 2>&1) || { echo "$nginx_t"; fail "nginx -t of compose/nginx/nginx.conf with nginx 1.22"; }
ok "compose/nginx/nginx.conf passes nginx -t in Debian's nginx $(podman run --rm localhost/standin-nginx:stack nginx -v 2>&1 | sed 's/.*nginx\///')"

cat > "$WORK/env" <<ENV
MINIO_ROOT_USER=mlservice
MINIO_ROOT_PASSWORD=stack-test-password
MLSERVICE_IMAGE=$IMAGE
MLSERVICE_PORT=8080
MLSERVICE_REPLICAS=$REPLICAS
ENV

echo "== podman API socket"
podman system service --time=0 "unix://$SOCK" >"$WORK/podman-service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 50); do [ -S "$SOCK" ] && break; sleep 0.2; done
[ -S "$SOCK" ] || fail "podman system service did not create $SOCK"
ok "podman system service serves the Docker API on $SOCK (${compose_cmd[*]} $("${compose_cmd[@]}" version --short 2>/dev/null || true))"
health_loop &
health_pid=$!

echo "== up"
t_up=$(now_ms)
compose up -d >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log"; fail_with_logs "compose up"; }
for step in minio-init trainer-datagen trainer-train trainer-publish; do
  c=$(project_containers --filter "label=com.docker.compose.service=$step" | sed -n 1p)
  [ -n "$c" ] && [ "$(podman inspect -f '{{.State.ExitCode}}' "$c")" = 0 ] || fail_with_logs "one-shot $step exited 0"
done
ok "one-shot chain completed: minio-init, trainer-datagen, trainer-train, trainer-publish all exited 0"
publish=$(podman logs "$(project_containers --filter label=com.docker.compose.service=trainer-publish | sed -n 1p)" 2>&1)
grep -q "published heart-disease version 1" <<<"$publish" || fail "first publish said: $publish"
wait_replicas_ready "$REPLICAS"
ok "all $REPLICAS replicas ready (/health/ready 200 on each replica's address)"
figure "time to all-ready (up to $REPLICAS replicas ready) $(secs_since "$t_up") s"

echo "== spread"
for _ in $(seq 1 40); do curl -fs -m 2 -o /dev/null "$LB/nginx-health" && break; sleep 0.5; done
spread "$PREDICTIONS"
assert_spread "$PREDICTIONS" "$REPLICAS"
cp "$WORK/spread" "$WORK/spread-first"

echo "== prometheus"
targets_up=0
for _ in $(seq 1 90); do
  targets_up=$(curl -fs -m 2 "$PROM/api/v1/targets?state=active" | python3 -c '
import json, sys
targets = [t for t in json.load(sys.stdin)["data"]["activeTargets"] if t["labels"]["job"] == "mlservice"]
print(sum(t["health"] == "up" for t in targets) if len(targets) == int(sys.argv[1]) else 0)' "$REPLICAS" 2>/dev/null || echo 0)
  [ "$targets_up" = "$REPLICAS" ] && break
  sleep 1
done
curl -fs "$PROM/api/v1/targets?state=active" | python3 -c '
import json, sys
for t in json.load(sys.stdin)["data"]["activeTargets"]:
    print("         %-12s %-22s %s" % (t["labels"]["job"], t["labels"]["instance"], t["health"]))'
[ "$targets_up" = "$REPLICAS" ] || fail "Prometheus shows $targets_up of $REPLICAS mlservice targets up"
ok "Prometheus /api/v1/targets: all $REPLICAS replicas are up targets of job mlservice"
predictions=0
for _ in $(seq 1 30); do
  predictions=$(curl -fs -m 2 "$PROM/api/v1/query" --data-urlencode 'query=sum(mlservice_predictions_total)' \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(int(float(r[0]["value"][1])) if r else 0)' 2>/dev/null || echo 0)
  [ "$predictions" -ge "$PREDICTIONS" ] && break
  sleep 1
done
[ "$predictions" -gt 0 ] || fail "sum(mlservice_predictions_total) in Prometheus is $predictions"
ok "Prometheus query sum(mlservice_predictions_total) = $predictions (> 0)"

echo "== --profile loadtest"
compose --profile loadtest run --rm -T loadtest >"$WORK/loadtest.log" 2>&1 || { cat "$WORK/loadtest.log"; fail "loadtest profile exited non-zero"; }
sed -n '/^mlservice-loadtest:/,$p' "$WORK/loadtest.log" | sed 's/^/         /'
grep -q 'SLO: passed' "$WORK/loadtest.log" || fail "loadtest printed no 'SLO: passed'"
ok "compose --profile loadtest run loadtest: exit 0, SLO passed"

echo "== a replica crashes under load"
victim=$(replicas | sed -n 1p)
victim_name=$(podman inspect -f '{{.Name}}' "$victim")
restarts_before=$(podman inspect -f '{{.RestartCount}}' "$victim")
lines_before=$(podman logs "$(project_containers --filter label=com.docker.compose.service=lb | sed -n 1p)" 2>/dev/null | wc -l)
compose --profile loadtest run --rm -T --no-deps loadtest mlservice-loadtest.dll --target http://lb:8080 --model heart-disease \
  --rate 50 --duration 15s --new-connection-every 50 --allow-remote --no-progress --max-error-rate 0 \
  >"$WORK/kill-load.log" 2>&1 &
load_pid=$!
# Kill once requests flow through nginx (its access log grows), not after a fixed delay.
lb=$(project_containers --filter label=com.docker.compose.service=lb | sed -n 1p)
for _ in $(seq 1 120); do
  [ "$(podman logs "$lb" 2>/dev/null | wc -l)" -gt $((lines_before + 100)) ] && break
  sleep 0.25
done
# A crash, as the engine sees it: the replica's process gets SIGKILL from outside. (`podman kill` / `docker kill`
# would be a stop asked by the user, after which neither engine applies the restart policy.)
kill -KILL "$(podman inspect -f '{{.State.Pid}}' "$victim")"
ok "replica $victim_name crashed (SIGKILL to its process) while the load tool runs at 50 req/s"
load_code=0
wait "$load_pid" || load_code=$?
sed -n '/^mlservice-loadtest:/,$p' "$WORK/kill-load.log" | sed 's/^/         /'
requests_line=$(grep -E '^\s+requests\s' "$WORK/kill-load.log" || true)
lost=$(sed -nE 's/.*, ([0-9]+) errors.*/\1/p' <<<"$requests_line")
[ -n "$lost" ] || { cat "$WORK/kill-load.log"; fail "no summary from the load tool"; }
figure "requests lost when a replica is killed: $lost ($requests_line)"
[ "$lost" = 0 ] && [ "$load_code" = 0 ] || fail "requests lost when a replica was killed: $lost (load tool exit $load_code)"
ok "no request lost: nginx retried on the next replica (load tool exit 0, --max-error-rate 0)"
back=""
for _ in $(seq 1 120); do
  if [ "$(podman inspect -f '{{.State.Running}}' "$victim")" = true ] && \
     curl -fs -m 2 -o /dev/null "http://$(ip_of "$victim"):8080/health/ready"; then back=1; break; fi
  sleep 0.5
done
[ -n "$back" ] || fail_with_logs "killed replica $victim_name running and ready again within 60 s (restart: unless-stopped)"
ok "killed replica came back by itself and is ready (restart count $restarts_before -> $(podman inspect -f '{{.RestartCount}}' "$victim"))"

echo "== down (volumes kept), then up again"
compose down -t 10 >"$WORK/down1.log" 2>&1 || { cat "$WORK/down1.log"; fail "compose down"; }
[ "$(project_containers | wc -l)" = 0 ] || fail "containers left after down"
podman volume exists "${PROJECT}_trainer-work" && podman volume exists "${PROJECT}_minio-data" || fail "volumes kept by down"
ok "compose down removed every container and kept the volumes"
t_up=$(now_ms)
compose up -d >"$WORK/up2.log" 2>&1 || { cat "$WORK/up2.log"; fail_with_logs "second compose up"; }
wait_replicas_ready "$REPLICAS"
code=$(curl -s -m 10 -o "$WORK/p" -w '%{http_code}' "$LB/predict" -H 'content-type: application/json' -d "$BODY") || code=000
[ "$code" = 200 ] || fail "prediction after the second up answered $code"
figure "time to the second up (up to all replicas ready and a prediction through nginx) $(secs_since "$t_up") s"
train=$(podman logs "$(project_containers --filter label=com.docker.compose.service=trainer-train | sed -n 1p)" 2>&1)
publish=$(podman logs "$(project_containers --filter label=com.docker.compose.service=trainer-publish | sed -n 1p)" 2>&1)
grep -q "nothing to train" <<<"$train" || fail "second train said: $train"
grep -q "already is this model: nothing published" <<<"$publish" || fail "second publish said: $publish"
ok "second up serves a model; the one-shots re-ran idempotently: '$(tail -1 <<<"$train")' / '$(head -1 <<<"$publish")'"

echo "== --scale mlservice=$SCALED"
compose up -d --no-deps --scale "mlservice=$SCALED" mlservice >"$WORK/scale.log" 2>&1 || { cat "$WORK/scale.log"; fail "compose up --scale"; }
wait_replicas_ready "$SCALED"
# nginx re-resolves the name every 5 s (resolver valid=5s): poll until a spread covers every replica, bounded.
for attempt in 1 2 3; do
  spread "$PREDICTIONS"
  [ "$(wc -l < "$WORK/spread")" -eq "$SCALED" ] && break
done
assert_spread "$PREDICTIONS" "$SCALED"
[ "$failures" = 0 ]
