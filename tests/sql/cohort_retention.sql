-- cohort_retention (docs/tables/cohort_retention.md): hand-computed grids, every argument, every
-- error message, views, schema-qualified sources, trusted_schema=OFF.
-- Grids are written as 'cohort:period:cohort_size:active:partial' in the
-- order the table returns them (so the order is tested too).

-- Base data. Monthly cohorts: January = a, b; February = c; March = d.
-- The latest date, 2024-04-15, is the default as_of (April is partial).
CREATE TABLE ev(id INTEGER PRIMARY KEY, account, date);
INSERT INTO ev(account, date) VALUES
  ('a', '2024-01-05'), ('a', '2024-01-20'), ('a', '2024-03-02'),
  ('b', '2024-01-31'), ('b', '2024-02-01'),
  ('c', '2024-02-10'), ('c', '2024-04-15'),
  ('d', '2024-03-31'),
  (NULL, '2023-06-01'),   -- NULL entity: skipped
  ('e', NULL);            -- NULL time: skipped (no entity e)

SELECT 'month classic',
  (SELECT group_concat(cohort || ':' || period || ':' || cohort_size || ':' || active || ':' || partial, ' ')
     FROM cohort_retention('ev')),
  '2024-01-01:0:2:2:0 2024-01-01:1:2:1:0 2024-01-01:2:2:1:0 2024-01-01:3:2:0:1 '
  || '2024-02-01:0:1:1:0 2024-02-01:1:1:0:0 2024-02-01:2:1:1:1 '
  || '2024-03-01:0:1:1:0 2024-03-01:1:1:0:1';

SELECT 'month rolling',
  (SELECT group_concat(cohort || ':' || period || ':' || cohort_size || ':' || active || ':' || partial, ' ')
     FROM cohort_retention('ev', 'month', 'rolling')),
  '2024-01-01:0:2:2:0 2024-01-01:1:2:2:0 2024-01-01:2:2:1:0 2024-01-01:3:2:0:1 '
  || '2024-02-01:0:1:1:0 2024-02-01:1:1:1:0 2024-02-01:2:1:1:1 '
  || '2024-03-01:0:1:1:0 2024-03-01:1:1:0:1';

SELECT 'retention', (SELECT group_concat(retention, ' ') FROM cohort_retention('ev')),
  '1.0 0.5 0.5 0.0 1.0 0.0 1.0 1.0 0.0';
SELECT 'no value column: value NULL',
  (SELECT count(*) FROM cohort_retention('ev') WHERE value IS NULL AND revenue_retention IS NULL), 9;
SELECT 'types', (SELECT group_concat(DISTINCT typeof(cohort) || typeof(period) || typeof(cohort_size)
                   || typeof(active) || typeof(retention) || typeof(partial)) FROM cohort_retention('ev')),
  'textintegerintegerintegerrealinteger';

-- Defaults spelled out give the same grid; NULL arguments mean the default.
SELECT 'defaults', (SELECT group_concat(cohort || period || active) FROM
   cohort_retention('ev', 'month', 'classic', 'account', 'date', NULL, NULL, NULL)),
  (SELECT group_concat(cohort || period || active) FROM cohort_retention('ev'));
SELECT 'case-insensitive names', (SELECT group_concat(cohort || period || active) FROM
   cohort_retention('EV', 'Month', 'CLASSIC', 'Account', 'DATE')),
  (SELECT group_concat(cohort || period || active) FROM cohort_retention('ev'));
SELECT 'named arguments', (SELECT group_concat(cohort || period || active) FROM cohort_retention
   WHERE mode = 'rolling' AND source = 'ev'),
  (SELECT group_concat(cohort || period || active) FROM cohort_retention('ev', 'month', 'rolling'));
SELECT 'hidden columns show the arguments',
  (SELECT source || granularity || mode || entity_column || time_column || coalesce(value_column, '-')
          || coalesce(cohort_column, '-') || as_of FROM cohort_retention('ev') LIMIT 1),
  'evmonthclassicaccountdate--2024-04-15';

-- as_of: rows after it are ignored; its period is partial unless as_of is
-- the period's last day; the time of day is dropped.
SELECT 'as_of month end',
  (SELECT group_concat(cohort || ':' || period || ':' || cohort_size || ':' || active || ':' || partial, ' ')
     FROM cohort_retention('ev', 'month', 'classic', 'account', 'date', NULL, NULL, '2024-03-31 18:00')),
  '2024-01-01:0:2:2:0 2024-01-01:1:2:1:0 2024-01-01:2:2:1:0 '
  || '2024-02-01:0:1:1:0 2024-02-01:1:1:0:0 2024-03-01:0:1:1:0';
