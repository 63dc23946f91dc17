-- Upgrading a database made by the previous release (v1: sql/schema.sql and
-- sql/model.sql of commit f2d8259, kept in tests/upgrade/, with the seed
-- snapshot rows of that release) by re-reading sql/schema.sql and
-- sql/model.sql: every row is kept -- in its table, or in rejected_rows when
-- it breaks a v2 type check -- every setting is kept, and a second reading
-- changes nothing.

-- include: tests/upgrade/v1_schema.sql
-- include: tests/upgrade/v1_model.sql
-- include: tests/upgrade/v1_rows.sql
SELECT 'v1 database', (SELECT user_version FROM pragma_user_version), 0;

-- Rows v1 accepted that v2 refuses (text money, impossible dates, a number
-- stored as text in a date column), one per kind of check.
INSERT INTO accounts (account, name, segment, signup_date, arr) VALUES
  ('Money-Text', 'Money as text', 'smb', '2025-01-01', '$48,000.00'),
  ('Feb-30', 'An impossible date', 'smb', '2026-02-30', 1200);
INSERT INTO usage_events (account, user_id, date, feature, event_count) VALUES
  ('ACME-Corp', 'u9', '2026-19-39', 'reports', 3);
INSERT INTO support_tickets (account, opened_at, priority, escalated) VALUES
  ('Beta-Inc', '2026-06-01 25:00', 'high', 0);
INSERT INTO mrr_snapshots (account, month, mrr, seats) VALUES ('Beta-Inc', '2025-06-01', 'n/a', 20);
INSERT INTO invoices (account, due_date, amount, status) VALUES ('Beta-Inc', '2026-06-15', '3,000', 'open');

-- An analyst's settings.
UPDATE cs_settings SET profile = 'enterprise', usage_trend_sensitivity = 0.3;
UPDATE health_model SET weight = 42 WHERE metric = 'dau_mau';
UPDATE cs_segments SET tier_cutoffs = '[90,75,55,35]' WHERE segment = 'enterprise';

CREATE TEMP TABLE before_counts AS
  SELECT 'accounts' AS t, count(*) AS n FROM accounts UNION ALL
  SELECT 'usage_events', count(*) FROM usage_events UNION ALL
  SELECT 'features', count(*) FROM features UNION ALL
  SELECT 'nps_responses', count(*) FROM nps_responses UNION ALL
  SELECT 'support_tickets', count(*) FROM support_tickets UNION ALL
  SELECT 'mrr_snapshots', count(*) FROM mrr_snapshots UNION ALL
  SELECT 'invoices', count(*) FROM invoices UNION ALL
  SELECT 'churn_events', count(*) FROM churn_events UNION ALL
  SELECT 'check_in_logs', count(*) FROM check_in_logs UNION ALL
  SELECT 'post_check_in_behavior', count(*) FROM post_check_in_behavior UNION ALL
  SELECT 'control_group', count(*) FROM control_group UNION ALL
  SELECT 'attribution_model', count(*) FROM attribution_model UNION ALL
  SELECT 'health_history', count(*) FROM health_history;
-- The analyst's settings, one row each (a later model.sql may add rows and
-- columns; each of these must survive unchanged).
CREATE TEMP VIEW settings_now AS
  SELECT 'cs_settings' AS t, json_array(as_of, profile, usage_trend_sensitivity) AS v
    FROM cs_settings UNION ALL
  SELECT 'health_model', json_array(metric, signal, component, weight, method, target, worst,
                                    best, steps) FROM health_model UNION ALL
  SELECT 'cs_segments', json_array(segment, checkin_cadence_days, tier_cutoffs) FROM cs_segments;
CREATE TEMP TABLE before_settings AS SELECT * FROM settings_now;
CREATE TEMP TABLE before_ids AS SELECT 'accounts' AS t, id, account AS k FROM accounts;

-- include: sql/schema.sql
-- include: sql/model.sql
SELECT 'upgraded', (SELECT user_version FROM pragma_user_version), 2;
SELECT 'legacy_alter_table back off', (SELECT legacy_alter_table FROM pragma_legacy_alter_table), 0;

CREATE TEMP VIEW after_counts AS
  SELECT 'accounts' AS t, count(*) AS n FROM accounts UNION ALL
  SELECT 'usage_events', count(*) FROM usage_events UNION ALL
  SELECT 'features', count(*) FROM features UNION ALL
  SELECT 'nps_responses', count(*) FROM nps_responses UNION ALL
  SELECT 'support_tickets', count(*) FROM support_tickets UNION ALL
  SELECT 'mrr_snapshots', count(*) FROM mrr_snapshots UNION ALL
  SELECT 'invoices', count(*) FROM invoices UNION ALL
  SELECT 'churn_events', count(*) FROM churn_events UNION ALL
  SELECT 'check_in_logs', count(*) FROM check_in_logs UNION ALL
  SELECT 'post_check_in_behavior', count(*) FROM post_check_in_behavior UNION ALL
  SELECT 'control_group', count(*) FROM control_group UNION ALL
  SELECT 'attribution_model', count(*) FROM attribution_model UNION ALL
  SELECT 'health_history', count(*) FROM health_history;

