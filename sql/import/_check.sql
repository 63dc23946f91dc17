-- _check.sql -- second step of every sql/import/<table>.sql, after it has
-- filled import_job (the table) and import_cells (the staged CSV): reads
-- every cell by its column's kind (import_columns) and its source's settings
-- (import_settings), finds the first bad column of each bad record, and
-- marks exact duplicates and key conflicts within the file. Not meant to be
-- read on its own. The rules are those of docs/first-report.md:
--   1. Cells are trimmed (spaces, tabs, carriage returns); '' is NULL.
--   2. A date cell reads with the source's date_format: 'iso' takes ISO-8601
--      as the extension's date arguments do ('YYYY-MM-DD', with a time
--      after ' ' or 'T', optional seconds and fraction, 'Z' or +-HH:MM,
--      converted to UTC), any other format goes through parse_date, so an
--      ISO cell in a '%m/%d/%Y' source is a mismatch like any other.
--   3. A number or integer cell reads through parse_number with the
--      source's decimal_mark; an integer column needs a whole number.
--   4. Then the column's bounds and allowed words (the CHECKs of
--      sql/schema.sql).
--   5. A record is bad as a whole when it repeats the header, is empty, has
--      fewer fields than the header (.import filled them with NULL), or when
--      the export has none of the table's columns (a wrong file).
--   6. line = the line where the record starts: 2 for the first record, then
--      each record adds 1 plus the line breaks inside its quoted cells.

UPDATE temp.import_job SET
  date_format = coalesce((SELECT date_format FROM import_settings s
                           WHERE s.source_table = import_job.source_table), 'iso'),
  decimal_mark = coalesce((SELECT decimal_mark FROM import_settings s
                            WHERE s.source_table = import_job.source_table), '.');

INSERT OR IGNORE INTO temp.import_present (column_name)
  SELECT lower(p.name) FROM temp.import_job j, pragma_table_info('stage_' || j.source_table) p;

-- Rule 6.
INSERT INTO temp.import_records (record, line)
  SELECT record, 2 + coalesce(sum(1 + nl) OVER (ORDER BY record ROWS BETWEEN UNBOUNDED PRECEDING
                                                                      AND 1 PRECEDING), 0)
    FROM (SELECT record, sum(coalesce(length(raw) - length(replace(raw, char(10), '')), 0)) AS nl
            FROM temp.import_cells GROUP BY record);

-- Rule 1.
INSERT INTO temp.import_values (record, position, column_name, raw, cell, kind)
  SELECT c.record, k.position, c.column_name, c.raw, nullif(trim(c.raw, char(32, 9, 13)), ''), k.kind
    FROM temp.import_cells c
    JOIN temp.import_job j
    JOIN import_columns k ON k.source_table = j.source_table AND k.column_name = c.column_name;

-- Rules 2 and 3: why a cell does not read.
UPDATE temp.import_values SET problem = (
  SELECT CASE
           WHEN kind = 'date' AND j.date_format = 'iso' THEN
             CASE WHEN cell GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                       AND date(cell, '+0 days') IS cell THEN NULL
                  WHEN cell GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][T ][0-2][0-9]:[0-5][0-9]*'
                       AND date(substr(cell, 1, 10), '+0 days') IS substr(cell, 1, 10)
                       AND substr(cell, 12, 2) < '24' AND datetime(cell) IS NOT NULL THEN NULL
                  WHEN cell GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN
                    'not a real ISO-8601 date or time, got ' || quote(cell)
                  ELSE 'not an ISO-8601 date, got ' || quote(cell) END
           WHEN kind = 'date' THEN parse_date_error(cell, j.date_format)
           WHEN kind IN ('number', 'integer') THEN parse_number_error(cell, j.decimal_mark)
         END
    FROM temp.import_job j)
 WHERE cell IS NOT NULL AND kind <> 'text';

UPDATE temp.import_values SET value = (
  SELECT CASE
           WHEN kind = 'date' AND j.date_format = 'iso' THEN
             CASE WHEN length(cell) = 10 THEN cell ELSE datetime(cell) END
           WHEN kind = 'date' THEN parse_date(cell, j.date_format)
           WHEN kind IN ('number', 'integer') THEN parse_number(cell, j.decimal_mark)
           ELSE cell
         END
    FROM temp.import_job j)
 WHERE cell IS NOT NULL AND problem IS NULL;

