-- threshold_sweep property test: on deterministic pseudo-random scores
-- (many ties, whole and fractional, negative, NULL scores and outcomes,
-- numbers stored as text), every row of the table equals a brute-force
-- count in plain SQL of the rows flagged at that threshold, for both
-- directions and several ranges, steps and costs (12 runs).

CREATE TABLE rnd(id INTEGER PRIMARY KEY, score, churned);
WITH RECURSIVE r(i, x, y) AS (
  SELECT 0, 777, 20240601
  UNION ALL
  SELECT i + 1, (1103515245 * x + 12345) % 2147483648, (69069 * y + 1) % 4294967296
    FROM r WHERE i < 3000)
INSERT INTO rnd(score, churned)
SELECT CASE WHEN x % 53 = 0 THEN NULL
            WHEN x % 7 = 0 THEN ((x / 256) % 12000) / 100.0 - 10   -- -10 .. 110, fractional
            WHEN x % 7 = 1 THEN CAST((x / 256) % 101 AS TEXT)         -- numeric text
            ELSE (x / 256) % 101 END,                                 -- whole, many ties
       CASE WHEN y % 61 = 0 THEN NULL
            -- churn more likely at low scores
            WHEN (y / 65536) % 100 < 60 - ((x / 256) % 101) / 2 THEN 1 ELSE 0 END
  FROM r;

SELECT 'data has every shape',
  (SELECT count(*) FILTER (WHERE score IS NULL) > 20 AND count(*) FILTER (WHERE churned IS NULL) > 20
      AND count(*) FILTER (WHERE typeof(score) = 'text') > 200
      AND count(*) FILTER (WHERE typeof(score) = 'real') > 200
      AND count(*) FILTER (WHERE churned = 1) > 500 AND count(*) FILTER (WHERE churned = 0) > 500
   FROM rnd);

CREATE TEMP TABLE runs(run INTEGER PRIMARY KEY, lo, hi, step, dir, cfp, cfn);
INSERT INTO runs(lo, hi, step, dir, cfp, cfn)
  SELECT p.column1, p.column2, p.column3, d.column1, p.column4, p.column5
    FROM (VALUES (0, 100, 5, 1, 1), (0, 100, 1, 2, 7), (-10, 110, 7.5, 1, 0),
                 (0, 1, 0.05, 3, 1), (50, 50, 1, 1, 1), (-20, 130.3, 0.7, 0.5, 2.5)) p,
         (VALUES ('below'), ('above')) d;

CREATE TEMP TABLE pts AS
  SELECT CAST(score AS REAL) AS s, churned AS o FROM rnd WHERE score IS NOT NULL AND churned IS NOT NULL;
CREATE INDEX pts_s ON pts(o, s);

CREATE TEMP TABLE expected AS
  WITH RECURSIVE ks(run, k) AS (
    SELECT run, 0 FROM runs
    UNION ALL
    SELECT ks.run, k + 1 FROM ks JOIN runs r ON r.run = ks.run
     WHERE r.lo + (k + 1) * r.step <= r.hi + 1e-9 * r.step),
  c AS (
    SELECT ks.run, ks.k, r.lo + ks.k * r.step AS t, r.cfp, r.cfn,
           CASE r.dir WHEN 'below' THEN (SELECT count(*) FROM pts WHERE o = 1 AND s < r.lo + ks.k * r.step)
                      ELSE (SELECT count(*) FROM pts WHERE o = 1 AND s >= r.lo + ks.k * r.step) END AS tp,
           CASE r.dir WHEN 'below' THEN (SELECT count(*) FROM pts WHERE o = 0 AND s < r.lo + ks.k * r.step)
                      ELSE (SELECT count(*) FROM pts WHERE o = 0 AND s >= r.lo + ks.k * r.step) END AS fp,
           (SELECT count(*) FROM pts WHERE o = 1) AS npos,
           (SELECT count(*) FROM pts WHERE o = 0) AS nneg
      FROM ks JOIN runs r ON r.run = ks.run)
  SELECT run, k, printf('%.10g|%d|%d|%d|%d|%d|%s|%s|%s|%s|%s|%.10g', t, tp + fp, tp, fp, npos - tp,
           nneg - fp,
           CASE WHEN tp + fp > 0 THEN printf('%.10f', 1.0 * tp / (tp + fp)) ELSE '-' END,
           CASE WHEN npos > 0 THEN printf('%.10f', 1.0 * tp / npos) ELSE '-' END,
           CASE WHEN tp > 0 THEN printf('%.10f', 2.0 * tp / (tp + fp + npos)) ELSE '-' END,
           CASE WHEN nneg > 0 THEN printf('%.10f', 1.0 * fp / nneg) ELSE '-' END,
           printf('%.10f', 1.0 * (tp + fp) / (npos + nneg)),
           cfp * fp + cfn * (npos - tp)) AS line
    FROM c;

CREATE TEMP TABLE actual AS
  SELECT r.run, t.rowid AS k, printf('%.10g|%d|%d|%d|%d|%d|%s|%s|%s|%s|%s|%.10g', t.threshold,
           t.flagged, t.true_positives, t.false_positives, t.false_negatives, t.true_negatives,
           CASE WHEN t.precision IS NULL THEN '-' ELSE printf('%.10f', t.precision) END, CASE WHEN t.recall IS NULL THEN '-' ELSE printf('%.10f', t.recall) END,
           CASE WHEN t.f1 IS NULL THEN '-' ELSE printf('%.10f', t.f1) END, CASE WHEN t.fpr IS NULL THEN '-' ELSE printf('%.10f', t.fpr) END,
           CASE WHEN t.flagged_share IS NULL THEN '-' ELSE printf('%.10f', t.flagged_share) END, t.expected_cost) AS line
    FROM runs r, threshold_sweep('rnd', 'score', 'churned', r.lo, r.hi, r.step, r.dir, r.cfp, r.cfn) t;

SELECT 'thresholds in all runs', (SELECT count(*) FROM actual), (SELECT count(*) FROM expected);
SELECT 'run ' || r.run || ' (' || r.lo || '..' || r.hi || ' by ' || r.step || ', ' || r.dir || ')',
  (SELECT group_concat(line, ' ') FROM (SELECT line FROM actual a WHERE a.run = r.run ORDER BY k)),
  (SELECT group_concat(line, ' ') FROM (SELECT line FROM expected x WHERE x.run = r.run ORDER BY k))
  FROM runs r;
