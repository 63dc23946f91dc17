-- The model's v2 views on a hand-built portfolio, as of 2026-03-31:
-- settings (at_risk_below, tier cut-offs, horizons), segment profiles and
-- cut-offs, action from the most severe alert, health_calibration,
-- churn_probability, portfolio_kpis_by, expected_arr_at_risk,
-- renewal_pipeline, churn_reasons. Every expected value is worked out by
-- hand in the comments from the rows inserted here.
--
-- Only contracts and MRR are loaded, so each health score is one or two
-- metrics (the others have no data and drop out):
--   financial = contract_runway: steps [[90,100],[30,75],[0,50]] of
--               days_to_contract_end;
--   growth    = mrr_expansion: MRR change over 12 months, steps
--               [[0.2,100],[0.05,85],[0,70],...].
--   A  enterprise (profile 'classic', cut-offs [90,86,80,30]): MRR 1,000 ->
--      1,100 (+10% -> growth 85); classic weighs financial 0, so health 85;
--      segment tier Neutral (80 <= 85 < 86), portfolio band Thriving (>= 85)
--   B  smb, contract ends in 20 days -> 50; Neutral; renewal_risk Critical
--   C  smb, ends in 180 days -> 100; K smb, 181 days -> 100
--   H  starter, no contract, no MRR -> NULL health (cancels after as_of)
--   D, E, F, G cancelled before as_of (D had MRR 500 in m0).

-- include: sql/schema.sql
-- include: sql/model.sql

UPDATE cs_settings SET as_of = '2026-03-31';
UPDATE cs_segments SET profile = 'classic', tier_cutoffs = '[90,86,80,30]' WHERE segment = 'enterprise';

INSERT INTO accounts (account, name, segment, csm, plan, industry, signup_date, contract_end, arr) VALUES
  ('A', 'Alpha', 'enterprise', 'Ana', 'Enterprise', 'Tech',   '2024-01-01', '2026-05-30', 12000),
  ('B', 'Beta',  'smb',        'Ben', 'Team',       'Retail', '2025-01-01', '2026-04-20', 6000),
  ('C', 'Gamma', 'smb',        'Ana', 'Team',       'Tech',   '2025-01-01', '2026-09-27', 3000),
  ('K', 'Kappa', 'smb',        'Ben', 'Team',       'Retail', '2025-01-01', '2026-09-28', 2400),
  ('H', 'Eta',   'starter',    'Ana', 'Starter',    'Tech',   '2025-01-01', NULL,         1200),
  ('D', 'Delta', 'starter',    'Ben', 'Starter',    'Retail', '2024-06-01', NULL,         1200),
  ('E', 'Eps',   'starter',    'Ben', 'Starter',    'Retail', '2024-06-01', NULL,         600),
  ('F', 'Phi',   'smb',        'Ana', 'Team',       'Tech',   '2024-06-01', NULL,         2400),
  ('G', 'Gee',   'smb',        'Ana', 'Team',       'Tech',   '2024-06-01', NULL,         1800);
INSERT INTO mrr_snapshots (account, month, mrr) VALUES
  ('A', '2025-03-01', 1000), ('A', '2026-03-01', 1100), ('D', '2025-03-01', 500);
INSERT INTO churn_events (account, churn_date, kind, reason, mrr_lost) VALUES
  ('E', '2025-12-15', 'cancel', 'price', 50),
  ('F', '2026-01-05', 'cancel', 'product', 200),
  ('D', '2026-02-10', 'cancel', 'price', 100),
  ('ZZ', '2026-03-15', 'cancel', NULL, 10),        -- not in accounts: segment NULL
  ('G', '2026-03-31', 'cancel', 'budget', 150),
  ('H', '2026-04-01', 'cancel', 'price', 120),     -- after as_of: not counted
  ('A', '2026-02-01', 'downgrade', 'seats', 300);  -- a downgrade, not a cancel
