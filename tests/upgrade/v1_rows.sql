-- seed_snapshot.sql -- the seed library's 4-account snapshot (ACME-Corp,
-- Beta-Inc, Gamma-Ltd, Delta-Co) as rows of the csmetrics tables, as of
-- 2026-06-30. samples/README.md walks through how the model scores it.
--
--   sqlite3 seed.db '.load ./build/csmetrics' '.read sql/schema.sql' \
--     '.read sql/model.sql' '.read samples/seed_snapshot.sql' \
--     'SELECT account, health_score, tier, drivers FROM account_health'
--
-- The seed names the four accounts and their situation; the row-level
-- values below (seats, prices, daily activity) are our own, chosen so that
-- each account tells its story: ACME-Corp an expanding enterprise,
-- Beta-Inc a mid-market account sliding towards a renewal, Gamma-Ltd a
-- steady small business, Delta-Co a starter account gone quiet.
UPDATE cs_settings SET as_of = '2026-06-30';

INSERT OR IGNORE INTO features (feature, class) VALUES
  ('dashboards', 'core'), ('reports', 'core'), ('search', 'core'), ('alerts', 'core'),
  ('integrations', 'core'), ('api', 'expansion'), ('sso', 'expansion'), ('ai_insights', 'advanced');

INSERT INTO accounts (account, name, segment, industry, csm, plan, signup_date, contract_end, arr, seats_licensed) VALUES
  ('ACME-Corp', 'ACME Corporation', 'enterprise', 'manufacturing', 'Dana Lee', 'Enterprise', '2023-04-01', '2027-03-31', 120000, 40),
  ('Beta-Inc', 'Beta Inc', 'mid_market', 'software', 'Sam Ortiz', 'Business', '2024-09-01', '2026-08-31', 36000, 20),
  ('Gamma-Ltd', 'Gamma Ltd', 'smb', 'retail', 'Sam Ortiz', 'Team', '2025-02-01', '2027-01-31', 9000, 6),
  ('Delta-Co', 'Delta Co', 'starter', 'education', 'Digital CS', 'Starter', '2025-11-01', '2026-10-31', 1200, 3);

-- Daily activity over the last 180 days (day 0 = 2026-06-30).
WITH RECURSIVE day(d) AS (SELECT 0 UNION ALL SELECT d + 1 FROM day WHERE d < 179),
users(u) AS (SELECT 1 UNION ALL SELECT u + 1 FROM users WHERE u < 30),
core(f, name) AS (VALUES (0, 'dashboards'), (1, 'reports'), (2, 'search'), (3, 'alerts'), (4, 'integrations'))
INSERT INTO usage_events (account, user_id, date, feature, event_count)
-- ACME-Corp: 24 users before the last 90 days, 30 since; each active two
-- days in three, on every core feature in turn.
SELECT 'ACME-Corp', 'acme-u' || u, date('2026-06-30', '-' || d || ' days'),
       (SELECT name FROM core WHERE f = (d + u) % 5), 12
  FROM day, users
 WHERE (d + u) % 3 <> 0 AND (u <= 24 OR d < 90)
UNION ALL
-- Beta-Inc: 15 users every other day until two months ago, then 8, then 5
-- in the last 30 days; two core features only.
SELECT 'Beta-Inc', 'beta-u' || u, date('2026-06-30', '-' || d || ' days'),
       CASE WHEN u % 2 = 0 THEN 'dashboards' ELSE 'reports' END, 6
  FROM day, users
 WHERE (d + u) % 2 = 0 AND u <= CASE WHEN d < 30 THEN 5 WHEN d < 60 THEN 8 ELSE 15 END
UNION ALL
-- Gamma-Ltd: 5 users every other day, three core features, steady.
SELECT 'Gamma-Ltd', 'gamma-u' || u, date('2026-06-30', '-' || d || ' days'),
       (SELECT name FROM core WHERE f = (d + u) % 3), 8
  FROM day, users
 WHERE (d + u) % 2 = 0 AND u <= 5
UNION ALL
-- Delta-Co: one user, once a week, until 35 days ago.
SELECT 'Delta-Co', 'delta-u1', date('2026-06-30', '-' || d || ' days'), 'dashboards', 3
  FROM day WHERE d >= 35 AND d % 7 = 0;

INSERT INTO nps_responses (account, user_id, score, response_date) VALUES
  ('ACME-Corp', 'acme-u3', 9, '2026-01-20'), ('ACME-Corp', 'acme-u7', 10, '2026-04-22'),
  ('Beta-Inc', 'beta-u2', 8, '2026-01-18'), ('Beta-Inc', 'beta-u1', 4, '2026-04-20'),
  ('Gamma-Ltd', 'gamma-u1', 8, '2026-04-25'),
  ('Delta-Co', 'delta-u1', 3, '2026-04-28');

