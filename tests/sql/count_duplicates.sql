-- count_duplicates (docs/functions/count_duplicates.md): the rows that repeat
-- the key of the row before them, over rows in key order. Expected values
-- are counted by hand; the last part checks it against count(*) minus
-- SELECT DISTINCT (SQLite's own equality) on generated data.

-- No rows, one row: 0 (Requirement 3); the result is an INTEGER.
SELECT 'empty', count_duplicates(x), 0 FROM (SELECT 1 AS x WHERE 0);
SELECT 'empty_no_args', count_duplicates(), 0 FROM (SELECT 1 AS x WHERE 0);
SELECT 'one_row', count_duplicates(x), 0 FROM (SELECT 'a' AS x);
SELECT 'integer', typeof(count_duplicates(x)), 'integer' FROM (SELECT 'a' AS x UNION ALL SELECT 'a');

-- One column: a a a b c c -> 2 + 1.
CREATE TABLE t1(x);
INSERT INTO t1 VALUES ('a'), ('a'), ('a'), ('b'), ('c'), ('c');
SELECT 'one_column', count_duplicates(x), 3 FROM (SELECT x FROM t1 ORDER BY x);

-- Requirement 1: NULL equals NULL; 1 equals 1.0; '1' is not 1; text and
-- blobs by bytes ('a' is not 'A'; x'61' is not 'a'); a prefix is not equal.
SELECT 'nulls', count_duplicates(x), 2
  FROM (SELECT NULL AS x UNION ALL SELECT NULL UNION ALL SELECT NULL);
SELECT 'int_real', count_duplicates(x), 2
  FROM (SELECT 1 AS x UNION ALL SELECT 1.0 UNION ALL SELECT 1);
SELECT 'text_not_number', count_duplicates(x), 0 FROM (SELECT 1 AS x UNION ALL SELECT '1');
SELECT 'case', count_duplicates(x), 0 FROM (SELECT 'A' AS x UNION ALL SELECT 'a');
SELECT 'blob_not_text', count_duplicates(x), 0 FROM (SELECT 'a' AS x UNION ALL SELECT x'61');
SELECT 'blobs', count_duplicates(x), 1 FROM (SELECT x'0061' AS x UNION ALL SELECT x'0061');
SELECT 'prefix', count_duplicates(x), 0 FROM (SELECT 'ab' AS x UNION ALL SELECT 'abc');
SELECT 'empty_text', count_duplicates(x), 1
  FROM (SELECT NULL AS x UNION ALL SELECT '' UNION ALL SELECT '' UNION ALL SELECT x'');
-- 2^53 and 2^53 + 1 differ, although no double tells them apart.
SELECT 'big_int', count_duplicates(x), 0
  FROM (SELECT 9007199254740992.0 AS x UNION ALL SELECT 9007199254740993);
SELECT 'big_int_equal', count_duplicates(x), 1
  FROM (SELECT 9007199254740992.0 AS x UNION ALL SELECT 9007199254740992);

-- Several columns: a row is a duplicate only when every argument repeats.
CREATE TABLE ev(account TEXT, day TEXT, feature TEXT, n INTEGER);
CREATE INDEX ev_key ON ev(account, day, feature);
INSERT INTO ev VALUES
  ('acme', '2024-03-01', 'export', 1), ('acme', '2024-03-01', 'export', 2),
  ('acme', '2024-03-01', 'search', 3), ('acme', '2024-03-02', 'export', 4),
  ('globex', '2024-03-01', 'export', 5), ('globex', '2024-03-01', 'export', 6),
  ('globex', '2024-03-01', 'export', 7), ('globex', NULL, NULL, 8), ('globex', NULL, NULL, 9),
  ('initech', NULL, 'export', 10), ('initech', NULL, 'search', 11), (NULL, NULL, NULL, 12);
-- acme 1 (export on 03-01), globex 2 (export) + 1 (NULL, NULL)
SELECT 'three_columns', count_duplicates(account, day, feature), 4
  FROM (SELECT account, day, feature FROM ev ORDER BY account, day, feature);
-- acme 2 + 0, globex 2 + 1, initech 1 (NULL day twice)
SELECT 'two_columns', count_duplicates(account, day), 6
  FROM (SELECT account, day FROM ev ORDER BY account, day);
SELECT 'first_column', count_duplicates(account), 8 FROM (SELECT account FROM ev ORDER BY account);
-- The index read in its order (a range of its leading column, which every
-- SQLite since 3.31 plans with INDEXED BY); the NULL account's row had no
-- repeat.
SELECT 'index_order', count_duplicates(account, day, feature), 4
  FROM ev INDEXED BY ev_key WHERE account IS NOT NULL;
SELECT 'subquery_order', count_duplicates(day, feature), 1
  FROM (SELECT day, feature FROM ev WHERE account = 'acme' ORDER BY day, feature);
-- GROUP BY the leading column: each group's rows arrive in index order.
SELECT 'per_account',
       (SELECT group_concat(account || '=' || d, ' ')
          FROM (SELECT account, count_duplicates(day, feature) AS d
                  FROM ev INDEXED BY ev_key WHERE account IS NOT NULL GROUP BY account)),
       'acme=1 globex=3 initech=0';

-- Keys longer than any before them, then shorter: the kept key grows and
-- is reused (a 10,000-byte key repeated, then a 1-byte one).
SELECT 'long_keys', count_duplicates(x, y), 3
  FROM (SELECT 'a' AS x, printf('%.10000c', 'y') AS y UNION ALL SELECT 'a', printf('%.10000c', 'y')
        UNION ALL SELECT 'a', printf('%.10001c', 'y') UNION ALL SELECT 'b', 'y'
        UNION ALL SELECT 'b', 'y' UNION ALL SELECT 'c', printf('%.20000c', 'z')
        UNION ALL SELECT 'c', printf('%.20000c', 'z'));

-- Requirement 2: rows out of key order are an error, never a wrong count;
-- equal keys in any order of their storage (1 then 1.0) are in order.
-- error: count_duplicates: rows must arrive in key order (ORDER BY the arguments), row 2 sorts before row 1
SELECT count_duplicates(x) FROM (SELECT 'b' AS x UNION ALL SELECT 'a');
-- error: count_duplicates: rows must arrive in key order (ORDER BY the arguments), row 4 sorts before row 3
SELECT count_duplicates(x, y) FROM (SELECT 1 AS x, 'b' AS y UNION ALL SELECT 1, 'b'
                                    UNION ALL SELECT 2, 'a' UNION ALL SELECT 2.0, NULL);
-- error: count_duplicates: rows must arrive in key order (ORDER BY the arguments), row 2 sorts before row 1
SELECT count_duplicates(x) FROM (SELECT 'a' AS x UNION ALL SELECT 99);
-- error: count_duplicates: rows must arrive in key order (ORDER BY the arguments), row 2 sorts before row 1
SELECT count_duplicates(x) FROM (SELECT x'00' AS x UNION ALL SELECT 'zzz');
-- error: count_duplicates: rows must arrive in key order (ORDER BY the arguments), row 3 sorts before row 2
SELECT count_duplicates(x) FROM (SELECT NULL AS x UNION ALL SELECT 2 UNION ALL SELECT NULL);
SELECT 'mixed_classes_in_order', count_duplicates(x), 3
  FROM (SELECT NULL AS x UNION ALL SELECT NULL UNION ALL SELECT -5 UNION ALL SELECT 1
        UNION ALL SELECT 1.0 UNION ALL SELECT 1.5 UNION ALL SELECT '' UNION ALL SELECT 'a'
        UNION ALL SELECT 'a' UNION ALL SELECT x'' UNION ALL SELECT x'00');

-- Requirement 4: a key needs an argument (raised at the first row).
-- error: count_duplicates: needs at least one argument, the key
SELECT count_duplicates() FROM t1;
-- An aggregate only.
-- error: count_duplicates() may not be used as a window function
SELECT count_duplicates(x) OVER () FROM t1;

-- Against count(*) - (SELECT DISTINCT ...) on 3,000 generated rows of small
-- domains (NULLs, integers, the same numbers as REAL, text, blobs), so
-- that keys repeat often: per group of g and over all rows, 1 to 3 columns.
CREATE TABLE r(g INTEGER, a, b, c);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO r
  SELECT i % 4,
         CASE (i * 7) % 5 WHEN 0 THEN NULL WHEN 1 THEN (i * 3) % 4 WHEN 2 THEN ((i * 3) % 4) * 1.0
                          WHEN 3 THEN 'k' || (i % 3) ELSE CAST('k' || (i % 2) AS BLOB) END,
         CASE (i * 11) % 4 WHEN 0 THEN NULL WHEN 1 THEN (i * 5) % 3 ELSE 't' || ((i * 13) % 3) END,
         (i * 17) % 6
    FROM n;
SELECT 'random_rows_have_repeats', (SELECT count(*) - count(DISTINCT a || '/' || b || '/' || c) > 100 FROM r);
SELECT 'random_1', count_duplicates(a),
       (SELECT count(*) FROM r) - (SELECT count(*) FROM (SELECT DISTINCT a FROM r))
  FROM (SELECT a FROM r ORDER BY a);
SELECT 'random_2', count_duplicates(a, b),
       (SELECT count(*) FROM r) - (SELECT count(*) FROM (SELECT DISTINCT a, b FROM r))
  FROM (SELECT a, b FROM r ORDER BY a, b);
SELECT 'random_3', count_duplicates(b, a, c),
       (SELECT count(*) FROM r) - (SELECT count(*) FROM (SELECT DISTINCT b, a, c FROM r))
  FROM (SELECT a, b, c FROM r ORDER BY b, a, c);
SELECT 'random_per_group ' || d.g, d.dups,
       (SELECT count(*) FROM r WHERE r.g = d.g)
         - (SELECT count(*) FROM (SELECT DISTINCT a, b, c FROM r WHERE r.g = d.g))
  FROM (SELECT g, count_duplicates(a, b, c) AS dups
          FROM (SELECT g, a, b, c FROM r ORDER BY g, a, b, c) GROUP BY g) d;
