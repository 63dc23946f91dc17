-- model.sql -- the customer-health model as SQL, release v1.
--
--   sqlite3 cs.db '.load ./build/csmetrics' '.read sql/schema.sql' '.read sql/model.sql'
--   SELECT account, health_score, tier, drivers FROM account_health ORDER BY health_score;
--
-- Settings and the scorecard are tables, so an analyst changes the model
-- with UPDATE and the views follow:
--   cs_settings     one row: as_of (NULL = latest date in the data), profile
--                   (health_score weights: a profile name or a JSON object),
--                   usage_trend_sensitivity (score_trend on the usage score)
--   cs_segments     per segment: CSM check-in cadence, tier cutoffs
--   health_model    the scorecard: one row per metric, scoring one signal of
--                   account_signals into one of the five components
--   alert_rules     thresholds, severity, owner and SLA of every alert
-- and the views:
--   account_signals, account_health, account_alerts, health_distribution,
--   portfolio_kpis (columns and definitions in docs/metrics.md).
--
-- Re-running the file is safe: tables are created only when missing and
-- their default rows inserted only when absent (an analyst's UPDATEs stay);
-- the views are dropped and recreated.
--
-- Conventions. "Last N days" is after as_of - N days and on or before as_of.
-- Dates are ISO text (sql/schema.sql), compared as text against day
-- boundaries so the (account, date) indexes serve every window. A signal
-- whose source table holds no rows at all (that export was not loaded) is
-- NULL; so is a ratio with nothing to divide by. A metric scored from a NULL
-- signal is NULL and health_score() redistributes its weight -- missing
-- data never counts as a 0.

-- ---------------------------------------------------------------- settings

CREATE TABLE IF NOT EXISTS cs_settings (
  id                      INTEGER PRIMARY KEY CHECK (id = 1),
  as_of                   TEXT,             -- NULL: the latest date in the data
  profile                 TEXT NOT NULL DEFAULT 'default',
  usage_trend_sensitivity REAL NOT NULL DEFAULT 0.2 CHECK (usage_trend_sensitivity >= 0)
);
INSERT OR IGNORE INTO cs_settings (id) VALUES (1);

CREATE TABLE IF NOT EXISTS cs_segments (
  segment               TEXT PRIMARY KEY,
  checkin_cadence_days  REAL CHECK (checkin_cadence_days > 0),
  tier_cutoffs          TEXT NOT NULL DEFAULT '[85,70,50,30]'
);
INSERT OR IGNORE INTO cs_segments (segment, checkin_cadence_days) VALUES
  ('enterprise', 30), ('mid_market', 45), ('smb', 90), ('starter', 180);

-- The scorecard. A metric's score is
--   linear:  score_linear(value, target)
--   inverse: score_inverse(value, worst, best)
--   steps:   score_steps(value, steps)
-- and a component's score is the weight-averaged score of its metrics that
-- have one (weight is relative within the component; 0 switches a metric
-- off). The components are then combined by health_score() with the weights
-- of cs_settings.profile.
CREATE TABLE IF NOT EXISTS health_model (
  metric    TEXT PRIMARY KEY,
  signal    TEXT NOT NULL CONSTRAINT known_signal CHECK (signal IN (
              'active_users_30d', 'dau_mau_30d', 'core_adoption_30d', 'events_per_user_day_30d',
              'seat_utilisation', 'events_30d', 'usage_velocity_30d', 'usage_velocity_90d',
              'days_since_activity', 'nps_latest', 'nps_trend', 'checkins_90d',
              'checkin_cadence_ratio', 'open_tickets', 'tickets_90d', 'escalations_90d',
              'csat_90d', 'sentiment_90d', 'seat_growth_90d', 'mrr_change_12m',
              'late_invoices_180d', 'days_to_contract_end')),  -- scored column of account_signals
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

-- The alerts. threshold's meaning depends on the signal (see
-- account_alerts); window_days is only used by renewal_risk. owner 'csm'
-- means the account's CSM.
CREATE TABLE IF NOT EXISTS alert_rules (
  signal      TEXT NOT NULL,
  severity    TEXT NOT NULL CHECK (severity IN ('Critical', 'High', 'Warning')),
  threshold   REAL NOT NULL,
  window_days INTEGER,
  owner       TEXT NOT NULL,
  sla         TEXT NOT NULL,
  PRIMARY KEY (signal, severity)
);
INSERT OR IGNORE INTO alert_rules (signal, severity, threshold, window_days, owner, sla) VALUES
  ('usage_decline',   'Critical', 0.50, NULL, 'CS manager', '24 hours'),
  ('usage_decline',   'High',     0.25, NULL, 'csm',        '48 hours'),
  ('no_activity',     'High',     30,   NULL, 'csm',        '48 hours'),
  ('no_activity',     'Warning',  14,   NULL, 'csm',        '5 days'),
  ('health_drop',     'Critical', 25,   NULL, 'CS manager', '24 hours'),
  ('health_drop',     'High',     15,   NULL, 'csm',        '48 hours'),
  ('low_health',      'High',     40,   NULL, 'csm',        '48 hours'),
  ('negative_nps',    'Warning',  6,    NULL, 'csm',        '5 days'),
  ('low_utilisation', 'Warning',  0.50, NULL, 'csm',        '14 days'),
  ('renewal_risk',    'Critical', 60,   90,   'CS manager', '24 hours');

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
         (SELECT count(*) FROM features WHERE class = 'core') AS n_core
    FROM cs_as_of),
