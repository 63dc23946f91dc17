-- mrr_movements: small portfolios worked out by hand for every movement
-- kind and edge (the reasoning is in the comments), the snapshot rule at
-- month, quarter and year, segments, every argument and error message.
-- Random data against a pure-SQL formulation: mrr_movements_property.sql.
-- Rows are written as
--   period:starting:new:reactivation:expansion:contraction:churned:ending
-- with '-' for NULL, in the order the table returns them.

-- The default source does not exist yet.
-- error: mrr_movements: source 'mrr_snapshots' does not exist
SELECT * FROM mrr_movements;

CREATE TABLE mrr_snapshots(id INTEGER PRIMARY KEY, account, month, mrr);
SELECT 'empty source: no rows', count(*), 0 FROM mrr_movements;

-- ---------------------------------------------------------------------
-- Every movement kind, monthly.
--   Jan: a 100, b 200                        baseline, ending 300 (2)
--   Feb: a 150 (expansion 50), b 150 (contraction 50), c 50 (new)
--   Mar: a 150 (unchanged), b no row (churn 150), c 0 (churn 50), d 80 (new)
--   Apr: a 150, b 100 and c 60 (reactivations: both paid before), d 80
-- as_of defaults to the latest day, 2024-04-01: April is partial.
INSERT INTO mrr_snapshots(account, month, mrr) VALUES
  ('a', '2024-01-01', 100), ('b', '2024-01-01', 200),
  ('a', '2024-02-01', 150), ('b', '2024-02-01', 150), ('c', '2024-02-01', 50),
  ('a', '2024-03-01', 150), ('c', '2024-03-01', 0), ('d', '2024-03-01', 80),
  ('c', '2024-04-01', 60), ('a', '2024-04-01', 150), ('d', '2024-04-01', 80),
  ('b', '2024-04-01', 100);

SELECT 'every kind: money',
  (SELECT group_concat(period || ':' || coalesce(starting_mrr, '-') || ':' || coalesce(new_mrr, '-')
     || ':' || coalesce(reactivation_mrr, '-') || ':' || coalesce(expansion_mrr, '-') || ':'
     || coalesce(contraction_mrr, '-') || ':' || coalesce(churned_mrr, '-') || ':' || ending_mrr, ' ')
     FROM mrr_movements),
  '2024-01-01:-:-:-:-:-:-:300.0 2024-02-01:300.0:50.0:0.0:50.0:50.0:0.0:350.0 '
  || '2024-03-01:350.0:80.0:0.0:0.0:0.0:200.0:230.0 2024-04-01:230.0:0.0:160.0:0.0:0.0:0.0:390.0';
SELECT 'every kind: accounts',
  (SELECT group_concat(coalesce(starting_accounts, '-') || ':' || coalesce(new_accounts, '-')
     || ':' || coalesce(reactivated_accounts, '-') || ':' || coalesce(expanded_accounts, '-') || ':'
     || coalesce(contracted_accounts, '-') || ':' || coalesce(churned_accounts, '-') || ':'
     || ending_accounts, ' ') FROM mrr_movements),
  '-:-:-:-:-:-:2 2:1:0:1:1:0:3 3:1:0:0:0:2:2 2:0:2:0:0:0:4';
-- nrr = (start + exp - contr - churn) / start, grr = (start - contr - churn)
-- / start, quick ratio = (new + react + exp) / (contr + churn).
SELECT 'feb ratios', nrr || ' ' || round(grr, 12) || ' ' || quick_ratio, '1.0 0.833333333333 2.0'
  FROM mrr_movements WHERE period = '2024-02-01';
SELECT 'mar ratios', round(nrr, 12) || ' ' || round(grr, 12) || ' ' || quick_ratio,
  '0.428571428571 0.428571428571 0.4' FROM mrr_movements WHERE period = '2024-03-01';
SELECT 'apr: no loss, quick ratio NULL', nrr || ' ' || grr || ' ' || coalesce(quick_ratio, '-'),
  '1.0 1.0 -' FROM mrr_movements WHERE period = '2024-04-01';
SELECT 'baseline: every movement and starting column NULL',
  starting_mrr IS NULL AND new_mrr IS NULL AND reactivation_mrr IS NULL AND expansion_mrr IS NULL
  AND contraction_mrr IS NULL AND churned_mrr IS NULL AND starting_accounts IS NULL
  AND new_accounts IS NULL AND reactivated_accounts IS NULL AND expanded_accounts IS NULL
  AND contracted_accounts IS NULL AND churned_accounts IS NULL AND nrr IS NULL AND grr IS NULL
  AND quick_ratio IS NULL AND ending_mrr = 300 AND ending_accounts = 2
  FROM mrr_movements WHERE period = '2024-01-01';
