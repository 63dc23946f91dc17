#!/bin/sh
# Builds csmetrics twice -- normally (build/) and with AddressSanitizer +
# UndefinedBehaviorSanitizer (build-asan/) -- and runs every CTest test in
# both. This is the README's test command and what .ci/run runs.
set -eu
cd "$(dirname "$0")/.."
sh scripts/prereqs.sh
sh tests/locale_setup.sh
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

cmake -S . -B build-asan -DCSM_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"
