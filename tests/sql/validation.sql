-- auc, lift, pearson_corr and calibration_error (docs/functions). Small
-- cases are worked out by hand in the comments; the last part cross-checks
-- each aggregate on 3000 pseudo-random rows against plain SQL.

-- ---- auc -------------------------------------------------------------------
CREATE TABLE a(grp TEXT, risk, outcome);
INSERT INTO a VALUES
  -- positives 0.9, 0.8, 0.4; negatives 0.7, 0.4, 0.1, 0.1: of 12 pairs the
  -- positives win 4 + 4 + 2 and tie 1 -> 10.5 / 12
  ('x', 0.9, 1), ('x', 0.8, 1), ('x', 0.4, 1),
  ('x', 0.7, 0), ('x', 0.4, 0), ('x', 0.1, 0), ('x', 0.1, 0),
  ('x', NULL, 1), ('x', 0.05, NULL),
  ('perfect', 3, 1), ('perfect', 2, 1), ('perfect', 1, 0),
  ('inverted', 1, 1), ('inverted', 2, 0), ('inverted', 3, 0),
  ('ties', 5, 1), ('ties', 5, 0), ('ties', 5, 0), ('ties', 5, 1),
  ('only_pos', 1, 1), ('only_pos', 2, 1),
  ('only_neg', 1, 0),
  ('nulls', NULL, NULL);
SELECT 'auc_x', auc(risk, outcome), 10.5 / 12 FROM a WHERE grp = 'x';
SELECT 'auc_perfect', auc(risk, outcome), 1.0 FROM a WHERE grp = 'perfect';
SELECT 'auc_inverted', auc(risk, outcome), 0.0 FROM a WHERE grp = 'inverted';
SELECT 'auc_all_tied', auc(risk, outcome), 0.5 FROM a WHERE grp = 'ties';
SELECT 'auc_only_positives', auc(risk, outcome) IS NULL FROM a WHERE grp = 'only_pos';
SELECT 'auc_only_negatives', auc(risk, outcome) IS NULL FROM a WHERE grp = 'only_neg';
SELECT 'auc_only_nulls', auc(risk, outcome) IS NULL FROM a WHERE grp = 'nulls';
SELECT 'auc_empty', auc(risk, outcome) IS NULL FROM a WHERE 0;
SELECT 'auc_grouped',
       (SELECT group_concat(grp || '=' || ifnull(v, 'NULL'), ' ')
          FROM (SELECT grp, auc(risk, outcome) AS v FROM a GROUP BY grp ORDER BY grp)),
       'inverted=0.0 nulls=NULL only_neg=NULL only_pos=NULL perfect=1.0 ties=0.5 x=0.875';
-- For a health score, lower is riskier: churned accounts scored 20 and 40,
-- retained ones 30, 80, 90. Negated: -20 beats 3 of 3, -40 beats 2 -> 5/6.
SELECT 'auc_health', auc(-health, churned), 5.0 / 6
  FROM (SELECT 20 AS health, 1 AS churned UNION ALL SELECT 40, 1 UNION ALL SELECT 30, 0
        UNION ALL SELECT 80, 0 UNION ALL SELECT 90, 0);
SELECT 'auc_text_numbers', auc(r, o), 1.0
  FROM (SELECT '2' AS r, '1' AS o UNION ALL SELECT '1.5', 0.0 UNION ALL SELECT 3, 1.0);
SELECT 'auc_infinite_risk', auc(r, o), 1.0
  FROM (SELECT 1e999 AS r, 1 AS o UNION ALL SELECT -1e999, 0 UNION ALL SELECT 0, 1);