SELECT 'as_of mid month',
  (SELECT group_concat(cohort || ':' || period || ':' || active || ':' || partial, ' ')
     FROM cohort_retention WHERE source = 'ev' AND as_of = '2024-02-01'),
  '2024-01-01:0:2:0 2024-01-01:1:1:1';
SELECT 'as_of later than the data: empty periods up to it',
  (SELECT group_concat(period || ':' || active || ':' || partial, ' ')
     FROM cohort_retention WHERE source = 'ev' AND as_of = '2024-06-30' AND granularity = 'quarter'),
  '0:4:0 1:1:0';
SELECT 'as_of before the data: no rows',
  (SELECT count(*) FROM cohort_retention WHERE source = 'ev' AND as_of = '2023-12-31'), 0;
SELECT 'as_of as a Julian day number',
  (SELECT group_concat(period || ':' || active, ' ') FROM cohort_retention
    WHERE source = 'ev' AND as_of = 2460341.5),  -- 2024-02-01
  '0:2 1:1';

-- Quarter and year.
SELECT 'quarter',
  (SELECT group_concat(cohort || ':' || period || ':' || cohort_size || ':' || active || ':' || partial, ' ')
     FROM cohort_retention('ev', 'quarter')),
  '2024-01-01:0:4:4:0 2024-01-01:1:4:1:1';
SELECT 'year', (SELECT group_concat(cohort || ':' || period || ':' || cohort_size || ':' || active || ':' || partial, ' ')
     FROM cohort_retention('ev', 'year')),
  '2024-01-01:0:4:4:1';
SELECT 'year, as_of on 31 December is complete',
  (SELECT group_concat(cohort || ':' || period || ':' || active || ':' || partial, ' ')
     FROM cohort_retention WHERE source = 'ev' AND granularity = 'year' AND as_of = '2024-12-31'),
  '2024-01-01:0:4:0';

-- ISO weeks across a year end: Monday 2020-12-28 starts the week holding
-- 2020-12-31 (Thu), 2021-01-01 (Fri) and 2021-01-03 (Sun).
CREATE TABLE wk(account, date);
INSERT INTO wk VALUES ('x', '2020-12-31'), ('x', '2021-01-03'), ('x', '2021-01-04'),
                      ('y', '2021-01-01'), ('y', '2021-01-11'),
                      ('z', '2021-01-10');
SELECT 'week classic',
  (SELECT group_concat(cohort || ':' || period || ':' || cohort_size || ':' || active || ':' || partial, ' ')
     FROM cohort_retention('wk', 'week')),
  '2020-12-28:0:2:2:0 2020-12-28:1:2:1:0 2020-12-28:2:2:1:1 2021-01-04:0:1:1:0 2021-01-04:1:1:0:1';
SELECT 'week rolling',
  (SELECT group_concat(cohort || ':' || period || ':' || active, ' ')
     FROM cohort_retention('wk', 'week', 'rolling')),
  '2020-12-28:0:2 2020-12-28:1:2 2020-12-28:2:1 2021-01-04:0:1 2021-01-04:1:0';
SELECT 'week, as_of on a Sunday is complete',
  (SELECT group_concat(period || ':' || partial, ' ') FROM cohort_retention
    WHERE source = 'wk' AND granularity = 'week' AND as_of = '2021-01-10'),
  '0:0 1:0 0:0';
SELECT 'year across the same year end',
  (SELECT group_concat(cohort || ':' || period || ':' || cohort_size || ':' || active, ' ')
     FROM cohort_retention('wk', 'year')),
  '2020-01-01:0:1:1 2020-01-01:1:1:1 2021-01-01:0:2:2';

-- Days and a leap day.
CREATE TABLE leap(account, date);
INSERT INTO leap VALUES ('p', '2024-02-28'), ('p', '2024-02-29'), ('p', '2024-03-01'),
                        ('q', '2024-02-29 08:00'), ('q', '2024-03-01 23:59:59');
SELECT 'day',
  (SELECT group_concat(cohort || ':' || period || ':' || cohort_size || ':' || active || ':' || partial, ' ')
     FROM cohort_retention('leap', 'day')),
  '2024-02-28:0:1:1:0 2024-02-28:1:1:1:0 2024-02-28:2:1:1:0 2024-02-29:0:1:1:0 2024-02-29:1:1:1:0';
SELECT 'month, as_of on 29 February is complete',
  (SELECT group_concat(cohort || ':' || period || ':' || active || ':' || partial, ' ')
     FROM cohort_retention WHERE source = 'leap' AND as_of = '2024-02-29'),
  '2024-02-01:0:2:0';
SELECT 'month, as_of on 28 February 2024 is partial',
  (SELECT group_concat(period || ':' || active || ':' || partial, ' ')
     FROM cohort_retention WHERE source = 'leap' AND as_of = '2024-02-28'),
  '0:1:1';
