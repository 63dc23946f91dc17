-- parse_date(text, format): every directive, every length, the format
-- rules, time-zone conversion, NULL and '' handling, and every error.

-- Every directive, and the lengths it accepts.
SELECT 'us date', parse_date('11/22/2026', '%m/%d/%Y'), '2026-11-22';
SELECT 'one-digit month and day', parse_date('1/2/2026', '%m/%d/%Y'), '2026-01-02';
SELECT 'european date', parse_date('22.11.2026', '%d.%m.%Y'), '2026-11-22';
SELECT 'iso date', parse_date('2026-11-22', '%Y-%m-%d'), '2026-11-22';
SELECT 'greedy two digits', parse_date('20261122', '%Y%m%d'), '2026-11-22';
SELECT 'greedy takes two then one', parse_date('2026111', '%Y%m%d'), '2026-11-01';
SELECT 'month name', parse_date('22 Nov 2026', '%d %b %Y'), '2026-11-22';
SELECT 'month name any case', parse_date('22-nOV-2026', '%d-%b-%Y'), '2026-11-22';
SELECT 'month names',
       (SELECT group_concat(parse_date('1 ' || m || ' 2026', '%d %b %Y'), ',')
          FROM (SELECT column1 AS m FROM (VALUES ('jan'), ('FEB'), ('Mar'), ('apr'), ('May'),
                ('jun'), ('Jul'), ('aug'), ('Sep'), ('oct'), ('Nov'), ('DEC')))),
       '2026-01-01,2026-02-01,2026-03-01,2026-04-01,2026-05-01,2026-06-01,'
       || '2026-07-01,2026-08-01,2026-09-01,2026-10-01,2026-11-01,2026-12-01';
SELECT 'hour minute', parse_date('11/22/2026 09:05', '%m/%d/%Y %H:%M'), '2026-11-22 09:05:00';
SELECT 'hour minute second', parse_date('11/22/2026 23:59:59', '%m/%d/%Y %H:%M:%S'),
       '2026-11-22 23:59:59';
SELECT 'midnight', parse_date('2026-11-22 00:00:00', '%Y-%m-%d %H:%M:%S'), '2026-11-22 00:00:00';
SELECT 'literal percent', parse_date('2026%11%22', '%Y%%%m%%%d'), '2026-11-22';
SELECT 'fields in any order', parse_date('22 2026 11', '%d %Y %m'), '2026-11-22';
SELECT 'year 0000', parse_date('0000-01-01', '%Y-%m-%d'), '0000-01-01';
SELECT 'year 9999', parse_date('9999-12-31', '%Y-%m-%d'), '9999-12-31';
SELECT 'leap day', parse_date('02/29/2024', '%m/%d/%Y'), '2024-02-29';
SELECT 'leap day 2000', parse_date('02/29/2000', '%m/%d/%Y'), '2000-02-29';

-- %z: Z or an offset, converted to UTC (the day may change).
SELECT 'zone Z', parse_date('2026-11-22T10:00Z', '%Y-%m-%dT%H:%M%z'), '2026-11-22 10:00:00';
SELECT 'zone minus', parse_date('2026-11-22T23:30:00-05:00', '%Y-%m-%dT%H:%M:%S%z'),
       '2026-11-23 04:30:00';
SELECT 'zone plus', parse_date('2026-01-01 01:00+02:30', '%Y-%m-%d %H:%M%z'),
       '2025-12-31 22:30:00';
SELECT 'zone at year end', parse_date('9999-12-31 20:00-03:59', '%Y-%m-%d %H:%M%z'),
       '9999-12-31 23:59:00';
SELECT 'zone 23:59', parse_date('2026-06-15 12:00+23:59', '%Y-%m-%d %H:%M%z'),
       '2026-06-14 12:01:00';

-- NULL and '' (rule 4); numbers are read as their text.
SELECT 'null text', parse_date(NULL, '%m/%d/%Y') IS NULL;
SELECT 'empty text', parse_date('', '%m/%d/%Y') IS NULL;
SELECT 'null format', parse_date('11/22/2026', NULL) IS NULL;
SELECT 'number text', parse_date(20261122, '%Y%m%d'), '2026-11-22';
SELECT 'result is text', typeof(parse_date('1/2/2026', '%m/%d/%Y')), 'text';

