-- nps_category and the nps, nrr and grr aggregates and
-- window functions (docs/functions). Expected values are worked out by hand.

-- nps_category: every band boundary.
SELECT 'cat_0', nps_category(0), 'Detractor';
SELECT 'cat_6', nps_category(6), 'Detractor';
SELECT 'cat_7', nps_category(7), 'Passive';
SELECT 'cat_8', nps_category(8), 'Passive';
SELECT 'cat_9', nps_category(9), 'Promoter';
SELECT 'cat_10', nps_category(10), 'Promoter';
SELECT 'cat_real_whole', nps_category(9.0), 'Promoter';
SELECT 'cat_text', nps_category('7'), 'Passive';
SELECT 'cat_text_real', nps_category(' 6.0'), 'Detractor';
SELECT 'cat_null', nps_category(NULL) IS NULL;
-- error: nps_category: response must be a whole number from 0 to 10, got -1
SELECT nps_category(-1);
-- error: nps_category: response must be a whole number from 0 to 10, got 11
SELECT nps_category(11);
-- error: nps_category: response must be a whole number from 0 to 10, got 7.5
SELECT nps_category(7.5);
-- error: nps_category: response must be a whole number from 0 to 10, got '10.5'
SELECT nps_category('10.5');
-- error: nps_category: response must be a whole number from 0 to 10, got 'nine'
SELECT nps_category('nine');
-- error: nps_category: response must be a whole number from 0 to 10, got a blob
SELECT nps_category(x'09');
-- error: nps_category: response must be a whole number from 0 to 10, got Inf
SELECT nps_category(1e999);

-- nps: 100 * (promoters - detractors) / responses.
CREATE TABLE r(id INTEGER PRIMARY KEY, grp TEXT, score);
INSERT INTO r(grp, score) VALUES
  ('a', 10), ('a', 9), ('a', 9), ('a', 8), ('a', 7), ('a', 6), ('a', 0), ('a', 3), ('a', NULL),
  ('b', 10), ('b', 10), ('b', 9), ('b', 7), ('b', 0),
  ('c', 9), ('c', '10'),
  ('d', 6), ('d', 0.0),
  ('e', 7), ('e', 8),
  ('f', NULL);
-- a: 3 promoters, 2 passives, 3 detractors -> 0
SELECT 'nps_a', nps(score), 0.0 FROM r WHERE grp = 'a';
-- b: 3 promoters, 1 passive, 1 detractor -> 100 * 2 / 5 = 40
SELECT 'nps_b', nps(score), 40.0 FROM r WHERE grp = 'b';
SELECT 'nps_c_all_promoters', nps(score), 100.0 FROM r WHERE grp = 'c';
SELECT 'nps_d_all_detractors', nps(score), -100.0 FROM r WHERE grp = 'd';
SELECT 'nps_e_all_passives', nps(score), 0.0 FROM r WHERE grp = 'e';
SELECT 'nps_f_only_null', nps(score) IS NULL FROM r WHERE grp = 'f';
SELECT 'nps_empty', nps(score) IS NULL FROM r WHERE 0;
-- all: 3+3+2 promoters, 2+1+2 passives, 3+1+2 detractors of 21 - 2 NULL = 19
SELECT 'nps_all', nps(score), 100.0 * (8 - 6) / 19 FROM r;
SELECT 'nps_type', typeof(nps(score)), 'real' FROM r;
SELECT 'nps_grouped',
       (SELECT group_concat(grp || '=' || ifnull(v, 'NULL'), ' ')
          FROM (SELECT grp, nps(score) AS v FROM r GROUP BY grp ORDER BY grp)),
       'a=0.0 b=40.0 c=100.0 d=-100.0 e=0.0 f=NULL';
-- error: nps: response must be a whole number from 0 to 10, got 12
SELECT nps(12);
-- error: nps: response must be a whole number from 0 to 10, got 8.5
SELECT nps(CASE WHEN id = 3 THEN 8.5 ELSE score END) FROM r;

-- nps as a window function: 3-row rolling frame, NULL rows inside it.
CREATE TABLE rs(id INTEGER PRIMARY KEY, score);
INSERT INTO rs VALUES (1, 10), (2, 0), (3, 8), (4, 9), (5, NULL), (6, 6),
                      (7, 9), (8, 10), (9, NULL), (10, NULL), (11, NULL);
CREATE TABLE rs_want(id INTEGER PRIMARY KEY, want);
INSERT INTO rs_want VALUES
  (1, 100.0),        -- {10}
  (2, 0.0),          -- {10, 0}
  (3, 0.0),          -- {10, 0, 8}
  (4, 0.0),          -- {0, 8, 9}
  (5, 50.0),         -- {8, 9}: 1 promoter of 2
  (6, 0.0),          -- {9, 6}
  (7, 0.0),          -- {6, 9}
  (8, 100.0 / 3),    -- {6, 9, 10}: 2 - 1 of 3
  (9, 100.0),        -- {9, 10}
  (10, 100.0),       -- {10}
  (11, NULL);        -- no response in the frame
