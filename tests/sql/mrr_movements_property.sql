-- mrr_movements property test: on deterministic pseudo-random snapshots
-- (off-day rows, several rows on one day, NULL and zero values, NULL
-- entities and times, months without rows, ISO text with times and zones,
-- Julian day numbers, cents), the table equals a pure-SQL formulation of
-- the same definition, row by row and in order, for every granularity,
-- default and explicit as_of, with and without segment_column, read from
-- a table stored in time order (one pass) and from one stored shuffled
-- (read again ORDER BY time): 36 runs.
--
-- The pure SQL: a row's month is strftime('%Y', '%m') of its time (zones
-- converted, numbers as Julian days); an entity's value in a month is the
-- sum on its latest day there; a period's closing month is the latest
-- month with rows up to its end; prev and cur are the values at the
-- closing months of the period before and of this one; new when the
-- entity's first positive month is not before the period, else
-- reactivation; the segment is the latest row's, the smallest (NULL
-- first) on ties.

-- Two linear congruential generators (products stay below 2^63).
CREATE TABLE rnd(id INTEGER PRIMARY KEY, account, month, mrr, seg);
WITH RECURSIVE r(i, x, y) AS (
  SELECT 0, 20240301, 99
  UNION ALL
  SELECT i + 1, (1103515245 * x + 12345) % 2147483648, (69069 * y + 1) % 4294967296
    FROM r WHERE i < 2400),
t AS (
  SELECT i, x, y,
         (x / 65536) % 45 AS ent,
         (y / 65536) % 30 AS mo,                   -- month from 2022-01 (2022-07 left empty)
         (x / 1024) % 10 AS kind,
         (y / 4096) % 28 AS dd
    FROM r),
u AS (
  SELECT *, date('2022-01-01', '+' || mo || ' months',
                 '+' || CASE WHEN kind < 7 THEN 0 ELSE dd END || ' days') AS d
    FROM t WHERE mo <> 6)
INSERT INTO rnd(account, month, mrr, seg)
SELECT CASE WHEN y % 113 = 0 THEN NULL ELSE 'acct' || ent END,
       CASE WHEN x % 89 = 0 THEN NULL
            WHEN kind = 7 THEN d || ' 23:30:00'
            WHEN kind = 8 THEN d || 'T02:00:00+05:00'       -- may be the day before in UTC
            WHEN kind = 9 THEN julianday(d)
            ELSE d END,
       CASE WHEN y % 17 = 0 THEN NULL WHEN y % 11 = 0 THEN 0
            ELSE ((y / 256) % 50000) / 100.0 END,
       CASE (x / 16) % 4 WHEN 0 THEN NULL WHEN 1 THEN 'ent' WHEN 2 THEN 'mid' ELSE 'smb' END
  FROM u;
CREATE TABLE rnd_sorted(id INTEGER PRIMARY KEY, account, month, mrr, seg);
INSERT INTO rnd_sorted(account, month, mrr, seg)
  SELECT account, month, mrr, seg FROM rnd ORDER BY julianday(month), id;

SELECT 'data has every shape',
  (SELECT count(*) FILTER (WHERE typeof(month) = 'real') > 50
      AND count(*) FILTER (WHERE month LIKE '%+05:00') > 50
      AND count(*) FILTER (WHERE month IS NULL) > 5
      AND count(*) FILTER (WHERE account IS NULL) > 5
      AND count(*) FILTER (WHERE mrr IS NULL) > 50
      AND count(*) FILTER (WHERE mrr = 0) > 50
      AND count(*) FILTER (WHERE seg IS NULL) > 100
   FROM rnd);
SELECT 'same-day repeats exist',
  (SELECT count(*) FROM (SELECT account, date(month) FROM rnd WHERE account IS NOT NULL
     AND month IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1)) > 100;
SELECT 'rnd is not in time order',
  (SELECT count(*) FROM rnd a JOIN rnd b ON b.id = a.id + 1
    WHERE julianday(b.month) < julianday(a.month)) > 100;

-- The runs.
CREATE TEMP TABLE runs(run INTEGER PRIMARY KEY, g, asof, useseg, src);
INSERT INTO runs(g, asof, useseg, src)
  SELECT g.column1, a.column1, s.column1, t.column1
    FROM (VALUES ('month'), ('quarter'), ('year')) g,
         (VALUES (NULL), ('2023-08-15'), ('2024-09-30')) a,
         (VALUES (0), (1)) s,
         (VALUES ('rnd'), ('rnd_sorted')) t;

