-- milestones.sql -- loads onboarding and adoption milestones reached into
-- milestones, from a CSV export staged with .import (docs/first-report.md
-- walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_milestones;
--   sqlite> .import --csv exports/milestones.csv stage_milestones
--   sqlite> .read sql/import/milestones.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   account (text), milestone (text), achieved_at (date)
-- A column the export lacks reads as empty; a column milestones lacks is
-- not loaded and is named in the output. Dates and numbers read with the
-- source's settings: UPDATE import_settings SET date_format = '%m/%d/%Y',
-- decimal_mark = ',' WHERE source_table = 'milestones'. Every record
-- lands in milestones, is counted as an exact duplicate of a row already
-- there, or goes to rejected_rows with its line, first bad column, value
-- and reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('milestones');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_milestones AS s,
         (SELECT '' AS account, '' AS milestone, '' AS achieved_at) AS absent,
         json_each(json_object(
           'account', (SELECT account FROM stage_milestones AS o WHERE o.rowid = s.rowid),
           'milestone', (SELECT milestone FROM stage_milestones AS o WHERE o.rowid = s.rowid),
           'achieved_at', (SELECT achieved_at FROM stage_milestones AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_milestones;
CREATE TEMP VIEW import_milestones AS
  SELECT record,
         json_extract(row, '$.account') AS account,
         json_extract(row, '$.milestone') AS milestone,
         json_extract(row, '$.achieved_at') AS achieved_at
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_milestones AS n
                   WHERE EXISTS (SELECT 1 FROM milestones AS t
                                  WHERE t.account IS n.account
                      AND t.milestone IS n.milestone
                      AND t.achieved_at IS n.achieved_at));
INSERT INTO milestones (account, milestone, achieved_at)
  SELECT account, milestone, achieved_at
    FROM temp.import_milestones ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_milestones;
DROP TABLE stage_milestones;
