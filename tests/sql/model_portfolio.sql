-- The health model (docs/metrics.md) on a hand-built mini portfolio, as of 2026-03-31.
-- Every expected value below is worked out by hand from the rows inserted
-- here and the default scorecard (docs/metrics.md shows the arithmetic for
-- ACME); none is copied from the views' output.
--
-- Windows as of 2026-03-31: last 30 days = 2026-03-02..03-31, prior 30 days
-- = 01-31..03-01, last 90 days = 01-01..03-31, prior 90 days =
-- 2025-10-03..12-31, last 180 days = 2025-10-03..2026-03-31, m1 = 2026-03-01,
-- m0 = 2025-03-01.
--
--   ACME  mid_market, every source present
--   BETA  smb, no NPS response (weight redistributed inside engagement) and
--         no invoice or contract date (financial NULL, its weight
--         redistributed by health_score)
--   ENTX  enterprise, expanded 2,000 -> 3,000 MRR, never used the product
--   GONE  cancelled 2026-02-15: excluded, but counts in the 12-month NRR
--   LATE  signed up 2026-04-10, after as_of: excluded

-- include: sql/schema.sql
-- include: sql/model.sql

UPDATE cs_settings SET as_of = '2026-03-31';

INSERT INTO features (feature, class) VALUES
  ('f1', 'core'), ('f2', 'core'), ('f3', 'core'), ('f4', 'core'), ('x1', 'expansion');

INSERT INTO accounts (account, name, segment, csm, plan, signup_date, contract_end, arr, seats_licensed) VALUES
  ('ACME', 'Acme Corp', 'mid_market', 'Ana', 'Business', '2024-01-15', '2026-09-30', 12000, 10),
  ('BETA', 'Beta Inc', 'smb', NULL, 'Team', '2025-06-01', NULL, 6000, 5),
  ('ENTX', 'Entex', 'enterprise', 'Ben', 'Enterprise', '2024-06-01', '2026-06-15', 36000, 30),
  ('GONE', 'Gone Ltd', 'starter', 'Ana', 'Starter', '2025-01-01', '2026-01-01', 1200, 2),
  ('LATE', 'Late Co', 'smb', 'Ana', 'Team', '2026-04-10', '2027-04-10', 6000, 5);

INSERT INTO usage_events (account, user_id, date, feature, event_count) VALUES
  -- ACME, last 30 days: 3 user-days of 2 users, core f1 f2 f3, 40 events
  ('ACME', 'u1', '2026-03-10', 'f1', 10), ('ACME', 'u1', '2026-03-10', 'f2', 5),
  ('ACME', 'u1', '2026-03-20 14:30:00', 'f1', 5),
  ('ACME', 'u2', '2026-03-20', 'f3', 10), ('ACME', 'u2', '2026-03-20', 'x1', 10),
  ('ACME', 'u1', '2026-02-15', 'f1', 20),      -- prior 30 days
  ('ACME', 'u1', '2025-12-01', 'f1', 120),     -- prior 90 days
  ('ACME', 'u1', '2026-04-05', 'f1', 100),     -- after as_of: ignored
  -- BETA, last 30 days only: 2 user-days of 1 user, 24 events
  ('BETA', 'b1', '2026-03-30', 'f1', 8), ('BETA', 'b1', '2026-03-30', 'f2', 8),
  ('BETA', 'b1', '2026-03-31', 'f1', 8),
  ('GONE', 'g1', '2026-03-31', 'f1', 50);

INSERT INTO nps_responses (account, user_id, score, response_date) VALUES
  ('ACME', 'u1', 9, '2025-12-10'), ('ACME', 'u2', 5, '2026-03-15'),
  ('ENTX', 'e1', 10, '2026-03-01'), ('GONE', 'g1', 3, '2026-01-20'),
  ('ACME', 'u1', 0, '2026-04-02');                 -- after as_of: ignored

INSERT INTO check_in_logs (date, type, account) VALUES
  ('2025-12-15', 'call', 'ACME'), ('2026-01-20', 'call', 'ACME'), ('2026-03-01', 'qbr', 'ACME'),
  ('2026-02-10', 'call', 'BETA');

INSERT INTO support_tickets (account, opened_at, resolved_at, priority, escalated, csat, sentiment) VALUES
  ('ACME', '2026-02-01', '2026-02-03', 'high', 1, 2, -0.5),
  ('ACME', '2026-03-25', NULL, 'normal', 0, NULL, -0.1),
  ('ACME', '2025-11-01', '2026-04-02', 'low', 1, 5, 0.9);   -- open at as_of, not in 90 days