-- The rows each run reads.
CREATE TEMP TABLE rb AS
  SELECT r.run, x.account AS e, date(x.month) AS d, coalesce(x.mrr, 0) AS v, x.seg AS s,
         CAST(strftime('%Y', x.month) AS INT) * 12 + CAST(strftime('%m', x.month) AS INT) - 1 AS m
    FROM runs r, rnd x
   WHERE x.account IS NOT NULL AND x.month IS NOT NULL
     AND (r.asof IS NULL OR date(x.month) <= r.asof);
CREATE INDEX rb_e ON rb(run, e, d);
CREATE TEMP TABLE ra AS
  SELECT r.run, r.g, r.useseg, coalesce(r.asof, (SELECT max(d) FROM rb WHERE rb.run = r.run)) AS asof,
         (SELECT min(m) FROM rb WHERE rb.run = r.run) AS m0
    FROM runs r;
-- An entity's value in a month: the sum on its latest day there.
CREATE TEMP TABLE mv AS
  SELECT run, e, m, sum(v) AS val FROM rb
   WHERE (run, e, m, d) IN (SELECT run, e, m, max(d) FROM rb GROUP BY run, e, m)
   GROUP BY run, e, m;
CREATE INDEX mv_e ON mv(run, e, m);
-- Periods of each run, first to the one holding as_of, with their closing month.
CREATE TEMP TABLE rp AS
  WITH RECURSIVE pl AS (
    SELECT run, g,
           CASE g WHEN 'month' THEN m0 WHEN 'quarter' THEN m0 / 3 ELSE m0 / 12 END AS p0,
           CASE g WHEN 'month' THEN ma WHEN 'quarter' THEN ma / 3 ELSE ma / 12 END AS pend
      FROM (SELECT *, CAST(strftime('%Y', asof) AS INT) * 12 + CAST(strftime('%m', asof) AS INT) - 1
                      AS ma FROM ra)),
  per(run, g, p, p0, pend) AS (
    SELECT run, g, p0, p0, pend FROM pl
    UNION ALL
    SELECT run, g, p + 1, p0, pend FROM per WHERE p < pend)
  SELECT run, g, p, p = p0 AS base,
         CASE g WHEN 'month' THEN p WHEN 'quarter' THEN 3 * p ELSE 12 * p END AS sm,
         (SELECT max(m) FROM rb WHERE rb.run = per.run
             AND m <= CASE per.g WHEN 'month' THEN per.p WHEN 'quarter' THEN 3 * per.p + 2
                                 ELSE 12 * per.p + 11 END) AS cm,
         CASE g WHEN 'month' THEN printf('%04d-%02d-01', p / 12, p % 12 + 1)
                WHEN 'quarter' THEN printf('%04d-%02d-01', p / 4, (p % 4) * 3 + 1)
                ELSE printf('%04d-01-01', p) END AS ps,
         (SELECT asof FROM ra WHERE ra.run = per.run) < date(
           CASE g WHEN 'month' THEN printf('%04d-%02d-01', p / 12, p % 12 + 1)
                  WHEN 'quarter' THEN printf('%04d-%02d-01', p / 4, (p % 4) * 3 + 1)
                  ELSE printf('%04d-01-01', p) END,
           CASE g WHEN 'month' THEN '+1 months' WHEN 'quarter' THEN '+3 months' ELSE '+1 years' END,
           '-1 days') AS partial
    FROM per;
-- Each entity's segment: its latest row's, the smallest on ties, NULL first.
CREATE TEMP TABLE es AS
  SELECT x.run, x.e,
         CASE WHEN (SELECT useseg FROM ra WHERE ra.run = x.run) THEN
           (SELECT CASE WHEN count(*) FILTER (WHERE s IS NULL) > 0 THEN NULL ELSE min(s) END
              FROM rb y WHERE y.run = x.run AND y.e = x.e
               AND y.d = (SELECT max(d) FROM rb z WHERE z.run = x.run AND z.e = x.e)) END AS seg,
         (SELECT min(m) FROM mv WHERE mv.run = x.run AND mv.e = x.e AND mv.val > 0) AS fp
    FROM (SELECT DISTINCT run, e FROM rb) x;
