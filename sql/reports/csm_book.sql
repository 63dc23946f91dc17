-- csm_book.sql -- one CSM's book of business: totals, every account with
-- its health, trend (health_sparkline), action and alerts, and the renewals within
-- cs_settings.renewal_horizon_days.
--
--   sqlite3 -box cs.db '.load ./build/csmetrics' ".parameter set @csm 'Ana Ruiz'" \
--           '.read sql/reports/csm_book.sql'
--
-- The CSM is the shell parameter @csm (accounts.csm, exactly); without it,
-- the first CSM in alphabetical order. Sets no output mode (-box for a
-- terminal, -csv or -json to export); a NULL figure prints as '–'.
-- Computes the account signals once.
.headers on

DROP TABLE IF EXISTS temp.rpt_csm;
CREATE TEMP TABLE rpt_csm AS
SELECT coalesce(@csm, (SELECT min(csm) FROM accounts)) AS csm;
DROP TABLE IF EXISTS temp.rpt_rows;
CREATE TEMP TABLE rpt_rows AS
SELECT r.* FROM account_health_alerts r, rpt_csm c WHERE r.csm = c.csm;

.print
.print 'CSM BOOK OF BUSINESS'
.width 14 10 -8 -12 -6 -11 -13 -8 -8
SELECT c.csm AS "CSM", (SELECT as_of FROM cs_as_of) AS "As of",
       count(r.account) AS "Accounts",
       printf('$%,d', round(total(r.arr))) AS "ARR",
       CASE WHEN avg(r.health_score) IS NULL THEN '–' ELSE printf('%.1f', avg(r.health_score)) END AS "Health",
       printf('$%,d', round(total(CASE WHEN r.at_risk THEN r.arr END))) AS "At-risk ARR",
       CASE WHEN count(r.churn_probability) = 0 THEN '–'
            ELSE printf('$%,d', round(total(r.arr * r.churn_probability))) END AS "Expected loss",
       count(*) FILTER (WHERE r.days_to_contract_end BETWEEN 0 AND s.renewal_horizon_days) AS "Renewals",
       count(*) FILTER (WHERE r.severity = 'Critical') AS "Critical"
  FROM rpt_csm c CROSS JOIN cs_settings s LEFT JOIN rpt_rows r ON r.alert_rank = 1
 WHERE s.id = 1;

.print
.print 'Accounts, lowest health first (action: playbook of the most severe alert, else of the tier)'
.width 18 -9 -8 12 8 0 -6
SELECT r.name AS "Account", printf('$%,d', round(r.arr)) AS "ARR",
       CASE WHEN r.health_score IS NULL THEN '–' ELSE printf('%.0f', r.health_score) END
         || CASE WHEN r.change IS NULL THEN '' ELSE printf(' (%+.0f)', r.change) END AS "Health",
       coalesce(t.trend, '–') AS "Trend",
       coalesce(r.tier, '–') AS "Tier", r.action AS "Action", r.alerts AS "Alerts"
  FROM rpt_rows r LEFT JOIN health_sparkline t ON t.account = r.account WHERE r.alert_rank = 1
 ORDER BY r.health_score IS NULL, r.health_score, r.account;

.print
.print 'Alerts, most severe first'
.width 20 8 44 -8
SELECT r.name AS "Account", r.severity AS "Severity", r.detail AS "Signal", r.sla AS "SLA"
  FROM rpt_rows r WHERE r.signal IS NOT NULL
 ORDER BY CASE r.severity WHEN 'Critical' THEN 1 WHEN 'High' THEN 2 ELSE 3 END, r.arr DESC, r.account, r.signal;

.print
.print 'Renewals within the horizon'
.width 20 10 -5 -9 -6 -6
SELECT r.name AS "Account", date(r.contract_end) AS "Ends", r.days_to_contract_end AS "Days",
       printf('$%,d', round(r.arr)) AS "ARR",
       CASE WHEN r.health_score IS NULL THEN '–' ELSE printf('%.0f', r.health_score) END AS "Health",
       CASE WHEN r.churn_probability IS NULL THEN '–' ELSE printf('%.1f%%', 100 * r.churn_probability) END
         AS "Churn"
  FROM rpt_rows r, cs_settings s
 WHERE r.alert_rank = 1 AND s.id = 1 AND r.days_to_contract_end BETWEEN 0 AND s.renewal_horizon_days
 ORDER BY r.days_to_contract_end, r.account;
.width