SELECT 'nps_roll_' || id, got, want
  FROM (SELECT id, nps(score) OVER (ORDER BY id ROWS 2 PRECEDING) AS got FROM rs)
  JOIN rs_want USING (id);
SELECT 'nps_roll_rows',
       (SELECT count(*) FROM (SELECT nps(score) OVER (ORDER BY id ROWS 2 PRECEDING) FROM rs)),
       11;
-- A running total (no xInverse) and a partitioned window.
SELECT 'nps_running', (SELECT group_concat(v, ' ') FROM
         (SELECT nps(score) OVER (ORDER BY id) AS v FROM rs WHERE id <= 4)),
       '100.0 0.0 0.0 25.0';
SELECT 'nps_partition', (SELECT group_concat(grp || ':' || v, ' ') FROM
         (SELECT DISTINCT grp, nps(score) OVER (PARTITION BY grp) AS v FROM r
           WHERE grp IN ('b', 'd') ORDER BY grp)),
       'b:40.0 d:-100.0';

-- nrr = sum(end) / sum(start), grr = sum(min(start, end)) / sum(start),
-- over rows with start > 0.
CREATE TABLE m(id INTEGER PRIMARY KEY, grp TEXT, m0, m1);
INSERT INTO m(grp, m0, m1) VALUES
  ('a', 100, 120),   -- expansion
  ('a', 200, 150),   -- contraction
  ('a', 50, 0),      -- churn
  ('a', 0, 80),      -- new account: not counted
  ('a', NULL, 10),   -- skipped
  ('a', 30, NULL),   -- skipped
  ('b', 100, 130), ('b', '100', '100'),
  ('c', 0, 40), ('c', 0.0, 0),
  ('d', NULL, NULL),
  ('e', 1e15, 1e15 + 2), ('e', 0.25, 0.5);
-- a: start 100 + 200 + 50 = 350, end 120 + 150 + 0 = 270, kept 100 + 150 + 0 = 250
SELECT 'nrr_a', nrr(m0, m1), 270.0 / 350 FROM m WHERE grp = 'a';
SELECT 'grr_a', grr(m0, m1), 250.0 / 350 FROM m WHERE grp = 'a';
-- b: start 200, end 230, kept 200
SELECT 'nrr_b', nrr(m0, m1), 1.15 FROM m WHERE grp = 'b';
SELECT 'grr_b', grr(m0, m1), 1.0 FROM m WHERE grp = 'b';
SELECT 'nrr_c_only_new', nrr(m0, m1) IS NULL FROM m WHERE grp = 'c';
SELECT 'grr_c_only_new', grr(m0, m1) IS NULL FROM m WHERE grp = 'c';
SELECT 'nrr_d_only_null', nrr(m0, m1) IS NULL FROM m WHERE grp = 'd';
SELECT 'grr_d_only_null', grr(m0, m1) IS NULL FROM m WHERE grp = 'd';
SELECT 'nrr_empty', nrr(m0, m1) IS NULL FROM m WHERE 0;
SELECT 'grr_empty', grr(m0, m1) IS NULL FROM m WHERE 0;
-- e: huge and small together: (1e15 + 2.5) / (1e15 + 0.25), kept (1e15 + 0.25) / same
SELECT 'nrr_e', nrr(m0, m1), (1e15 + 2.5) / (1e15 + 0.25) FROM m WHERE grp = 'e';
SELECT 'grr_e', grr(m0, m1), 1.0 FROM m WHERE grp = 'e';
SELECT 'nrr_grouped',
       (SELECT group_concat(grp || '=' || ifnull(round(v, 4), 'NULL'), ' ')
          FROM (SELECT grp, nrr(m0, m1) AS v FROM m GROUP BY grp ORDER BY grp)),
       'a=0.7714 b=1.15 c=NULL d=NULL e=1.0';
SELECT 'grr_grouped',
       (SELECT group_concat(grp || '=' || ifnull(round(v, 4), 'NULL'), ' ')
          FROM (SELECT grp, grr(m0, m1) AS v FROM m GROUP BY grp ORDER BY grp)),
       'a=0.7143 b=1.0 c=NULL d=NULL e=1.0';
SELECT 'nrr_type', typeof(nrr(100, 100)), 'real';

