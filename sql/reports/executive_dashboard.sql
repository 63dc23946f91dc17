-- executive_dashboard.sql -- the board-level view of the portfolio, in the
-- seed's layout: portfolio summary with its change over 30 days, the
-- revenue bridge, KPIs by segment, health distribution, strategic accounts,
-- risks.
--
--   sqlite3 -box cs.db '.load ./build/csmetrics' '.read sql/reports/executive_dashboard.sql'
--   sqlite3 -csv cs.db '.load ./build/csmetrics' '.read sql/reports/executive_dashboard.sql'
--
-- Like every report it sets no output mode: -box (or -table) for a
-- terminal, -csv or -json to export; each section starts with a title line.
-- A figure that is NULL prints as '–'. Needs sql/schema.sql and
-- sql/model.sql; the date is cs_settings.as_of (NULL: the latest date in
-- the data), the at-risk line cs_settings.at_risk_below.
--
-- The account signals are computed once: account_health_alerts goes into
-- temp.rpt_rows, and every section reads that table or the revenue tables.
-- ARR is accounts.arr; the bridge is in MRR (monthly), from mrr_movements.
.headers on

DROP TABLE IF EXISTS temp.rpt_rows;
CREATE TEMP TABLE rpt_rows AS SELECT * FROM account_health_alerts;
DROP TABLE IF EXISTS temp.rpt_cube;
-- kpi_cube's five health sums, over the copy (dimensions 'all' and
-- 'segment'), next to kpi_revenue_cube.
CREATE TEMP TABLE rpt_cube AS
WITH
h AS (SELECT r.*, a.segment AS account_segment FROM rpt_rows r LEFT JOIN accounts a ON a.account = r.account
       WHERE r.alert_rank = 1),
hg AS (
  SELECT d.dimension, CASE d.dimension WHEN 'segment' THEN h.account_segment END AS value,
         count(*) AS accounts, total(h.arr) AS arr, avg(h.health_score) AS avg_health,
         total(CASE WHEN h.at_risk THEN h.arr END) AS at_risk_arr,
         sum(h.arr * h.churn_probability) AS expected_arr_at_risk
    FROM (SELECT 'all' AS dimension UNION ALL SELECT 'segment') d CROSS JOIN h GROUP BY 1, 2),
r AS MATERIALIZED (SELECT * FROM kpi_revenue_cube WHERE dimension IN ('all', 'segment')),
k AS (SELECT dimension, value FROM hg UNION SELECT dimension, value FROM r)
SELECT k.dimension, k.value, (SELECT as_of FROM r WHERE dimension = 'all') AS as_of,
       coalesce(hg.accounts, 0) AS accounts, coalesce(hg.arr, 0.0) AS arr, hg.avg_health,
       coalesce(hg.at_risk_arr, 0.0) AS at_risk_arr, hg.at_risk_arr / nullif(hg.arr, 0) AS at_risk_share,
       r.nrr_12m, r.grr_12m, r.logo_retention_12m, r.nps_90d, hg.expected_arr_at_risk
  FROM k LEFT JOIN hg ON hg.dimension = k.dimension AND hg.value IS k.value
  LEFT JOIN r ON r.dimension = k.dimension AND r.value IS k.value
 ORDER BY k.dimension, k.value;

-- The monthly revenue bridge up to as_of.
DROP TABLE IF EXISTS temp.rpt_bridge;
CREATE TEMP TABLE rpt_bridge AS
SELECT * FROM mrr_movements WHERE as_of = (SELECT as_of FROM cs_as_of);

-- The 30-day change: mean change of the accounts scored both now and 30
-- days earlier, and the at-risk ARR of those accounts then vs now.
DROP TABLE IF EXISTS temp.rpt_prev;
CREATE TEMP TABLE rpt_prev AS
SELECT avg(r.change) AS health_change,
       total(CASE WHEN r.at_risk THEN r.arr END)
         - total(CASE WHEN r.previous_score < s.at_risk_below THEN r.arr END) AS at_risk_change,
       count(*) AS compared
  FROM rpt_rows r, cs_settings s
 WHERE r.alert_rank = 1 AND r.previous_score IS NOT NULL AND r.health_score IS NOT NULL;

