-- validation.sql -- how well the health score predicted churn: every
-- recorded score in health_history against the cancellations in
-- churn_events that followed within cs_settings.churn_horizon_days
-- (default 90).
--
--   sqlite3 -box cs.db '.load ./build/csmetrics' '.read sql/reports/validation.sql'
--
-- The scored set (temp.rpt_validation) is the view health_outcomes: one row
-- per health_history snapshot whose horizon has fully passed by as_of and
-- whose account had not cancelled by then; churned = 1 when a cancel
-- follows within the horizon. Measures (docs/metrics.md, "Health-model
-- validation"):
--   AUC                auc(-health, churned): 0.5 is chance, 1 is perfect
--   lift by decile     churn rate of each tenth of snapshots, lowest health
--                      first, over the overall rate
--   calibration        per score band (view health_calibration): the
--                      observed churn rate with its 95% Wilson interval --
--                      the churn probability the model gives an account in
--                      that band -- and calibration_error() of 1 - health/100
--                      read as a probability (a naive reading; large means
--                      "scores are rankings, not probabilities")
--   targets            each measure of validation_status (churns flagged,
--                      surprise churn, false positive rate, intervention
--                      success, time to detection) next to its target of
--                      validation_targets, with its status; and the false
--                      alarm share (flagged snapshots not followed by a
--                      cancel)
--   threshold sweep    threshold_sweep over the scored set, flag health
--                      below t, t = 0..100 by 5, costs from cs_settings
--                      (missed_churn_cost, false_alarm_cost); the
--                      threshold of least cost
--   post-mortems       each surprise churn (latest score in the horizon
--                      before the cancel above 60): the score then, 30 and
--                      90 days before, the drivers and the reason given
--   correlation        pearson_corr(health, churned): negative is right
-- Sets no output mode (-box for a terminal, -csv or -json to export); a
-- measure without data prints as '–'.
.headers on

DROP TABLE IF EXISTS temp.rpt_validation;
CREATE TEMP TABLE rpt_validation AS SELECT * FROM health_outcomes;

.print
.print 'HEALTH-MODEL VALIDATION: health_history vs cancellations within the churn horizon'
.width -9 -5 -7 24 -7 -9 -6 -6 -6 -7
WITH m AS (
  SELECT count(*) AS n, count(DISTINCT score_date) AS dates, min(score_date) AS first,
         max(score_date) AS last, total(churned) AS churned, avg(churned) AS rate,
         auc(-health_score, churned) AS auc, lift(-health_score, churned, 0.1) AS lift,
         pearson_corr(health_score, churned) AS corr,
         calibration_error(1 - health_score / 100.0, churned) AS cal
    FROM rpt_validation)
SELECT n AS "Snapshots", dates AS "Dates",
       printf('%d days', (SELECT churn_horizon_days FROM cs_settings)) AS "Horizon",
       coalesce(first || ' .. ' || last, '–') AS "Scored",
       CAST(churned AS INTEGER) AS "Churned",
       CASE WHEN rate IS NULL THEN '–' ELSE printf('%.2f%%', 100 * rate) END AS "Base rate",
       CASE WHEN auc IS NULL THEN '–' ELSE printf('%.3f', auc) END AS "AUC",
       CASE WHEN lift IS NULL THEN '–' ELSE printf('%.2f', lift) END AS "Lift",
       CASE WHEN corr IS NULL THEN '–' ELSE printf('%.3f', corr) END AS "Corr.",
       CASE WHEN cal IS NULL THEN '–' ELSE printf('%.3f', cal) END AS "Cal.err"
  FROM m;
.print '(Lift: top decile; Corr.: Pearson, health vs churned; Cal.err: naive calibration error)'

.print
.print 'Lift by score decile (1 = lowest health)'
.width -6 -7 -9 -7 -10 -5 20
WITH d AS (SELECT ntile(10) OVER (ORDER BY health_score, account, score_date) AS decile,
                  health_score, churned FROM rpt_validation),
     base AS (SELECT avg(churned) AS rate FROM rpt_validation)
SELECT decile AS "Decile", printf('%.0f-%.0f', min(health_score), max(health_score)) AS "Health",
       count(*) AS "Snapshots", sum(churned) AS "Churned",
       printf('%.2f%%', 100.0 * avg(churned)) AS "Churn rate",
       CASE WHEN base.rate > 0 THEN printf('%.2f', avg(churned) / base.rate) ELSE '–' END AS "Lift",
       bar(avg(churned), max((SELECT max(r) FROM (SELECT avg(churned) AS r FROM d GROUP BY decile)), 1e-9), 20)
         AS "Churn rate (bar)"
  FROM d, base GROUP BY decile ORDER BY decile;

.print
.print 'Calibration by score band (the churn probability of an account in the band)'
.width 8 -9 -7 -10 -13 -14
SELECT c.tier AS "Band", c.snapshots AS "Snapshots", c.churned AS "Churned",
       CASE WHEN c.rate IS NULL THEN '–' ELSE printf('%.2f%%', 100 * c.rate) END AS "Churn rate",
       CASE WHEN c.rate IS NULL THEN '–' ELSE printf('%.1f-%.1f%%', 100 * c.ci_low, 100 * c.ci_high) END
         AS "95% interval",
       (SELECT CASE WHEN count(*) = 0 THEN '–' ELSE printf('%.1f%%', 100 - avg(v.health_score)) END
          FROM rpt_validation v WHERE health_tier(v.health_score, s.tier_cutoffs) = c.tier) AS "1 - health/100"
  FROM health_calibration c, cs_settings s ORDER BY c.band;

.print
.print 'Measures against the targets (validation_targets; flagged = health below cs_settings.at_risk_below)'
.width 22 -8 -8 -8 8
SELECT v.measure AS "Measure",
       CASE WHEN v.value IS NULL THEN '–'
            WHEN v.measure LIKE '%days' THEN printf('%.1f d', v.value)
            ELSE printf('%.1f%%', 100 * v.value) END AS "Value",
       CASE WHEN v.target IS NULL THEN '–'
            ELSE (CASE v.better WHEN 'higher' THEN '> ' ELSE '< ' END)
                 || CASE WHEN v.measure LIKE '%days' THEN printf('%g d', v.target)
                         ELSE printf('%g%%', 100 * v.target) END END AS "Target",
       CASE WHEN v.red_flag IS NULL THEN '–'
            ELSE (CASE v.better WHEN 'higher' THEN '<= ' ELSE '>= ' END)
                 || CASE WHEN v.measure LIKE '%days' THEN printf('%g d', v.red_flag)
                         ELSE printf('%g%%', 100 * v.red_flag) END END AS "Red flag",
       coalesce(v.status, '–') AS "Status"
  FROM validation_status v;
.width 58
SELECT CASE WHEN count(*) = 0 THEN '–' ELSE printf('%.1f%%', 100.0 * avg(churned = 0)) END
         AS "False alarms (flagged snapshots not followed by a cancel)"
  FROM rpt_validation, cs_settings s WHERE health_score < s.at_risk_below;

.print
.print 'Threshold sweep over the history: flag health below t'
.print '(cost = missed churns x missed_churn_cost + false alarms x false_alarm_cost, from cs_settings)'
.width -6 -8 -5 -6 -6 -9 -7 -6 -8 3
WITH w AS (
  SELECT t.*, min(t.expected_cost) OVER () AS best
    FROM cs_settings s,
         threshold_sweep('rpt_validation', 'health_score', 'churned', 0, 100, 5, 'below',
                         s.false_alarm_cost, s.missed_churn_cost) t)
SELECT printf('%g', threshold) AS "t", flagged AS "Flagged", true_positives AS "TP",
       false_positives AS "FP", false_negatives AS "FN",
       CASE WHEN precision IS NULL THEN '–' ELSE printf('%.1f%%', 100 * precision) END AS "Precision",
       CASE WHEN recall IS NULL THEN '–' ELSE printf('%.1f%%', 100 * recall) END AS "Recall",
       CASE WHEN fpr IS NULL THEN '–' ELSE printf('%.1f%%', 100 * fpr) END AS "FPR",
       printf('%g', expected_cost) AS "Cost",
       CASE WHEN expected_cost = best THEN '<-' ELSE '' END AS ""
  FROM w ORDER BY threshold;
.width 58
SELECT CASE WHEN (SELECT count(*) FROM rpt_validation) = 0 THEN '–'
            ELSE printf('%g (cost %g; the at-risk line is %g)', t.threshold, t.expected_cost, s.at_risk_below)
       END AS "Cost-minimising threshold (the lowest of equals)"
  FROM cs_settings s,
       threshold_sweep('rpt_validation', 'health_score', 'churned', 0, 100, 5, 'below',
                       s.false_alarm_cost, s.missed_churn_cost) t
 ORDER BY t.expected_cost, t.threshold LIMIT 1;

.print
.print 'Surprise churn post-mortems: cancels whose latest score in the horizon before was above 60'
.width 9 10 -4 -4 -4 14 50
WITH c AS (
  SELECT c.account, date(c.churn_date) AS churn_date, c.reason,
         (SELECT h.id FROM health_history h
           WHERE h.account = c.account AND h.health_score IS NOT NULL
             AND h.score_date < date(c.churn_date, '+1 day')
             AND h.score_date >= date(c.churn_date, printf('-%d days', s.churn_horizon_days))
           ORDER BY h.score_date DESC LIMIT 1) AS last_id
    FROM churn_events c, cs_settings s, cs_as_of o
   WHERE c.kind = 'cancel' AND c.churn_date < date(o.as_of, '+1 day')),
at(account, churn_date, reason, health, drivers, d30, d90) AS (
  SELECT c.account, c.churn_date, c.reason, h.health_score, h.drivers,
         (SELECT x.health_score FROM health_history x
           WHERE x.account = c.account AND x.score_date < date(c.churn_date, '-29 days')
           ORDER BY x.score_date DESC LIMIT 1),
         (SELECT x.health_score FROM health_history x
           WHERE x.account = c.account AND x.score_date < date(c.churn_date, '-89 days')
           ORDER BY x.score_date DESC LIMIT 1)
    FROM c JOIN health_history h ON h.id = c.last_id
   WHERE h.health_score > 60)
SELECT account AS "Account", churn_date AS "Cancelled", printf('%.0f', health) AS "Last",
       CASE WHEN d30 IS NULL THEN '–' ELSE printf('%.0f', d30) END AS "-30d",
       CASE WHEN d90 IS NULL THEN '–' ELSE printf('%.0f', d90) END AS "-90d",
       coalesce(reason, '–') AS "Reason", coalesce(drivers, '–') AS "Drivers at the last score"
  FROM at ORDER BY churn_date, account;
.print '(Last: the latest score in the horizon before the cancel; -30d, -90d: the latest 30 and 90 days before it)'
.width
