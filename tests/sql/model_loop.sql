-- Closing the loop: health_changes, intervention_kpis, validation_targets
-- and validation_status on hand-built rows. Every expected value is worked
-- out in the comments.

-- include: sql/schema.sql
-- include: sql/model.sql

-- ------------------------------------------------------------ health_changes
-- Default profile weights: usage 35, engagement 25, growth 15, support 15,
-- financial 10.
--   X  2026-01-31 all components 80 (health 80); 2026-02-28 usage 60,
--      growth 90, financial 40, the rest 80: health 21 + 20 + 13.5 + 12 + 4
--      = 70.5. Points: usage -20 x .35 = -7, financial -40 x .10 = -4,
--      growth +10 x .15 = +1.5, engagement and support 0. Sum -9.5.
--      An older snapshot (2025-12-31) is not read.
--   Y  both snapshots 50 everywhere, the newer without financial: shares
--      over the 90 points present (usage 35/90), every move 0, financial's
--      NULL (ranked last).
--   Z  one snapshot: no rows.
INSERT INTO accounts (account, segment, signup_date, arr) VALUES
  ('X', 'smb', '2025-01-01', 100), ('Y', 'smb', '2025-01-01', 100), ('Z', 'smb', '2025-01-01', 100);
INSERT INTO health_history (account, score_date, health_score, usage, engagement, growth, support, financial, drivers) VALUES
  ('X', '2025-12-31', 10, 10, 10, 10, 10, 10, NULL),
  ('X', '2026-01-31', 80, 80, 80, 80, 80, 80, NULL),
  ('X', '2026-02-28', 70.5, 60, 80, 90, 80, 40, 'low daily use (DAU/MAU 5%)'),
  ('Y', '2026-01-31', 50, 50, 50, 50, 50, 50, NULL),
  ('Y', '2026-02-28', 50, 50, 50, 50, 50, NULL, NULL),
  ('Z', '2026-02-28', 50, 50, 50, 50, 50, 50, NULL);
SELECT 'X rows', (SELECT group_concat(x, ' / ') FROM (
         SELECT rank || ' ' || component || ' ' || printf('%.2f', points) AS x
           FROM health_changes WHERE account = 'X' ORDER BY rank)),
       '1 usage -7.00 / 2 financial -4.00 / 3 growth 1.50 / 4 engagement 0.00 / 5 support 0.00';
SELECT 'X points add up', sum(points), -9.5 FROM health_changes WHERE account = 'X';
SELECT 'X scores', old_date || ' ' || new_date || ' ' || old_score || ' ' || new_score || ' ' || change,
       '2026-01-31 2026-02-28 80.0 70.5 -9.5' FROM health_changes WHERE account = 'X' AND rank = 1;
SELECT 'X reason', reason, 'usage -7 pts: low daily use (DAU/MAU 5%)' FROM health_changes WHERE account = 'X' AND rank = 3;
SELECT 'Y shares over present weights', (SELECT group_concat(x, ' / ') FROM (
         SELECT rank || ' ' || component || ' ' || coalesce(points, 'NULL') AS x
           FROM health_changes WHERE account = 'Y' ORDER BY rank)),
       '1 usage 0.0 / 2 engagement 0.0 / 3 growth 0.0 / 4 support 0.0 / 5 financial NULL';
SELECT 'Y reason', reason, 'usage +0 pts' FROM health_changes WHERE account = 'Y' AND rank = 1;
SELECT 'Z: one snapshot, no rows', count(*), 0 FROM health_changes WHERE account = 'Z';
DELETE FROM health_history;

-- ------------------------------------------------------- intervention_kpis
-- as_of 2026-06-30, churn horizon 90: alerts first seen before 2026-04-02
-- have a full horizon.
--   alert_log  1 A 01-05 resolved 01-20; 2 A 02-01 open; 3 B 01-10
--              resolved 02-01; 4 C 03-15 open; 5 D 05-01 (horizon not
--              passed); 6 E 2025-06-01 resolved 2025-07-01
--   i1 A 02-11 saved:   alerts 1, 2 -> detection 02-11 - 01-05 = 37 days
--   i2 B 02-20 churned: alert 3 (first seen 41 days before) -> 41
--   i3 C 04-10 no_action: alert 4 -> 26
--   i4 E 04-15 open:    alert 6 first seen 2025-06-01, more than 90 days
--                       before: no detection
--   i5 F 03-05 saved:   no alert -> no detection
--   Q1 2026: 3 intervened, 2 saved of 3 closed, saved ARR 1000 + 400,
--            detection median of 37, 41 = 39
--   Q2 2026: 2 intervened, 0 saved of 1 closed, detection 26
--   all:     5, 2 of 4 closed = 0.5, 1400, median of 26, 37, 41 = 37
-- False alarms (no cancel within 90 days after first_seen, no saved
-- intervention in that time): 1, 2 saved by i1; 3 B cancels 03-01; 4 C
-- false; 6 E false. Q1 2026: 1 of 4; Q2 2025: 1 of 1; all: 2 of 5.
UPDATE cs_settings SET as_of = '2026-06-30';
INSERT INTO accounts (account, segment, signup_date, arr) VALUES
  ('A', 'smb', '2025-01-01', 1000), ('B', 'smb', '2025-01-01', 2000), ('C', 'smb', '2025-01-01', 3000),
  ('E', 'smb', '2025-01-01', 500), ('F', 'smb', '2025-01-01', 400);
