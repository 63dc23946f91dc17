-- sql/schema.sql's typed checks: each kind refuses what it must and keeps
-- what it must, and import_columns (the rules as data, which the import
-- scripts use to name a bad column) says exactly what the CHECKs say.

-- include: sql/schema.sql

-- Every rule of import_columns is the CHECK of its column, written in the
-- one form each kind has, and no column has a CHECK the catalog omits.
CREATE TEMP VIEW expected_check AS
  SELECT source_table, column_name,
         CASE kind
           WHEN 'date' THEN printf('%s IS date(%s, ''+0 days'') OR %s IS datetime(%s, ''+0 days'')',
                                   column_name, column_name, column_name, column_name)
           WHEN 'number' THEN printf('typeof(%s) IN (''integer'', ''real'', ''null'')', column_name)
           WHEN 'integer' THEN printf('typeof(%s) IN (''integer'', ''null'')', column_name)
           ELSE printf('%s IN (%s)', column_name,
                       (SELECT group_concat('''' || value || '''', ', ') FROM json_each(allowed)))
         END
         || CASE WHEN lo IS NOT NULL AND hi IS NOT NULL
                 THEN printf(' AND %s BETWEEN %s AND %s', column_name, lo + 0, hi + 0)
                 WHEN lo IS NOT NULL THEN printf(' AND %s >= %s', column_name, lo + 0)
                 ELSE '' END AS check_text
    FROM import_columns
   WHERE kind <> 'text' OR allowed IS NOT NULL;
SELECT 'catalog rule is the CHECK: ' || source_table || '.' || column_name,
       instr((SELECT sql FROM sqlite_master WHERE name = source_table),
             'CHECK (' || replace(check_text, '.0', '') || ')') > 0
  FROM expected_check;
SELECT 'no CHECK outside the catalog',
       (SELECT sum((length(sql) - length(replace(sql, 'CHECK (', ''))) / 7) FROM sqlite_master
         WHERE name IN (SELECT source_table FROM import_columns)),
       (SELECT count(*) FROM expected_check);
SELECT 'catalog covers every column',
       (SELECT count(*) FROM import_columns c
         WHERE NOT EXISTS (SELECT 1 FROM pragma_table_info(c.source_table) p
                            WHERE p.name = c.column_name)), 0;
SELECT 'every column is in the catalog',
       (SELECT count(*) FROM (SELECT DISTINCT source_table AS t FROM import_columns), pragma_table_info(t) p
         WHERE p.name <> 'id'
           AND NOT EXISTS (SELECT 1 FROM import_columns c WHERE c.source_table = t AND c.column_name = p.name)),
       0;
SELECT 'keys are the UNIQUE columns',
       (SELECT group_concat(source_table || '.' || column_name, ' ') FROM
          (SELECT * FROM import_columns WHERE is_key ORDER BY source_table)),
       'accounts.account features.feature support_tickets.ticket_ref';
SELECT 'settings for every source', (SELECT count(*) FROM import_settings),
       (SELECT count(DISTINCT source_table) FROM import_columns);

-- Dates: real calendar days and times only, as ISO text.
INSERT INTO check_in_logs (date) VALUES ('2026-02-28'), ('2024-02-29'), ('2026-11-22 09:30:00'),
                                        ('0000-01-01'), ('9999-12-31 23:59:59'), (NULL);
SELECT 'good dates kept', (SELECT count(*) FROM check_in_logs), 6;
-- error: CHECK constraint failed: date IS date(date, '+0 days') OR date IS datetime(date, '+0 days')
INSERT INTO check_in_logs (date) VALUES ('2026-19-39');
-- error: CHECK constraint failed: date IS date(date, '+0 days') OR date IS datetime(date, '+0 days')
INSERT INTO check_in_logs (date) VALUES ('2026-02-30');
-- error: CHECK constraint failed: date IS date(date, '+0 days') OR date IS datetime(date, '+0 days')
INSERT INTO check_in_logs (date) VALUES ('2023-02-29');
-- error: CHECK constraint failed: date IS date(date, '+0 days') OR date IS datetime(date, '+0 days')
INSERT INTO check_in_logs (date) VALUES ('11/22/2026');
-- error: CHECK constraint failed: date IS date(date, '+0 days') OR date IS datetime(date, '+0 days')
INSERT INTO check_in_logs (date) VALUES ('2026-11-22T09:30:00');
-- error: CHECK constraint failed: date IS date(date, '+0 days') OR date IS datetime(date, '+0 days')
INSERT INTO check_in_logs (date) VALUES ('2026-11-22 24:00:00');
-- error: CHECK constraint failed: date IS date(date, '+0 days') OR date IS datetime(date, '+0 days')
INSERT INTO check_in_logs (date) VALUES ('2026-11-22 09:30');
-- error: CHECK constraint failed: date IS date(date, '+0 days') OR date IS datetime(date, '+0 days')
INSERT INTO check_in_logs (date) VALUES (2461000.5);
-- error: CHECK constraint failed: date IS date(date, '+0 days') OR date IS datetime(date, '+0 days')
INSERT INTO check_in_logs (date) VALUES ('');

-- Numbers: numbers, not text; ranges as before.
INSERT INTO accounts (account, arr, seats_licensed) VALUES ('A', 48000, 10), ('B', 0.5, 0), ('C', '1200', '3');
SELECT 'numbers stored as numbers', (SELECT group_concat(typeof(arr) || '/' || typeof(seats_licensed), ' ')
                                       FROM accounts), 'real/integer real/integer real/integer';
-- error: CHECK constraint failed: typeof(arr) IN ('integer', 'real', 'null') AND arr >= 0
INSERT INTO accounts (account, arr) VALUES ('D', '$48,000.00');
-- error: CHECK constraint failed: typeof(arr) IN ('integer', 'real', 'null') AND arr >= 0
INSERT INTO accounts (account, arr) VALUES ('D', -1);
-- error: CHECK constraint failed: typeof(arr) IN ('integer', 'real', 'null') AND arr >= 0
INSERT INTO accounts (account, arr) VALUES ('D', '');
-- error: CHECK constraint failed: typeof(seats_licensed) IN ('integer', 'null') AND seats_licensed >= 0
INSERT INTO accounts (account, seats_licensed) VALUES ('D', 2.5);
-- error: CHECK constraint failed: typeof(score) IN ('integer', 'null') AND score BETWEEN 0 AND 10
INSERT INTO nps_responses (score) VALUES (11);
-- error: CHECK constraint failed: typeof(score) IN ('integer', 'null') AND score BETWEEN 0 AND 10
INSERT INTO nps_responses (score) VALUES (7.5);
-- error: CHECK constraint failed: typeof(sentiment) IN ('integer', 'real', 'null') AND sentiment BETWEEN -1 AND 1
INSERT INTO support_tickets (sentiment) VALUES (-1.5);
-- error: CHECK constraint failed: typeof(escalated) IN ('integer', 'null') AND escalated BETWEEN 0 AND 1
INSERT INTO support_tickets (escalated) VALUES ('yes');

-- Enums: exactly the listed words.
-- error: CHECK constraint failed: segment IN ('enterprise', 'mid_market', 'smb', 'starter')
INSERT INTO accounts (account, segment) VALUES ('E', 'Enterprise');
-- error: CHECK constraint failed: outcome IN ('open', 'saved', 'churned', 'no_action')
INSERT INTO interventions (outcome) VALUES ('won');

-- Keys.
INSERT INTO support_tickets (ticket_ref) VALUES ('T-1'), (NULL), (NULL);
-- error: UNIQUE constraint failed: support_tickets.ticket_ref
INSERT INTO support_tickets (ticket_ref) VALUES ('T-1');
