#!/bin/sh
# Runs a guide (a Markdown file) as a test: every ```sh block is run, in
# order, with sh in one scratch directory that sees the repository's build/,
# sql/ and samples/, and when the next fenced block is a ```text block, the
# command's output (stdout and stderr) must equal it exactly.
# Usage: run_guide.sh GUIDE.md PATH/TO/csmetrics WORKDIR   (from the repository root)
# The guide's './build/csmetrics' is replaced by PATH/TO/csmetrics.
set -eu
guide=$1
ext=$2
work=$3
root=$(pwd)
rm -rf "$work"
mkdir -p "$work/blocks"
ln -s "$root/sql" "$work/sql"
ln -s "$root/samples" "$work/samples"
case $ext in /*) ;; *) ext=$root/$ext ;; esac

# Split the guide: blocks/N.sh and, when it follows at once, blocks/N.expected.
awk -v dir="$work/blocks" '
  /^```sh$/   { n++; out = dir "/" n ".sh"; inblock = 1; next }
  /^```text$/ { if (last == n && n > 0 && !done[n]) { out = dir "/" n ".expected"; printf "" > out; done[n] = 1; inblock = 1 } else { inblock = 2 } next }
  /^```/      { if (inblock == 1) last = n; inblock = 0; next }
  inblock == 1 { print > out; next }
  NF > 0 && inblock == 0 { last = -1 }
' "$guide"

pass=0
fail=0
n=1
while [ -f "$work/blocks/$n.sh" ]; do
  sed "s#\./build/csmetrics#$ext#g" "$work/blocks/$n.sh" > "$work/blocks/$n.run"
  if (cd "$work" && sh -e "blocks/$n.run" > "blocks/$n.out" 2>&1); then status=0; else status=$?; fi
  if [ $status -ne 0 ]; then
    echo "FAIL $guide block $n: exit status $status"; cat "$work/blocks/$n.out"; fail=$((fail + 1))
  elif [ -f "$work/blocks/$n.expected" ] && ! diff -u "$work/blocks/$n.expected" "$work/blocks/$n.out"; then
    echo "FAIL $guide block $n: output differs (diff above)"; fail=$((fail + 1))
  else
    pass=$((pass + 1))
  fi
  n=$((n + 1))
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