-- error: auc: outcome must be 0 or 1, got 2
SELECT auc(1, 2);
-- error: auc: outcome must be 0 or 1, got 0.5
SELECT auc(risk, CASE WHEN risk = 0.8 THEN 0.5 ELSE outcome END) FROM a;
-- error: auc: outcome must be 0 or 1, got 'yes'
SELECT auc(1, 'yes');
-- error: auc: risk must be a number, got 'high'
SELECT auc('high', 1);
-- Values are checked even on a row that a NULL makes skipped.
-- error: auc: risk must be a number, got 'high'
SELECT auc('high', NULL);
-- error: auc: outcome must be 0 or 1, got -1
SELECT auc(NULL, -1);

-- ---- lift ------------------------------------------------------------------
-- Risks 10 .. 1, outcome 1 at risks 10, 8 and 5: overall rate 0.3.
CREATE TABLE l(risk, outcome);
INSERT INTO l VALUES (10, 1), (9, 0), (8, 1), (7, 0), (6, 0), (5, 1), (4, 0), (3, 0),
                     (2, 0), (1, 0), (NULL, 1), (11, NULL);
-- fraction 0.1: the top ceil(1) = 1 row, rate 1 -> 1 / 0.3
SELECT 'lift_default', lift(risk, outcome), 1 / 0.3 FROM l;
SELECT 'lift_0.1', lift(risk, outcome, 0.1), 1 / 0.3 FROM l;
-- fraction 0.3: top 3, rate 2/3
SELECT 'lift_0.3', lift(risk, outcome, 0.3), (2.0 / 3) / 0.3 FROM l;
-- fraction 0.25: ceil(2.5) = 3 rows
SELECT 'lift_0.25', lift(risk, outcome, 0.25), (2.0 / 3) / 0.3 FROM l;
-- fraction 0.5: top 5, rate 2/5
SELECT 'lift_0.5', lift(risk, outcome, '0.5'), 0.4 / 0.3 FROM l;
SELECT 'lift_1', lift(risk, outcome, 1), 1.0 FROM l;
-- a tiny fraction still takes one row
SELECT 'lift_tiny', lift(risk, outcome, 1e-300), 1 / 0.3 FROM l;
SELECT 'lift_no_outcome', lift(risk, 0) IS NULL FROM l;
SELECT 'lift_all_outcome', lift(risk, 1), 1.0 FROM l;
SELECT 'lift_empty', lift(risk, outcome) IS NULL FROM l WHERE 0;
SELECT 'lift_only_nulls', lift(NULL, outcome) IS NULL FROM l;
SELECT 'lift_null_fraction_skips', lift(risk, outcome, NULL) IS NULL FROM l;
-- 0.07 * 100 is 7.000000000000001 in binary; the cut is 7 rows, not 8.
-- Risks 1 .. 100, outcome 1 at 100, 95 and 93 (the 8th highest).
SELECT 'lift_float_cut', lift(i, i IN (100, 95, 93), 0.07), (2.0 / 7) / 0.03
  FROM (WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 100)
        SELECT i FROM s);
-- 0.14 * 50 is 7.000000000000001 as well.
SELECT 'lift_float_cut_50', lift(i, i IN (50, 45, 43), 0.14), (2.0 / 7) / (3.0 / 50)
  FROM (WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 50)
        SELECT i FROM s);
-- Ties at the cut share the remaining places: risks 5, 4, 4, 4, 1 with
-- outcomes 1, 1, 0, 0, 0 and fraction 0.4: k = 2, the 5 plus one of the
-- three 4s (one of which is an outcome): 1 + 1/3 outcomes in 2 rows.
SELECT 'lift_tied_cut', lift(r, o, 0.4), ((4.0 / 3) / 2) / (2.0 / 5)
  FROM (SELECT 5 AS r, 1 AS o UNION ALL SELECT 4, 1 UNION ALL SELECT 4, 0
        UNION ALL SELECT 4, 0 UNION ALL SELECT 1, 0);
-- The same rows in another order give the same answer.
SELECT 'lift_tied_cut_order', lift(r, o, 0.4), ((4.0 / 3) / 2) / (2.0 / 5)
  FROM (SELECT 4 AS r, 0 AS o UNION ALL SELECT 1, 0 UNION ALL SELECT 4, 1
        UNION ALL SELECT 5, 1 UNION ALL SELECT 4, 0);
