-- features.sql -- loads the feature list (each feature and its class)
-- into features, from a CSV export staged with .import (docs/first-
-- report.md walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_features;
--   sqlite> .import --csv exports/features.csv stage_features
--   sqlite> .read sql/import/features.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   feature (text), class (text)
-- A column the export lacks reads as empty; a column features lacks is
-- not loaded and is named in the output. Dates and numbers read with the
-- source's settings: UPDATE import_settings SET date_format = '%m/%d/%Y',
-- decimal_mark = ',' WHERE source_table = 'features'. Every record lands
-- in features, is counted as an exact duplicate of a row already there,
-- or goes to rejected_rows with its line, first bad column, value and
-- reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('features');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_features AS s,
         (SELECT '' AS feature, '' AS class) AS absent,
         json_each(json_object(
           'feature', (SELECT feature FROM stage_features AS o WHERE o.rowid = s.rowid),
           'class', (SELECT class FROM stage_features AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_features;
CREATE TEMP VIEW import_features AS
  SELECT record,
         json_extract(row, '$.feature') AS feature,
         json_extract(row, '$.class') AS class
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_features AS n
                   WHERE EXISTS (SELECT 1 FROM features AS t
                                  WHERE t.feature IS n.feature
                      AND t.class IS n.class));
UPDATE temp.import_records SET status = 'key'
 WHERE record IN (SELECT n.record FROM temp.import_features AS n JOIN features AS t ON t.feature = n.feature);
INSERT INTO features (feature, class)
  SELECT feature, class
    FROM temp.import_features ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_features;
DROP TABLE stage_features;
