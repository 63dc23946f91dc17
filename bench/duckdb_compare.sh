#!/bin/sh
# cohort_retention side by side with DuckDB, on the same rows, in one run
# (docs/performance.md, "Against DuckDB"). Optional: needs node and npm, and
# is skipped (exit 0) without them; never run by CI (minutes at 30M rows).
#
#   sh bench/duckdb_compare.sh                  # 1M, 10M and 30M rows
#   sh bench/duckdb_compare.sh 10000000         # chosen sizes
#   sh bench/duckdb_compare.sh --smoke          # 100k rows, equality only, seconds
#
# For each size N it generates usage_events once with samples/gen_usage
# (N rows, N/50 accounts, 24 months) into build/duckdb_compare/usage_N.db,
# exports it and loads the same rows into build/duckdb_compare/usage_N.duckdb
# (both kept for later runs), checks that every formulation gives exactly the
# rows of cohort_retention(source, 'month'), then times them interleaved under
# nice (bench/duckdb_compare.mjs drive): the scan floor, csmetrics serial and
# (when CSM_PARALLEL_SETUP names the thread setting) parallel, the pure-SQL
# grid, and DuckDB at 1 and 2 threads.
#
# DuckDB comes from the npm package @duckdb/node-api, installed at the pinned
# version below into build/duckdb-node (never vendored, never committed).
#
# Environment: CSM_ROUNDS (default 3), CSM_REPEAT (in-process runs per round,
# default 3), CSM_SERIAL_SETUP / CSM_PARALLEL_SETUP (SQL run on the
# connection before csmetrics' query: the serial and the parallel thread
# setting, default "SELECT csmetrics_threads(1)" and "SELECT
# csmetrics_threads(2)"; set CSM_PARALLEL_SETUP empty to leave the parallel
# row out, and both empty for a build without csmetrics_threads), CSM_EXT
# (the extension to measure, default build/csmetrics, e.g. another branch's
# build).
set -eu
cd "$(dirname "$0")/.."
DUCKDB_NODE_VERSION=1.5.6-r.1

check_only=
if [ "${1:-}" = --smoke ]; then
  check_only=--check-only
  shift
  set -- 100000
fi
[ $# -gt 0 ] || set -- 1000000 10000000 30000000

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "duckdb_compare: skipped (node and npm are needed for DuckDB's package)"
  exit 0
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j 2 >/dev/null

CSM_DUCKDB_NODE=$PWD/build/duckdb-node
export CSM_DUCKDB_NODE
pkg=$CSM_DUCKDB_NODE/node_modules/@duckdb/node-api/package.json
if ! grep -q "\"version\": \"$DUCKDB_NODE_VERSION\"" "$pkg" 2>/dev/null; then
  mkdir -p "$CSM_DUCKDB_NODE"
  (cd "$CSM_DUCKDB_NODE" && npm install --no-save --no-audit --no-fund --prefix . \
    "@duckdb/node-api@$DUCKDB_NODE_VERSION" >/dev/null)
fi
echo "@duckdb/node-api $DUCKDB_NODE_VERSION, node $(node --version), $(nproc) cores"

dir=build/duckdb_compare
mkdir -p "$dir"
for rows in "$@"; do
  db=$dir/usage_$rows.db
  duck=$dir/usage_$rows.duckdb
  if [ ! -f "$db" ]; then
    accounts=$((rows / 50 > 0 ? rows / 50 : 1))
    nice build/samples/gen_usage "$db.tmp" --accounts "$accounts" --rows "$rows"
    mv "$db.tmp" "$db"
  fi
  if [ ! -f "$duck" ] || [ -n "$(find "$db" -newer "$duck")" ]; then
    rm -f "$duck" "$duck.tmp" "$duck.tmp.wal"
    nice build/bench/bench_sqlite_query "$db" - --print 'SELECT * FROM usage_events' \
      >"$dir/export.psv" 2>"$dir/export.log" || { cat "$dir/export.log" >&2 && exit 1; }
    nice node bench/duckdb_compare.mjs load "$duck.tmp" "$dir/export.psv"
    rm -f "$dir/export.psv" "$dir/export.log"
    mv "$duck.tmp" "$duck"
  fi
  echo "== $db"
  # shellcheck disable=SC2086 # $check_only is empty or one word
  nice node bench/duckdb_compare.mjs drive --sqlite "$db" --duckdb "$duck" \
    --runner build/bench/bench_sqlite_query --ext "${CSM_EXT:-build/csmetrics}" \
    --rounds "${CSM_ROUNDS:-3}" --repeat "${CSM_REPEAT:-3}" \
    --serial-setup "${CSM_SERIAL_SETUP-SELECT csmetrics_threads(1)}" \
    --parallel-setup "${CSM_PARALLEL_SETUP-SELECT csmetrics_threads(2)}" $check_only
done