-- A constant score has no lift.
SELECT 'lift_constant_risk', lift(0.5, outcome), 1.0 FROM l WHERE risk IS NOT NULL;
-- error: lift: fraction must be greater than 0 and at most 1, got 0
SELECT lift(1, 1, 0);
-- error: lift: fraction must be greater than 0 and at most 1, got 1.5
SELECT lift(1, 1, 1.5);
-- error: lift: fraction must be greater than 0 and at most 1, got -0.1
SELECT lift(1, 1, -0.1);
-- error: lift: fraction must be greater than 0 and at most 1, got 'half'
SELECT lift(1, 1, 'half');
-- error: lift: fraction must be greater than 0 and at most 1, got 2
SELECT lift(NULL, 1, 2);
-- error: lift: fraction must be the same on every row of a group, got 0.2
SELECT lift(risk, outcome, CASE WHEN risk = 8 THEN 0.2 ELSE 0.1 END) FROM l;
-- error: lift: outcome must be 0 or 1, got 2
SELECT lift(1, 2);
-- error: lift: risk must be a number, got a blob
SELECT lift(x'01', 0);

-- ---- pearson_corr ----------------------------------------------------------
SELECT 'pearson_perfect', pearson_corr(x, 2 * x), 1.0
  FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5);
SELECT 'pearson_inverse', pearson_corr(x, 10 - 3 * x), -1.0
  FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5);
-- x 1, 2, 3 and y 1, 3, 2: deviations (-1, 0, 1) and (-1, 1, 0): 1 / sqrt(2 * 2)
CREATE TABLE p(id INTEGER PRIMARY KEY, x, y);
INSERT INTO p(x, y) VALUES (1, 1), (2, 3), (3, 2), (NULL, 5), (4, NULL);
SELECT 'pearson_half', pearson_corr(x, y), 0.5 FROM p;
-- x 1, 2, 3, 4 and y 2, 1, 4, 3: 3 / sqrt(5 * 5)
SELECT 'pearson_0.6', pearson_corr(x, y), 0.6
  FROM (SELECT 1 AS x, 2 AS y UNION ALL SELECT 2, 1 UNION ALL SELECT 3, 4 UNION ALL SELECT 4, 3);
-- Far from zero: the same data shifted by 1e12 (naive sums of squares would
-- lose it all).
SELECT 'pearson_shifted', pearson_corr(x + 1e12, y - 5e11), 0.5 FROM p;
SELECT 'pearson_text', pearson_corr(CAST(x AS TEXT), CAST(y AS TEXT)), 0.5 FROM p;
SELECT 'pearson_const_x', pearson_corr(7, y) IS NULL FROM p;
SELECT 'pearson_const_y', pearson_corr(x, 0.1) IS NULL FROM p;
SELECT 'pearson_one_row', pearson_corr(x, y) IS NULL FROM p WHERE id = 1;
SELECT 'pearson_empty', pearson_corr(x, y) IS NULL FROM p WHERE 0;
SELECT 'pearson_only_nulls', pearson_corr(x, y) IS NULL FROM p WHERE id >= 4;
-- error: pearson_corr: x must be a number, got 'a'
SELECT pearson_corr('a', 1);
-- error: pearson_corr: y must be a finite number, got Inf
SELECT pearson_corr(1, 1e999);
-- error: pearson_corr: y must be a number, got 'b'
SELECT pearson_corr(NULL, 'b');

-- pearson_corr as a window function: 3-row rolling frame.
CREATE TABLE ps(id INTEGER PRIMARY KEY, x, y);
INSERT INTO ps VALUES (1, 1, 1), (2, 2, 3), (3, 3, 2), (4, 3, 2), (5, 3, 5), (6, 3, 9),
                      (7, 5, 1), (8, 1, NULL), (9, 7, 7);
