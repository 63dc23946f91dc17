-- churn_events.sql -- loads cancellations and downgrades into
-- churn_events, from a CSV export staged with .import (docs/first-
-- report.md walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_churn_events;
--   sqlite> .import --csv exports/churn_events.csv stage_churn_events
--   sqlite> .read sql/import/churn_events.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   account (text), churn_date (date), kind (text), reason (text),
--   mrr_lost (number)
-- A column the export lacks reads as empty; a column churn_events lacks
-- is not loaded and is named in the output. Dates and numbers read with
-- the source's settings: UPDATE import_settings SET date_format =
-- '%m/%d/%Y', decimal_mark = ',' WHERE source_table = 'churn_events'.
-- Every record lands in churn_events, is counted as an exact duplicate of
-- a row already there, or goes to rejected_rows with its line, first bad
-- column, value and reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('churn_events');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_churn_events AS s,
         (SELECT '' AS account, '' AS churn_date, '' AS kind, '' AS reason, '' AS mrr_lost) AS absent,
         json_each(json_object(
           'account', (SELECT account FROM stage_churn_events AS o WHERE o.rowid = s.rowid),
           'churn_date', (SELECT churn_date FROM stage_churn_events AS o WHERE o.rowid = s.rowid),
           'kind', (SELECT kind FROM stage_churn_events AS o WHERE o.rowid = s.rowid),
           'reason', (SELECT reason FROM stage_churn_events AS o WHERE o.rowid = s.rowid),
           'mrr_lost', (SELECT mrr_lost FROM stage_churn_events AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_churn_events;
CREATE TEMP VIEW import_churn_events AS
  SELECT record,
         json_extract(row, '$.account') AS account,
         json_extract(row, '$.churn_date') AS churn_date,
         json_extract(row, '$.kind') AS kind,
         json_extract(row, '$.reason') AS reason,
         json_extract(row, '$.mrr_lost') AS mrr_lost
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_churn_events AS n
                   WHERE EXISTS (SELECT 1 FROM churn_events AS t
                                  WHERE t.account IS n.account
                      AND t.churn_date IS n.churn_date
                      AND t.kind IS n.kind
                      AND t.reason IS n.reason
                      AND t.mrr_lost IS n.mrr_lost));
INSERT INTO churn_events (account, churn_date, kind, reason, mrr_lost)
  SELECT account, churn_date, kind, reason, mrr_lost
    FROM temp.import_churn_events ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_churn_events;
DROP TABLE stage_churn_events;
