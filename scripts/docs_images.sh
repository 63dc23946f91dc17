#!/bin/sh
# docs_images.sh [--check] -- writes the chart images of the docs pages.
#
# A docs example whose ```sql block holds a line "-- image: NAME.svg" selects
# one chart; its ```output block (checked against the real output by the
# docs_examples test) holds a header line and the SVG. This script copies
# that SVG to docs/img/NAME.svg, where the page shows it as an image. With
# --check it writes nothing and fails when an image differs from its example
# (the docs_images test), so the pictures cannot go stale. Run from anywhere.
set -eu
cd "$(dirname "$0")/.."
check=0
[ "${1:-}" = "--check" ] && check=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for page in docs/*.md docs/*/*.md; do
  awk -v dir="$tmp" '
    /^```sql/ { insql = 1; next }
    insql && /^```/ { insql = 0; next }
    insql && /^-- image: / { name = $3; next }
    /^```output/ && name != "" { inout = 1; line = 0; next }
    inout && /^```/ { inout = 0; name = ""; next }
    inout { line++; if (line == 2) print > (dir "/" name) }
  ' "$page"
done
status=0
for f in "$tmp"/*.svg; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  if [ "$check" = 1 ]; then
    if ! cmp -s "$f" "docs/img/$name"; then
      echo "docs/img/$name differs from its example: run sh scripts/docs_images.sh" >&2
      status=1
    fi
  else
    cp "$f" "docs/img/$name"
    echo "docs/img/$name"
  fi
done
exit $status
