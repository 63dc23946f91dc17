#!/bin/sh
# Runs the SQL test suite, the docs examples and the reliability harnesses
# (except the OOM loop, which ASan covers) under valgrind memcheck, on the
# normal build (build/). Fails on any memory error or definite/indirect
# leak. Prints one line per program run.
#   sh tests/valgrind.sh
set -eu
cd "$(dirname "$0")/.."
sh scripts/prereqs.sh valgrind >/dev/null
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
vg="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect"
status=0
run() {
  if $vg "$@" >/tmp/csm-valgrind.$$ 2>&1; then
    echo "ok   $*" | sed "s|$PWD/||g"
  else
    echo "FAIL $*"
    tail -40 /tmp/csm-valgrind.$$
    status=1
  fi
}
for f in tests/sql/*.sql; do run build/tests/sqltest build/csmetrics.so "$f"; done
# shellcheck disable=SC2046 # one argument per docs page
run build/tests/sqltest build/csmetrics.so $(find docs -name '*.md' | sort)
run build/tests/reliability/limits tests/reliability/workload.sql
run build/tests/reliability/threads tests/reliability/workload.sql 2 1
run build/tests/reliability/interrupt 20000
for t in functions tables; do run build/tests/fuzz/fuzz_replay_$t tests/fuzz/corpus/$t; done
rm -f /tmp/csm-valgrind.$$
exit $status
