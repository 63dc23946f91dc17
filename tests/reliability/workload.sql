-- The representative workload of the reliability harnesses (oom, threads):
-- every SQL function and table of docs/functions and docs/tables, on its normal path, its
-- NULL path and its error paths, in plain, aggregate, window, view and
-- virtual-table form. Add a line here when a function or argument lands.
--
-- Statements before the "-- @queries" line build the data (run once, with
-- no fault injected). After it, each statement is one query of the
-- workload: the harnesses run it alone and compare its rows (or its error
-- message) with a reference run.

CREATE TABLE usage_events(id INTEGER PRIMARY KEY, account TEXT, user_id TEXT,
                          date TEXT, feature TEXT, event_count INTEGER);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 299)
INSERT INTO usage_events(account, user_id, date, feature, event_count)
  SELECT 'acct' || (i % 23), 'u' || (i % 7),
         date('2024-01-01', '+' || ((i * 37) % 400) || ' days'),
         'f' || (i % 3), 1 + i % 5
    FROM n;
CREATE TABLE mrr_snapshots(id INTEGER PRIMARY KEY, account TEXT, month TEXT, mrr REAL,
                           seats INTEGER);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 119)
INSERT INTO mrr_snapshots(account, month, mrr, seats)
  SELECT 'acct' || (i % 10), date('2023-01-01', '+' || (i / 10) || ' months'),
         100 + (i * 13) % 90, 5 + i % 4
    FROM n;
CREATE TABLE accounts(id INTEGER PRIMARY KEY, account TEXT UNIQUE, signup_date TEXT);
INSERT INTO accounts(account, signup_date)
  SELECT DISTINCT account, '2023-1' || (length(account) % 3) || '-15' FROM usage_events;
CREATE TABLE check_in_logs(id INTEGER PRIMARY KEY, date TEXT, type TEXT, account TEXT);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 59)
INSERT INTO check_in_logs(date, type, account)
  SELECT date('2024-01-03', '+' || ((i * 11) % 300) || ' days'),
         CASE i % 3 WHEN 0 THEN 'qbr' WHEN 1 THEN 'call' ELSE 'email' END,
         'acct' || (i % 17)
    FROM n;
CREATE TABLE post_check_in_behavior(id INTEGER PRIMARY KEY, account TEXT,
                                    behavior_date TEXT, usage_spikes INTEGER,
                                    upsells INTEGER, renewals INTEGER);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 89)
INSERT INTO post_check_in_behavior(account, behavior_date, usage_spikes, upsells, renewals)
  SELECT 'acct' || (i % 23), date('2024-01-05', '+' || ((i * 7) % 320) || ' days'),
         i % 2, CASE WHEN i % 5 = 0 THEN 1 ELSE 0 END, NULLIF(i % 7, 3)
    FROM n;
CREATE TABLE control_group(id INTEGER PRIMARY KEY, account TEXT);
INSERT INTO control_group(account) VALUES ('acct18'), ('acct19'), ('acct20'), ('acct21'),
                                          ('acct22'), ('acct3');
CREATE TABLE attribution_model(id INTEGER PRIMARY KEY, account TEXT, impact_score REAL,
                               calculation_date TEXT);
INSERT INTO attribution_model(account, impact_score, calculation_date)
  SELECT account, 0.1 * (id % 10), date FROM check_in_logs WHERE id % 2 = 0;
CREATE TABLE scores(id INTEGER PRIMARY KEY, segment TEXT, risk REAL, outcome INTEGER,
                    health REAL, nps_score INTEGER, start_mrr REAL, end_mrr REAL);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199)
INSERT INTO scores(segment, risk, outcome, health, nps_score, start_mrr, end_mrr)
  SELECT CASE i % 3 WHEN 0 THEN 'smb' WHEN 1 THEN 'enterprise' ELSE 'mid_market' END,
         ((i * 37) % 101) / 100.0, CASE WHEN (i * 37) % 101 > 60 OR i % 11 = 0 THEN 1 ELSE 0 END,
         (i * 53) % 101, i % 11, CASE WHEN i % 13 = 0 THEN NULL ELSE 50 + i % 40 END,
         40 + (i * 7) % 60
    FROM n;
CREATE TABLE "we""ird; DROP TABLE scores; --"(id INTEGER PRIMARY KEY, "acc""t" TEXT,
                                                "d; --" TEXT, "v'" REAL);
