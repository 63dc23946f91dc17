-- usage_velocity: the scalar and the aggregate (docs/functions/usage_velocity.md).
-- Expected values are worked out by hand in the comments.

-- Scalar: (current - prior) / prior.
SELECT 'scalar_up', usage_velocity(120, 100), 0.2;
SELECT 'scalar_down', usage_velocity(75, 100), -0.25;
SELECT 'scalar_same', usage_velocity(100, 100), 0.0;
SELECT 'scalar_to_zero', usage_velocity(0, 40), -1.0;
SELECT 'scalar_real', usage_velocity(1.5, 0.5), 2.0;
SELECT 'scalar_text_numbers', usage_velocity('120', ' 100'), 0.2;
SELECT 'scalar_huge', usage_velocity(3e300, 1e300), 2.0;
SELECT 'scalar_prior_zero', usage_velocity(5, 0) IS NULL;
SELECT 'scalar_both_zero', usage_velocity(0, 0.0) IS NULL;
SELECT 'scalar_null_current', usage_velocity(NULL, 3) IS NULL;
SELECT 'scalar_null_prior', usage_velocity(3, NULL) IS NULL;
SELECT 'scalar_type', typeof(usage_velocity(2, 1)), 'real';

-- error: usage_velocity: current must not be negative, got -1
SELECT usage_velocity(-1, 3);
-- error: usage_velocity: prior must not be negative, got -0.5
SELECT usage_velocity(1, -0.5);
-- error: usage_velocity: current must be a number, got 'abc'
SELECT usage_velocity('abc', 3);
-- error: usage_velocity: prior must be a number, got a blob
SELECT usage_velocity(3, x'01');
-- error: usage_velocity: current must be a finite number, got Inf
SELECT usage_velocity(1e999, 3);
-- error: usage_velocity: prior must be a finite number, got '1e999'
SELECT usage_velocity(3, '1e999');
-- A bad value is reported even when the other argument is NULL.
-- error: usage_velocity: current must not be negative, got -2
SELECT usage_velocity(-2, NULL);

-- Aggregate. as_of = 2024-03-31, window 30 (2024 is a leap year):
--   current = days 2024-03-02 .. 2024-03-31  (as_of - 30 = 2024-03-01 excluded)
--   prior   = days 2024-02-01 .. 2024-03-01  (as_of - 60 = 2024-01-31 excluded)
CREATE TABLE u(account TEXT, day, amount);
INSERT INTO u VALUES
  ('a', '2024-03-31', 10),   -- as_of itself: current
  ('a', '2024-04-01', 1000), -- after as_of: neither
  ('a', '2024-03-02', 5),    -- as_of - 29: current
  ('a', '2024-03-01', 7),    -- as_of - 30: prior
  ('a', '2024-02-01', 3),    -- as_of - 59: prior
  ('a', '2024-01-31', 500),  -- as_of - 60: neither
  ('a', NULL, 99),           -- NULL day: skipped
  ('a', '2024-03-20', NULL), -- NULL amount: skipped
  ('b', '2024-03-15', 2),    -- b: current 2 + 2, prior 8 -> -0.5
  ('b', '2024-03-16', 2),
  ('b', '2024-02-15', 8),
  ('c', '2024-03-30', 4),    -- c: nothing in the prior window -> NULL
  ('d', '2024-02-20', 6),    -- d: nothing in the current window -> -1
  ('e', '2023-01-01', 6),    -- e: rows outside both windows -> NULL
  ('f', NULL, NULL);         -- f: only NULL rows -> NULL
-- a: current 10 + 5 = 15, prior 7 + 3 = 10 -> 0.5
SELECT 'agg_a', usage_velocity(day, amount, '2024-03-31'), 0.5 FROM u WHERE account = 'a';
SELECT 'agg_a_default_30', usage_velocity(day, amount, '2024-03-31', 30), 0.5
  FROM u WHERE account = 'a';
SELECT 'agg_groups',
       (SELECT group_concat(account || '=' || ifnull(v, 'NULL'), ' ')
          FROM (SELECT account, usage_velocity(day, amount, '2024-03-31') AS v
                  FROM u GROUP BY account ORDER BY account)),
       'a=0.5 b=-0.5 c=NULL d=-1.0 e=NULL f=NULL';
SELECT 'agg_empty', usage_velocity(day, amount, '2024-03-31') IS NULL FROM u WHERE 0;
SELECT 'agg_null_as_of_skips', usage_velocity(day, amount, NULL) IS NULL FROM u;
SELECT 'agg_null_window_skips', usage_velocity(day, amount, '2024-03-31', NULL) IS NULL FROM u;
SELECT 'agg_text_numbers', usage_velocity(day, CAST(amount AS TEXT), '2024-03-31', '30'), 0.5
  FROM u WHERE account = 'a';

