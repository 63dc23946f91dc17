#!/bin/sh
# Builds csmetrics twice -- normally (build/) and with AddressSanitizer +
# UndefinedBehaviorSanitizer (build-asan/) -- and runs every CTest test in
# both. This is the README's test command and what .ci/run runs. Warnings
# are errors (-DCSM_WERROR=ON) when CI=true (the CI machine sets it).
set -eu
cd "$(dirname "$0")/.."
sh scripts/prereqs.sh
sh tests/locale_setup.sh
jobs=$(nproc 2>/dev/null || echo 2)
werror=OFF
[ "${CI:-}" = true ] && werror=ON

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCSM_WERROR=$werror >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

cmake -S . -B build-asan -DCSM_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DCSM_WERROR=$werror >/dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"
