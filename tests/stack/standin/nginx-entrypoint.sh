#!/bin/sh
# Entrypoint of the nginx stand-in image: the two steps of the official nginx image's entrypoint that the compose
# file relies on (docker-entrypoint.d/15-local-resolvers.envsh and 20-envsubst-on-templates.sh), then nginx.
#  - NGINX_ENTRYPOINT_LOCAL_RESOLVERS set: NGINX_LOCAL_RESOLVERS = the nameservers of /etc/resolv.conf;
#  - every /etc/nginx/templates/*.template is written to /etc/nginx/conf.d/ with ${VAR} of defined variables replaced.
set -eu
if [ "$1" = nginx ]; then
  if [ -n "${NGINX_ENTRYPOINT_LOCAL_RESOLVERS:-}" ]; then
    NGINX_LOCAL_RESOLVERS=$(awk 'BEGIN{ORS=" "} $1=="nameserver" {if ($2 ~ ":") {print "["$2"]"} else {print $2}}' /etc/resolv.conf)
    NGINX_LOCAL_RESOLVERS="${NGINX_LOCAL_RESOLVERS% }"
    export NGINX_LOCAL_RESOLVERS
  fi
  defined=$(awk 'END { for (name in ENVIRON) if (name ~ /^[A-Za-z_][A-Za-z0-9_]*$/) printf "${%s} ", name }' </dev/null)
  for template in /etc/nginx/templates/*.template; do
    [ -f "$template" ] || continue
    output="/etc/nginx/conf.d/$(basename "$template" .template)"
    echo "$0: running envsubst on $template to $output"
    envsubst "$defined" < "$template" > "$output"
  done
fi
exec "$@"