SELECT 'partial only on the as_of period', (SELECT group_concat(partial, '') FROM mrr_movements),
  '0001';
SELECT 'no segment: NULL', (SELECT count(*) FROM mrr_movements WHERE segment IS NULL), 4;
SELECT 'types', (SELECT group_concat(DISTINCT typeof(period) || typeof(starting_mrr)
   || typeof(ending_accounts) || typeof(nrr) || typeof(partial)) FROM mrr_movements
   WHERE period > '2024-01-01' AND period < '2024-04-01'),
  'textrealintegerrealinteger';
SELECT 'bridge identity on every row',
  (SELECT count(*) FROM mrr_movements WHERE period > '2024-01-01' AND abs(starting_mrr + new_mrr
     + reactivation_mrr + expansion_mrr - contraction_mrr - churned_mrr - ending_mrr) > 0.005), 0;
SELECT 'account identity on every row',
  (SELECT count(*) FROM mrr_movements WHERE period > '2024-01-01' AND starting_accounts
     + new_accounts + reactivated_accounts - churned_accounts <> ending_accounts), 0;

-- Defaults spelled out, NULL arguments, names in any case, by name in WHERE.
SELECT 'defaults spelled out',
  (SELECT group_concat(period || ending_mrr) FROM
     mrr_movements('month', 'mrr_snapshots', 'account', 'month', 'mrr', NULL, NULL)),
  (SELECT group_concat(period || ending_mrr) FROM mrr_movements);
SELECT 'NULL arguments take the defaults',
  (SELECT group_concat(period || ending_mrr) FROM mrr_movements(NULL, NULL, NULL, NULL, NULL)),
  (SELECT group_concat(period || ending_mrr) FROM mrr_movements);
SELECT 'case-insensitive choice and names',
  (SELECT group_concat(period || ending_mrr) FROM
     mrr_movements('MONTH', 'MRR_Snapshots', 'Account', 'MONTH', 'MRR')),
  (SELECT group_concat(period || ending_mrr) FROM mrr_movements);
SELECT 'hidden columns show the arguments',
  (SELECT granularity || ' ' || source || ' ' || entity_column || ' ' || time_column || ' '
          || value_column || ' ' || coalesce(segment_column, '-') || ' ' || as_of
     FROM mrr_movements LIMIT 1),
  'month mrr_snapshots account month mrr - 2024-04-01';
SELECT 'as_of given shows as given',
  (SELECT as_of FROM mrr_movements WHERE as_of = 2460402.5 LIMIT 1), 2460402.5;

-- as_of mid-period: rows after it are ignored, its period is partial.
SELECT 'as_of mid-March',
  (SELECT group_concat(period || ':' || ending_mrr || ':' || partial, ' ')
     FROM mrr_movements WHERE as_of = '2024-03-15'),
  '2024-01-01:300.0:0 2024-02-01:350.0:0 2024-03-01:230.0:1';
SELECT 'as_of on the last day of the month: not partial',
  (SELECT group_concat(partial, '') FROM mrr_movements WHERE as_of = '2024-03-31 23:59'), '000';
-- as_of after the data: the months without rows carry the last values
-- forward (no movement), up to the month holding as_of.
SELECT 'as_of after the data',
  (SELECT group_concat(period || ':' || starting_mrr || ':' || new_mrr || ':' || churned_mrr || ':'
     || ending_mrr || ':' || ending_accounts || ':' || partial, ' ')
     FROM mrr_movements WHERE as_of = '2024-06-10' AND period >= '2024-04-01'),
  '2024-04-01:230.0:0.0:0.0:390.0:4:0 2024-05-01:390.0:0.0:0.0:390.0:4:0 '
  || '2024-06-01:390.0:0.0:0.0:390.0:4:1';
SELECT 'as_of before the data: no rows',
  (SELECT count(*) FROM mrr_movements WHERE as_of = '2023-12-31'), 0;

