-- cohort_grid.sql -- the monthly cohort grid: one row per signup cohort
-- (the month of accounts.signup_date), columns M0..M11, cells the share of
-- the cohort active in month N (from usage_events) or the MRR kept
-- (mrr_snapshots, each account's snapshot of the month: MRR is never summed
-- across snapshots). '*' marks the month that contains as_of, still in
-- progress; blank cells have not happened yet or lie before the data
-- starts; '–' is a figure that cannot be computed (no MRR in month 0).
-- A cohort marked '<' signed up before the first month of data: its early
-- months are blank, not 0%, because nobody could be seen then; cohorts
-- whose months M0..M11 all lie before the data are counted in one row,
-- 'earlier'.
--
--   sqlite3 -box cs.db '.load ./build/csmetrics' '.read sql/reports/cohort_grid.sql'
--
-- Uses cohort_retention (docs/tables/cohort_retention.md) over usage_events and mrr_snapshots joined to
-- accounts for the signup date (cohort_column), up to cs_settings.as_of.
-- Accounts without a signup date, or without any activity, are not in a
-- cohort. Sets no output mode (-box for a terminal, -csv or -json to export).
.headers on

DROP VIEW IF EXISTS temp.rpt_usage_signup;
CREATE TEMP VIEW rpt_usage_signup AS
SELECT e.account, e.date, a.signup_date
  FROM usage_events e JOIN accounts a ON a.account = e.account WHERE a.signup_date IS NOT NULL;
DROP VIEW IF EXISTS temp.rpt_mrr_signup;
CREATE TEMP VIEW rpt_mrr_signup AS
SELECT m.account, m.month, m.mrr, a.signup_date
  FROM mrr_snapshots m JOIN accounts a ON a.account = m.account WHERE a.signup_date IS NOT NULL;

.print
.print 'LOGO RETENTION BY SIGNUP COHORT (active in month N, from usage_events)'
.width 9 -5 -5 -5 -5 -5 -5 -5 -5 -5 -5 -5 -5 -5
WITH start AS (SELECT date(min(date), 'start of month') AS first_month FROM usage_events),
c AS (
  SELECT r.cohort, r.period, r.cohort_size,
         CASE WHEN date(r.cohort, printf('+%d months', r.period)) < s.first_month THEN ''
              ELSE printf('%.0f%%', 100 * r.retention) || CASE WHEN r.partial THEN '*' ELSE '' END END AS cell,
         r.cohort < s.first_month AS before_data
    FROM cohort_retention r, start s
   WHERE r.source = 'rpt_usage_signup' AND r.granularity = 'month' AND r.cohort_column = 'signup_date'
     AND r.as_of = (SELECT as_of FROM cs_as_of)),
g AS (
  SELECT cohort, max(cohort_size) AS size, max(before_data) AS before_data,
         date(cohort, '+11 months') < (SELECT first_month FROM start) AS unobserved,
       max(CASE period WHEN 0 THEN cell END) AS m0,
       max(CASE period WHEN 1 THEN cell END) AS m1,
       max(CASE period WHEN 2 THEN cell END) AS m2,
       max(CASE period WHEN 3 THEN cell END) AS m3,
       max(CASE period WHEN 4 THEN cell END) AS m4,
       max(CASE period WHEN 5 THEN cell END) AS m5,
       max(CASE period WHEN 6 THEN cell END) AS m6,
       max(CASE period WHEN 7 THEN cell END) AS m7,
       max(CASE period WHEN 8 THEN cell END) AS m8,
       max(CASE period WHEN 9 THEN cell END) AS m9,
       max(CASE period WHEN 10 THEN cell END) AS m10,
       max(CASE period WHEN 11 THEN cell END) AS m11
    FROM c GROUP BY cohort)
SELECT substr(cohort, 1, 7) || CASE WHEN before_data THEN ' <' ELSE '' END AS "Cohort", size AS "Size",
       m0 AS "M0", m1 AS "M1", m2 AS "M2", m3 AS "M3", m4 AS "M4", m5 AS "M5", m6 AS "M6", m7 AS "M7", m8 AS "M8", m9 AS "M9", m10 AS "M10", m11 AS "M11"
  FROM (SELECT * FROM g WHERE NOT unobserved ORDER BY cohort)
UNION ALL
SELECT 'earlier', sum(size), '', '', '', '', '', '', '', '', '', '', '', ''
  FROM g WHERE unobserved HAVING count(*) > 0;

.print
.print 'REVENUE RETENTION BY SIGNUP COHORT (MRR in month N / MRR in month 0, from mrr_snapshots)'
WITH start AS (SELECT date(min(month), 'start of month') AS first_month FROM mrr_snapshots),
c AS (
  SELECT r.cohort, r.period, r.cohort_size,
         CASE WHEN date(r.cohort, printf('+%d months', r.period)) < s.first_month THEN ''
              WHEN r.revenue_retention IS NULL THEN '–'
              ELSE printf('%.0f%%', 100 * r.revenue_retention) || CASE WHEN r.partial THEN '*' ELSE '' END
         END AS cell,
         r.cohort < s.first_month AS before_data
    FROM cohort_retention r, start s
   WHERE r.source = 'rpt_mrr_signup' AND r.granularity = 'month' AND r.time_column = 'month'
     AND r.value_column = 'mrr' AND r.value_agg = 'last' AND r.cohort_column = 'signup_date'
     AND r.as_of = (SELECT as_of FROM cs_as_of)),
g AS (
  SELECT cohort, max(cohort_size) AS size, max(before_data) AS before_data,
         date(cohort, '+11 months') < (SELECT first_month FROM start) AS unobserved,
       max(CASE period WHEN 0 THEN cell END) AS m0,
       max(CASE period WHEN 1 THEN cell END) AS m1,
       max(CASE period WHEN 2 THEN cell END) AS m2,
       max(CASE period WHEN 3 THEN cell END) AS m3,
       max(CASE period WHEN 4 THEN cell END) AS m4,
       max(CASE period WHEN 5 THEN cell END) AS m5,
       max(CASE period WHEN 6 THEN cell END) AS m6,
       max(CASE period WHEN 7 THEN cell END) AS m7,
       max(CASE period WHEN 8 THEN cell END) AS m8,
       max(CASE period WHEN 9 THEN cell END) AS m9,
       max(CASE period WHEN 10 THEN cell END) AS m10,
       max(CASE period WHEN 11 THEN cell END) AS m11
    FROM c GROUP BY cohort)
SELECT substr(cohort, 1, 7) || CASE WHEN before_data THEN ' <' ELSE '' END AS "Cohort", size AS "Size",
       m0 AS "M0", m1 AS "M1", m2 AS "M2", m3 AS "M3", m4 AS "M4", m5 AS "M5", m6 AS "M6", m7 AS "M7", m8 AS "M8", m9 AS "M9", m10 AS "M10", m11 AS "M11"
  FROM (SELECT * FROM g WHERE NOT unobserved ORDER BY cohort)
UNION ALL
SELECT 'earlier', sum(size), '', '', '', '', '', '', '', '', '', '', '', ''
  FROM g WHERE unobserved HAVING count(*) > 0;
.width