-- Mismatches: no trimming, the whole text, exact lengths.
-- error: parse_date: text does not match format '%m/%d/%Y', got ' 11/22/2026'
SELECT parse_date(' 11/22/2026', '%m/%d/%Y');
-- error: parse_date: text does not match format '%m/%d/%Y', got '11/22/2026 '
SELECT parse_date('11/22/2026 ', '%m/%d/%Y');
-- error: parse_date: text does not match format '%m/%d/%Y', got '2026-11-22'
SELECT parse_date('2026-11-22', '%m/%d/%Y');
-- error: parse_date: text does not match format '%m/%d/%Y', got '11/22/26'
SELECT parse_date('11/22/26', '%m/%d/%Y');
-- error: parse_date: text does not match format '%m/%d/%Y', got '11/22/20266'
SELECT parse_date('11/22/20266', '%m/%d/%Y');
-- error: parse_date: text does not match format '%m/%d/%Y', got '011/22/2026'
SELECT parse_date('011/22/2026', '%m/%d/%Y');
-- error: parse_date: text does not match format '%m/%d/%Y', got '/22/2026'
SELECT parse_date('/22/2026', '%m/%d/%Y');
-- error: parse_date: text does not match format '%Y-%m-%d %H:%M', got '2026-11-22 9:05'
SELECT parse_date('2026-11-22 9:05', '%Y-%m-%d %H:%M');
-- error: parse_date: text does not match format '%Y-%m-%d %H:%M:%S', got '2026-11-22 09:05:7'
SELECT parse_date('2026-11-22 09:05:7', '%Y-%m-%d %H:%M:%S');
-- error: parse_date: text does not match format '%d %b %Y', got '22 November 2026'
SELECT parse_date('22 November 2026', '%d %b %Y');
-- error: parse_date: text does not match format '%d %b %Y', got '22 Nvm 2026'
SELECT parse_date('22 Nvm 2026', '%d %b %Y');
-- error: parse_date: text does not match format '%Y-%m-%d %H:%M%z', got '2026-11-22 10:00+0500'
SELECT parse_date('2026-11-22 10:00+0500', '%Y-%m-%d %H:%M%z');
-- error: parse_date: text does not match format '%Y-%m-%d %H:%M%z', got '2026-11-22 10:00'
SELECT parse_date('2026-11-22 10:00', '%Y-%m-%d %H:%M%z');
-- error: parse_date: text does not match format '%Y-%m-%d %H:%M%z', got '2026-11-22 10:00+24:00'
SELECT parse_date('2026-11-22 10:00+24:00', '%Y-%m-%d %H:%M%z');
-- error: parse_date: text does not match format '%Y-%m-%d %H:%M%z', got '2026-11-22 10:00+05:60'
SELECT parse_date('2026-11-22 10:00+05:60', '%Y-%m-%d %H:%M%z');
-- error: parse_date: text does not match format '%Y%%%m%%%d', got '2026-11-22'
SELECT parse_date('2026-11-22', '%Y%%%m%%%d');

