-- health_score and health_coverage (docs/functions/health_score.md).
-- Expected values are worked out by hand from the profile table:
-- components u=80 e=60 g=70 s=50 f=90 unless stated otherwise.

-- Every profile: sum(w*s) / 100.
SELECT 'default', health_score(80, 60, 70, 50, 90), 70.0;      -- 2800+1500+1050+750+900
SELECT 'default by name', health_score(80, 60, 70, 50, 90, 'default'), 70.0;
SELECT 'classic', health_score(80, 60, 70, 50, 90, 'classic'), 67.0;          -- 2800+1500+1400+1000+0
SELECT 'self_serve', health_score(80, 60, 70, 50, 90, 'self_serve'), 71.0;    -- 3600+900+1400+750+450
SELECT 'enterprise', health_score(80, 60, 70, 50, 90, 'enterprise'), 69.0;    -- 2400+1800+1050+750+900
SELECT 'usage_based', health_score(80, 60, 70, 50, 90, 'usage_based'), 72.5;  -- 4000+900+1400+500+450
SELECT 'high_touch', health_score(80, 60, 70, 50, 90, 'high_touch'), 65.0;    -- 1600+2400+1050+1000+450
-- A second, lopsided vector so a swapped pair of weights cannot pass.
SELECT 'default 2', health_score(100, 0, 0, 0, 0), 35.0;
SELECT 'default 3', health_score(0, 100, 0, 0, 0), 25.0;
SELECT 'default 4', health_score(0, 0, 100, 0, 0), 15.0;
SELECT 'default 5', health_score(0, 0, 0, 100, 0), 15.0;
SELECT 'default 6', health_score(0, 0, 0, 0, 100), 10.0;
SELECT 'classic growth', health_score(0, 0, 100, 0, 0, 'classic'), 20.0;
SELECT 'classic financial', health_score(0, 0, 0, 0, 100, 'classic'), 0.0;
SELECT 'self_serve usage', health_score(100, 0, 0, 0, 0, 'self_serve'), 45.0;
SELECT 'self_serve support', health_score(0, 0, 0, 100, 0, 'self_serve'), 15.0;
SELECT 'enterprise engagement', health_score(0, 100, 0, 0, 0, 'enterprise'), 30.0;
SELECT 'usage_based growth', health_score(0, 0, 100, 0, 0, 'usage_based'), 20.0;
SELECT 'high_touch engagement', health_score(0, 100, 0, 0, 0, 'high_touch'), 40.0;
SELECT 'high_touch support', health_score(0, 0, 0, 100, 0, 'high_touch'), 20.0;
SELECT 'bounds', health_score(0, 0, 0, 0, 0), 0.0;
SELECT 'bounds 100', health_score(100, 100, 100, 100, 100), 100.0;
SELECT 'real result', typeof(health_score(80, 60, 70, 50, 90)), 'real';

-- Numbers stored as text are numbers.
SELECT 'text numbers', health_score('80', '60', ' 70', '5e1', '90.0'), 70.0;

-- Redistribution: a NULL component's weight goes to the others.
SELECT 'null engagement', health_score(80, NULL, 70, 50, 90), 5500 / 75.0;  -- (2800+1050+750+900)/75
SELECT 'null two', health_score(NULL, 60, NULL, 50, 90), 3150 / 50.0;       -- (1500+750+900)/50
SELECT 'only financial', health_score(NULL, NULL, NULL, NULL, 90), 90.0;
SELECT 'all null', health_score(NULL, NULL, NULL, NULL, NULL) IS NULL;
SELECT 'enterprise null', health_score(80, NULL, 70, 50, 90, 'enterprise'), 5100 / 70.0;
-- Weight 0 components do not count, even when present.
SELECT 'classic only financial', health_score(NULL, NULL, NULL, NULL, 90, 'classic') IS NULL;
SELECT 'classic null engagement', health_score(80, NULL, 70, 50, 90, 'classic'), 5200 / 75.0;