CREATE TABLE ps_want(id INTEGER PRIMARY KEY, want);
INSERT INTO ps_want VALUES
  (1, NULL),              -- one row
  (2, 1.0),               -- two points
  (3, 0.5),               -- (1,1) (2,3) (3,2)
  (4, -1.0),              -- (2,3) (3,2) (3,2)
  (5, NULL),              -- x all 3
  (6, NULL),              -- x all 3
  (7, -0.866025403784439),-- (3,5) (3,9) (5,1): -8 / sqrt(8/3 * 32) = -sqrt(3)/2
  (8, -1.0),              -- (3,9) (5,1); (1,NULL) skipped
  (9, 1.0);               -- (5,1) (7,7)
SELECT 'pearson_roll_' || id, got, want
  FROM (SELECT id, pearson_corr(x, y) OVER (ORDER BY id ROWS 2 PRECEDING) AS got FROM ps)
  JOIN ps_want USING (id);
SELECT 'pearson_roll_rows', (SELECT count(*) FROM ps JOIN ps_want USING (id)), 9;
-- After huge values leave the frame, a constant x is still an exact zero
-- variance (NULL), not rounding noise.
CREATE TABLE ph(id INTEGER PRIMARY KEY, x, y);
INSERT INTO ph VALUES (1, 1e8, 1), (2, -1e8, 2), (3, 7, 3), (4, 7, 4), (5, 7, 5),
                      (6, 8, 9), (7, 3, 6), (8, 3, 6), (9, 3, 6);
SELECT 'pearson_roll_const_after_huge',
       (SELECT v IS NULL FROM (SELECT id, pearson_corr(x, y) OVER (ORDER BY id ROWS 2 PRECEDING) AS v
                                 FROM ph) WHERE id = 5);
SELECT 'pearson_roll_const_y',
       (SELECT v IS NULL FROM (SELECT id, pearson_corr(y, x) OVER (ORDER BY id ROWS 2 PRECEDING) AS v
                                 FROM ph) WHERE id = 5);
SELECT 'pearson_roll_const_xy',
       (SELECT v IS NULL FROM (SELECT id, pearson_corr(x, y) OVER (ORDER BY id ROWS 2 PRECEDING) AS v
                                 FROM ph) WHERE id = 9);
-- At id 6 the frame is (7,4) (7,5) (8,9): deviations (-1/3, -1/3, 2/3) and
-- (-2, -1, 3): (2/3 + 1/3 + 2) / sqrt(2/3 * 14) = 3 / sqrt(28/3)
SELECT 'pearson_roll_after_huge',
       (SELECT v FROM (SELECT id, pearson_corr(x, y) OVER (ORDER BY id ROWS 2 PRECEDING) AS v
                         FROM ph) WHERE id = 6),
       3 / sqrt(28.0 / 3);

-- ---- calibration_error -----------------------------------------------------
CREATE TABLE c(p, outcome);
INSERT INTO c VALUES (0.05, 0), (0.15, 0), (0.12, 1), (0.5, 1), (0.55, 0), (0.95, 1),
                     (1.0, 1), (0.9, 0), (NULL, 1), (0.3, NULL);
-- 10 bins: bin 0 |0.05 - 0| = 0.05; bin 1 |0.27 - 1| = 0.73; bin 5
-- |1.05 - 1| = 0.05; bin 9 (with p = 1) |2.85 - 2| = 0.85: 1.68 / 8 rows
SELECT 'cal_default', calibration_error(p, outcome), 0.21 FROM c;
SELECT 'cal_10', calibration_error(p, outcome, 10), 0.21 FROM c;
-- bin 1 alone: n=2, |mean p 0.135 - mean outcome 0.5| = 0.365
SELECT 'cal_bin1', calibration_error(p, outcome), 0.365 FROM c WHERE p BETWEEN 0.1 AND 0.2;
-- 2 bins: p < 0.5 |0.32 - 1| = 0.68; p >= 0.5 |3.9 - 3| = 0.9: 1.58 / 8
SELECT 'cal_2', calibration_error(p, outcome, 2), 1.58 / 8 FROM c;
-- 1 bin: |4.22 - 4| / 8
SELECT 'cal_1', calibration_error(p, outcome, '1'), 0.22 / 8 FROM c;
SELECT 'cal_perfect', calibration_error(pp, o), 0.0
  FROM (SELECT 0.5 AS pp, 1 AS o UNION ALL SELECT 0.5, 0 UNION ALL SELECT 0, 0
        UNION ALL SELECT 1, 1);