-- Active accounts: signed up on or before as_of (or signup unknown) and no
-- cancel on or before as_of.
a AS MATERIALIZED (
  SELECT a.* FROM accounts a, p
   WHERE (a.signup_date IS NULL OR a.signup_date < p.d_end)
     AND NOT EXISTS (SELECT 1 FROM churn_events c
                      WHERE c.account = a.account AND c.kind = 'cancel'
                        AND c.churn_date < p.d_end)),
-- Usage over the last 180 days of each active account: one range of the
-- covering (account, date, ...) index per account.
u AS MATERIALIZED (
  SELECT e.account,
         count(DISTINCT CASE WHEN e.date >= p.d30 THEN e.user_id END) AS active_users,
         count(DISTINCT CASE WHEN e.date >= p.d30
                             THEN e.user_id || char(31) || substr(e.date, 1, 10) END) AS user_days,
         count(DISTINCT CASE WHEN e.date >= p.d30
                              AND e.feature IN (SELECT feature FROM features WHERE class = 'core')
                             THEN e.feature END) AS core_features,
         total(CASE WHEN e.date >= p.d30 THEN e.event_count END) AS events_30,
         total(CASE WHEN e.date >= p.d60 AND e.date < p.d30 THEN e.event_count END) AS events_prior_30,
         total(CASE WHEN e.date >= p.d90 THEN e.event_count END) AS events_90,
         total(CASE WHEN e.date < p.d90 THEN e.event_count END) AS events_prior_90
    FROM a CROSS JOIN p CROSS JOIN usage_events e
   WHERE e.account = a.account AND e.date >= p.d180 AND e.date < p.d_end
   GROUP BY e.account),
-- Support tickets opened on or before as_of.
t AS MATERIALIZED (
  SELECT k.account,
         sum(k.resolved_at IS NULL OR k.resolved_at >= p.d_end) AS open_tickets,
         sum(k.opened_at >= p.d90) AS tickets_90d,
         sum(k.opened_at >= p.d90 AND k.escalated = 1) AS escalations_90d,
         avg(CASE WHEN k.opened_at >= p.d90 THEN k.csat END) AS csat_90d,
         avg(CASE WHEN k.opened_at >= p.d90 THEN k.sentiment END) AS sentiment_90d
    FROM p, support_tickets k
   WHERE k.opened_at < p.d_end
   GROUP BY k.account),
-- One row per active account with the raw inputs of the derived signals.
r AS (
  SELECT a.account, a.name, a.segment, a.csm, a.plan, a.arr, a.seats_licensed,
         a.signup_date, a.contract_end, p.as_of,
         CASE WHEN p.has_usage THEN coalesce(u.active_users, 0) END AS active_users_30d,
         u.user_days, u.core_features, p.n_core, p.has_usage, p.has_tickets, p.has_checkins,
         CASE WHEN p.has_usage THEN coalesce(u.events_30, 0) END AS events_30d,
         CASE WHEN p.has_usage THEN coalesce(u.events_prior_30, 0) END AS events_prior_30d,
         CASE WHEN p.has_usage THEN coalesce(u.events_90, 0) END AS events_90d,
         CASE WHEN p.has_usage THEN coalesce(u.events_prior_90, 0) END AS events_prior_90d,
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
         g.checkin_cadence_days,
         t.open_tickets, t.tickets_90d, t.escalations_90d, t.csat_90d, t.sentiment_90d,
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
    FROM a CROSS JOIN p
    LEFT JOIN u ON u.account = a.account
    LEFT JOIN t ON t.account = a.account
    LEFT JOIN cs_segments g ON g.segment = a.segment)
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
       CAST(julianday(date(contract_end)) - julianday(as_of) AS INTEGER) AS days_to_contract_end
  FROM r;

