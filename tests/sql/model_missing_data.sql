-- The health model when exports are missing (docs/metrics.md): a source table with no
-- rows gives NULL signals and NULL components -- never a silent 0 -- and
-- health_score redistributes their weight. Also: as_of defaults to the
-- latest date in the data, an empty portfolio, sql/snapshot.sql, and
-- re-running sql/model.sql keeps the analyst's settings.

-- include: sql/schema.sql
-- include: sql/model.sql

-- An empty database still answers.
SELECT 'empty as_of', (SELECT as_of FROM cs_as_of) IS NULL;
SELECT 'empty kpis', accounts, 0 FROM portfolio_kpis;
SELECT 'empty kpis: no averages', avg_health IS NULL AND nrr_12m IS NULL AND at_risk_share IS NULL
  FROM portfolio_kpis;
SELECT 'empty distribution', (SELECT group_concat(tier || ':' || accounts || ':' || coalesce(share, 'NULL'), ' ')
                                FROM health_distribution),
       'Thriving:0:NULL Healthy:0:NULL Neutral:0:NULL At-Risk:0:NULL Critical:0:NULL';

-- Only the CRM and product-analytics exports are loaded.
INSERT INTO accounts (account, segment, signup_date, seats_licensed, arr) VALUES
  ('SOLO', 'smb', '2025-01-01', 4, 4800), ('NEW', 'smb', NULL, NULL, 1200);
INSERT INTO usage_events (account, user_id, date, feature, event_count) VALUES
  ('SOLO', 'a', '2026-05-01', 'f1', 6), ('SOLO', 'b', '2026-05-01', 'f1', 2),
  ('SOLO', 'a', '2026-05-20', 'f1', 4), ('SOLO', 'a', '2026-04-10', 'f1', 12);

SELECT 'as_of is the latest date', (SELECT as_of FROM cs_as_of), '2026-05-20';
SELECT 'unknown signup counts as active', count(*), 2 FROM account_signals;
SELECT 'no features: adoption NULL', core_adoption_30d IS NULL FROM account_signals WHERE account = 'SOLO';
SELECT 'no tickets loaded', open_tickets IS NULL AND escalations_90d IS NULL
  FROM account_signals WHERE account = 'SOLO';
SELECT 'no check-ins loaded', checkins_90d IS NULL AND checkin_cadence_ratio IS NULL
  FROM account_signals WHERE account = 'SOLO';
SELECT 'no invoices, no contract', late_invoices_180d IS NULL AND days_to_contract_end IS NULL
  FROM account_signals WHERE account = 'SOLO';
-- 30 days to 05-20 = 04-21..05-20: user-days (a,05-01) (b,05-01) (a,05-20) of
-- 2 users; prior 30 days 03-22..04-20 hold 12 events.
SELECT 'dau_mau', dau_mau_30d, 3.0 / 30 / 2 FROM account_signals WHERE account = 'SOLO';
SELECT 'velocity', usage_velocity_30d, (12 - 12) / 12.0 FROM account_signals WHERE account = 'SOLO';
SELECT 'utilisation', seat_utilisation, 0.5 FROM account_signals WHERE account = 'SOLO';
SELECT 'never active, signup unknown', days_since_activity IS NULL FROM account_signals WHERE account = 'NEW';

-- usage: dau_mau 0.05/0.4 -> 12.5 (weight 35), depth 12/3 = 4 of 8 -> 50
-- (20), recency 0 days -> 100 (20); trend x 1.0. Nothing else has data.
SELECT 'usage only', usage, (35 * 12.5 + 20 * 50 + 20 * 100) / 75.0 FROM account_health WHERE account = 'SOLO';
SELECT 'other components NULL',
       engagement IS NULL AND growth IS NULL AND support IS NULL AND financial IS NULL
  FROM account_health WHERE account = 'SOLO';
SELECT 'health from usage alone', health_score, (35 * 12.5 + 20 * 50 + 20 * 100) / 75.0
  FROM account_health WHERE account = 'SOLO';
SELECT 'coverage', coverage, 0.35 FROM account_health WHERE account = 'SOLO';
-- NEW has no activity while usage data is loaded: DAU/MAU is a real 0.
SELECT 'no activity is a 0', health_score, 0.0 FROM account_health WHERE account = 'NEW';
SELECT 'no activity drivers', drivers, 'low daily use (DAU/MAU 0%)' FROM account_health WHERE account = 'NEW';

-- Snapshots: one row per scored account and date, never twice.
-- include: sql/snapshot.sql
-- include: sql/snapshot.sql
SELECT 'snapshot', (SELECT group_concat(account || ' ' || score_date, ', ') FROM health_history),
       'NEW 2026-05-20, SOLO 2026-05-20';

-- Re-running the model keeps settings and scorecard edits.
UPDATE cs_settings SET profile = 'classic';
UPDATE health_model SET weight = 0 WHERE metric = 'recency';
-- include: sql/model.sql
SELECT 'settings kept', (SELECT profile FROM cs_settings), 'classic';
SELECT 'scorecard kept', (SELECT weight FROM health_model WHERE metric = 'recency'), 0.0;
SELECT 'rows not duplicated', (SELECT count(*) FROM health_model), 15;
SELECT 'recency off', health_score, (35 * 12.5 + 20 * 50) / 55.0 FROM account_health WHERE account = 'SOLO';
