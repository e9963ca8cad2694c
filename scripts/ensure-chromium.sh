#!/usr/bin/env bash
# Browser tests use Debian's Chromium (never a browser download) and a fixed font set: the pages
# are laid out with the system's sans-serif font (mkdocs.yml `font: false`), so line breaks, widths
# and printed lengths depend on it. Install whatever of the two is missing, every time.
set -euo pipefail
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
FONT_PACKAGES="fonts-dejavu-core"   # DejaVu Sans: Latin, Cyrillic, Arabic and Persian script
SANS_FAMILY="DejaVu Sans"           # what `fc-match sans-serif` must give (tests/conftest.py)

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
for package in $FONT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
command -v fc-match >/dev/null 2>&1 || missing+=(fontconfig)

if [ "${#missing[@]}" -gt 0 ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages for the browser tests: ${missing[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  missing=()
  [ -x "$CHROMIUM" ] || missing+=(chromium)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  cat >&2 <<MSG
ERROR: the browser tests need Debian's Chromium at $CHROMIUM and the fonts $FONT_PACKAGES;
missing: ${missing[*]}. Install them with:   sudo apt-get install ${missing[*]}
(or set CHROMIUM=/path/to/chromium). The tests do not download a browser.
MSG
  exit 1
fi

family="$(fc-match -f '%{family[0]}' sans-serif)"
if [ "$family" != "$SANS_FAMILY" ]; then
  cat >&2 <<MSG
ERROR: the default sans-serif font is "$family", the browser tests expect "$SANS_FAMILY"
(fonts-dejavu-core). Another font changes line breaks and printed page lengths; make DejaVu Sans
the fontconfig default for sans-serif (e.g. remove the preferred font or add a
~/.config/fontconfig/fonts.conf <alias> for sans-serif).
MSG
  exit 1
fi
