-- data_quality.sql -- can the model be trusted today? Per table: rows,
-- completeness of the columns the model reads, freshness of the latest
-- date against as_of, duplicates of the natural key, and rows whose
-- account is not in accounts.
--
--   sqlite3 -box cs.db '.load ./build/csmetrics' '.read sql/reports/data_quality.sql'
--
-- Sets no output mode (-box for a terminal, -csv or -json to export); a
-- figure that cannot be computed (an empty table) prints as '–'.
--
-- "Complete" is the share of rows with every listed column non-NULL;
-- "Lag" is as_of minus the latest date, in days; "Dups" counts the rows
-- beyond the first of each natural key; "No account" the rows whose
-- account is not in accounts. The second section counts the active
-- accounts whose health coverage is below 60% or that lack a score or a
-- component: account_health's figures, read from account_scores, the
-- stage account_health is built on (the same accounts, components, score
-- and coverage, without the alerts this report does not show).
--
-- Cost (docs/performance.md, "Reports against one account_health"): one
-- pass of usage_events' covering index and one computation of the scores,
-- about 1.2x one account_health on the 10M-row benchmark portfolio (it
-- was 2.0x with a SELECT DISTINCT pass and the whole account_health).
.headers on

.print
.print ' DATA QUALITY'
.width 22 -8 -8 10 -4 -4 -10 0
WITH RECURSIVE
p AS (SELECT as_of FROM cs_as_of),
-- usage_events, the big table, read once: one pass of its covering
-- (account, date, user_id, feature, ...) index in index order gives the
-- duplicate keys (count_duplicates compares each row's key with the row
-- before it: no sort, no copy of every distinct key; INDEXED BY keeps
-- the index order, and a row out of order would be an error, never a
-- wrong count) and the incomplete rows. The rest costs little: count(*) counts the b-tree, max(date) is
-- one seek of the date index, and u walks the distinct accounts (one seek
-- each) so that only the rows of accounts missing from accounts (and of a
-- NULL account) are counted.
u(account) AS (
  SELECT (SELECT min(account) FROM usage_events)
  UNION ALL
  SELECT (SELECT min(e.account) FROM usage_events e WHERE e.account > u.account) FROM u
   WHERE u.account IS NOT NULL),
