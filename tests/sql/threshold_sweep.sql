-- threshold_sweep: a small scored portfolio worked out by hand in both
-- directions and with costs, NULL skipping, the empty source, the
-- 1e-9*step rule for the last threshold, every argument and every error
-- message. Random data against a brute-force count per threshold:
-- threshold_sweep_property.sql.
-- Rows are written as
--   threshold:flagged:tp:fp:fn:tn:precision:recall:f1:fpr:flagged_share:expected_cost
-- (ratios rounded to 6 places, '-' for NULL), in the order returned.

-- Five rows are read: positives (outcome 1) score 10, 20, 50; negatives
-- score 30, 40. A NULL score and a NULL outcome are skipped.
CREATE TABLE sc(id INTEGER PRIMARY KEY, s, o);
INSERT INTO sc(s, o) VALUES (10, 1), (20, 1), (30, 0), (40, 0), (50, 1), (NULL, 1), (60, NULL);

-- below: flagged when score < t, t = 0, 10, ..., 60.
--   t=20 flags {10}: tp 1, precision 1, recall 1/3, f1 0.5, cost 0 + 2 = 2
--   t=40 flags {10, 20, 30}: tp 2 fp 1 fn 1 tn 1, f1 2/3, fpr 0.5
--   t=50 adds 40: precision 0.5, recall 2/3, f1 = 2(1/2)(2/3)/(7/6) = 4/7
--   t=60 adds 50: every positive, precision 0.6, f1 0.75
SELECT 'below',
  (SELECT group_concat(threshold || ':' || flagged || ':' || true_positives || ':' || false_positives
     || ':' || false_negatives || ':' || true_negatives || ':' || coalesce(round(precision, 6), '-')
     || ':' || coalesce(round(recall, 6), '-') || ':' || coalesce(round(f1, 6), '-') || ':'
     || coalesce(round(fpr, 6), '-') || ':' || coalesce(round(flagged_share, 6), '-') || ':'
     || expected_cost, ' ') FROM threshold_sweep('sc', 's', 'o', 0, 60, 10)),
  '0.0:0:0:0:3:2:-:0.0:-:0.0:0.0:3.0 10.0:0:0:0:3:2:-:0.0:-:0.0:0.0:3.0 '
  || '20.0:1:1:0:2:2:1.0:0.333333:0.5:0.0:0.2:2.0 30.0:2:2:0:1:2:1.0:0.666667:0.8:0.0:0.4:1.0 '
  || '40.0:3:2:1:1:1:0.666667:0.666667:0.666667:0.5:0.6:2.0 '
  || '50.0:4:2:2:1:0:0.5:0.666667:0.571429:1.0:0.8:3.0 60.0:5:3:2:0:0:0.6:1.0:0.75:1.0:1.0:2.0';

-- above: flagged when score >= t; cost_fp 2, cost_fn 3.
--   t=0 flags all: fp 2 -> cost 4;  t=20 flags {20, 30, 40, 50}: 2*2 + 3*1 = 7
--   t=60 flags nothing: 3 false negatives -> 9
SELECT 'above with costs',
  (SELECT group_concat(threshold || ':' || flagged || ':' || true_positives || ':' || false_positives
     || ':' || false_negatives || ':' || true_negatives || ':' || coalesce(round(precision, 6), '-')
     || ':' || coalesce(round(recall, 6), '-') || ':' || coalesce(round(f1, 6), '-') || ':'
     || coalesce(round(fpr, 6), '-') || ':' || coalesce(round(flagged_share, 6), '-') || ':'
     || expected_cost, ' ') FROM threshold_sweep('sc', 's', 'o', 0, 60, 10, 'above', 2, 3)),
  '0.0:5:3:2:0:0:0.6:1.0:0.75:1.0:1.0:4.0 10.0:5:3:2:0:0:0.6:1.0:0.75:1.0:1.0:4.0 '
  || '20.0:4:2:2:1:0:0.5:0.666667:0.571429:1.0:0.8:7.0 '
  || '30.0:3:1:2:2:0:0.333333:0.333333:0.333333:1.0:0.6:10.0 '
  || '40.0:2:1:1:2:1:0.5:0.333333:0.4:0.5:0.4:8.0 50.0:1:1:0:2:2:1.0:0.333333:0.5:0.0:0.2:6.0 '
  || '60.0:0:0:0:3:2:-:0.0:-:0.0:0.0:9.0';