.print
.print 'CUSTOMER SUCCESS - EXECUTIVE DASHBOARD'
.print
.print 'Portfolio summary (change: against the scores 30 days earlier, same accounts)'
.width 10 -8 -12 -6 -6 -4
SELECT k.as_of AS "As of",
       k.accounts AS "Accounts",
       printf('$%,d', round(k.arr)) AS "ARR",
       CASE WHEN k.avg_health IS NULL THEN '–' ELSE printf('%.1f', k.avg_health) END AS "Health",
       CASE WHEN p.health_change IS NULL THEN '–' ELSE printf('%+.1f', p.health_change) END AS "Change",
       CASE WHEN k.nps_90d IS NULL THEN '–' ELSE printf('%+.0f', k.nps_90d) END AS "NPS"
  FROM rpt_cube k, rpt_prev p
 WHERE k.dimension = 'all';

.print
.print 'At risk (health below cs_settings.at_risk_below; expected loss = ARR x churn probability)'
.width -7 -12 -12 -6 -13
SELECT printf('< %g', s.at_risk_below) AS "Health",
       printf('$%,d', round(k.at_risk_arr)) AS "At-risk ARR",
       CASE WHEN p.compared = 0 THEN '–' ELSE printf('%+,d', round(p.at_risk_change)) END AS "Change ($)",
       CASE WHEN k.at_risk_share IS NULL THEN '–' ELSE printf('%.1f%%', 100 * k.at_risk_share) END AS "Share",
       CASE WHEN k.expected_arr_at_risk IS NULL THEN '–'
            ELSE printf('$%,d', round(k.expected_arr_at_risk)) END AS "Expected loss"
  FROM rpt_cube k, rpt_prev p, cs_settings s
 WHERE k.dimension = 'all';

.print
.print 'Revenue, 12 months (MRR now vs 12 months earlier) and churn in the last 90 days'
.width -6 -6 -6 -10 -7 -10
WITH p AS (SELECT as_of, date(as_of, '-89 days') AS d90, date(as_of, '+1 day') AS d_end FROM rpt_cube
            WHERE dimension = 'all')
SELECT CASE WHEN k.nrr_12m IS NULL THEN '–' ELSE printf('%.1f%%', 100 * k.nrr_12m) END AS "NRR",
       CASE WHEN k.grr_12m IS NULL THEN '–' ELSE printf('%.1f%%', 100 * k.grr_12m) END AS "GRR",
       CASE WHEN k.logo_retention_12m IS NULL THEN '–'
            ELSE printf('%.1f%%', 100 * k.logo_retention_12m) END AS "Logos",
       (SELECT CASE WHEN count(*) = 0 THEN '–' ELSE printf('$%,d', round(total(m.ending_mrr))) END
          FROM rpt_bridge m WHERE m.period = (SELECT max(period) FROM rpt_bridge)) AS "MRR now",
       (SELECT count(*) FROM churn_events c, p
         WHERE c.kind = 'cancel' AND c.churn_date >= p.d90 AND c.churn_date < p.d_end) AS "Cancels",
       (SELECT printf('$%,d', round(total(mrr_lost))) FROM churn_events c, p
         WHERE c.kind = 'cancel' AND c.churn_date >= p.d90 AND c.churn_date < p.d_end) AS "MRR lost"
  FROM rpt_cube k WHERE k.dimension = 'all';

.print
.print 'Revenue bridge, last 6 months (MRR; * = month in progress)'
.width 11 -8 -8 -9 -9 -8 -10 -7 -6 -5
SELECT period || CASE WHEN partial THEN '*' ELSE '' END AS "Month",
       CASE WHEN new_mrr IS NULL THEN '–' ELSE printf('+%,d', round(new_mrr)) END AS "New",
       CASE WHEN reactivation_mrr IS NULL THEN '–' ELSE printf('+%,d', round(reactivation_mrr)) END AS "Reactiv.",
       CASE WHEN expansion_mrr IS NULL THEN '–' ELSE printf('+%,d', round(expansion_mrr)) END AS "Expansion",
       CASE WHEN contraction_mrr IS NULL THEN '–' ELSE printf('-%,d', round(contraction_mrr)) END AS "Contract.",
       CASE WHEN churned_mrr IS NULL THEN '–' ELSE printf('-%,d', round(churned_mrr)) END AS "Churned",
       printf('$%,d', round(ending_mrr)) AS "End MRR",
       CASE WHEN prev_end IS NULL OR prev_end = 0 THEN '–'
            ELSE printf('%+.1f%%', 100 * (ending_mrr - prev_end) / prev_end) END AS "vs prev",
       CASE WHEN nrr IS NULL THEN '–' ELSE printf('%.1f%%', 100 * nrr) END AS "NRR",
       CASE WHEN quick_ratio IS NULL THEN '–' ELSE printf('%.2f', quick_ratio) END AS "Quick"
  FROM (SELECT m.*, lag(ending_mrr) OVER (ORDER BY period) AS prev_end FROM rpt_bridge m)
 ORDER BY period DESC LIMIT 6;

