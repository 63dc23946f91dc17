-- checkin_impact statistics (docs/tables/checkin_impact.md; R6-R8 in ext/checkin_impact.c):
-- the Wilson interval, Newcombe's hybrid score interval of the uplift, the
-- relative lift and the pooled two-proportion z-test, for several k/n
-- pairs including k = 0 and k = n. Expected values are computed here, in
-- SQL, from the formulas (this SQLite has sqrt/exp/pi: checked first); the
-- p-value's normal tail is integrated numerically (Simpson's rule) rather
-- than taken from erfc, and Newcombe's published examples (Stat Med 1998;
-- 17:873-890, Table II, method 10) are checked to their 4 printed decimals.
SELECT 'math functions', sqrt(4) = 2 AND exp(0) = 1 AND abs(pi() - 3.14159265358979) < 1e-12;

-- Case c: k1 of n1 check-in accounts positive, k2 of n2 control accounts.
CREATE TABLE cases(c INTEGER PRIMARY KEY, k1, n1, k2, n2);
INSERT INTO cases VALUES
  (1, 56, 70, 48, 80),   -- Newcombe (a)
  (2, 9, 10, 3, 10),     -- Newcombe (b)
  (3, 6, 7, 2, 7),       -- Newcombe (c), checked against the formula only
  (4, 5, 56, 0, 29),     -- Newcombe (d): k2 = 0, relative lift NULL
  (5, 0, 10, 0, 20),     -- Newcombe (e): k = 0 twice, p-value NULL
  (6, 10, 10, 0, 20),    -- Newcombe (g): k1 = n1
  (7, 10, 10, 5, 5),     -- k = n twice: pooled rate 1, p-value NULL
  (8, 90, 120, 30, 100), -- the seed's 0.75 against a 0.30 control
  (9, 1, 1, 0, 1),       -- the smallest groups
  (10, 45, 60, 45, 60);  -- no difference: z = 0, p = 1

-- Accounts c<c>t<i> check in on 2024-01-10, the first k1 with an upsell five
-- days later; control accounts c<c>k<i>, the first k2 with a usage spike.
CREATE TABLE s_ci(c, account, date, type);
CREATE TABLE s_beh(c, account, behavior_date, usage_spikes, upsells, renewals);
CREATE TABLE s_ctl(c, account);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
INSERT INTO s_ci SELECT c, 'c' || c || 't' || i, '2024-01-10', 'call' FROM cases, n WHERE i <= n1;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
INSERT INTO s_beh SELECT c, 'c' || c || 't' || i, '2024-01-15', 0, 1, 0 FROM cases, n WHERE i <= k1;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
INSERT INTO s_ctl SELECT c, 'c' || c || 'k' || i FROM cases, n WHERE i <= n2;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
INSERT INTO s_beh SELECT c, 'c' || c || 'k' || i, '2024-01-20', 1, 0, 0 FROM cases, n WHERE i <= k2;
CREATE VIEW ci_1 AS SELECT * FROM s_ci WHERE c = 1;
CREATE VIEW ci_2 AS SELECT * FROM s_ci WHERE c = 2;
CREATE VIEW ci_3 AS SELECT * FROM s_ci WHERE c = 3;
CREATE VIEW ci_4 AS SELECT * FROM s_ci WHERE c = 4;
CREATE VIEW ci_5 AS SELECT * FROM s_ci WHERE c = 5;
CREATE VIEW ci_6 AS SELECT * FROM s_ci WHERE c = 6;
CREATE VIEW ci_7 AS SELECT * FROM s_ci WHERE c = 7;
CREATE VIEW ci_8 AS SELECT * FROM s_ci WHERE c = 8;
CREATE VIEW ci_9 AS SELECT * FROM s_ci WHERE c = 9;
CREATE VIEW ci_10 AS SELECT * FROM s_ci WHERE c = 10;
CREATE VIEW ctl_1 AS SELECT * FROM s_ctl WHERE c = 1;
CREATE VIEW ctl_2 AS SELECT * FROM s_ctl WHERE c = 2;
CREATE VIEW ctl_3 AS SELECT * FROM s_ctl WHERE c = 3;
CREATE VIEW ctl_4 AS SELECT * FROM s_ctl WHERE c = 4;
CREATE VIEW ctl_5 AS SELECT * FROM s_ctl WHERE c = 5;
CREATE VIEW ctl_6 AS SELECT * FROM s_ctl WHERE c = 6;
CREATE VIEW ctl_7 AS SELECT * FROM s_ctl WHERE c = 7;
CREATE VIEW ctl_8 AS SELECT * FROM s_ctl WHERE c = 8;
CREATE VIEW ctl_9 AS SELECT * FROM s_ctl WHERE c = 9;
CREATE VIEW ctl_10 AS SELECT * FROM s_ctl WHERE c = 10;

-- One checkin_impact per case; the table names are computed per row.
CREATE TABLE got AS
  SELECT cs.c, v.* FROM cases cs,
         checkin_impact(30, 'all', 'none', 'any', 'ci_' || cs.c, 's_beh', 'ctl_' || cs.c) v;
SELECT 'one row per case', count(*), 10 FROM got;
SELECT 'counts ' || c, g.positive_accounts || '/' || g.checkin_accounts || ' '
       || g.control_positive || '/' || g.control_accounts, k1 || '/' || n1 || ' ' || k2 || '/' || n2
  FROM got g JOIN cases USING (c);

