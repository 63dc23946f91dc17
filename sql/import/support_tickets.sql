-- support_tickets.sql -- loads the help-desk export (one ticket per row;
-- ticket_ref is its own id) into support_tickets, from a CSV export
-- staged with .import (docs/first-report.md walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_support_tickets;
--   sqlite> .import --csv exports/support_tickets.csv stage_support_tickets
--   sqlite> .read sql/import/support_tickets.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   account (text), opened_at (date), resolved_at (date), priority
--   (text), escalated (integer), csat (integer), sentiment (number),
--   first_response_at (date), ticket_ref (text)
-- A column the export lacks reads as empty; a column support_tickets
-- lacks is not loaded and is named in the output. Dates and numbers read
-- with the source's settings: UPDATE import_settings SET date_format =
-- '%m/%d/%Y', decimal_mark = ',' WHERE source_table = 'support_tickets'.
-- Every record lands in support_tickets, is counted as an exact duplicate
-- of a row already there, or goes to rejected_rows with its line, first
-- bad column, value and reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('support_tickets');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_support_tickets AS s,
         (SELECT '' AS account, '' AS opened_at, '' AS resolved_at, '' AS priority, '' AS
                 escalated, '' AS csat, '' AS sentiment, '' AS
                 first_response_at, '' AS ticket_ref) AS absent,
         json_each(json_object(
           'account', (SELECT account FROM stage_support_tickets AS o WHERE o.rowid = s.rowid),
           'opened_at', (SELECT opened_at FROM stage_support_tickets AS o WHERE o.rowid = s.rowid),
           'resolved_at', (SELECT resolved_at FROM stage_support_tickets AS o WHERE o.rowid = s.rowid),
           'priority', (SELECT priority FROM stage_support_tickets AS o WHERE o.rowid = s.rowid),
           'escalated', (SELECT escalated FROM stage_support_tickets AS o WHERE o.rowid = s.rowid),
           'csat', (SELECT csat FROM stage_support_tickets AS o WHERE o.rowid = s.rowid),
           'sentiment', (SELECT sentiment FROM stage_support_tickets AS o WHERE o.rowid = s.rowid),
           'first_response_at', (SELECT first_response_at FROM stage_support_tickets AS o WHERE o.rowid = s.rowid),
           'ticket_ref', (SELECT ticket_ref FROM stage_support_tickets AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_support_tickets;
CREATE TEMP VIEW import_support_tickets AS
  SELECT record,
         json_extract(row, '$.account') AS account,
         json_extract(row, '$.opened_at') AS opened_at,
         json_extract(row, '$.resolved_at') AS resolved_at,
         json_extract(row, '$.priority') AS priority,
         json_extract(row, '$.escalated') AS escalated,
         json_extract(row, '$.csat') AS csat,
         json_extract(row, '$.sentiment') AS sentiment,
         json_extract(row, '$.first_response_at') AS first_response_at,
         json_extract(row, '$.ticket_ref') AS ticket_ref
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_support_tickets AS n
                   WHERE EXISTS (SELECT 1 FROM support_tickets AS t
                                  WHERE t.account IS n.account
                      AND t.opened_at IS n.opened_at
                      AND t.resolved_at IS n.resolved_at
                      AND t.priority IS n.priority
                      AND t.escalated IS n.escalated
                      AND t.csat IS n.csat
                      AND t.sentiment IS n.sentiment
                      AND t.first_response_at IS n.first_response_at
                      AND t.ticket_ref IS n.ticket_ref));
UPDATE temp.import_records SET status = 'key'
 WHERE record IN (SELECT n.record FROM temp.import_support_tickets AS n JOIN support_tickets AS t ON t.ticket_ref = n.ticket_ref);
INSERT INTO support_tickets (account, opened_at, resolved_at, priority, escalated, csat, sentiment, first_response_at, ticket_ref)
  SELECT account, opened_at, resolved_at, priority, escalated, csat, sentiment, first_response_at, ticket_ref
    FROM temp.import_support_tickets ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_support_tickets;
DROP TABLE stage_support_tickets;
