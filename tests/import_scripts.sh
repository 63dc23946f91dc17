#!/bin/sh
# The per-table import scripts are generated from import_columns
# (sql/import/generate.sh): fails when one of sql/import/<table>.sql differs
# from what the generator prints, or when a table of the catalog has none.
# Usage: import_scripts.sh WORKDIR   (from the repository root)
set -eu
work=$1/import_scripts
rm -rf "$work"
mkdir -p "$work"
sh sql/import/generate.sh "$work"
fail=0
for f in "$work"/*.sql; do
  if ! diff -u "sql/import/$(basename "$f")" "$f"; then
    echo "FAIL sql/import/$(basename "$f") differs from sql/import/generate.sh's output (diff above)"
    fail=$((fail + 1))
  fi
done
n=$(ls "$work"/*.sql | wc -l)
echo "$((n - fail)) passed, $fail failed"
[ $fail -eq 0 ] && [ "$n" -eq 16 ]
