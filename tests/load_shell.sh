#!/bin/sh
# Loads the extension in the sqlite3 shell with .load, as an analyst would
# (no entry-point argument), and checks a function answers.
# Usage: load_shell.sh PATH/TO/csmetrics VERSION   (no file suffix; VERSION
# is the project() version CTest passes)
set -eu
got=$(sqlite3 :memory: ".load $1" "SELECT csmetrics_version();")
want=$2
if [ "$got" = "$want" ]; then
  echo "1 passed, 0 failed"
else
  echo "load_shell: expected version '$want', got '$got'"
  echo "0 passed, 1 failed"
  exit 1
fi
