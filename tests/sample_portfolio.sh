#!/bin/sh
# sample_portfolio.sh GENERATOR EXTENSION WORKDIR -- the model end to end on
# the generated sample portfolio (samples/gen_portfolio.c, default 2,000
# accounts over 24 months): loads sql/model.sql, records 10 month-end health
# snapshots, runs every report in sql/reports/ (each must succeed with no
# error output), then asserts that the health score ranks accounts that
# cancel within the next 90 days below the rest: the ROC AUC of the
# validation report's scored set must be at least 0.78; and every section
# of closing the loop (targets, interventions, alerts) has figures.
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
pass=$((pass + 1))

# Every section of closing the loop has figures on the sample: each
# validation target a value, interventions with a detection time, alert
# episodes, champions who left, stuck onboardings, first responses.
empty=$(sqlite3 -bail "$db" ".load $ext" '.mode list' '.headers off' "
  SELECT measure FROM validation_status WHERE value IS NULL
  UNION ALL SELECT 'intervention_kpis' FROM intervention_kpis
   WHERE period = 'all' AND (intervened = 0 OR time_to_detection_days IS NULL)
  UNION ALL SELECT 'alert_log' WHERE NOT EXISTS (SELECT 1 FROM alert_log)
  UNION ALL SELECT 'new_alerts' WHERE NOT EXISTS (SELECT 1 FROM new_alerts)
  UNION ALL SELECT 'health_changes' WHERE NOT EXISTS (SELECT 1 FROM health_changes)
  UNION ALL SELECT 'champion_left' WHERE NOT EXISTS (SELECT 1 FROM alert_log WHERE signal = 'champion_left')
  UNION ALL SELECT 'onboarding_stuck' WHERE NOT EXISTS (SELECT 1 FROM alert_log WHERE signal = 'onboarding_stuck')
  UNION ALL SELECT 'support_operations' WHERE NOT EXISTS
    (SELECT 1 FROM support_operations WHERE mean_first_response_hours IS NOT NULL);")
if [ -n "$empty" ]; then
  echo "FAIL sections without figures: $empty"
  echo "$pass passed, 1 failed"
  exit 1
fi
echo "$((pass + 1)) passed, 0 failed"