INSERT INTO mrr_snapshots (account, month, mrr, seats) VALUES
  ('ACME', '2025-03-01', 1000, 10), ('ACME', '2025-12-01', 1100, 11), ('ACME', '2026-03-01', 1200, 12),
  ('BETA', '2025-06-01', 500, 5), ('BETA', '2025-12-01', 500, 5), ('BETA', '2026-03-01', 500, 5),
  ('ENTX', '2025-03-01', 2000, 20), ('ENTX', '2026-03-01', 3000, 30),
  ('GONE', '2025-03-01', 100, 2), ('GONE', '2026-01-01', 100, 2);

INSERT INTO invoices (account, due_date, paid_date, amount, status) VALUES
  ('ACME', '2025-09-15', '2025-10-20', 1100, 'late'),  -- before the 180 days
  ('ACME', '2025-11-15', '2025-11-10', 1100, 'paid'),
  ('ACME', '2025-12-15', '2026-01-20', 1100, 'late'),
  ('ACME', '2026-01-15', NULL, 1200, 'failed'),
  ('ACME', '2026-02-15', '2026-02-15', 1200, 'paid'),
  ('ACME', '2026-03-15', NULL, 1200, 'open');

INSERT INTO churn_events (account, churn_date, kind, reason, mrr_lost) VALUES
  ('GONE', '2026-02-15', 'cancel', 'budget', 100),
  ('ENTX', '2025-09-30', 'downgrade', 'seats reduced', 200);

INSERT INTO health_history (account, score_date, health_score) VALUES
  ('ACME', '2026-02-20', 85),    -- the score 30 days earlier (latest on or before 03-01)
  ('ACME', '2026-03-10', 10),    -- less than 30 days ago: not the previous score
  ('ACME', '2025-12-20', 99);    -- older

-- ---------------------------------------------------------------- as_of
SELECT 'as_of', (SELECT as_of FROM cs_as_of), '2026-03-31';
SELECT 'active accounts', (SELECT group_concat(account, ' ') FROM
        (SELECT account FROM account_signals ORDER BY account)), 'ACME BETA ENTX';

-- ---------------------------------------------------------------- signals
SELECT 'acme active_users', active_users_30d, 2 FROM account_signals WHERE account = 'ACME';
SELECT 'acme dau_mau', dau_mau_30d, 3.0 / 30 / 2 FROM account_signals WHERE account = 'ACME';
SELECT 'acme core adoption', core_adoption_30d, 0.75 FROM account_signals WHERE account = 'ACME';
SELECT 'acme depth', events_per_user_day_30d, 40.0 / 3 FROM account_signals WHERE account = 'ACME';
SELECT 'acme utilisation', seat_utilisation, 0.2 FROM account_signals WHERE account = 'ACME';
SELECT 'acme events_30d', events_30d, 40 FROM account_signals WHERE account = 'ACME';
SELECT 'acme events_prior_30d', events_prior_30d, 20 FROM account_signals WHERE account = 'ACME';
SELECT 'acme velocity 30', usage_velocity_30d, 1.0 FROM account_signals WHERE account = 'ACME';
SELECT 'acme velocity 90', usage_velocity_90d, -0.5 FROM account_signals WHERE account = 'ACME';
SELECT 'acme last activity', last_activity, '2026-03-20' FROM account_signals WHERE account = 'ACME';
SELECT 'acme days since', days_since_activity, 11 FROM account_signals WHERE account = 'ACME';
SELECT 'acme nps', nps_latest, 5 FROM account_signals WHERE account = 'ACME';
SELECT 'acme nps trend', nps_trend, -4 FROM account_signals WHERE account = 'ACME';
SELECT 'acme checkins', checkins_90d, 2 FROM account_signals WHERE account = 'ACME';
SELECT 'acme cadence ratio', checkin_cadence_ratio, 1.0 FROM account_signals WHERE account = 'ACME';
SELECT 'acme open tickets', open_tickets, 2 FROM account_signals WHERE account = 'ACME';
SELECT 'acme tickets 90', tickets_90d, 2 FROM account_signals WHERE account = 'ACME';
SELECT 'acme escalations', escalations_90d, 1 FROM account_signals WHERE account = 'ACME';
SELECT 'acme csat', csat_90d, 2.0 FROM account_signals WHERE account = 'ACME';
SELECT 'acme sentiment', sentiment_90d, -0.3 FROM account_signals WHERE account = 'ACME';
SELECT 'acme seats', seats_now, 12 FROM account_signals WHERE account = 'ACME';
SELECT 'acme seat growth', seat_growth_90d, 1.0 / 11 FROM account_signals WHERE account = 'ACME';
SELECT 'acme mrr', mrr, 1200 FROM account_signals WHERE account = 'ACME';
SELECT 'acme mrr change', mrr_change_12m, 0.2 FROM account_signals WHERE account = 'ACME';
SELECT 'acme late invoices', late_invoices_180d, 2 FROM account_signals WHERE account = 'ACME';
SELECT 'acme contract', days_to_contract_end, 183 FROM account_signals WHERE account = 'ACME';

