-- validation.sql -- how well the health score predicted churn: every
-- recorded score in health_history against the cancellations in
-- churn_events that followed within 90 days.
--
--   sqlite3 cs.db '.load ./build/csmetrics' '.read sql/reports/validation.sql'
--
-- The scored set (temp.rpt_validation) holds one row per health_history
-- snapshot whose 90 days have fully passed (score_date on or before
-- as_of - 90 days) and whose account had not cancelled by then; churned = 1
-- when a cancel follows after score_date and on or before score_date + 90.
-- Measures (docs/metrics.md, "Health-model validation"):
--   AUC                auc(-health, churned): 0.5 is chance, 1 is perfect
--   lift by decile     churn rate of each tenth of snapshots, lowest health
--                      first, over the overall rate
--   calibration        per tier band, the observed 90-day churn rate, and
--                      calibration_error() of 1 - health/100 read as a
--                      probability (a naive reading; large means "scores are
--                      rankings, not probabilities")
--   surprise churn     cancels whose latest score in the 90 days before was
--                      above 60, over all cancels that had such a score
--   false positives    non-churned snapshots flagged at risk (health < 50),
--                      over all non-churned snapshots (the false positive
--                      rate), and over all flagged ones (false alarm share)
--   correlation        pearson_corr(health, churned): negative is right
.headers on
.mode box --wrap 60 --wordwrap on

DROP TABLE IF EXISTS temp.rpt_validation;
CREATE TEMP TABLE rpt_validation AS
SELECT h.account, h.score_date, h.health_score,
       EXISTS (SELECT 1 FROM churn_events c
                WHERE c.account = h.account AND c.kind = 'cancel'
                  AND c.churn_date >= date(h.score_date, '+1 day')
                  AND c.churn_date < date(h.score_date, '+91 days')) AS churned
  FROM health_history h, cs_as_of p
 WHERE h.health_score IS NOT NULL
   AND h.score_date < date(p.as_of, '-89 days')
   AND NOT EXISTS (SELECT 1 FROM churn_events c
                    WHERE c.account = h.account AND c.kind = 'cancel'
                      AND c.churn_date < date(h.score_date, '+1 day'));

.print
.print ' HEALTH-MODEL VALIDATION: health_history vs cancellations within 90 days'
SELECT count(*) AS "Snapshots", count(DISTINCT score_date) AS "Dates",
       min(score_date) || ' .. ' || max(score_date) AS "Scored",
       sum(churned) AS "Churned in 90d", printf('%.2f%%', 100.0 * avg(churned)) AS "Base rate",
       printf('%.3f', auc(-health_score, churned)) AS "AUC",
       printf('%.2f', lift(-health_score, churned, 0.1)) AS "Top-decile lift",
       printf('%.3f', pearson_corr(health_score, churned)) AS "Correlation"
  FROM rpt_validation;

.print
.print ' Lift by score decile (1 = lowest health)'
WITH d AS (SELECT ntile(10) OVER (ORDER BY health_score, account, score_date) AS decile,
                  health_score, churned FROM rpt_validation),
     base AS (SELECT avg(churned) AS rate FROM rpt_validation)
SELECT decile AS "Decile", printf('%.0f-%.0f', min(health_score), max(health_score)) AS "Health",
       count(*) AS "Snapshots", sum(churned) AS "Churned",
       printf('%.2f%%', 100.0 * avg(churned)) AS "Churn rate",
       printf('%.2f', avg(churned) / nullif(base.rate, 0)) AS "Lift",
       bar(avg(churned), (SELECT max(r) FROM (SELECT avg(churned) AS r FROM d GROUP BY decile)), 20) AS ""
  FROM d, base GROUP BY decile ORDER BY decile;

.print
.print ' Calibration by score band'
WITH t(band, tier) AS (VALUES (1, 'Thriving'), (2, 'Healthy'), (3, 'Neutral'), (4, 'At-Risk'), (5, 'Critical'))
SELECT t.tier AS "Band", count(v.churned) AS "Snapshots", coalesce(sum(v.churned), 0) AS "Churned",
       printf('%.2f%%', 100.0 * avg(v.churned)) AS "Observed churn",
       printf('%.1f%%', 100 - avg(v.health_score)) AS "1 - health/100"
  FROM t LEFT JOIN rpt_validation v ON health_tier(v.health_score) = t.tier
 GROUP BY t.band ORDER BY t.band;

SELECT printf('%.3f', calibration_error(1 - health_score / 100.0, churned)) AS "Calibration error (naive)"
  FROM rpt_validation;

.print
.print ' Surprises and false alarms'
WITH last_score AS (
  SELECT c.account, c.churn_date,
         (SELECT h.health_score FROM health_history h
           WHERE h.account = c.account AND h.score_date < date(c.churn_date, '+1 day')
             AND h.score_date >= date(c.churn_date, '-90 days')
           ORDER BY h.score_date DESC LIMIT 1) AS health
    FROM churn_events c WHERE c.kind = 'cancel')
SELECT (SELECT count(*) FROM last_score WHERE health IS NOT NULL) AS "Scored cancels",
       (SELECT printf('%.1f%%', 100.0 * avg(health > 60)) FROM last_score WHERE health IS NOT NULL)
         AS "Surprise churn (health > 60)",
       (SELECT printf('%.1f%%', 100.0 * avg(health_score < 50)) FROM rpt_validation WHERE churned = 0)
         AS "False positive rate (<50, no churn)",
       (SELECT printf('%.1f%%', 100.0 * avg(churned = 0)) FROM rpt_validation WHERE health_score < 50)
         AS "False alarm share of flagged",
       (SELECT printf('%.1f%%', 100.0 * avg(health_score < 50)) FROM rpt_validation WHERE churned = 1)
         AS "Churns flagged (<50)";