-- Scored snapshots: score_date on or before as_of - 90 = 2025-12-31, of an
-- account not cancelled by then; churned = a cancel within 90 days after.
INSERT INTO health_history (account, score_date, health_score) VALUES
  ('A', '2025-12-31', 80),   -- Healthy, 0
  ('A', '2025-12-30', 68),   -- Neutral, 0
  ('A', '2026-01-01', 70),   -- as_of - 89: too recent, not scored
  ('A', '2026-01-15', 70),   -- too recent: not scored
  ('B', '2025-12-31', 90),   -- Thriving, 0
  ('B', '2025-09-01', 55),   -- Neutral, 0
  ('C', '2025-12-31', 95),   -- Thriving, 0
  ('C', '2025-12-01', 72),   -- Healthy, 0
  ('D', '2025-12-31', 40),   -- At-Risk, cancel 02-10: 1
  ('D', '2025-11-15', 45),   -- At-Risk, window ends 02-13: 1
  ('D', '2025-10-01', 60),   -- Neutral, window ends 12-30: 0
  ('E', '2025-12-31', 45),   -- cancelled 12-15: not scored
  ('F', '2025-12-31', 20),   -- Critical, cancel 01-05: 1
  ('G', '2025-12-31', 65),   -- Neutral, cancel 03-31 = day 90: 1
  ('H', '2025-12-31', 50),   -- Neutral, cancel 04-01 = day 91: 0
  ('C', '2025-06-30', NULL); -- no score: not scored

-- Settings: one row with the defaults.
SELECT 'settings defaults', at_risk_below || ' ' || tier_cutoffs || ' ' || renewal_horizon_days || ' '
       || alert_cooldown_days || ' ' || churn_horizon_days, '50.0 [85,70,50,30] 180 30 90'
  FROM cs_settings;
-- error: CHECK constraint failed: at_risk_below BETWEEN 0 AND 100
UPDATE cs_settings SET at_risk_below = 101;
-- error: CHECK constraint failed: id = 1
INSERT INTO cs_settings SELECT 2, as_of, profile, usage_trend_sensitivity, tier_cutoffs, at_risk_below,
       renewal_horizon_days, alert_cooldown_days, churn_horizon_days, missed_churn_cost, false_alarm_cost
  FROM cs_settings;

-- health_outcomes and health_calibration.
SELECT 'outcomes', count(*) || ' ' || sum(churned), '12 4' FROM health_outcomes;
SELECT 'calibration',
       (SELECT group_concat(band || ' ' || tier || ' ' || snapshots || ' ' || churned || ' '
                            || coalesce(rate, 'NULL'), '; ') FROM health_calibration),
       '1 Thriving 2 0 0.0; 2 Healthy 2 0 0.0; 3 Neutral 5 1 0.2; 4 At-Risk 2 2 1.0; 5 Critical 1 1 1.0';
-- Wilson, written another way: centre (k + z^2/2) / (n + z^2),
-- half-width z / (n + z^2) * sqrt(k (n - k) / n + z^2 / 4).
SELECT 'wilson 1 of 5 low', ci_low, 0.036224108632430196 FROM health_calibration WHERE tier = 'Neutral';
SELECT 'wilson 1 of 5 high', ci_high, 0.6244653702374747 FROM health_calibration WHERE tier = 'Neutral';
SELECT 'wilson 0 of 2', ci_low || ' ' || round(ci_high, 12), '0.0 ' || round(3.841458820694124 / 5.841458820694124, 12)
  FROM health_calibration WHERE tier = 'Thriving';
SELECT 'wilson 2 of 2', round(ci_low, 12) || ' ' || ci_high, round(2 / 5.841458820694124, 12) || ' 1.0'
  FROM health_calibration WHERE tier = 'At-Risk';

-- account_health: segment profile and cut-offs, action, churn probability.
SELECT 'A health', health_score, 85 FROM account_health WHERE account = 'A';
-- A's contract ends in 60 days: renewal_due (Warning, < 90 days) sets its
-- action; the tier is its segment's.
SELECT 'A tier by its segment cut-offs', tier || ' / ' || action, 'Neutral / Start the renewal conversation'
  FROM account_health WHERE account = 'A';
SELECT 'A probability by the portfolio band', churn_probability, 0.0 FROM account_health WHERE account = 'A';
SELECT 'B health', health_score || ' ' || tier || ' ' || churn_probability, '50.0 Neutral 0.2'
  FROM account_health WHERE account = 'B';
