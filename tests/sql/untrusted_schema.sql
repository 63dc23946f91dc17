-- Every csmetrics function and table inside schema objects with PRAGMA
-- trusted_schema=OFF (docs/conventions.md, "Where functions can be used"): generated columns, DEFAULT,
-- CHECK constraints, expression and partial indexes, triggers (their
-- bodies and WHEN clauses), views with aggregates, window functions and
-- the virtual tables; and virtual-table arguments that try to inject SQL
-- (table and column names with quotes, semicolons and comments).
-- A function that is not SQLITE_INNOCUOUS fails there with "unsafe use of
-- f()"; the first statements show that the pragma is in force. Expected
-- values are worked out by hand in the comments.
PRAGMA trusted_schema = OFF;
SELECT 'pragma in force', trusted_schema, 0 FROM pragma_trusted_schema;
CREATE VIEW direct_only AS SELECT load_extension('nothing');
-- error: unsafe use of load_extension()
SELECT * FROM direct_only;

CREATE TABLE acct(
  id INTEGER PRIMARY KEY, u, e, g, s, f, prev, nps, p, churned, mrr0, mrr1, day, amount,
  ver TEXT DEFAULT (csmetrics_version()),
  hs REAL GENERATED ALWAYS AS (health_score(u, e, g, s, f)) STORED,
  cov REAL GENERATED ALWAYS AS (health_coverage(u, e, g, s, f)) VIRTUAL,
  tier TEXT GENERATED ALWAYS AS (health_tier(health_score(u, e, g, s, f))) STORED,
  color TEXT GENERATED ALWAYS AS (health_color(hs, '[90,75,55,35]')) VIRTUAL,
  action TEXT GENERATED ALWAYS AS (health_action(hs)) VIRTUAL,
  trend TEXT GENERATED ALWAYS AS (health_trend(hs, prev)) VIRTUAL,
  lin REAL GENERATED ALWAYS AS (score_linear(u, 80)) VIRTUAL,
  inv REAL GENERATED ALWAYS AS (score_inverse(s, 100, 20)) VIRTUAL,
  steps REAL GENERATED ALWAYS AS (score_steps(p, '[[0.5,100],[0.25,50]]')) VIRTUAL,
  st REAL GENERATED ALWAYS AS (score_trend(hs, u, prev)) VIRTUAL,
  vel REAL GENERATED ALWAYS AS (usage_velocity(u, prev)) VIRTUAL,
  rt TEXT GENERATED ALWAYS AS (risk_tier(p)) VIRTUAL,
  cat TEXT GENERATED ALWAYS AS (nps_category(nps)) VIRTUAL,
  meter TEXT GENERATED ALWAYS AS (bar(u, 100, 10)) VIRTUAL,
  CONSTRAINT enough_data CHECK (health_coverage(u, e, g, s, f, 'classic') > 0.2)
);
CREATE INDEX acct_tier ON acct(health_tier(u, '[95,80,60,40]'), health_color(u));
CREATE INDEX acct_risky ON acct(p) WHERE risk_tier(p) <> 'Minimal' AND score_linear(u, 80) > 0;
CREATE TABLE audit(seq INTEGER PRIMARY KEY, acct_id, note, num);
CREATE TRIGGER acct_needs_data BEFORE INSERT ON acct
  WHEN health_score(new.u, new.e, new.g, new.s, new.f) IS NULL
BEGIN
  SELECT RAISE(ABORT, 'acct: no component');
END;
CREATE TRIGGER acct_added AFTER INSERT ON acct BEGIN
  INSERT INTO audit(acct_id, note, num)
    VALUES (new.id, health_tier(new.hs) || '/' || health_action(new.hs, '[95,80,60,40]') || '/'
                    || bar(new.u, 100, 4) || '/' || nps_category(new.nps) || '/' || risk_tier(new.p)
                    || '/' || health_trend(new.hs, new.prev, 20),
            score_trend(new.hs, new.u, new.prev, 0.5) + score_steps(new.p, '[[0.7,1]]'));