DROP VIEW IF EXISTS account_health;
CREATE VIEW account_health AS
WITH
s AS MATERIALIZED (SELECT * FROM account_signals),
cfg AS MATERIALIZED (SELECT profile, usage_trend_sensitivity AS sens FROM cs_settings WHERE id = 1),
-- One row per account and scorecard metric, with the signal's value.
mv AS (
  SELECT s.account, h.metric, h.signal, h.component, h.weight, h.method,
         h.target, h.worst, coalesce(h.best, 0) AS best, h.steps,
         CASE h.signal
           WHEN 'active_users_30d'        THEN s.active_users_30d
           WHEN 'dau_mau_30d'             THEN s.dau_mau_30d
           WHEN 'core_adoption_30d'       THEN s.core_adoption_30d
           WHEN 'events_per_user_day_30d' THEN s.events_per_user_day_30d
           WHEN 'seat_utilisation'        THEN s.seat_utilisation
           WHEN 'events_30d'              THEN s.events_30d
           WHEN 'usage_velocity_30d'      THEN s.usage_velocity_30d
           WHEN 'usage_velocity_90d'      THEN s.usage_velocity_90d
           WHEN 'days_since_activity'     THEN s.days_since_activity
           WHEN 'nps_latest'              THEN s.nps_latest
           WHEN 'nps_trend'               THEN s.nps_trend
           WHEN 'checkins_90d'            THEN s.checkins_90d
           WHEN 'checkin_cadence_ratio'   THEN s.checkin_cadence_ratio
           WHEN 'open_tickets'            THEN s.open_tickets
           WHEN 'tickets_90d'             THEN s.tickets_90d
           WHEN 'escalations_90d'         THEN s.escalations_90d
           WHEN 'csat_90d'                THEN s.csat_90d
           WHEN 'sentiment_90d'           THEN s.sentiment_90d
           WHEN 'seat_growth_90d'         THEN s.seat_growth_90d
           WHEN 'mrr_change_12m'          THEN s.mrr_change_12m
           WHEN 'late_invoices_180d'      THEN s.late_invoices_180d
           WHEN 'days_to_contract_end'    THEN s.days_to_contract_end
         END AS value
    FROM s JOIN health_model h ON h.weight > 0),
ms AS MATERIALIZED (
  SELECT mv.*,
         CASE method
           WHEN 'linear'  THEN score_linear(value, target)
           WHEN 'inverse' THEN score_inverse(value, worst, best)
           WHEN 'steps'   THEN score_steps(value, steps)
         END AS score
    FROM mv),
-- Component scores: the weighted mean of the metrics that have a score.
c AS (
  SELECT account,
         total(weight * score) FILTER (WHERE component = 'usage')
           / sum(weight) FILTER (WHERE component = 'usage' AND score IS NOT NULL) AS usage_base,
         total(weight * score) FILTER (WHERE component = 'engagement')
           / sum(weight) FILTER (WHERE component = 'engagement' AND score IS NOT NULL) AS engagement,
         total(weight * score) FILTER (WHERE component = 'growth')
           / sum(weight) FILTER (WHERE component = 'growth' AND score IS NOT NULL) AS growth,
         total(weight * score) FILTER (WHERE component = 'support')
           / sum(weight) FILTER (WHERE component = 'support' AND score IS NOT NULL) AS support,
         total(weight * score) FILTER (WHERE component = 'financial')
           / sum(weight) FILTER (WHERE component = 'financial' AND score IS NOT NULL) AS financial,
         sum(weight) FILTER (WHERE component = 'usage' AND score IS NOT NULL) AS w_usage,
         sum(weight) FILTER (WHERE component = 'engagement' AND score IS NOT NULL) AS w_engagement,
         sum(weight) FILTER (WHERE component = 'growth' AND score IS NOT NULL) AS w_growth,
         sum(weight) FILTER (WHERE component = 'support' AND score IS NOT NULL) AS w_support,
         sum(weight) FILTER (WHERE component = 'financial' AND score IS NOT NULL) AS w_financial
    FROM ms GROUP BY account),