-- The same rows stored in another order give the same bridge (the table
-- then reads them ORDER BY time).
CREATE TABLE shuffled AS SELECT * FROM mrr_snapshots ORDER BY month DESC, account;
SELECT 'any storage order',
  (SELECT group_concat(period || starting_mrr || new_mrr || reactivation_mrr || expansion_mrr
     || contraction_mrr || churned_mrr || ending_mrr || ending_accounts) FROM mrr_movements('month', 'shuffled')),
  (SELECT group_concat(period || starting_mrr || new_mrr || reactivation_mrr || expansion_mrr
     || contraction_mrr || churned_mrr || ending_mrr || ending_accounts) FROM mrr_movements);

-- ---------------------------------------------------------------------
-- The snapshot rule within a month, a month without rows, NULLs.
--   x: 2024-01-01 100, then two rows on its latest day 2024-01-20: 50 + 25
--      -> January 75 (the latest day's rows, summed); March 100.
--   y: January (a Julian day number, 2024-01-10) NULL -> 0; March 70 as
--      text with a time and zone -> new in March (never positive before).
--   February has no rows at all: it carries January forward.
--   NULL entities and NULL times are skipped.
CREATE TABLE s2(account, month, mrr);
INSERT INTO s2 VALUES ('x', '2024-01-01', 100), ('x', '2024-01-20', 50), ('x', '2024-01-20', 25),
  ('y', 2460319.5, NULL), ('y', '2024-03-05T10:00:00Z', '70'), ('x', '2024-03-01', 100),
  (NULL, '2024-01-01', 999), ('z', NULL, 999);
SELECT 'latest day summed, gap month carried, NULL counts 0',
  (SELECT group_concat(period || ':' || coalesce(starting_mrr, '-') || ':' || coalesce(new_mrr, '-')
     || ':' || coalesce(expansion_mrr, '-') || ':' || ending_mrr || ':' || ending_accounts || ':'
     || partial, ' ') FROM mrr_movements('month', 's2')),
  '2024-01-01:-:-:-:75.0:1:0 2024-02-01:75.0:0.0:0.0:75.0:1:0 2024-03-01:75.0:70.0:25.0:170.0:2:1';

-- An off-day row (an upgrade on the 20th) replaces only its own entity's
-- value for that month: p 100 on the 1st and 160 on the 20th -> 160;
-- q keeps its 40 of the 1st.
CREATE TABLE s3(account, month, mrr);
INSERT INTO s3 VALUES ('p', '2024-01-01', 100), ('q', '2024-01-01', 40),
  ('p', '2024-02-01', 100), ('q', '2024-02-01', 40), ('p', '2024-02-20', 160);
SELECT 'off-day row',
  (SELECT group_concat(period || ':' || coalesce(expansion_mrr, '-') || ':' || ending_mrr, ' ')
     FROM mrr_movements('month', 's3')),
  '2024-01-01:-:140.0 2024-02-01:60.0:200.0';

-- Reactivation after a gap of several months, and a NULL value is 0:
-- r pays 10 in January, nothing Feb-Apr (churned in February), 20 in May;
-- t has NULL in January (0) and 5 in February: new, not reactivation.
CREATE TABLE s4(account, month, mrr);
INSERT INTO s4 VALUES ('r', '2024-01-01', 10), ('t', '2024-01-01', NULL), ('t', '2024-02-01', 5),
  ('t', '2024-03-01', 5), ('t', '2024-04-01', 5), ('r', '2024-05-01', 20), ('t', '2024-05-01', 5);
SELECT 'reactivation after a gap',
  (SELECT group_concat(period || ':' || coalesce(new_mrr, '-') || ':' || coalesce(reactivation_mrr, '-')
     || ':' || coalesce(churned_mrr, '-') || ':' || ending_mrr, ' ') FROM mrr_movements('month', 's4')),
  '2024-01-01:-:-:-:10.0 2024-02-01:5.0:0.0:10.0:5.0 2024-03-01:0.0:0.0:0.0:5.0 '
  || '2024-04-01:0.0:0.0:0.0:5.0 2024-05-01:0.0:20.0:0.0:25.0';
SELECT 'churned period without paying entities still has a row',
  (SELECT count(*) FROM mrr_movements('month', 's4')), 5;

-- ---------------------------------------------------------------------
-- Quarters: the closing-month rule.
--   f pays a flat 100 from February: Q1 = 100 (March), never 200 or 300.
--   g pays 50 in January and February only: Q1 = 0 (no March row);
--     70 in June: Q2 reactivation (it paid in January, before Q2).
--   h: 200 on April 1, upgraded to 260 on April 20, 260 in May and June:
--     new in Q2 with 260.
--   i: 300 in January and March, 300 in April only: churned in Q2 (no June row).
-- Q1 (closing month March): f 100 + i 300 = 400 (2 accounts).
-- Q2 (closing month June): f 100, g 70 (reactivation), h 260 (new), i 0
--   (churn 300): 430 (3 accounts); as_of 2024-06-01 -> partial.
CREATE TABLE q(account, month, mrr);
INSERT INTO q VALUES
  ('g', '2024-01-01', 50), ('i', '2024-01-01', 300),
  ('f', '2024-02-01', 100), ('g', '2024-02-01', 50),
  ('f', '2024-03-01', 100), ('i', '2024-03-01', 300),
  ('f', '2024-04-01', 100), ('h', '2024-04-01', 200), ('i', '2024-04-01', 300),
  ('h', '2024-04-20', 260),
  ('f', '2024-05-01', 100), ('h', '2024-05-01', 260),
  ('f', '2024-06-01', 100), ('g', '2024-06-01', 70), ('h', '2024-06-01', 260);
SELECT 'quarter closing month',
  (SELECT group_concat(period || ':' || coalesce(starting_mrr, '-') || ':' || coalesce(new_mrr, '-')
     || ':' || coalesce(reactivation_mrr, '-') || ':' || coalesce(expansion_mrr, '-') || ':'
     || coalesce(contraction_mrr, '-') || ':' || coalesce(churned_mrr, '-') || ':' || ending_mrr
     || ':' || ending_accounts || ':' || partial, ' ') FROM mrr_movements('quarter', 'q')),
  '2024-01-01:-:-:-:-:-:-:400.0:2:0 2024-04-01:400.0:260.0:70.0:0.0:0.0:300.0:430.0:3:1';
SELECT 'quarter accounts',
  (SELECT new_accounts || reactivated_accounts || churned_accounts || starting_accounts
     FROM mrr_movements('Quarter', 'q') WHERE period = '2024-04-01'), '1112';
-- A quarter without rows takes the closing month before it: Q3 and Q4
-- carry Q2 forward; as_of on December 31 is the last day: not partial.
SELECT 'quarters without rows carry forward',
  (SELECT group_concat(period || ':' || starting_mrr || ':' || ending_mrr || ':' || ending_accounts
     || ':' || partial, ' ') FROM mrr_movements('quarter', 'q') WHERE as_of = '2024-12-31'
     AND period > '2024-01-01'),
  '2024-04-01:400.0:430.0:3:0 2024-07-01:430.0:430.0:3:0 2024-10-01:430.0:430.0:3:0';
-- The same portfolio monthly: h's April is the 20th's 260, not 460.
SELECT 'monthly april: the off-day upgrade',
  (SELECT new_mrr || ' ' || ending_mrr FROM mrr_movements('month', 'q') WHERE period = '2024-04-01'),
  '260.0 660.0';

-- Years: 2023's closing month is December (a 120; b stopped in March),
-- 2024's is March, the latest month of 2024 with rows (a 130: expansion 10;
-- c paid in February only, so 0 in March: no movement at all).
CREATE TABLE y(account, month, mrr);
INSERT INTO y VALUES ('b', '2023-03-01', 50), ('a', '2023-06-01', 100), ('a', '2023-12-01', 120),
  ('c', '2024-02-01', 10), ('a', '2024-03-01', 130);
