-- The v2 alert signals on a hand-built portfolio as of 2026-03-31 (last 30
-- days: from 2026-03-02; last 90 days: from 2026-01-01). Each account
-- plants one signal; the expected values follow from the rows below.
--   P   failed invoice due 2026-02-15                -> failed_payment 1, High
--   P2  failed invoice due 2025-12-31 (91 days ago)  -> 0, no alert
--   E   escalated tickets 2026-03-10 and 2026-02-20  -> escalation 1 (30 days), High
--   N   NPS 9 (2026-01-10) then 6 (2026-03-01)       -> nps_drop 3, Warning
--   N2  NPS 8 then 6                                 -> nps_drop 2, no alert
--   C   champion left 2026-02-01, another 2025-11-01, a non-champion
--       2026-03-01                                   -> champion_left 1, High
--   O   signed up 2026-02-15, no milestone           -> onboarding_stuck 44, Warning
--   O2  signed up 2026-01-15, no milestone           -> 75, High (>= 60)
--   O3  signed up 2026-02-15, milestone 2026-03-01   -> NULL
--   R   contract ends 2026-05-15                     -> renewal_due 45, Warning
--   T   scored 90 (Thriving) on 2026-02-15, Healthy now -> tier_change 1, Warning
-- Accounts signed up 2025-01-01 are older than the 180-day onboarding
-- window: onboarding_stuck NULL.

-- include: sql/schema.sql
-- include: sql/model.sql

UPDATE cs_settings SET as_of = '2026-03-31';
INSERT INTO accounts (account, segment, csm, signup_date, contract_end, arr) VALUES
  ('P', 'smb', 'Ana', '2025-01-01', NULL, 1000), ('P2', 'smb', 'Ana', '2025-01-01', NULL, 1000),
  ('E', 'smb', 'Ana', '2025-01-01', NULL, 1000),
  ('N', 'smb', 'Ana', '2025-01-01', NULL, 1000), ('N2', 'smb', 'Ana', '2025-01-01', NULL, 1000),
  ('C', 'smb', 'Ana', '2025-01-01', NULL, 1000),
  ('O', 'smb', 'Ana', '2026-02-15', NULL, 1000), ('O2', 'smb', 'Ana', '2026-01-15', NULL, 1000),
  ('O3', 'smb', 'Ana', '2026-02-15', NULL, 1000),
  ('R', 'smb', 'Ana', '2025-01-01', '2026-05-15', 1000),
  ('T', 'smb', 'Ana', '2025-01-01', NULL, 1000);
INSERT INTO invoices (account, due_date, amount, status) VALUES
  ('P', '2026-02-15', 100, 'failed'), ('P2', '2025-12-31', 100, 'failed');
INSERT INTO support_tickets (account, opened_at, resolved_at, escalated) VALUES
  ('E', '2026-03-10', '2026-03-11', 1), ('E', '2026-02-20', '2026-02-21', 1),
  ('T', '2026-03-20', NULL, 0);
INSERT INTO nps_responses (account, user_id, score, response_date) VALUES
  ('N', 'u', 9, '2026-01-10'), ('N', 'u', 6, '2026-03-01'),
  ('N2', 'u', 8, '2026-01-10'), ('N2', 'u', 6, '2026-03-01');
INSERT INTO contacts (account, name, is_champion, left_at) VALUES
  ('C', 'Cleo', 1, '2026-02-01'), ('C', 'Carl', 1, '2025-11-01'), ('C', 'Cid', 0, '2026-03-01');
INSERT INTO milestones (account, milestone, achieved_at) VALUES ('O3', 'first_login', '2026-03-01');
-- T: MRR flat over 12 months -> growth 70; one open ticket -> support
-- (90 + 100) / 2 = 95; health (15 x 70 + 15 x 95) / 30 = 82.5, Healthy.
INSERT INTO mrr_snapshots (account, month, mrr) VALUES ('T', '2025-03-01', 100), ('T', '2026-03-01', 100);
INSERT INTO health_history (account, score_date, health_score) VALUES ('T', '2026-02-15', 90);

SELECT 'signal values', (SELECT group_concat(x, ' ') FROM (
         SELECT account || ':' || coalesce(failed_payments_90d, '-') || ',' || coalesce(escalations_30d, '-')
                || ',' || coalesce(nps_drop, '-') || ',' || coalesce(champions_left_90d, '-') || ','
                || coalesce(days_without_milestone, '-') AS x
           FROM account_signals ORDER BY account)),
       'C:0,0,-,1,- E:0,1,-,0,- N:0,0,3,0,- N2:0,0,2,0,- O:0,0,-,0,44 O2:0,0,-,0,75 O3:0,0,-,0,- '
       || 'P:1,0,-,0,- P2:0,0,-,0,- R:0,0,-,0,- T:0,0,-,0,-';
SELECT 'T tier now', health_score || ' ' || tier || ' ' || previous_score, '82.5 Healthy 90.0'
  FROM account_health WHERE account = 'T';
SELECT 'v2 alerts', (SELECT group_concat(x, ' | ') FROM (
         SELECT account || ' ' || signal || ' ' || severity || ' ' || owner || ' ' || sla || ': ' || detail AS x
           FROM account_alerts
          WHERE signal IN ('failed_payment', 'escalation', 'nps_drop', 'champion_left',
                           'onboarding_stuck', 'renewal_due', 'tier_change')
          ORDER BY account, signal)),
       'C champion_left High Ana 48 hours: 1 champions left in 90 days | '
       || 'E escalation High CS manager 24 hours: 1 escalated tickets in 30 days | '
       || 'N nps_drop Warning Ana 5 days: NPS down 3 points | '
       || 'O onboarding_stuck Warning Onboarding 5 days: no onboarding milestone after 44 days | '
       || 'O2 onboarding_stuck High Onboarding 48 hours: no onboarding milestone after 75 days | '
       || 'P failed_payment High Finance 48 hours: 1 failed payments in 90 days | '
       || 'R renewal_due Warning Ana 14 days: renewal in 45 days | '
       || 'T tier_change Warning Ana 5 days: down 1 tiers since the previous score';
-- Without the export of a signal's table the signal is NULL, not 0.
DELETE FROM contacts;
DELETE FROM milestones;
SELECT 'no contacts, no milestones', count(*), 0 FROM account_signals
 WHERE champions_left_90d IS NOT NULL OR days_without_milestone IS NOT NULL;
