-- The alert lifecycle of sql/snapshot.sql over six runs, and a signal added
-- by an analyst in one place (a catalog row plus its expression in
-- custom_signal_values) that is scored, explained and alerted on.
--
-- The signal open_bugs reads a table of hand-set values per run date. Only
-- its rule is kept (the built-in rules are deleted so the log holds only
-- its episodes). Scorecard: metric bugs, support component, inverse with
-- worst 20, so health = support = 100 * (20 - bugs) / 20 (no other data).
-- Rule: open_bugs >= 5 is High. Cool-down 30 days (the default).
--
--   run         A bugs  A alert log                B bugs  B alert log
--   2026-01-01  6       opens #1                   1       -
--   2026-01-08  7       #1 last_seen 01-08         5       opens #2
--   2026-01-15  2       #1 resolved 01-15          5       #2 last_seen 01-15
--   2026-02-01  8       #1 re-opens (17 < 30 days  0       #2 resolved 02-01
--                       after its resolution)
--   2026-03-10  0       #1 resolved 03-10          5       opens #3 (37 days)
--   2026-04-20  9       opens #4 (41 days)         5       #3 last_seen 04-20

-- include: sql/schema.sql
-- include: sql/model.sql

INSERT INTO accounts (account, name, segment, csm, signup_date, arr) VALUES
  ('A', 'Alpha', 'smb', 'Ana', '2025-01-01', 1000),
  ('B', 'Beta',  'smb', NULL,  '2025-01-01', 2000);
CREATE TABLE bugs (account TEXT, d TEXT, n INTEGER);
INSERT INTO bugs VALUES
  ('A', '2026-01-01', 6), ('A', '2026-01-08', 7), ('A', '2026-01-15', 2), ('A', '2026-02-01', 8),
  ('A', '2026-03-10', 0), ('A', '2026-04-20', 9),
  ('B', '2026-01-01', 1), ('B', '2026-01-08', 5), ('B', '2026-01-15', 5), ('B', '2026-02-01', 0),
  ('B', '2026-03-10', 5), ('B', '2026-04-20', 5);

-- The signal, in one place: its catalog row and its expression.
INSERT INTO signal_catalog (signal, kind, label, fires, description) VALUES
  ('open_bugs', 'data', '%d open bugs', 'at_least', 'bugs open at as_of (the bugs table)');
DROP VIEW custom_signal_values;
CREATE VIEW custom_signal_values AS
SELECT b.account, 'open_bugs' AS signal, b.n AS value FROM bugs b, cs_as_of o WHERE b.d = o.as_of;
INSERT INTO health_model (metric, signal, component, weight, method, worst) VALUES
  ('bugs', 'open_bugs', 'support', 1, 'inverse', 20);
DELETE FROM alert_rules;
INSERT INTO alert_rules (signal, severity, threshold, owner, sla, playbook) VALUES
  ('open_bugs', 'High', 5, 'csm', '48 hours', 'Fix the bugs');

-- Unknown signals are refused where they are named.
-- error: alert_rules: unknown signal (not an alert signal of signal_catalog)
INSERT INTO alert_rules (signal, severity, threshold, owner, sla) VALUES ('nps_decline', 'High', 3, 'csm', '1 day');
-- error: alert_rules: unknown signal (not an alert signal of signal_catalog)
UPDATE alert_rules SET signal = 'nps_decline';
-- error: health_model: unknown signal (not a data signal of signal_catalog)
INSERT INTO health_model (metric, signal, component, weight, method, worst) VALUES ('x', 'nope', 'support', 1, 'inverse', 1);
-- A signal of the scores cannot be scored (it would read itself).
-- error: health_model: unknown signal (not a data signal of signal_catalog)
INSERT INTO health_model (metric, signal, component, weight, method, worst) VALUES ('x', 'low_health', 'support', 1, 'inverse', 1);