SELECT 'day, leap day offsets across a year end',
  (SELECT max(period) FROM cohort_retention WHERE source = 'leap' AND granularity = 'day'
      AND as_of = '2025-02-28' AND active = 0),
  366;  -- 2024-02-28 .. 2025-02-28 is 366 days (2024-02-29 included)
SELECT 'day, zero cells are emitted',
  (SELECT count(*) || '/' || sum(active = 0) FROM cohort_retention WHERE source = 'leap'
      AND granularity = 'day' AND as_of = '2024-03-10'),
  '23/18';  -- p: offsets 0..11 (3 active), q: 0..10 (2 active)

-- cohort_column: the earliest non-NULL value decides; activity before the
-- cohort is ignored; an entity without a value falls back to its first row;
-- an entity whose cohort starts after as_of has no row.
CREATE TABLE sg(account, date, signup);
INSERT INTO sg VALUES
  ('m', '2024-01-10', '2024-02-15'),   -- before m's cohort: ignored
  ('m', '2024-02-20', '2024-02-15'),
  ('m', '2024-04-01', '2024-02-15'),
  ('n', '2024-03-05', '2024-03-01'),
  ('n', '2024-03-06', NULL),
  ('n', '2024-03-07', '2024-02-01'),   -- earliest signup: February
  ('o', '2024-03-10', NULL),           -- no signup: cohort of its first row
  ('r', '2024-03-03', '2024-05-01');   -- cohort after as_of (2024-04-01)
SELECT 'cohort_column classic',
  (SELECT group_concat(cohort || ':' || period || ':' || cohort_size || ':' || active || ':' || partial, ' ')
     FROM cohort_retention WHERE source = 'sg' AND cohort_column = 'signup'),
  '2024-02-01:0:2:1:0 2024-02-01:1:2:1:0 2024-02-01:2:2:1:1 2024-03-01:0:1:1:0 2024-03-01:1:1:0:1';
SELECT 'cohort_column rolling',
  (SELECT group_concat(cohort || ':' || period || ':' || active, ' ')
     FROM cohort_retention WHERE source = 'sg' AND cohort_column = 'signup' AND mode = 'rolling'),
  '2024-02-01:0:2 2024-02-01:1:2 2024-02-01:2:1 2024-03-01:0:1 2024-03-01:1:0';
SELECT 'without cohort_column the January row counts',
  (SELECT group_concat(cohort || ':' || cohort_size, ' ') FROM cohort_retention('sg') WHERE period = 0),
  '2024-01-01:1 2024-03-01:3';

-- value_column: sums per cohort and period (NULL counts 0, numeric text is
-- a number), revenue retention against period 0.
CREATE TABLE mrr(account, date, amount);
INSERT INTO mrr VALUES ('a', '2024-01-01', 100), ('a', '2024-02-01', 110), ('a', '2024-03-01', NULL),
                       ('b', '2024-01-15', 50), ('b', '2024-01-20', '25'), ('b', '2024-03-01', 60.5);
SELECT 'value_column',
  (SELECT group_concat(period || ':' || active || ':' || value || ':' || round(revenue_retention, 6), ' ')
     FROM cohort_retention WHERE source = 'mrr' AND value_column = 'amount'),
  '0:2:175.0:1.0 1:1:110.0:0.628571 2:2:60.5:0.345714';
SELECT 'value type', (SELECT DISTINCT typeof(value) FROM cohort_retention
   WHERE source = 'mrr' AND value_column = 'amount'), 'real';
CREATE TABLE mrr0(account, date, amount);
INSERT INTO mrr0 VALUES ('a', '2024-01-01', 0), ('a', '2024-02-01', 10), ('b', '2024-01-03', NULL);
SELECT 'revenue_retention NULL when period 0 is 0',
  (SELECT group_concat(period || ':' || value || ':' || coalesce(revenue_retention, 'NULL'), ' ')
     FROM cohort_retention WHERE source = 'mrr0' AND value_column = 'amount'),
  '0:0.0:NULL 1:10.0:NULL';

-- Entities are SQL values: integer keys, a whole real equal to its integer,
-- and text '1' as a different entity.
CREATE TABLE ik(account, date);
INSERT INTO ik VALUES (1, '2024-01-01'), (1.0, '2024-02-01'), ('1', '2024-02-01'), (2, '2024-01-05'),
                      (x'01', '2024-02-02');
SELECT 'integer keys',
  (SELECT group_concat(cohort || ':' || period || ':' || cohort_size || ':' || active, ' ')
     FROM cohort_retention('ik')),
  '2024-01-01:0:2:2 2024-01-01:1:2:1 2024-02-01:0:2:2';
