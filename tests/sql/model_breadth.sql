-- Breadth of signals on hand-built rows, as of 2026-03-31 (last 7 days
-- from 2026-03-25, last 30 from 2026-03-02, last 90 from 2026-01-01):
-- usage_depth, onboarding_progress and support_operations.

-- include: sql/schema.sql
-- include: sql/model.sql

UPDATE cs_settings SET as_of = '2026-03-31';
INSERT INTO accounts (account, segment, csm, signup_date, arr) VALUES
  ('A', 'smb', 'Ana', '2026-01-01', 1000), ('B', 'smb', 'Ana', '2026-03-20', 500),
  ('Z', 'smb', 'Ana', '2026-01-01', 100);
INSERT INTO churn_events (account, churn_date, kind) VALUES ('Z', '2026-03-01', 'cancel');
INSERT INTO features (feature, class) VALUES
  ('c1', 'core'), ('c2', 'core'), ('x1', 'expansion'), ('x2', 'expansion'), ('v1', 'advanced');

-- ------------------------------------------------------------- usage_depth
-- A: u1 active on 15 days (03-02 .. 03-16, c1): a power user, not in the
-- last 7 days; u2 on 03-30 (c1, x1); u3 on 2026-02-10 only (c2): dormant,
-- and c2 is a core feature abandoned. users: 7 days 1, 30 days 2, 90 days
-- 3 -> L7/L30 0.5, power 1/2, dormant 1/3, expansion 1 of 2, advanced 0
-- of 1, abandoned 1 (c2). B: no usage -> ratios NULL, counts 0. Z is
-- cancelled: no row.
WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < 14)
INSERT INTO usage_events (account, user_id, date, feature, event_count)
SELECT 'A', 'u1', date('2026-03-02', printf('+%d days', n)), 'c1', 3 FROM d;
INSERT INTO usage_events (account, user_id, date, feature, event_count) VALUES
  ('A', 'u2', '2026-03-30', 'c1', 1), ('A', 'u2', '2026-03-30', 'x1', 1),
  ('A', 'u3', '2026-02-10', 'c2', 1), ('A', 'u3', '2025-12-31', 'v1', 1),  -- before the 90 days
  ('A', 'u2', '2026-04-01', 'v1', 1);                                      -- after as_of
SELECT 'A depth', active_users_7d || ' ' || active_users_30d || ' ' || l7_l30 || ' ' || power_user_share || ' '
       || round(dormant_user_share, 6) || ' ' || expansion_adoption_30d || ' ' || advanced_adoption_30d || ' '
       || abandoned_core_features || ' ' || abandoned_core_feature,
       '1 2 0.5 0.5 0.333333 0.5 0.0 1 c2' FROM usage_depth WHERE account = 'A';
SELECT 'B depth', active_users_7d || ' ' || active_users_30d || ' ' || coalesce(l7_l30, '-') || ' '
       || coalesce(power_user_share, '-') || ' ' || coalesce(dormant_user_share, '-') || ' '
       || expansion_adoption_30d || ' ' || abandoned_core_features || ' ' || coalesce(abandoned_core_feature, '-'),
       '0 0 - - - 0.0 0 -' FROM usage_depth WHERE account = 'B';
SELECT 'active accounts only', group_concat(account, ','), 'A,B' FROM (SELECT account FROM usage_depth ORDER BY 1);

-- ----------------------------------------------------- onboarding_progress
-- Targets: kickoff 14, first_value 45 (the value milestone), integration
-- 75, fully_adopted 120 days. A (signup 01-01): kickoff 01-05 (4 days),
-- first_value 02-20 (50 days; late but reached, so not overdue),
-- integration due 03-17, reached only on 04-05 (after as_of): overdue;
-- fully_adopted due 05-01: not yet. B (signup 03-20): kickoff due 04-03.
SELECT 'no milestones loaded: overdue NULL', count(*), 8 FROM onboarding_progress WHERE overdue IS NULL;
INSERT INTO milestones (account, milestone, achieved_at) VALUES
  ('A', 'kickoff', '2026-01-05'), ('A', 'first_value', '2026-02-20'), ('A', 'first_value', '2026-03-01'),
  ('A', 'integration', '2026-04-05');
SELECT 'A milestones', (SELECT group_concat(x, ' / ') FROM (
         SELECT milestone || ' ' || coalesce(days_to_milestone, '-') || ' ' || due_at || ' ' || overdue AS x
           FROM onboarding_progress WHERE account = 'A' ORDER BY due_at)),
       'kickoff 4 2026-01-15 0 / first_value 50 2026-02-15 0 / integration - 2026-03-17 1 / '
       || 'fully_adopted - 2026-05-01 0';
SELECT 'A time to value', days_to_milestone, 50 FROM onboarding_progress WHERE account = 'A' AND is_value = 1;
SELECT 'B nothing overdue', sum(overdue), 0 FROM onboarding_progress WHERE account = 'B';
UPDATE milestone_targets SET due_days = 5 WHERE milestone = 'kickoff';
SELECT 'targets are data', overdue, 1 FROM onboarding_progress WHERE account = 'B' AND milestone = 'kickoff';
-- error: CHECK constraint failed: due_days >= 0
UPDATE milestone_targets SET due_days = -1 WHERE milestone = 'kickoff';

-- ------------------------------------------------------ support_operations
-- A's tickets opened in the 90 days: t1 03-01 answered after 4 h and
-- resolved that day (0 days, first contact); t2 03-10 answered after 36 h,
-- resolved 03-14 (4 days, not first contact); t3 03-20 neither; t5 03-25
-- answered after 2 h, resolved 04-02 (after as_of: open). t4 is older.
-- tickets 4, resolved 2, resolution (0 + 4) / 2 = 2 days, first response
-- (4 + 36 + 2) / 3 = 14 h, first-contact resolution 1 of 2.
INSERT INTO support_tickets (account, opened_at, resolved_at, first_response_at) VALUES
  ('A', '2026-03-01', '2026-03-01', '2026-03-01 04:00:00'),
  ('A', '2026-03-10', '2026-03-14', '2026-03-11 12:00:00'),
  ('A', '2026-03-20', NULL, NULL),
  ('A', '2025-12-01', '2025-12-02', '2025-12-01 01:00:00'),
  ('A', '2026-03-25', '2026-04-02', '2026-03-25 02:00:00');
SELECT 'A support', tickets || ' ' || resolved || ' ' || mean_resolution_days || ' '
       || round(mean_first_response_hours, 9) || ' ' || first_contact_resolution,
       '4 2 2.0 14.0 0.5' FROM support_operations WHERE account = 'A';
SELECT 'only accounts with tickets', count(*), 1 FROM support_operations;

PRAGMA trusted_schema = OFF;
SELECT 'untrusted', (SELECT count(*) FROM usage_depth) || ' ' || (SELECT count(*) FROM onboarding_progress)
       || ' ' || (SELECT count(*) FROM support_operations), '2 8 1';
