-- portfolio.sql -- the cluster test's small portfolio: four accounts over
-- the 120 days up to 2026-03-31 (the model's as_of, being the latest date
-- in the data), with usage, MRR, check-ins and their outcomes, a control
-- account, NPS, tickets, invoices and last month's health scores.
-- Read after sql/schema.sql and sql/model.sql; values are typed as the
-- schema's checks want (ISO dates, integer counts, numeric amounts).
--   north  enterprise, busy and growing
--   south  mid-market, usage falling, a detractor, an escalated ticket
--   east   small business, steady
--   west   starter in the control group, quiet for the last 60 days
INSERT INTO accounts (account, name, segment, industry, csm, plan, signup_date, contract_end, arr, seats_licensed) VALUES
  ('north', 'North Ltd', 'enterprise', 'logistics', 'Ana', 'Enterprise', '2024-05-01', '2026-12-31', 96000, 30),
  ('south', 'South Inc', 'mid_market', 'software', 'Ben', 'Business', '2025-01-15', '2026-05-31', 24000, 12),
  ('east', 'East Co', 'smb', 'retail', 'Ben', 'Team', '2025-09-01', '2026-08-31', 6000, 5),
  ('west', 'West Labs', 'starter', 'education', NULL, 'Starter', '2025-11-01', '2026-10-31', 1200, 2);

INSERT INTO features (feature, class) VALUES
  ('dashboards', 'core'), ('reports', 'core'), ('alerts', 'core'), ('api', 'expansion'), ('ai', 'advanced');

-- Day d is 2026-03-31 minus d days; user u of each account.
-- An account's users are each active every `every` days; south keeps 4 of
-- its 10 users in the last 45 days, west has none in the last 60.
WITH RECURSIVE day(d) AS (SELECT 0 UNION ALL SELECT d + 1 FROM day WHERE d < 119),
seat(u) AS (SELECT 1 UNION ALL SELECT u + 1 FROM seat WHERE u < 20),
active(account, users, every) AS (
  VALUES ('north', 20, 2), ('south', 10, 2), ('east', 4, 3), ('west', 2, 2))
INSERT INTO usage_events (account, user_id, date, feature, event_count)
SELECT a.account, a.account || '-' || u, date('2026-03-31', '-' || d || ' days'),
       CASE (d + u) % 5 WHEN 0 THEN 'dashboards' WHEN 1 THEN 'reports' WHEN 2 THEN 'alerts'
                        WHEN 3 THEN 'api' ELSE 'ai' END,
       5 + (d * u) % 7
  FROM active a, day, seat
 WHERE u <= a.users AND (d + u) % a.every = 0
   AND NOT (a.account = 'south' AND d < 45 AND u > 4)
   AND NOT (a.account = 'west' AND d < 60);

-- Month m is March 2026 minus m months; an account pays from its signup
-- month (`months` snapshots); north expands in 2026, south contracts.
WITH RECURSIVE month(m) AS (SELECT 0 UNION ALL SELECT m + 1 FROM month WHERE m < 11),
plan(account, mrr, seats, months) AS (
  VALUES ('north', 7600.0, 28, 12), ('south', 2000.0, 12, 12), ('east', 500.0, 5, 7), ('west', 100.0, 2, 5))
INSERT INTO mrr_snapshots (account, month, mrr, seats)
SELECT account, date('2026-03-01', '-' || m || ' months'), mrr, seats
  FROM month, plan
 WHERE m < months;
UPDATE mrr_snapshots SET mrr = mrr + 200, seats = seats + 1
 WHERE account = 'north' AND month >= '2026-01-01';
UPDATE mrr_snapshots SET mrr = 1500.0, seats = 9
 WHERE account = 'south' AND month >= '2026-02-01';

INSERT INTO check_in_logs (date, type, account) VALUES
  ('2025-12-10', 'qbr', 'north'), ('2026-01-12', 'call', 'north'), ('2026-02-16', 'call', 'north'),
  ('2026-03-09', 'qbr', 'north'), ('2026-01-20', 'call', 'south'), ('2026-02-02', 'email', 'east');
INSERT INTO post_check_in_behavior (account, behavior_date, usage_spikes, upsells, renewals) VALUES
  ('north', '2026-01-20', 1, 0, 0), ('north', '2026-03-15', 1, 1, 0),
  ('east', '2026-02-20', 0, 0, 1), ('west', '2026-01-05', 1, 0, 0);
INSERT INTO control_group (account) VALUES ('west');

INSERT INTO nps_responses (account, user_id, score, response_date) VALUES
  ('north', 'north-1', 9, '2026-02-10'), ('north', 'north-2', 10, '2026-02-11'),
  ('south', 'south-1', 4, '2026-03-02'), ('east', 'east-1', 8, '2026-01-25');
INSERT INTO support_tickets (account, opened_at, resolved_at, priority, escalated, csat, sentiment) VALUES
  ('north', '2026-02-03', '2026-02-04', 'low', 0, 5, 0.6),
  ('south', '2026-03-01', NULL, 'high', 1, NULL, -0.7),
  ('south', '2026-03-10', '2026-03-20', 'medium', 0, 2, -0.3),
  ('east', '2026-01-14', '2026-01-15', 'low', 0, 4, 0.2);
INSERT INTO invoices (account, due_date, paid_date, amount, status) VALUES
  ('north', '2026-03-01', '2026-02-27', 7800.0, 'paid'),
  ('south', '2026-03-01', '2026-03-19', 1500.0, 'late'),
  ('east', '2026-03-01', '2026-03-01', 500.0, 'paid'),
  ('west', '2026-03-01', NULL, 100.0, 'open');
INSERT INTO health_history (account, score_date, health_score) VALUES
  ('north', '2026-02-28', 80.0), ('south', '2026-02-28', 68.0),
  ('east', '2026-02-28', 75.0), ('west', '2026-02-28', 45.0);