q(tbl, key_columns, rows_, complete, latest, dups, orphans) AS (
  SELECT 'accounts', 'account', count(*),
         avg(segment IS NOT NULL AND signup_date IS NOT NULL AND arr IS NOT NULL
             AND seats_licensed IS NOT NULL AND contract_end IS NOT NULL),
         max(signup_date), count(*) - count(DISTINCT account), 0
    FROM accounts
  UNION ALL
  SELECT 'usage_events', 'account, user_id, date, feature', n,
         (n - incomplete) * 1.0 / nullif(n, 0),
         (SELECT max(date) FROM usage_events),
         dups,
         (SELECT coalesce(sum((SELECT count(*) FROM usage_events e WHERE e.account IS u.account)), 0) FROM u
           WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account = u.account))
    FROM (SELECT count(*) AS n FROM usage_events)
         CROSS JOIN (SELECT count_duplicates(account, date, user_id, feature) AS dups,
                            count(*) FILTER (WHERE account IS NULL OR user_id IS NULL OR date IS NULL
                                                OR feature IS NULL OR event_count IS NULL) AS incomplete
                       FROM usage_events INDEXED BY usage_events_account_date)
  UNION ALL
  SELECT 'features', 'feature', count(*), avg(class IS NOT NULL), NULL,
         count(*) - count(DISTINCT feature), 0
    FROM features
  UNION ALL
  SELECT 'nps_responses', 'account, user_id, response_date', count(*),
         avg(account IS NOT NULL AND score IS NOT NULL AND response_date IS NOT NULL),
         max(response_date),
         count(*) - (SELECT count(*) FROM (SELECT DISTINCT account, user_id, response_date FROM nps_responses)),
         (SELECT count(*) FROM nps_responses x
           WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account = x.account))
    FROM nps_responses
  UNION ALL
  SELECT 'support_tickets', 'id', count(*),
         avg(account IS NOT NULL AND opened_at IS NOT NULL AND escalated IS NOT NULL
             AND sentiment IS NOT NULL),
         max(opened_at), 0,
         (SELECT count(*) FROM support_tickets x
           WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account = x.account))
    FROM support_tickets
  UNION ALL
  SELECT 'mrr_snapshots', 'account, month', count(*),
         avg(account IS NOT NULL AND month IS NOT NULL AND mrr IS NOT NULL AND seats IS NOT NULL),
         max(month),
         count(*) - (SELECT count(*) FROM (SELECT DISTINCT account, month FROM mrr_snapshots)),
         (SELECT count(*) FROM mrr_snapshots x
           WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account = x.account))
    FROM mrr_snapshots
  UNION ALL
  SELECT 'invoices', 'account, due_date', count(*),
         avg(account IS NOT NULL AND due_date IS NOT NULL AND amount IS NOT NULL AND status IS NOT NULL),
         max(due_date),
         count(*) - (SELECT count(*) FROM (SELECT DISTINCT account, due_date FROM invoices)),
         (SELECT count(*) FROM invoices x
           WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account = x.account))
    FROM invoices
  UNION ALL
  SELECT 'churn_events', 'account, churn_date, kind', count(*),
         avg(account IS NOT NULL AND churn_date IS NOT NULL AND kind IS NOT NULL),
         max(churn_date),
         count(*) - (SELECT count(*) FROM (SELECT DISTINCT account, churn_date, kind FROM churn_events)),
         (SELECT count(*) FROM churn_events x
           WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account = x.account))
    FROM churn_events
  UNION ALL
  SELECT 'check_in_logs', 'account, date, type', count(*),
         avg(account IS NOT NULL AND date IS NOT NULL AND type IS NOT NULL), max(date),
         count(*) - (SELECT count(*) FROM (SELECT DISTINCT account, date, type FROM check_in_logs)),
         (SELECT count(*) FROM check_in_logs x
           WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account = x.account))
    FROM check_in_logs
  UNION ALL
  SELECT 'post_check_in_behavior', 'account, behavior_date', count(*),
         avg(account IS NOT NULL AND behavior_date IS NOT NULL), max(behavior_date),
         count(*) - (SELECT count(*) FROM (SELECT DISTINCT account, behavior_date FROM post_check_in_behavior)),
         (SELECT count(*) FROM post_check_in_behavior x
           WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account = x.account))
    FROM post_check_in_behavior
  UNION ALL
  SELECT 'control_group', 'account', count(*), avg(account IS NOT NULL), NULL,
         count(*) - count(DISTINCT account),
         (SELECT count(*) FROM control_group x
           WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account = x.account))
    FROM control_group
  UNION ALL
  SELECT 'attribution_model', 'account, calculation_date', count(*),
         avg(account IS NOT NULL AND impact_score IS NOT NULL AND calculation_date IS NOT NULL),
         max(calculation_date),
         count(*) - (SELECT count(*) FROM (SELECT DISTINCT account, calculation_date FROM attribution_model)),
         0
    FROM attribution_model
  UNION ALL
  SELECT 'health_history', 'account, score_date', count(*),
         avg(account IS NOT NULL AND score_date IS NOT NULL AND health_score IS NOT NULL),
         max(score_date),
         count(*) - (SELECT count(*) FROM (SELECT DISTINCT account, score_date FROM health_history)),
         0
    FROM health_history)
SELECT tbl AS "Table", rows_ AS "Rows",
       CASE WHEN rows_ > 0 THEN printf('%.1f%%', 100 * complete) ELSE '–' END AS "Complete",
       coalesce(date(latest), '–') AS "Latest",
       coalesce(CAST(julianday(p.as_of) - julianday(date(latest)) AS INTEGER), '–') AS "Lag",
       CAST(dups AS INTEGER) AS "Dups", orphans AS "No account",
       replace(key_columns, ', ', ',') AS "Natural key"
  FROM q, p;

.print
.print ' Accounts the model cannot score well (health coverage below 60%)'
.width -15 -12 -8 -8 -13 -9 -10 -12
SELECT count(*) AS "Active accounts",
       count(*) FILTER (WHERE coverage < 0.6) AS "Low coverage",
       count(*) FILTER (WHERE health_score IS NULL) AS "No score",
       count(*) FILTER (WHERE usage IS NULL) AS "No usage",
       count(*) FILTER (WHERE engagement IS NULL) AS "No engagement",
       count(*) FILTER (WHERE growth IS NULL) AS "No growth",
       count(*) FILTER (WHERE support IS NULL) AS "No support",
       count(*) FILTER (WHERE financial IS NULL) AS "No financial"
  FROM account_scores;
.width