-- Every row is in its table or quarantined: before = after + rejected.
SELECT 'rows kept ' || b.t, a.n + (SELECT count(*) FROM rejected_rows r WHERE r.source_table = b.t), b.n
  FROM before_counts b JOIN after_counts a USING (t);
SELECT 'no table is empty that was not', (SELECT count(*) FROM after_counts a JOIN before_counts b USING (t)
                                           WHERE b.n > 0 AND a.n = 0), 0;
SELECT 'quarantined', (SELECT group_concat(source_table || ': ' || value, ' | ') FROM
                        (SELECT * FROM rejected_rows ORDER BY source_table, value)),
       'accounts: id=5, account=''Money-Text'', name=''Money as text'', segment=''smb'', industry=NULL, '
       || 'csm=NULL, plan=NULL, signup_date=''2025-01-01'', contract_end=NULL, arr=''$48,000.00'', seats_licensed=NULL'
       || ' | accounts: id=6, account=''Feb-30'', name=''An impossible date'', segment=''smb'', industry=NULL, '
       || 'csm=NULL, plan=NULL, signup_date=''2026-02-30'', contract_end=NULL, arr=1200.0, seats_licensed=NULL'
       || ' | invoices: id=' || (SELECT max(id) + 1 FROM invoices) || ', account=''Beta-Inc'', due_date=''2026-06-15'', '
       || 'paid_date=NULL, amount=''3,000'', status=''open'''
       || ' | mrr_snapshots: id=' || (SELECT max(id) + 1 FROM mrr_snapshots) || ', account=''Beta-Inc'', '
       || 'month=''2025-06-01'', mrr=''n/a'', seats=20'
       || ' | support_tickets: id=13, account=''Beta-Inc'', opened_at=''2026-06-01 25:00'', resolved_at=NULL, '
       || 'priority=''high'', escalated=0, csat=NULL, sentiment=NULL'
       || ' | usage_events: id=' || (SELECT max(id) + 1 FROM usage_events) || ', account=''ACME-Corp'', user_id=''u9'', '
       || 'date=''2026-19-39'', feature=''reports'', event_count=3';
SELECT 'quarantine reason', (SELECT group_concat(DISTINCT reason) FROM rejected_rows),
       'schema upgrade: the row fails a check of version 2';
SELECT 'ids kept', (SELECT count(*) FROM before_ids b JOIN accounts a ON a.id = b.id AND a.account = b.k), 4;

-- Every setting is kept.
SELECT 'settings captured', (SELECT count(DISTINCT t) FROM before_settings), 3;
SELECT 'setting kept ' || t || ' ' || v, v IN (SELECT v FROM settings_now n WHERE n.t = b.t)
  FROM before_settings b;
SELECT 'analyst values', (SELECT profile || ' ' || usage_trend_sensitivity FROM cs_settings), 'enterprise 0.3';

-- The new tables and columns are there, and the typed checks hold.
SELECT 'v2 columns', (SELECT group_concat(name, ',') FROM pragma_table_info('support_tickets')),
       'id,account,opened_at,resolved_at,priority,escalated,csat,sentiment,first_response_at,ticket_ref';
SELECT 'v2 tables', (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN
                       ('contacts', 'milestones', 'interventions', 'alert_log', 'rejected_rows')), 5;
SELECT 'indexes rebuilt', (SELECT count(*) FROM sqlite_master WHERE type = 'index'
                            AND name = 'usage_events_account_date'), 1;
-- error: CHECK constraint failed: typeof(arr) IN ('integer', 'real', 'null') AND arr >= 0
INSERT INTO accounts (account, arr) VALUES ('X', '$1');

-- The model still works on the upgraded tables.
SELECT 'model runs', (SELECT count(*) FROM account_health), 4;

-- A second reading changes nothing, and keeps the import settings.
UPDATE import_settings SET date_format = '%m/%d/%Y', decimal_mark = ',' WHERE source_table = 'accounts';
-- include: sql/schema.sql
-- include: sql/model.sql
SELECT 'again rows ' || b.t, a.n + (SELECT count(*) FROM rejected_rows r WHERE r.source_table = b.t), b.n
  FROM before_counts b JOIN after_counts a USING (t);
SELECT 'again quarantine', (SELECT count(*) FROM rejected_rows), 6;
SELECT 'again setting ' || t || ' ' || v, v IN (SELECT v FROM settings_now n WHERE n.t = b.t)
  FROM before_settings b;
SELECT 'import settings kept', (SELECT date_format || ' ' || decimal_mark FROM import_settings
                                  WHERE source_table = 'accounts'), '%m/%d/%Y ,';
SELECT 'catalog rewritten, not doubled', (SELECT count(*) FROM import_columns), 81;
