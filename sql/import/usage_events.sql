-- usage_events.sql -- loads the product-analytics export (one row per
-- account, user, feature and day) into usage_events, from a CSV export
-- staged with .import (docs/first-report.md walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_usage_events;
--   sqlite> .import --csv exports/usage_events.csv stage_usage_events
--   sqlite> .read sql/import/usage_events.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   account (text), user_id (text), date (date), feature (text),
--   event_count (integer)
-- A column the export lacks reads as empty; a column usage_events lacks
-- is not loaded and is named in the output. Dates and numbers read with
-- the source's settings: UPDATE import_settings SET date_format =
-- '%m/%d/%Y', decimal_mark = ',' WHERE source_table = 'usage_events'.
-- Every record lands in usage_events, is counted as an exact duplicate of
-- a row already there, or goes to rejected_rows with its line, first bad
-- column, value and reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('usage_events');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_usage_events AS s,
         (SELECT '' AS account, '' AS user_id, '' AS date, '' AS feature, '' AS event_count) AS absent,
         json_each(json_object(
           'account', (SELECT account FROM stage_usage_events AS o WHERE o.rowid = s.rowid),
           'user_id', (SELECT user_id FROM stage_usage_events AS o WHERE o.rowid = s.rowid),
           'date', (SELECT date FROM stage_usage_events AS o WHERE o.rowid = s.rowid),
           'feature', (SELECT feature FROM stage_usage_events AS o WHERE o.rowid = s.rowid),
           'event_count', (SELECT event_count FROM stage_usage_events AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_usage_events;
CREATE TEMP VIEW import_usage_events AS
  SELECT record,
         json_extract(row, '$.account') AS account,
         json_extract(row, '$.user_id') AS user_id,
         json_extract(row, '$.date') AS date,
         json_extract(row, '$.feature') AS feature,
         json_extract(row, '$.event_count') AS event_count
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_usage_events AS n
                   WHERE EXISTS (SELECT 1 FROM usage_events AS t
                                  WHERE t.account IS n.account
                      AND t.user_id IS n.user_id
                      AND t.date IS n.date
                      AND t.feature IS n.feature
                      AND t.event_count IS n.event_count));
INSERT INTO usage_events (account, user_id, date, feature, event_count)
  SELECT account, user_id, date, feature, event_count
    FROM temp.import_usage_events ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_usage_events;
DROP TABLE stage_usage_events;