-- Impossible dates and times.
-- error: parse_date: not a real date for format '%m/%d/%Y', got '02/30/2024'
SELECT parse_date('02/30/2024', '%m/%d/%Y');
-- error: parse_date: not a real date for format '%m/%d/%Y', got '02/29/2023'
SELECT parse_date('02/29/2023', '%m/%d/%Y');
-- error: parse_date: not a real date for format '%m/%d/%Y', got '02/29/1900'
SELECT parse_date('02/29/1900', '%m/%d/%Y');
-- error: parse_date: not a real date for format '%m/%d/%Y', got '04/31/2024'
SELECT parse_date('04/31/2024', '%m/%d/%Y');
-- error: parse_date: not a real date for format '%m/%d/%Y', got '13/01/2024'
SELECT parse_date('13/01/2024', '%m/%d/%Y');
-- error: parse_date: not a real date for format '%m/%d/%Y', got '00/10/2024'
SELECT parse_date('00/10/2024', '%m/%d/%Y');
-- error: parse_date: not a real date for format '%m/%d/%Y', got '10/0/2024'
SELECT parse_date('10/0/2024', '%m/%d/%Y');
-- error: parse_date: not a real date for format '%m/%d/%Y', got '10/32/2024'
SELECT parse_date('10/32/2024', '%m/%d/%Y');
-- error: parse_date: not a real date for format '%Y-%m-%d', got '2026-19-39'
SELECT parse_date('2026-19-39', '%Y-%m-%d');
-- error: parse_date: not a real time for format '%Y-%m-%d %H:%M', got '2024-01-01 25:00'
SELECT parse_date('2024-01-01 25:00', '%Y-%m-%d %H:%M');
-- error: parse_date: not a real time for format '%Y-%m-%d %H:%M', got '2024-01-01 24:00'
SELECT parse_date('2024-01-01 24:00', '%Y-%m-%d %H:%M');
-- error: parse_date: not a real time for format '%Y-%m-%d %H:%M', got '2024-01-01 23:60'
SELECT parse_date('2024-01-01 23:60', '%Y-%m-%d %H:%M');
-- error: parse_date: not a real time for format '%Y-%m-%d %H:%M:%S', got '2024-01-01 23:59:60'
SELECT parse_date('2024-01-01 23:59:60', '%Y-%m-%d %H:%M:%S');
-- error: parse_date: the UTC time is outside years 0000 to 9999, got '9999-12-31 23:00-01:00'
SELECT parse_date('9999-12-31 23:00-01:00', '%Y-%m-%d %H:%M%z');
-- error: parse_date: the UTC time is outside years 0000 to 9999, got '0000-01-01 00:30+01:00'
SELECT parse_date('0000-01-01 00:30+01:00', '%Y-%m-%d %H:%M%z');

-- Format errors (rule 2), raised even when the text is NULL.
-- error: parse_date: unknown directive '%y' in format, got '%m/%d/%y'
SELECT parse_date('11/22/26', '%m/%d/%y');
-- error: parse_date: unknown directive '%q' in format, got '%q%Y%m%d'
SELECT parse_date(NULL, '%q%Y%m%d');
-- error: parse_date: format ends with a lone '%', got '%Y-%m-%d%'
SELECT parse_date('2026-11-22', '%Y-%m-%d%');
-- error: parse_date: format repeats the field of '%Y', got '%Y-%m-%d %Y'
SELECT parse_date('2026-11-22 2026', '%Y-%m-%d %Y');
-- error: parse_date: format repeats the field of '%b', got '%m %b %d %Y'
SELECT parse_date('11 Nov 22 2026', '%m %b %d %Y');
-- error: parse_date: format needs %Y, %m or %b, and %d, got '%m/%d'
SELECT parse_date('11/22', '%m/%d');
-- error: parse_date: format needs %Y, %m or %b, and %d, got '%Y-%m'
SELECT parse_date('2026-11', '%Y-%m');
-- error: parse_date: format needs %Y, %m or %b, and %d, got '%Y %d'
SELECT parse_date('2026 22', '%Y %d');
-- error: parse_date: format needs %Y, %m or %b, and %d, got ''
SELECT parse_date('', '');
-- error: parse_date: a time in the format needs %H and %M, got '%Y-%m-%d %H'
SELECT parse_date('2026-11-22 10', '%Y-%m-%d %H');
-- error: parse_date: a time in the format needs %H and %M, got '%Y-%m-%d %M:%S'
SELECT parse_date('2026-11-22 10:00', '%Y-%m-%d %M:%S');
-- error: parse_date: a time in the format needs %H and %M, got '%Y-%m-%d%z'
SELECT parse_date('2026-11-22Z', '%Y-%m-%d%z');
-- error: parse_date: format must be text, got 5
SELECT parse_date('2026-11-22', 5);
-- error: parse_date: text must be text, got a blob
SELECT parse_date(x'3230', '%Y%m%d');

-- parse_date_error: the same reading, the problem as text instead of an
-- error (NULL when parse_date returns a value or NULL); format errors raise.
SELECT 'error of a good value', parse_date_error('11/22/2026', '%m/%d/%Y') IS NULL;
SELECT 'error of empty', parse_date_error('', '%m/%d/%Y') IS NULL;
SELECT 'error of null', parse_date_error(NULL, '%m/%d/%Y') IS NULL;
SELECT 'error of a mismatch', parse_date_error('2026-11-22', '%m/%d/%Y'),
       'parse_date: text does not match format ''%m/%d/%Y'', got ''2026-11-22''';
