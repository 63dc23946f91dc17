-- check_in_logs.sql -- loads CSM check-ins (calls, QBRs, emails) into
-- check_in_logs, from a CSV export staged with .import (docs/first-
-- report.md walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_check_in_logs;
--   sqlite> .import --csv exports/check_in_logs.csv stage_check_in_logs
--   sqlite> .read sql/import/check_in_logs.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   date (date), type (text), account (text)
-- A column the export lacks reads as empty; a column check_in_logs lacks
-- is not loaded and is named in the output. Dates and numbers read with
-- the source's settings: UPDATE import_settings SET date_format =
-- '%m/%d/%Y', decimal_mark = ',' WHERE source_table = 'check_in_logs'.
-- Every record lands in check_in_logs, is counted as an exact duplicate
-- of a row already there, or goes to rejected_rows with its line, first
-- bad column, value and reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('check_in_logs');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_check_in_logs AS s,
         (SELECT '' AS date, '' AS type, '' AS account) AS absent,
         json_each(json_object(
           'date', (SELECT date FROM stage_check_in_logs AS o WHERE o.rowid = s.rowid),
           'type', (SELECT type FROM stage_check_in_logs AS o WHERE o.rowid = s.rowid),
           'account', (SELECT account FROM stage_check_in_logs AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_check_in_logs;
CREATE TEMP VIEW import_check_in_logs AS
  SELECT record,
         json_extract(row, '$.date') AS date,
         json_extract(row, '$.type') AS type,
         json_extract(row, '$.account') AS account
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_check_in_logs AS n
                   WHERE EXISTS (SELECT 1 FROM check_in_logs AS t
                                  WHERE t.date IS n.date
                      AND t.type IS n.type
                      AND t.account IS n.account));
INSERT INTO check_in_logs (date, type, account)
  SELECT date, type, account
    FROM temp.import_check_in_logs ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_check_in_logs;
DROP TABLE stage_check_in_logs;
