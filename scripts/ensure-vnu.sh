#!/usr/bin/env bash
# The HTML validity test runs the W3C Nu Html Checker (npm package vnu-jar, pinned in
# package.json / package-lock.json) with Java. Installs what is missing: Debian's Java runtime,
# Node/npm, and the checker with `npm ci` (--ignore-scripts: its postinstall would try to
# download a Java runtime; Debian's is used instead).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's ${missing[*]} for the HTML checker ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "ERROR: the HTML validity test needs ${missing[*]}: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
JAR=node_modules/vnu-jar/build/dist/vnu.jar
if [ ! -f "$JAR" ] || [ package-lock.json -nt "$JAR" ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  touch "$JAR"
fi
