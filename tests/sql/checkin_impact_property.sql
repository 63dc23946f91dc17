-- checkin_impact against a pure-SQL formulation of docs/tables/checkin_impact.md on random
-- (deterministic) data: every granularity and every outcome, both
-- segmentations, several windows. Dates come in six forms (ISO date,
-- date-time, 'T...Z', Julian day, Unix seconds, a +05:00 offset that can
-- move the UTC day back), read in SQL with date(x, 'auto').

-- A linear congruential generator gives the random numbers.
CREATE TABLE rnd(i INTEGER PRIMARY KEY, r INTEGER);
WITH RECURSIVE g(i, x) AS (
  SELECT 0, 20241122 UNION ALL
  SELECT i + 1, (x * 1103515245 + 12345) % 2147483648 FROM g WHERE i < 3000)
INSERT INTO rnd SELECT i, x FROM g;

-- A date in form f (0-5) for day offset d from 2023-01-01 and hour h.
CREATE TABLE forms(f INTEGER PRIMARY KEY);
INSERT INTO forms VALUES (0), (1), (2), (3), (4), (5);
CREATE VIEW rnd_dates AS
SELECT i, r,
  CASE (r >> 12) % 6
    WHEN 0 THEN date('2023-01-01', '+' || ((r >> 8) % 730) || ' days')
    WHEN 1 THEN strftime('%Y-%m-%d %H:%M', '2023-01-01', '+' || ((r >> 8) % 730) || ' days', '+' || ((r >> 16) % 24) || ' hours')
    WHEN 2 THEN strftime('%Y-%m-%dT%H:%M:%SZ', '2023-01-01', '+' || ((r >> 8) % 730) || ' days', '+' || ((r >> 16) % 24) || ' hours')
    WHEN 3 THEN julianday('2023-01-01', '+' || ((r >> 8) % 730) || ' days', '+' || ((r >> 16) % 24) || ' hours')
    WHEN 4 THEN CAST(strftime('%s', '2023-01-01', '+' || ((r >> 8) % 730) || ' days', '+' || ((r >> 16) % 24) || ' hours') AS INTEGER)
    ELSE strftime('%Y-%m-%dT%H:%M:%S', '2023-01-01', '+' || ((r >> 8) % 730) || ' days', '+' || ((r >> 16) % 24) || ' hours') || '+05:00'
  END AS d
FROM rnd;

-- 600 check-ins of 40 accounts, 5 types (one of them NULL).
CREATE TABLE check_in_logs(id INTEGER PRIMARY KEY, date, type, account);
INSERT INTO check_in_logs(date, type, account)
SELECT d, CASE (r >> 4) % 5 WHEN 0 THEN 'call' WHEN 1 THEN 'email' WHEN 2 THEN 'qbr'
                            WHEN 3 THEN 'onsite' END, 'a' || (r % 40)
  FROM rnd_dates WHERE i BETWEEN 1 AND 600;
-- 1500 behavior rows of 50 accounts (a40..a49 never check in); measures
-- 0, 1, 2 or NULL; a few NULL dates and accounts.
CREATE TABLE post_check_in_behavior(id INTEGER PRIMARY KEY, account, behavior_date,
                                    usage_spikes, upsells, renewals);
INSERT INTO post_check_in_behavior(account, behavior_date, usage_spikes, upsells, renewals)
SELECT CASE WHEN i % 97 = 0 THEN NULL ELSE 'a' || (r % 50) END,
       CASE WHEN i % 89 = 0 THEN NULL ELSE d END,
       CASE (r >> 3) % 7 WHEN 0 THEN 1 WHEN 1 THEN 2 WHEN 2 THEN NULL ELSE 0 END,
       CASE (r >> 6) % 9 WHEN 0 THEN 1 WHEN 1 THEN NULL ELSE 0 END,
       CASE (r >> 9) % 11 WHEN 0 THEN 3 WHEN 1 THEN NULL ELSE 0 END
  FROM rnd_dates WHERE i BETWEEN 601 AND 2100;
