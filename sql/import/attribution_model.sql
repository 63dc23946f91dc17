-- attribution_model.sql -- loads impact scores from an attribution model
-- into attribution_model, from a CSV export staged with .import
-- (docs/first-report.md walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_attribution_model;
--   sqlite> .import --csv exports/attribution_model.csv stage_attribution_model
--   sqlite> .read sql/import/attribution_model.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   account (text), impact_score (number), calculation_date (date)
-- A column the export lacks reads as empty; a column attribution_model
-- lacks is not loaded and is named in the output. Dates and numbers read
-- with the source's settings: UPDATE import_settings SET date_format =
-- '%m/%d/%Y', decimal_mark = ',' WHERE source_table =
-- 'attribution_model'. Every record lands in attribution_model, is
-- counted as an exact duplicate of a row already there, or goes to
-- rejected_rows with its line, first bad column, value and reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('attribution_model');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_attribution_model AS s,
         (SELECT '' AS account, '' AS impact_score, '' AS calculation_date) AS absent,
         json_each(json_object(
           'account', (SELECT account FROM stage_attribution_model AS o WHERE o.rowid = s.rowid),
           'impact_score', (SELECT impact_score FROM stage_attribution_model AS o WHERE o.rowid = s.rowid),
           'calculation_date', (SELECT calculation_date FROM stage_attribution_model AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_attribution_model;
CREATE TEMP VIEW import_attribution_model AS
  SELECT record,
         json_extract(row, '$.account') AS account,
         json_extract(row, '$.impact_score') AS impact_score,
         json_extract(row, '$.calculation_date') AS calculation_date
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_attribution_model AS n
                   WHERE EXISTS (SELECT 1 FROM attribution_model AS t
                                  WHERE t.account IS n.account
                      AND t.impact_score IS n.impact_score
                      AND t.calculation_date IS n.calculation_date));
INSERT INTO attribution_model (account, impact_score, calculation_date)
  SELECT account, impact_score, calculation_date
    FROM temp.import_attribution_model ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_attribution_model;
DROP TABLE stage_attribution_model;