-- Defaults: 0 to 100 by 5, below, costs 1.
SELECT 'defaults: 21 thresholds', (SELECT count(*) || ' ' || min(threshold) || ' ' || max(threshold)
   FROM threshold_sweep('sc', 's', 'o')), '21 0.0 100.0';
SELECT 'defaults spelled out',
  (SELECT group_concat(threshold || flagged || expected_cost) FROM threshold_sweep('sc', 's', 'o', 0,
     100, 5, 'below', 1, 1)),
  (SELECT group_concat(threshold || flagged || expected_cost) FROM threshold_sweep('sc', 's', 'o'));
SELECT 'NULL arguments take the defaults',
  (SELECT group_concat(threshold || flagged || expected_cost) FROM threshold_sweep('sc', 's', 'o', NULL,
     NULL, NULL, NULL, NULL, NULL)),
  (SELECT group_concat(threshold || flagged || expected_cost) FROM threshold_sweep('sc', 's', 'o'));
SELECT 'by name, any case',
  (SELECT group_concat(threshold || flagged) FROM threshold_sweep WHERE source = 'SC'
     AND score_column = 'S' AND outcome_column = 'O' AND direction = 'ABOVE' AND step = 25),
  '0.05,25.03,50.01,75.00,100.00';
SELECT 'hidden columns show the arguments',
  (SELECT source || ' ' || score_column || ' ' || outcome_column || ' ' || lo || ' ' || hi || ' '
     || step || ' ' || direction || ' ' || cost_fp || ' ' || cost_fn
     FROM threshold_sweep('sc', 's', 'o') LIMIT 1),
  'sc s o 0 100 5 below 1 1';
SELECT 'types', (SELECT group_concat(DISTINCT typeof(threshold) || typeof(flagged) || typeof(precision)
   || typeof(expected_cost)) FROM threshold_sweep('sc', 's', 'o', 20, 30, 10)), 'realintegerrealreal';
SELECT 'numbers as text', (SELECT group_concat(threshold || flagged) FROM threshold_sweep('sc', 's', 'o',
   ' 20 ', '3e1', '1e1')), '20.01,30.02';
SELECT 'one threshold when lo = hi', (SELECT count(*) FROM threshold_sweep('sc', 's', 'o', 30, 30)), 1;
SELECT 'ORDER BY threshold needs no sort',
  (SELECT group_concat(threshold) FROM threshold_sweep('sc', 's', 'o', 0, 20, 10) ORDER BY threshold),
  '0.0,10.0,20.0';

-- Any OR in WHERE plans; arguments from a join.
SELECT 'OR on arguments', (SELECT count(*) FROM threshold_sweep WHERE source = 'sc'
   AND score_column = 's' AND outcome_column = 'o' AND (step = 10 OR step = 20)), 17;  -- 11 + 6
SELECT 'OR on outputs', (SELECT count(*) FROM threshold_sweep('sc', 's', 'o', 0, 60, 10)
   WHERE flagged = 0 OR expected_cost = 3), 3;  -- t = 0 and 10 (nothing flagged), 50 (cost 3)
CREATE TABLE steps(step);
INSERT INTO steps VALUES (10), (30);
SELECT 'arguments from a join', (SELECT group_concat(step || ':' || n, ' ') FROM (SELECT steps.step,
   count(*) AS n FROM steps, threshold_sweep('sc', 's', 'o', 0, 60, steps.step) GROUP BY steps.step)),
  '10:7 30:3';

-- Ties: a score equal to t is not below t, and is at or above it.
CREATE TABLE ties(s, o);
INSERT INTO ties VALUES (50, 1), (50, 0), (50, 1);
SELECT 'ties at the threshold',
  (SELECT group_concat(flagged, ' ') FROM threshold_sweep('ties', 's', 'o', 50, 55, 5)) || ' / '
  || (SELECT group_concat(flagged, ' ') FROM threshold_sweep('ties', 's', 'o', 50, 55, 5, 'above')),
  '0 3 / 3 0';

