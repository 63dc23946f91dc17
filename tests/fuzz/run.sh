#!/bin/sh
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined)
# into build-fuzz/ and runs each for a bounded time.
#
#   sh tests/fuzz/run.sh                 # every target, 30 s each
#   CSM_FUZZ_SECONDS=3600 sh tests/fuzz/run.sh functions   # one target, 1 h
#
# The checked-in seeds (tests/fuzz/corpus/<target>/) are copied to a work
# corpus in build-fuzz/corpus/<target>/ that grows across runs. A crash
# leaves its input in build-fuzz/crash-<target>-*: add it to
# tests/fuzz/corpus/<target>/ once fixed, where fuzz_replay_<target> (CTest)
# keeps it as a regression test. Prints the executions of each target.
set -eu
cd "$(dirname "$0")/../.."
sh scripts/prereqs.sh clang libclang-rt-14-dev >/dev/null
seconds=${CSM_FUZZ_SECONDS:-30}
targets=${*:-"functions tables"}
out=build-fuzz
mkdir -p "$out"
# Configuring writes csmetrics_version.h (included by ext/csmetrics.h).
cmake -S . -B "$out/cmake" -DBUILD_TESTING=OFF -DCSM_BUILD_SAMPLES=OFF >/dev/null
for t in $targets; do
  [ -f "tests/fuzz/fuzz_$t.c" ] || { echo "run.sh: no target $t" >&2; exit 2; }
  clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -DSQLITE_CORE -Iext -I"$out/cmake/generated" -Itests/fuzz -o "$out/fuzz_$t" "tests/fuzz/fuzz_$t.c" ext/*.c -lsqlite3 -lm
  mkdir -p "$out/corpus/$t"
  cp tests/fuzz/corpus/"$t"/* "$out/corpus/$t/"
  "$out/fuzz_$t" -max_total_time="$seconds" -dict=tests/fuzz/csmetrics.dict -max_len=2048 \
    -timeout=25 -rss_limit_mb=1024 -print_final_stats=1 -artifact_prefix="$out/crash-$t-" \
    "$out/corpus/$t" 2>"$out/fuzz_$t.log" || { tail -60 "$out/fuzz_$t.log"; exit 1; }
  echo "fuzz_$t: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/fuzz_$t.log" |
        grep -o '[0-9]*$') executions in ${seconds} s"
done
