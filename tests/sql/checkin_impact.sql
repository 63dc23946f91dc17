-- checkin_impact (docs/tables/checkin_impact.md): the seed example, then a small portfolio whose
-- every column was worked out by hand (the reasoning is in the comments),
-- the optional tables, table arguments, every error message, and use
-- inside a view. The interval statistics are checked against their
-- formulas in checkin_impact_stats.sql; random data against a pure-SQL
-- formulation in checkin_impact_property.sql.

-- The required tables are checked first, by their default names.
-- error: checkin_impact: checkins_table 'check_in_logs' does not exist
SELECT * FROM checkin_impact;

-- ---------------------------------------------------------------------
-- Seed example: 120 accounts with check-ins, 90 of them positive -> 0.75.
CREATE TABLE check_in_logs(id INTEGER PRIMARY KEY, date, type, account);
-- error: checkin_impact: behavior_table 'post_check_in_behavior' does not exist
SELECT * FROM checkin_impact;
CREATE TABLE post_check_in_behavior(id INTEGER PRIMARY KEY, account, behavior_date,
                                    usage_spikes, upsells, renewals);
SELECT 'no check-ins, no rows', count(*), 0 FROM checkin_impact;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
INSERT INTO check_in_logs(date, type, account)
SELECT date('2024-01-01', '+' || (i % 60) || ' days'), 'call', 'acct-' || i FROM n;
-- accounts 1..90 get an upsell 10 days after their check-in; 91..120 get a
-- usage spike 40 days after (outside the 30-day window)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
INSERT INTO post_check_in_behavior(account, behavior_date, usage_spikes, upsells, renewals)
SELECT 'acct-' || i, date('2024-01-01', '+' || (i % 60 + CASE WHEN i <= 90 THEN 10 ELSE 40 END) || ' days'),
       CASE WHEN i > 90 THEN 1 END, CASE WHEN i <= 90 THEN 1 END, NULL FROM n;

SELECT 'seed rows', count(*), 1 FROM checkin_impact;
SELECT 'seed checkin_accounts', checkin_accounts, 120 FROM checkin_impact;
SELECT 'seed positive_accounts', positive_accounts, 90 FROM checkin_impact;
SELECT 'seed impact_score', impact_score, 0.75 FROM checkin_impact;
SELECT 'seed period NULL for all', period IS NULL AND segment IS NULL FROM checkin_impact;
-- no control_group / attribution_model table: their columns are NULL
SELECT 'seed no control', control_accounts IS NULL AND control_positive IS NULL
       AND control_rate IS NULL AND control_contaminated IS NULL AND uplift IS NULL
       AND uplift_ci_low IS NULL AND uplift_ci_high IS NULL AND relative_lift IS NULL
       AND p_value IS NULL AND attribution_score IS NULL FROM checkin_impact;
-- a 45-day window reaches the late spikes too
SELECT 'seed window 45', impact_score, 1.0 FROM checkin_impact(45);
-- only the upsells count: still 90; only usage spikes within 30 days: none
SELECT 'seed upsells', positive_accounts, 90 FROM checkin_impact(30, 'all', 'none', 'upsells');
SELECT 'seed usage_spikes', positive_accounts, 0 FROM checkin_impact(30, 'all', 'none', 'usage_spikes');
SELECT 'seed renewals', impact_score, 0.0 FROM checkin_impact(30, 'all', 'none', 'renewals');
-- empty optional tables: still NULL
CREATE TABLE control_group(id INTEGER PRIMARY KEY, account);
CREATE TABLE attribution_model(id INTEGER PRIMARY KEY, account, impact_score, calculation_date);
SELECT 'empty control', control_accounts IS NULL AND control_contaminated IS NULL
       AND uplift IS NULL AND p_value IS NULL AND attribution_score IS NULL FROM checkin_impact;
-- a control table holding only NULL accounts counts as empty
INSERT INTO control_group(account) VALUES (NULL);
SELECT 'null-only control', control_accounts IS NULL FROM checkin_impact;
-- arguments by name, as constraints on the hidden columns
SELECT 'named args', positive_accounts, 90 FROM checkin_impact
 WHERE outcome = 'upsells' AND window_days = 30;
SELECT 'hidden defaults', window_days || granularity || segment_by || outcome || checkins_table
       || behavior_table || control_table || attribution_table,
       '30allnoneanycheck_in_logspost_check_in_behaviorcontrol_groupattribution_model'
  FROM checkin_impact;
