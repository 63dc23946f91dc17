-- contacts.sql -- loads the CRM contacts (champions, sponsors,
-- departures) into contacts, from a CSV export staged with .import
-- (docs/first-report.md walks through it).
--
--   sqlite> DROP TABLE IF EXISTS stage_contacts;
--   sqlite> .import --csv exports/contacts.csv stage_contacts
--   sqlite> .read sql/import/contacts.sql
--
-- Run from the repository root (the shared steps are read from
-- sql/import/). The header names the columns, in any order:
--   account (text), name (text), role (text), is_champion (integer),
--   is_exec_sponsor (integer), left_at (date), last_engaged_at (date)
-- A column the export lacks reads as empty; a column contacts lacks is
-- not loaded and is named in the output. Dates and numbers read with the
-- source's settings: UPDATE import_settings SET date_format = '%m/%d/%Y',
-- decimal_mark = ',' WHERE source_table = 'contacts'. Every record lands
-- in contacts, is counted as an exact duplicate of a row already there,
-- or goes to rejected_rows with its line, first bad column, value and
-- reason.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('contacts');
-- Each column of the staged table by name; one it lacks resolves to `absent`.
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_contacts AS s,
         (SELECT '' AS account, '' AS name, '' AS role, '' AS is_champion, '' AS is_exec_sponsor,
                 '' AS left_at, '' AS last_engaged_at) AS absent,
         json_each(json_object(
           'account', (SELECT account FROM stage_contacts AS o WHERE o.rowid = s.rowid),
           'name', (SELECT name FROM stage_contacts AS o WHERE o.rowid = s.rowid),
           'role', (SELECT role FROM stage_contacts AS o WHERE o.rowid = s.rowid),
           'is_champion', (SELECT is_champion FROM stage_contacts AS o WHERE o.rowid = s.rowid),
           'is_exec_sponsor', (SELECT is_exec_sponsor FROM stage_contacts AS o WHERE o.rowid = s.rowid),
           'left_at', (SELECT left_at FROM stage_contacts AS o WHERE o.rowid = s.rowid),
           'last_engaged_at', (SELECT last_engaged_at FROM stage_contacts AS o WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_contacts;
CREATE TEMP VIEW import_contacts AS
  SELECT record,
         json_extract(row, '$.account') AS account,
         json_extract(row, '$.name') AS name,
         json_extract(row, '$.role') AS role,
         json_extract(row, '$.is_champion') AS is_champion,
         json_extract(row, '$.is_exec_sponsor') AS is_exec_sponsor,
         json_extract(row, '$.left_at') AS left_at,
         json_extract(row, '$.last_engaged_at') AS last_engaged_at
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_contacts AS n
                   WHERE EXISTS (SELECT 1 FROM contacts AS t
                                  WHERE t.account IS n.account
                      AND t.name IS n.name
                      AND t.role IS n.role
                      AND t.is_champion IS n.is_champion
                      AND t.is_exec_sponsor IS n.is_exec_sponsor
                      AND t.left_at IS n.left_at
                      AND t.last_engaged_at IS n.last_engaged_at));
INSERT INTO contacts (account, name, role, is_champion, is_exec_sponsor, left_at, last_engaged_at)
  SELECT account, name, role, is_champion, is_exec_sponsor, left_at, last_engaged_at
    FROM temp.import_contacts ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_contacts;
DROP TABLE stage_contacts;
