#!/bin/sh
# Runs the SQL test suite, the docs examples and the reliability harnesses
# (except the OOM loop, which ASan covers) under valgrind memcheck, on the
# normal build (build/), as many at once as there are cores. Fails on any
# memory error, definite/indirect leak or crash; prints one line per program
# run (result differences are left to the normal and ASan runs, see below).
#   sh tests/valgrind.sh
# Left out (docs/reliability.md, "Valgrind"): the two big property files,
# cohort_retention_property.sql and checkin_impact_property.sql. Their time
# is SQLite evaluating their pure-SQL oracles (30 of the suite's 45 CPU
# seconds natively), not csmetrics code;
# the table code they call runs under memcheck in the tables' own files,
# the mrr and threshold property files, the fuzz corpus replay and the
# harnesses, and the property files themselves run under ASan/UBSan.
skip='cohort_retention_property|checkin_impact_property'
set -eu
cd "$(dirname "$0")/.."
sh scripts/prereqs.sh valgrind >/dev/null
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs" >/dev/null

runs() {
  for f in tests/sql/*.sql; do
    echo "$f" | grep -qE "$skip" || echo "build/tests/sqltest build/csmetrics.so $f"
  done
  echo "build/tests/sqltest build/csmetrics.so $(find docs -name '*.md' | sort | paste -sd ' ' -)"
  echo "build/tests/reliability/limits tests/reliability/workload.sql"
  echo "build/tests/reliability/threads tests/reliability/workload.sql 2 1"
  echo "build/tests/reliability/interrupt 20000"
  for t in functions tables; do echo "build/tests/fuzz/fuzz_replay_$t tests/fuzz/corpus/$t"; done
}

# xargs exits non-zero when any run does. (A line must not end with a blank:
# xargs -L would join the next one to it.)
runs | xargs -P "$jobs" -L 1 sh -c '
  log=$(mktemp)
  valgrind --quiet --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
    "$@" >"$log" 2>&1 && rc=0 || rc=$?
  case $rc in
  0) echo "ok   $1 $2 $3" ;;
  1) # A test result differs but memcheck is clean: glibc picks other libm
     # code paths under valgrind (no FMA), so a 15th digit can change. The
     # normal and ASan runs judge results; this script judges memory.
     echo "ok   $1 $2 $3 (memcheck clean; a result differs under valgrind:)"
     grep -A4 "^FAIL" "$log" | head -12 ;;
  *) echo "FAIL $* (exit $rc)"
     tail -40 "$log"
     rm -f "$log"
     exit 1 ;;
  esac
  rm -f "$log"' valgrind