END;
CREATE TRIGGER acct_mrr AFTER UPDATE OF mrr1 ON acct BEGIN
  INSERT INTO audit(acct_id, note, num)
    SELECT 0, 'nrr', nrr(mrr0, mrr1) FROM acct
    UNION ALL SELECT 0, 'grr', grr(mrr0, mrr1) FROM acct
    UNION ALL SELECT 0, 'nps', nps(nps) FROM acct
    UNION ALL SELECT 0, 'velocity', usage_velocity(day, amount, '2024-06-30', 30) FROM acct
    UNION ALL SELECT 0, 'auc', auc(p, churned) FROM acct
    UNION ALL SELECT 0, 'lift', lift(p, churned, 0.25) FROM acct
    UNION ALL SELECT 0, 'corr', pearson_corr(u, prev) FROM acct
    UNION ALL SELECT 0, 'ece', calibration_error(p, churned, 2) FROM acct
    UNION ALL SELECT 0, 'last nps window', (SELECT nps(nps) OVER (ORDER BY id ROWS 1 PRECEDING)
                                              FROM acct ORDER BY id DESC LIMIT 1);
END;
CREATE VIEW portfolio AS
  SELECT nps(nps) AS nps, nrr(mrr0, mrr1) AS nrr, grr(mrr0, mrr1) AS grr,
         usage_velocity(day, amount, '2024-06-30') AS velocity,
         usage_velocity(day, amount, '2024-06-30', 60) AS velocity60,
         auc(p, churned) AS auc, lift(p, churned, 0.25) AS lift, lift(p, churned) AS lift10,
         pearson_corr(u, prev) AS corr, calibration_error(p, churned, 2) AS ece,
         calibration_error(p, churned) AS ece10
    FROM acct;
CREATE VIEW rolling AS
  SELECT id, nps(nps) OVER w AS nps, nrr(mrr0, mrr1) OVER w AS nrr, grr(mrr0, mrr1) OVER w AS grr,
         pearson_corr(u, prev) OVER w AS corr
    FROM acct WINDOW w AS (ORDER BY id ROWS 1 PRECEDING);
CREATE VIEW scored AS
  SELECT id, health_score(u, e, g, s, f, 'enterprise', 'neutral') AS hs_ent,
         health_coverage(u, e, g, s, f, '{"usage":1,"financial":1}') AS cov_custom,
         health_tier(hs) AS tier, health_color(hs) AS color, health_action(hs) AS action
    FROM acct;

-- Row 1: 80,70,60,50,40 -> (35*80+25*70+15*60+15*50+10*40)/100 = 66.
-- Row 2: usage 20, growth 30, support 40, financial 10 (engagement NULL)
--        -> (700+450+600+100)/75 = 24.666..., coverage 0.75.
-- Row 3: all 50 -> 50. Row 4: all 90 -> 90.
INSERT INTO acct(id, u, e, g, s, f, prev, nps, p, churned, mrr0, mrr1, day, amount) VALUES
  (1, 80, 70, 60, 50, 40, 60, 9, 0.8, 1, 100, 120, '2024-06-20', 10),
  (2, 20, NULL, 30, 40, 10, 40, 3, 0.2, 0, 200, 150, '2024-05-10', 20),
  (3, 50, 50, 50, 50, 50, 50, 7, 0.5, 1, 0, 30, '2024-06-01', 5),
  (4, 90, 90, 90, 90, 90, 70, 10, 0.6, 0, 50, 40, '2024-04-15', 7);
-- error: acct: no component
INSERT INTO acct(id, u) VALUES (5, NULL);
-- Only financial: 0 of the classic weights -> coverage 0.
-- error: CHECK constraint failed: enough_data
INSERT INTO acct(id, f) VALUES (6, 50);

SELECT 'default', ver IS NOT NULL AND ver = csmetrics_version() FROM acct WHERE id = 1;
SELECT 'hs 1', hs, 66.0 FROM acct WHERE id = 1;
SELECT 'hs 2', hs, 1850 / 75.0 FROM acct WHERE id = 2;
SELECT 'cov 2', cov, 0.75 FROM acct WHERE id = 2;
SELECT 'tiers', group_concat(tier, ','), 'Neutral,Critical,Neutral,Thriving'
  FROM (SELECT tier FROM acct ORDER BY id);
-- Cutoffs [90,75,55,35]: 66 yellow, 24.7 red, 50 orange, 90 green.
SELECT 'colors', group_concat(color, ','), 'yellow,red,orange,green'
  FROM (SELECT color FROM acct ORDER BY id);
