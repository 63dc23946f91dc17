-- renewals.sql -- the renewal pipeline: contracts ending within
-- cs_settings.renewal_horizon_days (default 180) of as_of, by quarter and
-- account, with the ARR expected to renew: risk-adjusted ARR = ARR x (1 -
-- churn probability), the probability being the observed churn rate of the
-- account's health band (view health_calibration).
--
--   sqlite3 -box cs.db '.load ./build/csmetrics' '.read sql/reports/renewals.sql'
--
-- Sets no output mode (-box for a terminal, -csv or -json to export); a
-- NULL figure prints as '–' (no probability: no scored history in that
-- band, or no health score). Reads renewal_pipeline once.
.headers on

DROP TABLE IF EXISTS temp.rpt_pipeline;
CREATE TEMP TABLE rpt_pipeline AS SELECT * FROM renewal_pipeline;

.print
.print 'RENEWAL PIPELINE'
.width 10 -9 -8 -12 -13 -13 -12
SELECT (SELECT as_of FROM cs_as_of) AS "As of",
       printf('%d days', s.renewal_horizon_days) AS "Horizon",
       count(p.account) AS "Renewals",
       printf('$%,d', round(total(p.arr))) AS "ARR",
       CASE WHEN count(p.risk_adjusted_arr) = 0 THEN '–'
            ELSE printf('$%,d', round(total(p.risk_adjusted_arr))) END AS "Risk-adjusted",
       CASE WHEN count(p.risk_adjusted_arr) = 0 THEN '–'
            ELSE printf('$%,d', round(total(p.arr * p.churn_probability))) END AS "Expected loss",
       count(p.account) - count(p.churn_probability) AS "No estimate"
  FROM cs_settings s LEFT JOIN rpt_pipeline p ON 1
 WHERE s.id = 1;
.print '(Risk-adjusted and expected loss: over the renewals with a churn probability)'

.print
.print 'By quarter of contract end'
.width 10 -8 -12 -13 -13 -9
SELECT date(contract_end, 'start of month',
            printf('-%d months', (CAST(strftime('%m', contract_end) AS INTEGER) - 1) % 3)) AS "Quarter",
       count(*) AS "Renewals", printf('$%,d', round(total(arr))) AS "ARR",
       CASE WHEN count(risk_adjusted_arr) = 0 THEN '–'
            ELSE printf('$%,d', round(total(risk_adjusted_arr))) END AS "Risk-adjusted",
       CASE WHEN count(risk_adjusted_arr) = 0 THEN '–'
            ELSE printf('$%,d', round(total(arr * churn_probability))) END AS "Expected loss",
       count(*) FILTER (WHERE tier IN ('At-Risk', 'Critical')) AS "At-Risk+"
  FROM rpt_pipeline GROUP BY 1 ORDER BY 1;

.print
.print 'Renewals, soonest first'
.width 18 10 12 10 -4 -9 -6 -6 -13
SELECT name AS "Account", segment AS "Segment", coalesce(csm, '–') AS "CSM",
       contract_end AS "Ends", days_to_renewal AS "Days",
       printf('$%,d', round(arr)) AS "ARR",
       CASE WHEN health_score IS NULL THEN '–' ELSE printf('%.0f', health_score) END AS "Health",
       CASE WHEN churn_probability IS NULL THEN '–' ELSE printf('%.1f%%', 100 * churn_probability) END
         AS "Churn",
       CASE WHEN risk_adjusted_arr IS NULL THEN '–' ELSE printf('$%,d', round(risk_adjusted_arr)) END
         AS "Risk-adjusted"
  FROM rpt_pipeline ORDER BY days_to_renewal, account;
.width