INSERT INTO "we""ird; DROP TABLE scores; --"("acc""t", "d; --", "v'")
  SELECT account, date, event_count FROM usage_events WHERE id % 3 = 0;
CREATE VIEW scored AS
  SELECT id, health_score(health, 100 - health, 50, risk * 100, NULL) AS hs,
         health_tier(health) AS tier, bar(health, 100, 10) AS b FROM scores;
CREATE TABLE mrr_desc AS SELECT account, month, mrr FROM mrr_snapshots ORDER BY month DESC, account;

-- @queries
SELECT csmetrics_version();

SELECT health_score(80, 70, 60, 50, 40), health_score(80, NULL, 60, NULL, 40),
       health_score(NULL, NULL, NULL, NULL, NULL);
SELECT health_score(80, 70, 60, 50, 40, 'enterprise'),
       health_score(80, 70, 60, 50, 40, '{"usage":40,"engagement":20,"growth":20,"support":15,"financial":5}'),
       health_score(80, NULL, 60, 50, NULL, 'high_touch', 'zero'),
       health_score(80, NULL, 60, 50, NULL, 'classic', 'neutral');
SELECT health_score(health, 100 - health, 50, risk * 100, NULL, '{"usage":1,"support":"x"}') FROM scores;
SELECT health_score(health, 50, 50, 50, 50, 'no_such_profile') FROM scores;
SELECT health_score(130, 50, 50, 50, 50);
SELECT health_score(50, 50, 50, 50, 50, 'default', 'bogus');
SELECT health_score(50, 50, 50, 50, 50, '{"usage":1,"usage2":2}');
SELECT health_score(50, 50, 50, 50, 50, '{"usage":1,');
SELECT health_score(health, 100 - health, 50, risk * 100, NULL, 'self_serve', 'neutral') FROM scores;
SELECT health_coverage(80, NULL, 60, NULL, 40), health_coverage(80, NULL, 60, NULL, 40, 'classic'),
       health_coverage(NULL, NULL, NULL, NULL, NULL);
SELECT health_coverage(health, NULL, NULL, 1, 2, '{"usage":3,"financial":1}') FROM scores;
SELECT health_coverage('abc', 1, 2, 3, 4);

SELECT health_tier(health), health_color(health), health_action(health) FROM scores;
SELECT health_tier(health, '[90,75,55,35]'), health_color(health, '[90,75,55,35]'),
       health_action(health, '[90,75,55,35]') FROM scores;
SELECT health_tier(NULL), health_color(NULL), health_action(NULL);
SELECT health_tier(50, '[1,2,3,4]');
SELECT health_color(50, '[90,80]');
SELECT health_action(50, 'nope');
SELECT health_tier(x'00ff');
SELECT health_trend(health, abs(health - 5)), health_trend(health, 50, 2.5) FROM scores;
SELECT health_trend(NULL, 1), health_trend(1, 'x');

SELECT score_linear(0.32, 0.4), score_linear(risk, 0.5), score_linear(NULL, 1) FROM scores;
SELECT score_linear(1, 0);
SELECT score_inverse(3, 10), score_inverse(risk * 10, 10, 2), score_inverse(NULL, 1) FROM scores;
SELECT score_inverse(1, 2, 5);
SELECT score_steps(risk, '[[0.5,100],[0.4,80],[0.3,60],[0.2,40],[0.1,20]]') FROM scores;
SELECT score_steps(0.3, '[[0.1,20],[0.5,100]]');
SELECT score_steps(0.3, '[[0.5,100],[0.4]]');
SELECT score_steps(0.3, '[[0.5,100],[0.4,80]] x');
SELECT score_trend(70, 115, 100), score_trend(health, risk, 0.5, 0.3),
       score_trend(70, 1, 0), score_trend(70, 1, NULL) FROM scores;
SELECT score_trend(70, 'many', 1);
SELECT usage_velocity(120, 100), usage_velocity(5, 0), usage_velocity(NULL, 3);
SELECT usage_velocity(-1, 3);
SELECT risk_tier(risk) FROM scores;
SELECT risk_tier(1.5);
SELECT nps_category(nps_score) FROM scores;
SELECT nps_category(7.5);
SELECT nps_category('11');
SELECT bar(28, 100), bar(health, 100, 7), bar(150, 100, 3), bar(-4, 100), bar(NULL, 1) FROM scores;
SELECT bar(5, 0);
SELECT bar(5, 10, -1);

