#!/bin/sh
# Static checks (docs/reliability.md), each failing the script on a finding:
#   1. a clang build of everything with -Wall -Wextra -Werror (build-clang/;
#      gcc is the normal build);
#   2. clang-tidy with the checked-in .clang-tidy, over the extension and
#      the C tests;
#   3. cppcheck (warning, style, performance, portability);
#   4. clang-format drift against the root .clang-format (extension, tests,
#      samples and benchmarks);
#   5. no global mutable state: the extension's objects may define no
#      writable data (.data/.bss) -- every state lives in a connection,
#      statement, cursor or aggregate context, so threads cannot share it.
#      (The loadable module's sqlite3_api pointer, set at load time by
#      SQLITE_EXTENSION_INIT1, is the one exception, as in every extension.)
#   6. the repository stands alone: no tracked file cites a document that is
#      not in it (the product specification by name or section, the shared
#      folder beside the checkout); its own docs are the contract.
set -eu
cd "$(dirname "$0")/.."
sh scripts/prereqs.sh clang clang-tidy clang-format cppcheck >/dev/null
jobs=$(nproc 2>/dev/null || echo 2)
sources="ext/*.c tests/*.c tests/unit/*.c tests/reliability/*.c tests/fuzz/*.c"

echo "== clang -Wall -Wextra -Werror"
CC=clang cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCSM_WERROR=ON \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
cmake --build build-clang -j "$jobs" >/dev/null

echo "== clang-tidy"
# shellcheck disable=SC2086 # the globs are meant to expand
tidy=$(clang-tidy -p build-clang --quiet $sources 2>&1 | grep -v 'warnings\? generated' || true)
if [ -n "$tidy" ]; then
  echo "$tidy"
  echo "static_checks: clang-tidy found problems (above)"
  exit 1
fi

echo "== cppcheck"
cppcheck --enable=warning,style,performance,portability --std=c11 --inline-suppr --quiet \
  --error-exitcode=1 --suppress=missingIncludeSystem -I ext -I tests/reliability -I tests/fuzz \
  ext/ tests/

echo "== clang-format"
# shellcheck disable=SC2086
clang-format --dry-run -Werror ext/*.h tests/unit/*.h tests/reliability/*.h tests/fuzz/*.h \
  samples/*.h samples/*.c bench/*.c $sources

echo "== no global mutable state"
# Relocated constants (.data.rel.ro) are read-only after loading.
writable=$(objdump -t build-clang/libcsmetrics.a |
  grep -E '[[:space:]]\.(data|bss)' | grep -v '\.data\.rel\.ro' || true)
if [ -n "$writable" ]; then
  echo "static_checks: the extension defines writable globals:"
  echo "$writable"
  exit 1
fi
echo "== docs stand alone"
# The pattern is spelt so that this file does not match itself.
cited=$( (git ls-files 2>/dev/null || find . -type f ! -path './.git/*' ! -path './build*') |
  xargs grep -nE '\bSPE[C]\b|\.\./share[d]' 2>/dev/null || true)
if [ -n "$cited" ]; then
  echo "$cited"
  echo "static_checks: the files above cite documents outside the repository"
  exit 1
fi
echo "static checks passed"
