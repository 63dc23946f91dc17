#!/bin/sh
# sample_portfolio.sh GENERATOR EXTENSION WORKDIR -- the model end to end on
# the generated sample portfolio (samples/gen_portfolio.c, default 2,000
# accounts over 24 months): loads sql/model.sql, records 10 month-end health
# snapshots, runs every report in sql/reports/ (each must succeed with no
# error output), then asserts that the health score ranks accounts that
# cancel within the next 90 days below the rest: the ROC AUC of the
# validation report's scored set must be at least 0.78.
# Run from the repository root (CTest does). EXTENSION has no file suffix.
set -eu
gen=$1
ext=$2
db=$3/sample_portfolio.db
pass=0

"$gen" sql/schema.sql "$db"
sqlite3 -bail "$db" ".load $ext" '.read sql/model.sql'
sh samples/backfill_history.sh "$db" 9 "$ext"

for report in sql/reports/*.sql; do
  if ! out=$(sqlite3 -bail "$db" ".load $ext" ".read $report" 2>&1) ||
     printf '%s\n' "$out" | grep -q -E '^(Error|Parse error|Runtime error)'; then
    printf '%s\n' "$out" | grep -m 5 -E '^(Error|Parse error|Runtime error)' || true
    echo "FAIL report $report"
    echo "$pass passed, 1 failed"
    exit 1
  fi
  pass=$((pass + 1))
done

auc=$(sqlite3 -bail "$db" ".load $ext" '.output /dev/null' '.read sql/reports/validation.sql' \
        '.output stdout' '.mode list' '.headers off' 'SELECT auc(-health_score, churned) FROM temp.rpt_validation;')
echo "health vs churn within 90 days: AUC $auc"
if ! awk -v a="$auc" 'BEGIN { exit !(a + 0 >= 0.78) }'; then
  echo "FAIL AUC $auc < 0.78"
  echo "$pass passed, 1 failed"
  exit 1
fi
echo "$((pass + 1)) passed, 0 failed"
