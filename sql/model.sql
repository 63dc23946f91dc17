-- model.sql -- the customer-health model as SQL (docs/metrics.md).
--
--   sqlite3 cs.db '.load ./build/csmetrics' '.read sql/schema.sql' '.read sql/model.sql'
--   SELECT account, health_score, tier, drivers FROM account_health ORDER BY health_score;
--
-- Settings and the scorecard are tables, so an analyst changes the model
-- with UPDATE and the views follow:
--   cs_settings     one row: as_of (NULL = latest date in the data), profile
--                   (health_score weights: a profile name or a JSON object),
--                   usage_trend_sensitivity (score_trend on the usage score),
--                   tier_cutoffs, at_risk_below (the at-risk line of every
--                   view and report), renewal_horizon_days,
--                   alert_cooldown_days, churn_horizon_days,
--                   missed_churn_cost and false_alarm_cost (the costs the
--                   validation report's threshold sweep minimises)
--   cs_segments     per segment: weights profile and tier cut-offs (NULL:
--                   cs_settings'), CSM check-in cadence
--   health_model    the scorecard: one row per metric, scoring one signal of
--                   account_signals into one of the five components
--   alert_rules     thresholds, severity, owner, SLA and playbook of every
--                   alert
-- and the views:
--   account_signals, account_scores, account_health_alerts, account_health,
--   account_alerts, health_distribution, health_outcomes,
--   health_calibration, kpi_revenue_cube, kpi_cube, portfolio_kpis,
--   portfolio_kpis_by, renewal_pipeline, churn_reasons, health_sparkline (columns and
--   definitions in docs/metrics.md). They use only SQL and the extension's
--   functions, never its virtual tables, so they work with trusted_schema
--   off.
--
-- Re-running the file is safe: cs_settings, cs_segments and alert_rules are
-- rebuilt keeping their rows and values (a database of an earlier release
-- gains the new columns with their defaults), the scorecard's default rows
-- are inserted only when absent (an analyst's UPDATEs stay), and the views
-- are dropped and recreated.

-- Conventions. "Last N days" is after as_of - N days and on or before as_of.
-- Dates are ISO text (sql/schema.sql), compared as text against day
-- boundaries so the (account, date) indexes serve every window. A signal
-- whose source table holds no rows at all (that export was not loaded) is
-- NULL; so is a ratio with nothing to divide by. A metric scored from a NULL
-- signal is NULL and health_score() redistributes its weight -- missing
-- data never counts as a 0.

-- ---------------------------------------------------------------- settings

-- cs_settings and cs_segments gain columns between releases. Re-reading this
-- file rebuilds both from a copy: a column the copy has keeps its value (an
-- analyst's UPDATE survives), a column it lacks takes its default. The
-- defaults live only in the rows named "defaults" below. In
-- (SELECT col FROM copy) the name col binds to the copy's column when the
-- copy has one and to the outer defaults row otherwise, so the same
-- statement is valid on a database of any earlier release.
CREATE TABLE IF NOT EXISTS cs_settings (id INTEGER PRIMARY KEY CHECK (id = 1));
INSERT OR IGNORE INTO cs_settings (id) VALUES (1);
DROP TABLE IF EXISTS temp.cs_settings_kept;
CREATE TEMP TABLE cs_settings_kept AS SELECT * FROM main.cs_settings WHERE id = 1;
DROP TABLE main.cs_settings;
CREATE TABLE main.cs_settings (
  id                      INTEGER PRIMARY KEY CHECK (id = 1),
  as_of                   TEXT,             -- NULL: the latest date in the data
  profile                 TEXT NOT NULL,    -- health_score weights: a profile name or JSON
  usage_trend_sensitivity REAL NOT NULL CHECK (usage_trend_sensitivity >= 0),
  tier_cutoffs            TEXT NOT NULL,    -- health_tier cut-offs of a segment without its own
  at_risk_below           REAL NOT NULL CHECK (at_risk_below BETWEEN 0 AND 100),
  renewal_horizon_days    INTEGER NOT NULL CHECK (renewal_horizon_days > 0),
  alert_cooldown_days     INTEGER NOT NULL CHECK (alert_cooldown_days >= 0),
  churn_horizon_days      INTEGER NOT NULL CHECK (churn_horizon_days > 0),
  missed_churn_cost       REAL NOT NULL CHECK (missed_churn_cost >= 0),
  false_alarm_cost        REAL NOT NULL CHECK (false_alarm_cost >= 0)
);
INSERT INTO main.cs_settings
SELECT 1,
       (SELECT as_of FROM cs_settings_kept),
       (SELECT profile FROM cs_settings_kept),
       (SELECT usage_trend_sensitivity FROM cs_settings_kept),
       (SELECT tier_cutoffs FROM cs_settings_kept),
       (SELECT at_risk_below FROM cs_settings_kept),
       (SELECT renewal_horizon_days FROM cs_settings_kept),
       (SELECT alert_cooldown_days FROM cs_settings_kept),
       (SELECT churn_horizon_days FROM cs_settings_kept),
       (SELECT missed_churn_cost FROM cs_settings_kept),
       (SELECT false_alarm_cost FROM cs_settings_kept)
  FROM (SELECT NULL AS as_of, 'default' AS profile, 0.2 AS usage_trend_sensitivity,
               '[85,70,50,30]' AS tier_cutoffs, 50 AS at_risk_below, 180 AS renewal_horizon_days,
               30 AS alert_cooldown_days, 90 AS churn_horizon_days, 5 AS missed_churn_cost,
               1 AS false_alarm_cost) AS defaults;
DROP TABLE temp.cs_settings_kept;

-- Per segment: the health_score weights profile and tier cut-offs (NULL:
-- those of cs_settings) and the CSM check-in cadence.
CREATE TABLE IF NOT EXISTS cs_segments (segment TEXT PRIMARY KEY);
DROP TABLE IF EXISTS temp.cs_segments_kept;
CREATE TEMP TABLE cs_segments_kept AS SELECT * FROM main.cs_segments;
DROP TABLE main.cs_segments;
CREATE TABLE main.cs_segments (
  segment               TEXT PRIMARY KEY,
  profile               TEXT,
  tier_cutoffs          TEXT,
  checkin_cadence_days  REAL CHECK (checkin_cadence_days > 0)
);
INSERT INTO main.cs_segments
SELECT k.segment,
       (SELECT profile FROM cs_segments_kept x WHERE x.rowid = k.rowid),
       (SELECT tier_cutoffs FROM cs_segments_kept x WHERE x.rowid = k.rowid),
       (SELECT checkin_cadence_days FROM cs_segments_kept x WHERE x.rowid = k.rowid)
  FROM cs_segments_kept k,
       (SELECT NULL AS profile, NULL AS tier_cutoffs, NULL AS checkin_cadence_days) AS defaults;
DROP TABLE temp.cs_segments_kept;
INSERT OR IGNORE INTO cs_segments (segment, checkin_cadence_days) VALUES
  ('enterprise', 30), ('mid_market', 45), ('smb', 90), ('starter', 180);

-- The signal catalog: every signal the scorecard, the drivers and the
-- alerts may name, one row each. A signal's expression lives in one place:
-- a key of account_signals.signal_values (computed from the data), of
-- account_scores.signal_values (kind 'score': from the scores, alerts only),
-- or a row of the view custom_signal_values (an analyst's own signals,
-- without editing this file). Its catalog row gives
--   label  a printf format of the value: the driver phrase and the alert
--          detail (the v1 signals keep their worded phrases in the views);
--   fires  how an alert rule's threshold compares: 'above' (value >
--          threshold), 'at_least' (>=), 'below' (<), 'at_most' (<=);
--          NULL: the signal is not an alert;
--   kind   'data' (may be scored by health_model) or 'score'.
-- Owned by this file, which re-inserts its rows on every read (an
-- analyst's own rows stay).
CREATE TABLE IF NOT EXISTS signal_catalog (
  signal      TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('data', 'score')),
  label       TEXT NOT NULL,
  fires       TEXT CHECK (fires IN ('above', 'at_least', 'below', 'at_most')),
  description TEXT
);
INSERT OR REPLACE INTO signal_catalog (signal, kind, label, fires, description) VALUES
  ('active_users_30d',        'data', '%d active users in 30 days', 'below', 'distinct users with an event in the last 30 days'),
  ('dau_mau_30d',             'data', 'DAU/MAU %.2f', 'below', 'user-days / 30 / active users, last 30 days'),
  ('core_adoption_30d',       'data', 'core adoption %.2f', 'below', 'share of core features used in 30 days'),
  ('events_per_user_day_30d', 'data', '%.1f events per user-day', 'below', 'events / user-days, last 30 days'),
  ('seat_utilisation',        'data', 'seat utilisation %.2f', 'below', 'active users / seats licensed'),
  ('events_30d',              'data', '%d events in 30 days', 'below', 'events in the last 30 days'),
  ('usage_velocity_30d',      'data', 'usage velocity %+.2f (30 days)', 'below', 'events: last 30 days vs the 30 before'),
  ('usage_velocity_90d',      'data', 'usage velocity %+.2f (90 days)', 'below', 'events: last 90 days vs the 90 before'),
  ('days_since_activity',     'data', 'no activity in %d days', 'at_least', 'days since the last event'),
  ('nps_latest',              'data', 'latest NPS %d', 'at_most', 'the latest NPS response'),
  ('nps_trend',               'data', 'NPS moved %+d', 'at_most', 'latest minus previous NPS response'),
  ('checkins_90d',            'data', '%d check-ins in 90 days', 'below', 'CSM check-ins in the last 90 days'),
  ('checkin_cadence_ratio',   'data', 'check-in cadence %.2f', 'below', 'check-ins x segment cadence / 90'),
  ('open_tickets',            'data', '%d open tickets', 'at_least', 'tickets open at as_of'),
  ('tickets_90d',             'data', '%d tickets in 90 days', 'at_least', 'tickets opened in the last 90 days'),
  ('escalations_90d',         'data', '%d escalations in 90 days', 'at_least', 'escalated tickets opened in the last 90 days'),
  ('csat_90d',                'data', 'CSAT %.1f', 'below', 'mean CSAT, last 90 days'),
  ('sentiment_90d',           'data', 'support sentiment %.2f', 'below', 'mean ticket sentiment, last 90 days'),
  ('seat_growth_90d',         'data', 'seats %+.2f in 90 days', 'below', 'seat change over 90 days'),
  ('mrr_change_12m',          'data', 'MRR %+.2f in 12 months', 'below', 'MRR change over 12 months'),
  ('late_invoices_180d',      'data', '%d late or failed invoices in 180 days', 'at_least', 'late or failed invoices due in 180 days'),
  ('days_to_contract_end',    'data', 'contract ends in %d days', 'below', 'days from as_of to contract_end'),
  ('usage_decline',           'data', 'usage down %.2f vs prior 30 days', 'above', 'minus usage_velocity_30d'),
  ('no_activity',             'data', 'no activity in %d days', 'at_least', 'days since the last event'),
  ('negative_nps',            'data', 'detractor NPS response (%d)', 'at_most', 'the latest NPS response'),
  ('low_utilisation',         'data', 'seat utilisation %.2f', 'below', 'active users / seats licensed'),
  ('failed_payment',          'data', '%d failed payments in 90 days', 'at_least', 'invoices with status failed due in the last 90 days'),
  ('escalation',              'data', '%d escalated tickets in 30 days', 'at_least', 'escalated tickets opened in the last 30 days'),
  ('nps_drop',                'data', 'NPS down %d points', 'at_least', 'previous minus latest NPS response of the account'),
  ('champion_left',           'data', '%d champions left in 90 days', 'at_least', 'contacts with is_champion = 1 and left_at in the last 90 days (NULL: no contacts loaded)'),
  ('onboarding_stuck',        'data', 'no onboarding milestone after %d days', 'at_least', 'days since signup of an account with no milestone yet, signed up in the last 180 days (NULL: no milestones loaded)'),
  ('renewal_due',             'data', 'renewal in %d days', 'below', 'days to contract_end, when not past'),
  ('health_drop',             'score', 'health down %.0f points in 30 days', 'above', 'previous_score minus health_score'),
  ('low_health',              'score', 'health %.0f', 'below', 'the health score'),
  ('renewal_risk',            'score', 'renewal at health %.0f', 'below', 'the health score of an account whose contract has not ended (the rule''s window_days limits the days to renewal)'),
  ('tier_change',             'score', 'down %d tiers since the previous score', 'at_least', 'tiers down from previous_score''s tier to today''s (cut-offs of today)');

-- An analyst's own signals: (account, signal, value) rows, one per signal
-- and account, as of cs_as_of. Empty here and created only when absent, so
-- a redefinition survives re-reading this file. Each signal also needs its
-- signal_catalog row. It should read the base tables (account_scores reads
-- it once per account).
CREATE VIEW IF NOT EXISTS custom_signal_values AS
SELECT NULL AS account, NULL AS signal, NULL AS value WHERE 0;

-- The scorecard. A metric's score is
--   linear:  score_linear(value, target)
--   inverse: score_inverse(value, worst, best)
--   steps:   score_steps(value, steps)
-- and a component's score is the weight-averaged score of its metrics that
-- have one (weight is relative within the component; 0 switches a metric
-- off). The components are then combined by health_score() with the weights
-- of cs_settings.profile.
CREATE TABLE IF NOT EXISTS health_model (metric TEXT PRIMARY KEY);
DROP TABLE IF EXISTS temp.health_model_kept;
CREATE TEMP TABLE health_model_kept AS SELECT * FROM main.health_model;
DROP TABLE main.health_model;
CREATE TABLE main.health_model (
  metric    TEXT PRIMARY KEY,
  signal    TEXT NOT NULL,   -- a signal_catalog row of kind 'data'
  component TEXT NOT NULL CHECK (component IN ('usage', 'engagement', 'growth', 'support', 'financial')),
  weight    REAL NOT NULL CHECK (weight >= 0),
  method    TEXT NOT NULL CHECK (method IN ('linear', 'inverse', 'steps')),
  target    REAL,            -- linear
  worst     REAL,            -- inverse
  best      REAL,            -- inverse (NULL = 0)
  steps     TEXT,            -- steps: JSON [[threshold, score], ...], descending
  CHECK (method <> 'linear' OR target IS NOT NULL),
  CHECK (method <> 'inverse' OR worst IS NOT NULL),
  CHECK (method <> 'steps' OR steps IS NOT NULL)
);
INSERT INTO main.health_model
SELECT k.metric,
       (SELECT signal FROM health_model_kept x WHERE x.rowid = k.rowid),
       (SELECT component FROM health_model_kept x WHERE x.rowid = k.rowid),
       (SELECT weight FROM health_model_kept x WHERE x.rowid = k.rowid),
       (SELECT method FROM health_model_kept x WHERE x.rowid = k.rowid),
       (SELECT target FROM health_model_kept x WHERE x.rowid = k.rowid),
       (SELECT worst FROM health_model_kept x WHERE x.rowid = k.rowid),
       (SELECT best FROM health_model_kept x WHERE x.rowid = k.rowid),
       (SELECT steps FROM health_model_kept x WHERE x.rowid = k.rowid)
  FROM health_model_kept k,
       (SELECT NULL AS signal, NULL AS component, NULL AS weight, NULL AS method, NULL AS target, NULL AS worst, NULL AS best, NULL AS steps) AS defaults;
DROP TABLE temp.health_model_kept;
CREATE TRIGGER health_model_known_signal BEFORE INSERT ON health_model
WHEN NOT EXISTS (SELECT 1 FROM signal_catalog WHERE signal = NEW.signal AND kind = 'data')
BEGIN SELECT RAISE(ABORT, 'health_model: unknown signal (not a data signal of signal_catalog)'); END;
CREATE TRIGGER health_model_known_signal_update BEFORE UPDATE OF signal ON health_model
WHEN NOT EXISTS (SELECT 1 FROM signal_catalog WHERE signal = NEW.signal AND kind = 'data')
BEGIN SELECT RAISE(ABORT, 'health_model: unknown signal (not a data signal of signal_catalog)'); END;
INSERT OR IGNORE INTO health_model (metric, signal, component, weight, method, target, worst, best, steps) VALUES
  ('dau_mau',         'dau_mau_30d',             'usage',      35, 'linear',  0.40, NULL, NULL, NULL),
  ('core_adoption',   'core_adoption_30d',       'usage',      25, 'linear',  0.80, NULL, NULL, NULL),
  ('depth',           'events_per_user_day_30d', 'usage',      20, 'linear',  8,    NULL, NULL, NULL),
  ('recency',         'days_since_activity',     'usage',      20, 'inverse', NULL, 30,   0,    NULL),
  ('nps',             'nps_latest',              'engagement', 50, 'steps',   NULL, NULL, NULL, '[[9,100],[7,75],[5,40],[3,20]]'),
  ('checkin_cadence', 'checkin_cadence_ratio',   'engagement', 50, 'linear',  1,    NULL, NULL, NULL),
  ('seat_growth',     'seat_growth_90d',         'growth',     30, 'steps',   NULL, NULL, NULL, '[[0.1,100],[0,75],[-0.1,40],[-0.25,20]]'),
  ('usage_trend',     'usage_velocity_90d',      'growth',     40, 'steps',   NULL, NULL, NULL, '[[0.15,100],[0,80],[-0.1,60],[-0.25,35],[-0.5,15]]'),
  ('mrr_expansion',   'mrr_change_12m',          'growth',     30, 'steps',   NULL, NULL, NULL, '[[0.2,100],[0.05,85],[0,70],[-0.1,40],[-0.3,20]]'),
  ('sentiment',       'sentiment_90d',           'support',    25, 'steps',   NULL, NULL, NULL, '[[0.5,100],[0.25,80],[0,60],[-0.25,35],[-0.5,15]]'),
  ('csat',            'csat_90d',                'support',    25, 'steps',   NULL, NULL, NULL, '[[4.5,100],[4,80],[3.5,60],[3,40],[2,20]]'),
  ('escalations',     'escalations_90d',         'support',    25, 'inverse', NULL, 3,    0,    NULL),
  ('open_tickets',    'open_tickets',            'support',    25, 'inverse', NULL, 10,   0,    NULL),
  ('payments',        'late_invoices_180d',      'financial',  70, 'inverse', NULL, 3,    0,    NULL),
  ('contract_runway', 'days_to_contract_end',    'financial',  30, 'steps',   NULL, NULL, NULL, '[[90,100],[30,75],[0,50]]');

-- The alerts. A rule fires for an account when its signal's value compares
-- with threshold as signal_catalog.fires says (e.g. 'above': value >
-- threshold) and, when window_days is set, the contract ends within
-- window_days (0 <= days_to_contract_end < window_days). owner 'csm'
-- means the account's CSM. playbook is what to do: an account's action is
-- the playbook of its most severe alert (NULL: its tier's action). Rebuilt
-- like cs_settings: the rules of the database are kept as they are (an
-- earlier release's rows gain the default playbook of their rule), and a
-- default rule missing from them is added.
CREATE TABLE IF NOT EXISTS alert_rules (signal TEXT NOT NULL, severity TEXT NOT NULL,
                                        PRIMARY KEY (signal, severity));
DROP TABLE IF EXISTS temp.alert_rules_kept;
CREATE TEMP TABLE alert_rules_kept AS SELECT * FROM main.alert_rules;
DROP TABLE main.alert_rules;
CREATE TABLE main.alert_rules (
  signal      TEXT NOT NULL,
  severity    TEXT NOT NULL CHECK (severity IN ('Critical', 'High', 'Warning')),
  threshold   REAL NOT NULL,
  window_days INTEGER,
  owner       TEXT NOT NULL,
  sla         TEXT NOT NULL,
  playbook    TEXT,
  PRIMARY KEY (signal, severity)
);
WITH
defaults(signal, severity, threshold, window_days, owner, sla, playbook) AS (VALUES
  ('usage_decline',   'Critical', 0.50, NULL, 'CS manager', '24 hours', 'Executive call: usage recovery plan'),
  ('usage_decline',   'High',     0.25, NULL, 'csm',        '48 hours', 'Usage review call: find what changed'),
  ('no_activity',     'High',     30,   NULL, 'csm',        '48 hours', 'Re-engage admin and champion'),
  ('no_activity',     'Warning',  14,   NULL, 'csm',        '5 days',   'Check in with the admin'),
  ('health_drop',     'Critical', 25,   NULL, 'CS manager', '24 hours', 'Escalate: review the drivers today'),
  ('health_drop',     'High',     15,   NULL, 'csm',        '48 hours', 'Review the drivers, call the champion'),
  ('low_health',      'High',     40,   NULL, 'csm',        '48 hours', 'Risk review and success plan'),
  ('negative_nps',    'Warning',  6,    NULL, 'csm',        '5 days',   'Close the loop on the NPS response'),
  ('low_utilisation', 'Warning',  0.50, NULL, 'csm',        '14 days',  'Adoption campaign for unused seats'),
  ('renewal_risk',    'Critical', 60,   90,   'CS manager', '24 hours', 'Renewal save plan with the sponsor'),
  ('failed_payment',   'High',     1,    NULL, 'Finance',    '48 hours', 'Fix the payment method with billing'),
  ('escalation',       'High',     1,    NULL, 'CS manager', '24 hours', 'Join the escalation, set a fix date'),
  ('nps_drop',         'Warning',  3,    NULL, 'csm',        '5 days',   'Ask what changed since the survey'),
  ('tier_change',      'Warning',  1,    NULL, 'csm',        '5 days',   'Review the drivers of the new tier'),
  ('champion_left',    'High',     1,    NULL, 'csm',        '48 hours', 'Find and onboard a new champion'),
  ('onboarding_stuck', 'High',     60,   NULL, 'Onboarding', '48 hours', 'Onboarding rescue: kickoff again'),
  ('onboarding_stuck', 'Warning',  30,   NULL, 'Onboarding', '5 days',   'Unblock the first milestone'),
  ('renewal_due',      'Warning',  90,   NULL, 'csm',        '14 days',  'Start the renewal conversation')),
rules AS (SELECT signal, severity FROM alert_rules_kept UNION SELECT signal, severity FROM defaults)
INSERT INTO main.alert_rules
SELECT r.signal, r.severity,
       CASE WHEN k.rowid IS NULL THEN d.threshold
            ELSE (SELECT threshold FROM alert_rules_kept x WHERE x.rowid = k.rowid) END,
       CASE WHEN k.rowid IS NULL THEN d.window_days
            ELSE (SELECT window_days FROM alert_rules_kept x WHERE x.rowid = k.rowid) END,
       CASE WHEN k.rowid IS NULL THEN d.owner
            ELSE (SELECT owner FROM alert_rules_kept x WHERE x.rowid = k.rowid) END,
       CASE WHEN k.rowid IS NULL THEN d.sla
            ELSE (SELECT sla FROM alert_rules_kept x WHERE x.rowid = k.rowid) END,
       CASE WHEN k.rowid IS NULL THEN d.playbook
            ELSE (SELECT playbook FROM alert_rules_kept x WHERE x.rowid = k.rowid) END
  FROM rules r
  LEFT JOIN alert_rules_kept k ON k.signal = r.signal AND k.severity = r.severity
  LEFT JOIN defaults d ON d.signal = r.signal AND d.severity = r.severity
 WHERE r.signal IN (SELECT signal FROM signal_catalog WHERE fires IS NOT NULL);
-- A kept rule of a signal that cannot alert (an earlier release accepted
-- any name and ignored it) goes to the quarantine with its values.
INSERT INTO rejected_rows (source_table, value, reason, imported_at)
SELECT 'alert_rules', 'signal=' || quote(signal) || ', severity=' || quote(severity),
       'model upgrade: alert rule of a signal not in signal_catalog', datetime('now')
  FROM alert_rules_kept
 WHERE signal NOT IN (SELECT signal FROM signal_catalog WHERE fires IS NOT NULL);
DROP TABLE temp.alert_rules_kept;
CREATE TRIGGER alert_rules_known_signal BEFORE INSERT ON alert_rules
WHEN NOT EXISTS (SELECT 1 FROM signal_catalog WHERE signal = NEW.signal AND fires IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'alert_rules: unknown signal (not an alert signal of signal_catalog)'); END;
CREATE TRIGGER alert_rules_known_signal_update BEFORE UPDATE OF signal ON alert_rules
WHEN NOT EXISTS (SELECT 1 FROM signal_catalog WHERE signal = NEW.signal AND fires IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'alert_rules: unknown signal (not an alert signal of signal_catalog)'); END;

-- The dates sql/snapshot.sql ran for (new_alerts shows the latest run's).
CREATE TABLE IF NOT EXISTS snapshot_runs (run_date TEXT PRIMARY KEY);

-- ------------------------------------------------------------------- views

-- The model's date: cs_settings.as_of, else the latest activity in the data
-- (usage, NPS, tickets, check-ins; not invoices, contracts or history,
-- which can lie in the future).
DROP VIEW IF EXISTS cs_as_of;
CREATE VIEW cs_as_of AS
SELECT date(coalesce(
         (SELECT as_of FROM cs_settings WHERE id = 1),
         (SELECT max(d) FROM (SELECT max(date) AS d FROM usage_events
                              UNION ALL SELECT max(response_date) FROM nps_responses
                              UNION ALL SELECT max(opened_at) FROM support_tickets
                              UNION ALL SELECT max(date) FROM check_in_logs)))) AS as_of;

DROP VIEW IF EXISTS account_signals;
CREATE VIEW account_signals AS
WITH
-- The window boundaries: a day d is in the last N days when
-- d >= as_of - (N-1) days and d < as_of + 1 day (text comparison, so a
-- 'YYYY-MM-DD HH:MM' value falls in its day).
p AS MATERIALIZED (
  SELECT as_of,
         date(as_of, '+1 day')   AS d_end,
         date(as_of, '-29 days') AS d30,
         date(as_of, '-59 days') AS d60,
         date(as_of, '-89 days') AS d90,
         date(as_of, '-179 days') AS d180,
         date(as_of, '-90 days', '+1 day') AS d90_end,   -- day after as_of - 90
         date(as_of, 'start of month') AS m1,
         date(as_of, 'start of month', '-12 months') AS m0,
         EXISTS (SELECT 1 FROM usage_events)    AS has_usage,
         EXISTS (SELECT 1 FROM support_tickets) AS has_tickets,
         EXISTS (SELECT 1 FROM check_in_logs)   AS has_checkins,
         EXISTS (SELECT 1 FROM invoices)        AS has_invoices,
         EXISTS (SELECT 1 FROM contacts)        AS has_contacts,
         EXISTS (SELECT 1 FROM milestones)      AS has_milestones,
         (SELECT count(*) FROM features WHERE class = 'core') AS n_core
    FROM cs_as_of),
-- One account at a time. u below is an aggregate grouped by account, and
-- the stages after it are plain projections of it, each read once: SQLite
-- then moves a caller's WHERE on account into u (a GROUP BY column), so
-- SELECT ... WHERE account = ? reads that account's index ranges only (a
-- MATERIALIZED or twice-read stage would be computed whole first). Every
-- per-account lookup is a correlated subquery in u's select list, where it
-- runs once per account (in a later projection it would run once per use).
--
-- u: the active accounts (signed up on or before as_of, or signup unknown,
-- and no cancel on or before as_of) with their usage over the last 180
-- days: one range of the covering (account, date, ...) index per account.
-- usage_rows is 0 when the account has no usage in the 180 days (then the
-- usage figures are NULL, as if the account had no usage group).
u AS (
  SELECT a.account, a.name, a.segment, a.csm, a.plan, a.arr, a.seats_licensed,
         a.signup_date, a.contract_end,
         count(e.account) AS usage_rows,
         count(DISTINCT CASE WHEN e.date >= p.d30 THEN e.user_id END) AS active_users,
         count(DISTINCT CASE WHEN e.date >= p.d30
                             THEN e.user_id || char(31) || substr(e.date, 1, 10) END) AS user_days,
         count(DISTINCT CASE WHEN e.date >= p.d30
                              AND e.feature IN (SELECT feature FROM features WHERE class = 'core')
                             THEN e.feature END) AS core_features,
         total(CASE WHEN e.date >= p.d30 THEN e.event_count END) AS events_30,
         total(CASE WHEN e.date >= p.d60 AND e.date < p.d30 THEN e.event_count END) AS events_prior_30,
         total(CASE WHEN e.date >= p.d90 THEN e.event_count END) AS events_90,
         total(CASE WHEN e.date < p.d90 THEN e.event_count END) AS events_prior_90,
         -- tickets opened on or before as_of (one range of the (account,
         -- opened_at) index each; NULL when the account has none)
         (SELECT sum(k.resolved_at IS NULL OR k.resolved_at >= p.d_end) FROM support_tickets k
           WHERE k.account = a.account AND k.opened_at < p.d_end) AS open_tickets,
         (SELECT count(*) FROM support_tickets k
           WHERE k.account = a.account AND k.opened_at >= p.d90 AND k.opened_at < p.d_end) AS tickets_90d,
         (SELECT sum(k.escalated = 1) FROM support_tickets k
           WHERE k.account = a.account AND k.opened_at >= p.d90 AND k.opened_at < p.d_end) AS escalations_90d,
         (SELECT sum(k.escalated = 1) FROM support_tickets k
           WHERE k.account = a.account AND k.opened_at >= p.d30 AND k.opened_at < p.d_end) AS escalations_30d,
         (SELECT avg(k.csat) FROM support_tickets k
           WHERE k.account = a.account AND k.opened_at >= p.d90 AND k.opened_at < p.d_end) AS csat_90d,
         (SELECT avg(k.sentiment) FROM support_tickets k
           WHERE k.account = a.account AND k.opened_at >= p.d90 AND k.opened_at < p.d_end) AS sentiment_90d,
         (SELECT max(e.date) FROM usage_events e
           WHERE e.account = a.account AND e.date < p.d_end) AS last_activity,
         (SELECT n.score FROM nps_responses n
           WHERE n.account = a.account AND n.response_date < p.d_end
           ORDER BY n.response_date DESC, n.id DESC LIMIT 1) AS nps_latest,
         (SELECT n.score FROM nps_responses n
           WHERE n.account = a.account AND n.response_date < p.d_end
           ORDER BY n.response_date DESC, n.id DESC LIMIT 1 OFFSET 1) AS nps_previous,
         (SELECT count(*) FROM check_in_logs c
           WHERE c.account = a.account AND c.date >= p.d90 AND c.date < p.d_end) AS checkins,
         (SELECT count(*) FROM invoices i
           WHERE i.account = a.account AND i.due_date >= p.d90 AND i.due_date < p.d_end
             AND i.status = 'failed') AS failed_invoices_90d,
         (SELECT count(*) FROM contacts c
           WHERE c.account = a.account AND c.is_champion = 1
             AND c.left_at >= p.d90 AND c.left_at < p.d_end) AS champions_left,
         (SELECT min(m.achieved_at) FROM milestones m
           WHERE m.account = a.account AND m.achieved_at < p.d_end) AS first_milestone,
         (SELECT m.seats FROM mrr_snapshots m
           WHERE m.account = a.account AND m.month < p.d_end
           ORDER BY m.month DESC LIMIT 1) AS seats_now,
         (SELECT m.seats FROM mrr_snapshots m
           WHERE m.account = a.account AND m.month < p.d90_end
           ORDER BY m.month DESC LIMIT 1) AS seats_then,
         (SELECT sum(m.mrr) FROM mrr_snapshots m
           WHERE m.account = a.account AND m.month >= p.m1
             AND m.month < date(p.m1, '+1 day')) AS mrr_m1,
         (SELECT sum(m.mrr) FROM mrr_snapshots m
           WHERE m.account = a.account AND m.month >= p.m0
             AND m.month < date(p.m0, '+1 day')) AS mrr_m0,
         (SELECT count(*) FROM invoices i
           WHERE i.account = a.account AND i.due_date >= p.d180 AND i.due_date < p.d_end) AS invoices,
         (SELECT count(*) FROM invoices i
           WHERE i.account = a.account AND i.due_date >= p.d180 AND i.due_date < p.d_end
             AND i.status IN ('late', 'failed')) AS late_invoices
    FROM accounts a CROSS JOIN p
    LEFT JOIN usage_events e ON e.account = a.account AND e.date >= p.d180 AND e.date < p.d_end
   WHERE (a.signup_date IS NULL OR a.signup_date < p.d_end)
     AND NOT EXISTS (SELECT 1 FROM churn_events c
                      WHERE c.account = a.account AND c.kind = 'cancel'
                        AND c.churn_date < p.d_end)
   GROUP BY a.account),
-- One row per active account with the raw inputs of the derived signals.
r AS (
  SELECT u.account, u.name, u.segment, u.csm, u.plan, u.arr, u.seats_licensed,
         u.signup_date, u.contract_end, p.as_of,
         CASE WHEN p.has_usage THEN u.active_users END AS active_users_30d,
         CASE WHEN u.usage_rows > 0 THEN u.user_days END AS user_days,
         CASE WHEN u.usage_rows > 0 THEN u.core_features END AS core_features,
         p.n_core, p.has_usage, p.has_tickets, p.has_checkins,
         CASE WHEN p.has_usage THEN CASE WHEN u.usage_rows > 0 THEN u.events_30 ELSE 0 END END AS events_30d,
         CASE WHEN p.has_usage THEN CASE WHEN u.usage_rows > 0 THEN u.events_prior_30 ELSE 0 END END
           AS events_prior_30d,
         CASE WHEN p.has_usage THEN CASE WHEN u.usage_rows > 0 THEN u.events_90 ELSE 0 END END AS events_90d,
         CASE WHEN p.has_usage THEN CASE WHEN u.usage_rows > 0 THEN u.events_prior_90 ELSE 0 END END
           AS events_prior_90d,
         u.last_activity, u.nps_latest, u.nps_previous, u.checkins,
         g.checkin_cadence_days,
         u.open_tickets,
         u.tickets_90d, u.escalations_90d, u.csat_90d, u.sentiment_90d,
         u.escalations_30d, p.has_invoices, p.has_contacts, p.has_milestones,
         u.failed_invoices_90d, u.champions_left, u.first_milestone, u.seats_now, u.seats_then,
         u.mrr_m1, u.mrr_m0, u.invoices, u.late_invoices
    FROM u CROSS JOIN p
    LEFT JOIN cs_segments g ON g.segment = u.segment),
sig AS (
SELECT account, name, segment, csm, plan, arr, seats_licensed, signup_date, contract_end, as_of,
       -- usage, last 30 days
       active_users_30d,
       CASE WHEN has_usage THEN
         CASE WHEN active_users_30d > 0 THEN (user_days / 30.0) / active_users_30d ELSE 0.0 END
       END AS dau_mau_30d,
       CASE WHEN has_usage AND n_core > 0 THEN coalesce(core_features, 0) * 1.0 / n_core END
         AS core_adoption_30d,
       CASE WHEN user_days > 0 THEN events_30d / user_days END AS events_per_user_day_30d,
       CASE WHEN seats_licensed > 0 THEN active_users_30d * 1.0 / seats_licensed END
         AS seat_utilisation,
       events_30d, events_prior_30d,
       usage_velocity(events_30d, events_prior_30d) AS usage_velocity_30d,
       usage_velocity(events_90d, events_prior_90d) AS usage_velocity_90d,
       date(last_activity) AS last_activity,
       CASE WHEN has_usage THEN
         CAST(julianday(as_of) - julianday(date(coalesce(last_activity, signup_date))) AS INTEGER)
       END AS days_since_activity,
       -- engagement
       nps_latest,
       nps_latest - nps_previous AS nps_trend,
       CASE WHEN has_checkins THEN checkins END AS checkins_90d,
       CASE WHEN has_checkins THEN checkins * checkin_cadence_days / 90.0 END
         AS checkin_cadence_ratio,
       -- support, last 90 days (open tickets: open at as_of, any age)
       CASE WHEN has_tickets THEN coalesce(open_tickets, 0) END AS open_tickets,
       CASE WHEN has_tickets THEN coalesce(tickets_90d, 0) END AS tickets_90d,
       CASE WHEN has_tickets THEN coalesce(escalations_90d, 0) END AS escalations_90d,
       csat_90d, sentiment_90d,
       -- growth
       seats_now,
       CASE WHEN seats_then > 0 THEN (seats_now - seats_then) * 1.0 / seats_then END
         AS seat_growth_90d,
       mrr_m1 AS mrr,
       CASE WHEN mrr_m0 > 0 THEN (coalesce(mrr_m1, 0) - mrr_m0) / mrr_m0 END AS mrr_change_12m,
       -- financial
       CASE WHEN invoices > 0 THEN late_invoices END AS late_invoices_180d,
       CAST(julianday(date(contract_end)) - julianday(as_of) AS INTEGER) AS days_to_contract_end,
       -- v2 signals
       nps_previous - nps_latest AS nps_drop,
       CASE WHEN has_tickets THEN coalesce(escalations_30d, 0) END AS escalations_30d,
       CASE WHEN has_invoices THEN failed_invoices_90d END AS failed_payments_90d,
       CASE WHEN has_contacts THEN champions_left END AS champions_left_90d,
       date(first_milestone) AS first_milestone,
       CASE WHEN has_milestones AND first_milestone IS NULL
             AND julianday(as_of) - julianday(date(signup_date)) BETWEEN 0 AND 180
            THEN CAST(julianday(as_of) - julianday(date(signup_date)) AS INTEGER) END
         AS days_without_milestone
  FROM r)
-- signal_values: every data signal of signal_catalog by name, the one place
-- its expression is chosen (health_model and alert_rules read it by name),
-- as text '|name=value|name=value|...|', each value as quote() writes it
-- (NULL as NULL). Text, not JSON: SQLite's JSON functions may not be used
-- in a view with trusted_schema off. A reader takes the value after
-- '|name=' up to the next '|' (NULL when the name is absent).
SELECT sig.*,
       '|active_users_30d=' || quote(active_users_30d) ||
       '|dau_mau_30d=' || quote(dau_mau_30d) ||
       '|core_adoption_30d=' || quote(core_adoption_30d) ||
       '|events_per_user_day_30d=' || quote(events_per_user_day_30d) ||
       '|seat_utilisation=' || quote(seat_utilisation) ||
       '|events_30d=' || quote(events_30d) ||
       '|usage_velocity_30d=' || quote(usage_velocity_30d) ||
       '|usage_velocity_90d=' || quote(usage_velocity_90d) ||
       '|days_since_activity=' || quote(days_since_activity) ||
       '|nps_latest=' || quote(nps_latest) ||
       '|nps_trend=' || quote(nps_trend) ||
       '|checkins_90d=' || quote(checkins_90d) ||
       '|checkin_cadence_ratio=' || quote(checkin_cadence_ratio) ||
       '|open_tickets=' || quote(open_tickets) ||
       '|tickets_90d=' || quote(tickets_90d) ||
       '|escalations_90d=' || quote(escalations_90d) ||
       '|csat_90d=' || quote(csat_90d) ||
       '|sentiment_90d=' || quote(sentiment_90d) ||
       '|seat_growth_90d=' || quote(seat_growth_90d) ||
       '|mrr_change_12m=' || quote(mrr_change_12m) ||
       '|late_invoices_180d=' || quote(late_invoices_180d) ||
       '|days_to_contract_end=' || quote(days_to_contract_end) ||
       '|usage_decline=' || quote(-usage_velocity_30d) ||
       '|no_activity=' || quote(days_since_activity) ||
       '|negative_nps=' || quote(nps_latest) ||
       '|low_utilisation=' || quote(seat_utilisation) ||
       '|failed_payment=' || quote(failed_payments_90d) ||
       '|escalation=' || quote(escalations_30d) ||
       '|nps_drop=' || quote(nps_drop) ||
       '|champion_left=' || quote(champions_left_90d) ||
       '|onboarding_stuck=' || quote(days_without_milestone) ||
       '|renewal_due=' || quote(CASE WHEN days_to_contract_end >= 0 THEN days_to_contract_end END) || '|'
         AS signal_values
  FROM sig;

-- account_scores: the scorecard applied to account_signals (no alerts yet):
-- components, health score, tier, trend, drivers and churn probability.
-- account_health and account_alerts both read it once, through
-- account_health_alerts.
DROP VIEW IF EXISTS account_health;
DROP VIEW IF EXISTS account_scores;
CREATE VIEW account_scores AS
WITH
cfg AS MATERIALIZED (SELECT profile, usage_trend_sensitivity AS sens, tier_cutoffs, at_risk_below
                       FROM cs_settings WHERE id = 1),
-- The observed churn rate of each score band (portfolio cut-offs).
cal AS MATERIALIZED (SELECT tier, rate FROM health_calibration),
-- Tier bands, best first (tier_change counts the bands an account fell).
bands(band, tier) AS (VALUES (1, 'Thriving'), (2, 'Healthy'), (3, 'Neutral'), (4, 'At-Risk'),
                             (5, 'Critical')),
-- One account at a time, as in account_signals: each stage is read once
-- and SQLite moves a caller's WHERE on account down to account_signals.
-- The window function over PARTITION BY account (one row each) in s, c
-- and o keeps a stage's columns computed once per account: SQLite does
-- not inline such a stage into the next one (where each use of a column
-- would compute it again), and still moves a WHERE on account, a
-- PARTITION BY column, into it.
-- s: signal_values with the analyst's custom_signal_values (sv), and the
-- account's weights profile and tier cut-offs (its segment's, else
-- cs_settings'). The profile is checked here, before anything reads it, so
-- that a bad one is reported by health_score (the figure it breaks):
-- health_score of no components is NULL for a valid profile.
s AS (
  SELECT a.account, a.name, a.segment, a.csm, a.arr, a.as_of, a.contract_end,
         a.usage_velocity_30d, a.days_since_activity, a.nps_latest, a.active_users_30d,
         a.seats_licensed, a.seat_utilisation, a.days_to_contract_end, a.events_30d,
         a.events_prior_30d,
         a.signal_values
                || coalesce((SELECT group_concat(x.signal || '=' || quote(x.value), '|') || '|'
                               FROM custom_signal_values x WHERE x.account = a.account), '') AS sv,
         coalesce(health_score(NULL, NULL, NULL, NULL, NULL, coalesce(g.profile, cfg.profile)),
                  coalesce(g.profile, cfg.profile)) AS profile,
         coalesce(g.tier_cutoffs, cfg.tier_cutoffs) AS cutoffs,
         count(*) OVER (PARTITION BY a.account) AS one
    FROM account_signals a CROSS JOIN cfg
    LEFT JOIN cs_segments g ON g.segment = a.segment),
-- ms: the scorecard of the account whose row reads it (s, correlated: it
-- is expanded at each use, NOT MATERIALIZED), one row per metric with the
-- signal's value (the text after '|signal=' in sv) and the metric's score.
-- GROUP BY metric (the primary key: no sort) makes SQLite compute value
-- once per metric rather than inline its expression at each use.
ms AS NOT MATERIALIZED (
  SELECT h.metric, h.signal, h.component, h.weight, h.value,
         CASE h.method
           WHEN 'linear'  THEN score_linear(h.value, h.target)
           WHEN 'inverse' THEN score_inverse(h.value, h.worst, coalesce(h.best, 0))
           WHEN 'steps'   THEN score_steps(h.value, h.steps)
         END AS score
    FROM (SELECT h.metric, h.signal, h.component, h.weight, h.method, h.target, h.worst, h.best,
                 h.steps,
                 CASE WHEN instr(s.sv, '|' || h.signal || '=') > 0 THEN
                   nullif(substr(substr(s.sv, instr(s.sv, '|' || h.signal || '=') + length(h.signal) + 2), 1,
                               instr(substr(s.sv, instr(s.sv, '|' || h.signal || '=') + length(h.signal) + 2), '|') - 1),
                        'NULL') + 0 END AS value
            FROM health_model h WHERE h.weight > 0 GROUP BY h.metric) h),
-- c: per account, the scorecard computed once (one read of ms) into
-- "scored": the five component scores before the usage trend, each
-- quote()d and padded to 30 characters (quote() writes a REAL that reads
-- back to the same value), then '~' and the drivers when there are any.
-- A component's score is the weighted mean of its metrics that have a
-- score. Drivers: each scored metric's loss is the points it takes off the
-- health score, (100 - score) x its share of the total weight (its weight
-- within the component -- w_component, over the component's metrics that
-- have a score -- x the component's share, read from health_coverage so
-- that any profile or JSON weights work), over the coverage; the three
-- largest losses of metrics scored below 70, worded (none when the
-- coverage is 0). Within an account the coverage divides every loss alike,
-- so the ranking here leaves it out and sc applies the coverage rule.
c AS (
  SELECT s.*,
         (SELECT printf('%-30s%-30s%-30s%-30s%-30s',
                        quote(max(CASE component WHEN 'usage' THEN t_component / w_component END)),
                        quote(max(CASE component WHEN 'engagement' THEN t_component / w_component END)),
                        quote(max(CASE component WHEN 'growth' THEN t_component / w_component END)),
                        quote(max(CASE component WHEN 'support' THEN t_component / w_component END)),
                        quote(max(CASE component WHEN 'financial' THEN t_component / w_component END)))
                   || coalesce('~' || (max(CASE WHEN rank = 1 THEN phrase END)
                                         || coalesce('; ' || max(CASE WHEN rank = 2 THEN phrase END), '')
                                         || coalesce('; ' || max(CASE WHEN rank = 3 THEN phrase END), '')), '')
            -- the phrase is worded for the three ranked first only
            FROM (SELECT r.component, r.t_component, r.w_component, r.rank,
                    CASE signal
                      WHEN 'dau_mau_30d' THEN printf('low daily use (DAU/MAU %d%%)', round(100 * value))
                      WHEN 'core_adoption_30d' THEN printf('uses %d%% of core features', round(100 * value))
                      WHEN 'events_per_user_day_30d' THEN printf('shallow use (%.1f events per user-day)', value)
                      WHEN 'days_since_activity' THEN printf('no activity in %d days', value)
                      WHEN 'nps_latest' THEN printf('%s NPS (%d)', CASE WHEN value <= 6 THEN 'detractor' ELSE 'passive' END, value)
                      WHEN 'checkin_cadence_ratio' THEN
                        CASE WHEN value = 0 THEN 'no CSM check-in in 90 days'
                             ELSE printf('check-ins behind cadence (%d%%)', round(100 * value)) END
                      WHEN 'seat_growth_90d' THEN
                        CASE WHEN round(-100 * value) >= 1 THEN printf('seats down %d%% in 90 days', round(-100 * value))
                             ELSE 'no seat growth in 90 days' END
                      WHEN 'usage_velocity_90d' THEN
                        CASE WHEN round(-100 * value) >= 1 THEN printf('usage down %d%% vs prior 90 days', round(-100 * value))
                             ELSE 'usage flat vs prior 90 days' END
                      WHEN 'usage_velocity_30d' THEN
                        CASE WHEN round(-100 * value) >= 1 THEN printf('usage down %d%% vs prior 30 days', round(-100 * value))
                             ELSE 'usage flat vs prior 30 days' END
                      WHEN 'mrr_change_12m' THEN
                        CASE WHEN round(-100 * value) >= 1 THEN printf('MRR down %d%% in 12 months', round(-100 * value))
                             ELSE 'MRR flat over 12 months' END
                      WHEN 'sentiment_90d' THEN
                        printf('%s support sentiment (%.2f)', CASE WHEN value < 0 THEN 'negative' ELSE 'lukewarm' END, value)
                      WHEN 'csat_90d' THEN printf('low CSAT (%.1f)', value)
                      WHEN 'escalations_90d' THEN printf('%d escalation%s in 90 days', value, CASE WHEN value = 1 THEN '' ELSE 's' END)
                      WHEN 'open_tickets' THEN printf('%d open ticket%s', value, CASE WHEN value = 1 THEN '' ELSE 's' END)
                      WHEN 'late_invoices_180d' THEN printf('%d late or failed invoice%s in 180 days', value, CASE WHEN value = 1 THEN '' ELSE 's' END)
                      WHEN 'days_to_contract_end' THEN
                        CASE WHEN value < 0 THEN 'contract expired' ELSE printf('contract ends in %d days', value) END
                      ELSE printf((SELECT label FROM signal_catalog k WHERE k.signal = r.signal), value)
                    END AS phrase
                    FROM (SELECT r.component, r.t_component, r.w_component, r.signal, r.value,
                                 CASE WHEN r.loss IS NOT NULL
                                      THEN row_number() OVER (ORDER BY r.loss IS NULL, r.loss DESC, r.metric)
                                 END AS rank
                            FROM (SELECT r.*,
                                         CASE WHEN r.score < 70 THEN
                                           (100 - r.score) * r.weight / r.w_component
                                             * health_coverage(CASE r.component WHEN 'usage' THEN 0 END,
                                                               CASE r.component WHEN 'engagement' THEN 0 END,
                                                               CASE r.component WHEN 'growth' THEN 0 END,
                                                               CASE r.component WHEN 'support' THEN 0 END,
                                                               CASE r.component WHEN 'financial' THEN 0 END,
                                                               s.profile) END AS loss
                                    FROM (SELECT ms.*, total(ms.weight * ms.score) OVER w AS t_component,
                                                 sum(CASE WHEN ms.score IS NOT NULL THEN ms.weight END) OVER w
                                                   AS w_component
                                            FROM ms WINDOW w AS (PARTITION BY ms.component)) r) r) r)) AS scored,
         (SELECT hh.health_score FROM health_history hh
           WHERE hh.account = s.account
             AND hh.score_date < date(s.as_of, '-29 days')
             AND hh.score_date >= date(s.as_of, '-89 days')
           ORDER BY hh.score_date DESC LIMIT 1) AS previous_score,
         count(*) OVER (PARTITION BY s.account) AS one2
    FROM s),
-- The components read back from scored, with the health score and coverage.
cs AS (
  SELECT c.*,
         score_trend(nullif(trim(substr(scored, 1, 30)), 'NULL') + 0, c.events_30d, c.events_prior_30d,
                     (SELECT sens FROM cfg)) AS usage,
         nullif(trim(substr(scored, 31, 30)), 'NULL') + 0 AS engagement,
         nullif(trim(substr(scored, 61, 30)), 'NULL') + 0 AS growth,
         nullif(trim(substr(scored, 91, 30)), 'NULL') + 0 AS support,
         nullif(trim(substr(scored, 121, 30)), 'NULL') + 0 AS financial,
         nullif(substr(scored, 152), '') AS ranked_drivers
    FROM c),
sc AS (
  SELECT cs.*,
         health_score(usage, engagement, growth, support, financial, profile) AS health_score,
         health_coverage(usage, engagement, growth, support, financial, profile) AS coverage,
         CASE WHEN health_coverage(usage, engagement, growth, support, financial, profile) > 0
              THEN ranked_drivers END AS drivers
    FROM cs),
o AS (
  SELECT sc.account, sc.name, sc.segment, sc.csm, sc.arr, sc.as_of,
         sc.usage, sc.engagement, sc.growth, sc.support, sc.financial,
         sc.health_score, sc.coverage, sc.profile,
         health_tier(sc.health_score, sc.cutoffs) AS tier,
         health_color(sc.health_score, sc.cutoffs) AS color,
         health_action(sc.health_score, sc.cutoffs) AS tier_action,
         sc.health_score < cfg.at_risk_below AS at_risk,
         cal.rate AS churn_probability,
         sc.previous_score,
         sc.health_score - sc.previous_score AS change,
         health_trend(sc.health_score, sc.previous_score) AS trend,
         sc.drivers,
         -- the signals the alerts read
         sc.usage_velocity_30d, sc.days_since_activity, sc.nps_latest, sc.active_users_30d,
         sc.seats_licensed, sc.seat_utilisation, sc.contract_end, sc.days_to_contract_end,
         -- every signal by name: the data signals and those of the scores
         sc.sv || 'health_drop=' || quote(sc.previous_score - sc.health_score)
               || '|low_health=' || quote(sc.health_score)
               || '|renewal_risk=' || quote(CASE WHEN sc.days_to_contract_end >= 0 THEN sc.health_score END)
               || '|tier_change='
               || quote((SELECT band FROM bands WHERE tier = health_tier(sc.health_score, sc.cutoffs))
                        - (SELECT band FROM bands WHERE tier = health_tier(sc.previous_score, sc.cutoffs)))
               || '|' AS signal_values,
         count(*) OVER (PARTITION BY sc.account) AS one
    FROM sc CROSS JOIN cfg
    LEFT JOIN cal ON cal.tier = health_tier(sc.health_score, cfg.tier_cutoffs))
SELECT account, name, segment, csm, arr, as_of, usage, engagement, growth, support, financial,
       health_score, coverage, profile, tier, color, tier_action, at_risk, churn_probability,
       previous_score, change, trend, drivers, usage_velocity_30d, days_since_activity, nps_latest,
       active_users_30d, seats_licensed, seat_utilisation, contract_end, days_to_contract_end,
       signal_values
  FROM o;

-- account_health_alerts: one row per account and alert it raises (one row
-- with a NULL signal for an account without alerts), the account's scores
-- on every row. alert_rank numbers an account's alerts, most severe first
-- (then by signal); action is the playbook of the rank-1 alert when it has
-- one, else the tier's action. account_health is its rank-1 rows and
-- account_alerts its alert rows; a report that needs both reads this view
-- once.
DROP VIEW IF EXISTS account_alerts;
DROP VIEW IF EXISTS account_health_alerts;
CREATE VIEW account_health_alerts AS
WITH
-- The severities, most severe first.
sev(severity, severity_rank) AS (VALUES ('Critical', 1), ('High', 2), ('Warning', 3)),
-- The rules that fire for the account whose row h reads this (correlated:
-- expanded at each use, NOT MATERIALIZED), with the signal's value (after
-- '|signal=' in signal_values) and the alert's detail.
fired AS NOT MATERIALIZED (
  SELECT f.signal, f.severity, f.severity_rank,
         CASE f.signal
           WHEN 'usage_decline' THEN printf('usage down %d%% vs prior 30 days', round(-100 * f.usage_velocity_30d))
           WHEN 'no_activity' THEN printf('no activity in %d days', f.days_since_activity)
           WHEN 'health_drop' THEN printf('health down %.0f points in 30 days (%.0f to %.0f)',
                                          -f.change, f.previous_score, f.health_score)
           WHEN 'low_health' THEN printf('health %.0f', f.health_score)
           WHEN 'negative_nps' THEN printf('detractor NPS response (%d)', f.nps_latest)
           WHEN 'low_utilisation' THEN printf('%d of %d seats active (%d%%)', f.active_users_30d,
                                              f.seats_licensed, round(100 * f.seat_utilisation))
           WHEN 'renewal_risk' THEN printf('contract ends in %d days, health %.0f',
                                           f.days_to_contract_end, f.health_score)
           ELSE printf(f.label, f.value)
         END AS detail
    FROM (SELECT r.signal, r.severity, v.severity_rank, r.threshold, r.window_days, k.fires,
                 k.label, h.usage_velocity_30d, h.days_since_activity, h.change, h.previous_score,
                 h.health_score, h.nps_latest, h.active_users_30d, h.seats_licensed,
                 h.seat_utilisation, h.days_to_contract_end,
                 CASE WHEN instr(h.signal_values, '|' || r.signal || '=') > 0 THEN
                   nullif(substr(substr(h.signal_values, instr(h.signal_values, '|' || r.signal || '=') + length(r.signal) + 2), 1,
                               instr(substr(h.signal_values, instr(h.signal_values, '|' || r.signal || '=') + length(r.signal) + 2), '|') - 1),
                        'NULL') + 0 END AS value
            FROM alert_rules r JOIN signal_catalog k ON k.signal = r.signal
            JOIN sev v ON v.severity = r.severity) f
   WHERE CASE f.fires
           WHEN 'above'    THEN f.value > f.threshold
           WHEN 'at_least' THEN f.value >= f.threshold
           WHEN 'below'    THEN f.value < f.threshold
           WHEN 'at_most'  THEN f.value <= f.threshold
         END
     AND (f.window_days IS NULL OR f.days_to_contract_end BETWEEN 0 AND f.window_days - 1)),
-- Each account (read once, as in account_scores) with one row per alert:
-- the most severe rule of each signal that fired; one row with a NULL
-- signal when none did.
a AS (
  SELECT h.*, r.signal AS alert_signal, r.severity, v.severity_rank,
         (SELECT f.detail FROM fired f WHERE f.signal = r.signal AND f.severity = r.severity) AS detail,
         CASE r.owner WHEN 'csm' THEN coalesce(h.csm, 'unassigned') ELSE r.owner END AS owner,
         r.sla, r.playbook
    FROM account_scores h
    LEFT JOIN (alert_rules r JOIN sev v ON v.severity = r.severity)
      ON v.severity_rank = (SELECT min(f.severity_rank) FROM fired f WHERE f.signal = r.signal)),
ranked AS (
  SELECT a.*, row_number() OVER w AS alert_rank,
         count(a.alert_signal) OVER (PARTITION BY a.account) AS alerts,
         first_value(a.playbook) OVER w AS top_playbook
    FROM a
  WINDOW w AS (PARTITION BY a.account ORDER BY a.severity_rank, a.alert_signal))
SELECT account, name, segment, csm, arr, as_of, usage, engagement, growth, support, financial,
       health_score, coverage, profile, tier, color, tier_action, at_risk, churn_probability,
       previous_score, change, trend, drivers, usage_velocity_30d, days_since_activity, nps_latest,
       active_users_30d, seats_licensed, seat_utilisation, contract_end, days_to_contract_end,
       signal_values,
       alert_signal AS signal, severity, detail, owner, sla, playbook, alert_rank, alerts,
       top_playbook, coalesce(top_playbook, tier_action) AS action
  FROM ranked;

-- One row per active account: scores, tier, action, trend, drivers, the
-- most severe alert.
CREATE VIEW account_health AS
SELECT account, name, segment, csm, arr, as_of,
       usage, engagement, growth, support, financial, health_score, coverage,
       tier, color, action, previous_score, change, trend, drivers,
       at_risk, churn_probability, alerts,
       severity AS top_alert_severity, detail AS top_alert,
       usage_velocity_30d, days_since_activity, nps_latest, active_users_30d,
       seats_licensed, seat_utilisation, contract_end, days_to_contract_end
  FROM account_health_alerts WHERE alert_rank = 1;

-- One row per alert raised: the most severe rule of each signal.
CREATE VIEW account_alerts AS
SELECT account, name, arr, health_score, signal, severity, detail, owner, sla, playbook
  FROM account_health_alerts WHERE signal IS NOT NULL;

DROP VIEW IF EXISTS health_distribution;
CREATE VIEW health_distribution AS
WITH
tiers(band, tier) AS (VALUES (1, 'Thriving'), (2, 'Healthy'), (3, 'Neutral'), (4, 'At-Risk'), (5, 'Critical')),
h AS MATERIALIZED (SELECT tier, arr FROM account_health WHERE health_score IS NOT NULL)
SELECT t.tier,
       (SELECT count(*) FROM h WHERE h.tier = t.tier) AS accounts,
       (SELECT total(arr) FROM h WHERE h.tier = t.tier) AS arr,
       (SELECT count(*) FROM h WHERE h.tier = t.tier) * 1.0 / nullif((SELECT count(*) FROM h), 0) AS share
  FROM tiers t ORDER BY t.band;

-- health_outcomes: every health_history score whose churn horizon
-- (cs_settings.churn_horizon_days) has fully passed by as_of, of an account
-- not cancelled by its score_date; churned = 1 when a cancel follows after
-- score_date and within the horizon. The scored set of health_calibration
-- and of the validation report.
DROP VIEW IF EXISTS health_outcomes;
CREATE VIEW health_outcomes AS
WITH p AS MATERIALIZED (
  SELECT date(o.as_of, printf('-%d days', s.churn_horizon_days - 1)) AS last_end,
         printf('+%d days', s.churn_horizon_days + 1) AS horizon_end
    FROM cs_as_of o, cs_settings s WHERE s.id = 1)
SELECT h.account, h.score_date, h.health_score,
       EXISTS (SELECT 1 FROM churn_events c
                WHERE c.account = h.account AND c.kind = 'cancel'
                  AND c.churn_date >= date(h.score_date, '+1 day')
                  AND c.churn_date < date(h.score_date, p.horizon_end)) AS churned
  FROM p CROSS JOIN health_history h
 WHERE h.health_score IS NOT NULL
   AND h.score_date < p.last_end
   AND NOT EXISTS (SELECT 1 FROM churn_events c
                    WHERE c.account = h.account AND c.kind = 'cancel'
                      AND c.churn_date < date(h.score_date, '+1 day'));

-- health_calibration: per score band (the tiers of cs_settings.tier_cutoffs,
-- all five in band order), the scored snapshots of health_outcomes, how
-- many were followed by a cancel within the horizon, the rate and its 95%
-- Wilson interval (NULL without snapshots).
DROP VIEW IF EXISTS health_calibration;
CREATE VIEW health_calibration AS
WITH
cfg AS MATERIALIZED (SELECT tier_cutoffs AS c FROM cs_settings WHERE id = 1),
bands(band, tier) AS (VALUES (1, 'Thriving'), (2, 'Healthy'), (3, 'Neutral'), (4, 'At-Risk'),
                             (5, 'Critical')),
o AS (SELECT health_tier(o.health_score, cfg.c) AS tier, o.churned FROM health_outcomes o, cfg),
g AS (SELECT tier, count(*) AS n, sum(churned) AS k FROM o GROUP BY tier),
-- Wilson: (p + z^2/2n -/+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n), z = 1.96
w AS (SELECT tier, n, k, k * 1.0 / n AS p, 1.959963984540054 AS z FROM g)
SELECT b.band, b.tier,
       coalesce(w.n, 0) AS snapshots, coalesce(w.k, 0) AS churned, w.p AS rate,
       (w.p + w.z * w.z / (2 * w.n)
          - w.z * sqrt(w.p * (1 - w.p) / w.n + w.z * w.z / (4.0 * w.n * w.n)))
         / (1 + w.z * w.z / w.n) AS ci_low,
       (w.p + w.z * w.z / (2 * w.n)
          + w.z * sqrt(w.p * (1 - w.p) / w.n + w.z * w.z / (4.0 * w.n * w.n)))
         / (1 + w.z * w.z / w.n) AS ci_high
  FROM bands b LEFT JOIN w ON w.tier = b.tier
 ORDER BY b.band;

-- kpi_revenue_cube: the figures of kpi_cube that do not need the health
-- model, per (dimension, value) of the accounts table: the 12-month
-- retention over the accounts with MRR in m0 (cancelled ones included) and
-- nps_90d over the responses of the last 90 days. Dimension 'all' has one
-- row (value NULL) even on an empty database; there are no 'tier' rows (a
-- cancelled account has no tier).
DROP VIEW IF EXISTS portfolio_kpis;
DROP VIEW IF EXISTS portfolio_kpis_by;
DROP VIEW IF EXISTS kpi_cube;
DROP VIEW IF EXISTS kpi_revenue_cube;
CREATE VIEW kpi_revenue_cube AS
WITH
p AS MATERIALIZED (
  SELECT o.as_of,
         date(o.as_of, 'start of month') AS m1,
         date(o.as_of, 'start of month', '-12 months') AS m0,
         date(o.as_of, '-89 days') AS d90,
         date(o.as_of, '+1 day') AS d_end
    FROM cs_as_of o),
dims(dimension) AS (VALUES ('all'), ('segment'), ('csm'), ('plan'), ('industry')),
-- MRR per account in m0 and m1, for the accounts with MRR > 0 in m0.
mrr AS (
  SELECT m.account,
         sum(CASE WHEN m.month >= p.m0 AND m.month < date(p.m0, '+1 day') THEN m.mrr END) AS mrr0,
         total(CASE WHEN m.month >= p.m1 AND m.month < date(p.m1, '+1 day') THEN m.mrr END) AS mrr1
    FROM mrr_snapshots m, p
   WHERE (m.month >= p.m0 AND m.month < date(p.m0, '+1 day'))
      OR (m.month >= p.m1 AND m.month < date(p.m1, '+1 day'))
   GROUP BY m.account
  HAVING sum(CASE WHEN m.month >= p.m0 AND m.month < date(p.m0, '+1 day') THEN m.mrr END) > 0),
mg AS (
  SELECT d.dimension, CASE d.dimension WHEN 'segment' THEN a.segment WHEN 'csm' THEN a.csm
                          WHEN 'plan' THEN a.plan WHEN 'industry' THEN a.industry END AS value,
         nrr(m.mrr0, m.mrr1) AS nrr_12m, grr(m.mrr0, m.mrr1) AS grr_12m,
         avg(m.mrr1 > 0) AS logo_retention_12m
    FROM dims d CROSS JOIN mrr m LEFT JOIN accounts a ON a.account = m.account
   GROUP BY 1, 2),
ng AS (
  SELECT d.dimension, CASE d.dimension WHEN 'segment' THEN a.segment WHEN 'csm' THEN a.csm
                          WHEN 'plan' THEN a.plan WHEN 'industry' THEN a.industry END AS value,
         nps(n.score) AS nps_90d
    FROM p CROSS JOIN dims d CROSS JOIN nps_responses n LEFT JOIN accounts a ON a.account = n.account
   WHERE n.response_date >= p.d90 AND n.response_date < p.d_end
   GROUP BY 1, 2),
k AS (SELECT 'all' AS dimension, NULL AS value
      UNION SELECT dimension, value FROM mg UNION SELECT dimension, value FROM ng)
SELECT k.dimension, k.value, p.as_of, mg.nrr_12m, mg.grr_12m, mg.logo_retention_12m, ng.nps_90d
  FROM k CROSS JOIN p
  LEFT JOIN mg ON mg.dimension = k.dimension AND mg.value IS k.value
  LEFT JOIN ng ON ng.dimension = k.dimension AND ng.value IS k.value;

-- kpi_cube: the portfolio figures per (dimension, value): dimension 'all'
-- (one row, value NULL, even on an empty database) and 'segment', 'csm',
-- 'plan', 'industry', 'tier', in that order. portfolio_kpis is its 'all'
-- row and portfolio_kpis_by the others. The health and ARR figures are
-- five sums over the active accounts of account_health (its at_risk and
-- churn_probability columns hold the definitions); the rest comes from
-- kpi_revenue_cube. (The executive dashboard takes the same five sums
-- over its one copy of account_health, so the signals are computed once;
-- tests/report_checks.py checks the two agree.)
CREATE VIEW kpi_cube AS
WITH
h AS MATERIALIZED (
  SELECT h.health_score, h.arr, h.at_risk, h.churn_probability, h.tier,
         a.segment, a.csm, a.plan, a.industry
    FROM account_health h LEFT JOIN accounts a ON a.account = h.account),
dims(dimension, rank) AS (VALUES ('all', 0), ('segment', 1), ('csm', 2), ('plan', 3),
                                 ('industry', 4), ('tier', 5)),
hg AS (
  SELECT d.dimension, CASE d.dimension WHEN 'segment' THEN h.segment WHEN 'csm' THEN h.csm
                          WHEN 'plan' THEN h.plan WHEN 'industry' THEN h.industry
                          WHEN 'tier' THEN h.tier END AS value,
         count(*) AS accounts, total(h.arr) AS arr, avg(h.health_score) AS avg_health,
         total(CASE WHEN h.at_risk THEN h.arr END) AS at_risk_arr,
         sum(h.arr * h.churn_probability) AS expected_arr_at_risk
    FROM dims d CROSS JOIN h GROUP BY 1, 2),
r AS MATERIALIZED (SELECT * FROM kpi_revenue_cube),
k AS (SELECT dimension, value FROM hg UNION SELECT dimension, value FROM r)
SELECT k.dimension, k.value, (SELECT as_of FROM r WHERE dimension = 'all') AS as_of,
       coalesce(hg.accounts, 0) AS accounts, coalesce(hg.arr, 0.0) AS arr, hg.avg_health,
       coalesce(hg.at_risk_arr, 0.0) AS at_risk_arr, hg.at_risk_arr / nullif(hg.arr, 0) AS at_risk_share,
       r.nrr_12m, r.grr_12m, r.logo_retention_12m, r.nps_90d, hg.expected_arr_at_risk
  FROM k JOIN dims d ON d.dimension = k.dimension
  LEFT JOIN hg ON hg.dimension = k.dimension AND hg.value IS k.value
  LEFT JOIN r ON r.dimension = k.dimension AND r.value IS k.value
 ORDER BY d.rank, k.value;

-- One row: the portfolio's figures (definitions in docs/metrics.md).
CREATE VIEW portfolio_kpis AS
SELECT as_of, accounts, arr, avg_health, at_risk_arr, at_risk_share, nrr_12m, grr_12m,
       logo_retention_12m, nps_90d, expected_arr_at_risk
  FROM kpi_cube WHERE dimension = 'all';

-- One row per dimension (segment, csm, plan, industry, tier) and value,
-- with every column of portfolio_kpis.
CREATE VIEW portfolio_kpis_by AS
SELECT dimension, value, as_of, accounts, arr, avg_health, at_risk_arr, at_risk_share, nrr_12m,
       grr_12m, logo_retention_12m, nps_90d, expected_arr_at_risk
  FROM kpi_cube WHERE dimension <> 'all';

-- renewal_pipeline: active accounts whose contract ends on or after as_of
-- and within cs_settings.renewal_horizon_days of it, soonest first, with
-- the ARR expected to renew: arr x (1 - churn_probability).
DROP VIEW IF EXISTS renewal_pipeline;
CREATE VIEW renewal_pipeline AS
SELECT h.account, h.name, h.segment, h.csm, date(h.contract_end) AS contract_end,
       h.days_to_contract_end AS days_to_renewal, h.arr, h.health_score, h.tier,
       h.churn_probability, h.arr * (1 - h.churn_probability) AS risk_adjusted_arr
  FROM account_health h, cs_settings s
 WHERE s.id = 1 AND h.days_to_contract_end BETWEEN 0 AND s.renewal_horizon_days
 ORDER BY h.days_to_contract_end, h.account;

-- churn_reasons: cancellations on or before as_of per calendar quarter
-- (its first day), account segment (NULL when the account is unknown) and
-- reason (NULL: none given); share = the reason's cancels over all the
-- cancels of that quarter and segment.
DROP VIEW IF EXISTS churn_reasons;
CREATE VIEW churn_reasons AS
WITH c AS (
  SELECT date(c.churn_date, 'start of month',
              printf('-%d months', (CAST(strftime('%m', c.churn_date) AS INTEGER) - 1) % 3)) AS period,
         a.segment, c.reason, c.mrr_lost
    FROM cs_as_of o CROSS JOIN churn_events c LEFT JOIN accounts a ON a.account = c.account
   WHERE c.kind = 'cancel' AND c.churn_date < date(o.as_of, '+1 day')),
g AS (SELECT period, segment, reason, count(*) AS cancels, total(mrr_lost) AS mrr_lost
        FROM c GROUP BY period, segment, reason)
SELECT period, segment, reason, cancels, mrr_lost,
       cancels * 1.0 / sum(cancels) OVER (PARTITION BY period, segment) AS share
  FROM g ORDER BY period, segment, cancels DESC, reason;

-- new_alerts: the alerts the latest run of sql/snapshot.sql opened (first
-- seen on the latest snapshot_runs date), most severe first, with the
-- account's name, ARR and CSM.
DROP VIEW IF EXISTS new_alerts;
CREATE VIEW new_alerts AS
SELECT l.account, a.name, a.csm, a.arr, l.signal, l.severity, l.first_seen
  FROM alert_log l LEFT JOIN accounts a ON a.account = l.account
 WHERE l.first_seen = (SELECT max(run_date) FROM snapshot_runs)
 ORDER BY CASE l.severity WHEN 'Critical' THEN 1 WHEN 'High' THEN 2 ELSE 3 END, l.account, l.signal;

-- health_changes: per account, its two latest health_history snapshots and,
-- one row per component (largest move first), the points the component
-- moved the health score: (new - old component score) x the component's
-- share of the weights of the components the newer snapshot has (the
-- account's profile of today). The points add up to the change when both
-- snapshots have the same components. reason, on every row of the account:
-- the largest move and the newer snapshot's drivers.
DROP VIEW IF EXISTS health_changes;
CREATE VIEW health_changes AS
WITH
cfg AS MATERIALIZED (SELECT profile FROM cs_settings WHERE id = 1),
hist AS (
  SELECT h.*, row_number() OVER (PARTITION BY h.account ORDER BY h.score_date DESC, h.id DESC) AS rn
    FROM health_history h WHERE h.health_score IS NOT NULL),
pair AS (
  SELECT n.account, o.score_date AS old_date, n.score_date AS new_date,
         o.health_score AS old_score, n.health_score AS new_score, n.drivers,
         o.usage AS o_usage, o.engagement AS o_engagement, o.growth AS o_growth,
         o.support AS o_support, o.financial AS o_financial,
         n.usage AS n_usage, n.engagement AS n_engagement, n.growth AS n_growth,
         n.support AS n_support, n.financial AS n_financial,
         coalesce(g.profile, cfg.profile) AS profile
    FROM hist n JOIN hist o ON o.account = n.account AND o.rn = 2
    CROSS JOIN cfg
    LEFT JOIN accounts a ON a.account = n.account
    LEFT JOIN cs_segments g ON g.segment = a.segment
   WHERE n.rn = 1),
comp(k, component) AS (VALUES (1, 'usage'), (2, 'engagement'), (3, 'growth'), (4, 'support'),
                              (5, 'financial')),
c AS (
  SELECT p.account, p.old_date, p.new_date, p.old_score, p.new_score, p.drivers, comp.k,
         comp.component,
         CASE comp.k WHEN 1 THEN o_usage WHEN 2 THEN o_engagement WHEN 3 THEN o_growth
                     WHEN 4 THEN o_support ELSE o_financial END AS old_value,
         CASE comp.k WHEN 1 THEN n_usage WHEN 2 THEN n_engagement WHEN 3 THEN n_growth
                     WHEN 4 THEN n_support ELSE n_financial END AS new_value,
         health_coverage(CASE comp.k WHEN 1 THEN 0 END, CASE comp.k WHEN 2 THEN 0 END,
                         CASE comp.k WHEN 3 THEN 0 END, CASE comp.k WHEN 4 THEN 0 END,
                         CASE comp.k WHEN 5 THEN 0 END, p.profile)
           / health_coverage(n_usage, n_engagement, n_growth, n_support, n_financial, p.profile)
           AS share
    FROM pair p CROSS JOIN comp),
r AS (
  SELECT c.*, (new_value - old_value) * share AS points,
         row_number() OVER (PARTITION BY account
                            ORDER BY abs((new_value - old_value) * share) IS NULL,
                                     abs((new_value - old_value) * share) DESC, k) AS rank
    FROM c)
SELECT account, old_date, new_date, old_score, new_score, new_score - old_score AS change,
       rank, component, old_value, new_value, points,
       (SELECT printf('%s %+.0f pts', x.component, x.points) || coalesce(': ' || x.drivers, '')
          FROM r x WHERE x.account = r.account AND x.rank = 1 AND x.points IS NOT NULL) AS reason
  FROM r ORDER BY account, rank;

-- intervention_kpis: per calendar quarter (its first day) of
-- interventions.opened_at and alert_log.first_seen, and over all of them
-- (period 'all', last):
--   intervened   interventions opened
--   saved        of them, outcome 'saved'
--   success_rate saved / those closed (outcome other than 'open')
--   saved_arr    accounts.arr of the saved ones
--   time_to_detection_days  median days from the account's first alert to
--                the intervention: the earliest first_seen of its
--                alert_log episodes first seen on or before opened_at and
--                at most churn_horizon_days before it (interventions
--                without such an alert are left out)
--   alerts       alerts first seen whose churn horizon has passed by as_of
--   false_alarm_share  of those, the share whose account neither cancelled
--                within churn_horizon_days after first_seen nor was saved
--                by an intervention opened in that time
DROP VIEW IF EXISTS intervention_kpis;
CREATE VIEW intervention_kpis AS
WITH
cfg AS MATERIALIZED (
  SELECT s.churn_horizon_days AS hz, o.as_of,
         date(o.as_of, printf('-%d days', s.churn_horizon_days - 1)) AS last_end
    FROM cs_settings s, cs_as_of o WHERE s.id = 1),
iv AS (
  SELECT date(i.opened_at, 'start of month',
              printf('-%d months', (CAST(strftime('%m', i.opened_at) AS INTEGER) - 1) % 3)) AS period,
         i.outcome, a.arr,
         julianday(date(i.opened_at))
           - julianday((SELECT min(l.first_seen) FROM alert_log l
                         WHERE l.account = i.account AND l.first_seen <= date(i.opened_at)
                           AND l.first_seen >= date(i.opened_at, printf('-%d days', cfg.hz))))
           AS ttd
    FROM interventions i CROSS JOIN cfg LEFT JOIN accounts a ON a.account = i.account),
al AS (
  SELECT date(l.first_seen, 'start of month',
              printf('-%d months', (CAST(strftime('%m', l.first_seen) AS INTEGER) - 1) % 3)) AS period,
         NOT EXISTS (SELECT 1 FROM churn_events c
                      WHERE c.account = l.account AND c.kind = 'cancel'
                        AND c.churn_date >= date(l.first_seen, '+1 day')
                        AND c.churn_date < date(l.first_seen, printf('+%d days', cfg.hz + 1)))
         AND NOT EXISTS (SELECT 1 FROM interventions i
                          WHERE i.account = l.account AND i.outcome = 'saved'
                            AND i.opened_at >= l.first_seen
                            AND i.opened_at < date(l.first_seen, printf('+%d days', cfg.hz + 1)))
           AS false_alarm
    FROM alert_log l CROSS JOIN cfg WHERE l.first_seen < cfg.last_end),
ivp AS (SELECT * FROM iv UNION ALL SELECT 'all', outcome, arr, ttd FROM iv),
alp AS (SELECT * FROM al UNION ALL SELECT 'all', false_alarm FROM al),
t AS (SELECT period, ttd, row_number() OVER (PARTITION BY period ORDER BY ttd) AS rn,
             count(*) OVER (PARTITION BY period) AS n
        FROM ivp WHERE ttd IS NOT NULL),
periods AS (SELECT period FROM ivp UNION SELECT period FROM alp UNION SELECT 'all')
SELECT p.period,
       (SELECT count(*) FROM ivp WHERE ivp.period = p.period) AS intervened,
       (SELECT count(*) FROM ivp WHERE ivp.period = p.period AND outcome = 'saved') AS saved,
       (SELECT sum(outcome = 'saved') * 1.0 / nullif(sum(outcome <> 'open'), 0)
          FROM ivp WHERE ivp.period = p.period) AS success_rate,
       (SELECT total(arr) FROM ivp WHERE ivp.period = p.period AND outcome = 'saved') AS saved_arr,
       (SELECT avg(ttd) FROM t WHERE t.period = p.period AND rn IN ((n + 1) / 2, (n + 2) / 2))
         AS time_to_detection_days,
       (SELECT count(*) FROM alp WHERE alp.period = p.period) AS alerts,
       (SELECT avg(false_alarm) FROM alp WHERE alp.period = p.period) AS false_alarm_share
  FROM periods p ORDER BY p.period = 'all', p.period;

-- The seed's validation targets, as data: a measure meets its target when
-- it is above it (better 'higher') or below it ('lower'); crossing red_flag
-- (at or beyond it in the wrong direction) is a red flag. Rows re-inserted
-- only when absent, so an analyst's targets stay.
CREATE TABLE IF NOT EXISTS validation_targets (
  measure  TEXT PRIMARY KEY,
  target   REAL,
  red_flag REAL,
  better   TEXT NOT NULL CHECK (better IN ('higher', 'lower')),
  meaning  TEXT
);
INSERT OR IGNORE INTO validation_targets (measure, target, red_flag, better, meaning) VALUES
  ('churns_flagged', 0.70, NULL, 'higher', 'share of churned snapshots scored below at_risk_below (health-score accuracy)'),
  ('surprise_churn', NULL, 0.35, 'lower', 'cancels whose latest score in the horizon before was above 60, over cancels with such a score'),
  ('false_positive_rate', 0.20, NULL, 'lower', 'non-churned snapshots scored below at_risk_below, over non-churned snapshots'),
  ('intervention_success', 0.40, NULL, 'higher', 'saved interventions over closed ones (intervention_kpis, all)'),
  ('time_to_detection_days', 14, NULL, 'lower', 'median days from the first alert to the intervention (intervention_kpis, all)');

-- validation_status: each measure of validation_targets, its value on the
-- data (NULL: nothing to measure) and status: 'red flag', else 'met' or
-- 'missed' against the target, 'ok' for a measure with only a red flag;
-- NULL when the value is NULL.
DROP VIEW IF EXISTS validation_status;
CREATE VIEW validation_status AS
WITH
cfg AS MATERIALIZED (SELECT at_risk_below AS line, churn_horizon_days AS hz FROM cs_settings WHERE id = 1),
o AS MATERIALIZED (SELECT health_score, churned FROM health_outcomes),
last_score AS (
  SELECT (SELECT h.health_score FROM health_history h
           WHERE h.account = c.account AND h.health_score IS NOT NULL
             AND h.score_date < date(c.churn_date, '+1 day')
             AND h.score_date >= date(c.churn_date, printf('-%d days', cfg.hz))
           ORDER BY h.score_date DESC LIMIT 1) AS health
    FROM churn_events c CROSS JOIN cfg CROSS JOIN cs_as_of a
   WHERE c.kind = 'cancel' AND c.churn_date < date(a.as_of, '+1 day')),
k AS MATERIALIZED (SELECT success_rate, time_to_detection_days FROM intervention_kpis WHERE period = 'all'),
v(measure, value) AS (
  SELECT 'churns_flagged', (SELECT avg(o.health_score < cfg.line) FROM o, cfg WHERE o.churned = 1)
  UNION ALL SELECT 'surprise_churn', (SELECT avg(health > 60) FROM last_score WHERE health IS NOT NULL)
  UNION ALL SELECT 'false_positive_rate', (SELECT avg(o.health_score < cfg.line) FROM o, cfg WHERE o.churned = 0)
  UNION ALL SELECT 'intervention_success', (SELECT success_rate FROM k)
  UNION ALL SELECT 'time_to_detection_days', (SELECT time_to_detection_days FROM k))
SELECT t.measure, v.value, t.target, t.red_flag, t.better,
       CASE WHEN v.value IS NULL THEN NULL
            WHEN t.red_flag IS NOT NULL
             AND CASE t.better WHEN 'higher' THEN v.value <= t.red_flag ELSE v.value >= t.red_flag END
              THEN 'red flag'
            WHEN t.target IS NULL THEN 'ok'
            WHEN CASE t.better WHEN 'higher' THEN v.value > t.target ELSE v.value < t.target END
              THEN 'met'
            ELSE 'missed' END AS status
  FROM validation_targets t LEFT JOIN v ON v.measure = t.measure
 ORDER BY t.rowid;

-- ------------------------------------------------------- breadth of signals
-- Three per-account views for the reports (not scored by default; a signal
-- among them is scored by adding it to signal_values and signal_catalog).

-- usage_depth: per active account of account_signals' definition (signed
-- up by as_of, not cancelled), from the usage of the last 90 days:
--   active_users_7d, active_users_30d and l7_l30 = their ratio (NULL
--   without users in 30 days); power_user_share: users active on at least
--   15 of the last 30 days over active users; dormant_user_share: users
--   active in the 90 days but not in the last 30, over users active in the
--   90 days; expansion_adoption_30d, advanced_adoption_30d: the share of
--   features of that class (features table) used in 30 days;
--   abandoned_core_features: core features used in days 31-90 before and
--   not in the last 30, with abandoned_core_feature the first by name.
-- Without any usage row at all every figure is NULL.
DROP VIEW IF EXISTS usage_depth;
CREATE VIEW usage_depth AS
WITH
p AS MATERIALIZED (
  SELECT as_of, date(as_of, '+1 day') AS d_end, date(as_of, '-6 days') AS d7,
         date(as_of, '-29 days') AS d30, date(as_of, '-89 days') AS d90,
         EXISTS (SELECT 1 FROM usage_events) AS has_usage,
         (SELECT count(*) FROM features WHERE class = 'expansion') AS n_exp,
         (SELECT count(*) FROM features WHERE class = 'advanced') AS n_adv
    FROM cs_as_of),
a AS MATERIALIZED (
  SELECT a.account FROM accounts a, p
   WHERE (a.signup_date IS NULL OR a.signup_date < p.d_end)
     AND NOT EXISTS (SELECT 1 FROM churn_events c WHERE c.account = a.account AND c.kind = 'cancel'
                                                    AND c.churn_date < p.d_end)),
uu AS (
  SELECT e.account, e.user_id,
         count(DISTINCT CASE WHEN e.date >= p.d30 THEN substr(e.date, 1, 10) END) AS days_30,
         max(e.date >= p.d7) AS in_7, max(e.date >= p.d30) AS in_30
    FROM a CROSS JOIN p CROSS JOIN usage_events e
   WHERE e.account = a.account AND e.date >= p.d90 AND e.date < p.d_end
   GROUP BY e.account, e.user_id),
u AS (
  SELECT account, sum(in_7) AS users_7, sum(in_30) AS users_30, count(*) AS users_90,
         sum(days_30 >= 15) AS power, sum(in_30 = 0) AS dormant
    FROM uu GROUP BY account),
fu AS (
  SELECT e.account, f.feature, f.class, max(e.date >= p.d30) AS in_30
    FROM a CROSS JOIN p CROSS JOIN usage_events e JOIN features f ON f.feature = e.feature
   WHERE e.account = a.account AND e.date >= p.d90 AND e.date < p.d_end
   GROUP BY e.account, f.feature),
fa AS (
  SELECT account,
         sum(class = 'expansion' AND in_30) AS exp_30, sum(class = 'advanced' AND in_30) AS adv_30,
         sum(class = 'core' AND in_30 = 0) AS abandoned,
         min(CASE WHEN class = 'core' AND in_30 = 0 THEN feature END) AS abandoned_first
    FROM fu GROUP BY account)
SELECT a.account,
       CASE WHEN p.has_usage THEN coalesce(u.users_7, 0) END AS active_users_7d,
       CASE WHEN p.has_usage THEN coalesce(u.users_30, 0) END AS active_users_30d,
       u.users_7 * 1.0 / nullif(u.users_30, 0) AS l7_l30,
       u.power * 1.0 / nullif(u.users_30, 0) AS power_user_share,
       u.dormant * 1.0 / nullif(u.users_90, 0) AS dormant_user_share,
       CASE WHEN p.has_usage AND p.n_exp > 0 THEN coalesce(fa.exp_30, 0) * 1.0 / p.n_exp END
         AS expansion_adoption_30d,
       CASE WHEN p.has_usage AND p.n_adv > 0 THEN coalesce(fa.adv_30, 0) * 1.0 / p.n_adv END
         AS advanced_adoption_30d,
       CASE WHEN p.has_usage THEN coalesce(fa.abandoned, 0) END AS abandoned_core_features,
       fa.abandoned_first AS abandoned_core_feature
  FROM a CROSS JOIN p LEFT JOIN u ON u.account = a.account LEFT JOIN fa ON fa.account = a.account;

-- Onboarding milestones and when each is due (days after signup);
-- is_value marks the milestone that counts as the customer's first value.
-- Rows inserted only when absent: an analyst's targets stay.
CREATE TABLE IF NOT EXISTS milestone_targets (
  milestone TEXT PRIMARY KEY,
  due_days  INTEGER NOT NULL CHECK (due_days >= 0),
  is_value  INTEGER NOT NULL DEFAULT 0 CHECK (is_value IN (0, 1))
);
INSERT OR IGNORE INTO milestone_targets (milestone, due_days, is_value) VALUES
  ('kickoff', 14, 0), ('first_value', 45, 1), ('integration', 75, 0), ('fully_adopted', 120, 0);

-- onboarding_progress: per active account with a signup date and milestone
-- of milestone_targets: the day it was first reached on or before as_of,
-- days_to_milestone (from signup), its due day and overdue = 1 when not
-- reached and as_of is past signup + due_days (NULL when the milestones
-- table holds no rows at all). time_to_value is
-- days_to_milestone of the is_value milestone.
DROP VIEW IF EXISTS onboarding_progress;
CREATE VIEW onboarding_progress AS
WITH p AS MATERIALIZED (SELECT as_of, date(as_of, '+1 day') AS d_end,
                               EXISTS (SELECT 1 FROM milestones) AS has_milestones FROM cs_as_of)
SELECT a.account, a.segment, a.csm, t.milestone, t.is_value, date(a.signup_date) AS signup_date,
       date(m.achieved) AS achieved_at,
       CAST(julianday(date(m.achieved)) - julianday(date(a.signup_date)) AS INTEGER) AS days_to_milestone,
       date(a.signup_date, printf('+%d days', t.due_days)) AS due_at,
       CASE WHEN p.has_milestones
            THEN m.achieved IS NULL AND date(a.signup_date, printf('+%d days', t.due_days)) < p.as_of
       END AS overdue
  FROM p CROSS JOIN accounts a CROSS JOIN milestone_targets t
  LEFT JOIN (SELECT account, milestone, min(achieved_at) AS achieved FROM milestones, p
              WHERE achieved_at < p.d_end GROUP BY account, milestone) m
         ON m.account = a.account AND m.milestone = t.milestone
 WHERE a.signup_date < p.d_end
   AND NOT EXISTS (SELECT 1 FROM churn_events c WHERE c.account = a.account AND c.kind = 'cancel'
                                                  AND c.churn_date < p.d_end);

-- support_operations: per account with a ticket opened in the last 90
-- days: tickets, resolved, mean_resolution_days (resolved_at - opened_at of
-- the resolved ones, on or before as_of), mean_first_response_hours
-- (first_response_at - opened_at of those with a response), and
-- first_contact_resolution: the share of resolved tickets resolved on the
-- day of their first response.
DROP VIEW IF EXISTS support_operations;
CREATE VIEW support_operations AS
WITH p AS MATERIALIZED (SELECT date(as_of, '+1 day') AS d_end, date(as_of, '-89 days') AS d90 FROM cs_as_of)
SELECT k.account, count(*) AS tickets,
       sum(k.resolved_at < p.d_end) AS resolved,
       avg(CASE WHEN k.resolved_at < p.d_end THEN julianday(k.resolved_at) - julianday(k.opened_at) END)
         AS mean_resolution_days,
       avg(CASE WHEN k.first_response_at < p.d_end
                THEN 24 * (julianday(k.first_response_at) - julianday(k.opened_at)) END)
         AS mean_first_response_hours,
       avg(CASE WHEN k.resolved_at < p.d_end AND k.first_response_at IS NOT NULL
                THEN date(k.resolved_at) = date(k.first_response_at) END) AS first_contact_resolution
  FROM p CROSS JOIN support_tickets k
 WHERE k.opened_at >= p.d90 AND k.opened_at < p.d_end
 GROUP BY k.account;

-- health_sparkline: each account's last 12 snapshots in health_history,
-- oldest first, drawn by sparkline() (a space for a NULL score), with the
-- number of snapshots drawn. The reports' "trend" column.
DROP VIEW IF EXISTS health_sparkline;
CREATE VIEW health_sparkline AS
SELECT account, sparkline(health_score) AS trend, count(*) AS snapshots
  FROM (SELECT account, score_date, health_score
          FROM (SELECT account, score_date, health_score,
                       row_number() OVER (PARTITION BY account ORDER BY score_date DESC) AS k
                  FROM health_history)
         WHERE k <= 12 ORDER BY account, score_date)
 GROUP BY account;