CREATE TABLE ik2(acct INTEGER, day);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 59)
INSERT INTO ik2 SELECT i % 7, date('2024-01-01', '+' || i || ' days') FROM n;
SELECT 'entity_column and time_column',
  (SELECT group_concat(cohort || ':' || period || ':' || cohort_size || ':' || active, ' ')
     FROM cohort_retention('ik2', 'month', 'classic', 'acct', 'day')),
  '2024-01-01:0:7:7 2024-01-01:1:7:7';

-- Dates in every encoding of docs/conventions.md.
CREATE TABLE enc(account, date);
INSERT INTO enc VALUES
  ('e1', '2024-01-05T10:00:00Z'), ('e1', 1709251200),            -- Unix seconds: 2024-03-01
  ('e2', '2024-01-31 23:30:00-02:00'), ('e2', 2460341.5),        -- 2024-02-01 01:30 UTC; JD 2024-02-01
  ('e3', '2460310.5'), ('e3', 1709251200.0),                     -- JD text: 2024-01-01
  ('e4', '2024-02-29T12:00:00.250+05:30');
SELECT 'mixed encodings',
  (SELECT group_concat(cohort || ':' || period || ':' || cohort_size || ':' || active || ':' || partial, ' ')
     FROM cohort_retention('enc')),
  '2024-01-01:0:2:2:0 2024-01-01:1:2:0:0 2024-01-01:2:2:2:1 2024-02-01:0:2:2:0 2024-02-01:1:2:0:1';

-- Empty sources and sources without usable rows give no rows.
CREATE TABLE empty(account, date);
SELECT 'empty source', (SELECT count(*) FROM cohort_retention('empty')), 0;
INSERT INTO empty VALUES (NULL, '2024-01-01'), ('a', NULL);
SELECT 'only NULL rows', (SELECT count(*) FROM cohort_retention('empty')), 0;

-- Views, schema-qualified names, quoted identifiers.
CREATE VIEW ev_view AS SELECT account AS who, date AS happened FROM ev WHERE account <> 'd';
SELECT 'view as source',
  (SELECT group_concat(cohort || ':' || period || ':' || active, ' ')
     FROM cohort_retention('ev_view', 'quarter', 'classic', 'who', 'happened')),
  '2024-01-01:0:3 2024-01-01:1:1';
ATTACH ':memory:' AS aux;
CREATE TABLE aux.ev(account, date);
INSERT INTO aux.ev VALUES ('only', '2023-05-05');
SELECT 'schema.table', (SELECT group_concat(cohort || ':' || cohort_size) FROM cohort_retention('aux.ev')),
  '2023-05-01:1';
SELECT 'main.table', (SELECT count(*) FROM cohort_retention('main.ev')), 9;
CREATE TABLE "odd ""name"""("the account", "when");
INSERT INTO "odd ""name""" VALUES ('a', '2024-01-01');
SELECT 'quoted identifiers',
  (SELECT cohort || ':' || active FROM cohort_retention('odd "name"', 'month', 'classic', 'the account', 'when')),
  '2024-01-01:1';

-- In a view: works with the default trusted schema ...
CREATE VIEW monthly_grid AS SELECT * FROM cohort_retention('ev');
SELECT 'from a view', (SELECT count(*) || '/' || sum(active) FROM monthly_grid), '9/7';
-- ... and is refused under trusted_schema=OFF: the table is not innocuous
-- (it reads any table it is named), so an untrusted schema cannot use it
-- to read what it cannot reach itself.
PRAGMA trusted_schema = OFF;
-- error: unsafe use of virtual table "cohort_retention"
SELECT count(*) FROM monthly_grid;
SELECT 'direct use under trusted_schema=OFF', (SELECT count(*) FROM cohort_retention('ev')), 9;
CREATE TABLE secrets(account, date);
INSERT INTO secrets VALUES ('ceo', '2024-01-01');
ATTACH ':memory:' AS untrusted;
CREATE VIEW untrusted.peek AS SELECT * FROM cohort_retention('main.secrets');
-- error: unsafe use of virtual table "cohort_retention"
SELECT * FROM untrusted.peek;
PRAGMA trusted_schema = ON;
SELECT 'the same view, schema trusted', (SELECT cohort_size FROM untrusted.peek), 1;
DETACH untrusted;

