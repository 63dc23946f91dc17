-- at_risk_weekly.sql -- the weekly at-risk list: every active account with a
-- health score below 50 or a Critical alert, largest ARR first, with its
-- health trend (health_sparkline: the last 12 snapshots in health_history),
-- what is pulling it down, what to do and by when.
--
--   sqlite3 cs.db '.load ./build/csmetrics' '.read sql/reports/at_risk_weekly.sql'
--
-- Needs sql/schema.sql and sql/model.sql; the date is cs_settings.as_of.
.headers on
.mode box --wrap 60 --wordwrap on

DROP TABLE IF EXISTS temp.rpt_health;
DROP TABLE IF EXISTS temp.rpt_alerts;
CREATE TEMP TABLE rpt_health AS SELECT * FROM account_health;
CREATE TEMP TABLE rpt_alerts AS SELECT * FROM account_alerts;

.print
.print ' WEEKLY AT-RISK LIST'
SELECT h.as_of AS "As of", count(*) AS "Accounts at risk", printf('$%,d', total(h.arr)) AS "ARR at risk"
  FROM rpt_health h
 WHERE h.health_score < 50
    OR h.account IN (SELECT account FROM rpt_alerts WHERE severity = 'Critical');

.print
WITH top_alert AS (
  SELECT account, signal, severity, detail, sla,
         row_number() OVER (PARTITION BY account
                            ORDER BY CASE severity WHEN 'Critical' THEN 1 WHEN 'High' THEN 2 ELSE 3 END,
                                     signal) AS rank
    FROM rpt_alerts)
SELECT h.name AS "Account", coalesce(h.csm, '-') AS "CSM", printf('$%,d', h.arr) AS "ARR",
       printf('%.0f', h.health_score) AS "Health",
       coalesce(printf('%+.0f', h.change), '-') AS "Change",
       coalesce(t.trend, '-') AS "Trend (12 snapshots)",
       h.tier AS "Tier", coalesce(h.drivers, '-') AS "Drivers",
       coalesce(a.severity || ': ' || a.detail, '-') AS "Top alert",
       h.action AS "Action",
       coalesce(a.sla, CASE WHEN h.health_score < 30 THEN '24 hours' ELSE '48 hours' END) AS "SLA"
  FROM rpt_health h
  LEFT JOIN top_alert a ON a.account = h.account AND a.rank = 1
  LEFT JOIN health_sparkline t ON t.account = h.account
 WHERE h.health_score < 50 OR a.severity = 'Critical'
 ORDER BY h.arr DESC, h.account;
