#!/bin/sh
# Imports the messy sample exports of samples/exports/ through sql/import/
# and checks, record by record, where each one went: the ledger (file, line,
# status, and the typed row or the quarantine reason) must equal
# tests/import/exports.ledger, every table must hold exactly the records
# marked loaded, rejected_rows exactly those marked rejected, and a second
# import of the same exports must add nothing anywhere. Then the edge cases
# of a file's shape (line ends, multi-line cells, short records, headers).
# Usage: import_exports.sh PATH/TO/csmetrics WORKDIR   (run from the repository root)
set -eu
ext=$1
work=$2
mkdir -p "$work"
db=$work/import_exports.db
rm -f "$db"

tables="features accounts usage_events nps_responses support_tickets mrr_snapshots invoices
churn_events check_in_logs post_check_in_behavior control_group attribution_model
health_history contacts milestones interventions"

# One session: settings, then each export staged, imported and its ledger kept.
script=$work/import_exports.sql
{
  echo ".load $ext"
  echo ".read sql/schema.sql"
  cat <<'SQL'
UPDATE import_settings SET date_format = '%m/%d/%Y' WHERE source_table = 'accounts';
UPDATE import_settings SET decimal_mark = ',' WHERE source_table = 'mrr_snapshots';
UPDATE import_settings SET date_format = '%d.%m.%Y', decimal_mark = ','
 WHERE source_table = 'invoices';
UPDATE import_settings SET date_format = '%b %d, %Y' WHERE source_table = 'check_in_logs';
CREATE TABLE ledger (run INTEGER, source_table TEXT, line INTEGER, status TEXT, detail TEXT);
CREATE TABLE run (n INTEGER);
INSERT INTO run VALUES (1);
SQL
  for pass in 1 2; do
    for t in $tables; do
      echo "DROP TABLE IF EXISTS stage_$t;"
      echo ".import --csv samples/exports/$t.csv stage_$t"
      echo ".read sql/import/$t.sql"
      cat <<SQL
INSERT INTO ledger
  SELECT (SELECT n FROM run), '$t', r.line, r.status,
         CASE WHEN x.reason IS NOT NULL THEN coalesce(x.column_name, '-') || ' ' || quote(x.value) || ': ' || x.reason
              WHEN r.status = 'rejected' THEN '?' ELSE r.row END
    FROM temp.import_records r LEFT JOIN temp.import_rejects x USING (record);
SQL
    done
    echo "UPDATE run SET n = n + 1;"
  done
} > "$script"
sqlite3 "$db" < "$script" > "$work/import_exports.out" 2> "$work/import_exports.err"

fail=0
check() { # name, actual, expected
  if [ "$2" = "$3" ]; then echo "ok $1"; else echo "FAIL $1: got '$2', expected '$3'"; fail=$((fail + 1)); fi
}

sqlite3 "$db" "SELECT source_table || ':' || line || ' ' || status || ' ' || detail FROM ledger
                WHERE run = 1 ORDER BY source_table, line" > "$work/exports.ledger"
if diff -u tests/import/exports.ledger "$work/exports.ledger"; then
  echo "ok ledger"
else
  echo "FAIL ledger (diff above)"; fail=$((fail + 1))
fi

# Every table holds exactly the loaded records; rejected_rows exactly the rejected ones.
for t in $tables; do
  check "$t rows = loaded" "$(sqlite3 "$db" "SELECT count(*) FROM $t")" \
    "$(sqlite3 "$db" "SELECT count(*) FROM ledger WHERE run = 1 AND source_table = '$t' AND status = 'new'")"
  check "$t quarantined = rejected" \
    "$(sqlite3 "$db" "SELECT count(*) FROM rejected_rows WHERE source_table = '$t'")" \
    "$(sqlite3 "$db" "SELECT count(*) FROM ledger WHERE run = 1 AND source_table = '$t' AND status IN ('rejected', 'key')")"
  check "$t every record accounted for" \
    "$(sqlite3 "$db" "SELECT count(*) FROM ledger WHERE run = 1 AND source_table = '$t'")" \
    "$(($(grep -c '' "samples/exports/$t.csv") - 1))" # one line per record: no multi-line cells
done
# Loaded rows are the ledger's typed rows, value for value (spot checks of each kind).
check "US date and money" "$(sqlite3 "$db" "SELECT signup_date || ' ' || contract_end || ' ' || arr || ' ' || typeof(arr) FROM accounts WHERE account = 'ACME-Corp'")" \
  "2023-04-01 2027-03-31 120000.0 real"