SELECT 'B action is its alert''s playbook', action || ' / ' || top_alert_severity || ': ' || top_alert,
       'Renewal save plan with the sponsor / Critical: contract ends in 20 days, health 50'
  FROM account_health WHERE account = 'B';
SELECT 'H no score', health_score IS NULL AND tier IS NULL AND churn_probability IS NULL AND at_risk IS NULL
  FROM account_health WHERE account = 'H';
SELECT 'active accounts', (SELECT group_concat(account, ',') FROM (SELECT account FROM account_health ORDER BY 1)),
       'A,B,C,H,K';
SELECT 'alerts', (SELECT group_concat(account || ':' || signal || ':' || severity, ' ') FROM account_alerts),
       'A:renewal_due:Warning B:renewal_risk:Critical B:renewal_due:Warning';
-- An alert rule without a playbook leaves the tier's action.
UPDATE alert_rules SET playbook = NULL WHERE signal = 'renewal_risk';
SELECT 'no playbook: tier action', action, 'Proactive engagement' FROM account_health WHERE account = 'B';

-- portfolio_kpis: active A, B, C, H, K; 12-month MRR cohort A 1,000 ->
-- 1,100 and D 500 -> 0; expected ARR at risk = 6,000 x 0.2 (B) + 0 (A, C, K).
SELECT 'kpis', accounts || ' ' || arr || ' ' || avg_health || ' ' || at_risk_arr || ' ' || at_risk_share,
       '5 24600.0 83.75 0.0 0.0' FROM portfolio_kpis;
SELECT 'kpis nrr', nrr_12m, 1100.0 / 1500 FROM portfolio_kpis;
SELECT 'kpis grr', grr_12m, 1000.0 / 1500 FROM portfolio_kpis;
SELECT 'kpis logo', logo_retention_12m, 0.5 FROM portfolio_kpis;
SELECT 'kpis no nps', nps_90d IS NULL FROM portfolio_kpis;
SELECT 'expected ARR at risk', expected_arr_at_risk, 1200 FROM portfolio_kpis;

-- portfolio_kpis_by: smb = B, C, K (no MRR: retention NULL); starter = H
-- (no score) and D's MRR 500 -> 0; tier NULL holds H; the retention
-- figures are not split by tier.
SELECT 'by rows', (SELECT group_concat(dimension || '=' || coalesce(value, 'NULL') || ':' || accounts, ' ')
                     FROM portfolio_kpis_by),
       'segment=enterprise:1 segment=smb:3 segment=starter:1 csm=Ana:3 csm=Ben:2 plan=Enterprise:1 '
       || 'plan=Starter:1 plan=Team:3 industry=Retail:2 industry=Tech:3 '
       || 'tier=NULL:1 tier=Neutral:2 tier=Thriving:2';
SELECT 'by smb', arr || ' ' || avg_health || ' ' || expected_arr_at_risk || ' ' || coalesce(nrr_12m, 'NULL'),
       '11400.0 83.3333333333333 1200.0 NULL'
  FROM portfolio_kpis_by WHERE dimension = 'segment' AND value = 'smb';
SELECT 'by starter', coalesce(avg_health, 'NULL') || ' ' || at_risk_arr || ' ' || coalesce(expected_arr_at_risk, 'NULL')
       || ' ' || nrr_12m || ' ' || grr_12m || ' ' || logo_retention_12m, 'NULL 0.0 NULL 0.0 0.0 0.0'
  FROM portfolio_kpis_by WHERE dimension = 'segment' AND value = 'starter';
SELECT 'by enterprise', nrr_12m || ' ' || grr_12m || ' ' || logo_retention_12m, '1.1 1.0 1.0'
  FROM portfolio_kpis_by WHERE dimension = 'segment' AND value = 'enterprise';
SELECT 'by csm Ana', arr || ' ' || nrr_12m, '16200.0 1.1' FROM portfolio_kpis_by
 WHERE dimension = 'csm' AND value = 'Ana';
SELECT 'by tier: no retention', count(*), 0 FROM portfolio_kpis_by
 WHERE dimension = 'tier' AND (nrr_12m IS NOT NULL OR grr_12m IS NOT NULL OR logo_retention_12m IS NOT NULL);
