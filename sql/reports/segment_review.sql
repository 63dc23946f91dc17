-- segment_review.sql -- every portfolio KPI drilled down by segment, CSM,
-- plan, industry and health tier (view portfolio_kpis_by), after the
-- portfolio's own row: accounts, ARR (accounts.arr), health, at-risk ARR
-- (health below cs_settings.at_risk_below), expected loss (Exp. loss: ARR x
-- churn probability), 12-month NRR, GRR and logo retention, NPS over 90 days.
--
--   sqlite3 -box cs.db '.load ./build/csmetrics' '.read sql/reports/segment_review.sql'
--
-- Sets no output mode (-box for a terminal, -csv or -json to export); a
-- NULL figure prints as '–' (the retention figures are not split by tier:
-- a cancelled account has no tier). Computes account_health once.
.headers on

DROP TABLE IF EXISTS temp.rpt_cube;
CREATE TEMP TABLE rpt_cube AS SELECT * FROM kpi_cube;

.print
.print 'SEGMENT REVIEW'
.width 8 13 -5 -11 -6 -11 -10 -6 -6 -6 -4
SELECT dimension AS "By", coalesce(value, '(none)') AS "Value", accounts AS "Accts",
       printf('$%,d', round(arr)) AS "ARR",
       CASE WHEN avg_health IS NULL THEN '–' ELSE printf('%.1f', avg_health) END AS "Health",
       printf('$%,d', round(at_risk_arr)) AS "At-risk ARR",
       CASE WHEN expected_arr_at_risk IS NULL THEN '–'
            ELSE printf('$%,d', round(expected_arr_at_risk)) END AS "Exp. loss",
       CASE WHEN nrr_12m IS NULL THEN '–' ELSE printf('%.1f%%', 100 * nrr_12m) END AS "NRR",
       CASE WHEN grr_12m IS NULL THEN '–' ELSE printf('%.1f%%', 100 * grr_12m) END AS "GRR",
       CASE WHEN logo_retention_12m IS NULL THEN '–' ELSE printf('%.1f%%', 100 * logo_retention_12m) END
         AS "Logos",
       CASE WHEN nps_90d IS NULL THEN '–' ELSE printf('%+.0f', nps_90d) END AS "NPS"
  FROM rpt_cube;
.width