-- 20 control rows (duplicates, a NULL, contaminated and clean accounts).
CREATE TABLE control_group(id INTEGER PRIMARY KEY, account);
INSERT INTO control_group(account)
SELECT CASE WHEN i = 2110 THEN NULL ELSE 'a' || (r % 50) END FROM rnd WHERE i BETWEEN 2101 AND 2120;
-- 400 attribution rows, some NULL scores.
CREATE TABLE attribution_model(id INTEGER PRIMARY KEY, account, impact_score, calculation_date);
INSERT INTO attribution_model(account, impact_score, calculation_date)
SELECT 'a' || (r % 50), CASE WHEN i % 13 = 0 THEN NULL ELSE ((r >> 4) % 100) / 100.0 END, d
  FROM rnd_dates WHERE i BETWEEN 2201 AND 2600;

-- 45 accounts rows (a45..a49 have none): 4 CSMs, one NULL; 3 segments.
CREATE TABLE accounts(id INTEGER PRIMARY KEY, account UNIQUE, csm, segment);
INSERT INTO accounts(account, csm, segment)
SELECT 'a' || (i - 2700), CASE (r >> 5) % 5 WHEN 0 THEN NULL WHEN 1 THEN 'ann' WHEN 2 THEN 'bob'
                                            WHEN 3 THEN 'cy' ELSE 'dee' END,
       CASE (r >> 7) % 3 WHEN 0 THEN 'smb' WHEN 1 THEN 'ent' ELSE 'mid' END
  FROM rnd WHERE i BETWEEN 2700 AND 2744;

-- The data exercises what it should: contamination and clean control
-- accounts, NULL types, each date form.
SELECT 'data: contaminated control', count(*) > 0 FROM control_group
 WHERE account IN (SELECT account FROM check_in_logs);
SELECT 'data: clean control', count(*) > 0 FROM control_group
 WHERE account NOT IN (SELECT account FROM check_in_logs);
SELECT 'data: NULL types', count(*) > 0 FROM check_in_logs WHERE type IS NULL;
SELECT 'data: date forms', count(DISTINCT (r >> 12) % 6), 6 FROM rnd_dates WHERE i <= 600;
SELECT 'data: offset moves the day', count(*) > 0 FROM check_in_logs
 WHERE date LIKE '%+05:00' AND date(date) <> substr(date, 1, 10);

-- ---------------------------------------------------------------------
-- The pure-SQL formulation, driven by one row of parameters.
CREATE TABLE params(w INTEGER, gran TEXT, seg TEXT, outcome TEXT);
INSERT INTO params VALUES (30, 'all', 'none', 'any');

-- The period start of a date for the current granularity ('all': NULL).
CREATE VIEW p_ci AS
SELECT c.account, date(c.date, 'auto') AS d,
       CASE p.seg WHEN 'type' THEN c.type
                  WHEN 'csm' THEN (SELECT csm FROM accounts a WHERE a.account = c.account)
                  WHEN 'segment' THEN (SELECT segment FROM accounts a WHERE a.account = c.account)
       END AS seg,
       CASE p.gran
         WHEN 'week' THEN date(c.date, 'auto', '-6 days', 'weekday 1')
         WHEN 'month' THEN date(c.date, 'auto', 'start of month')
         WHEN 'quarter' THEN date(c.date, 'auto', 'start of month',
                                  '-' || ((CAST(strftime('%m', c.date, 'auto') AS INTEGER) - 1) % 3) || ' months')
         WHEN 'year' THEN date(c.date, 'auto', 'start of year') END AS period
  FROM check_in_logs c, params p
 WHERE c.account IS NOT NULL AND c.date IS NOT NULL;

CREATE VIEW p_pos AS
SELECT b.account, date(b.behavior_date, 'auto') AS b
  FROM post_check_in_behavior b, params p
 WHERE b.account IS NOT NULL AND b.behavior_date IS NOT NULL
   AND CASE p.outcome
         WHEN 'any' THEN coalesce(b.usage_spikes, 0) > 0 OR coalesce(b.upsells, 0) > 0
                         OR coalesce(b.renewals, 0) > 0
         WHEN 'usage_spikes' THEN coalesce(b.usage_spikes, 0) > 0
         WHEN 'upsells' THEN coalesce(b.upsells, 0) > 0
         ELSE coalesce(b.renewals, 0) > 0 END;

