-- at_risk_weekly.sql -- the weekly at-risk list: every active account at
-- risk (health below cs_settings.at_risk_below, the line of the
-- dashboard's at-risk ARR) or with a Critical alert, largest ARR first,
-- with its health trend (health_sparkline: the last 12 snapshots), what
-- is pulling it down, what to do (the action: the playbook of its most
-- severe alert, else its tier's) and by when.
--
--   sqlite3 -box cs.db '.load ./build/csmetrics' '.read sql/reports/at_risk_weekly.sql'
--
-- Sets no output mode (-box for a terminal, -csv or -json to export); a
-- NULL figure prints as '–'. Needs sql/schema.sql and sql/model.sql; the
-- date is cs_settings.as_of. The account signals are computed once.
.headers on

DROP TABLE IF EXISTS temp.rpt_rows;
CREATE TEMP TABLE rpt_rows AS SELECT * FROM account_health_alerts;

.print
.print 'WEEKLY AT-RISK LIST'
.width 10 -7 -11 -12 -9 -12
SELECT (SELECT as_of FROM cs_as_of) AS "As of",
       (SELECT printf('< %g', at_risk_below) FROM cs_settings) AS "Health",
       count(*) FILTER (WHERE r.at_risk) AS "At risk",
       printf('$%,d', round(total(r.arr) FILTER (WHERE r.at_risk))) AS "At-risk ARR",
       count(*) FILTER (WHERE NOT coalesce(r.at_risk, 0) AND r.severity = 'Critical') AS "+Critical",
       printf('$%,d', round(total(r.arr) FILTER (WHERE NOT coalesce(r.at_risk, 0) AND r.severity = 'Critical')))
         AS "+its ARR"
  FROM rpt_rows r
 WHERE r.alert_rank = 1;
.print '(+Critical: accounts above the line listed for a Critical alert)'

.print
.width 0 -9 -8 12 0
SELECT r.name || char(10) || 'CSM: ' || coalesce(r.csm, '–') AS "Account",
       printf('$%,d', round(r.arr)) AS "ARR",
       printf('%.0f', r.health_score)
         || CASE WHEN r.change IS NULL THEN '' ELSE printf(' (%+.0f)', r.change) END AS "Health",
       coalesce(t.trend, '–') AS "Trend",
       coalesce(replace(r.drivers, '; ', char(10)), 'no driver below 70')
         || char(10) || coalesce(r.severity || ': ' || r.detail, 'no alert')
         || char(10) || '> ' || r.action || coalesce(char(10) || '  within ' || r.sla, '')
         AS "Drivers, top alert > action"
  FROM rpt_rows r LEFT JOIN health_sparkline t ON t.account = r.account
 WHERE r.alert_rank = 1 AND (r.at_risk OR r.severity = 'Critical')
 ORDER BY r.arr DESC, r.account;
.width
