-- accounts.sql -- loads the CRM export (one row per customer account)
-- into accounts, from a CSV export staged with .import (docs/first-
-- report.md walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_accounts;
--   sqlite> .import --csv exports/accounts.csv stage_accounts
--   sqlite> .read sql/import/accounts.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   account (text), name (text), segment (text), industry (text), csm
--   (text), plan (text), signup_date (date), contract_end (date), arr
--   (number), seats_licensed (integer)
-- A column the export lacks reads as empty; a column accounts lacks is
-- not loaded and is named in the output. Dates and numbers read with the
-- source's settings: UPDATE import_settings SET date_format = '%m/%d/%Y',
-- decimal_mark = ',' WHERE source_table = 'accounts'. Every record lands
-- in accounts, is counted as an exact duplicate of a row already there,
-- or goes to rejected_rows with its line, first bad column, value and
-- reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('accounts');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_accounts AS s,
         (SELECT '' AS account, '' AS name, '' AS segment, '' AS industry, '' AS csm, '' AS plan,
                 '' AS signup_date, '' AS contract_end, '' AS arr, '' AS
                 seats_licensed) AS absent,
         json_each(json_object(
           'account', (SELECT account FROM stage_accounts AS o WHERE o.rowid = s.rowid),
           'name', (SELECT name FROM stage_accounts AS o WHERE o.rowid = s.rowid),
           'segment', (SELECT segment FROM stage_accounts AS o WHERE o.rowid = s.rowid),
           'industry', (SELECT industry FROM stage_accounts AS o WHERE o.rowid = s.rowid),
           'csm', (SELECT csm FROM stage_accounts AS o WHERE o.rowid = s.rowid),
           'plan', (SELECT plan FROM stage_accounts AS o WHERE o.rowid = s.rowid),
           'signup_date', (SELECT signup_date FROM stage_accounts AS o WHERE o.rowid = s.rowid),
           'contract_end', (SELECT contract_end FROM stage_accounts AS o WHERE o.rowid = s.rowid),
           'arr', (SELECT arr FROM stage_accounts AS o WHERE o.rowid = s.rowid),
           'seats_licensed', (SELECT seats_licensed FROM stage_accounts AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_accounts;
CREATE TEMP VIEW import_accounts AS
  SELECT record,
         json_extract(row, '$.account') AS account,
         json_extract(row, '$.name') AS name,
         json_extract(row, '$.segment') AS segment,
         json_extract(row, '$.industry') AS industry,
         json_extract(row, '$.csm') AS csm,
         json_extract(row, '$.plan') AS plan,
         json_extract(row, '$.signup_date') AS signup_date,
         json_extract(row, '$.contract_end') AS contract_end,
         json_extract(row, '$.arr') AS arr,
         json_extract(row, '$.seats_licensed') AS seats_licensed
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_accounts AS n
                   WHERE EXISTS (SELECT 1 FROM accounts AS t
                                  WHERE t.account IS n.account
                      AND t.name IS n.name
                      AND t.segment IS n.segment
                      AND t.industry IS n.industry
                      AND t.csm IS n.csm
                      AND t.plan IS n.plan
                      AND t.signup_date IS n.signup_date
                      AND t.contract_end IS n.contract_end
                      AND t.arr IS n.arr
                      AND t.seats_licensed IS n.seats_licensed));
UPDATE temp.import_records SET status = 'key'
 WHERE record IN (SELECT n.record FROM temp.import_accounts AS n JOIN accounts AS t ON t.account = n.account);
INSERT INTO accounts (account, name, segment, industry, csm, plan, signup_date, contract_end, arr, seats_licensed)
  SELECT account, name, segment, industry, csm, plan, signup_date, contract_end, arr, seats_licensed
    FROM temp.import_accounts ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_accounts;
DROP TABLE stage_accounts;