SELECT 'hidden given', window_days || granularity, '7Quarter' FROM checkin_impact(7, 'Quarter');
SELECT 'window as text', positive_accounts, 90 FROM checkin_impact('30');
SELECT 'window as real', positive_accounts, 90 FROM checkin_impact(30.0);

-- ---------------------------------------------------------------------
-- Hand-computed portfolio, in tables named by the arguments.
-- Check-ins (UTC day, type), and the positive behavior that matters:
--   A  01-10 call, 02-20 email, 03-05 call; usage spike 04-01: only the
--      03-05 check-in is followed within 30 days (04-04 >= 04-01; 02-20+30
--      = 03-21 and 01-10+30 = 02-09 are too early)
--   B  01-31 call; usage spike 03-01 = 01-31 + 30 days: the window's last day
--   C  01-31 call; usage 03-02 (31 days: too late) and 01-30 (before)
--   D  02-10T18:00 qbr; same day 23:59:59 renewals 1, usage NULL, upsells 0
--   E  02-15 qbr; a row with all measures NULL, one with upsells 0: never
--   F  04-02 call; upsells 2 on 04-10T08:00:00Z
--   G  2024-04-03T23:30:00-05:00 = 04-04 UTC, call; usage spike on Julian
--      day 2460434.5 = 05-04 = 04-04 + 30 (positive only because the
--      offset moves the check-in to 04-04)
--   H  1704067200 (Unix seconds) = 01-01, email; upsell on '2024-01-15 10:00'
-- Control group: A (contaminated wherever it checked in), X, Y, Z, W, X
-- again and NULL: 5 distinct accounts.
--   X usage spike 04-20, Y renewal 2023-12-31, Z nothing, W upsell 03-01
CREATE TABLE h_ci(id INTEGER PRIMARY KEY, date, type, account);
INSERT INTO h_ci(date, type, account) VALUES
  ('2024-01-10', 'call', 'A'), ('2024-02-20', 'email', 'A'), ('2024-03-05', 'call', 'A'),
  ('2024-01-31', 'call', 'B'), ('2024-01-31', 'call', 'C'), ('2024-02-10T18:00', 'qbr', 'D'),
  ('2024-02-15', 'qbr', 'E'), ('2024-04-02', 'call', 'F'),
  ('2024-04-03T23:30:00-05:00', 'call', 'G'), (1704067200, 'email', 'H'),
  (NULL, 'call', 'B'), ('2024-01-05', 'call', NULL);  -- skipped: NULL date, NULL account
CREATE TABLE h_beh(id INTEGER PRIMARY KEY, account, behavior_date, usage_spikes, upsells, renewals);
INSERT INTO h_beh(account, behavior_date, usage_spikes, upsells, renewals) VALUES
  ('A', '2024-04-01', 3, 0, 0), ('B', '2024-03-01 00:00:00.000', 2, NULL, NULL),
  ('C', '2024-03-02', 1, NULL, NULL), ('C', '2024-01-30', 1, NULL, NULL),
  ('D', '2024-02-10 23:59:59', NULL, 0, 1), ('E', '2024-02-20', NULL, NULL, NULL),
  ('E', '2024-02-21', NULL, 0, NULL), ('F', '2024-04-10T08:00:00Z', 0, 2, 0),
  ('G', 2460434.5, 1, NULL, NULL), ('H', '2024-01-15 10:00', NULL, 1, NULL),
  ('X', '2024-04-20', 1, 0, 0), ('Y', '2023-12-31', 0, 0, 1), ('W', '2024-03-01', 0, 1, 0),
  ('Q', '2024-01-02', 1, 1, 1),      -- neither checked in nor control: ignored
  (NULL, '2024-01-02', 1, 1, 1), ('B', NULL, 1, 1, 1);  -- skipped
CREATE TABLE h_ctl(id INTEGER PRIMARY KEY, account);
INSERT INTO h_ctl(account) VALUES ('A'), ('X'), ('Y'), ('Z'), ('W'), ('X'), (NULL);
-- Attribution rows: X is not a check-in account; C's NULL score and D's NULL
-- date are skipped; H's 2023 row lies in no check-in period (but in 'all').
CREATE TABLE h_attr(id INTEGER PRIMARY KEY, account, impact_score, calculation_date);
INSERT INTO h_attr(account, impact_score, calculation_date) VALUES
  ('A', 0.8, '2024-02-01'), ('A', 0.6, '2024-03-15'), ('B', 0.5, '2024-01-20'),
  ('X', 0.9, '2024-01-05'), ('F', 0.7, '2024-05-01'), ('C', NULL, '2024-01-05'),
  ('D', 0.4, NULL), ('H', 0.3, '2023-12-01');

