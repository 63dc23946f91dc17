#!/bin/sh
# model_lookup_plan.sh GENERATOR EXTENSION WORKDIR -- a one-account lookup
# of the health model reads that account only. On a small generated
# portfolio, for each view a drill-down reads (account_signals,
# account_scores, account_health_alerts, account_health, account_alerts):
#   - EXPLAIN QUERY PLAN of SELECT * FROM VIEW WHERE account = ? seeks the
#     account in accounts' index and reads usage_events through the
#     (account, date, ...) index with account=? -- no line of the plan scans
#     either index whole (SQLite moved the WHERE into the view's
#     per-account stages; a MATERIALIZED or twice-read stage would not
#     allow it, and the plan would scan accounts);
#   - the lookup's rows equal that account's rows of the whole view.
# The whole view's plan must scan accounts (so the check can fail). Plans
# are those of the sqlite3 shell's SQLite (Debian 12: 3.40). Run from the
# repository root (CTest does). EXTENSION has no file suffix.
set -eu
gen=$1
ext=$2
db=$3/model_lookup_plan.db
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() {
  echo "FAIL $*"
  fail=$((fail + 1))
}

rm -f "$db"
"$gen" --accounts 40 sql/schema.sql "$db" >/dev/null
sqlite3 -bail "$db" ".load $ext" '.read sql/model.sql'
# an active account with alerts (so every view has rows for it)
account=$(sqlite3 "$db" ".load $ext" "SELECT min(account) FROM account_alerts")

# index_lines PLAN: the plan's lines that read accounts or usage_events
# through their account index.
index_lines() {
  printf '%s\n' "$1" | grep -E 'sqlite_autoindex_accounts_1|usage_events_account_date' || true
}

whole=$(sqlite3 "$db" ".load $ext" 'EXPLAIN QUERY PLAN SELECT * FROM account_health')
if index_lines "$whole" | grep -q 'SCAN .*sqlite_autoindex_accounts_1$'; then ok; else
  bad "whole account_health: the plan does not scan accounts: $(index_lines "$whole")"
fi

for view in account_signals account_scores account_health_alerts account_health account_alerts; do
  plan=$(sqlite3 "$db" ".load $ext" "EXPLAIN QUERY PLAN SELECT * FROM $view WHERE account = '$account'")
  lines=$(index_lines "$plan")
  if printf '%s\n' "$lines" | grep -q 'SEARCH .* USING INDEX sqlite_autoindex_accounts_1 (account=?)$'; then ok; else
    bad "$view: accounts not read by account=?: $lines"
  fi
  if printf '%s\n' "$lines" | grep -q 'SEARCH .* USING COVERING INDEX usage_events_account_date (account=? AND date>? AND date<?)'; then ok; else
    bad "$view: usage_events not read as one account's range: $lines"
  fi
  if printf '%s\n' "$lines" | grep -v -q '(account=?'; then
    bad "$view: a read of an account index without account=?: $lines"
  else ok; fi
  got=$(sqlite3 "$db" ".load $ext" ".mode quote" "SELECT * FROM $view WHERE account = '$account'")
  want=$(sqlite3 "$db" ".load $ext" ".mode quote" \
    "WITH v AS MATERIALIZED (SELECT * FROM $view) SELECT * FROM v WHERE account = '$account'")
  if [ -n "$want" ] && [ "$got" = "$want" ]; then ok; else
    bad "$view: the lookup's rows differ from the whole view's: '$got' vs '$want'"
  fi
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