SELECT 'error of a date', parse_date_error('02/30/2024', '%m/%d/%Y'),
       'parse_date: not a real date for format ''%m/%d/%Y'', got ''02/30/2024''';
SELECT 'error of a time', parse_date_error('2024-01-01 25:00', '%Y-%m-%d %H:%M'),
       'parse_date: not a real time for format ''%Y-%m-%d %H:%M'', got ''2024-01-01 25:00''';
SELECT 'error of a zone', parse_date_error('9999-12-31 23:00-01:00', '%Y-%m-%d %H:%M%z'),
       'parse_date: the UTC time is outside years 0000 to 9999, got ''9999-12-31 23:00-01:00''';
SELECT 'error of a blob', parse_date_error(x'3230', '%Y%m%d'),
       'parse_date: text must be text, got a blob';
SELECT 'error agrees with parse_date',
       (SELECT count(*) FROM (SELECT column1 AS v FROM (VALUES ('1/2/2026'), ('12/31/2026'),
               ('2/29/2024'), (''), (NULL)))
         WHERE parse_date_error(v, '%m/%d/%Y') IS NULL
           AND parse_date(v, '%m/%d/%Y') IS (CASE WHEN v <> '' THEN
                 printf('%04d-%02d-%02d', substr(v, -4), v + 0, substr(v, instr(v, '/') + 1) + 0)
               END)), 5;
SELECT 'error null format', parse_date_error('x', NULL) IS NULL;
-- error: parse_date_error: unknown directive '%y' in format, got '%m/%d/%y'
SELECT parse_date_error('11/22/26', '%m/%d/%y');
-- error: parse_date_error: format needs %Y, %m or %b, and %d, got '%Y'
SELECT parse_date_error('2026', '%Y');
-- error: parse_date_error: format must be text, got 5
SELECT parse_date_error('2026', 5);

-- Against SQLite's own calendar (an independent computation): for every
-- month/day pair of a sample of years (leap rules of 1600, 1700, 1900,
-- 2000, 2100, 2400 included), the US-written date reads exactly when
-- SQLite's normalisation leaves the ISO form unchanged, and then reads as it.
WITH RECURSIVE y(y) AS (SELECT 1600 UNION ALL SELECT y + 1 FROM y WHERE y < 2400),
     yy AS (SELECT y FROM y WHERE y % 97 = 0 OR y IN (1600, 1700, 1900, 2000, 2100, 2024, 2400)),
     md(m, d) AS (SELECT 1, 1 UNION ALL
                  SELECT CASE WHEN d = 31 THEN m + 1 ELSE m END, CASE WHEN d = 31 THEN 1 ELSE d + 1 END
                    FROM md WHERE NOT (m = 12 AND d = 31)),
     t AS (SELECT printf('%d/%d/%04d', m, d, y) AS us, printf('%04d-%02d-%02d', y, m, d) AS iso
             FROM yy, md)
SELECT 'calendar agrees with SQLite',
       (SELECT count(*) FROM t
         WHERE (parse_date_error(us, '%m/%d/%Y') IS NULL) <> (date(iso, '+0 days') IS iso)
            OR (parse_date_error(us, '%m/%d/%Y') IS NULL AND parse_date(us, '%m/%d/%Y') IS NOT iso)),
       0;
-- Times with offsets against SQLite's datetime().
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999),
     t AS (SELECT printf('%04d-%02d-%02dT%02d:%02d:%02d%s%02d:%02d', 1970 + i % 60, 1 + i % 12,
                         1 + i % 28, i % 24, (i * 7) % 60, (i * 13) % 60,
                         CASE WHEN i % 2 THEN '+' ELSE '-' END, (i * 5) % 15, (i * 11) % 60) AS v
             FROM n)
SELECT 'offsets agree with SQLite',
       (SELECT count(*) FROM t WHERE parse_date(v, '%Y-%m-%dT%H:%M:%S%z') IS NOT datetime(v)), 0;