-- A source that reads the table itself is an error, not a stack overflow.
CREATE VIEW loop AS SELECT * FROM cohort_retention('loop', 'month', 'classic', 'cohort', 'cohort');
-- error: cohort_retention: source 'loop': cohort_retention: source 'loop' reads cohort_retention itself
SELECT * FROM loop;
-- error: cohort_retention: source 'LOOP': cohort_retention: source 'loop' reads cohort_retention itself
SELECT * FROM cohort_retention('LOOP', 'month', 'classic', 'cohort', 'cohort');
CREATE VIEW loop_a AS SELECT * FROM cohort_retention('loop_b', 'month', 'classic', 'cohort', 'cohort');
CREATE VIEW loop_b AS SELECT * FROM cohort_retention('loop_a', 'month', 'classic', 'cohort', 'cohort');
-- error: cohort_retention: source 'loop_a': cohort_retention: source 'loop_b': cohort_retention: source 'loop_a' reads cohort_retention itself
SELECT * FROM loop_b;
-- Nested reads of the table through distinct sources are fine.
CREATE VIEW nest1 AS SELECT cohort AS account, cohort AS date FROM cohort_retention('ev');
CREATE VIEW nest2 AS SELECT cohort AS account, cohort AS date FROM cohort_retention('nest1');
SELECT 'nested sources', (SELECT count(*) FROM cohort_retention('nest2')), 6;  -- 3 cohorts: 3 + 2 + 1 offsets

-- Any OR in WHERE plans (no constraint is demanded that was not offered).
SELECT 'OR on outputs', (SELECT count(*) FROM cohort_retention('ev') WHERE period = 0 OR active = 0), 6;  -- 3 period-0 rows, 3 empty cells
SELECT 'OR on arguments',
  (SELECT count(*) FROM cohort_retention WHERE source = 'ev' AND (granularity = 'month' OR granularity = 'year')), 10;  -- 9 monthly rows + 1 yearly

-- Joined with another table (arguments from a column).
CREATE TABLE sources(name);
INSERT INTO sources VALUES ('ev'), ('wk');
SELECT 'arguments from a join',
  (SELECT group_concat(name || ':' || n, ' ') FROM (SELECT name, count(*) AS n
     FROM sources, cohort_retention WHERE source = sources.name GROUP BY name)),
  'ev:9 wk:3';

-- value_agg 'last': snapshot measures. Worked out by hand:
--   a: flat 100 from February to June; b: 50 in Jan and Feb, 80 on 03-01,
--   90 on 03-20 (an upgrade: March's latest day), 80 in April, then gone;
--   c: two rows on 2024-01-01 (30 + 20 = 50), then gone.
-- Quarterly, one cohort (Q1). Q1's closing month is March: a 100 + b 90
-- (its latest March day) + c 0 (no March row) = 190. Q2's is June (a row
-- on 06-01 <= as_of): a 100 + b 0 + c 0 = 100. 'sum' instead adds every row:
-- Q1 200 + 270 + 50 = 520, Q2 300 + 80 = 380.
CREATE TABLE snap(account, month, mrr);
INSERT INTO snap VALUES
  ('a', '2024-02-01', 100), ('a', '2024-03-01', 100), ('a', '2024-04-01', 100),
  ('a', '2024-05-01', 100), ('a', '2024-06-01', 100),
  ('b', '2024-01-01', 50), ('b', '2024-02-01', 50), ('b', '2024-03-01', 80),
  ('b', '2024-03-20', 90), ('b', '2024-04-01', 80),
  ('c', '2024-01-01', 30), ('c', '2024-01-01', 20);
SELECT 'last by quarter', (SELECT group_concat(period || ':' || active || ':' || value || ':'
       || round(revenue_retention, 6) || ':' || partial, ' ')
  FROM cohort_retention('snap', 'quarter', 'classic', 'account', 'month', 'mrr', NULL, NULL, 'last')),
  '0:3:190.0:1.0:0 1:2:100.0:0.526316:1';
SELECT 'sum by quarter', (SELECT group_concat(period || ':' || value, ' ')
  FROM cohort_retention('snap', 'quarter', 'classic', 'account', 'month', 'mrr', NULL, NULL, 'SUM')),
  '0:520.0 1:380.0';
SELECT 'value_agg shown', (SELECT DISTINCT value_agg || '/' || coalesce(segment_column, 'NULL')
  FROM cohort_retention('snap', 'quarter', 'classic', 'account', 'month', 'mrr', NULL, NULL, 'Last')),
  'Last/NULL';
SELECT 'value_agg default shown', (SELECT DISTINCT value_agg FROM cohort_retention('ev')), 'sum';
-- Monthly with a month no one has rows in: February's closing month is
-- January, so the January value of x carries forward; active stays 0 there.
CREATE TABLE gap(account, date, v);
INSERT INTO gap VALUES ('x', '2024-01-01', 10), ('x', '2024-03-01', 30);
SELECT 'last carries forward', (SELECT group_concat(period || ':' || active || ':' || value, ' ')
  FROM cohort_retention WHERE source = 'gap' AND value_column = 'v' AND value_agg = 'last'),
  '0:1:10.0 1:0:10.0 2:1:30.0';
-- A week is its own window: the latest day's rows (01-03: 7 + 1), not the sum.
CREATE TABLE wk_snap(account, date, v);
INSERT INTO wk_snap VALUES ('y', '2024-01-01', 5), ('y', '2024-01-03', 7), ('y', '2024-01-03', 1),
                           ('y', '2024-01-08', 4);
