-- nps_responses.sql -- loads the survey export (one NPS response, 0-10,
-- per row) into nps_responses, from a CSV export staged with .import
-- (docs/first-report.md walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_nps_responses;
--   sqlite> .import --csv exports/nps_responses.csv stage_nps_responses
--   sqlite> .read sql/import/nps_responses.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   account (text), user_id (text), score (integer), response_date
--   (date)
-- A column the export lacks reads as empty; a column nps_responses lacks
-- is not loaded and is named in the output. Dates and numbers read with
-- the source's settings: UPDATE import_settings SET date_format =
-- '%m/%d/%Y', decimal_mark = ',' WHERE source_table = 'nps_responses'.
-- Every record lands in nps_responses, is counted as an exact duplicate
-- of a row already there, or goes to rejected_rows with its line, first
-- bad column, value and reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('nps_responses');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_nps_responses AS s,
         (SELECT '' AS account, '' AS user_id, '' AS score, '' AS response_date) AS absent,
         json_each(json_object(
           'account', (SELECT account FROM stage_nps_responses AS o WHERE o.rowid = s.rowid),
           'user_id', (SELECT user_id FROM stage_nps_responses AS o WHERE o.rowid = s.rowid),
           'score', (SELECT score FROM stage_nps_responses AS o WHERE o.rowid = s.rowid),
           'response_date', (SELECT response_date FROM stage_nps_responses AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_nps_responses;
CREATE TEMP VIEW import_nps_responses AS
  SELECT record,
         json_extract(row, '$.account') AS account,
         json_extract(row, '$.user_id') AS user_id,
         json_extract(row, '$.score') AS score,
         json_extract(row, '$.response_date') AS response_date
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_nps_responses AS n
                   WHERE EXISTS (SELECT 1 FROM nps_responses AS t
                                  WHERE t.account IS n.account
                      AND t.user_id IS n.user_id
                      AND t.score IS n.score
                      AND t.response_date IS n.response_date));
INSERT INTO nps_responses (account, user_id, score, response_date)
  SELECT account, user_id, score, response_date
    FROM temp.import_nps_responses ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_nps_responses;
DROP TABLE stage_nps_responses;