UPDATE cs_settings SET as_of = '2026-01-01';
-- Scored, explained and alerted on: A has 6 bugs -> support 70, health 70.
SELECT 'scored', health_score || ' ' || support, '70.0 70.0' FROM account_health WHERE account = 'A';
SELECT 'no driver at 70', drivers, NULL FROM account_health WHERE account = 'A';
SELECT 'alerted', signal || ' ' || severity || ' ' || detail || ' ' || owner || ' ' || playbook,
       'open_bugs High 6 open bugs Ana Fix the bugs' FROM account_alerts;
-- include: sql/snapshot.sql
SELECT 'run 1 log', (SELECT group_concat(x, ' / ') FROM (
         SELECT id || ' ' || account || ' ' || signal || ' ' || severity || ' ' || first_seen || ' '
                || last_seen || ' ' || coalesce(resolved_at, '-') AS x FROM alert_log ORDER BY id)),
       '1 A open_bugs High 2026-01-01 2026-01-01 -';
SELECT 'run 1 new', (SELECT group_concat(account || ' ' || signal, ', ') FROM new_alerts), 'A open_bugs';
SELECT 'run 1 history', (SELECT group_concat(x, ' / ') FROM (
         SELECT account || ' ' || score_date || ' ' || health_score || ' ' || support || ' '
                || coalesce(drivers, '-') AS x FROM health_history ORDER BY account, score_date)),
       'A 2026-01-01 70.0 70.0 - / B 2026-01-01 95.0 95.0 -';

UPDATE cs_settings SET as_of = '2026-01-08';
-- A at 7 bugs: support 65 < 70, so the metric is a driver, worded by the
-- catalog's label; B at 5 bugs scores 75, no driver.
SELECT 'A explained', drivers, '7 open bugs' FROM account_health WHERE account = 'A';
SELECT 'B not a driver', drivers, NULL FROM account_health WHERE account = 'B';
-- include: sql/snapshot.sql
SELECT 'run 2 log', (SELECT group_concat(x, ' / ') FROM (
         SELECT id || ' ' || account || ' ' || first_seen || ' ' || last_seen || ' '
                || coalesce(resolved_at, '-') AS x FROM alert_log ORDER BY id)),
       '1 A 2026-01-01 2026-01-08 - / 2 B 2026-01-08 2026-01-08 -';
SELECT 'run 2 new', (SELECT group_concat(account || ' ' || name || ' ' || coalesce(csm, '-') || ' ' || arr, ', ')
                       FROM new_alerts), 'B Beta - 2000.0';

UPDATE cs_settings SET as_of = '2026-01-15';
-- include: sql/snapshot.sql
SELECT 'run 3 log', (SELECT group_concat(x, ' / ') FROM (
         SELECT id || ' ' || account || ' ' || first_seen || ' ' || last_seen || ' '
                || coalesce(resolved_at, '-') AS x FROM alert_log ORDER BY id)),
       '1 A 2026-01-01 2026-01-08 2026-01-15 / 2 B 2026-01-08 2026-01-15 -';
SELECT 'run 3 nothing new', count(*), 0 FROM new_alerts;

UPDATE cs_settings SET as_of = '2026-02-01';
-- include: sql/snapshot.sql
SELECT 'run 4 log: A re-opens within the cool-down', (SELECT group_concat(x, ' / ') FROM (
         SELECT id || ' ' || account || ' ' || first_seen || ' ' || last_seen || ' '
                || coalesce(resolved_at, '-') AS x FROM alert_log ORDER BY id)),
       '1 A 2026-01-01 2026-02-01 - / 2 B 2026-01-08 2026-01-15 2026-02-01';
SELECT 'run 4 a re-opened alert is not new', count(*), 0 FROM new_alerts;