-- The last threshold: t <= hi within 1e-9 * step. 3 * 0.1 is
-- 0.30000000000000004, above 0.3 but within the tolerance; hi = 0.3 - 2e-10
-- leaves it out (2e-10 > 1e-9 * 0.1).
SELECT 'last threshold within 1e-9 step', (SELECT count(*) FROM threshold_sweep('sc', 's', 'o', 0, 0.3, 0.1)), 4;
SELECT 'last threshold just outside', (SELECT count(*) FROM threshold_sweep('sc', 's', 'o', 0,
   0.2999999998, 0.1)), 3;
SELECT 'thresholds are lo + k * step', (SELECT group_concat(threshold = 0.1 * rowid, '')
   FROM threshold_sweep('sc', 's', 'o', 0, 0.3, 0.1)), '1111';
SELECT 'exactly 100000 thresholds', (SELECT count(*) || ' ' || max(threshold)
   FROM threshold_sweep('sc', 's', 'o', 0, 99999, 1)), '100000 99999.0';

-- Empty source (or every row skipped): one row per threshold, zero counts.
CREATE TABLE empty(s, o);
SELECT 'empty source',
  (SELECT group_concat(threshold || ':' || flagged || ':' || true_positives || ':' || false_negatives
     || ':' || coalesce(precision, '-') || ':' || coalesce(recall, '-') || ':' || coalesce(f1, '-')
     || ':' || coalesce(fpr, '-') || ':' || coalesce(flagged_share, '-') || ':' || expected_cost, ' ')
     FROM threshold_sweep('empty', 's', 'o', 0, 10, 10)),
  '0.0:0:0:0:-:-:-:-:-:0.0 10.0:0:0:0:-:-:-:-:-:0.0';
INSERT INTO empty VALUES (NULL, 1), (5, NULL);
SELECT 'only NULL rows: as empty', (SELECT count(*) FROM threshold_sweep('empty', 's', 'o', 0, 10, 10)
   WHERE flagged_share IS NULL AND flagged = 0), 2;
-- Only negatives: recall NULL; only positives: fpr NULL.
CREATE TABLE neg(s, o);
INSERT INTO neg VALUES (1, 0), (9, 0);
SELECT 'no positives', (SELECT coalesce(recall, '-') || ' ' || coalesce(f1, '-') || ' ' || fpr
   FROM threshold_sweep('neg', 's', 'o', 5, 5)), '- - 0.5';
UPDATE neg SET o = 1;
SELECT 'no negatives', (SELECT recall || ' ' || coalesce(fpr, '-') FROM threshold_sweep('neg', 's', 'o', 5, 5)),
  '0.5 -';

-- Read from a view, in a view; not innocuous under trusted_schema=OFF.
CREATE VIEW scored AS SELECT s * 2 AS score, o AS churned FROM sc;
CREATE VIEW sweep AS SELECT * FROM threshold_sweep('scored', 'score', 'churned', 0, 120, 20);
SELECT 'view over a view', (SELECT group_concat(flagged, ' ') FROM sweep), '0 0 1 2 3 4 5';
PRAGMA trusted_schema = OFF;
-- error: unsafe use of virtual table "threshold_sweep"
SELECT count(*) FROM sweep;
PRAGMA trusted_schema = ON;
CREATE VIEW loop AS SELECT threshold AS s, 0 AS o FROM threshold_sweep('loop', 's', 'o');
-- error: threshold_sweep: source 'loop': threshold_sweep: source 'loop' reads threshold_sweep itself
SELECT * FROM loop;