-- The missing policies.
SELECT 'redistribute', health_score(80, NULL, 70, 50, 90, 'default', 'redistribute'), 5500 / 75.0;
SELECT 'zero', health_score(80, NULL, 70, 50, 90, 'default', 'zero'), 55.0;        -- 5500/100
SELECT 'neutral', health_score(80, NULL, 70, 50, 90, 'default', 'neutral'), 67.5;  -- (5500+1250)/100
SELECT 'zero all present', health_score(80, 60, 70, 50, 90, 'default', 'zero'), 70.0;
SELECT 'neutral all present', health_score(80, 60, 70, 50, 90, 'default', 'neutral'), 70.0;
SELECT 'zero one present', health_score(NULL, NULL, NULL, NULL, 90, 'default', 'zero'), 9.0;
SELECT 'neutral one present', health_score(NULL, NULL, NULL, NULL, 90, 'default', 'neutral'), 54.0;  -- (90*50+900)/100
SELECT 'zero all null', health_score(NULL, NULL, NULL, NULL, NULL, 'default', 'zero') IS NULL;
SELECT 'neutral all null', health_score(NULL, NULL, NULL, NULL, NULL, 'default', 'neutral') IS NULL;
-- With zero/neutral the result is NULL only when every component is NULL:
-- classic gives financial weight 0, so only that weightless component is present.
SELECT 'zero classic financial', health_score(NULL, NULL, NULL, NULL, 90, 'classic', 'zero'), 0.0;
SELECT 'neutral classic financial', health_score(NULL, NULL, NULL, NULL, 90, 'classic', 'neutral'), 50.0;
SELECT 'enterprise zero', health_score(80, NULL, 70, 50, 90, 'enterprise', 'zero'), 51.0;  -- 5100/100

-- NULL optional arguments take their defaults.
SELECT 'null weights', health_score(80, 60, 70, 50, 90, NULL), 70.0;
SELECT 'null weights zero', health_score(80, NULL, 70, 50, 90, NULL, 'zero'), 55.0;
SELECT 'null missing', health_score(80, NULL, 70, 50, 90, 'default', NULL), 5500 / 75.0;

-- JSON weights: relative, normalised by their sum.
SELECT 'json', health_score(100, 0, 50, 50, 0,
  '{"usage":40,"engagement":20,"growth":20,"support":15,"financial":5}'), 57.5;  -- 4000+1000+750
SELECT 'json relative', health_score(100, 0, 50, 50, 0,
  '{"usage":4,"engagement":2,"growth":2,"support":1.5,"financial":0.5}'), 57.5;
SELECT 'json missing key', health_score(80, 60, 70, 50, 90, '{"usage":1,"support":3}'), 57.5;  -- (80+150)/4
SELECT 'json key order', health_score(80, 60, 70, 50, 90, '{"support":3,"usage":1}'), 57.5;
SELECT 'json zero weight', health_score(80, 60, 70, 50, 90, '{"usage":1,"engagement":0}'), 80.0;
SELECT 'json spaces', health_score(80, 60, 70, 50, 90, ' { "financial" : 2 , "growth":2 } '), 80.0;
SELECT 'json escaped key', health_score(80, 60, 70, 50, 90, '{"\u0075sage":1}'), 80.0;
SELECT 'json huge weights', health_score(80, 60, 70, 50, 90, '{"usage":1e308,"engagement":1e308}'), 70.0;
SELECT 'json tiny weights', health_score(80, 60, 70, 50, 90, '{"usage":1e-300,"engagement":3e-300}'), 65.0;
SELECT 'json null redistributes', health_score(NULL, 60, 70, 50, 90, '{"usage":1,"engagement":1}'), 60.0;
SELECT 'json nothing weighted', health_score(NULL, 60, 70, 50, 90, '{"usage":1}') IS NULL;
SELECT 'json zero policy', health_score(NULL, 60, 70, 50, 90, '{"usage":1,"engagement":1}', 'zero'), 30.0;
SELECT 'json neutral policy', health_score(NULL, 60, 70, 50, 90, '{"usage":1,"engagement":1}', 'neutral'), 55.0;

-- Default profile computes exactly the plain SQL expression (same rounding).
CREATE TABLE comp AS
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
  SELECT i,
         abs(random() % 10001) / 100.0 AS u, abs(random() % 10001) / 100.0 AS e,
         abs(random() % 10001) / 100.0 AS g, abs(random() % 10001) / 100.0 AS s,
         abs(random() % 10001) / 100.0 AS f
    FROM n;
SELECT 'default = plain SQL', count(*), 2000 FROM comp
 WHERE health_score(u, e, g, s, f) = (35 * u + 25 * e + 15 * g + 15 * s + 10 * f) / 100.0;
SELECT 'high_touch ~ plain SQL', count(*), 2000 FROM comp
 WHERE abs(health_score(u, e, g, s, f, 'high_touch')
           - (20 * u + 40 * e + 15 * g + 20 * s + 5 * f) / 100.0) < 1e-9;
SELECT 'json ~ plain SQL', count(*), 2000 FROM comp
 WHERE abs(health_score(u, e, g, s, f, '{"usage":40,"engagement":20,"growth":20,"support":15,"financial":5}')
           - (40 * u + 20 * e + 20 * g + 15 * s + 5 * f) / 100.0) < 1e-9;
SELECT 'redistribute ~ plain SQL', count(*), 2000 FROM comp
 WHERE abs(health_score(u, NULL, g, NULL, f) - (35 * u + 15 * g + 10 * f) / 60.0) < 1e-9;