INSERT INTO check_in_logs (date, type, account) VALUES
  ('2026-04-08', 'call', 'ACME-Corp'), ('2026-05-06', 'qbr', 'ACME-Corp'), ('2026-06-03', 'call', 'ACME-Corp'),
  ('2026-02-10', 'call', 'Beta-Inc'), ('2026-05-12', 'call', 'Beta-Inc'),
  ('2026-05-20', 'email', 'Gamma-Ltd');

INSERT INTO post_check_in_behavior (account, behavior_date, usage_spikes, upsells, renewals) VALUES
  ('ACME-Corp', '2026-05-20', 1, 1, 0), ('Gamma-Ltd', '2026-06-01', 1, 0, 0);

INSERT INTO support_tickets (account, opened_at, resolved_at, priority, escalated, csat, sentiment) VALUES
  ('ACME-Corp', '2026-04-14', '2026-04-15', 'normal', 0, 5, 0.6),
  ('ACME-Corp', '2026-06-02', '2026-06-03', 'low', 0, 5, 0.7),
  ('Beta-Inc', '2026-04-02', '2026-04-20', 'high', 1, 2, -0.6),
  ('Beta-Inc', '2026-05-05', NULL, 'urgent', 1, NULL, -0.5),
  ('Beta-Inc', '2026-05-19', NULL, 'high', 0, NULL, -0.4),
  ('Beta-Inc', '2026-05-28', NULL, 'normal', 0, NULL, -0.3),
  ('Beta-Inc', '2026-06-09', NULL, 'normal', 0, NULL, -0.2),
  ('Beta-Inc', '2026-06-16', NULL, 'normal', 0, NULL, -0.3),
  ('Beta-Inc', '2026-06-25', NULL, 'low', 0, NULL, -0.1),
  ('Gamma-Ltd', '2026-05-11', '2026-05-12', 'normal', 0, 4, 0.2),
  ('Delta-Co', '2026-05-15', NULL, 'normal', 0, NULL, -0.2),
  ('Delta-Co', '2026-05-22', NULL, 'high', 0, NULL, -0.5);

-- Billing: one snapshot a month for the last 13 months.
WITH RECURSIVE m(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM m WHERE k < 12)
INSERT INTO mrr_snapshots (account, month, mrr, seats)
SELECT 'ACME-Corp', date('2026-06-01', '-' || k || ' months'),
       250 * (40 - k * 8 / 12), 40 - k * 8 / 12 FROM m
UNION ALL
SELECT 'Beta-Inc', date('2026-06-01', '-' || k || ' months'), 3000, 20 FROM m
UNION ALL
SELECT 'Gamma-Ltd', date('2026-06-01', '-' || k || ' months'), 750, 6 FROM m WHERE k <= 4
UNION ALL
SELECT 'Delta-Co', date('2026-06-01', '-' || k || ' months'), 100, 3 FROM m WHERE k <= 7;

WITH RECURSIVE m(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM m WHERE k < 5)
INSERT INTO invoices (account, due_date, paid_date, amount, status)
SELECT a.account, date('2026-06-15', '-' || k || ' months'),
       CASE WHEN a.account = 'Beta-Inc' AND k = 2 THEN date('2026-04-15', '+21 days')
            WHEN a.account = 'Delta-Co' AND k IN (0, 1) THEN NULL
            ELSE date('2026-06-15', '-' || k || ' months') END,
       CASE a.account WHEN 'ACME-Corp' THEN 10000 WHEN 'Beta-Inc' THEN 3000
                      WHEN 'Gamma-Ltd' THEN 750 ELSE 100 END,
       CASE WHEN a.account = 'Beta-Inc' AND k = 2 THEN 'late'
            WHEN a.account = 'Delta-Co' AND k = 0 THEN 'failed'
            WHEN a.account = 'Delta-Co' AND k = 1 THEN 'late'
            ELSE 'paid' END
  FROM m, accounts a
 WHERE a.account IN ('ACME-Corp', 'Beta-Inc', 'Gamma-Ltd', 'Delta-Co')
   AND (a.account <> 'Gamma-Ltd' OR k <= 4);

-- What the model said a month earlier (as if sql/snapshot.sql had run).
INSERT INTO health_history (account, score_date, health_score) VALUES
  ('ACME-Corp', '2026-05-31', 88), ('Beta-Inc', '2026-05-31', 68),
  ('Gamma-Ltd', '2026-05-31', 80), ('Delta-Co', '2026-05-31', 41);
