#!/bin/sh
# account_health.sh EXTENSION [DB] -- times the account_health view over a
# generated portfolio with about 10,000,000 usage_events rows (11,500
# accounts over 24 months; DB defaults to /tmp/csm_portfolio_10m.db and is
# generated once), against the floor: one full scan of the usage_events
# columns the model reads (account, user_id, date, feature, event_count).
# Both run in the same sqlite3 process, best of three; prints the ratio.
# Run from the repository root. EXTENSION has no file suffix.
set -eu
ext=$1
db=${2:-/tmp/csm_portfolio_10m.db}
if [ ! -f "$db" ]; then
  build/samples/gen_portfolio --accounts 11500 sql/schema.sql "$db"
  sqlite3 -bail "$db" ".load $ext" '.read sql/model.sql'
fi
sqlite3 -bail -cmd ".load $ext" "$db" <<'SQL' | awk '
  /^rows/ { rows = $2 }
  /^Run Time/ { t = $4 + 0; n++; if (n <= 3) { if (n == 1 || t < f) f = t } else { if (n == 4 || t < v) v = t } }
  END {
    printf "account_health: %d usage rows; floor (one scan) %.3f s, account_health %.3f s, ratio %.2f\n", rows, f, v, v / f
  }'
.mode list
.separator ' '
SELECT 'rows', count(*) FROM usage_events;
.output /dev/null
.timer on
SELECT count(*), max(account), max(user_id), max(date), max(feature), total(event_count) FROM usage_events NOT INDEXED;
SELECT count(*), max(account), max(user_id), max(date), max(feature), total(event_count) FROM usage_events NOT INDEXED;
SELECT count(*), max(account), max(user_id), max(date), max(feature), total(event_count) FROM usage_events NOT INDEXED;
SELECT count(*), total(health_score) FROM account_health;
SELECT count(*), total(health_score) FROM account_health;
SELECT count(*), total(health_score) FROM account_health;
SQL