-- error: nrr: start_mrr must not be negative, got -5
SELECT nrr(-5, 10);
-- error: nrr: end_mrr must not be negative, got -0.01
SELECT nrr(10, -0.01);
-- error: grr: start_mrr must not be negative, got -5
SELECT grr(-5, 10);
-- error: grr: end_mrr must not be negative, got -1
SELECT grr(10, -1);
-- A negative MRR is an error also on a row that would not count.
-- error: nrr: end_mrr must not be negative, got -1
SELECT nrr(0, -1);
-- error: grr: start_mrr must not be negative, got -5
SELECT grr(-5, NULL);
-- error: nrr: start_mrr must be a number, got 'lots'
SELECT nrr('lots', 10);
-- error: grr: end_mrr must be a number, got a blob
SELECT grr(10, x'00');
-- error: nrr: end_mrr must be a finite number, got Inf
SELECT nrr(10, 1e999);
-- error: grr: start_mrr must be a finite number, got '-1e400'
SELECT grr('-1e400', 1);
-- error: nrr: end_mrr must not be negative, got -150
SELECT nrr(m0, CASE WHEN m1 = 150 THEN -150 ELSE m1 END) FROM m;

-- nrr and grr as window functions: 3-row rolling frame.
CREATE TABLE ms(id INTEGER PRIMARY KEY, m0, m1);
INSERT INTO ms VALUES (1, 100, 110), (2, 200, 180), (3, 0, 50), (4, 50, 100),
                      (5, NULL, 10), (6, 300, 0), (7, 100, 100), (8, 0, 20),
                      (9, 0, 30), (10, NULL, NULL);
CREATE TABLE ms_want(id INTEGER PRIMARY KEY, want_nrr, want_grr);
INSERT INTO ms_want VALUES
  (1, 110.0 / 100, 100.0 / 100),        -- {1}
  (2, 290.0 / 300, 280.0 / 300),        -- {1, 2}
  (3, 290.0 / 300, 280.0 / 300),        -- {1, 2, 3}; 3 is a new account
  (4, 280.0 / 250, 230.0 / 250),        -- {2, 3, 4}
  (5, 100.0 / 50, 50.0 / 50),           -- {3, 4, 5}; 5 is NULL
  (6, 100.0 / 350, 50.0 / 350),         -- {4, 5, 6}
  (7, 100.0 / 400, 100.0 / 400),        -- {5, 6, 7}
  (8, 100.0 / 400, 100.0 / 400),        -- {6, 7, 8}
  (9, 100.0 / 100, 100.0 / 100),        -- {7, 8, 9}
  (10, NULL, NULL);                     -- {8, 9, 10}: no account with start > 0
SELECT 'nrr_roll_' || id, got, want_nrr
  FROM (SELECT id, nrr(m0, m1) OVER (ORDER BY id ROWS 2 PRECEDING) AS got FROM ms)
  JOIN ms_want USING (id);
SELECT 'grr_roll_' || id, got, want_grr
  FROM (SELECT id, grr(m0, m1) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS got
          FROM ms)
  JOIN ms_want USING (id);
SELECT 'roll_rows', (SELECT count(*) FROM ms JOIN ms_want USING (id)), 10;

-- Removing a huge row gives back the small ones exactly enough: at id 4 the
-- frame is {2, 3, 4} and a naive running sum would have lost them in 1e17.
CREATE TABLE mh(id INTEGER PRIMARY KEY, m0, m1);
INSERT INTO mh VALUES (1, 1e17, 3e17), (2, 3.3, 1.1), (3, 2.2, 4.4), (4, 1.1, 2.2);
SELECT 'nrr_roll_after_huge',
       (SELECT v FROM (SELECT id, nrr(m0, m1) OVER (ORDER BY id ROWS 2 PRECEDING) AS v FROM mh)
         WHERE id = 4),
       7.7 / 6.6;
SELECT 'grr_roll_after_huge',
       (SELECT v FROM (SELECT id, grr(m0, m1) OVER (ORDER BY id ROWS 2 PRECEDING) AS v FROM mh)
         WHERE id = 4),
       (1.1 + 2.2 + 1.1) / 6.6;

-- Cross-check on 3000 pseudo-random rows (an LCG) against the same
-- definitions in plain SQL, for sliding frames of several shapes.
CREATE TABLE gen(id INTEGER PRIMARY KEY, part INTEGER, score, m0, m1);
WITH RECURSIVE lcg(i, x) AS (
  SELECT 1, 12345
  UNION ALL
  SELECT i + 1, (x * 1103515245 + 12345) % 2147483648 FROM lcg WHERE i < 3000)
INSERT INTO gen
SELECT i, x % 3,
       CASE WHEN x % 17 = 0 THEN NULL ELSE (x / 7) % 11 END,
       CASE WHEN x % 13 = 0 THEN 0 WHEN x % 29 = 0 THEN NULL ELSE (x / 11) % 5000 / 100.0 END,
       (x / 3) % 7000 / 100.0
  FROM lcg;
