#!/bin/sh
# bench/compare.sh -- the same queries in two builds of the extension (a
# previous release and this one), in CPU seconds of the query (user + sys,
# the sqlite3 shell's .timer), best of N runs. The two builds alternate
# run by run, so the load of a shared machine falls on both alike; each
# query's results must be the same in both builds (exit 1 otherwise).
#
#   sh bench/compare.sh BASE.so NEW.so DB N 'SQL' ['SQL' ...]
#
# For example, cohort_retention against a build of an older commit in
# /tmp/base-build (docs/performance.md, cohort_retention, has the commands):
#   sh bench/compare.sh /tmp/base-build/csmetrics.so build/csmetrics.so \
#     /tmp/speed_usage.db 7 \
#     "SELECT count(*), total(active) FROM cohort_retention('usage_events')"
set -eu
[ $# -ge 5 ] || { echo "usage: compare.sh BASE.so NEW.so DB N SQL..." >&2; exit 2; }
base=$1 new=$2 db=$3 n=$4
shift 4
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# Runs $2 once with the extension $1: prints "CPU_SECONDS RESULT".
run() {
  printf '.load %s\n.timer on\n%s;\n' "$1" "$2" | sqlite3 -readonly "$db" >"$out"
  awk '/^Run Time:/ { t = $6 + $8; next } { r = r $0 " " } END { printf "%.3f %s\n", t, r }' "$out"
}

# The smaller of two times ($2 may be empty: none yet).
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }'; }

printf '%-10s %-10s %-7s %s\n' base new new/base query
for sql in "$@"; do
  bestBase='' bestNew='' resBase='' resNew=''
  i=0
  while [ $i -lt "$n" ]; do
    r=$(run "$base" "$sql")
    bestBase=$(min "${r%% *}" "$bestBase")
    resBase=${r#* }
    r=$(run "$new" "$sql")
    bestNew=$(min "${r%% *}" "$bestNew")
    resNew=${r#* }
    i=$((i + 1))
  done
  if [ "$resBase" != "$resNew" ]; then
    echo "compare.sh: results differ for $sql: base '$resBase', new '$resNew'" >&2
    exit 1
  fi
  printf '%-10s %-10s %-7s %s\n' "$bestBase" "$bestNew" \
    "$(awk -v a="$bestNew" -v b="$bestBase" 'BEGIN { printf "%.3f", a / b }')" "$sql"
done
