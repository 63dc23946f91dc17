-- checkin_impact_quarterly.sql -- the quarterly Check-In Impact report:
-- per quarter, the share of accounts with a positive outcome (usage spike,
-- upsell or renewal) within 30 days of a CSM check-in, against the control
-- group, with confidence intervals; then the same per check-in type and per
-- outcome.
--
--   sqlite3 -box cs.db '.load ./build/csmetrics' '.read sql/reports/checkin_impact_quarterly.sql'
--
-- Uses checkin_impact (docs/tables/checkin_impact.md) over check_in_logs, post_check_in_behavior,
-- control_group and attribution_model. Sets no output mode (-box for a
-- terminal, -csv or -json to export). A figure that cannot be computed
-- prints as '–': without a control group there is no control rate, uplift
-- or p-value; without attribution rows, no attribution score. Accts: accounts
-- with check-ins, Pos.: of them positive, Ctrl: control accounts.
.headers on

.print
.print 'CHECK-IN IMPACT BY QUARTER (30-day window, any positive outcome)'
.width 10 -5 -5 -6 -11 -4 -9 -9 -13 -6 -7
SELECT period AS "Quarter", checkin_accounts AS "Accts", positive_accounts AS "Pos.",
       CASE WHEN impact_score IS NULL THEN '–' ELSE printf('%.1f%%', 100 * impact_score) END AS "Impact",
       printf('%.1f-%.1f%%', 100 * ci_low, 100 * ci_high) AS "95% CI",
       control_accounts AS "Ctrl",
       CASE WHEN control_rate IS NULL THEN '–' ELSE printf('%.1f%%', 100 * control_rate) END AS "Ctrl rate",
       CASE WHEN uplift IS NULL THEN '–' ELSE printf('%+.1f pts', 100 * uplift) END AS "Uplift",
       CASE WHEN uplift_ci_low IS NULL THEN '–'
            ELSE printf('%+.1f..%+.1f', 100 * uplift_ci_low, 100 * uplift_ci_high) END AS "Uplift CI",
       CASE WHEN p_value IS NULL THEN '–' WHEN p_value < 0.001 THEN '<0.001'
            ELSE printf('%.3f', p_value) END AS "p",
       CASE WHEN attribution_score IS NULL THEN '–' ELSE printf('%.2f', attribution_score) END AS "Attrib."
  FROM checkin_impact(30, 'quarter');

.print
.print 'BY CHECK-IN TYPE (all history)'
.width 14 -8 -8 -6 -11 -9 -6
SELECT segment AS "Type", checkin_accounts AS "Accounts", positive_accounts AS "Positive",
       CASE WHEN impact_score IS NULL THEN '–' ELSE printf('%.1f%%', 100 * impact_score) END AS "Impact",
       printf('%.1f-%.1f%%', 100 * ci_low, 100 * ci_high) AS "95% CI",
       CASE WHEN uplift IS NULL THEN '–' ELSE printf('%+.1f pts', 100 * uplift) END AS "Uplift",
       CASE WHEN p_value IS NULL THEN '–' WHEN p_value < 0.001 THEN '<0.001'
            ELSE printf('%.3f', p_value) END AS "p"
  FROM checkin_impact(30, 'all', 'type');

.print
.print 'BY OUTCOME (all history)'
.width 12 -6 -9
WITH o(rank, outcome, label) AS (VALUES (1, 'usage_spikes', 'usage spikes'), (2, 'upsells', 'upsells'),
                                        (3, 'renewals', 'renewals'))
SELECT o.label AS "Outcome",
       CASE WHEN c.impact_score IS NULL THEN '–' ELSE printf('%.1f%%', 100 * c.impact_score) END AS "Impact",
       CASE WHEN c.uplift IS NULL THEN '–' ELSE printf('%+.1f pts', 100 * c.uplift) END AS "Uplift"
  FROM o JOIN checkin_impact c ON c.window_days = 30 AND c.granularity = 'all' AND c.segment_by = 'none'
                                AND c.outcome = o.outcome
 ORDER BY o.rank;
.width
