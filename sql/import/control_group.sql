-- control_group.sql -- loads the accounts held out of check-ins into
-- control_group, from a CSV export staged with .import (docs/first-
-- report.md walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_control_group;
--   sqlite> .import --csv exports/control_group.csv stage_control_group
--   sqlite> .read sql/import/control_group.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   account (text)
-- A column the export lacks reads as empty; a column control_group lacks
-- is not loaded and is named in the output. Dates and numbers read with
-- the source's settings: UPDATE import_settings SET date_format =
-- '%m/%d/%Y', decimal_mark = ',' WHERE source_table = 'control_group'.
-- Every record lands in control_group, is counted as an exact duplicate
-- of a row already there, or goes to rejected_rows with its line, first
-- bad column, value and reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('control_group');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_control_group AS s,
         (SELECT '' AS account) AS absent,
         json_each(json_object(
           'account', (SELECT account FROM stage_control_group AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_control_group;
CREATE TEMP VIEW import_control_group AS
  SELECT record,
         json_extract(row, '$.account') AS account
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_control_group AS n
                   WHERE EXISTS (SELECT 1 FROM control_group AS t
                                  WHERE t.account IS n.account));
INSERT INTO control_group (account)
  SELECT account
    FROM temp.import_control_group ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_control_group;
DROP TABLE stage_control_group;
