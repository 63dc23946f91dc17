-- health_sparkline (sql/model.sql): each account's last 12 health_history
-- snapshots, oldest first, as a sparkline. Expected strings by hand: level
-- round(7 * (v - min) / (max - min)) into ▁▂▃▄▅▆▇█.

-- include: sql/schema.sql
-- include: sql/model.sql

-- a: 14 monthly snapshots 10, 20, ..., capped at 100, of which only the
-- last 12 are drawn. b: three snapshots, one NULL score. c: one snapshot.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 14)
INSERT INTO health_history(account, score_date, health_score)
  SELECT 'a', date('2024-01-31', '+' || (i - 1) || ' months'), min(100, 10 * i) FROM n;
INSERT INTO health_history(account, score_date, health_score) VALUES
  ('b', '2024-03-31', 40), ('b', '2024-01-31', 80), ('b', '2024-02-29', NULL),
  ('c', '2024-05-31', 55);

-- a, capped at 100 from i = 10: 30, 40, ..., 90, 100, 100, 100, 100, 100
-- over min 30, max 100: 0, 1, 2, 3, 4, 5, 6, 7, 7, 7, 7, 7.
SELECT 'a', trend, '▁▂▃▄▅▆▇█████' FROM health_sparkline WHERE account = 'a';
SELECT 'a snapshots', snapshots, 12 FROM health_sparkline WHERE account = 'a';
-- b in date order: 80, NULL, 40.
SELECT 'b', trend, '█ ▁' FROM health_sparkline WHERE account = 'b';
SELECT 'c', trend, '▄' FROM health_sparkline WHERE account = 'c';
SELECT 'no history, no row', count(*), 0 FROM health_sparkline WHERE account = 'd';
