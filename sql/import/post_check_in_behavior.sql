-- post_check_in_behavior.sql -- loads what accounts did after check-ins
-- into post_check_in_behavior, from a CSV export staged with .import
-- (docs/first-report.md walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_post_check_in_behavior;
--   sqlite> .import --csv exports/post_check_in_behavior.csv stage_post_check_in_behavior
--   sqlite> .read sql/import/post_check_in_behavior.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   account (text), behavior_date (date), usage_spikes (integer),
--   upsells (integer), renewals (integer)
-- A column the export lacks reads as empty; a column
-- post_check_in_behavior lacks is not loaded and is named in the output.
-- Dates and numbers read with the source's settings: UPDATE
-- import_settings SET date_format = '%m/%d/%Y', decimal_mark = ',' WHERE
-- source_table = 'post_check_in_behavior'. Every record lands in
-- post_check_in_behavior, is counted as an exact duplicate of a row
-- already there, or goes to rejected_rows with its line, first bad
-- column, value and reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('post_check_in_behavior');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_post_check_in_behavior AS s,
         (SELECT '' AS account, '' AS behavior_date, '' AS usage_spikes, '' AS upsells, '' AS
                 renewals) AS absent,
         json_each(json_object(
           'account', (SELECT account FROM stage_post_check_in_behavior AS o WHERE o.rowid = s.rowid),
           'behavior_date', (SELECT behavior_date FROM stage_post_check_in_behavior AS o WHERE o.rowid = s.rowid),
           'usage_spikes', (SELECT usage_spikes FROM stage_post_check_in_behavior AS o WHERE o.rowid = s.rowid),
           'upsells', (SELECT upsells FROM stage_post_check_in_behavior AS o WHERE o.rowid = s.rowid),
           'renewals', (SELECT renewals FROM stage_post_check_in_behavior AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_post_check_in_behavior;
CREATE TEMP VIEW import_post_check_in_behavior AS
  SELECT record,
         json_extract(row, '$.account') AS account,
         json_extract(row, '$.behavior_date') AS behavior_date,
         json_extract(row, '$.usage_spikes') AS usage_spikes,
         json_extract(row, '$.upsells') AS upsells,
         json_extract(row, '$.renewals') AS renewals
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_post_check_in_behavior AS n
                   WHERE EXISTS (SELECT 1 FROM post_check_in_behavior AS t
                                  WHERE t.account IS n.account
                      AND t.behavior_date IS n.behavior_date
                      AND t.usage_spikes IS n.usage_spikes
                      AND t.upsells IS n.upsells
                      AND t.renewals IS n.renewals));
INSERT INTO post_check_in_behavior (account, behavior_date, usage_spikes, upsells, renewals)
  SELECT account, behavior_date, usage_spikes, upsells, renewals
    FROM temp.import_post_check_in_behavior ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_post_check_in_behavior;
DROP TABLE stage_post_check_in_behavior;
