#!/bin/sh
# run.sh -- the HTML dashboard in a real browser (headless Chromium).
#
#   sh tests/browser/run.sh            # the test
#   sh tests/browser/run.sh --readme   # the test, then docs/img/dashboard.png
#
# Installs Debian's chromium when it is missing (skips, saying so, only when
# it cannot be installed), builds the demo portfolio with twelve monthly
# health snapshots (CSM_DEMO_MONTHS=11 sh samples/demo.sh, which writes
# build/dashboard.html), checks that the page is self-contained (no script,
# no event attribute, no external reference), renders it headless and
# checks the rendered DOM (tests/browser/check_dom.py): every section is
# there and every chart has its marks; the browser logged no console or
# load error. Saves for a human to look at:
#   build/dashboard.png         the whole page at 1280 px
#   build/dashboard-laptop.png  the first screen at 1024 x 768
#   build/dashboard-top.png     the first 1500 px at 1280 (the README's picture)
#   build/dashboard.dom.html    the DOM as Chromium rendered it
# Run from anywhere; exits non-zero on any failure.
set -eu
cd "$(dirname "$0")/../.."
if ! command -v chromium >/dev/null 2>&1; then
  if ! sh scripts/prereqs.sh chromium >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
    echo "browser test SKIPPED: chromium is not installed and could not be installed" \
         "(as root: apt-get update && apt-get install -y chromium)"
    exit 0
  fi
fi
CSM_DEMO_MONTHS=11 sh samples/demo.sh >build/demo.log 2>&1 || { tail -20 build/demo.log; exit 1; }
page=build/dashboard.html

# Self-contained: nothing to run, nothing to fetch.
if grep -n -i -E '<script|<iframe|<object|<embed|<link|<img|@import|url\(|src=|href=| on[a-z]+=' "$page"; then
  echo "browser: $page is not self-contained (see above)" >&2
  exit 1
fi
if grep -o -E 'https?://[^" ]*' "$page" | grep -v -x 'http://www.w3.org/2000/svg' | head -5 | grep .; then
  echo "browser: $page refers to a URL (see above)" >&2
  exit 1
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chrome() {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --enable-logging=stderr --v=0 "$@" \
    "file://$(pwd)/$page"
}
chrome --dump-dom >build/dashboard.dom.html 2>build/chromium.log
chrome --screenshot=build/dashboard.png --window-size=1280,4600 >/dev/null 2>>build/chromium.log
chrome --screenshot=build/dashboard-laptop.png --window-size=1024,768 >/dev/null 2>>build/chromium.log
chrome --screenshot=build/dashboard-top.png --window-size=1280,1500 >/dev/null 2>>build/chromium.log
if grep -E 'CONSOLE|Failed to load|net::ERR' build/chromium.log; then
  echo "browser: Chromium reported errors loading $page (build/chromium.log)" >&2
  exit 1
fi
for f in build/dashboard.png build/dashboard-laptop.png build/dashboard-top.png; do
  [ -s "$f" ] || { echo "browser: no screenshot $f" >&2; exit 1; }
done
/usr/bin/python3 tests/browser/check_dom.py build/dashboard.dom.html build/portfolio.db
echo "browser: screenshots in build/dashboard.png, build/dashboard-laptop.png, build/dashboard-top.png"
if [ "${1:-}" = "--readme" ]; then
  cp build/dashboard-top.png docs/img/dashboard.png
  echo "browser: docs/img/dashboard.png updated"
fi