SELECT 'beta dau_mau', dau_mau_30d, 2.0 / 30 FROM account_signals WHERE account = 'BETA';
SELECT 'beta velocity: no prior', usage_velocity_30d IS NULL AND usage_velocity_90d IS NULL
  FROM account_signals WHERE account = 'BETA';
SELECT 'beta no nps', nps_latest IS NULL AND nps_trend IS NULL FROM account_signals WHERE account = 'BETA';
SELECT 'beta no tickets: zero counts, no means', open_tickets, 0 FROM account_signals WHERE account = 'BETA';
SELECT 'beta no tickets: csat', csat_90d IS NULL AND sentiment_90d IS NULL
  FROM account_signals WHERE account = 'BETA';
SELECT 'beta no invoices', late_invoices_180d IS NULL AND days_to_contract_end IS NULL
  FROM account_signals WHERE account = 'BETA';
SELECT 'beta no 12-month-old mrr', mrr_change_12m IS NULL FROM account_signals WHERE account = 'BETA';

SELECT 'entx never active', active_users_30d, 0 FROM account_signals WHERE account = 'ENTX';
SELECT 'entx dau_mau 0', dau_mau_30d, 0.0 FROM account_signals WHERE account = 'ENTX';
SELECT 'entx depth undefined', events_per_user_day_30d IS NULL FROM account_signals WHERE account = 'ENTX';
SELECT 'entx days since signup', days_since_activity, 668 FROM account_signals WHERE account = 'ENTX';
SELECT 'entx no checkins', checkin_cadence_ratio, 0.0 FROM account_signals WHERE account = 'ENTX';
SELECT 'entx seat growth', seat_growth_90d, 0.5 FROM account_signals WHERE account = 'ENTX';

-- ---------------------------------------------------------------- health
-- ACME: usage base (35*12.5 + 25*93.75 + 20*100 + 20*63.333..)/100 = 60.4791666..
-- trend-adjusted x (1 + 0.2*1.0); engagement (50*40 + 50*100)/100; growth
-- (30*75 + 40*15 + 30*100)/100; support (15 + 20 + 66.66.. + 80)/4;
-- financial (70*33.33.. + 30*100)/100.
SELECT 'acme usage', usage, 6047.916666666667 / 100 * 1.2 FROM account_health WHERE account = 'ACME';
SELECT 'acme engagement', engagement, 70 FROM account_health WHERE account = 'ACME';
SELECT 'acme growth', growth, 58.5 FROM account_health WHERE account = 'ACME';
SELECT 'acme support', support, (15 + 20 + 200.0 / 3 + 80) / 4 FROM account_health WHERE account = 'ACME';
SELECT 'acme financial', financial, 70 * (100.0 / 3) / 100 + 30 FROM account_health WHERE account = 'ACME';
SELECT 'acme health', health_score,
       (35 * 72.575 + 25 * 70 + 15 * 58.5 + 15 * 45.416666666666667 + 10 * 53.333333333333333) / 100
  FROM account_health WHERE account = 'ACME';
SELECT 'acme coverage', coverage, 1.0 FROM account_health WHERE account = 'ACME';
SELECT 'acme tier', tier || '/' || color, 'Neutral/yellow' FROM account_health WHERE account = 'ACME';
-- ACME's alerts: failed_payment and health_drop High; negative_nps,
-- low_utilisation, nps_drop (9 -> 5) and tier_change (Thriving -> Neutral)
-- Warning; the action is the playbook of the first High one by signal
-- name, not the tier's.
SELECT 'acme action', action, (SELECT playbook FROM alert_rules
                                WHERE signal = 'failed_payment' AND severity = 'High')
  FROM account_health WHERE account = 'ACME';
SELECT 'acme top alert', top_alert_severity || ': ' || top_alert || ' (' || alerts || ' alerts)',
       'High: 1 failed payments in 90 days (6 alerts)'
  FROM account_health WHERE account = 'ACME';