-- Weights and policy that vary per row (not constant: parsed on every row).
CREATE TABLE w(id INTEGER PRIMARY KEY, weights, missing);
INSERT INTO w VALUES (1, 'default', 'redistribute'), (2, 'classic', 'zero'),
                     (3, '{"usage":1,"support":3}', 'neutral'), (4, NULL, NULL),
                     (5, 'high_touch', 'zero'), (6, '{"engagement":1}', 'redistribute');
SELECT 'per-row weights',
       group_concat(id || '=' || coalesce(health_score(80, NULL, 70, 50, 90, weights, missing), 'NULL'), ' '),
       '1=73.3333333333333 2=52.0 3=57.5 4=73.3333333333333 5=41.0 6=NULL'
  FROM (SELECT * FROM w ORDER BY id);
-- 1, 4: 5500/75; 2: (2800+1400+1000)/100; 3: (80+150)/4; 5: (1600+1050+1000+450)/100

-- health_coverage: share of the total weight whose component is present.
SELECT 'coverage full', health_coverage(80, 60, 70, 50, 90), 1.0;
SELECT 'coverage null engagement', health_coverage(80, NULL, 70, 50, 90), 0.75;
SELECT 'coverage null financial', health_coverage(80, 60, 70, 50, NULL), 0.9;
SELECT 'coverage only usage', health_coverage(80, NULL, NULL, NULL, NULL), 0.35;
SELECT 'coverage none', health_coverage(NULL, NULL, NULL, NULL, NULL), 0.0;
SELECT 'coverage classic financial', health_coverage(80, 60, 70, 50, NULL, 'classic'), 1.0;
SELECT 'coverage classic only financial', health_coverage(NULL, NULL, NULL, NULL, 90, 'classic'), 0.0;
SELECT 'coverage high_touch', health_coverage(NULL, 60, NULL, NULL, NULL, 'high_touch'), 0.4;
SELECT 'coverage json', health_coverage(NULL, 60, 70, 50, 90, '{"usage":3,"support":1}'), 0.25;
SELECT 'coverage null weights', health_coverage(80, NULL, 70, 50, 90, NULL), 0.75;
SELECT 'coverage text', health_coverage('80', NULL, '70', '50', '90'), 0.75;

-- Errors: components (each name, both ends, text, blob).
-- error: health_score: usage must be between 0 and 100, got 130
SELECT health_score(130, 50, 50, 50, 50);
-- error: health_score: engagement must be between 0 and 100, got -1
SELECT health_score(50, -1, 50, 50, 50);
-- error: health_score: growth must be between 0 and 100, got 100.001
SELECT health_score(50, 50, 100.001, 50, 50);
-- error: health_score: support must be between 0 and 100, got -0.001
SELECT health_score(50, 50, 50, -0.001, 50);
-- error: health_score: financial must be between 0 and 100, got '101'
SELECT health_score(50, 50, 50, 50, '101');
-- error: health_score: usage must be between 0 and 100, got Inf
SELECT health_score(1e999, 50, 50, 50, 50);
-- error: health_score: engagement must be a number, got 'high'
SELECT health_score(50, 'high', 50, 50, 50);
-- error: health_score: support must be a number, got a blob
SELECT health_score(50, 50, 50, x'01', 50);
-- error: health_score: usage must be a number, got ''
SELECT health_score('', 50, 50, 50, 50);
-- error: health_coverage: growth must be between 0 and 100, got 101
SELECT health_coverage(50, 50, 101, 50, 50);
-- error: health_coverage: financial must be a number, got 'n/a'
SELECT health_coverage(50, 50, 50, 50, 'n/a');

