#!/usr/bin/env bash
# Browser tests use Debian's Chromium (never a browser download). Install it if missing.
set -euo pipefail
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium not found: installing Debian's chromium package ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
cat >&2 <<MSG
ERROR: the browser tests need Debian's Chromium at $CHROMIUM and it is not installed.
Install it with:   sudo apt-get install chromium
(or set CHROMIUM=/path/to/chromium). The tests do not download a browser.
MSG
exit 1