-- The formulas. Wilson: (p + z^2/2n -/+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n).
-- Newcombe: d - sqrt((p1-l1)^2 + (u2-p2)^2), d + sqrt((u1-p1)^2 + (p2-l2)^2).
-- z-test: d / sqrt(P(1-P)(1/n1 + 1/n2)), P = (k1+k2)/(n1+n2).
CREATE VIEW expected AS
WITH b AS (
  SELECT c, k1, n1, k2, n2, 1.959963984540054 AS z,
         1.0 * k1 / n1 AS p1, 1.0 * k2 / n2 AS p2, 1.0 * (k1 + k2) / (n1 + n2) AS pool
    FROM cases),
w AS (
  SELECT *,
    (p1 + z * z / (2.0 * n1) - z * sqrt(p1 * (1 - p1) / n1 + z * z / (4.0 * n1 * n1))) / (1 + z * z / n1) AS l1,
    (p1 + z * z / (2.0 * n1) + z * sqrt(p1 * (1 - p1) / n1 + z * z / (4.0 * n1 * n1))) / (1 + z * z / n1) AS u1,
    (p2 + z * z / (2.0 * n2) - z * sqrt(p2 * (1 - p2) / n2 + z * z / (4.0 * n2 * n2))) / (1 + z * z / n2) AS l2,
    (p2 + z * z / (2.0 * n2) + z * sqrt(p2 * (1 - p2) / n2 + z * z / (4.0 * n2 * n2))) / (1 + z * z / n2) AS u2
  FROM b)
SELECT c, p1, l1, u1, p2, l2, u2, p1 - p2 AS d,
       p1 - p2 - sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2)) AS dlow,
       p1 - p2 + sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2)) AS dhigh,
       CASE WHEN p2 > 0 THEN (p1 - p2) / p2 END AS rel,
       CASE WHEN pool > 0 AND pool < 1
            THEN abs(p1 - p2) / sqrt(pool * (1 - pool) * (1.0 / n1 + 1.0 / n2)) END AS zstat
  FROM w;

SELECT 'impact_score ' || c, g.impact_score, e.p1 FROM got g JOIN expected e USING (c);
SELECT 'ci_low ' || c, g.ci_low, e.l1 FROM got g JOIN expected e USING (c);
SELECT 'ci_high ' || c, g.ci_high, e.u1 FROM got g JOIN expected e USING (c);
SELECT 'control_rate ' || c, g.control_rate, e.p2 FROM got g JOIN expected e USING (c);
SELECT 'uplift ' || c, g.uplift, e.d FROM got g JOIN expected e USING (c);
SELECT 'uplift_ci_low ' || c, g.uplift_ci_low, e.dlow FROM got g JOIN expected e USING (c);
SELECT 'uplift_ci_high ' || c, g.uplift_ci_high, e.dhigh FROM got g JOIN expected e USING (c);
SELECT 'relative_lift ' || c, g.relative_lift, e.rel FROM got g JOIN expected e USING (c);
-- k = 0 and k = n: the interval ends exactly at 0 and 1
SELECT 'wilson k=0', ci_low, 0.0 FROM got WHERE c = 5;
SELECT 'wilson k=n', ci_high, 1.0 FROM got WHERE c IN (6, 7, 9);
-- 0/20 -> upper bound 0.1611 (Newcombe's example (e))
SELECT 'wilson 0/20', round(control_rate + 0, 4) || ' ' || round(uplift_ci_low, 4), '0.0 -0.1611' FROM got WHERE c = 5;

-- Newcombe's published intervals (method 10), 4 decimals.
SELECT 'newcombe (a)', round(uplift_ci_low, 4) || ' ' || round(uplift_ci_high, 4), '0.0524 0.3339' FROM got WHERE c = 1;
SELECT 'newcombe (b)', round(uplift_ci_low, 4) || ' ' || round(uplift_ci_high, 4), '0.1705 0.809' FROM got WHERE c = 2;
SELECT 'newcombe (d)', round(uplift_ci_low, 4) || ' ' || round(uplift_ci_high, 4), '-0.0381 0.1926' FROM got WHERE c = 4;
SELECT 'newcombe (e)', round(uplift_ci_low, 4) || ' ' || round(uplift_ci_high, 4), '-0.1611 0.2775' FROM got WHERE c = 5;
SELECT 'newcombe (g)', round(uplift_ci_low, 4) || ' ' || round(uplift_ci_high, 4), '0.6791 1.0' FROM got WHERE c = 6;

-- p-value = 2 * integral of the standard normal density from |z| to
-- |z| + 10 (the rest is below 1e-22), Simpson's rule with h = 0.005.
CREATE VIEW expected_p AS
WITH RECURSIVE steps(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM steps WHERE i < 2000),
pts AS (
  SELECT c, zstat + i * 0.005 AS t,
         CASE WHEN i = 0 OR i = 2000 THEN 1 WHEN i % 2 = 1 THEN 4 ELSE 2 END AS wt
    FROM expected, steps WHERE zstat IS NOT NULL)
SELECT c, 2 * sum(wt * exp(-t * t / 2)) / sqrt(2 * pi()) * 0.005 / 3 AS p FROM pts GROUP BY c;
SELECT 'p-value cases', (SELECT group_concat(c, ' ') FROM expected_p), '1 2 3 4 6 8 9 10';
SELECT 'p_value ' || c, g.p_value, e.p FROM got g JOIN expected_p e USING (c);
SELECT 'p_value NULL ' || c, p_value IS NULL FROM got WHERE c IN (5, 7);
SELECT 'p_value no difference', p_value, 1.0 FROM got WHERE c = 10;
SELECT 'relative_lift NULL when control rate is 0', relative_lift IS NULL FROM got WHERE c IN (4, 5, 6, 9);