-- Errors: weights.
-- error: health_score: weights must be a profile name (default, classic, self_serve, enterprise, usage_based, high_touch) or a JSON object, got 'premium'
SELECT health_score(50, 50, 50, 50, 50, 'premium');
-- error: health_score: weights must be a profile name (default, classic, self_serve, enterprise, usage_based, high_touch) or a JSON object, got 5
SELECT health_score(50, 50, 50, 50, 50, 5);
-- error: health_score: weights must be a profile name (default, classic, self_serve, enterprise, usage_based, high_touch) or a JSON object, got '[35,25,15,15,10]'
SELECT health_score(50, 50, 50, 50, 50, '[35,25,15,15,10]');
-- error: health_coverage: weights must be a profile name (default, classic, self_serve, enterprise, usage_based, high_touch) or a JSON object, got ''
SELECT health_coverage(50, 50, 50, 50, 50, '');
-- error: health_score: weights key must be usage, engagement, growth, support or financial, got 'adoption'
SELECT health_score(50, 50, 50, 50, 50, '{"usage":1,"adoption":2}');
-- error: health_score: weights key must be usage, engagement, growth, support or financial, got 'Usage'
SELECT health_score(50, 50, 50, 50, 50, '{"Usage":1}');
-- error: health_score: weights key 'usage' appears more than once
SELECT health_score(50, 50, 50, 50, 50, '{"usage":1,"growth":1,"usage":2}');
-- error: health_score: weight of support must be a finite number >= 0, got -5
SELECT health_score(50, 50, 50, 50, 50, '{"usage":40,"support":-5}');
-- error: health_score: weight of usage must be a finite number >= 0, got Inf
SELECT health_score(50, 50, 50, 50, 50, '{"usage":1e999}');
-- error: health_score: weights must not all be zero, got '{"usage":0,"growth":0}'
SELECT health_score(50, 50, 50, 50, 50, '{"usage":0,"growth":0}');
-- error: health_score: weights must not all be zero, got '{}'
SELECT health_score(50, 50, 50, 50, 50, '{}');
-- error: health_score: weights must be a JSON object of numbers (expected a number at character 10), got '{"usage":"40"}'
SELECT health_score(50, 50, 50, 50, 50, '{"usage":"40"}');
-- error: health_score: weights must be a JSON object of numbers (expected a number at character 10), got '{"usage":null}'
SELECT health_score(50, 50, 50, 50, 50, '{"usage":null}');
-- error: health_score: weights must be a JSON object of numbers (expected '"' at character 13), got '{"usage":40,}'
SELECT health_score(50, 50, 50, 50, 50, '{"usage":40,}');
-- error: health_score: weights must be a JSON object of numbers (expected '"' at character 2), got '{usage:40}'
SELECT health_score(50, 50, 50, 50, 50, '{usage:40}');
-- error: health_score: weights must be a JSON object of numbers (unexpected text after the value at character 13), got '{"usage":40}}'
SELECT health_score(50, 50, 50, 50, 50, '{"usage":40}}');
-- error: health_coverage: weights key 'growth' appears more than once
SELECT health_coverage(50, 50, 50, 50, 50, '{"growth":1,"growth":1}');
-- error: health_coverage: weights must not all be zero, got '{"financial":0}'
SELECT health_coverage(50, 50, 50, 50, 50, '{"financial":0}');

-- Errors: missing policy.
-- error: health_score: missing must be 'redistribute', 'zero' or 'neutral', got 'ignore'
SELECT health_score(50, 50, 50, 50, 50, 'default', 'ignore');
-- error: health_score: missing must be 'redistribute', 'zero' or 'neutral', got 0
SELECT health_score(50, 50, 50, 50, 50, 'default', 0);
-- Errors are raised even when the result would be NULL.
-- error: health_score: missing must be 'redistribute', 'zero' or 'neutral', got 'none'
SELECT health_score(NULL, NULL, NULL, NULL, NULL, 'default', 'none');
-- error: health_score: weights key must be usage, engagement, growth, support or financial, got 'x'
SELECT health_score(NULL, NULL, NULL, NULL, NULL, '{"x":1}');
-- A bad value in a later row of a weights column.
-- error: health_score: weights must be a profile name (default, classic, self_serve, enterprise, usage_based, high_touch) or a JSON object, got 'nope'
SELECT health_score(50, 50, 50, 50, 50, x) FROM (SELECT 'default' AS x UNION ALL SELECT 'nope');

-- Profile names and policy words are matched in any case, like the tables'
-- choice words: (35*80 + 25*60 + 15*70 + 15*50 + 10*90) / 100 = 70;
-- high_touch (20*80 + 40*60 + 15*70 + 20*50 + 5*90) / 100 = 65; zero with
-- engagement NULL (35*80 + 0 + 15*70 + 15*50 + 10*90) / 100 = 55.
SELECT 'profile_any_case', health_score(80, 60, 70, 50, 90, 'Default'), 70.0;
SELECT 'profile_upper', health_score(80, 60, 70, 50, 90, 'HIGH_TOUCH'), 65.0;
SELECT 'policy_any_case', health_score(80, NULL, 70, 50, 90, NULL, 'Zero'), 55.0;
SELECT 'policy_upper', health_score(80, NULL, 70, 50, 90, 'default', 'NEUTRAL'),
       (35 * 80 + 25 * 50 + 15 * 70 + 15 * 50 + 10 * 90) / 100.0;
SELECT 'coverage_any_case', health_coverage(80, NULL, 70, 50, 90, 'Classic'), 0.75;
-- error: health_score: weights must be a profile name (default, classic, self_serve, enterprise, usage_based, high_touch) or a JSON object, got 'Default '
SELECT health_score(50, 50, 50, 50, 50, 'Default ');
