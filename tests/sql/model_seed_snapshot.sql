-- The seed's 4-account snapshot (samples/seed_snapshot.sql) scores as
-- samples/README.md describes: tiers, the health score as the default
-- profile's weighted mean of the five components (35/25/15/15/10), the
-- alerts that fire and the 12-month KPIs.

-- include: sql/schema.sql
-- include: sql/model.sql
-- include: samples/seed_snapshot.sql

-- The views use only innocuous functions, so they work with
-- trusted_schema=OFF (docs/conventions.md) -- every assertion below runs under it.
PRAGMA trusted_schema = OFF;

SELECT 'tiers', (SELECT group_concat(account || ' ' || tier, ', ') FROM
                  (SELECT account, tier FROM account_health ORDER BY health_score DESC)),
       'ACME-Corp Thriving, Gamma-Ltd Thriving, Beta-Inc Neutral, Delta-Co Critical';
SELECT 'health = weighted components ' || account, health_score,
       (35 * usage + 25 * engagement + 15 * growth + 15 * support + 10 * financial) / 100
  FROM account_health;
-- ACME-Corp: 30 users, each active two days in three over the last 30 days:
-- 20 user-days each -> DAU/MAU (600 / 30) / 30 = 0.667, above the 0.40 target.
SELECT 'acme dau_mau', dau_mau_30d, 600.0 / 30 / 30 FROM account_signals WHERE account = 'ACME-Corp';
SELECT 'acme usage', usage, 100 FROM account_health WHERE account = 'ACME-Corp';
-- Beta-Inc: 6 tickets still open, NPS fell from 8 to 4, 1 check-in in 90
-- days against a 45-day cadence.
SELECT 'beta open tickets', open_tickets, 6 FROM account_signals WHERE account = 'Beta-Inc';
SELECT 'beta nps trend', nps_trend, -4 FROM account_signals WHERE account = 'Beta-Inc';
SELECT 'beta cadence', checkin_cadence_ratio, 1 * 45 / 90.0 FROM account_signals WHERE account = 'Beta-Inc';
-- Delta-Co: last active 2026-05-26, 35 days before as_of.
SELECT 'delta days since', days_since_activity, 35 FROM account_signals WHERE account = 'Delta-Co';
SELECT 'alerts', (SELECT group_concat(account || ' ' || signal || ' ' || severity, ', ') FROM
                   (SELECT * FROM account_alerts ORDER BY account, signal)),
       'Beta-Inc low_utilisation Warning, Beta-Inc negative_nps Warning, Beta-Inc renewal_risk Critical, '
       || 'Beta-Inc usage_decline High, Delta-Co health_drop High, Delta-Co low_health High, '
       || 'Delta-Co low_utilisation Warning, Delta-Co negative_nps Warning, Delta-Co no_activity High, '
       || 'Delta-Co usage_decline Critical';
-- MRR 2025-06 -> 2026-06: ACME 8,000 -> 10,000, Beta 3,000 -> 3,000 (Gamma
-- and Delta had no MRR twelve months ago).
SELECT 'nrr', nrr_12m, 13000.0 / 11000 FROM portfolio_kpis;
SELECT 'grr', grr_12m, 1.0 FROM portfolio_kpis;
-- NPS responses 2026-04-01..06-30: 10, 4, 8, 3 -> (1 - 2) / 4.
SELECT 'nps_90d', nps_90d, -25.0 FROM portfolio_kpis;
SELECT 'at-risk arr: Delta-Co', at_risk_arr, 1200 FROM portfolio_kpis;