SELECT usage_velocity(date, event_count, '2024-12-31') FROM usage_events;
SELECT account, usage_velocity(date, event_count, '2024-06-30', 60) FROM usage_events
 GROUP BY account ORDER BY account;
SELECT usage_velocity(date, event_count, CASE WHEN id = 5 THEN '2024-01-01' ELSE '2024-06-30' END)
  FROM usage_events;
SELECT usage_velocity(date, event_count, '2024-06-30', id) FROM usage_events;
SELECT usage_velocity('yesterday', 1, '2024-06-30');
SELECT usage_velocity(date, event_count, '2024-06-30') FROM usage_events WHERE 0;
SELECT nps(nps_score), nps(NULL) FROM scores;
SELECT segment, nps(nps_score) FROM scores GROUP BY segment ORDER BY segment;
SELECT id, nps(nps_score) OVER (ORDER BY id ROWS 11 PRECEDING) FROM scores;
SELECT nps(12);
SELECT nrr(start_mrr, end_mrr), grr(start_mrr, end_mrr) FROM scores;
SELECT segment, nrr(start_mrr, end_mrr) OVER w, grr(start_mrr, end_mrr) OVER w FROM scores
WINDOW w AS (PARTITION BY segment ORDER BY id ROWS 11 PRECEDING);
SELECT nrr(-1, 5);
SELECT grr(5, 'x');
SELECT auc(risk, outcome), auc(-health, outcome) FROM scores;
SELECT segment, auc(risk, outcome) FROM scores GROUP BY segment ORDER BY segment;
SELECT auc(risk, 2) FROM scores;
SELECT lift(risk, outcome), lift(risk, outcome, 0.25) FROM scores;
SELECT lift(risk, outcome, 0) FROM scores;
SELECT lift(risk, outcome, 1.5) FROM scores;
SELECT count_duplicates(account, date, feature)
  FROM (SELECT account, date, feature FROM usage_events ORDER BY account, date, feature);
SELECT count_duplicates(feature) FROM (SELECT feature FROM usage_events ORDER BY id);
SELECT pearson_corr(risk, health), pearson_corr(health, health) FROM scores;
SELECT id, pearson_corr(risk, health) OVER (ORDER BY id ROWS 20 PRECEDING) FROM scores;
SELECT pearson_corr(1, 'a');
SELECT calibration_error(risk, outcome), calibration_error(risk, outcome, 4) FROM scores;
SELECT calibration_error(risk * 2, outcome) FROM scores;
SELECT calibration_error(risk, outcome, 0) FROM scores;
SELECT tier, count(*), avg(hs), max(b) FROM scored GROUP BY tier ORDER BY tier;

SELECT html_escape('Tom & Jerry''s <b>"x"</b>'), html_escape(''), html_escape(NULL), html_escape(42);
SELECT segment, sparkline(health) FROM scores GROUP BY segment ORDER BY segment;
SELECT id, sparkline(CASE WHEN id % 7 = 0 THEN NULL ELSE health END)
         OVER (PARTITION BY segment ORDER BY id ROWS 11 PRECEDING) FROM scores;
SELECT sparkline(health) FROM scores WHERE 0;
SELECT sparkline('high');
SELECT chart_bars(segment || ' <&>', health, '{"title":"Health & co","format":"pct","width":480}')
  FROM scores WHERE id < 40;
SELECT chart_bars(segment, start_mrr - 70, '{"format":"money","max":100,"height":300}') FROM scores;
SELECT chart_bars('a', NULL);
SELECT chart_line(date, event_count, account) FROM (SELECT * FROM usage_events WHERE id < 120 ORDER BY id);
SELECT chart_line(id, health, segment, '{"title":"Health","format":"num","max":100}') FROM scores;
SELECT chart_line(id, health) FROM scores;
SELECT account, chart_heatmap(month, seats, mrr / 200.0, '{"format":"pct","title":"MRR"}')
  FROM mrr_snapshots GROUP BY account ORDER BY account;
SELECT chart_heatmap(cohort, period, retention, '{"format":"pct"}')
  FROM cohort_retention('usage_events');
SELECT chart_bars('a', 1, '{"colour":"red"}');
SELECT chart_bars('a', 1, '{"width":"wide"}');
SELECT chart_line(x, 1) FROM (SELECT 1 AS x UNION ALL SELECT '2024-01-01');
SELECT chart_heatmap('r', 'c', 1, '{"title":');