hs AS MATERIALIZED (
  SELECT s.account, s.name, s.segment, s.csm, s.arr, s.as_of, s.contract_end,
         s.usage_velocity_30d, s.days_since_activity, s.nps_latest, s.active_users_30d,
         s.seats_licensed, s.seat_utilisation, s.days_to_contract_end,
         c.usage_base, c.engagement, c.growth, c.support, c.financial,
         c.w_usage, c.w_engagement, c.w_growth, c.w_support, c.w_financial,
         score_trend(c.usage_base, s.events_30d, s.events_prior_30d, cfg.sens) AS usage,
         coalesce(g.tier_cutoffs, '[85,70,50,30]') AS cutoffs,
         (SELECT hh.health_score FROM health_history hh
           WHERE hh.account = s.account
             AND hh.score_date < date(s.as_of, '-29 days')
             AND hh.score_date >= date(s.as_of, '-89 days')
           ORDER BY hh.score_date DESC LIMIT 1) AS previous_score
    FROM s CROSS JOIN cfg
    LEFT JOIN c ON c.account = s.account
    LEFT JOIN cs_segments g ON g.segment = s.segment),
sc AS MATERIALIZED (
  SELECT hs.*,
         health_score(usage, engagement, growth, support, financial, cfg.profile) AS health_score,
         health_coverage(usage, engagement, growth, support, financial, cfg.profile) AS coverage
    FROM hs CROSS JOIN cfg),
-- Drivers: each scored metric's loss is the points it takes off the health
-- score, (100 - score) x its share of the total weight (its weight within
-- the component x the component's share, the latter read from
-- health_coverage so that any profile or JSON weights work).
loss AS (
  SELECT ms.account, ms.metric, ms.signal, ms.value, ms.score,
         (100 - ms.score) * ms.weight
           / CASE ms.component WHEN 'usage' THEN sc.w_usage WHEN 'engagement' THEN sc.w_engagement
                               WHEN 'growth' THEN sc.w_growth WHEN 'support' THEN sc.w_support
                               ELSE sc.w_financial END
           * health_coverage(CASE ms.component WHEN 'usage' THEN 0 END,
                             CASE ms.component WHEN 'engagement' THEN 0 END,
                             CASE ms.component WHEN 'growth' THEN 0 END,
                             CASE ms.component WHEN 'support' THEN 0 END,
                             CASE ms.component WHEN 'financial' THEN 0 END, cfg.profile)
           / sc.coverage AS loss
    FROM ms JOIN sc ON sc.account = ms.account CROSS JOIN cfg
   WHERE ms.score < 70 AND sc.coverage > 0),
ranked AS (
  SELECT account, row_number() OVER (PARTITION BY account ORDER BY loss DESC, metric) AS rank,
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
           ELSE printf('%s scores %d', metric, round(score))
         END AS phrase
    FROM loss),
drivers AS (
  SELECT account,
         max(CASE rank WHEN 1 THEN phrase END)
           || coalesce('; ' || max(CASE rank WHEN 2 THEN phrase END), '')
           || coalesce('; ' || max(CASE rank WHEN 3 THEN phrase END), '') AS drivers
    FROM ranked WHERE rank <= 3 GROUP BY account)
SELECT sc.account, sc.name, sc.segment, sc.csm, sc.arr, sc.as_of,
       sc.usage, sc.engagement, sc.growth, sc.support, sc.financial,
       sc.health_score, sc.coverage,
       health_tier(sc.health_score, sc.cutoffs) AS tier,
       health_color(sc.health_score, sc.cutoffs) AS color,
       health_action(sc.health_score, sc.cutoffs) AS action,
       sc.previous_score,
       sc.health_score - sc.previous_score AS change,
       health_trend(sc.health_score, sc.previous_score) AS trend,
       d.drivers,
       -- the signals the alerts read, so account_alerts needs only this view
       sc.usage_velocity_30d, sc.days_since_activity, sc.nps_latest, sc.active_users_30d,
       sc.seats_licensed, sc.seat_utilisation, sc.days_to_contract_end
  FROM sc LEFT JOIN drivers d ON d.account = sc.account;

