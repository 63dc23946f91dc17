-- health_rag(score [, cutoffs]): the bands and their boundaries, custom
-- cutoffs (constant and per row), NULL, and every error.

SELECT 'seed 92', health_rag(92), 'Green';
SELECT 'seed 74', health_rag(74), 'Yellow';
SELECT 'seed 31', health_rag(31), 'Red';
SELECT 'boundary 75', health_rag(75), 'Green';
SELECT 'below 75', health_rag(74.999), 'Yellow';
SELECT 'boundary 50', health_rag(50), 'Yellow';
SELECT 'below 50', health_rag(49.999), 'Red';
SELECT 'top', health_rag(100), 'Green';
SELECT 'bottom', health_rag(0), 'Red';
SELECT 'text score', health_rag(' 80 '), 'Green';
SELECT 'default cutoffs given', health_rag(60, '[75,50]'), 'Yellow';
SELECT 'null cutoffs', health_rag(60, NULL), 'Yellow';
SELECT 'custom green', health_rag(74, '[70,40]'), 'Green';
SELECT 'custom yellow', health_rag(40, '[70,40]'), 'Yellow';
SELECT 'custom red', health_rag(39.5, '[70,40]'), 'Red';
SELECT 'cutoffs at the ends', health_rag(0, '[100,0]'), 'Yellow';
SELECT 'cutoffs at the ends top', health_rag(100, '[100,0]'), 'Green';
SELECT 'null score', health_rag(NULL) IS NULL;
SELECT 'null score with cutoffs', health_rag(NULL, '[70,40]') IS NULL;
SELECT 'per-row cutoffs',
       (SELECT group_concat(health_rag(60, c), ',')
          FROM (SELECT column1 AS c FROM (VALUES ('[75,50]'), ('[60,10]'), ('[90,61]'), (NULL)))),
       'Yellow,Green,Red,Yellow';
SELECT 'agrees with at-risk line of health_tier',
       health_rag(49.9) = 'Red' AND health_tier(49.9) = 'At-Risk';

-- error: health_rag: score must be between 0 and 100, got 100.5
SELECT health_rag(100.5);
-- error: health_rag: score must be between 0 and 100, got -1
SELECT health_rag(-1);
-- error: health_rag: score must be a number, got 'green'
SELECT health_rag('green');
-- error: health_rag: score must be a number, got a blob
SELECT health_rag(x'01');
-- error: health_rag: score must be a finite number, got Inf
SELECT health_rag(1e999);
-- error: health_rag: cutoffs must hold exactly 2 numbers, got '[85,70,50,30]'
SELECT health_rag(60, '[85,70,50,30]');
-- error: health_rag: cutoffs must hold exactly 2 numbers, got '[]'
SELECT health_rag(60, '[]');
-- error: health_rag: cutoffs must be strictly descending, got '[50,75]'
SELECT health_rag(60, '[50,75]');
-- error: health_rag: cutoffs must be strictly descending, got '[50,50]'
SELECT health_rag(60, '[50,50]');
-- error: health_rag: cutoffs must be between 0 and 100, got '[110,50]'
SELECT health_rag(60, '[110,50]');
-- error: health_rag: cutoffs must be between 0 and 100, got '[50,-1]'
SELECT health_rag(NULL, '[50,-1]');
-- error: health_rag: cutoffs must be a JSON array of two descending numbers (expected a number at character 5), got '[75,'
SELECT health_rag(60, '[75,');
-- error: health_rag: cutoffs must be a JSON array of two descending numbers, got 75
SELECT health_rag(60, 75);
