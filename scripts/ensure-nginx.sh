#!/usr/bin/env bash
# The tests serve the built site with Debian's nginx and the shipped configuration
# (deploy/nginx/), so that configuration is tested for real. Install nginx if missing.
# Only the binary is used: the tests start their own nginx on 127.0.0.1 as the current user.
set -euo pipefail
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
if [ -x "$NGINX" ] && [ -f /etc/nginx/mime.types ] && command -v openssl >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "nginx not found: installing Debian's nginx package (and openssl) ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d 101: do not start the system-wide nginx service on installation
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get install -y -qq --no-install-recommends nginx openssl >/dev/null
  NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
  [ -x "$NGINX" ] && exit 0
fi
cat >&2 <<MSG
ERROR: the tests need Debian's nginx (with /etc/nginx/mime.types) and openssl.
Install them with:   sudo apt-get install nginx openssl
(or set NGINX=/path/to/nginx). The tests run their own nginx on 127.0.0.1; the system
service does not need to run.
MSG
exit 1