-- Each entity's MRR in each period.
CREATE TEMP TABLE ev AS
  SELECT rp.run, rp.p, es.e,
         coalesce((SELECT val FROM mv WHERE mv.run = rp.run AND mv.e = es.e AND mv.m = rp.cm), 0) AS cur
    FROM rp JOIN es ON es.run = rp.run;
CREATE INDEX ev_e ON ev(run, e, p);
CREATE TEMP TABLE mm AS
  SELECT c.run, rp.p, rp.ps, rp.base, rp.partial, es.seg, coalesce(pv.cur, 0) AS prev, c.cur,
         es.fp < rp.sm AS before
    FROM ev c JOIN rp ON rp.run = c.run AND rp.p = c.p
    JOIN es ON es.run = c.run AND es.e = c.e
    LEFT JOIN ev pv ON pv.run = c.run AND pv.e = c.e AND pv.p = c.p - 1
   WHERE coalesce(pv.cur, 0) > 0 OR c.cur > 0;
CREATE TEMP TABLE expected AS
  SELECT run, p, seg, ps || '|' || coalesce(seg, '-') || '|' || CASE WHEN base THEN '-' ELSE
           printf('%.4f|%.4f|%.4f|%.4f|%.4f|%.4f|%d|%d|%d|%d|%d|%d',
             sum(prev),
             sum(CASE WHEN prev = 0 AND NOT coalesce(before, 0) THEN cur ELSE 0 END),
             sum(CASE WHEN prev = 0 AND before THEN cur ELSE 0 END),
             sum(CASE WHEN prev > 0 AND cur > prev THEN cur - prev ELSE 0 END),
             sum(CASE WHEN prev > 0 AND cur > 0 AND cur < prev THEN prev - cur ELSE 0 END),
             sum(CASE WHEN prev > 0 AND cur = 0 THEN prev ELSE 0 END),
             sum(prev > 0),
             sum(prev = 0 AND NOT coalesce(before, 0)),
             sum(prev = 0 AND before),
             sum(prev > 0 AND cur > prev),
             sum(prev > 0 AND cur > 0 AND cur < prev),
             sum(prev > 0 AND cur = 0)) END
         || printf('|%.4f|%d|%d', sum(cur), sum(cur > 0), partial) AS line
    FROM mm GROUP BY run, p, seg;

CREATE TEMP TABLE actual AS
  SELECT r.run, t.rowid AS i, t.period || '|' || coalesce(t.segment, '-') || '|' || CASE WHEN
           t.starting_mrr IS NULL THEN '-' ELSE
           printf('%.4f|%.4f|%.4f|%.4f|%.4f|%.4f|%d|%d|%d|%d|%d|%d', t.starting_mrr, t.new_mrr,
             t.reactivation_mrr, t.expansion_mrr, t.contraction_mrr, t.churned_mrr,
             t.starting_accounts, t.new_accounts, t.reactivated_accounts, t.expanded_accounts,
             t.contracted_accounts, t.churned_accounts) END
         || printf('|%.4f|%d|%d', t.ending_mrr, t.ending_accounts, t.partial) AS line,
         t.starting_mrr + t.new_mrr + t.reactivation_mrr + t.expansion_mrr - t.contraction_mrr
           - t.churned_mrr - t.ending_mrr AS gap
    FROM runs r, mrr_movements(r.g, r.src, 'account', 'month', 'mrr',
                               CASE WHEN r.useseg THEN 'seg' END, r.asof) t;

SELECT 'enough rows to mean something', (SELECT count(*) FROM actual) > 1000;
SELECT 'every kind of movement occurs',
  (SELECT count(*) FROM actual WHERE line NOT LIKE '%|-|%' AND line NOT LIKE '%|0.0000|0.0000|0.0000|0.0000|0.0000|%') > 100;
SELECT 'run ' || r.run || ' (' || r.g || ', as_of ' || coalesce(r.asof, 'default') || ', segments '
       || r.useseg || ', ' || r.src || ')',
  (SELECT group_concat(line, ' ') FROM (SELECT line FROM actual a WHERE a.run = r.run ORDER BY i)),
  (SELECT group_concat(line, ' ') FROM (SELECT line FROM expected x WHERE x.run = r.run
                                          ORDER BY p, seg))
  FROM runs r;
SELECT 'bridge identity to the cent on every row',
  (SELECT count(*) FROM actual WHERE abs(gap) > 0.005), 0;
