-- invoices.sql -- loads the invoicing export (one invoice per row) into
-- invoices, from a CSV export staged with .import (docs/first-report.md
-- walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_invoices;
--   sqlite> .import --csv exports/invoices.csv stage_invoices
--   sqlite> .read sql/import/invoices.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   account (text), due_date (date), paid_date (date), amount (number),
--   status (text)
-- A column the export lacks reads as empty; a column invoices lacks is
-- not loaded and is named in the output. Dates and numbers read with the
-- source's settings: UPDATE import_settings SET date_format = '%m/%d/%Y',
-- decimal_mark = ',' WHERE source_table = 'invoices'. Every record lands
-- in invoices, is counted as an exact duplicate of a row already there,
-- or goes to rejected_rows with its line, first bad column, value and
-- reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('invoices');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_invoices AS s,
         (SELECT '' AS account, '' AS due_date, '' AS paid_date, '' AS amount, '' AS status) AS absent,
         json_each(json_object(
           'account', (SELECT account FROM stage_invoices AS o WHERE o.rowid = s.rowid),
           'due_date', (SELECT due_date FROM stage_invoices AS o WHERE o.rowid = s.rowid),
           'paid_date', (SELECT paid_date FROM stage_invoices AS o WHERE o.rowid = s.rowid),
           'amount', (SELECT amount FROM stage_invoices AS o WHERE o.rowid = s.rowid),
           'status', (SELECT status FROM stage_invoices AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_invoices;
CREATE TEMP VIEW import_invoices AS
  SELECT record,
         json_extract(row, '$.account') AS account,
         json_extract(row, '$.due_date') AS due_date,
         json_extract(row, '$.paid_date') AS paid_date,
         json_extract(row, '$.amount') AS amount,
         json_extract(row, '$.status') AS status
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_invoices AS n
                   WHERE EXISTS (SELECT 1 FROM invoices AS t
                                  WHERE t.account IS n.account
                      AND t.due_date IS n.due_date
                      AND t.paid_date IS n.paid_date
                      AND t.amount IS n.amount
                      AND t.status IS n.status));
INSERT INTO invoices (account, due_date, paid_date, amount, status)
  SELECT account, due_date, paid_date, amount, status
    FROM temp.import_invoices ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_invoices;
DROP TABLE stage_invoices;
