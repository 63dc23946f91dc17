-- _end.sql -- last step of every sql/import/<table>.sql, after it has
-- marked the records already in the table ('duplicate', or 'key' when only
-- the UNIQUE column matches) and inserted the 'new' ones: quarantines every
-- bad record in rejected_rows (once: a record already quarantined with the
-- same line, column, value and reason is not added again, so a re-import
-- adds nothing) and prints what happened. Not meant to be read on its own.

INSERT INTO temp.import_rejects (record, column_name, value, reason)
  SELECT r.record, k.column_name, r.key_value,
         printf('%s %s is already loaded with other values', k.column_name, quote(r.key_value))
    FROM temp.import_records r
    JOIN temp.import_job j
    JOIN import_columns k ON k.source_table = j.source_table AND k.is_key
   WHERE r.status = 'key';

CREATE TEMP TABLE IF NOT EXISTS import_quarantined (n INTEGER);
DELETE FROM temp.import_quarantined;
INSERT INTO rejected_rows (source_table, line, column_name, value, reason, imported_at)
  SELECT j.source_table, r.line, x.column_name, x.value, x.reason, datetime('now')
    FROM temp.import_rejects x
    JOIN temp.import_records r USING (record)
    JOIN temp.import_job j
   WHERE NOT EXISTS (SELECT 1 FROM rejected_rows q
                      WHERE q.source_table = j.source_table AND q.line IS r.line
                        AND q.column_name IS x.column_name AND q.value IS x.value
                        AND q.reason = x.reason)
   ORDER BY r.line;
INSERT INTO temp.import_quarantined VALUES (changes());

SELECT printf('%s: %d loaded, %d skipped as exact duplicates, %d rejected (%d new in rejected_rows)',
              j.source_table,
              (SELECT count(*) FROM temp.import_records WHERE status = 'new'),
              (SELECT count(*) FROM temp.import_records WHERE status = 'duplicate'),
              (SELECT count(*) FROM temp.import_rejects),
              (SELECT n FROM temp.import_quarantined)) AS import
  FROM temp.import_job j;
SELECT printf('%s: %d records not read because of the errors above: none of them was loaded or '
              || 'quarantined; import the file again once they are fixed', j.source_table, count(*))
    AS import
  FROM temp.import_job j, temp.import_records r
 WHERE r.status IS NULL
HAVING count(*) > 0;
SELECT printf('%s: %d of the rows loaded name an account that is not in accounts', j.source_table, count(*))
    AS import
  FROM temp.import_job j, temp.import_records r
 WHERE j.source_table <> 'accounts' AND r.status = 'new'
   AND json_extract(r.row, '$.account') IS NOT NULL
   AND json_extract(r.row, '$.account') NOT IN (SELECT account FROM accounts)
HAVING count(*) > 0;
SELECT printf('%s: the export has no column %s: read as empty', source_table,
              group_concat(quote(column_name), ', ')) AS import
  FROM (SELECT k.source_table, k.column_name
          FROM temp.import_job j JOIN import_columns k ON k.source_table = j.source_table
         WHERE k.column_name NOT IN (SELECT column_name FROM temp.import_present)
         ORDER BY k.position)
HAVING count(*) > 0;
SELECT printf('%s: column %s of the export is not a column of %s: not loaded', j.source_table,
              group_concat(quote(p.name), ', '), j.source_table) AS import
  FROM temp.import_job j, pragma_table_info('stage_' || j.source_table) p
 WHERE lower(p.name) NOT IN (SELECT column_name FROM import_columns k
                              WHERE k.source_table = j.source_table)
HAVING count(*) > 0;