SELECT 'actions', group_concat(action, ','),
       'Proactive engagement,Executive escalation,Proactive engagement,Expansion focus'
  FROM (SELECT action FROM acct ORDER BY id);
-- 66-60 = 6 >= 5; 24.7-40 <= -5; 50-50; 90-70.
SELECT 'trends', group_concat(trend, ','), 'improving,declining,stable,improving'
  FROM (SELECT trend FROM acct ORDER BY id);
SELECT 'linear', group_concat(lin, ','), '100.0,25.0,62.5,100.0' FROM (SELECT lin FROM acct ORDER BY id);
-- 100*(100-s)/80 for s = 50, 40, 50, 90.
SELECT 'inverse', group_concat(inv, ','), '62.5,75.0,62.5,12.5' FROM (SELECT inv FROM acct ORDER BY id);
SELECT 'steps', group_concat(steps, ','), '100.0,0.0,100.0,100.0'
  FROM (SELECT steps FROM acct ORDER BY id);
-- hs * (1 + 0.2 * (u - prev) / prev)
SELECT 'trend 1', st, 66 * (1 + 0.2 * 20 / 60.0) FROM acct WHERE id = 1;
SELECT 'trend 2', st, 1850 / 75.0 * 0.9 FROM acct WHERE id = 2;
SELECT 'trend 4', st, 90 * (1 + 0.2 * 20 / 70.0) FROM acct WHERE id = 4;
SELECT 'velocity 1', vel, 20 / 60.0 FROM acct WHERE id = 1;
SELECT 'velocity 2', vel, -0.5 FROM acct WHERE id = 2;
SELECT 'risk', group_concat(rt, ','), 'Critical,Low,High,High' FROM (SELECT rt FROM acct ORDER BY id);
SELECT 'nps category', group_concat(cat, ','), 'Promoter,Detractor,Passive,Promoter'
  FROM (SELECT cat FROM acct ORDER BY id);
SELECT 'meter', meter, '████████░░' FROM acct WHERE id = 1;

SELECT 'index created', count(*) = 1 FROM pragma_index_list('acct') WHERE name = 'acct_tier';
-- Cutoffs [95,80,60,40]: u = 80 and 90 are Healthy.
SELECT 'index lookup', count(*), 2 FROM acct WHERE health_tier(u, '[95,80,60,40]') = 'Healthy';
SELECT 'partial index', group_concat(id), '1,3,4'
  FROM (SELECT id FROM acct WHERE risk_tier(p) <> 'Minimal' AND score_linear(u, 80) > 0
           AND p >= 0.5 ORDER BY id);

-- Row 1: 66 Neutral; [95,80,60,40] -> Neutral action; bar 3 of 4; trend tolerance 20:
-- 66-60 stable; num = 66*(1+0.5*20/60) + 1 (p 0.8 >= 0.7).
SELECT 'trigger note', note, 'Neutral/Proactive engagement/███░/Promoter/Critical/stable'
  FROM audit WHERE acct_id = 1;
SELECT 'trigger num', num, 66 * (1 + 0.5 * 20 / 60.0) + 1 FROM audit WHERE acct_id = 1;
SELECT 'trigger rows', count(*), 4 FROM audit;

