#!/bin/sh
# backfill_history.sh DB MONTHS [EXTENSION] -- fills health_history of a
# sample database with month-end snapshots of the health model, as if
# sql/snapshot.sql had run at the end of each of the last MONTHS months
# (and at the latest date in the data), then resets cs_settings.as_of.
# DB must already hold sql/schema.sql and sql/model.sql. EXTENSION defaults
# to ./build/csmetrics. Run from the repository root.
set -eu
db=$1
months=$2
ext=${3:-./build/csmetrics}
i=$months
script=""
while [ "$i" -ge 0 ]; do
  script="$script
UPDATE cs_settings SET as_of = date((SELECT max(date) FROM usage_events),
                                    '+1 day', 'start of month', '-$i months', '-1 day');
.read sql/snapshot.sql"
  i=$((i - 1))
done
printf '%s\nUPDATE cs_settings SET as_of = NULL;\n' "$script" | sqlite3 -bail -cmd ".load $ext" "$db"
