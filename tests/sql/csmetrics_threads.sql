-- csmetrics_threads and csmetrics_parallel_scans
-- (docs/functions/csmetrics_threads.md, csmetrics_parallel_scans.md). The
-- parallel scan itself needs a database file: tests/parallel_scan.py and
-- tests/reliability/parallel.c; this file runs on an in-memory database.

-- The default is the online cores, 1 to 8 (H1).
SELECT 'default in 1..8', csmetrics_threads() BETWEEN 1 AND 8;

-- Setting returns the value and keeps it (H2); a whole real is accepted.
SELECT 'set 1', csmetrics_threads(1), 1;
SELECT 'kept', csmetrics_threads(), 1;
SELECT 'set 64', csmetrics_threads(64), 64;
SELECT 'set 3.0', csmetrics_threads(3.0), 3;
-- Text is read by the one grammar of numbers as text (spaces trimmed).
SELECT 'set text', csmetrics_threads(' 2 '), 2;
SELECT 'set text 3', csmetrics_threads('3'), 3;
SELECT 'type', typeof(csmetrics_threads()), 'integer';

-- Anything else is refused, naming the value; the setting is unchanged.
-- error: csmetrics_threads: threads must be an integer from 1 to 64, got 0
SELECT csmetrics_threads(0);
-- error: csmetrics_threads: threads must be an integer from 1 to 64, got 65
SELECT csmetrics_threads(65);
-- error: csmetrics_threads: threads must be an integer from 1 to 64, got -2
SELECT csmetrics_threads(-2);
-- error: csmetrics_threads: threads must be an integer from 1 to 64, got 1.5
SELECT csmetrics_threads(1.5);
-- error: csmetrics_threads: threads must be an integer from 1 to 64, got 'two'
SELECT csmetrics_threads('two');
-- error: csmetrics_threads: threads must be an integer from 1 to 64, got '2.5'
SELECT csmetrics_threads('2.5');
-- error: csmetrics_threads: threads must be an integer from 1 to 64, got NULL
SELECT csmetrics_threads(NULL);
-- error: csmetrics_threads: threads must be an integer from 1 to 64, got a blob
SELECT csmetrics_threads(x'02');
-- error: csmetrics_threads: threads must be an integer from 1 to 64, got Inf
SELECT csmetrics_threads(1e999);
SELECT 'unchanged after errors', csmetrics_threads(), 3;

-- An in-memory database is read serially (F5c): the counter stays 0 and
-- the grid is the one of 1 thread.
CREATE TABLE ev(account, date, mrr);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000)
INSERT INTO ev(rowid, account, date, mrr)
  SELECT i * 50, 'a' || (i % 37), date('2024-01-01', '+' || (i % 200) || ' days'), i / 100.0
    FROM c;
SELECT csmetrics_threads(1);
CREATE TABLE serial AS SELECT * FROM cohort_retention('ev', 'month', 'classic', 'account', 'date', 'mrr');
SELECT csmetrics_threads(4);
CREATE TABLE threaded AS SELECT * FROM cohort_retention('ev', 'month', 'classic', 'account', 'date', 'mrr');
SELECT 'same grid', (SELECT count(*) FROM (SELECT * FROM serial EXCEPT SELECT * FROM threaded)), 0;
SELECT 'same size', (SELECT count(*) FROM threaded), (SELECT count(*) FROM serial);
SELECT 'no parallel scan in memory', csmetrics_parallel_scans(), 0;
