-- mrr_snapshots.sql -- loads the billing export (MRR and seats per
-- account and month) into mrr_snapshots, from a CSV export staged with
-- .import (docs/first-report.md walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_mrr_snapshots;
--   sqlite> .import --csv exports/mrr_snapshots.csv stage_mrr_snapshots
--   sqlite> .read sql/import/mrr_snapshots.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   account (text), month (date), mrr (number), seats (integer)
-- A column the export lacks reads as empty; a column mrr_snapshots lacks
-- is not loaded and is named in the output. Dates and numbers read with
-- the source's settings: UPDATE import_settings SET date_format =
-- '%m/%d/%Y', decimal_mark = ',' WHERE source_table = 'mrr_snapshots'.
-- Every record lands in mrr_snapshots, is counted as an exact duplicate
-- of a row already there, or goes to rejected_rows with its line, first
-- bad column, value and reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('mrr_snapshots');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_mrr_snapshots AS s,
         (SELECT '' AS account, '' AS month, '' AS mrr, '' AS seats) AS absent,
         json_each(json_object(
           'account', (SELECT account FROM stage_mrr_snapshots AS o WHERE o.rowid = s.rowid),
           'month', (SELECT month FROM stage_mrr_snapshots AS o WHERE o.rowid = s.rowid),
           'mrr', (SELECT mrr FROM stage_mrr_snapshots AS o WHERE o.rowid = s.rowid),
           'seats', (SELECT seats FROM stage_mrr_snapshots AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_mrr_snapshots;
CREATE TEMP VIEW import_mrr_snapshots AS
  SELECT record,
         json_extract(row, '$.account') AS account,
         json_extract(row, '$.month') AS month,
         json_extract(row, '$.mrr') AS mrr,
         json_extract(row, '$.seats') AS seats
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_mrr_snapshots AS n
                   WHERE EXISTS (SELECT 1 FROM mrr_snapshots AS t
                                  WHERE t.account IS n.account
                      AND t.month IS n.month
                      AND t.mrr IS n.mrr
                      AND t.seats IS n.seats));
INSERT INTO mrr_snapshots (account, month, mrr, seats)
  SELECT account, month, mrr, seats
    FROM temp.import_mrr_snapshots ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_mrr_snapshots;
DROP TABLE stage_mrr_snapshots;
