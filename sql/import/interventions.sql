-- interventions.sql -- loads CS interventions and their outcomes into
-- interventions, from a CSV export staged with .import (docs/first-
-- report.md walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_interventions;
--   sqlite> .import --csv exports/interventions.csv stage_interventions
--   sqlite> .read sql/import/interventions.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   account (text), opened_at (date), trigger_signal (text), playbook
--   (text), outcome (text), closed_at (date)
-- A column the export lacks reads as empty; a column interventions lacks
-- is not loaded and is named in the output. Dates and numbers read with
-- the source's settings: UPDATE import_settings SET date_format =
-- '%m/%d/%Y', decimal_mark = ',' WHERE source_table = 'interventions'.
-- Every record lands in interventions, is counted as an exact duplicate
-- of a row already there, or goes to rejected_rows with its line, first
-- bad column, value and reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('interventions');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_interventions AS s,
         (SELECT '' AS account, '' AS opened_at, '' AS trigger_signal, '' AS playbook, '' AS
                 outcome, '' AS closed_at) AS absent,
         json_each(json_object(
           'account', (SELECT account FROM stage_interventions AS o WHERE o.rowid = s.rowid),
           'opened_at', (SELECT opened_at FROM stage_interventions AS o WHERE o.rowid = s.rowid),
           'trigger_signal', (SELECT trigger_signal FROM stage_interventions AS o WHERE o.rowid = s.rowid),
           'playbook', (SELECT playbook FROM stage_interventions AS o WHERE o.rowid = s.rowid),
           'outcome', (SELECT outcome FROM stage_interventions AS o WHERE o.rowid = s.rowid),
           'closed_at', (SELECT closed_at FROM stage_interventions AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_interventions;
CREATE TEMP VIEW import_interventions AS
  SELECT record,
         json_extract(row, '$.account') AS account,
         json_extract(row, '$.opened_at') AS opened_at,
         json_extract(row, '$.trigger_signal') AS trigger_signal,
         json_extract(row, '$.playbook') AS playbook,
         json_extract(row, '$.outcome') AS outcome,
         json_extract(row, '$.closed_at') AS closed_at
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_interventions AS n
                   WHERE EXISTS (SELECT 1 FROM interventions AS t
                                  WHERE t.account IS n.account
                      AND t.opened_at IS n.opened_at
                      AND t.trigger_signal IS n.trigger_signal
                      AND t.playbook IS n.playbook
                      AND t.outcome IS n.outcome
                      AND t.closed_at IS n.closed_at));
INSERT INTO interventions (account, opened_at, trigger_signal, playbook, outcome, closed_at)
  SELECT account, opened_at, trigger_signal, playbook, outcome, closed_at
    FROM temp.import_interventions ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_interventions;
DROP TABLE stage_interventions;
