#!/bin/sh
# Entrypoint of the nginx stand-in image: what the official nginx image's /docker-entrypoint.sh does before nginx
# starts, as far as the compose file relies on it:
#  - every executable /docker-entrypoint.d/*.envsh is sourced (it may export variables);
#  - every /etc/nginx/templates/*.template is written to /etc/nginx/conf.d/ with ${VAR} of defined variables
#    replaced (the image's 20-envsubst-on-templates.sh).
set -eu
if [ "$1" = nginx ]; then
  for script in /docker-entrypoint.d/*.envsh; do
    [ -x "$script" ] || continue
    echo "$0: sourcing $script"
    . "$script"
  done
  defined=$(awk 'END { for (name in ENVIRON) if (name ~ /^[A-Za-z_][A-Za-z0-9_]*$/) printf "${%s} ", name }' </dev/null)
  for template in /etc/nginx/templates/*.template; do
    [ -f "$template" ] || continue
    name="${template##*/}"
    output="/etc/nginx/conf.d/${name%.template}"
    echo "$0: running envsubst on $template to $output"
    envsubst "$defined" < "$template" > "$output"
  done
fi
exec "$@"