SELECT 'cal_worst', calibration_error(pp, o), 1.0
  FROM (SELECT 0 AS pp, 1 AS o UNION ALL SELECT 1, 0);
-- 0.57 * 100 is 56.99999999999999 in binary; p = 0.57 still goes to bin 57
-- with 0.575: |0.5725 - 0.5| = 0.0725 (split bins would give 0.5025).
SELECT 'cal_float_edge', calibration_error(pp, o, 100), 0.0725
  FROM (SELECT 0.57 AS pp, 1 AS o UNION ALL SELECT 0.575, 0);
SELECT 'cal_empty', calibration_error(p, outcome) IS NULL FROM c WHERE 0;
SELECT 'cal_only_nulls', calibration_error(NULL, outcome) IS NULL FROM c;
SELECT 'cal_null_bins_skips', calibration_error(p, outcome, NULL) IS NULL FROM c;
-- 1000000 bins: every probability is alone in its bin: sum of |p - outcome|
-- = 0.05 + 0.15 + 0.88 + 0.5 + 0.55 + 0.05 + 0 + 0.9 = 3.08
SELECT 'cal_max_bins', calibration_error(p, outcome, 1000000), 3.08 / 8 FROM c;
-- error: calibration_error: probability must be between 0 and 1, got 1.5
SELECT calibration_error(1.5, 1);
-- error: calibration_error: probability must be between 0 and 1, got -0.1
SELECT calibration_error(-0.1, 0);
-- error: calibration_error: probability must be a number, got 'likely'
SELECT calibration_error('likely', 0);
-- error: calibration_error: outcome must be 0 or 1, got 3
SELECT calibration_error(0.5, 3);
-- error: calibration_error: bins must be a whole number from 1 to 1000000, got 0
SELECT calibration_error(0.5, 1, 0);
-- error: calibration_error: bins must be a whole number from 1 to 1000000, got 2.5
SELECT calibration_error(0.5, 1, 2.5);
-- error: calibration_error: bins must be a whole number from 1 to 1000000, got 1000001
SELECT calibration_error(0.5, 1, 1000001);
-- error: calibration_error: bins must be a whole number from 1 to 1000000, got 'ten'
SELECT calibration_error(0.5, 1, 'ten');
-- error: calibration_error: probability must be between 0 and 1, got 2
SELECT calibration_error(2, NULL);
-- error: calibration_error: bins must be the same on every row of a group, got 5
SELECT calibration_error(p, outcome, CASE WHEN p = 0.5 THEN 5 ELSE 10 END) FROM c;

-- ---- Cross-checks on 3000 pseudo-random rows --------------------------------
-- risk: distinct values; tied: 20 distinct values (many ties); prob on a grid
-- of 0.0001 (so bin edges occur); outcome drawn to depend on risk.
CREATE TABLE g(id INTEGER PRIMARY KEY, risk, tied, prob, outcome, x, y);
WITH RECURSIVE lcg(i, s) AS (
  SELECT 1, 42
  UNION ALL
  SELECT i + 1, (s * 1103515245 + 12345) % 2147483648 FROM lcg WHERE i < 3000)
INSERT INTO g
SELECT i,
       (i * 7919) % 10007 / 10007.0,
       (s / 17) % 20,
       (s / 13) % 10001 / 10000.0,
       NULL, (s / 5) % 100, NULL
  FROM lcg;