SELECT 'acme previous', previous_score, 85 FROM account_health WHERE account = 'ACME';
SELECT 'acme change', change, 63.822083333333333 - 85 FROM account_health WHERE account = 'ACME';
SELECT 'acme trend', trend, 'declining' FROM account_health WHERE account = 'ACME';
SELECT 'acme drivers', drivers,
       'low daily use (DAU/MAU 5%); detractor NPS (5); usage down 50% vs prior 90 days'
  FROM account_health WHERE account = 'ACME';

-- BETA: financial NULL -> weight 10 redistributed over the other 90.
SELECT 'beta usage', usage, (35 * 100.0 / 6 + 25 * 62.5 + 20 * 100 + 20 * 100) / 100
  FROM account_health WHERE account = 'BETA';
SELECT 'beta engagement: nps weight redistributed', engagement, 100 FROM account_health WHERE account = 'BETA';
SELECT 'beta growth: only seats', growth, 75 FROM account_health WHERE account = 'BETA';
SELECT 'beta support', support, 100 FROM account_health WHERE account = 'BETA';
SELECT 'beta financial NULL', financial IS NULL FROM account_health WHERE account = 'BETA';
SELECT 'beta health', health_score,
       (35 * 61.458333333333333 + 25 * 100 + 15 * 75 + 15 * 100) / 90 FROM account_health WHERE account = 'BETA';
SELECT 'beta coverage', coverage, 0.9 FROM account_health WHERE account = 'BETA';
SELECT 'beta tier', tier, 'Healthy' FROM account_health WHERE account = 'BETA';
SELECT 'beta no history', previous_score IS NULL AND trend IS NULL FROM account_health WHERE account = 'BETA';
SELECT 'beta drivers', drivers, 'low daily use (DAU/MAU 7%); uses 50% of core features'
  FROM account_health WHERE account = 'BETA';

-- ENTX: usage 0, engagement (50*100 + 50*0)/100, growth 100, support 100,
-- financial 75 (contract in 76 days) -> exactly 50, the Neutral boundary.
SELECT 'entx usage', usage, 0.0 FROM account_health WHERE account = 'ENTX';
SELECT 'entx engagement', engagement, 50 FROM account_health WHERE account = 'ENTX';
SELECT 'entx growth', growth, 100 FROM account_health WHERE account = 'ENTX';
SELECT 'entx financial', financial, 75 FROM account_health WHERE account = 'ENTX';
SELECT 'entx health', health_score, 50 FROM account_health WHERE account = 'ENTX';
SELECT 'entx tier', tier, 'Neutral' FROM account_health WHERE account = 'ENTX';
SELECT 'entx drivers', drivers,
       'low daily use (DAU/MAU 0%); no CSM check-in in 90 days; uses 0% of core features'
  FROM account_health WHERE account = 'ENTX';

-- ---------------------------------------------------------------- alerts
SELECT 'alerts', (SELECT group_concat(x, ', ') FROM (
         SELECT account || ' ' || signal || ' ' || severity || ' ' || owner || ' ' || sla AS x
           FROM account_alerts ORDER BY account, signal)),
       'ACME failed_payment High Finance 48 hours, '
       || 'ACME health_drop High Ana 48 hours, ACME low_utilisation Warning Ana 14 days, '
       || 'ACME negative_nps Warning Ana 5 days, ACME nps_drop Warning Ana 5 days, '
       || 'ACME tier_change Warning Ana 5 days, BETA low_utilisation Warning unassigned 14 days, '
       || 'ENTX low_utilisation Warning Ben 14 days, ENTX no_activity High Ben 48 hours, '
       || 'ENTX renewal_due Warning Ben 14 days, '
       || 'ENTX renewal_risk Critical CS manager 24 hours';
SELECT 'alert detail drop', detail, 'health down 21 points in 30 days (85 to 64)'
  FROM account_alerts WHERE account = 'ACME' AND signal = 'health_drop';
SELECT 'alert detail renewal', detail, 'contract ends in 76 days, health 50'
  FROM account_alerts WHERE account = 'ENTX' AND signal = 'renewal_risk';
SELECT 'alert detail utilisation', detail, '2 of 10 seats active (20%)'
  FROM account_alerts WHERE account = 'ACME' AND signal = 'low_utilisation';