SELECT 'by sums to the total', (SELECT total(arr) FROM portfolio_kpis_by WHERE dimension = 'segment'),
       (SELECT arr FROM portfolio_kpis);

-- at_risk_below is the one line: at 60, B (health 50) is at risk.
UPDATE cs_settings SET at_risk_below = 60;
SELECT 'at risk at 60', at_risk_arr || ' ' || at_risk_share, '6000.0 ' || (6000 / 24600.0) FROM portfolio_kpis;
SELECT 'at risk by csm at 60', at_risk_arr, 6000 FROM portfolio_kpis_by WHERE dimension = 'csm' AND value = 'Ben';
SELECT 'at_risk flags', (SELECT group_concat(account || ':' || coalesce(at_risk, 'NULL'), ' ')
                           FROM (SELECT * FROM account_health ORDER BY account)),
       'A:0 B:1 C:0 H:NULL K:0';
UPDATE cs_settings SET at_risk_below = 50;

-- renewal_pipeline: contracts ending within 180 days of as_of (K: 181).
SELECT 'pipeline', (SELECT group_concat(account || ' ' || contract_end || ' ' || days_to_renewal || ' ' || arr
                                         || ' ' || churn_probability || ' ' || risk_adjusted_arr, '; ')
                      FROM renewal_pipeline),
       'B 2026-04-20 20 6000.0 0.2 4800.0; A 2026-05-30 60 12000.0 0.0 12000.0; '
       || 'C 2026-09-27 180 3000.0 0.0 3000.0';
UPDATE cs_settings SET renewal_horizon_days = 181;
SELECT 'pipeline at 181 days', count(*), 4 FROM renewal_pipeline;
UPDATE cs_settings SET renewal_horizon_days = 180;

-- churn_reasons: cancels on or before as_of, per quarter and segment.
SELECT 'reasons', (SELECT group_concat(period || ' ' || coalesce(segment, 'NULL') || ' ' || coalesce(reason, 'NULL')
                                        || ' ' || cancels || ' ' || mrr_lost || ' ' || share, '; ')
                     FROM churn_reasons),
       '2025-10-01 starter price 1 50.0 1.0; 2026-01-01 NULL NULL 1 10.0 1.0; '
       || '2026-01-01 smb budget 1 150.0 0.5; 2026-01-01 smb product 1 200.0 0.5; '
       || '2026-01-01 starter price 1 100.0 1.0';

-- churn_horizon_days: at 30 days, scored up to as_of - 30 = 03-01 (A's
-- 01-01 and 01-15 join, Healthy); only F (cancel 5 days after) churned in
-- time.
UPDATE cs_settings SET churn_horizon_days = 30;
SELECT 'horizon 30', (SELECT group_concat(tier || ' ' || snapshots || ' ' || churned, '; ') FROM health_calibration),
       'Thriving 2 0; Healthy 4 0; Neutral 5 0; At-Risk 2 0; Critical 1 1';
SELECT 'horizon 30: expected ARR at risk', expected_arr_at_risk, 0 FROM portfolio_kpis;
UPDATE cs_settings SET churn_horizon_days = 90;

-- The tier cut-offs of a segment without its own come from cs_settings.
UPDATE cs_settings SET tier_cutoffs = '[95,90,60,30]';
SELECT 'settings cut-offs', tier, 'At-Risk' FROM account_health WHERE account = 'B';
SELECT 'calibration follows', (SELECT group_concat(tier || ' ' || snapshots, '; ') FROM health_calibration),
       'Thriving 1; Healthy 1; Neutral 5; At-Risk 4; Critical 1';

-- The model's views use only innocuous functions: they answer with
-- trusted_schema off.
PRAGMA trusted_schema = OFF;
SELECT 'untrusted calibration', count(*), 5 FROM health_calibration;
SELECT 'untrusted health', count(*), 5 FROM account_health;
SELECT 'untrusted kpis by', count(*), 14 FROM portfolio_kpis_by;  -- tiers: NULL, Neutral, At-Risk, Thriving
SELECT 'untrusted pipeline', count(*), 3 FROM renewal_pipeline;
SELECT 'untrusted reasons', count(*), 5 FROM churn_reasons;
SELECT 'untrusted kpis', accounts, 5 FROM portfolio_kpis;
PRAGMA trusted_schema = ON;