SELECT 'year closing month',
  (SELECT group_concat(period || ':' || coalesce(starting_mrr, '-') || ':' || coalesce(new_mrr, '-')
     || ':' || coalesce(expansion_mrr, '-') || ':' || ending_mrr || ':' || partial, ' ')
     FROM mrr_movements('year', 'y')),
  '2023-01-01:-:-:-:120.0:0 2024-01-01:120.0:0.0:10.0:130.0:1';

-- ---------------------------------------------------------------------
-- Segments: an entity's segment is its latest row's (the smallest when its
-- latest rows disagree), for every period; rows by period, then segment
-- with NULL first.
--   a: January smb 100, February mid 150 -> 'mid' in both months
--   b: January ent 200; two rows on February 1: 100 ent and 50 big -> 'big',
--      February value 150 (contraction 50)
--   c: January 30 with a NULL segment -> NULL; no February row: churn
--   d: February mid 40 (new)
CREATE TABLE seg(account, month, mrr, tier);
INSERT INTO seg VALUES ('a', '2024-01-01', 100, 'smb'), ('b', '2024-01-01', 200, 'ent'),
  ('c', '2024-01-01', 30, NULL), ('a', '2024-02-01', 150, 'mid'), ('b', '2024-02-01', 100, 'ent'),
  ('b', '2024-02-01', 50, 'big'), ('d', '2024-02-01', 40, 'mid');
