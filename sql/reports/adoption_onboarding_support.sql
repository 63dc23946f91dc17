-- adoption_onboarding_support.sql -- the breadth of signals by segment and
-- by CSM: usage depth (view usage_depth), onboarding (onboarding_progress)
-- and support operations (support_operations), as of cs_as_of.
--
--   sqlite3 -box cs.db '.load ./build/csmetrics' '.read sql/reports/adoption_onboarding_support.sql'
--
-- Per group, means over its accounts that have the figure: L7/L30, power-
-- and dormant-user shares, expansion and advanced feature adoption; the
-- accounts that abandoned a core feature; the median time to value (days
-- from signup to the is_value milestone of milestone_targets, accounts
-- that reached it) and the accounts with an overdue milestone; the mean
-- first-response hours, resolution days and first-contact resolution of
-- the tickets of the last 90 days (ticket-weighted). Sets no output mode;
-- a NULL figure prints as '–'.
.headers on

DROP TABLE IF EXISTS temp.rpt_breadth;
CREATE TEMP TABLE rpt_breadth AS
SELECT a.account, a.segment, coalesce(a.csm, '(none)') AS csm, d.l7_l30, d.power_user_share,
       d.dormant_user_share, d.expansion_adoption_30d, d.advanced_adoption_30d,
       d.abandoned_core_features,
       (SELECT o.days_to_milestone FROM onboarding_progress o
         WHERE o.account = a.account AND o.is_value = 1) AS time_to_value,
       (SELECT max(o.overdue) FROM onboarding_progress o WHERE o.account = a.account) AS overdue,
       s.tickets, s.resolved, s.mean_resolution_days, s.mean_first_response_hours,
       s.first_contact_resolution
  FROM usage_depth d JOIN accounts a ON a.account = d.account
  LEFT JOIN support_operations s ON s.account = d.account;

DROP TABLE IF EXISTS temp.rpt_breadth_groups;
CREATE TEMP TABLE rpt_breadth_groups AS
WITH g AS (
  SELECT 'segment' AS dim, segment AS value, * FROM rpt_breadth
  UNION ALL SELECT 'csm', csm, * FROM rpt_breadth),
ttv AS (
  SELECT dim, value, time_to_value,
         row_number() OVER (PARTITION BY dim, value ORDER BY time_to_value) AS rn,
         count(*) OVER (PARTITION BY dim, value) AS n
    FROM g WHERE time_to_value IS NOT NULL),
med AS (
  SELECT dim, value, avg(time_to_value) AS median_ttv FROM ttv
   WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY dim, value)
SELECT g.dim, coalesce(g.value, '(none)') AS "Value", count(*) AS "Accts",
       CASE WHEN avg(l7_l30) IS NULL THEN '–' ELSE printf('%.2f', avg(l7_l30)) END AS "L7/L30",
       CASE WHEN avg(power_user_share) IS NULL THEN '–' ELSE printf('%.0f%%', 100 * avg(power_user_share)) END
         AS "Power",
       CASE WHEN avg(dormant_user_share) IS NULL THEN '–' ELSE printf('%.0f%%', 100 * avg(dormant_user_share)) END
         AS "Dorm.",
       CASE WHEN avg(expansion_adoption_30d) IS NULL THEN '–'
            ELSE printf('%.0f%%', 100 * avg(expansion_adoption_30d)) END AS "Expan.",
       CASE WHEN avg(advanced_adoption_30d) IS NULL THEN '–'
            ELSE printf('%.0f%%', 100 * avg(advanced_adoption_30d)) END AS "Adv.",
       CASE WHEN count(abandoned_core_features) = 0 THEN '–'
            ELSE sum(abandoned_core_features > 0) END AS "Aband.",
       CASE WHEN med.median_ttv IS NULL THEN '–' ELSE printf('%.0f d', med.median_ttv) END AS "TTV",
       CASE WHEN count(overdue) = 0 THEN '–' ELSE sum(overdue) END AS "Overd.",
       CASE WHEN sum(mean_first_response_hours * tickets) IS NULL THEN '–'
            ELSE printf('%.1f h', sum(mean_first_response_hours * tickets)
                                  / sum(CASE WHEN mean_first_response_hours IS NOT NULL THEN tickets END)) END
         AS "1st resp",
       CASE WHEN sum(mean_resolution_days * resolved) IS NULL THEN '–'
            ELSE printf('%.1f d', sum(mean_resolution_days * resolved)
                                  / sum(CASE WHEN mean_resolution_days IS NOT NULL THEN resolved END)) END
         AS "Resolve",
       CASE WHEN avg(first_contact_resolution) IS NULL THEN '–'
            ELSE printf('%.0f%%', 100 * avg(first_contact_resolution)) END AS "FCR"
  FROM g LEFT JOIN med ON med.dim = g.dim AND med.value IS g.value
 GROUP BY g.dim, g.value ORDER BY g.dim DESC, g.value;

.print
.print 'ADOPTION, ONBOARDING AND SUPPORT OPERATIONS by segment'
.width 12 -5 -6 -5 -5 -6 -4 -6 -5 -6 -8 -7 -4
SELECT "Value", "Accts", "L7/L30", "Power", "Dorm.", "Expan.", "Adv.", "Aband.", "TTV", "Overd.",
       "1st resp", "Resolve", "FCR"
  FROM rpt_breadth_groups WHERE dim = 'segment';
.print
.print 'by CSM'
SELECT "Value", "Accts", "L7/L30", "Power", "Dorm.", "Expan.", "Adv.", "Aband.", "TTV", "Overd.",
       "1st resp", "Resolve", "FCR"
  FROM rpt_breadth_groups WHERE dim = 'csm';
.print '(means over accounts; Aband.: accounts with a core feature used before and not in 30 days;'
.print ' TTV: median days to first value; Overd.: accounts with a milestone past due;'
.print ' 1st resp, Resolve: ticket-weighted, last 90 days; FCR: resolved on the first-response day)'
.width