DROP VIEW IF EXISTS account_alerts;
CREATE VIEW account_alerts AS
WITH
h AS MATERIALIZED (SELECT * FROM account_health),
fired AS (
  SELECT h.account, r.signal, r.severity, r.owner, r.sla, h.csm, h.name, h.arr, h.health_score,
         CASE r.signal
           WHEN 'usage_decline' THEN printf('usage down %d%% vs prior 30 days', round(-100 * h.usage_velocity_30d))
           WHEN 'no_activity' THEN printf('no activity in %d days', h.days_since_activity)
           WHEN 'health_drop' THEN printf('health down %.0f points in 30 days (%.0f to %.0f)',
                                          -h.change, h.previous_score, h.health_score)
           WHEN 'low_health' THEN printf('health %.0f', h.health_score)
           WHEN 'negative_nps' THEN printf('detractor NPS response (%d)', h.nps_latest)
           WHEN 'low_utilisation' THEN printf('%d of %d seats active (%d%%)', h.active_users_30d,
                                              h.seats_licensed, round(100 * h.seat_utilisation))
           WHEN 'renewal_risk' THEN printf('contract ends in %d days, health %.0f',
                                           h.days_to_contract_end, h.health_score)
         END AS detail
    FROM h JOIN alert_rules r
   WHERE CASE r.signal
           WHEN 'usage_decline'   THEN -h.usage_velocity_30d > r.threshold
           WHEN 'no_activity'     THEN h.days_since_activity >= r.threshold
           WHEN 'health_drop'     THEN -h.change > r.threshold
           WHEN 'low_health'      THEN h.health_score < r.threshold
           WHEN 'negative_nps'    THEN h.nps_latest <= r.threshold
           WHEN 'low_utilisation' THEN h.seat_utilisation < r.threshold
           WHEN 'renewal_risk'    THEN h.days_to_contract_end BETWEEN 0 AND r.window_days - 1
                                       AND h.health_score < r.threshold
         END),
-- One alert per account and signal: the most severe rule that fired.
ranked AS (
  SELECT fired.*, row_number() OVER (
           PARTITION BY account, signal
           ORDER BY CASE severity WHEN 'Critical' THEN 1 WHEN 'High' THEN 2 ELSE 3 END) AS rank
    FROM fired)
SELECT account, name, arr, health_score, signal, severity, detail,
       CASE owner WHEN 'csm' THEN coalesce(csm, 'unassigned') ELSE owner END AS owner,
       sla
  FROM ranked WHERE rank = 1;

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

DROP VIEW IF EXISTS portfolio_kpis;
CREATE VIEW portfolio_kpis AS
WITH
p AS MATERIALIZED (
  SELECT as_of,
         date(as_of, 'start of month') AS m1,
         date(as_of, 'start of month', '-12 months') AS m0,
         date(as_of, '-89 days') AS d90,
         date(as_of, '+1 day') AS d_end
    FROM cs_as_of),
h AS MATERIALIZED (SELECT health_score, arr FROM account_health),
-- MRR per account in m0 and m1, for the accounts with MRR > 0 in m0.
mrr AS (
  SELECT m.account,
         sum(CASE WHEN m.month >= p.m0 AND m.month < date(p.m0, '+1 day') THEN m.mrr END) AS mrr0,
         total(CASE WHEN m.month >= p.m1 AND m.month < date(p.m1, '+1 day') THEN m.mrr END) AS mrr1
    FROM mrr_snapshots m, p
   WHERE (m.month >= p.m0 AND m.month < date(p.m0, '+1 day'))
      OR (m.month >= p.m1 AND m.month < date(p.m1, '+1 day'))
   GROUP BY m.account
  HAVING sum(CASE WHEN m.month >= p.m0 AND m.month < date(p.m0, '+1 day') THEN m.mrr END) > 0)
SELECT p.as_of,
       (SELECT count(*) FROM h) AS accounts,
       (SELECT total(arr) FROM h) AS arr,
       (SELECT avg(health_score) FROM h) AS avg_health,
       (SELECT total(arr) FROM h WHERE health_score < 50) AS at_risk_arr,
       (SELECT total(arr) FROM h WHERE health_score < 50) / nullif((SELECT total(arr) FROM h), 0)
         AS at_risk_share,
       (SELECT nrr(mrr0, mrr1) FROM mrr) AS nrr_12m,
       (SELECT grr(mrr0, mrr1) FROM mrr) AS grr_12m,
       (SELECT avg(mrr1 > 0) FROM mrr) AS logo_retention_12m,
       (SELECT nps(score) FROM nps_responses n
         WHERE n.response_date >= p.d90 AND n.response_date < p.d_end) AS nps_90d
  FROM p;