UPDATE g SET outcome = ((id * 2654435761) % 1000) / 1000.0 < 0.15 + 0.5 * risk + 0.01 * tied,
             y = x + (id * 40503) % 61 - 30;
UPDATE g SET risk = NULL WHERE id % 97 = 0;
SELECT 'gen_outcome_mix', (SELECT sum(outcome) BETWEEN 500 AND 2500 FROM g);

-- AUC by counting pairs.
SELECT 'gen_auc', (SELECT auc(risk, outcome) FROM g),
       (SELECT (sum(p.risk > n.risk) + 0.5 * sum(p.risk = n.risk)) / count(*)
          FROM g AS p JOIN g AS n ON p.outcome = 1 AND n.outcome = 0
         WHERE p.risk IS NOT NULL AND n.risk IS NOT NULL);
SELECT 'gen_auc_tied', (SELECT auc(tied, outcome) FROM g),
       (SELECT (sum(p.tied > n.tied) + 0.5 * sum(p.tied = n.tied)) / count(*)
          FROM g AS p JOIN g AS n ON p.outcome = 1 AND n.outcome = 0);
SELECT 'gen_auc_negated', (SELECT auc(-tied, outcome) + auc(tied, outcome) FROM g), 1.0;

-- Lift by ORDER BY / LIMIT over distinct risks; k = ceil(fraction * n) in
-- integer arithmetic.
CREATE VIEW gd AS SELECT risk, outcome FROM g WHERE risk IS NOT NULL;
SELECT 'gen_lift_0.1', (SELECT lift(risk, outcome) FROM g),
       (SELECT avg(outcome) FROM (SELECT outcome FROM gd ORDER BY risk DESC
                                   LIMIT (SELECT (count(*) + 9) / 10 FROM gd)))
         / (SELECT avg(outcome) FROM gd);
SELECT 'gen_lift_0.07', (SELECT lift(risk, outcome, 0.07) FROM g),
       (SELECT avg(outcome) FROM (SELECT outcome FROM gd ORDER BY risk DESC
                                   LIMIT (SELECT (7 * count(*) + 99) / 100 FROM gd)))
         / (SELECT avg(outcome) FROM gd);
SELECT 'gen_lift_0.25', (SELECT lift(risk, outcome, 0.25) FROM g),
       (SELECT avg(outcome) FROM (SELECT outcome FROM gd ORDER BY risk DESC
                                   LIMIT (SELECT (count(*) + 3) / 4 FROM gd)))
         / (SELECT avg(outcome) FROM gd);
-- Lift over a tied score: the rows above the k-th value t, plus the tie at t
-- sharing the places left, k = 300.
SELECT 'gen_lift_tied', (SELECT lift(tied, outcome) FROM g),
       (SELECT (above_pos + tied_pos * (300.0 - above_n) / tied_n) / 300
                 / (SELECT avg(outcome) FROM g)
          FROM (SELECT sum(CASE WHEN tied > t THEN outcome ELSE 0 END) AS above_pos,
                       sum(tied > t) AS above_n,
                       sum(CASE WHEN tied = t THEN outcome ELSE 0 END) AS tied_pos,
                       sum(tied = t) AS tied_n
                  FROM g, (SELECT tied AS t FROM g ORDER BY tied DESC LIMIT 1 OFFSET 299)));

-- Pearson from two passes in SQL.
SELECT 'gen_pearson', (SELECT pearson_corr(x, y) FROM g),
       (SELECT sum((x - mx) * (y - my)) / sqrt(sum((x - mx) * (x - mx)) * sum((y - my) * (y - my)))
          FROM g, (SELECT avg(x) AS mx, avg(y) AS my FROM g));