CREATE VIEW p_attr AS
SELECT a.account, a.impact_score,
       CASE p.gran
         WHEN 'week' THEN date(a.calculation_date, 'auto', '-6 days', 'weekday 1')
         WHEN 'month' THEN date(a.calculation_date, 'auto', 'start of month')
         WHEN 'quarter' THEN date(a.calculation_date, 'auto', 'start of month',
                                  '-' || ((CAST(strftime('%m', a.calculation_date, 'auto') AS INTEGER) - 1) % 3) || ' months')
         WHEN 'year' THEN date(a.calculation_date, 'auto', 'start of year') END AS period
  FROM attribution_model a, params p
 WHERE a.account IS NOT NULL AND a.impact_score IS NOT NULL AND a.calculation_date IS NOT NULL;

CREATE VIEW p_ref AS
WITH ci_pos AS (
  SELECT ci.period, ci.seg, ci.account,
         EXISTS (SELECT 1 FROM p_pos, params
                  WHERE p_pos.account = ci.account AND p_pos.b >= ci.d
                    AND p_pos.b <= date(ci.d, '+' || params.w || ' days')) AS positive
    FROM p_ci ci),
grp AS (
  SELECT period, seg, count(DISTINCT account) AS n1,
         count(DISTINCT CASE WHEN positive THEN account END) AS k1
    FROM ci_pos GROUP BY period, seg),
per AS (SELECT DISTINCT period FROM p_ci),
ctl AS (SELECT DISTINCT account,
                CASE (SELECT seg FROM params) WHEN 'csm' THEN (SELECT csm FROM accounts a WHERE a.account = control_group.account)
                     WHEN 'segment' THEN (SELECT segment FROM accounts a WHERE a.account = control_group.account)
                END AS cseg
           FROM control_group WHERE account IS NOT NULL),
cp AS (
  SELECT per.period, ctl.account, ctl.cseg,
         EXISTS (SELECT 1 FROM p_ci WHERE p_ci.account = ctl.account
                                      AND p_ci.period IS per.period) AS contaminated,
         EXISTS (SELECT 1 FROM p_pos, params
                  WHERE p_pos.account = ctl.account
                    AND (per.period IS NULL
                         OR (p_pos.b >= per.period
                             AND p_pos.b <= date(per.period,
                                                 CASE params.gran WHEN 'week' THEN '+7 days'
                                                      WHEN 'month' THEN '+1 month'
                                                      WHEN 'quarter' THEN '+3 months'
                                                      ELSE '+1 year' END,
                                                 '-1 day', '+' || params.w || ' days')))) AS positive
    FROM per, ctl),
cs AS (
  SELECT period, cseg, sum(NOT contaminated) AS n2, sum(positive AND NOT contaminated) AS k2,
         sum(contaminated) AS contam
    FROM cp GROUP BY period, cseg),
byacct AS (SELECT seg IN ('csm', 'segment') AS b FROM params),
ga AS (SELECT DISTINCT period, seg, account FROM p_ci),
att AS (
  SELECT ga.period, ga.seg, avg(p_attr.impact_score) AS attr
    FROM ga JOIN p_attr ON p_attr.account = ga.account AND p_attr.period IS ga.period
   GROUP BY ga.period, ga.seg)
-- By account, a segment without control accounts has 0 of them.
SELECT grp.period, grp.seg, n1, k1, 1.0 * k1 / n1 AS impact,
       coalesce(cs.n2, 0) AS n2, coalesce(cs.k2, 0) AS k2, coalesce(cs.contam, 0) AS contam,
       CASE WHEN cs.n2 > 0 THEN 1.0 * cs.k2 / cs.n2 END AS control_rate,
       CASE WHEN cs.n2 > 0 THEN 1.0 * k1 / n1 - 1.0 * cs.k2 / cs.n2 END AS uplift,
       att.attr
  FROM grp LEFT JOIN cs ON cs.period IS grp.period
                       AND (NOT (SELECT b FROM byacct) OR cs.cseg IS grp.seg)
           LEFT JOIN att ON att.period IS grp.period AND att.seg IS grp.seg;

CREATE VIEW p_got AS
SELECT v.* FROM params p, checkin_impact(p.w, p.gran, p.seg, p.outcome) v;