-- Time of day is ignored; offsets are converted to UTC first.
CREATE TABLE t(day, amount);
INSERT INTO t VALUES
  ('2024-03-01 23:59:59', 1),        -- day 03-01 = as_of - 30: prior
  ('2024-03-02T00:00', 10),          -- day 03-02: current
  ('2024-03-02T01:00+02:00', 100),   -- 2024-03-01 23:00 UTC: prior
  ('2024-03-01T23:00:00.5-02:00', 1000), -- 2024-03-02 01:00 UTC: current
  ('2024-03-31T23:59:59Z', 10000),   -- as_of, late in the day: current
  ('2024-01-31 23:59:59.999', 100000); -- as_of - 60: neither
-- current 10 + 1000 + 10000 = 11010, prior 1 + 100 = 101
SELECT 'agg_times', usage_velocity(day, amount, '2024-03-31 00:00:01'),
       (11010.0 - 101) / 101 FROM t;
SELECT 'agg_as_of_with_time', usage_velocity(day, amount, '2024-03-31T18:00Z'),
       (11010.0 - 101) / 101 FROM t;
-- An as_of offset that moves it to the previous UTC day (2024-03-30 22:00):
-- current 03-01 .. 03-30 = 1 + 10 + 100 + 1000 (the 03-31 row is after as_of),
-- prior 01-31 .. 02-29 = 100000.
SELECT 'agg_as_of_offset', usage_velocity(day, amount, '2024-03-31T01:00+03:00'),
       (1111.0 - 100000) / 100000 FROM t;

-- Numbers as dates: a Julian day number, Unix seconds, integer and real.
CREATE TABLE n(day, amount);
INSERT INTO n VALUES
  (julianday('2024-03-31'), 1),           -- 2460400.5: current
  (julianday('2024-03-02 12:00'), 2),     -- current
  (CAST(strftime('%s', '2024-03-01 12:00') AS INTEGER), 4),  -- Unix seconds: prior
  (CAST(strftime('%s', '2024-02-01') AS REAL), 8),           -- prior
  (CAST(strftime('%s', '2024-01-31 23:00') AS INTEGER), 16); -- neither
SELECT 'agg_numbers', usage_velocity(day, amount, '2024-03-31'), (3.0 - 12) / 12 FROM n;
SELECT 'agg_as_of_julian', usage_velocity(day, amount, 2460400.5), (3.0 - 12) / 12 FROM n;
SELECT 'agg_as_of_unix', usage_velocity(day, amount, 1711843200), (3.0 - 12) / 12 FROM n;
SELECT 'agg_as_of_julian_text', usage_velocity(day, amount, '2460400.5'), (3.0 - 12) / 12 FROM n;

-- window_days 7, as_of 2024-03-10: current 03-04 .. 03-10, prior 02-26 .. 03-03.
CREATE TABLE w(day, amount);
INSERT INTO w VALUES ('2024-03-10', 4), ('2024-03-04', 4), ('2024-03-03', 2),
                     ('2024-02-26', 2), ('2024-02-25', 100), ('2024-03-11', 100);
SELECT 'agg_window_7', usage_velocity(day, amount, '2024-03-10', 7), 1.0 FROM w;
SELECT 'agg_window_7_real', usage_velocity(day, amount, '2024-03-10', 7.0), 1.0 FROM w;
-- window 1: current 03-10 (4), prior 03-09 (none) -> NULL
SELECT 'agg_window_1', usage_velocity(day, amount, '2024-03-10', 1) IS NULL FROM w;
-- window 1, as_of 03-04: current 03-04 (4), prior 03-03 (2) -> 1
SELECT 'agg_window_1b', usage_velocity(day, amount, '2024-03-04', 1), 1.0 FROM w;
-- A huge window: everything up to as_of is current, nothing is prior.
SELECT 'agg_window_huge', usage_velocity(day, amount, '2024-03-10', 1e15) IS NULL FROM w;
-- Across a year end, not a leap year: as_of 2023-01-05, window 5:
-- current 01-01 .. 01-05, prior 2022-12-27 .. 2022-12-31.
SELECT 'agg_year_end',
       usage_velocity(d, a, '2023-01-05', 5), (3.0 - 5) / 5
  FROM (SELECT '2023-01-01' AS d, 3 AS a UNION ALL SELECT '2022-12-31', 4
        UNION ALL SELECT '2022-12-27', 1 UNION ALL SELECT '2022-12-26', 50);
-- Amount may be real; zero rows are counted as zero.
SELECT 'agg_real_amount',
       usage_velocity(d, a, '2024-03-31'), (0.75 - 0.5) / 0.5
  FROM (SELECT '2024-03-30' AS d, 0.75 AS a UNION ALL SELECT '2024-02-15', 0.5
        UNION ALL SELECT '2024-02-16', 0);
-- as_of may repeat with another time of day or another form of the same day.
SELECT 'agg_as_of_same_day',
       usage_velocity(day, amount,
                      CASE WHEN amount = 4 THEN '2024-03-10T23:00' ELSE 2460379.5 END, 7),
       1.0
  FROM w;