-- 'all', 30 days, any outcome. Check-in accounts A..H = 8; positive A, B,
-- D, F, G, H = 6 -> 0.75. Control: A is contaminated (1), leaving X, Y, Z,
-- W = 4, positive anywhere: X, Y, W = 3 -> 0.75. Uplift 0; pooled rate
-- 9/12 gives z = 0, p = 1. Attribution (A 0.8, A 0.6, B 0.5, F 0.7,
-- H 0.3) / 5 = 0.58.
CREATE TEMP VIEW h_all AS
  SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'h_ci', 'h_beh', 'h_ctl', 'h_attr');
SELECT 'all rows', count(*), 1 FROM h_all;
SELECT 'all period', period IS NULL AND segment IS NULL FROM h_all;
SELECT 'all checkin_accounts', checkin_accounts, 8 FROM h_all;
SELECT 'all positive_accounts', positive_accounts, 6 FROM h_all;
SELECT 'all impact_score', impact_score, 0.75 FROM h_all;
SELECT 'all control_accounts', control_accounts, 4 FROM h_all;
SELECT 'all control_positive', control_positive, 3 FROM h_all;
SELECT 'all control_rate', control_rate, 0.75 FROM h_all;
SELECT 'all control_contaminated', control_contaminated, 1 FROM h_all;
SELECT 'all uplift', uplift, 0.0 FROM h_all;
SELECT 'all relative_lift', relative_lift, 0.0 FROM h_all;
SELECT 'all p_value', p_value, 1.0 FROM h_all;
SELECT 'all uplift ci brackets 0', uplift_ci_low < 0 AND uplift_ci_high > 0 FROM h_all;
SELECT 'all ci brackets score', ci_low < impact_score AND impact_score < ci_high FROM h_all;
SELECT 'all attribution_score', attribution_score, 0.58 FROM h_all;

-- Window: 29 days drops B (day 30) and G (day 30): A, D, F, H = 4 of 8.
-- 0 days keeps only D (same day). The control's 'all' window is anywhere.
SELECT 'window 29', positive_accounts, 4
  FROM checkin_impact(29, 'all', 'none', 'any', 'h_ci', 'h_beh', 'h_ctl');
SELECT 'window 0', positive_accounts, 1
  FROM checkin_impact(0, 'all', 'none', 'any', 'h_ci', 'h_beh', 'h_ctl');
SELECT 'window 0 control', control_positive, 3
  FROM checkin_impact(0, 'all', 'none', 'any', 'h_ci', 'h_beh', 'h_ctl');

-- Outcomes ('all'): usage_spikes: A, B, G = 3/8, control X = 1/4;
-- upsells: F, H = 2/8, control W; renewals: D = 1/8, control Y.
CREATE TEMP TABLE h_outcome AS
  SELECT 'usage_spikes' AS o, * FROM checkin_impact(30, 'all', 'none', 'usage_spikes', 'h_ci', 'h_beh', 'h_ctl', 'h_attr')
  UNION ALL SELECT 'upsells', * FROM checkin_impact(30, 'all', 'none', 'upsells', 'h_ci', 'h_beh', 'h_ctl', 'h_attr')
  UNION ALL SELECT 'renewals', * FROM checkin_impact(30, 'all', 'none', 'renewals', 'h_ci', 'h_beh', 'h_ctl', 'h_attr');
SELECT 'outcome usage_spikes', positive_accounts || '/' || control_positive, '3/1' FROM h_outcome WHERE o = 'usage_spikes';
SELECT 'outcome upsells', positive_accounts || '/' || control_positive, '2/1' FROM h_outcome WHERE o = 'upsells';
SELECT 'outcome renewals', positive_accounts || '/' || control_positive, '1/1' FROM h_outcome WHERE o = 'renewals';
-- renewals: uplift 1/8 - 1/4 = -1/8, relative lift -0.5
SELECT 'outcome renewals uplift', uplift, -0.125 FROM h_outcome WHERE o = 'renewals';
SELECT 'outcome renewals relative_lift', relative_lift, -0.5 FROM h_outcome WHERE o = 'renewals';
-- Case-insensitive choices.
SELECT 'outcome case', positive_accounts, 2
  FROM checkin_impact(30, 'ALL', 'None', 'UpSells', 'h_ci', 'h_beh');