SELECT * FROM cohort_retention('usage_events');
SELECT * FROM cohort_retention('usage_events', 'week', 'rolling');
SELECT * FROM cohort_retention('usage_events', 'quarter', 'classic', 'account', 'date',
                               'event_count');
SELECT * FROM cohort_retention('main.usage_events', 'day');
SELECT * FROM cohort_retention
 WHERE source = 'mrr_snapshots' AND time_column = 'month' AND value_column = 'mrr'
   AND granularity = 'year';
SELECT * FROM cohort_retention('usage_events', 'month', 'classic', 'account', 'date', NULL,
                               NULL, '2024-06-15');
SELECT * FROM cohort_retention('we"ird; DROP TABLE scores; --', 'month', 'rolling', 'acc"t',
                               'd; --', 'v''');
SELECT cohort, sum(active) FROM cohort_retention('usage_events') GROUP BY cohort;
SELECT * FROM cohort_retention('no_such_table');
SELECT * FROM cohort_retention('usage_events', 'fortnight');
SELECT * FROM cohort_retention('usage_events', 'month', 'sideways');
SELECT * FROM cohort_retention('usage_events', 'month', 'classic', 'no_such_column');
SELECT * FROM cohort_retention('check_in_logs', 'month', 'classic', 'account', 'type');
SELECT * FROM cohort_retention;

SELECT * FROM checkin_impact;
SELECT * FROM checkin_impact(30, 'quarter');
SELECT * FROM checkin_impact(14, 'month', 'type');
SELECT * FROM checkin_impact(7, 'year', 'none', 'upsells');
SELECT * FROM checkin_impact(30, 'all', 'type', 'renewals', 'check_in_logs',
                             'post_check_in_behavior', 'no_control', 'no_attribution');
SELECT segment, sum(checkin_accounts) FROM checkin_impact(30, 'month', 'type') GROUP BY segment;
SELECT * FROM checkin_impact(-1);
SELECT * FROM checkin_impact(30, 'decade');
SELECT * FROM checkin_impact(30, 'all', 'csm');
SELECT * FROM checkin_impact(30, 'all', 'none', 'hugs');
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'no_such_table');
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'we"ird; DROP TABLE scores; --');
SELECT count(*) FROM scores;
SELECT parse_date('11/22/2026', '%m/%d/%Y'), parse_date('22-Nov-2026 09:30', '%d-%b-%Y %H:%M'),
       parse_date('2026-11-22T23:30:00-05:00', '%Y-%m-%dT%H:%M:%S%z'), parse_date('', '%m/%d/%Y');
SELECT parse_date('02/30/2024', '%m/%d/%Y');
SELECT parse_date('x', '%q');
SELECT parse_date_error('2026-11-22', '%m/%d/%Y'), parse_date_error('1/2/2026', '%m/%d/%Y');
SELECT parse_number('$48,000.00'), parse_number('1.234,5', ','), parse_number('4.000,00 €', ','),
       parse_number('(1,200.50)'), parse_number('12.5%'), parse_number('123456789012345678901');
SELECT parse_number('1,5.0');
SELECT parse_number_error('12abc'), parse_number_error('12'), parse_number_error(x'01');
SELECT health_rag(health), health_rag(health, '[70,40]') FROM scores;
SELECT health_rag(50, '[1,2]');

SELECT * FROM mrr_movements;
SELECT * FROM mrr_movements('quarter');
SELECT * FROM mrr_movements('year', 'mrr_snapshots', 'account', 'month', 'mrr', 'seats', '2023-08-15');
SELECT * FROM mrr_movements('month', 'mrr_desc');
SELECT * FROM mrr_movements('month', 'we"ird; DROP TABLE scores; --', 'acc"t', 'd; --', 'v''');
SELECT * FROM mrr_movements('week');
SELECT * FROM mrr_movements('month', 'scores', 'segment', 'health', 'start_mrr');
SELECT * FROM mrr_movements('month', 'no_such_table');
SELECT * FROM threshold_sweep('scores', 'risk', 'outcome', 0, 1, 0.05);
SELECT * FROM threshold_sweep('scores', 'health', 'outcome', 0, 100, 5, 'above', 1, 5);
SELECT * FROM threshold_sweep('scores', 'health', 'nps_score');
SELECT * FROM threshold_sweep('scores', 'risk', 'outcome', 0, 1, 0);
SELECT * FROM threshold_sweep;
