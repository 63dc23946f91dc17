-- checkin_impact_quarterly.sql -- the quarterly Check-In Impact report:
-- per quarter, the share of accounts with a positive outcome (usage spike,
-- upsell or renewal) within 30 days of a CSM check-in, against the control
-- group, with confidence intervals; then the same per check-in type.
--
--   sqlite3 cs.db '.load ./build/csmetrics' '.read sql/reports/checkin_impact_quarterly.sql'
--
-- Uses checkin_impact (docs/tables/checkin_impact.md) over check_in_logs, post_check_in_behavior,
-- control_group and attribution_model.
.headers on
.mode box --wrap 60 --wordwrap on
.nullvalue '-'

.print
.print ' CHECK-IN IMPACT BY QUARTER (30-day window, any positive outcome)'
SELECT period AS "Quarter", checkin_accounts AS "Accounts", positive_accounts AS "Positive",
       printf('%.1f%%', 100 * impact_score) AS "Impact",
       printf('%.1f-%.1f%%', 100 * ci_low, 100 * ci_high) AS "95% CI",
       control_accounts AS "Control", printf('%.1f%%', 100 * control_rate) AS "Control rate",
       printf('%+.1f pts', 100 * uplift) AS "Uplift",
       printf('%+.1f..%+.1f', 100 * uplift_ci_low, 100 * uplift_ci_high) AS "Uplift CI",
       printf('%.3f', p_value) AS "p",
       printf('%.2f', attribution_score) AS "Attribution"
  FROM checkin_impact(30, 'quarter');

.print
.print ' BY CHECK-IN TYPE (all history)'
SELECT segment AS "Type", checkin_accounts AS "Accounts", positive_accounts AS "Positive",
       printf('%.1f%%', 100 * impact_score) AS "Impact",
       printf('%.1f-%.1f%%', 100 * ci_low, 100 * ci_high) AS "95% CI",
       printf('%+.1f pts', 100 * uplift) AS "Uplift", printf('%.3f', p_value) AS "p"
  FROM checkin_impact(30, 'all', 'type');

.print
.print ' BY OUTCOME (all history)'
SELECT 'usage spikes' AS "Outcome", printf('%.1f%%', 100 * impact_score) AS "Impact",
       printf('%+.1f pts', 100 * uplift) AS "Uplift" FROM checkin_impact(30, 'all', 'none', 'usage_spikes')
UNION ALL
SELECT 'upsells', printf('%.1f%%', 100 * impact_score), printf('%+.1f pts', 100 * uplift)
  FROM checkin_impact(30, 'all', 'none', 'upsells')
UNION ALL
SELECT 'renewals', printf('%.1f%%', 100 * impact_score), printf('%+.1f pts', 100 * uplift)
  FROM checkin_impact(30, 'all', 'none', 'renewals');
