-- cohort_grid.sql -- the monthly cohort grid: one row per cohort (the month
-- of an account's first activity, or of its first billed month), columns
-- Month 0..12, cells the share of the cohort still active (or the revenue
-- kept). Cells that have not happened yet are blank; a '*' marks the month
-- that contains as_of, still in progress.
--
--   sqlite3 cs.db '.load ./build/csmetrics' '.read sql/reports/cohort_grid.sql'
--
-- Uses cohort_retention (docs/tables/cohort_retention.md) over usage_events and mrr_snapshots, up
-- to cs_settings.as_of (NULL: the latest date in the data).
.headers on
.mode box --wrap 60 --wordwrap on
.nullvalue ''

.print
.print ' LOGO RETENTION BY COHORT (active in month N, from usage_events)'
SELECT cohort AS "Cohort", max(cohort_size) AS "Size",
       max(CASE period WHEN 0 THEN printf('%.0f%%', 100 * retention) || CASE WHEN partial THEN '*' ELSE '' END END) AS "M0",
       max(CASE period WHEN 1 THEN printf('%.0f%%', 100 * retention) || CASE WHEN partial THEN '*' ELSE '' END END) AS "M1",
       max(CASE period WHEN 2 THEN printf('%.0f%%', 100 * retention) || CASE WHEN partial THEN '*' ELSE '' END END) AS "M2",
       max(CASE period WHEN 3 THEN printf('%.0f%%', 100 * retention) || CASE WHEN partial THEN '*' ELSE '' END END) AS "M3",
       max(CASE period WHEN 4 THEN printf('%.0f%%', 100 * retention) || CASE WHEN partial THEN '*' ELSE '' END END) AS "M4",
       max(CASE period WHEN 5 THEN printf('%.0f%%', 100 * retention) || CASE WHEN partial THEN '*' ELSE '' END END) AS "M5",
       max(CASE period WHEN 6 THEN printf('%.0f%%', 100 * retention) || CASE WHEN partial THEN '*' ELSE '' END END) AS "M6",
       max(CASE period WHEN 7 THEN printf('%.0f%%', 100 * retention) || CASE WHEN partial THEN '*' ELSE '' END END) AS "M7",
       max(CASE period WHEN 8 THEN printf('%.0f%%', 100 * retention) || CASE WHEN partial THEN '*' ELSE '' END END) AS "M8",
       max(CASE period WHEN 9 THEN printf('%.0f%%', 100 * retention) || CASE WHEN partial THEN '*' ELSE '' END END) AS "M9",
       max(CASE period WHEN 10 THEN printf('%.0f%%', 100 * retention) || CASE WHEN partial THEN '*' ELSE '' END END) AS "M10",
       max(CASE period WHEN 11 THEN printf('%.0f%%', 100 * retention) || CASE WHEN partial THEN '*' ELSE '' END END) AS "M11",
       max(CASE period WHEN 12 THEN printf('%.0f%%', 100 * retention) || CASE WHEN partial THEN '*' ELSE '' END END) AS "M12"
  FROM cohort_retention
 WHERE source = 'usage_events' AND granularity = 'month'
   AND as_of = (SELECT as_of FROM cs_as_of)
 GROUP BY cohort ORDER BY cohort;

.print
.print ' REVENUE RETENTION BY COHORT (MRR in month N / MRR in month 0, from mrr_snapshots)'
SELECT cohort AS "Cohort", max(cohort_size) AS "Size",
       max(CASE period WHEN 0 THEN printf('%.0f%%', 100 * revenue_retention) END) AS "M0",
       max(CASE period WHEN 1 THEN printf('%.0f%%', 100 * revenue_retention) END) AS "M1",
       max(CASE period WHEN 2 THEN printf('%.0f%%', 100 * revenue_retention) END) AS "M2",
       max(CASE period WHEN 3 THEN printf('%.0f%%', 100 * revenue_retention) END) AS "M3",
       max(CASE period WHEN 4 THEN printf('%.0f%%', 100 * revenue_retention) END) AS "M4",
       max(CASE period WHEN 5 THEN printf('%.0f%%', 100 * revenue_retention) END) AS "M5",
       max(CASE period WHEN 6 THEN printf('%.0f%%', 100 * revenue_retention) END) AS "M6",
       max(CASE period WHEN 7 THEN printf('%.0f%%', 100 * revenue_retention) END) AS "M7",
       max(CASE period WHEN 8 THEN printf('%.0f%%', 100 * revenue_retention) END) AS "M8",
       max(CASE period WHEN 9 THEN printf('%.0f%%', 100 * revenue_retention) END) AS "M9",
       max(CASE period WHEN 10 THEN printf('%.0f%%', 100 * revenue_retention) END) AS "M10",
       max(CASE period WHEN 11 THEN printf('%.0f%%', 100 * revenue_retention) END) AS "M11",
       max(CASE period WHEN 12 THEN printf('%.0f%%', 100 * revenue_retention) END) AS "M12"
  FROM cohort_retention
 WHERE source = 'mrr_snapshots' AND granularity = 'month' AND time_column = 'month'
   AND value_column = 'mrr' AND as_of = (SELECT as_of FROM cs_as_of)
 GROUP BY cohort ORDER BY cohort;