-- ---------------------------------------------------------------------
-- Errors.
-- error: threshold_sweep: missing source argument (a table or view name)
SELECT * FROM threshold_sweep;
-- error: threshold_sweep: missing score_column argument (a column name)
SELECT * FROM threshold_sweep('sc');
-- error: threshold_sweep: missing outcome_column argument (a column name)
SELECT * FROM threshold_sweep('sc', 's');
-- error: threshold_sweep: source must be a table or view name, got NULL
SELECT * FROM threshold_sweep(NULL, 's', 'o');
-- error: threshold_sweep: outcome_column must be a column name, got NULL
SELECT * FROM threshold_sweep('sc', 's', NULL);
-- error: threshold_sweep: source 'nope' does not exist
SELECT * FROM threshold_sweep('nope', 's', 'o');
-- error: threshold_sweep: source 'sc' has no column 'risk'
SELECT * FROM threshold_sweep('sc', 'risk', 'o');
-- error: threshold_sweep: step must be greater than 0, got 0
SELECT * FROM threshold_sweep('sc', 's', 'o', 0, 100, 0);
-- error: threshold_sweep: step must be greater than 0, got -5
SELECT * FROM threshold_sweep('sc', 's', 'o', 0, 100, -5);
-- error: threshold_sweep: hi must not be less than lo (10.0), got 5.0
SELECT * FROM threshold_sweep('sc', 's', 'o', 10, 5);
-- error: threshold_sweep: hi must not be less than lo (200.0), got 100.0
SELECT * FROM threshold_sweep('sc', 's', 'o', 200);
-- error: threshold_sweep: cost_fp must not be negative, got -1
SELECT * FROM threshold_sweep('sc', 's', 'o', 0, 100, 5, 'below', -1);
-- error: threshold_sweep: cost_fn must not be negative, got -0.5
SELECT * FROM threshold_sweep('sc', 's', 'o', 0, 100, 5, 'below', 1, -0.5);
-- error: threshold_sweep: at most 100000 thresholds, got 100001 (lo 0.0, hi 1.0, step 1.0e-05)
SELECT * FROM threshold_sweep('sc', 's', 'o', 0, 1, 0.00001);
-- error: threshold_sweep: at most 100000 thresholds, got 1.0e+18 (lo 0.0, hi 1.0e+18, step 1.0)
SELECT * FROM threshold_sweep('sc', 's', 'o', 0, 1e18, 1);
-- Found by fuzzing: a step below lo's precision looped without end.
-- error: threshold_sweep: step 1.0e-300 is below the precision of lo 1.0e+300 (the thresholds would not move)
SELECT * FROM threshold_sweep('sc', 's', 'o', 1e300, 1e300, 1e-300);
-- error: threshold_sweep: step 1.0 is below the precision of lo 1.0e+16 (the thresholds would not move)
SELECT * FROM threshold_sweep('sc', 's', 'o', 1e16, 1e16, 1);
-- Just above it: 1e16 + 2 is the next double, so two thresholds.
SELECT count(*) FROM threshold_sweep('sc', 's', 'o', 1e16, 1e16 + 2, 2);
-- 2
-- error: threshold_sweep: lo must be a number, got 'low'
SELECT * FROM threshold_sweep('sc', 's', 'o', 'low');
-- error: threshold_sweep: hi must be a finite number, got Inf
SELECT * FROM threshold_sweep('sc', 's', 'o', 0, 1e999);
-- error: threshold_sweep: direction must be 'below' or 'above', got 'up'
SELECT * FROM threshold_sweep('sc', 's', 'o', 0, 100, 5, 'up');
CREATE TABLE bad(s, o);
INSERT INTO bad VALUES (1, 0), (2, 2);
-- error: threshold_sweep: outcome_column o must hold 0 or 1, got 2
SELECT * FROM threshold_sweep('bad', 's', 'o');
UPDATE bad SET o = 0.5 WHERE s = 2;
-- error: threshold_sweep: outcome_column o must hold 0 or 1, got 0.5
SELECT * FROM threshold_sweep('bad', 's', 'o');
UPDATE bad SET o = 'yes' WHERE s = 2;
-- error: threshold_sweep: outcome_column o must hold 0 or 1, got 'yes'
SELECT * FROM threshold_sweep('bad', 's', 'o');
UPDATE bad SET o = '1', s = 'high' WHERE s = 2;
-- error: threshold_sweep: score_column s must hold numbers, got 'high'
SELECT * FROM threshold_sweep('bad', 's', 'o');
UPDATE bad SET s = x'01' WHERE o = '1';
-- error: threshold_sweep: score_column s must hold numbers, got a blob
SELECT * FROM threshold_sweep('bad', 's', 'o');
UPDATE bad SET s = '2' WHERE o = '1';
SELECT 'text numbers and text outcome accepted', (SELECT group_concat(true_positives, ' ')
   FROM threshold_sweep('bad', 's', 'o', 1, 3, 1)), '0 0 1';