CREATE VIEW gen_check AS
SELECT id,
       nps(score) OVER w AS nps_ext,
       100.0 * (sum(score >= 9) OVER w - sum(score <= 6) OVER w) / count(score) OVER w AS nps_sql,
       nrr(m0, m1) OVER w AS nrr_ext,
       sum(CASE WHEN m0 > 0 THEN m1 END) OVER w / sum(CASE WHEN m0 > 0 AND m1 IS NOT NULL THEN m0 END) OVER w
         AS nrr_sql,
       grr(m0, m1) OVER w AS grr_ext,
       sum(CASE WHEN m0 > 0 THEN min(m0, m1) END) OVER w
         / sum(CASE WHEN m0 > 0 AND m1 IS NOT NULL THEN m0 END) OVER w AS grr_sql
  FROM gen
WINDOW w AS (PARTITION BY part ORDER BY id ROWS BETWEEN 7 PRECEDING AND 3 FOLLOWING);
SELECT 'gen_rows', count(*), 3000 FROM gen_check;
SELECT 'gen_nps_mismatch', count(*), 0 FROM gen_check
 WHERE NOT (nps_ext IS nps_sql OR abs(nps_ext - nps_sql) < 1e-9);
SELECT 'gen_nrr_mismatch', count(*), 0 FROM gen_check
 WHERE NOT (nrr_ext IS nrr_sql OR abs(nrr_ext - nrr_sql) < 1e-9 * nrr_sql);
SELECT 'gen_grr_mismatch', count(*), 0 FROM gen_check
 WHERE NOT (grr_ext IS grr_sql OR abs(grr_ext - grr_sql) < 1e-9 * grr_sql);
SELECT 'gen_has_values', count(nrr_ext) > 2900 AND count(nps_ext) > 2900 FROM gen_check;
-- The same as plain aggregates over each partition.
SELECT 'gen_agg_mismatch', count(*), 0 FROM (
  SELECT part,
         nps(score) AS a, 100.0 * (sum(score >= 9) - sum(score <= 6)) / count(score) AS b,
         nrr(m0, m1) AS c,
         sum(CASE WHEN m0 > 0 THEN m1 END) / sum(CASE WHEN m0 > 0 AND m1 IS NOT NULL THEN m0 END) AS d,
         grr(m0, m1) AS e,
         sum(CASE WHEN m0 > 0 THEN min(m0, m1) END)
           / sum(CASE WHEN m0 > 0 AND m1 IS NOT NULL THEN m0 END) AS f
    FROM gen GROUP BY part)
 WHERE abs(a - b) > 1e-9 OR abs(c - d) > 1e-9 OR abs(e - f) > 1e-9;
-- A RANGE frame over dates with ties (several rows per month).
SELECT 'gen_range_mismatch', count(*), 0 FROM (
  SELECT nrr(m0, m1) OVER r AS a,
         sum(CASE WHEN m0 > 0 THEN m1 END) OVER r
           / sum(CASE WHEN m0 > 0 AND m1 IS NOT NULL THEN m0 END) OVER r AS b
    FROM gen WINDOW r AS (ORDER BY id / 50 RANGE BETWEEN 2 PRECEDING AND CURRENT ROW))
 WHERE NOT (a IS b OR abs(a - b) < 1e-9 * b);

-- Overflow is an error naming the value (requirement 8), never NULL or Inf.
-- error: nrr: the sum of start_mrr overflows, got 1.0e+308
SELECT nrr(s, e) FROM (SELECT 1e308 AS s, 1 AS e UNION ALL SELECT 1e308, 1);
-- error: nrr: the sum of end_mrr overflows, got 1.0e+308
SELECT nrr(s, e) FROM (SELECT 1 AS s, 1e308 AS e UNION ALL SELECT 1, 1e308);
-- error: grr: the sum of start_mrr overflows, got 1.5e+308
SELECT grr(s, e) FROM (SELECT 1.5e308 AS s, 1e308 AS e UNION ALL SELECT 1.5e308, 1e308);
-- error: nrr: the result overflows, got end total 2.0e+300 and start total 2.0e-300
SELECT nrr(s, e) FROM (SELECT 1e-300 AS s, 1e300 AS e UNION ALL SELECT 1e-300, 1e300);
-- grr caps each account at its start: no overflow.
SELECT 'grr_tiny_start', grr(s, e), 1.0
  FROM (SELECT 1e-300 AS s, 1e300 AS e UNION ALL SELECT 1e-300, 1e300);
-- Near the top of the range without overflow: exact.
SELECT 'nrr_near_max', nrr(s, e), 0.5
  FROM (SELECT 8e307 AS s, 4e307 AS e UNION ALL SELECT 8e307, 4e307);