-- Rows of the reference that checkin_impact gets wrong (or misses).
CREATE VIEW p_mismatch AS
SELECT r.* FROM p_ref r LEFT JOIN p_got v ON v.period IS r.period AND v.segment IS r.seg
 WHERE v.checkin_accounts IS NOT r.n1 OR v.positive_accounts IS NOT r.k1
    OR NOT abs(v.impact_score - r.impact) < 1e-12
    OR v.control_accounts IS NOT r.n2 OR v.control_positive IS NOT r.k2
    OR v.control_contaminated IS NOT r.contam
    OR NOT (v.control_rate IS r.control_rate OR abs(v.control_rate - r.control_rate) < 1e-12)
    OR NOT (v.uplift IS r.uplift OR abs(v.uplift - r.uplift) < 1e-12)
    OR NOT (v.attribution_score IS r.attr OR abs(v.attribution_score - r.attr) < 1e-12);

-- Each check: same number of rows, none wrong, and the case is not empty.
CREATE VIEW p_check AS
SELECT (SELECT w || ' ' || gran || ' ' || seg || ' ' || outcome FROM params) AS label,
       (SELECT count(*) FROM p_got) AS n_got, (SELECT count(*) FROM p_ref) AS n_ref,
       (SELECT count(*) FROM p_mismatch) AS n_bad,
       (SELECT sum(k1) FROM p_ref) AS k1, (SELECT sum(k2) FROM p_ref) AS k2;

SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;

UPDATE params SET w = 30, gran = 'all', seg = 'type', outcome = 'usage_spikes';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;

UPDATE params SET w = 14, gran = 'all', seg = 'none', outcome = 'upsells';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;

UPDATE params SET w = 60, gran = 'all', seg = 'type', outcome = 'renewals';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;

UPDATE params SET w = 30, gran = 'month', seg = 'none', outcome = 'any';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;

UPDATE params SET w = 7, gran = 'month', seg = 'type', outcome = 'usage_spikes';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;

UPDATE params SET w = 45, gran = 'month', seg = 'none', outcome = 'upsells';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;

UPDATE params SET w = 30, gran = 'month', seg = 'type', outcome = 'renewals';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;

UPDATE params SET w = 30, gran = 'quarter', seg = 'type', outcome = 'any';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;

UPDATE params SET w = 0, gran = 'quarter', seg = 'none', outcome = 'usage_spikes';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;

UPDATE params SET w = 90, gran = 'quarter', seg = 'type', outcome = 'upsells';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;

UPDATE params SET w = 30, gran = 'quarter', seg = 'none', outcome = 'renewals';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;

UPDATE params SET w = 30, gran = 'year', seg = 'none', outcome = 'any';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;

UPDATE params SET w = 365, gran = 'year', seg = 'type', outcome = 'usage_spikes';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;

UPDATE params SET w = 30, gran = 'year', seg = 'type', outcome = 'upsells';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;

UPDATE params SET w = 1, gran = 'year', seg = 'none', outcome = 'renewals';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;

-- Weekly (ISO), and segments by CSM or account segment through the
-- accounts table, with the control group split the same way.
UPDATE params SET w = 30, gran = 'week', seg = 'none', outcome = 'any';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;
UPDATE params SET w = 14, gran = 'week', seg = 'type', outcome = 'upsells';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;
UPDATE params SET w = 30, gran = 'all', seg = 'csm', outcome = 'any';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;
UPDATE params SET w = 30, gran = 'month', seg = 'csm', outcome = 'usage_spikes';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;
UPDATE params SET w = 45, gran = 'quarter', seg = 'segment', outcome = 'any';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;
UPDATE params SET w = 30, gran = 'week', seg = 'segment', outcome = 'any';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;
UPDATE params SET w = 90, gran = 'year', seg = 'csm', outcome = 'upsells';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;
UPDATE params SET w = 30, gran = 'all', seg = 'segment', outcome = 'renewals';
SELECT 'rows ' || label, n_got, n_ref FROM p_check;
SELECT 'match ' || label, n_bad, 0 FROM p_check;
SELECT 'not empty ' || label, k1 > 0 AND k2 > 0 FROM p_check;
SELECT 'a segment without control accounts occurs', count(*) > 0
  FROM params, checkin_impact(30, 'month', 'csm') WHERE control_accounts = 0;
SELECT 'rows ordered by period then segment (NULL first)',
  (SELECT count(*) FROM (SELECT row_number() OVER (ORDER BY period, segment) AS rn,
                                row_number() OVER () AS ro
                           FROM (SELECT * FROM checkin_impact(30, 'quarter', 'csm')))
    WHERE rn <> ro), 0;