-- Rule 4.
UPDATE temp.import_values SET problem = (
  SELECT CASE
           WHEN kind = 'integer' AND typeof(value) <> 'integer' THEN
             printf('%s must be a whole number, got %s', column_name, quote(cell))
           WHEN k.lo IS NOT NULL AND k.hi IS NOT NULL AND NOT value BETWEEN k.lo AND k.hi THEN
             printf('%s must be between %g and %g, got %s', column_name, k.lo, k.hi, quote(cell))
           WHEN k.lo IS NOT NULL AND value < k.lo THEN
             printf('%s must be at least %g, got %s', column_name, k.lo, quote(cell))
           WHEN k.allowed IS NOT NULL AND value NOT IN (SELECT a.value FROM json_each(k.allowed) a) THEN
             printf('%s must be one of %s, got %s', column_name,
                    (SELECT group_concat(quote(a.value), ', ') FROM json_each(k.allowed) a), quote(cell))
         END
    FROM temp.import_job j
    JOIN import_columns k ON k.source_table = j.source_table
                         AND k.column_name = import_values.column_name)
 WHERE value IS NOT NULL;

-- Rule 5, then the first bad cell of each record. Header names match the
-- columns without regard to case, as SQL names do.
INSERT INTO temp.import_rejects (record, column_name, value, reason)
  SELECT record,
         CASE WHEN n_present = 0 OR n_empty = n_present THEN NULL
              WHEN n_header = n_present THEN first_present
              WHEN n_missing > 0 THEN first_missing
              ELSE first_bad END,
         CASE WHEN n_present = 0 OR n_empty = n_present OR n_missing > 0 THEN NULL
              ELSE (SELECT raw FROM temp.import_values b
                     WHERE b.record = s.record
                       AND b.column_name = CASE WHEN n_header = n_present THEN s.first_present
                                                ELSE s.first_bad END) END,
         CASE WHEN n_present = 0 THEN
                'the export has none of the columns of ' || (SELECT source_table FROM temp.import_job)
              WHEN n_empty = n_present THEN 'an empty line'
              WHEN n_header = n_present THEN 'a repeated header line'
              WHEN n_missing > 0 THEN printf('the record has %d of the header''s %d fields',
                                             n_present - n_missing, n_present)
              ELSE (SELECT problem FROM temp.import_values b
                     WHERE b.record = s.record AND b.column_name = s.first_bad) END
    FROM (SELECT v.record,
                 count(p.column_name) AS n_present,
                 sum(p.column_name IS NOT NULL AND lower(v.cell) IS v.column_name) AS n_header,
                 sum(p.column_name IS NOT NULL AND v.cell IS NULL) AS n_empty,
                 sum(p.column_name IS NOT NULL AND v.raw IS NULL) AS n_missing,
                 (SELECT b.column_name FROM temp.import_values b JOIN temp.import_present USING (column_name)
                   WHERE b.record = v.record ORDER BY b.position LIMIT 1) AS first_present,
                 (SELECT b.column_name FROM temp.import_values b JOIN temp.import_present USING (column_name)
                   WHERE b.record = v.record AND b.raw IS NULL ORDER BY b.position LIMIT 1) AS first_missing,
                 (SELECT b.column_name FROM temp.import_values b
                   WHERE b.record = v.record AND b.problem IS NOT NULL ORDER BY b.position LIMIT 1) AS first_bad
            FROM temp.import_values v LEFT JOIN temp.import_present p USING (column_name)
           GROUP BY v.record) AS s
   WHERE n_present = 0 OR n_header = n_present OR n_empty = n_present OR n_missing > 0
      OR first_bad IS NOT NULL;

UPDATE temp.import_records SET status = 'rejected'
 WHERE record IN (SELECT record FROM temp.import_rejects);

-- The good records as typed rows; exact duplicates and repeated keys within
-- the file (the first record wins; a later one with the same key and other
-- values is a key conflict).
UPDATE temp.import_records SET
  status = 'new',
  row = (SELECT json_group_object(column_name, value)
           FROM (SELECT column_name, value FROM temp.import_values v
                  WHERE v.record = import_records.record ORDER BY position)),
  key_value = (SELECT v.value FROM temp.import_values v
                 JOIN temp.import_job j
                 JOIN import_columns k ON k.source_table = j.source_table
                                      AND k.column_name = v.column_name AND k.is_key
                WHERE v.record = import_records.record)
 WHERE status IS NULL
   -- A cell that has neither a value nor a problem was not read (an error
   -- above, such as the extension not loaded): the record stays unread.
   AND NOT EXISTS (SELECT 1 FROM temp.import_values v
                    WHERE v.record = import_records.record AND v.cell IS NOT NULL
                      AND v.value IS NULL AND v.problem IS NULL);
UPDATE temp.import_records SET status = 'duplicate'
 WHERE status = 'new' AND EXISTS (SELECT 1 FROM temp.import_records e
                                   WHERE e.row = import_records.row AND e.record < import_records.record);
UPDATE temp.import_records SET status = 'key'
 WHERE status = 'new' AND EXISTS (SELECT 1 FROM temp.import_records e
                                   WHERE e.key_value = import_records.key_value
                                     AND e.record < import_records.record AND e.status = 'new');