-- ---------------------------------------------------------------- distribution, KPIs
SELECT 'distribution', (SELECT group_concat(tier || ':' || accounts || ':' || arr || ':' || coalesce(share, 'NULL'), ' ')
                          FROM health_distribution),
       'Thriving:0:0.0:0.0 Healthy:1:6000.0:' || (1.0 / 3) || ' Neutral:2:48000.0:' || (2.0 / 3)
       || ' At-Risk:0:0.0:0.0 Critical:0:0.0:0.0';
SELECT 'kpi as_of', as_of, '2026-03-31' FROM portfolio_kpis;
SELECT 'kpi accounts', accounts, 3 FROM portfolio_kpis;
SELECT 'kpi arr', arr, 54000 FROM portfolio_kpis;
SELECT 'kpi avg health', avg_health,
       (63.822083333333333 + 7276.0416666666667 / 90 + 50) / 3 FROM portfolio_kpis;
SELECT 'kpi at-risk arr: 50 is not at risk', at_risk_arr, 0 FROM portfolio_kpis;
SELECT 'kpi at-risk share', at_risk_share, 0 FROM portfolio_kpis;
-- m0 -> m1: ACME 1000 -> 1200, GONE 100 -> missing (0), ENTX 2000 -> 3000.
SELECT 'kpi nrr', nrr_12m, 4200.0 / 3100 FROM portfolio_kpis;
SELECT 'kpi grr', grr_12m, 3000.0 / 3100 FROM portfolio_kpis;
SELECT 'kpi logo retention', logo_retention_12m, 2.0 / 3 FROM portfolio_kpis;
-- Responses 2026-01-01..03-31: 5 (ACME), 10 (ENTX), 3 (GONE).
SELECT 'kpi nps_90d', nps_90d, -100.0 / 3 FROM portfolio_kpis;

-- ---------------------------------------------------------------- the model is data
UPDATE cs_settings SET profile = 'usage_based';   -- 50/15/20/10/5
SELECT 'usage_based acme', health_score,
       (50 * 72.575 + 15 * 70 + 20 * 58.5 + 10 * 45.416666666666667 + 5 * 53.333333333333333) / 100
  FROM account_health WHERE account = 'ACME';
SELECT 'usage_based entx', health_score, 41.25 FROM account_health WHERE account = 'ENTX';
SELECT 'usage_based entx tier', tier, 'At-Risk' FROM account_health WHERE account = 'ENTX';
SELECT 'usage_based at-risk arr', at_risk_arr, 36000 FROM portfolio_kpis;
UPDATE cs_settings SET profile = '{"usage":1}';
SELECT 'json profile: usage only', health_score, 72.575 FROM account_health WHERE account = 'ACME';
UPDATE cs_settings SET profile = 'default';

UPDATE health_model SET weight = 0 WHERE metric = 'nps';
SELECT 'nps switched off', engagement, 100 FROM account_health WHERE account = 'ACME';
SELECT 'nps switched off: health', health_score,
       (35 * 72.575 + 25 * 100 + 15 * 58.5 + 15 * 45.416666666666667 + 10 * 53.333333333333333) / 100
  FROM account_health WHERE account = 'ACME';
UPDATE health_model SET weight = 50 WHERE metric = 'nps';
UPDATE health_model SET target = 0.10 WHERE metric = 'dau_mau';   -- 0.05 of 0.10 -> 50
SELECT 'dau_mau target', usage, (35 * 50 + 25 * 93.75 + 20 * 100 + 20 * 63.333333333333333) / 100 * 1.2
  FROM account_health WHERE account = 'ACME';
UPDATE health_model SET target = 0.40 WHERE metric = 'dau_mau';
UPDATE cs_settings SET usage_trend_sensitivity = 0;
SELECT 'no trend adjustment', usage, 60.479166666666667 FROM account_health WHERE account = 'ACME';
UPDATE cs_segments SET tier_cutoffs = '[90,80,70,60]' WHERE segment = 'mid_market';
-- health without the trend adjustment: (35*60.479.. + 25*70 + 15*58.5 +
-- 15*45.41.. + 10*53.33..)/100 = 59.59 < 60: the fourth cutoff.
SELECT 'segment cutoffs', tier, 'Critical' FROM account_health WHERE account = 'ACME';
SELECT 'other segments keep theirs', tier, 'Healthy' FROM account_health WHERE account = 'BETA';

-- error: health_model: unknown signal (not a data signal of signal_catalog)
UPDATE health_model SET signal = 'no_such_signal' WHERE metric = 'nps';

UPDATE cs_settings SET profile = 'nope';
-- error: health_score: weights must be a profile name (default, classic, self_serve, enterprise, usage_based, high_touch) or a JSON object, got 'nope'
SELECT health_score FROM account_health;