.print
.print 'KPIs by segment (ARR = accounts.arr; expected loss = ARR x churn probability)'
.width 10 -8 -12 -6 -11 -6 -13 -6 -6 -4
SELECT coalesce(value, '(none)') AS "Segment", accounts AS "Accounts",
       printf('$%,d', round(arr)) AS "ARR",
       CASE WHEN avg_health IS NULL THEN '–' ELSE printf('%.1f', avg_health) END AS "Health",
       printf('$%,d', round(at_risk_arr)) AS "At-risk ARR",
       CASE WHEN at_risk_share IS NULL THEN '–' ELSE printf('%.1f%%', 100 * at_risk_share) END AS "Share",
       CASE WHEN expected_arr_at_risk IS NULL THEN '–'
            ELSE printf('$%,d', round(expected_arr_at_risk)) END AS "Expected loss",
       CASE WHEN nrr_12m IS NULL THEN '–' ELSE printf('%.1f%%', 100 * nrr_12m) END AS "NRR",
       CASE WHEN grr_12m IS NULL THEN '–' ELSE printf('%.1f%%', 100 * grr_12m) END AS "GRR",
       CASE WHEN nps_90d IS NULL THEN '–' ELSE printf('%+.0f', nps_90d) END AS "NPS"
  FROM rpt_cube WHERE dimension = 'segment';

.print
.print 'Health distribution'
.width 8 -8 -6 30 -12
WITH tiers(band, tier) AS (VALUES (1, 'Thriving'), (2, 'Healthy'), (3, 'Neutral'), (4, 'At-Risk'),
                                  (5, 'Critical')),
h AS (SELECT tier, arr FROM rpt_rows WHERE alert_rank = 1 AND health_score IS NOT NULL)
SELECT t.tier AS "Tier",
       (SELECT count(*) FROM h WHERE h.tier = t.tier) AS "Accounts",
       CASE WHEN (SELECT count(*) FROM h) = 0 THEN '–'
            ELSE printf('%.1f%%', 100.0 * (SELECT count(*) FROM h WHERE h.tier = t.tier)
                                        / (SELECT count(*) FROM h)) END AS "Share",
       bar(100.0 * (SELECT count(*) FROM h WHERE h.tier = t.tier) / max((SELECT count(*) FROM h), 1), 100, 30)
         AS "Share (bar)",
       printf('$%,d', round((SELECT total(arr) FROM h WHERE h.tier = t.tier))) AS "ARR"
  FROM tiers t ORDER BY t.band;

.print
.print 'Strategic accounts (top 10 by ARR)'
.width 20 10 -9 -6 8 9 35
SELECT name AS "Account", segment AS "Segment", printf('$%,d', round(arr)) AS "ARR",
       CASE WHEN health_score IS NULL THEN '–' ELSE printf('%.0f', health_score) END AS "Health",
       coalesce(tier, '–') AS "Tier", coalesce(trend, '–') AS "Trend",
       coalesce(replace(drivers, '; ', char(10)), '–') AS "Watch"
  FROM rpt_rows r WHERE r.alert_rank = 1
 ORDER BY r.arr DESC, r.account LIMIT 10;

.print
.print 'Risks: critical and high alerts, largest ARR first'
.width 20 -9 8 40 12 8
SELECT name AS "Account", printf('$%,d', round(arr)) AS "ARR", severity AS "Severity",
       detail AS "Signal", owner AS "Owner", sla AS "SLA"
  FROM rpt_rows r
 WHERE r.severity IN ('Critical', 'High')
 ORDER BY CASE r.severity WHEN 'Critical' THEN 1 ELSE 2 END, r.arr DESC, r.account, r.signal
 LIMIT 10;

.width -8 -6 -7 -20
SELECT count(*) FILTER (WHERE severity = 'Critical') AS "Critical",
       count(*) FILTER (WHERE severity = 'High') AS "High",
       count(*) FILTER (WHERE severity = 'Warning') AS "Warning",
       count(DISTINCT account) FILTER (WHERE signal IS NOT NULL) AS "Accounts with alerts"
  FROM rpt_rows;
.width
