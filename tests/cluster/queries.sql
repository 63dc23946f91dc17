-- queries.sql -- what the cluster test runs on the leader, before and after
-- failover, and on a single file through the sqlite3 shell for reference:
-- the model's health view, both virtual tables and one report. Output is
-- list mode with headers, so the two runs compare line for line.
.headers on
.nullvalue NULL
SELECT * FROM account_health ORDER BY account;
SELECT * FROM cohort_retention('usage_events', 'month');
SELECT * FROM cohort_retention('mrr_snapshots', 'month', 'classic', 'account', 'month', 'mrr');
SELECT * FROM checkin_impact(30, 'quarter');
SELECT health_score(80, 70, 60, 50, 40), health_tier(66), nps_category(9), csmetrics_version();
