-- executive_dashboard.sql -- the board-level view of the portfolio, in the
-- seed's layout: portfolio summary, revenue metrics, health distribution,
-- strategic accounts, risks.
--
--   sqlite3 cs.db '.load ./build/csmetrics' '.read sql/reports/executive_dashboard.sql'
--
-- Needs sql/schema.sql and sql/model.sql loaded; the date is cs_settings.as_of
-- (NULL: the latest date in the data).
.headers on
.mode box --wrap 60 --wordwrap on

-- Each view is computed once, into temp tables the sections read.
DROP TABLE IF EXISTS temp.rpt_kpis;
DROP TABLE IF EXISTS temp.rpt_distribution;
DROP TABLE IF EXISTS temp.rpt_health;
DROP TABLE IF EXISTS temp.rpt_alerts;
CREATE TEMP TABLE rpt_kpis AS SELECT * FROM portfolio_kpis;
CREATE TEMP TABLE rpt_distribution AS SELECT * FROM health_distribution;
CREATE TEMP TABLE rpt_health AS SELECT * FROM account_health;
CREATE TEMP TABLE rpt_alerts AS SELECT * FROM account_alerts;

.print
.print ' CUSTOMER SUCCESS - EXECUTIVE DASHBOARD'
.print
.print ' Portfolio summary'
SELECT as_of AS "As of",
       accounts AS "Active accounts",
       printf('$%,d', arr) AS "ARR",
       printf('%.1f', avg_health) AS "Avg health",
       printf('$%,d', at_risk_arr) AS "At-risk ARR (<50)",
       printf('%.1f%%', 100 * at_risk_share) AS "At-risk share",
       printf('%+.0f', nps_90d) AS "NPS (90d)"
  FROM rpt_kpis;

.print
.print ' Revenue metrics (12 months)'
WITH p AS (SELECT as_of, date(as_of, '-89 days') AS d90, date(as_of, '+1 day') AS d_end,
                  date(as_of, 'start of month') AS m1 FROM rpt_kpis)
SELECT printf('%.1f%%', 100 * k.nrr_12m) AS "NRR",
       printf('%.1f%%', 100 * k.grr_12m) AS "GRR",
       printf('%.1f%%', 100 * k.logo_retention_12m) AS "Logo retention",
       printf('$%,d', (SELECT total(m.mrr) FROM mrr_snapshots m, p
         WHERE m.month >= p.m1 AND m.month < date(p.m1, '+1 day'))) AS "MRR now",
       (SELECT count(*) FROM churn_events c, p
         WHERE c.kind = 'cancel' AND c.churn_date >= p.d90 AND c.churn_date < p.d_end) AS "Churned (90d)",
       printf('$%,d', (SELECT total(mrr_lost) FROM churn_events c, p
         WHERE c.churn_date >= p.d90 AND c.churn_date < p.d_end)) AS "MRR lost (90d)"
  FROM rpt_kpis k;

.print
.print ' Health distribution'
SELECT tier AS "Tier",
       accounts AS "Accounts",
       printf('%5.1f%%', 100 * coalesce(share, 0)) AS "Share",
       bar(100 * coalesce(share, 0), 100, 30) AS "",
       printf('$%,d', arr) AS "ARR"
  FROM rpt_distribution;

.print
.print ' Strategic accounts (top 10 by ARR)'
SELECT name AS "Account", segment AS "Segment", printf('$%,d', arr) AS "ARR",
       printf('%.0f', health_score) AS "Health", tier AS "Tier",
       coalesce(trend, '-') AS "Trend", coalesce(drivers, '-') AS "Watch"
  FROM rpt_health h
 ORDER BY h.arr DESC, h.account LIMIT 10;

.print
.print ' Risks: critical and high alerts, largest ARR first'
SELECT name AS "Account", printf('$%,d', arr) AS "ARR", severity AS "Severity",
       detail AS "Signal", owner AS "Owner", sla AS "SLA"
  FROM rpt_alerts a
 WHERE a.severity IN ('Critical', 'High')
 ORDER BY CASE a.severity WHEN 'Critical' THEN 1 ELSE 2 END, a.arr DESC, a.account, a.signal
 LIMIT 10;

SELECT sum(severity = 'Critical') AS "Critical alerts", sum(severity = 'High') AS "High",
       sum(severity = 'Warning') AS "Warning", count(DISTINCT account) AS "Accounts with alerts"
  FROM rpt_alerts;