check "blank cell is NULL" "$(sqlite3 "$db" "SELECT quote(csm) FROM accounts WHERE account = 'Delta-Co'")" "NULL"
check "ISO with Z and offsets to UTC" "$(sqlite3 "$db" "SELECT group_concat(date, ' ') FROM (SELECT date FROM usage_events WHERE date LIKE '%:%' ORDER BY date)")" \
  "2026-06-29 06:00:00 2026-06-29 14:05:00"
check "European money" "$(sqlite3 "$db" "SELECT group_concat(mrr, ' ') FROM (SELECT mrr FROM mrr_snapshots ORDER BY id)")" \
  "10000.0 10000.0 3000.0 2750.5 750.0 100.0"
check "percent as a ratio" "$(sqlite3 "$db" "SELECT impact_score FROM attribution_model WHERE account = 'ACME-Corp'")" "0.75"
check "month names" "$(sqlite3 "$db" "SELECT group_concat(date, ' ') FROM (SELECT date FROM check_in_logs ORDER BY id)")" \
  "2026-04-08 2026-05-06 2026-06-03 2026-05-12 2026-05-20 2026-06-10"
check "support ticket times" "$(sqlite3 "$db" "SELECT opened_at || ' ' || first_response_at FROM support_tickets WHERE ticket_ref = 'T-1002'")" \
  "2026-05-05 13:00:00 2026-05-05 18:30:00"

# The second import of the same exports added nothing.
check "re-import adds no rows" "$(sqlite3 "$db" "SELECT count(*) FROM ledger WHERE run = 2 AND status = 'new'")" "0"
check "re-import output" "$(grep -c '0 loaded, .* (0 new in rejected_rows)' "$work/import_exports.out")" "16"
check "re-import rejects the same records" \
  "$(sqlite3 "$db" "SELECT count(*) FROM ledger WHERE run = 2 AND status IN ('rejected', 'key')")" \
  "$(sqlite3 "$db" "SELECT count(*) FROM rejected_rows")"
check "the shell warned only about short records" "$(grep -vc 'filling the rest with NULL' "$work/import_exports.err" || true)" "0"

# Edge cases of the file itself: CRLF line ends and a quoted cell over two
# lines (line numbers count the file's lines), a short record, a header in
# another case, a missing column, a wrong file.
edge=$work/import_edge.db
rm -f "$edge"
printf 'Feature,CLASS\r\nf1,core\r\n"f\r\n2",core\r\nf3,Core\r\nf4\r\n' > "$work/features.csv"
printf 'foo,bar\n1,2\n' > "$work/wrong.csv"
printf 'account,segment\nA1,smb\n' > "$work/accounts.csv"
sqlite3 "$edge" ".load $ext" '.read sql/schema.sql' \
  ".import --csv $work/features.csv stage_features" '.read sql/import/features.sql' \
  ".import --csv $work/wrong.csv stage_control_group" '.read sql/import/control_group.sql' \
  ".import --csv $work/accounts.csv stage_accounts" '.read sql/import/accounts.sql' \
  > "$work/import_edge.out" 2>&1
check "edge features" "$(sqlite3 "$edge" "SELECT group_concat(quote(feature) || ':' || class, ' ') FROM features")" \
  "$(printf "'f1':core 'f\r\n2':core")"
check "edge quarantine" "$(sqlite3 "$edge" "SELECT group_concat(source_table || ':' || line || ':' || quote(column_name) || ':' || quote(value) || ':' || reason, ' | ') FROM rejected_rows")" \
  "features:5:'class':'Core':class must be one of 'core', 'expansion', 'advanced', got 'Core' | features:6:'class':NULL:the record has 1 of the header's 2 fields | control_group:2:NULL:NULL:the export has none of the columns of control_group"
check "edge control_group empty" "$(sqlite3 "$edge" "SELECT count(*) FROM control_group")" "0"
check "edge messages" "$(grep -c "the export has no column 'name', 'industry'\|column 'foo', 'bar' of the export is not a column of control_group" "$work/import_edge.out")" "2"

# Without the extension the import stops: nothing loaded as empty values,
# nothing quarantined, and the output says how many records were not read.
noext=$work/import_noext.db
rm -f "$noext"
sqlite3 "$noext" '.read sql/schema.sql' '.import --csv samples/exports/accounts.csv stage_accounts' \
  '.read sql/import/accounts.sql' > "$work/import_noext.out" 2>&1 || true
check "no extension: nothing loaded" "$(sqlite3 "$noext" "SELECT count(*) FROM accounts")" "0"
check "no extension: nothing quarantined" "$(sqlite3 "$noext" "SELECT count(*) FROM rejected_rows")" "0"
check "no extension: said so" "$(grep -c '^accounts: 9 records not read because of the errors above' "$work/import_noext.out")" "1"

if [ $fail -eq 0 ]; then echo "passed"; else echo "$fail failed"; exit 1; fi
