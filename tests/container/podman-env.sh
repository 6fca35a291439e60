# Sourced by the container scripts: podman settings this kind of machine needs (see README.md here).
# - runc, because crun refuses the hybrid cgroup v1/v2 layout of the sandbox;
# - default ulimits no higher than our hard limits, because the sandbox lacks CAP_SYS_RESOURCE.
# The file goes to a scratch directory and is selected with CONTAINERS_CONF, so /etc is left alone.
CONTAINER_WORK="${CONTAINER_WORK:-/tmp/mlservice-container}"
mkdir -p "$CONTAINER_WORK"
nofile="$(ulimit -Hn)"
nproc="$(ulimit -Hu)"
[ "$nproc" = unlimited ] && nproc=8192
[ "$nproc" -gt 8192 ] && nproc=8192
cat > "$CONTAINER_WORK/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${nproc}:${nproc}"]
[engine]
runtime = "runc"
CONF
export CONTAINERS_CONF="$CONTAINER_WORK/containers.conf"