SELECT 'gen_pearson_risk', (SELECT pearson_corr(risk, outcome) FROM g),
       (SELECT sum((risk - mx) * (outcome - my))
                 / sqrt(sum((risk - mx) * (risk - mx)) * sum((outcome - my) * (outcome - my)))
          FROM gd, (SELECT avg(risk) AS mx, avg(outcome) AS my FROM gd));
-- Rolling and partitioned frames against window sums (exact: small integers).
CREATE VIEW gen_pearson_window AS
SELECT id, pearson_corr(x, y) OVER w AS ext,
       (count(*) OVER w * sum(x * y) OVER w - sum(x) OVER w * sum(y) OVER w)
         / sqrt((count(*) OVER w * sum(x * x) OVER w - sum(x) OVER w * sum(x) OVER w)
                * (count(*) OVER w * sum(y * y) OVER w - sum(y) OVER w * sum(y) OVER w)) AS ref
  FROM g WINDOW w AS (PARTITION BY id % 3 ORDER BY id ROWS BETWEEN 4 PRECEDING AND 1 FOLLOWING);
SELECT 'gen_pearson_window_rows', count(*), 3000 FROM gen_pearson_window;
SELECT 'gen_pearson_window_mismatch', count(*), 0 FROM gen_pearson_window
 WHERE NOT (ext IS ref OR abs(ext - ref) < 1e-9);
SELECT 'gen_pearson_window_values', count(ext) > 2900 FROM gen_pearson_window;
-- The tied score over a RANGE frame (constant runs make zero variances).
SELECT 'gen_pearson_range_mismatch', count(*), 0 FROM (
  SELECT pearson_corr(tied, x) OVER w AS ext,
         (count(*) OVER w * sum(tied * x) OVER w - sum(tied) OVER w * sum(x) OVER w)
           / sqrt((count(*) OVER w * sum(tied * tied) OVER w - sum(tied) OVER w * sum(tied) OVER w)
                  * (count(*) OVER w * sum(x * x) OVER w - sum(x) OVER w * sum(x) OVER w)) AS ref
    FROM g WINDOW w AS (ORDER BY id / 4 RANGE BETWEEN 1 PRECEDING AND CURRENT ROW))
 WHERE NOT (ext IS ref OR abs(ext - ref) < 1e-9);
-- EXCLUDE frames (SQLite recomputes them without xInverse).
SELECT 'gen_pearson_exclude_mismatch', count(*), 0 FROM (
  SELECT pearson_corr(x, y) OVER w AS ext,
         (count(*) OVER w * sum(x * y) OVER w - sum(x) OVER w * sum(y) OVER w)
           / sqrt((count(*) OVER w * sum(x * x) OVER w - sum(x) OVER w * sum(x) OVER w)
                  * (count(*) OVER w * sum(y * y) OVER w - sum(y) OVER w * sum(y) OVER w)) AS ref
    FROM g WINDOW w AS (ORDER BY id ROWS BETWEEN 3 PRECEDING AND 3 FOLLOWING EXCLUDE CURRENT ROW))
 WHERE NOT (ext IS ref OR abs(ext - ref) < 1e-9);

-- Calibration by GROUP BY bins (edges snapped by adding 1e-9), as the
-- count-weighted mean of |avg p - avg outcome|.
SELECT 'gen_cal_10', (SELECT calibration_error(prob, outcome, 10) FROM g),
       (SELECT sum(n * abs(mp - mo)) / sum(n) FROM (
          SELECT count(*) AS n, avg(prob) AS mp, avg(outcome) AS mo FROM g
           GROUP BY min(CAST(prob * 10 + 1e-9 AS INTEGER), 10 - 1)));
SELECT 'gen_cal_7', (SELECT calibration_error(prob, outcome, 7) FROM g),
       (SELECT sum(n * abs(mp - mo)) / sum(n) FROM (
          SELECT count(*) AS n, avg(prob) AS mp, avg(outcome) AS mo FROM g
           GROUP BY min(CAST(prob * 7 + 1e-9 AS INTEGER), 7 - 1)));
