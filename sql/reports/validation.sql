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
--   surprise churn     cancels whose latest score in the horizon before was
--                      above 60, over all cancels that had such a score
--   false positives    non-churned snapshots flagged at risk (health below
--                      cs_settings.at_risk_below), over all non-churned
--                      snapshots (the false positive rate), and over all
--                      flagged ones (false alarm share)
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
.print 'Surprises and false alarms'
.width -14 -14 -15 -14 -14
WITH last_score AS (
  SELECT c.account, c.churn_date,
         (SELECT h.health_score FROM health_history h, cs_settings s
           WHERE h.account = c.account AND h.score_date < date(c.churn_date, '+1 day')
             AND h.score_date >= date(c.churn_date, printf('-%d days', s.churn_horizon_days))
           ORDER BY h.score_date DESC LIMIT 1) AS health
    FROM churn_events c WHERE c.kind = 'cancel'),
s AS (SELECT at_risk_below AS line FROM cs_settings)
SELECT (SELECT count(*) FROM last_score WHERE health IS NOT NULL) AS "Scored cancels",
       (SELECT CASE WHEN count(*) = 0 THEN '–' ELSE printf('%.1f%%', 100.0 * avg(health > 60)) END
          FROM last_score WHERE health IS NOT NULL) AS "Surprise (>60)",
       (SELECT CASE WHEN count(*) = 0 THEN '–' ELSE printf('%.1f%%', 100.0 * avg(health_score < s.line)) END
          FROM rpt_validation WHERE churned = 0) AS "False pos. rate",
       (SELECT CASE WHEN count(*) = 0 THEN '–' ELSE printf('%.1f%%', 100.0 * avg(churned = 0)) END
          FROM rpt_validation WHERE health_score < s.line) AS "False alarms",
       (SELECT CASE WHEN count(*) = 0 THEN '–' ELSE printf('%.1f%%', 100.0 * avg(health_score < s.line)) END
          FROM rpt_validation WHERE churned = 1) AS "Churns flagged"
  FROM s;
.print '(flagged: health below cs_settings.at_risk_below; false alarms: share of flagged snapshots not followed by a cancel)'
.width
