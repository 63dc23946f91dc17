#!/bin/sh
# Builds csmetrics and the thread tests with ThreadSanitizer (clang,
# build-tsan/; it cannot be combined with ASan) and runs them: 8 threads,
# each with its own connection, running the whole workload 3 times; then
# the parallel scan (parallel.c): 3 connections scanning with worker
# threads at once, and interrupts of parallel scans; then checkin_impact
# and mrr_movements against their serial scans (test_parallel_tables).
set -eu
cd "$(dirname "$0")/../.."
sh scripts/prereqs.sh clang libclang-rt-14-dev >/dev/null
CC=clang cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread >/dev/null
cmake --build build-tsan -j "$(nproc 2>/dev/null || echo 2)" --target threads parallel test_parallel_tables >/dev/null
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
  build-tsan/tests/reliability/threads tests/reliability/workload.sql 8 3
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
  build-tsan/tests/reliability/parallel 12000 1
# checkin_impact and mrr_movements, serial against 2-4 threads, and their
# out-of-memory sweep (tests/unit/test_parallel_tables.c)
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" build-tsan/tests/test_parallel_tables
