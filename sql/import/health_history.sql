-- health_history.sql -- loads health scores recorded by an earlier tool
-- into health_history, from a CSV export staged with .import (docs/first-
-- report.md walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_health_history;
--   sqlite> .import --csv exports/health_history.csv stage_health_history
--   sqlite> .read sql/import/health_history.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   account (text), score_date (date), health_score (number), usage
--   (number), engagement (number), growth (number), support (number),
--   financial (number), drivers (text)
-- A column the export lacks reads as empty; a column health_history lacks
-- is not loaded and is named in the output. Dates and numbers read with
-- the source's settings: UPDATE import_settings SET date_format =
-- '%m/%d/%Y', decimal_mark = ',' WHERE source_table = 'health_history'.
-- Every record lands in health_history, is counted as an exact duplicate
-- of a row already there, or goes to rejected_rows with its line, first
-- bad column, value and reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('health_history');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_health_history AS s,
         (SELECT '' AS account, '' AS score_date, '' AS health_score, '' AS usage, '' AS
                 engagement, '' AS growth, '' AS support, '' AS financial, '' AS
                 drivers) AS absent,
         json_each(json_object(
           'account', (SELECT account FROM stage_health_history AS o WHERE o.rowid = s.rowid),
           'score_date', (SELECT score_date FROM stage_health_history AS o WHERE o.rowid = s.rowid),
           'health_score', (SELECT health_score FROM stage_health_history AS o WHERE o.rowid = s.rowid),
           'usage', (SELECT usage FROM stage_health_history AS o WHERE o.rowid = s.rowid),
           'engagement', (SELECT engagement FROM stage_health_history AS o WHERE o.rowid = s.rowid),
           'growth', (SELECT growth FROM stage_health_history AS o WHERE o.rowid = s.rowid),
           'support', (SELECT support FROM stage_health_history AS o WHERE o.rowid = s.rowid),
           'financial', (SELECT financial FROM stage_health_history AS o WHERE o.rowid = s.rowid),
           'drivers', (SELECT drivers FROM stage_health_history AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_health_history;
CREATE TEMP VIEW import_health_history AS
  SELECT record,
         json_extract(row, '$.account') AS account,
         json_extract(row, '$.score_date') AS score_date,
         json_extract(row, '$.health_score') AS health_score,
         json_extract(row, '$.usage') AS usage,
         json_extract(row, '$.engagement') AS engagement,
         json_extract(row, '$.growth') AS growth,
         json_extract(row, '$.support') AS support,
         json_extract(row, '$.financial') AS financial,
         json_extract(row, '$.drivers') AS drivers
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_health_history AS n
                   WHERE EXISTS (SELECT 1 FROM health_history AS t
                                  WHERE t.account IS n.account
                      AND t.score_date IS n.score_date
                      AND t.health_score IS n.health_score
                      AND t.usage IS n.usage
                      AND t.engagement IS n.engagement
                      AND t.growth IS n.growth
                      AND t.support IS n.support
                      AND t.financial IS n.financial
                      AND t.drivers IS n.drivers));
INSERT INTO health_history (account, score_date, health_score, usage, engagement, growth, support, financial, drivers)
  SELECT account, score_date, health_score, usage, engagement, growth, support, financial, drivers
    FROM temp.import_health_history ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_health_history;
DROP TABLE stage_health_history;