SELECT 'last by week', (SELECT group_concat(value, ' ')
  FROM cohort_retention('wk_snap', 'week', 'classic', 'account', 'date', 'v', NULL, NULL, 'last')),
  '8.0 4.0';
SELECT 'sum by week', (SELECT group_concat(value, ' ')
  FROM cohort_retention('wk_snap', 'week', 'classic', 'account', 'date', 'v')), '13.0 4.0';
-- Rows out of time order give the same sums (the log merges its tail).
CREATE TABLE shuffled AS SELECT * FROM wk_snap ORDER BY date DESC;
INSERT INTO shuffled SELECT 'y', date(julianday('2024-01-01') + 7 * value), 1
  FROM json_each('[9,3,7,1,5,2,8,4,6,10,0,11,13,12]');
SELECT 'out of order', (SELECT group_concat(value, ' ')
  FROM cohort_retention('shuffled', 'week', 'classic', 'account', 'date', 'v', NULL, NULL, 'last')),
  '8.0 5.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0';  -- 01-03: 7 + 1; 01-08: 4 + 1
SELECT 'out of order, sum', (SELECT group_concat(value, ' ')
  FROM cohort_retention('shuffled', 'week', 'classic', 'account', 'date', 'v')),
  '14.0 5.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0';

-- R10: a cohort that spans far more periods than its members were seen in
-- keeps only the periods with activity (1212 monthly periods, 3 of them
-- observed). By hand: a is seen in 1900-01 (10) and 1900-03 (20), b in
-- 1900-01 twice (its latest day, 01-31: 7). 'last' by month: 17 in
-- January, carried into February (no rows), 20 from March on (a alone).
CREATE TABLE wide_m(account, date, mrr);
INSERT INTO wide_m VALUES ('a', '1900-01-15', 10), ('a', '1900-03-10', 20),
  ('b', '1900-01-20', 5), ('b', '1900-01-31', 7);
SELECT 'wide span: first periods', (SELECT group_concat(period || ':' || active || ':' || value, ' ')
  FROM cohort_retention('wide_m', 'month', 'classic', 'account', 'date', 'mrr', NULL, '2000-12-31', 'last')
  WHERE period < 4), '0:2:17.0 1:0:17.0 2:1:20.0 3:0:20.0';
SELECT 'wide span: last period and totals',
  (SELECT count(*) || ' ' || sum(active) || ' ' || max(period) || ' ' || sum(partial) || ' '
          || (SELECT revenue_retention FROM cohort_retention('wide_m', 'month', 'classic', 'account',
                'date', 'mrr', NULL, '2000-12-31', 'last') WHERE period = 1211)
     FROM cohort_retention('wide_m', 'month', 'classic', 'account', 'date', 'mrr', NULL, '2000-12-31',
                           'last')), '1212 3 1211 0 ' || (20.0 / 17.0);
SELECT 'wide span: rolling', (SELECT sum(active) || ' ' || group_concat(active, ' ')
  FILTER (WHERE period < 4) FROM cohort_retention('wide_m', 'month', 'rolling', 'account', 'date',
                                                  NULL, NULL, '2000-12-31')), '4 2 1 1 0';
-- By day, a and b are cohorts of their own (01-15, 01-20): 36510 + 36505 rows.
SELECT 'wide span: sums by day', (SELECT count(*) || ' ' || group_concat(period || ':' || value, ' ')
  FILTER (WHERE active > 0) FROM cohort_retention('wide_m', 'day', 'classic', 'account', 'date', 'mrr',
                                                  NULL, '1999-12-31')), '73015 0:10.0 54:20.0 0:5.0 11:7.0';
SELECT 'wide span equals the counted grid on its first months',
  (SELECT group_concat(period || ':' || active || ':' || value, ' ') FROM cohort_retention('wide_m',
     'month', 'classic', 'account', 'date', 'mrr', NULL, '2000-12-31', 'last') WHERE period < 6),
  (SELECT group_concat(period || ':' || active || ':' || value, ' ') FROM cohort_retention('wide_m',
     'month', 'classic', 'account', 'date', 'mrr', NULL, '1900-06-30', 'last'));

-- segment_column: an entity's segment is the value on its earliest day
-- (a: 'gold'; b's two rows of 01-31 disagree: the smallest, 'gold'; the
-- earliest row of c has NULL: segment NULL; d: 'silver'). Cohorts are split by
-- segment, NULL first, and rows come ordered by segment, cohort, period.
CREATE TABLE ev_seg(account, date, tier);
INSERT INTO ev_seg VALUES ('a', '2024-01-05', 'gold'), ('a', '2024-03-02', 'silver'),
  ('b', '2024-01-31', 'silver'), ('b', '2024-01-31', 'gold'),
  ('c', '2024-02-10', NULL), ('c', '2024-04-15', 'gold'), ('d', '2024-03-31', 'silver');