UPDATE cs_settings SET as_of = '2026-03-10';
-- include: sql/snapshot.sql
SELECT 'run 5 log: B after the cool-down opens anew', (SELECT group_concat(x, ' / ') FROM (
         SELECT id || ' ' || account || ' ' || first_seen || ' ' || last_seen || ' '
                || coalesce(resolved_at, '-') AS x FROM alert_log ORDER BY id)),
       '1 A 2026-01-01 2026-02-01 2026-03-10 / 2 B 2026-01-08 2026-01-15 2026-02-01 / 3 B 2026-03-10 2026-03-10 -';
SELECT 'run 5 new', (SELECT group_concat(account || ' ' || first_seen, ', ') FROM new_alerts), 'B 2026-03-10';

UPDATE cs_settings SET as_of = '2026-04-20';
-- include: sql/snapshot.sql
-- include: sql/snapshot.sql
SELECT 'run 6 log (run twice)', (SELECT group_concat(x, ' / ') FROM (
         SELECT id || ' ' || account || ' ' || first_seen || ' ' || last_seen || ' '
                || coalesce(resolved_at, '-') AS x FROM alert_log ORDER BY id)),
       '1 A 2026-01-01 2026-02-01 2026-03-10 / 2 B 2026-01-08 2026-01-15 2026-02-01 / '
       || '3 B 2026-03-10 2026-04-20 - / 4 A 2026-04-20 2026-04-20 -';
SELECT 'run 6 new', (SELECT group_concat(account, ', ') FROM new_alerts), 'A';
SELECT 'history: one row per account and run', count(*), 12 FROM health_history;
SELECT 'runs', (SELECT group_concat(run_date, ' ') FROM snapshot_runs), '2026-01-01 2026-01-08 2026-01-15 2026-02-01 2026-03-10 2026-04-20';

-- A cool-down of 0: a signal seen again opens a new alert at once (B has
-- no value on 05-01: its alert #3 resolves; A's new alert is #5).
UPDATE cs_settings SET alert_cooldown_days = 0, as_of = '2026-05-01';
INSERT INTO bugs VALUES ('A', '2026-05-01', 0), ('A', '2026-05-02', 5);
-- include: sql/snapshot.sql
UPDATE cs_settings SET as_of = '2026-05-02';
-- include: sql/snapshot.sql
SELECT 'cool-down 0', (SELECT group_concat(x, ' / ') FROM (
         SELECT id || ' ' || first_seen || ' ' || coalesce(resolved_at, '-') AS x
           FROM alert_log WHERE account = 'A' ORDER BY id)),
       '1 2026-01-01 2026-03-10 / 4 2026-04-20 2026-05-01 / 5 2026-05-02 -';
SELECT 'B resolved', resolved_at, '2026-05-01' FROM alert_log WHERE id = 3;

-- An episode takes the severity seen at each run: A at 9 bugs on 05-03
-- meets a Critical rule (>= 9); episode #5 stays open, now Critical.
INSERT INTO alert_rules (signal, severity, threshold, owner, sla) VALUES ('open_bugs', 'Critical', 9, 'CS manager', '24 hours');
INSERT INTO bugs VALUES ('A', '2026-05-03', 9);

-- The snapshot and the new views work with trusted_schema off (they use
-- only innocuous functions).
PRAGMA trusted_schema = OFF;
UPDATE cs_settings SET as_of = '2026-05-03';
-- include: sql/snapshot.sql
SELECT 'untrusted snapshot', (SELECT group_concat(run_date, ' ') FROM (SELECT run_date FROM snapshot_runs ORDER BY 1 DESC LIMIT 1)),
       '2026-05-03';
SELECT 'untrusted health_changes', count(*), 10 FROM health_changes;
SELECT 'untrusted new_alerts', count(*), 0 FROM new_alerts;
SELECT 'severity follows', (SELECT id || ' ' || severity || ' ' || first_seen || ' ' || last_seen || ' ' || coalesce(resolved_at, '-')
                              FROM alert_log WHERE account = 'A' ORDER BY id DESC LIMIT 1),
       '5 Critical 2026-05-02 2026-05-03 -';
