#!/bin/sh
# Builds csmetrics (build/, RelWithDebInfo) and runs every benchmark; each
# prints its baseline and csmetrics times from the same run, and the ratios.
# Results are recorded in docs/performance.md.
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j 2 >/dev/null
build/bench/bench_health_score build/csmetrics.so
test -f /tmp/csm_usage.db || build/samples/gen_usage /tmp/csm_usage.db; build/bench/bench_cohort_retention /tmp/csm_usage.db build/csmetrics.so
sh bench/account_health.sh build/csmetrics
build/bench/bench_aggregates build/csmetrics.so
test -f /tmp/csm_checkins.db || build/samples/gen_checkins /tmp/csm_checkins.db; build/bench/bench_checkin_impact /tmp/csm_checkins.db build/csmetrics
build/bench/bench_adversarial
build/bench/bench_mrr_movements /tmp/csm_mrr.db build/csmetrics 3 200000 50 0
build/bench/bench_mrr_movements /tmp/csm_mrr_1m.db build/csmetrics 3 20000 50 1
build/bench/bench_threshold_sweep build/csmetrics
# Optional (needs node and npm; tens of minutes at 1M, 10M and 30M rows):
# cohort_retention against DuckDB on the same rows, with CSM_DUCKDB=1.
# Alone: sh bench/duckdb_compare.sh [--smoke | ROWS...]
if [ -n "${CSM_DUCKDB:-}" ]; then sh bench/duckdb_compare.sh; fi