-- A value is checked even on a row that a NULL elsewhere makes skipped ...
-- error: usage_velocity: day must be a date, got 'soon'
SELECT usage_velocity('soon', NULL, '2024-06-30');
-- error: usage_velocity: amount must not be negative, got -1
SELECT usage_velocity(NULL, -1, '2024-06-30');
-- error: usage_velocity: as_of must be a date, got 'now'
SELECT usage_velocity('2024-01-01', NULL, 'now');
-- error: usage_velocity: window_days must be a positive whole number, got 0
SELECT usage_velocity(NULL, 1, '2024-06-30', 0);
-- ... but a skipped row is not compared with the group's as_of and window_days.
SELECT 'agg_skipped_row_not_compared',
       usage_velocity(day, amount, CASE WHEN amount = 100 THEN NULL ELSE '2024-03-10' END,
                      CASE WHEN amount = 100 THEN 3 ELSE 7 END),
       1.0
  FROM w;
SELECT 'agg_null_rows_then_values',
       usage_velocity(d, a, o), 1.0
  FROM (SELECT NULL AS d, 1 AS a, '2024-01-01' AS o
        UNION ALL SELECT '2024-03-10', 2, NULL
        UNION ALL SELECT '2024-03-10', 4, '2024-03-10'
        UNION ALL SELECT '2024-02-09', 2, '2024-03-10');

-- Errors (aggregate).
-- error: usage_velocity: day must be a date, got 'yesterday'
SELECT usage_velocity('yesterday', 1, '2024-06-30');
-- error: usage_velocity: day must be a date, got '2024-02-30'
SELECT usage_velocity('2024-02-30', 1, '2024-06-30');
-- error: usage_velocity: day must be a date, got a blob
SELECT usage_velocity(x'00', 1, '2024-06-30');
-- error: usage_velocity: amount must not be negative, got -3
SELECT usage_velocity(day, CASE WHEN amount = 4 THEN -3 ELSE amount END, '2024-03-10') FROM w;
-- error: usage_velocity: amount must be a number, got 'many'
SELECT usage_velocity('2024-01-01', 'many', '2024-06-30');
-- error: usage_velocity: amount must be a finite number, got -Inf
SELECT usage_velocity('2024-01-01', -1e999, '2024-06-30');
-- error: usage_velocity: as_of must be a date, got '2024-13-01'
SELECT usage_velocity('2024-01-01', 1, '2024-13-01');
-- error: usage_velocity: as_of must be a date, got -1.0e+300
SELECT usage_velocity('2024-01-01', 1, -1e300);
-- error: usage_velocity: window_days must be a positive whole number, got 0
SELECT usage_velocity('2024-01-01', 1, '2024-06-30', 0);
-- error: usage_velocity: window_days must be a positive whole number, got -7
SELECT usage_velocity('2024-01-01', 1, '2024-06-30', -7);
-- error: usage_velocity: window_days must be a positive whole number, got 1.5
SELECT usage_velocity('2024-01-01', 1, '2024-06-30', 1.5);
-- error: usage_velocity: window_days must be a positive whole number, got 'week'
SELECT usage_velocity('2024-01-01', 1, '2024-06-30', 'week');
-- error: usage_velocity: window_days must be a positive whole number, got Inf
SELECT usage_velocity('2024-01-01', 1, '2024-06-30', 1e999);
-- error: usage_velocity: as_of must be the same on every row of a group, got '2024-03-11'
SELECT usage_velocity(day, amount, CASE WHEN amount = 2 THEN '2024-03-11' ELSE '2024-03-10' END)
  FROM w;
-- error: usage_velocity: window_days must be the same on every row of a group, got 8
SELECT usage_velocity(day, amount, '2024-03-10', CASE WHEN amount = 2 THEN 8 ELSE 7 END)
  FROM w;

-- Overflow is an error naming the values (requirement 7), never Inf.
-- error: usage_velocity: the change overflows, got current 1.0e+308 and prior 1.0e-308
SELECT usage_velocity(1e308, 1e-308);
SELECT 'velocity_tiny_current', usage_velocity(1e-300, 1e300), -1.0;
-- error: usage_velocity: the sum of amount overflows, got 1.0e+308
SELECT usage_velocity(d, a, '2024-01-31')
  FROM (SELECT '2024-01-30' AS d, 1e308 AS a UNION ALL SELECT '2024-01-29', 1e308);
-- error: usage_velocity: the change overflows, got current 1.0e+308 and prior 1.0e-300
SELECT usage_velocity(d, a, '2024-01-31')
  FROM (SELECT '2024-01-30' AS d, 1e308 AS a UNION ALL SELECT '2023-12-20', 1e-300);

-- Dates as numbers-as-text take the one number grammar, spaces trimmed:
-- ' 2460310.5' is 2024-01-01, as ' 70' is a score. as_of 2024-01-31: the
-- current window holds 2024-01-10 (2), the prior 2023-12-20 (1).
SELECT 'velocity_numeric_text_dates', usage_velocity(d, a, ' 2460340.5 '), 1.0
  FROM (SELECT ' 2460319.5' AS d, 2 AS a UNION ALL SELECT '2460298.5 ', 1);
-- error: usage_velocity: day must be a date, got '2460310,5'
SELECT usage_velocity('2460310,5', 1, '2024-01-31');