-- Months (control window [start, end + 30]):
--   Jan: A (not), B, C (not), H: 4 accounts, 2 positive. Control: A
--        contaminated, 4 left; [01-01, 03-01]: only W (03-01, the last day).
--   Feb: A (not), D, E (not): 1/3. Control [02-01, 03-30]: W -> 1/4.
--   Mar: A (positive): 1/1. Control [03-01, 04-30]: X, W -> 2/4.
--   Apr: F, G: 2/2. A has no April check-in: 5 control accounts, none
--        contaminated; [04-01, 05-30]: A (04-01), X -> 2/5.
-- Attribution: Jan B 0.5; Feb A 0.8; Mar A 0.6; Apr none (F's row is May).
CREATE TEMP TABLE h_month AS
  SELECT * FROM checkin_impact(30, 'month', 'none', 'any', 'h_ci', 'h_beh', 'h_ctl', 'h_attr');
SELECT 'month periods', group_concat(period, ' '), '2024-01-01 2024-02-01 2024-03-01 2024-04-01'
  FROM h_month;
SELECT 'month counts', group_concat(checkin_accounts || '/' || positive_accounts || ' '
         || control_accounts || '/' || control_positive || ' ' || control_contaminated, ', '),
       '4/2 4/1 1, 3/1 4/1 1, 1/1 4/2 1, 2/2 5/2 0' FROM h_month;
SELECT 'month jan', impact_score || ' ' || control_rate || ' ' || uplift || ' ' || relative_lift,
       '0.5 0.25 0.25 1.0' FROM h_month WHERE period = '2024-01-01';
SELECT 'month feb impact', impact_score, 1.0 / 3 FROM h_month WHERE period = '2024-02-01';
SELECT 'month feb uplift', uplift, 1.0 / 12 FROM h_month WHERE period = '2024-02-01';
SELECT 'month feb relative_lift', relative_lift, 1.0 / 3 FROM h_month WHERE period = '2024-02-01';
SELECT 'month apr', uplift || ' ' || relative_lift, '0.6 1.5' FROM h_month WHERE period = '2024-04-01';
SELECT 'month attribution', group_concat(coalesce(attribution_score, 'NULL'), ' '),
       '0.5 0.8 0.6 NULL' FROM h_month;
-- The control window reaches past the period's end: with 29 days January's
-- window ends 02-29 and W's 03-01 upsell no longer counts; February's
-- [02-01, 03-29] still holds it.
SELECT 'control window 29', group_concat(control_positive, ' '), '0 1 2 2'
  FROM checkin_impact(29, 'month', 'none', 'any', 'h_ci', 'h_beh', 'h_ctl');

-- Quarters: Q1 A, B, C, D, E, H: positive A, B, D, H = 4/6; control A
-- contaminated, [01-01, 04-30]: X, W = 2/4. Q2 F, G = 2/2; control 5,
-- [04-01, 07-30]: A, X = 2/5. Attribution Q1 (0.8 + 0.6 + 0.5)/3, Q2 0.7.
CREATE TEMP TABLE h_quarter AS
  SELECT * FROM checkin_impact(30, 'quarter', 'none', 'any', 'h_ci', 'h_beh', 'h_ctl', 'h_attr');
SELECT 'quarter counts', group_concat(period || ' ' || checkin_accounts || '/' || positive_accounts
         || ' ' || control_accounts || '/' || control_positive || ' ' || control_contaminated, ', '),
       '2024-01-01 6/4 4/2 1, 2024-04-01 2/2 5/2 0' FROM h_quarter;
SELECT 'quarter q1 impact', impact_score, 4.0 / 6 FROM h_quarter WHERE period = '2024-01-01';
SELECT 'quarter q1 uplift', uplift, 4.0 / 6 - 0.5 FROM h_quarter WHERE period = '2024-01-01';
SELECT 'quarter q1 relative_lift', relative_lift, (4.0 / 6 - 0.5) / 0.5 FROM h_quarter WHERE period = '2024-01-01';
SELECT 'quarter q1 attribution', attribution_score, 1.9 / 3 FROM h_quarter WHERE period = '2024-01-01';
SELECT 'quarter q2 attribution', attribution_score, 0.7 FROM h_quarter WHERE period = '2024-04-01';
-- k = n: the Wilson interval ends exactly at 1
SELECT 'quarter q2 ci_high', ci_high, 1.0 FROM h_quarter WHERE period = '2024-04-01';

-- Year 2024: 6/8; control A contaminated, [2024-01-01, 2025-01-30]: X, W
-- (Y's renewal is 2023-12-31) = 2/4.
SELECT 'year', period || ' ' || positive_accounts || '/' || checkin_accounts || ' '
       || control_positive || '/' || control_accounts || ' ' || uplift,
       '2024-01-01 6/8 2/4 0.25'
  FROM checkin_impact(30, 'year', 'none', 'any', 'h_ci', 'h_beh', 'h_ctl');

-- By type, per quarter. Q1 call: A (03-05 positive), B, C (not) = 2/3;
-- email: A (its email check-in 02-20 is not followed) and H = 1/2; qbr: D,
-- E = 1/2. Q2 call: F, G = 2/2. The control columns are the period's.
-- Attribution Q1 call A, A, B = 1.9/3; email A, A = 0.7; qbr none; Q2 0.7.
CREATE TEMP TABLE h_type AS
  SELECT * FROM checkin_impact(30, 'quarter', 'type', 'any', 'h_ci', 'h_beh', 'h_ctl', 'h_attr');
SELECT 'type rows', group_concat(period || ' ' || segment || ' ' || positive_accounts || '/'
         || checkin_accounts || ' ' || control_positive || '/' || control_accounts, ', '),
       '2024-01-01 call 2/3 2/4, 2024-01-01 email 1/2 2/4, 2024-01-01 qbr 1/2 2/4, 2024-04-01 call 2/2 2/5'
  FROM h_type;
SELECT 'type attribution', group_concat(coalesce(round(attribution_score, 6), 'NULL'), ' '),
       '0.633333 0.7 NULL 0.7' FROM h_type;
-- the rows come in period, then segment order (no sort needed)
SELECT 'type order', group_concat(period || segment, ' '),
       (SELECT group_concat(p, ' ') FROM (SELECT period || segment AS p FROM h_type ORDER BY period, segment))
  FROM h_type;
-- a NULL type is a segment of its own, sorted first; numbers before text
CREATE TABLE h_ci2 AS SELECT * FROM h_ci;
UPDATE h_ci2 SET type = NULL WHERE account = 'E';
UPDATE h_ci2 SET type = 7 WHERE account = 'D';
SELECT 'null type', group_concat(coalesce(segment, 'NULL') || ':' || checkin_accounts, ' '),
       'NULL:1 7:1 call:3 email:2'
  FROM checkin_impact(30, 'quarter', 'type', 'any', 'h_ci2', 'h_beh') WHERE period = '2024-01-01';
SELECT 'segment keeps its type', typeof(segment), 'integer'
  FROM checkin_impact(30, 'quarter', 'type', 'any', 'h_ci2', 'h_beh') WHERE segment = 7;

-- ORDER BY on the output order is satisfied as it is; others still sort.
SELECT 'order desc', group_concat(p, ' '), '2024-04-01 2024-01-01' FROM
  (SELECT period AS p FROM checkin_impact(30, 'quarter', 'none', 'any', 'h_ci', 'h_beh')
    ORDER BY period DESC);

-- An argument given as NULL takes its default: here control_group, which
-- holds only a NULL account, so the control columns are NULL.
SELECT 'NULL arguments', window_days || granularity || segment_by || outcome || control_table
       || ' ' || positive_accounts || ' ' || typeof(control_accounts) || ' ' || attribution_score,
       '30allnoneanycontrol_group 6 null 0.58'
  FROM checkin_impact(NULL, NULL, NULL, NULL, 'h_ci', 'h_beh', NULL, 'h_attr');
-- Optional tables that do not exist: NULL columns.
SELECT 'control missing', control_accounts IS NULL AND uplift IS NULL
  FROM checkin_impact(30, 'all', 'none', 'any', 'h_ci', 'h_beh', 'no_such_table');
SELECT 'attribution missing', attribution_score IS NULL AND control_accounts = 4
  FROM checkin_impact(30, 'all', 'none', 'any', 'h_ci', 'h_beh', 'h_ctl', 'no_such_table');

-- The outcome measure columns are read only when the outcome needs them,
-- and the type column only when segmenting.
CREATE TABLE h_beh_upsells AS SELECT account, behavior_date, upsells FROM h_beh;
CREATE TABLE h_ci_notype AS SELECT account, date FROM h_ci;
SELECT 'only needed columns', positive_accounts, 2
  FROM checkin_impact(30, 'all', 'none', 'upsells', 'h_ci_notype', 'h_beh_upsells');

-- Tables in other schemas, views, and names that need quoting.
ATTACH ':memory:' AS aux;
CREATE TABLE aux.h_ci AS SELECT * FROM h_ci WHERE account IN ('A', 'B');
CREATE TABLE aux."odd ""name""" AS SELECT * FROM h_beh;
CREATE TEMP VIEW h_ci_view AS SELECT account, date, type FROM h_ci WHERE type = 'call';
SELECT 'schema-qualified', checkin_accounts || '/' || positive_accounts, '2/2'
  FROM checkin_impact(30, 'all', 'none', 'any', 'aux.h_ci', 'aux.odd "name"');
SELECT 'view source', checkin_accounts || '/' || positive_accounts, '5/4'
  FROM checkin_impact(30, 'all', 'none', 'any', 'h_ci_view', 'h_beh');
SELECT 'temp schema', checkin_accounts, 5
  FROM checkin_impact(30, 'all', 'none', 'any', 'temp.h_ci_view', 'main.h_beh');

-- Arguments taken from another table, row by row (a join).
CREATE TEMP TABLE h_args(w, g);
INSERT INTO h_args VALUES (29, 'all'), (30, 'all'), (30, 'quarter');
SELECT 'join args', group_concat(a.w || a.g || ':' || v.positive_accounts, ' '),
       '29all:4 30all:6 30quarter:4 30quarter:2'
  FROM h_args a, checkin_impact(a.w, a.g, 'none', 'any', 'h_ci', 'h_beh') v;

-- Inside a view: works with the default trusted schema, refused under
-- trusted_schema=OFF (the table reads any table it is named, so it is not
-- innocuous); a direct statement still works there.
CREATE VIEW quarterly_checkin_impact AS
  SELECT period, impact_score, uplift
    FROM checkin_impact(30, 'quarter', 'none', 'any', 'h_ci', 'h_beh', 'h_ctl');
SELECT 'in a view', group_concat(period || ' ' || round(uplift, 6), ', '),
       '2024-01-01 0.166667, 2024-04-01 0.6' FROM quarterly_checkin_impact;
PRAGMA trusted_schema = OFF;
-- error: unsafe use of virtual table "checkin_impact"
SELECT * FROM quarterly_checkin_impact;
SELECT 'direct under trusted_schema=OFF', count(*), 2
  FROM checkin_impact(30, 'quarter', 'none', 'any', 'h_ci', 'h_beh', 'h_ctl');
PRAGMA trusted_schema = ON;

-- A table argument that reads the table itself, directly or through
-- cohort_retention, is an error naming the table (not a stack overflow).
CREATE VIEW ci_loop AS SELECT segment AS account, period AS date
  FROM checkin_impact(30, 'month', 'none', 'any', 'ci_loop', 'h_beh');
-- error: checkin_impact: checkins_table 'ci_loop': checkin_impact: checkins_table 'ci_loop' reads checkin_impact itself
SELECT * FROM ci_loop;
CREATE VIEW x_cohort AS SELECT cohort AS account, cohort AS date FROM cohort_retention('x_checkin');
CREATE VIEW x_checkin AS SELECT period AS account, period AS date
  FROM checkin_impact(30, 'month', 'none', 'any', 'x_cohort', 'h_beh');
-- error: cohort_retention: source 'x_checkin': checkin_impact: checkins_table 'x_cohort': cohort_retention: source 'x_checkin' reads cohort_retention itself
SELECT * FROM x_cohort;

-- Weekly (ISO weeks, from Monday); choice words in any case. Worked out
-- from the check-ins above: H 01-01 (Mon) +; A 01-10 -> week 01-08, its
-- behavior of 04-01 is beyond 30 days -; B, C 01-31 -> 01-29, B + (03-01
-- is day 30), C -; D 02-10 -> 02-05 +; E 02-15 -> 02-12 -; A 02-20 ->
-- 02-19 -; A 03-05 -> 03-04 + (04-01 within 30 days); F 04-02 and G 04-04
-- (UTC) -> 04-01, both +.
SELECT 'weekly', group_concat(period || ':' || checkin_accounts || '/' || positive_accounts, ' '),
       '2024-01-01:1/1 2024-01-08:1/0 2024-01-29:2/1 2024-02-05:1/1 2024-02-12:1/0'
       || ' 2024-02-19:1/0 2024-03-04:1/1 2024-04-01:2/2'
  FROM checkin_impact(30, 'WEEK', 'None', 'ANY', 'h_ci', 'h_beh');
CREATE TABLE h_early(account, date);
INSERT INTO h_early VALUES ('A', '0000-01-01');  -- a Saturday: its week starts in year -1
SELECT 'year 0000 by month', period, '0000-01-01'
  FROM checkin_impact(30, 'month', 'none', 'any', 'h_early', 'h_beh');
-- error: checkin_impact: h_early.date must be a date whose week starts in year 0000 or later, got '0000-01-01'
SELECT * FROM checkin_impact(30, 'week', 'none', 'any', 'h_early', 'h_beh');

-- segment_by 'csm' / 'segment' through the accounts table, the control
-- group split the same way. 'all', 30 days: positive A, B, D, F, G, H;
-- not C, E. E, F, G, H and W have no accounts row and Z a NULL csm: the
-- NULL segment. Control accounts A (contaminated), X, Y, Z, W; X, Y, W
-- are positive anywhere, Z has no behavior.
--   by csm      NULL: E F G H -> 4/3, control Z W -> 2/1, contaminated 0
--               ann:  A C     -> 2/1, control X   -> 1/1, contaminated 1 (A)
--               bob:  B D     -> 2/2, control Y   -> 1/1, contaminated 0
--   by segment  NULL: 4/3, control W -> 1/1, 0
--               ent:  A D -> 2/2, control Y -> 1/1, contaminated 1 (A)
--               smb:  B C -> 2/1, control X Z -> 2/1, 0
CREATE TABLE h_acct(id INTEGER PRIMARY KEY, account, csm, segment);
INSERT INTO h_acct(account, csm, segment) VALUES
  ('A', 'ann', 'ent'), ('B', 'bob', 'smb'), ('C', 'ann', 'smb'), ('D', 'bob', 'ent'),
  ('X', 'ann', 'smb'), ('Y', 'bob', 'ent'), ('Z', NULL, 'smb'), ('nobody', 'cy', 'ent');
SELECT 'by csm', group_concat(coalesce(segment, 'NULL') || ':' || checkin_accounts || '/'
       || positive_accounts || '/' || control_accounts || '/' || control_positive || '/'
       || control_contaminated, ' '),
       'NULL:4/3/2/1/0 ann:2/1/1/1/1 bob:2/2/1/1/0'
  FROM checkin_impact(30, 'all', 'CSM', 'any', 'h_ci', 'h_beh', 'h_ctl', 'h_attr', 'h_acct');
SELECT 'by segment', group_concat(coalesce(segment, 'NULL') || ':' || checkin_accounts || '/'
       || positive_accounts || '/' || control_accounts || '/' || control_positive || '/'
       || control_contaminated, ' '),
       'NULL:4/3/1/1/0 ent:2/2/1/1/1 smb:2/1/2/1/0'
  FROM checkin_impact(30, 'all', 'segment', 'any', 'h_ci', 'h_beh', 'h_ctl', 'h_attr', 'h_acct');
-- A segment without control accounts: 0 and NULL rates (not NULL counts).
CREATE TABLE h_acct2 AS SELECT * FROM h_acct;
UPDATE h_acct2 SET csm = 'dee' WHERE account = 'B';
SELECT 'segment without control', control_accounts || '/' || control_positive || '/'
       || coalesce(control_rate, 'NULL') || '/' || coalesce(uplift, 'NULL'), '0/0/NULL/NULL'
  FROM checkin_impact(30, 'all', 'csm', 'any', 'h_ci', 'h_beh', 'h_ctl', 'h_attr', 'h_acct2')
 WHERE segment = 'dee';
-- An account with two rows takes the smallest value.
INSERT INTO h_acct2(account, csm) VALUES ('B', 'ann');
SELECT 'two rows: smallest', group_concat(segment || ':' || checkin_accounts, ' '), 'ann:3 bob:1'
  FROM checkin_impact(30, 'all', 'csm', 'any', 'h_ci', 'h_beh', 'h_ctl', 'h_attr', 'h_acct2')
 WHERE segment IS NOT NULL;
-- error: checkin_impact: accounts_table 'accounts' does not exist
SELECT * FROM checkin_impact(30, 'all', 'csm', 'any', 'h_ci', 'h_beh');
-- error: checkin_impact: accounts_table 'h_ctl' has no column 'segment'
SELECT * FROM checkin_impact(30, 'all', 'segment', 'any', 'h_ci', 'h_beh', 'h_ctl', 'h_attr', 'h_ctl');

-- ---------------------------------------------------------------------
-- Errors: each names the argument and the value.
-- error: checkin_impact: window_days must be a whole number of days, 0 or more, got -1
SELECT * FROM checkin_impact(-1);
-- error: checkin_impact: window_days must be a whole number of days, 0 or more, got 1.5
SELECT * FROM checkin_impact(1.5);
-- error: checkin_impact: window_days must be a number, got 'a month'
SELECT * FROM checkin_impact('a month');
-- error: checkin_impact: granularity must be 'all', 'week', 'month', 'quarter' or 'year', got 'day'
SELECT * FROM checkin_impact(30, 'day');
-- error: checkin_impact: granularity must be 'all', 'week', 'month', 'quarter' or 'year', got 3
SELECT * FROM checkin_impact(30, 3);
-- error: checkin_impact: segment_by must be 'none', 'type', 'csm' or 'segment', got 'tier'
SELECT * FROM checkin_impact(30, 'all', 'tier');
-- error: checkin_impact: outcome must be 'any', 'usage_spikes', 'upsells' or 'renewals', got 'churn'
SELECT * FROM checkin_impact(30, 'all', 'none', 'churn');
-- error: checkin_impact: checkins_table 'no_such' does not exist
SELECT * FROM checkin_impact(NULL, NULL, NULL, NULL, 'no_such', NULL);
-- error: checkin_impact: checkins_table must be a table or view name, got ''
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', '');
-- error: checkin_impact: behavior_table must be a table or view name, got 42
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'h_ci', 42);
-- error: checkin_impact: control_table must be a table or view name, got a blob
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'h_ci', 'h_beh', x'00');
-- error: checkin_impact: attribution_table must be a table or view name, got 1
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'h_ci', 'h_beh', 'h_ctl', 1);
-- error: checkin_impact: checkins_table 'no_such' does not exist
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'no_such', 'h_beh');
-- error: checkin_impact: checkins_table 'nodb.h_ci' does not exist
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'nodb.h_ci', 'h_beh');
-- error: checkin_impact: behavior_table 'no_such' does not exist
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'h_ci', 'no_such');
-- error: checkin_impact: checkins_table 'h_ci_notype' has no column 'type'
SELECT * FROM checkin_impact(30, 'all', 'type', 'any', 'h_ci_notype', 'h_beh');
-- error: checkin_impact: behavior_table 'h_beh_upsells' has no column 'usage_spikes'
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'h_ci', 'h_beh_upsells');
-- error: checkin_impact: behavior_table 'h_beh_upsells' has no column 'renewals'
SELECT * FROM checkin_impact(30, 'all', 'none', 'renewals', 'h_ci', 'h_beh_upsells');
CREATE TABLE h_noacct(id INTEGER PRIMARY KEY, name);
-- error: checkin_impact: control_table 'h_noacct' has no column 'account'
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'h_ci', 'h_beh', 'h_noacct');
-- error: checkin_impact: attribution_table 'h_ctl' has no column 'impact_score'
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'h_ci', 'h_beh', 'h_ctl', 'h_ctl');
CREATE VIEW broken AS SELECT * FROM h_gone;
-- error: checkin_impact: checkins_table 'broken': no such table: main.h_gone
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'broken', 'h_beh');