SELECT 'segments', (SELECT group_concat(coalesce(segment, 'NULL') || ':' || cohort || ':' || period
       || ':' || cohort_size || ':' || active, ' ')
  FROM cohort_retention WHERE source = 'ev_seg' AND segment_column = 'tier'),
  'NULL:2024-02-01:0:1:1 NULL:2024-02-01:1:1:0 NULL:2024-02-01:2:1:1'
  || ' gold:2024-01-01:0:2:2 gold:2024-01-01:1:2:0 gold:2024-01-01:2:2:1 gold:2024-01-01:3:2:0'
  || ' silver:2024-03-01:0:1:1 silver:2024-03-01:1:1:0';
-- ORDER BY cohort is not the row order when segmenting: SQLite sorts.
SELECT 'segments by cohort', (SELECT group_concat(cohort || ':' || coalesce(segment, 'NULL'), ' ')
  FROM (SELECT * FROM cohort_retention WHERE source = 'ev_seg' AND segment_column = 'tier'
         AND period = 0 ORDER BY cohort)),
  '2024-01-01:gold 2024-02-01:NULL 2024-03-01:silver';
SELECT 'no segment column', (SELECT count(*) FROM cohort_retention('ev') WHERE segment IS NULL), 9;
-- Segments of mixed types sort as ORDER BY does, integers against reals
-- beyond 2^53 exactly (2^53 + 1 > 2^53 as a real).
CREATE TABLE ev_big(account, date, seg);
INSERT INTO ev_big VALUES ('p', '2024-01-01', 9007199254740993), ('q', '2024-01-01', 9007199254740992.0),
  ('r', '2024-01-01', 'text'), ('s', '2024-01-01', x'01'), ('t', '2024-01-01', 1.5);
SELECT 'segment order', (SELECT group_concat(typeof(segment), ' ')
  FROM cohort_retention('ev_big', 'month', 'classic', 'account', 'date', NULL, NULL, NULL, NULL, 'seg')),
  'real real integer text blob';
SELECT 'segment order matches ORDER BY', (SELECT group_concat(quote(segment), ' ')
  FROM cohort_retention('ev_big', 'month', 'classic', 'account', 'date', NULL, NULL, NULL, NULL, 'seg')),
  (SELECT group_concat(quote(seg), ' ') FROM (SELECT seg FROM ev_big ORDER BY seg));