INSERT INTO alert_log (id, account, signal, severity, first_seen, last_seen, resolved_at) VALUES
  (1, 'A', 'low_health', 'High', '2026-01-05', '2026-01-12', '2026-01-20'),
  (2, 'A', 'low_health', 'High', '2026-02-01', '2026-06-30', NULL),
  (3, 'B', 'no_activity', 'High', '2026-01-10', '2026-01-24', '2026-02-01'),
  (4, 'C', 'nps_drop', 'Warning', '2026-03-15', '2026-06-30', NULL),
  (5, 'D', 'nps_drop', 'Warning', '2026-05-01', '2026-06-30', NULL),
  (6, 'E', 'nps_drop', 'Warning', '2025-06-01', '2025-06-15', '2025-07-01');
INSERT INTO interventions (account, opened_at, trigger_signal, playbook, outcome, closed_at) VALUES
  ('A', '2026-02-11', 'low_health', 'Risk review', 'saved', '2026-03-01'),
  ('B', '2026-02-20', 'no_activity', 'Re-engage', 'churned', '2026-03-01'),
  ('C', '2026-04-10', 'nps_drop', 'Call', 'no_action', '2026-04-12'),
  ('E', '2026-04-15', 'nps_drop', 'Call', 'open', NULL),
  ('F', '2026-03-05', NULL, 'QBR', 'saved', '2026-03-20');
INSERT INTO churn_events (account, churn_date, kind) VALUES ('B', '2026-03-01', 'cancel'), ('G', '2026-04-15', 'cancel');
SELECT 'kpis', (SELECT group_concat(x, ' / ') FROM (
         SELECT period || ' ' || intervened || ' ' || saved || ' ' || coalesce(round(success_rate, 4), '-') || ' '
                || saved_arr || ' ' || coalesce(time_to_detection_days, '-') || ' ' || alerts || ' '
                || coalesce(false_alarm_share, '-') AS x
           FROM intervention_kpis)),
       '2025-04-01 0 0 - 0.0 - 1 1.0 / 2026-01-01 3 2 0.6667 1400.0 39.0 4 0.25 / '
       || '2026-04-01 2 0 0.0 0.0 26.0 0 - / all 5 2 0.5 1400.0 37.0 5 0.4';

-- ------------------------------------------------------- validation_status
-- Scored snapshots (score_date before 2026-04-02, account not cancelled):
--   A 01-31 40 (no cancel: flagged, a false positive), A 03-31 80,
--   B 01-31 30 (cancel 03-01: churned, flagged), C 02-28 70,
--   G 02-01 65 (cancel 04-15, 73 days: churned, not flagged).
-- churns_flagged 1 of 2 = 0.5 (missed, target > 0.7); surprise churn:
-- latest scores before the cancels B 30, G 65 -> 1 of 2 above 60 = 0.5
-- (red flag at 0.35); false positive rate 1 of 3 (missed, < 0.2);
-- intervention success 0.5 (met, > 0.4); time to detection 37 (missed).
INSERT INTO health_history (account, score_date, health_score) VALUES
  ('A', '2026-01-31', 40), ('A', '2026-03-31', 80), ('B', '2026-01-31', 30), ('C', '2026-02-28', 70),
  ('G', '2026-02-01', 65);
SELECT 'status', (SELECT group_concat(x, ' / ') FROM (
         SELECT measure || ' ' || round(value, 4) || ' ' || status AS x FROM validation_status)),
       'churns_flagged 0.5 missed / surprise_churn 0.5 red flag / false_positive_rate 0.3333 missed / '
       || 'intervention_success 0.5 met / time_to_detection_days 37.0 missed';
UPDATE validation_targets SET target = 40 WHERE measure = 'time_to_detection_days';
UPDATE validation_targets SET red_flag = 0.6 WHERE measure = 'surprise_churn';
SELECT 'targets are data', (SELECT group_concat(status, ' ') FROM validation_status WHERE measure IN
                              ('surprise_churn', 'time_to_detection_days')), 'ok met';
DELETE FROM interventions;
SELECT 'no interventions: NULL, no status', (SELECT count(*) FROM validation_status
                                              WHERE measure IN ('intervention_success', 'time_to_detection_days')
                                                AND value IS NULL AND status IS NULL), 2;
DELETE FROM alert_log;
SELECT 'nothing to measure: one all row', (SELECT group_concat(x, ' / ') FROM (
         SELECT period || ' ' || intervened || ' ' || saved || ' ' || coalesce(success_rate, '-') || ' '
                || saved_arr || ' ' || coalesce(time_to_detection_days, '-') || ' ' || alerts || ' '
                || coalesce(false_alarm_share, '-') AS x
           FROM intervention_kpis)), 'all 0 0 - 0.0 - 0 -';
-- error: CHECK constraint failed: better IN ('higher', 'lower')
INSERT INTO validation_targets (measure, target, better) VALUES ('x', 1, 'up');

-- With trusted_schema off.
PRAGMA trusted_schema = OFF;
SELECT 'untrusted status', count(*), 5 FROM validation_status;
SELECT 'untrusted kpis', count(*), 1 FROM intervention_kpis;
SELECT 'untrusted changes', count(*), 5 FROM health_changes;  -- A's two snapshots