SELECT 'gen_cal_100', (SELECT calibration_error(prob, outcome, 100) FROM g),
       (SELECT sum(n * abs(mp - mo)) / sum(n) FROM (
          SELECT count(*) AS n, avg(prob) AS mp, avg(outcome) AS mo FROM g
           GROUP BY min(CAST(prob * 100 + 1e-9 AS INTEGER), 100 - 1)));
SELECT 'gen_cal_1', (SELECT calibration_error(prob, outcome, 1) FROM g),
       (SELECT sum(n * abs(mp - mo)) / sum(n) FROM (
          SELECT count(*) AS n, avg(prob) AS mp, avg(outcome) AS mo FROM g
           GROUP BY min(CAST(prob * 1 + 1e-9 AS INTEGER), 1 - 1)));
SELECT 'gen_cal_edges_present', (SELECT count(*) > 0 FROM g WHERE prob * 1000 = CAST(prob * 1000 AS INTEGER));

-- Sliding frames through huge outliers and over data far from 0, against a
-- two-pass computation of each frame on its own (no running sums at all).
-- x is 1e9 + k/8 (exact in binary) with an outlier of 1e15 .. 7e15 on every
-- 50th row or so; a running sum in doubles would carry the outliers'
-- rounding error into the frames after them.
CREATE TABLE o(id INTEGER PRIMARY KEY, x, y);
WITH RECURSIVE lcg(i, s) AS (
  SELECT 1, 7
  UNION ALL
  SELECT i + 1, (s * 1103515245 + 12345) % 2147483648 FROM lcg WHERE i < 1500)
INSERT INTO o
SELECT i,
       CASE WHEN s % 50 = 0 THEN 1e15 * (s % 7 + 1) ELSE 1e9 + (s / 3 % 1000) / 8.0 END,
       (s / 11 % 100) / 4.0 + (s / 3 % 1000) / 40.0
  FROM lcg;
CREATE VIEW o_check AS
SELECT g.id, g.ext,
       (SELECT sum((f.x - m.mx) * (f.y - m.my))
                 / sqrt(sum((f.x - m.mx) * (f.x - m.mx)) * sum((f.y - m.my) * (f.y - m.my)))
          FROM o AS f,
               (SELECT avg(x) AS mx, avg(y) AS my FROM o WHERE id BETWEEN g.id - 4 AND g.id) AS m
         WHERE f.id BETWEEN g.id - 4 AND g.id) AS ref
  FROM (SELECT id, pearson_corr(x, y) OVER (ORDER BY id ROWS 4 PRECEDING) AS ext FROM o) AS g;
SELECT 'outlier_frames_have_outliers', (SELECT count(*) BETWEEN 10 AND 60 FROM o WHERE x > 1e14);
SELECT 'outlier_window_mismatch', count(*), 0 FROM o_check
 WHERE NOT (ext IS ref OR abs(ext - ref) < 1e-9);
SELECT 'outlier_window_values', count(ext) > 1400 FROM o_check;

-- x and y within +-1e100 (requirement 8): beyond is an error, never the
-- NULL of an overflowed square.
-- error: pearson_corr: x must be between -1e100 and 1e100, got 1.0e+200
SELECT pearson_corr(x, y) FROM (SELECT 1e200 AS x, 1 AS y UNION ALL SELECT -1e200, 2);
-- error: pearson_corr: y must be between -1e100 and 1e100, got '-2e100'
SELECT pearson_corr(1, '-2e100');
CREATE TABLE big(x, y);
INSERT INTO big VALUES (1e100, 1), (-1e100, 2), (1e99, 3), (5e99, 5);
SELECT 'pearson_at_limit', pearson_corr(x, y),
       (SELECT sum((x - mx) * (y - my)) / sqrt(sum((x - mx) * (x - mx)) * sum((y - my) * (y - my)))
          FROM big, (SELECT avg(x) AS mx, avg(y) AS my FROM big))
  FROM big;