-- Bad values in the tables name the table, the column and the value.
CREATE TABLE e_ci AS SELECT * FROM h_ci;
INSERT INTO e_ci(date, type, account) VALUES ('yesterday', 'call', 'Z');
-- error: checkin_impact: e_ci.date must be a date, got 'yesterday'
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'e_ci', 'h_beh');
CREATE TABLE e_beh AS SELECT * FROM h_beh;
INSERT INTO e_beh(account, behavior_date, usage_spikes) VALUES ('A', '2024-13-01', 1);
-- error: checkin_impact: e_beh.behavior_date must be a date, got '2024-13-01'
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'h_ci', 'e_beh');
UPDATE e_beh SET behavior_date = '2024-01-01', upsells = 'lots' WHERE behavior_date = '2024-13-01';
-- error: checkin_impact: e_beh.upsells must be a number, got 'lots'
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'h_ci', 'e_beh');
-- a measure given as a number in text is read as that number: A's upsell
-- two days after its 01-10 check-in makes it positive (with F and H)
UPDATE e_beh SET upsells = '2', behavior_date = '2024-01-12' WHERE upsells = 'lots';
SELECT 'measure as text', positive_accounts, 3
  FROM checkin_impact(30, 'all', 'none', 'upsells', 'h_ci', 'e_beh');
CREATE TABLE e_attr AS SELECT * FROM h_attr;
INSERT INTO e_attr(account, impact_score, calculation_date) VALUES ('A', 'high', '2024-01-01');
-- error: checkin_impact: e_attr.impact_score must be a number, got 'high'
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'h_ci', 'h_beh', 'h_ctl', 'e_attr');
UPDATE e_attr SET impact_score = 0.5, calculation_date = x'01' WHERE impact_score = 'high';
-- error: checkin_impact: e_attr.calculation_date must be a date, got a blob
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'h_ci', 'h_beh', 'h_ctl', 'e_attr');

-- The internal feed the tables are read through (docs/internals.md).
-- error: csm_checkin_feed: internal to checkin_impact, not callable from SQL
SELECT csm_checkin_feed(1, 'a', '2024-01-01');