-- nps: promoters 9, 10; detractor 3 -> 100*(2-1)/4 = 25.
-- nrr over start > 0 (rows 1, 2, 4): (120+150+40)/(100+200+50); grr (100+150+40)/350.
-- velocity at 2024-06-30, 30 days: current (05-31, 06-30]: 10 + 5; prior (05-01, 05-31]: 20.
-- 60 days: current (05-01, 06-30]: 35; prior (03-02, 05-01]: 7.
SELECT 'view nps', nps, 25.0 FROM portfolio;
SELECT 'view nrr', nrr, 310 / 350.0 FROM portfolio;
SELECT 'view grr', grr, 290 / 350.0 FROM portfolio;
SELECT 'view velocity', velocity, -0.25 FROM portfolio;
SELECT 'view velocity 60', velocity60, (35 - 7) / 7.0 FROM portfolio;
-- Churned (outcome 1): p 0.8 and 0.5; not: 0.2 and 0.6. AUC: of the four
-- (churned, kept) pairs, 0.5 < 0.6 is the one ranked wrong -> 3/4.
SELECT 'view auc', auc, 0.75 FROM portfolio;
-- Top ceil(0.25 * 4) = 1 row by risk is p 0.8, churned: rate 1 / overall 0.5.
SELECT 'view lift', lift, 2.0 FROM portfolio;
-- Top ceil(0.1 * 4) = 1 row, the same.
SELECT 'view lift 10%', lift10, 2.0 FROM portfolio;
-- u = 80, 20, 50, 90 (mean 60), prev = 60, 40, 50, 70 (mean 55):
-- sum dx*dy = 1200, sum dx^2 = 3000, sum dy^2 = 500.
SELECT 'view corr', corr, 1200 / sqrt(3000 * 500) FROM portfolio;
-- 2 bins: {0.2 -> 0} error 0.2; {0.8, 0.5, 0.6 -> 1, 1, 0}: |1.9/3 - 2/3|;
-- weighted (0.2 * 1 + (0.1 / 3) * 3) / 4 = 0.075.
SELECT 'view ece', ece, 0.075 FROM portfolio;
-- 10 bins: each row alone in its bin: (0.2 + 0.2 + 0.5 + 0.6) / 4.
SELECT 'view ece 10 bins', ece10, (0.2 + 0.2 + 0.5 + 0.6) / 4 FROM portfolio;
-- Windows of two rows: (9) 100; (9,3) 0; (3,7) -50; (7,10) 50.
SELECT 'window nps', group_concat(nps, ','), '100.0,0.0,-50.0,50.0'
  FROM (SELECT nps FROM rolling ORDER BY id);
-- Rows 3 (start 0, not counted) and 4: nrr 40/50; grr 40/50.
SELECT 'window nrr', nrr, 0.8 FROM rolling WHERE id = 4;
SELECT 'window grr', grr, 0.8 FROM rolling WHERE id = 4;
-- Two points on a rising line: +1 (rows 3, 4 and rows 2, 3).
SELECT 'window corr', corr, 1.0 FROM rolling WHERE id = 4;
SELECT 'window corr 3', corr, 1.0 FROM rolling WHERE id = 3;
-- Row 3 with start 0 alone after row 2: frame (2,3) -> 150/200.
SELECT 'window nrr 3', nrr, 0.75 FROM rolling WHERE id = 3;
-- enterprise weights 30/30/15/15/10, neutral: row 2 engagement counts 50:
-- (600+1500+450+600+100)/100 = 32.5.
SELECT 'view enterprise', hs_ent, 32.5 FROM scored WHERE id = 2;
SELECT 'view custom coverage', cov_custom, 1.0 FROM scored WHERE id = 2;
SELECT 'view tier', tier, 'Thriving' FROM scored WHERE id = 4;

UPDATE acct SET mrr1 = 100 WHERE id = 4;
-- nrr (120+150+100)/350, grr (100+150+50)/350; last window (7,10) -> 50.
SELECT 'update trigger nrr', num, 370 / 350.0 FROM audit WHERE note = 'nrr';
SELECT 'update trigger grr', num, 300 / 350.0 FROM audit WHERE note = 'grr';
SELECT 'update trigger nps', num, 25.0 FROM audit WHERE note = 'nps';
SELECT 'update trigger velocity', num, -0.25 FROM audit WHERE note = 'velocity';
SELECT 'update trigger window', num, 50.0 FROM audit WHERE note = 'last nps window';
SELECT 'update trigger auc', num, 0.75 FROM audit WHERE note = 'auc';
SELECT 'update trigger lift', num, 2.0 FROM audit WHERE note = 'lift';
SELECT 'update trigger corr', num, 1200 / sqrt(3000 * 500) FROM audit WHERE note = 'corr';
SELECT 'update trigger ece', num, 0.075 FROM audit WHERE note = 'ece';

-- The virtual tables, with names built to break naive SQL pasting: the
-- tables and columns below are quoted by the extension, so nothing is
-- dropped and the results are those of ordinary names.
CREATE TABLE "ev""; DROP TABLE acct; --"("acc""t" TEXT, "d; --" TEXT, "v'" REAL);
INSERT INTO "ev""; DROP TABLE acct; --" VALUES
  ('a', '2024-01-05', 1), ('a', '2024-02-10', 2), ('b', '2024-02-01', 3);