-- Wide spans cost memory for what was observed, not for the span: 2000
-- entities with a row on 0000-01-01 and one on 9999-12-31 fit in 2 MB at
-- day granularity (a bitmap per entity would need 900 MB, a count per
-- period of the cohort's 3.65 million days 58 MB).
CREATE TABLE wide(account, date);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO wide SELECT i, '0000-01-01' FROM n UNION ALL SELECT i, '9999-12-31' FROM n;
PRAGMA hard_heap_limit = 2000000;
SELECT 'wide span', (SELECT group_concat(period || ':' || cohort_size || ':' || active, ' ')
  FROM cohort_retention('wide', 'day') WHERE period IN (0, 1, 3652424)),
  '0:2000:2000 1:2000:0 3652424:2000:2000';
PRAGMA hard_heap_limit = 0;
-- A week that starts before year 0000 has no date to show.
CREATE TABLE early(account, date);
INSERT INTO early VALUES ('a', '0000-01-01');
SELECT 'year 0000 by month', (SELECT cohort FROM cohort_retention('early')), '0000-01-01';
-- error: cohort_retention: time_column date must hold dates whose week starts in year 0000 or later, got '0000-01-01'
SELECT * FROM cohort_retention('early', 'week');
-- error: cohort_retention: value_agg must be 'sum' or 'last', got 'avg'
SELECT * FROM cohort_retention WHERE source = 'snap' AND value_agg = 'avg';
-- error: cohort_retention: source 'ev' has no column 'tier'
SELECT * FROM cohort_retention WHERE source = 'ev' AND segment_column = 'tier';

-- Messages are valid UTF-8 whatever the input: in a name an invalid byte
-- becomes '?', in a quoted value U+FFFD.
-- error: cohort_retention: source 'A?B' does not exist
SELECT * FROM cohort_retention(CAST(x'41ff42' AS TEXT));
-- error: cohort_retention: mode must be 'classic' or 'rolling', got 'x���'
SELECT * FROM cohort_retention('ev', 'month', CAST(x'78eda080' AS TEXT));
-- error: cohort_retention: mode must be 'classic' or 'rolling', got 'é'
SELECT * FROM cohort_retention('ev', 'month', 'é');

-- Errors.
-- error: cohort_retention: missing source argument (a table or view name)
SELECT * FROM cohort_retention;
-- error: cohort_retention: missing source argument (a table or view name)
SELECT * FROM cohort_retention WHERE granularity = 'week';
-- error: cohort_retention: source must be a table or view name, got NULL
SELECT * FROM cohort_retention(NULL);
-- error: cohort_retention: source must be a table or view name, got 5
SELECT * FROM cohort_retention(5);
-- error: cohort_retention: source 'nope' does not exist
SELECT * FROM cohort_retention('nope');
-- error: cohort_retention: source 'aux.nope' does not exist
SELECT * FROM cohort_retention('aux.nope');
-- error: cohort_retention: source 'nodb.ev' does not exist
SELECT * FROM cohort_retention('nodb.ev');
-- error: cohort_retention: source 'ev' has no column 'acct'
SELECT * FROM cohort_retention('ev', 'month', 'classic', 'acct');
-- error: cohort_retention: source 'ev' has no column 'day'
SELECT * FROM cohort_retention WHERE source = 'ev' AND time_column = 'day';
-- error: cohort_retention: source 'ev' has no column 'mrr'
SELECT * FROM cohort_retention WHERE source = 'ev' AND value_column = 'mrr';
-- error: cohort_retention: source 'ev' has no column 'signup_date'
SELECT * FROM cohort_retention WHERE source = 'ev' AND cohort_column = 'signup_date';
-- error: cohort_retention: entity_column must be a column name, got 3
SELECT * FROM cohort_retention('ev', 'month', 'classic', 3);
-- error: cohort_retention: granularity must be 'day', 'week', 'month', 'quarter' or 'year', got 'fortnight'
SELECT * FROM cohort_retention('ev', 'fortnight');
-- error: cohort_retention: granularity must be 'day', 'week', 'month', 'quarter' or 'year', got 7
SELECT * FROM cohort_retention('ev', 7);
-- error: cohort_retention: mode must be 'classic' or 'rolling', got 'cumulative'
SELECT * FROM cohort_retention('ev', 'month', 'cumulative');
-- error: cohort_retention: as_of must be a date, got '2024-02-30'
SELECT * FROM cohort_retention WHERE source = 'ev' AND as_of = '2024-02-30';
CREATE TABLE bad(account, date, amount, signup);
INSERT INTO bad VALUES ('a', '2024-01-01', 1, '2024-01-01'), ('b', 'yesterday', 'lots', 'soon');
-- error: cohort_retention: time_column date must hold dates, got 'yesterday'
SELECT * FROM cohort_retention('bad');
UPDATE bad SET date = '2024-01-02' WHERE account = 'b';
-- error: cohort_retention: value_column amount must hold numbers, got 'lots'
SELECT * FROM cohort_retention WHERE source = 'bad' AND value_column = 'amount';
-- error: cohort_retention: cohort_column signup must hold dates, got 'soon'
SELECT * FROM cohort_retention WHERE source = 'bad' AND cohort_column = 'signup';
CREATE TABLE blobt(account, date);
INSERT INTO blobt VALUES ('a', x'00');
-- error: cohort_retention: time_column date must hold dates, got a blob
SELECT * FROM cohort_retention('blobt');

-- The internal feed (docs/internals.md): the rows reach the table through
-- csm_cohort_feed, which works only with the pointer the table binds.
-- error: csm_cohort_feed: internal to cohort_retention, not callable from SQL
SELECT csm_cohort_feed(1, 'a', '2024-01-01');
-- error: csm_cohort_feed: internal to cohort_retention, not callable from SQL
SELECT csm_cohort_feed(account, date) FROM ev;
-- error: csm_cohort_feed: internal to cohort_retention, not callable from SQL
SELECT csm_cohort_feed();
SELECT 'feed over no rows is NULL', csm_cohort_feed(1) IS NULL FROM ev WHERE 0;
CREATE VIEW feed_in_view AS SELECT csm_cohort_feed(1, account, date) FROM ev;
-- error: unsafe use of csm_cohort_feed()
SELECT * FROM feed_in_view;
DROP VIEW feed_in_view;
-- A source whose column names need quoting reaches the feed intact.
CREATE TABLE "odd ""names"""("acc)ount", "da,te");
INSERT INTO "odd ""names""" VALUES ('a', '2024-01-05'), ('a', '2024-02-05'), ('b', '2024-02-01');
SELECT 'quoted names', group_concat(cohort || ':' || period || ':' || active, ' '),
       '2024-01-01:0:1 2024-01-01:1:1 2024-02-01:0:1'
  FROM cohort_retention WHERE source = 'odd "names"' AND entity_column = 'acc)ount'
   AND time_column = 'da,te';
