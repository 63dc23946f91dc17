#!/bin/sh
# Loads the extension in the sqlite3 shell with .load, as an analyst would
# (no entry-point argument), and checks a function answers.
# Usage: load_shell.sh PATH/TO/csmetrics   (no file suffix)
set -eu
got=$(sqlite3 :memory: ".load $1" "SELECT csmetrics_version();")
want=$(sed -n 's/^#define CSMETRICS_VERSION "\(.*\)"$/\1/p' "$(dirname "$0")/../ext/csmetrics.h")
if [ "$got" = "$want" ]; then
  echo "1 passed, 0 failed"
else
  echo "load_shell: expected version '$want', got '$got'"
  echo "0 passed, 1 failed"
  exit 1
fi