CREATE TABLE "ci'; DROP TABLE acct; --"(id INTEGER PRIMARY KEY, date, type, account);
INSERT INTO "ci'; DROP TABLE acct; --"(date, type, account) VALUES
  ('2024-01-10', 'qbr', 'a'), ('2024-01-15', 'call', 'b');
CREATE TABLE "be""h'av"(id INTEGER PRIMARY KEY, account, behavior_date, usage_spikes, upsells,
                        renewals);
INSERT INTO "be""h'av"(account, behavior_date, usage_spikes, upsells, renewals) VALUES
  ('a', '2024-01-20', 1, 0, 0), ('b', '2024-03-01', 1, 0, 0);
-- Monthly cohorts: a in January (active in January and February), b in
-- February; as_of defaults to the latest day, 2024-02-10, inside February.
CREATE VIEW grid AS
  SELECT cohort, period, cohort_size, active, value, partial
    FROM cohort_retention('ev"; DROP TABLE acct; --', 'month', 'classic', 'acc"t', 'd; --',
                          'v''');
-- a checks in on 2024-01-10 and has a usage spike 10 days later: positive;
-- b's spike comes 46 days after its check-in, outside the 30-day window.
CREATE VIEW impact AS
  SELECT checkin_accounts, positive_accounts, impact_score, control_accounts
    FROM checkin_impact(30, 'all', 'none', 'any', 'ci''; DROP TABLE acct; --', 'be"h''av',
                        'no_control_table', 'no_attribution_table');
CREATE TABLE impact_log(n, positive, score);
CREATE TRIGGER log_impact AFTER INSERT ON "ci'; DROP TABLE acct; --" BEGIN
  INSERT INTO impact_log SELECT checkin_accounts, positive_accounts, impact_score FROM impact;
END;
-- The virtual tables are not innocuous (they read any table they are
-- named): under trusted_schema=OFF a view or trigger cannot use them.
-- error: unsafe use of virtual table "cohort_retention"
SELECT * FROM grid;
-- error: unsafe use of virtual table "checkin_impact"
SELECT * FROM impact;
-- With the schema trusted (SQLite's default) the same objects work.
PRAGMA trusted_schema = ON;
SELECT 'grid through a view', group_concat(cell, ' '),
       '2024-01-01/0/1/1/1/0 2024-01-01/1/1/1/2/1 2024-02-01/0/1/1/3/1'
  FROM (SELECT cohort || '/' || period || '/' || cohort_size || '/' || active || '/'
               || printf('%g', value) || '/' || partial AS cell
          FROM grid ORDER BY cohort, period);
SELECT 'grid schema-qualified', count(*), 3
  FROM cohort_retention('main.ev"; DROP TABLE acct; --', 'month', 'classic', 'acc"t', 'd; --');
SELECT 'impact through a view', checkin_accounts || '/' || positive_accounts || '/'
       || impact_score || '/' || ifnull(control_accounts, 'NULL'), '2/1/0.5/NULL' FROM impact;
-- A third check-in (c, no behaviour) fires the trigger: 1 positive of 3.
INSERT INTO "ci'; DROP TABLE acct; --"(date, type, account) VALUES ('2024-02-01', 'qbr', 'c');
SELECT 'impact through a trigger', n || '/' || positive, '3/1' FROM impact_log;
SELECT 'impact score through a trigger', score, 1 / 3.0 FROM impact_log;
SELECT 'nothing dropped', count(*), 4 FROM acct;
PRAGMA trusted_schema = OFF;
-- error: unsafe use of virtual table "checkin_impact"
INSERT INTO impact_log SELECT checkin_accounts, positive_accounts, impact_score FROM impact;
-- error: cohort_retention: source 'ev; DROP TABLE acct; --' does not exist
SELECT * FROM cohort_retention('ev; DROP TABLE acct; --');
-- error: checkin_impact: checkins_table 'x"); DROP TABLE acct; --' does not exist
SELECT * FROM checkin_impact(30, 'all', 'none', 'any', 'x"); DROP TABLE acct; --');
SELECT 'still nothing dropped', count(*), 4 FROM acct;