SELECT 'segments',
  (SELECT group_concat(period || ':' || coalesce(segment, '-') || ':' || coalesce(starting_mrr, '-')
     || ':' || coalesce(new_mrr, '-') || ':' || coalesce(expansion_mrr, '-') || ':'
     || coalesce(contraction_mrr, '-') || ':' || coalesce(churned_mrr, '-') || ':' || ending_mrr
     || ':' || ending_accounts, ' ') FROM mrr_movements WHERE source = 'seg' AND segment_column = 'tier'),
  '2024-01-01:-:-:-:-:-:-:30.0:1 2024-01-01:big:-:-:-:-:-:200.0:1 2024-01-01:mid:-:-:-:-:-:100.0:1 '
  || '2024-02-01:-:30.0:0.0:0.0:0.0:30.0:0.0:0 2024-02-01:big:200.0:0.0:0.0:50.0:0.0:150.0:1 '
  || '2024-02-01:mid:100.0:40.0:50.0:0.0:0.0:190.0:2';
SELECT 'segments add up to the whole',
  (SELECT group_concat(period || ':' || s, ' ') FROM (SELECT period, sum(ending_mrr) AS s
     FROM mrr_movements WHERE source = 'seg' AND segment_column = 'tier' GROUP BY period)),
  (SELECT group_concat(period || ':' || ending_mrr, ' ') FROM mrr_movements('month', 'seg'));
-- With as_of in January, b's latest row is January's: 'ent', and a's 'smb'.
SELECT 'segment by the latest row on or before as_of',
  (SELECT group_concat(coalesce(segment, '-'), ' ') FROM mrr_movements('month', 'seg', 'account',
     'month', 'mrr', 'tier', '2024-01-31')), '- ent smb';
-- Entity keys are SQL values: 1 and 1.0 are one entity, '1' another.
CREATE TABLE keys(account, month, mrr);
INSERT INTO keys VALUES (1, '2024-01-01', 10), ('1', '2024-01-01', 10), (1.0, '2024-02-01', 15),
  ('1', '2024-02-01', 10);
SELECT 'entity keys', (SELECT expansion_mrr || ' ' || ending_accounts FROM mrr_movements('month', 'keys')
  WHERE period = '2024-02-01'), '5.0 2';
-- An empty text is an entity like any other (and long keys too).
INSERT INTO keys VALUES ('', '2024-01-01', 1), ('', '2024-02-01', 3),
  (printf('%.100c', 'k'), '2024-01-01', 2), (printf('%.100c', 'k'), '2024-02-01', 2);
SELECT 'empty and long keys', (SELECT expansion_mrr || ' ' || ending_accounts FROM mrr_movements('month', 'keys')
  WHERE period = '2024-02-01'), '7.0 4';

-- Any OR in WHERE plans; arguments from a join.
SELECT 'OR on arguments', (SELECT count(*) FROM mrr_movements WHERE source = 'q'
   AND (granularity = 'quarter' OR granularity = 'year')), 3;  -- 2 quarters + 1 year
CREATE TABLE grans(g);
INSERT INTO grans VALUES ('month'), ('quarter');
SELECT 'arguments from a join', (SELECT group_concat(g || ':' || n, ' ') FROM (SELECT grans.g,
   count(*) AS n FROM grans, mrr_movements(grans.g, 'q') GROUP BY grans.g)), 'month:6 quarter:2';

-- Other column names, a schema-qualified source, a view.
CREATE TABLE billing(customer, snapshot_date, amount);
INSERT INTO billing SELECT account, month, mrr FROM mrr_snapshots;
CREATE VIEW billing_view AS SELECT * FROM billing;
SELECT 'column names and a view',
  (SELECT group_concat(period || ending_mrr) FROM mrr_movements('month', 'billing_view', 'customer',
     'snapshot_date', 'amount')),
  (SELECT group_concat(period || ending_mrr) FROM mrr_movements);
SELECT 'schema-qualified',
  (SELECT count(*) FROM mrr_movements('month', 'main.billing', 'customer', 'snapshot_date', 'amount')), 4;

-- In a view (the schema is trusted by default), and read by a view that
-- it reads: an error, not a stack overflow.
CREATE VIEW bridge AS SELECT * FROM mrr_movements('quarter');
SELECT 'from a view', (SELECT count(*) FROM bridge), 2;
CREATE VIEW loop AS SELECT 'a' AS account, period AS month, ending_mrr AS mrr
  FROM mrr_movements('month', 'loop');
-- error: mrr_movements: source 'loop': mrr_movements: source 'loop' reads mrr_movements itself
SELECT * FROM loop;
-- Not innocuous: under trusted_schema=OFF only direct statements may use it.
PRAGMA trusted_schema = OFF;
-- error: unsafe use of virtual table "mrr_movements"
SELECT count(*) FROM bridge;
SELECT 'direct use with trusted_schema=OFF', (SELECT count(*) FROM mrr_movements('quarter')), 2;
PRAGMA trusted_schema = ON;

-- ---------------------------------------------------------------------
-- Errors.
-- error: mrr_movements: granularity must be 'month', 'quarter' or 'year', got 'week'
SELECT * FROM mrr_movements('week');
-- error: mrr_movements: granularity must be 'month', 'quarter' or 'year', got 3
SELECT * FROM mrr_movements(3);
-- error: mrr_movements: source must be a table or view name, got 42
SELECT * FROM mrr_movements('month', 42);
-- error: mrr_movements: source 'nope' does not exist
SELECT * FROM mrr_movements('month', 'nope');
-- error: mrr_movements: source 'mrr_snapshots' has no column 'arr'
SELECT * FROM mrr_movements('month', 'mrr_snapshots', 'account', 'month', 'arr');
-- error: mrr_movements: source 'mrr_snapshots' has no column 'tier'
SELECT * FROM mrr_movements WHERE segment_column = 'tier';
-- error: mrr_movements: entity_column must be a column name, got ''
SELECT * FROM mrr_movements('month', 'mrr_snapshots', '');
-- error: mrr_movements: as_of must be a date, got 'yesterday'
SELECT * FROM mrr_movements WHERE as_of = 'yesterday';
CREATE TABLE bad(account, month, mrr);
INSERT INTO bad VALUES ('a', '2024-01-01', 10), ('b', '2024-02-01', -5);
-- error: mrr_movements: value_column mrr must not be negative, got -5
SELECT * FROM mrr_movements('month', 'bad');
SELECT 'a negative value after as_of is ignored',
  (SELECT count(*) FROM mrr_movements('month', 'bad') WHERE as_of = '2024-01-31'), 1;
UPDATE bad SET mrr = 'lots' WHERE account = 'b';
-- error: mrr_movements: value_column mrr must hold numbers, got 'lots'
SELECT * FROM mrr_movements('month', 'bad');
UPDATE bad SET mrr = 1e999 WHERE account = 'b';
-- error: mrr_movements: value_column mrr must be finite, got Inf
SELECT * FROM mrr_movements('month', 'bad');
UPDATE bad SET mrr = 5, month = 'soon' WHERE account = 'b';
-- error: mrr_movements: time_column month must hold dates, got 'soon'
SELECT * FROM mrr_movements('month', 'bad');
-- error: mrr_movements: time_column month must hold dates, got 'soon'
SELECT * FROM mrr_movements('month', 'bad', 'account', 'month', 'mrr', 'account');

-- The internal feed pass 2 reads the source through (docs/internals.md).
-- error: csm_mrr_feed: internal to mrr_movements, not callable from SQL
SELECT csm_mrr_feed(1, 'a', '2024-01-01', 5);

-- R2: several rows of an entity on one day add up exactly, rounded once,
-- whatever their order (the source's, an index's, a parallel scan's chunks):
-- 0.1 + 0.2 + 0.3 is 0.6 in both orders, 1e16 + 1 + 1 keeps both ones.
CREATE TABLE same_day(account, month, mrr);
INSERT INTO same_day VALUES ('a', '2024-01-05', 0.1), ('a', '2024-01-05', 0.2),
  ('a', '2024-01-05', 0.3), ('b', '2024-01-05', 0.3), ('b', '2024-01-05', 0.2),
  ('b', '2024-01-05', 0.1), ('c', '2024-01-05', 1e16), ('c', '2024-01-05', 1),
  ('c', '2024-01-05', 1), ('a', '2024-01-03', 7);
SELECT 'the naive sums differ', (0.1 + 0.2) + 0.3 <> 0.6 AND (1e16 + 1) + 1 <> 1e16 + 2;
SELECT 'same-day rows: ' || segment,
       ending_mrr = CASE segment WHEN 'c' THEN 1e16 + 2 ELSE 0.6 END
  FROM mrr_movements('month', 'same_day', 'account', 'month', 'mrr', 'account');
