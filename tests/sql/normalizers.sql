-- score_linear, score_inverse, score_steps, score_trend and bar (docs/functions).
-- Expected values worked out by hand from the formulas of their pages in docs/functions.

-- score_linear: clamp(100 * actual / target, 0, 100).
SELECT 'linear spec', score_linear(0.32, 0.40), 80.0;
SELECT 'linear half', score_linear(5, 10), 50.0;
SELECT 'linear zero', score_linear(0, 10), 0.0;
SELECT 'linear at target', score_linear(10, 10), 100.0;
SELECT 'linear above target', score_linear(0.5, 0.4), 100.0;
SELECT 'linear negative', score_linear(-3, 10), 0.0;
SELECT 'linear text', score_linear('3', '12'), 25.0;
SELECT 'linear huge', score_linear(1e308, 1e-308), 100.0;
SELECT 'linear huge negative', score_linear(-1e308, 1e-308), 0.0;
SELECT 'linear tiny target', score_linear(1e-300, 1e-298), 1.0;
SELECT 'linear real', typeof(score_linear(1, 2)), 'real';
SELECT 'linear null actual', score_linear(NULL, 10) IS NULL;
SELECT 'linear null target', score_linear(10, NULL) IS NULL;
-- error: score_linear: target must be greater than 0, got 0
SELECT score_linear(1, 0);
-- error: score_linear: target must be greater than 0, got -0.4
SELECT score_linear(0.32, -0.4);
-- error: score_linear: actual must be a number, got 'n/a'
SELECT score_linear('n/a', 1);
-- error: score_linear: target must be a number, got a blob
SELECT score_linear(1, x'00');
-- error: score_linear: actual must be a finite number, got Inf
SELECT score_linear(1e999, 1);
-- error: score_linear: target must be a finite number, got Inf
SELECT score_linear(1, 1e999);
-- error: score_linear: target must be greater than 0, got 0
SELECT score_linear(NULL, 0);

-- score_inverse: clamp(100 * (worst - actual) / (worst - best), 0, 100).
SELECT 'inverse', score_inverse(3, 10), 70.0;
SELECT 'inverse at best', score_inverse(0, 10), 100.0;
SELECT 'inverse below best', score_inverse(-2, 10), 100.0;
SELECT 'inverse at worst', score_inverse(10, 10), 0.0;
SELECT 'inverse above worst', score_inverse(12, 10), 0.0;
SELECT 'inverse days since login', score_inverse(30, 60), 50.0;
SELECT 'inverse with best', score_inverse(5, 10, 2), 62.5;     -- 100*5/8
SELECT 'inverse at given best', score_inverse(2, 10, 2), 100.0;
SELECT 'inverse below given best', score_inverse(1, 10, 2), 100.0;
SELECT 'inverse negative best', score_inverse(0, 10, -10), 50.0;
SELECT 'inverse null best', score_inverse(3, 10, NULL), 70.0;
SELECT 'inverse text', score_inverse('3', '10', '0'), 70.0;
SELECT 'inverse huge range', score_inverse(0, 1e308, -1e308), 50.0;
SELECT 'inverse huge actual', score_inverse(-1e308, 1e308), 100.0;
SELECT 'inverse null actual', score_inverse(NULL, 10) IS NULL;
SELECT 'inverse null worst', score_inverse(3, NULL) IS NULL;
-- error: score_inverse: best must be below worst, got best 5 and worst 5
SELECT score_inverse(1, 5, 5);
-- error: score_inverse: best must be below worst, got best 10 and worst 5
SELECT score_inverse(1, 5, 10);
-- error: score_inverse: best must be below worst, got best 0 and worst -5
SELECT score_inverse(1, -5);
-- error: score_inverse: best must be below worst, got best 0 and worst 0
SELECT score_inverse(1, 0, NULL);
-- error: score_inverse: worst must be a number, got 'ten'
SELECT score_inverse(1, 'ten');
-- error: score_inverse: best must be a number, got 'zero'
SELECT score_inverse(1, 10, 'zero');
-- error: score_inverse: actual must be a finite number, got -Inf
SELECT score_inverse(-1e999, 10);

-- score_steps: the score of the first pair with value >= threshold, else 0.
SELECT 'steps spec', score_steps(0.32, '[[0.5,100],[0.4,80],[0.3,60],[0.2,40],[0.1,20]]'), 60.0;
CREATE TABLE step(v, score);
INSERT INTO step VALUES (10, 100), (0.5, 100), (0.4999, 80), (0.4, 80), (0.3999, 60), (0.3, 60),
                        (0.2999, 40), (0.2, 40), (0.1999, 20), (0.1, 20), (0.0999, 0), (0, 0), (-5, 0);
SELECT 'steps ' || v, score_steps(v, '[[0.5,100],[0.4,80],[0.3,60],[0.2,40],[0.1,20]]'), score FROM step;
SELECT 'steps one pair hit', score_steps(3, '[[3,75]]'), 75.0;
SELECT 'steps one pair miss', score_steps(2.9, '[[3,75]]'), 0.0;
SELECT 'steps negative thresholds', score_steps(-1.5, '[[0,100],[-1,50],[-2,10]]'), 10.0;
SELECT 'steps scores need not fall', score_steps(5, '[[10,40],[5,90]]'), 90.0;
SELECT 'steps text value', score_steps('0.45', '[[0.5,100],[0.4,80]]'), 80.0;
SELECT 'steps spaces', score_steps(1, ' [ [ 2 , 100 ] , [ 1 , 50 ] ] '), 50.0;
SELECT 'steps null value', score_steps(NULL, '[[1,2]]') IS NULL;
SELECT 'steps null steps', score_steps(1, NULL) IS NULL;
-- Steps that vary per row.
CREATE TABLE metric(name, v, steps);
INSERT INTO metric VALUES ('adoption', 0.6, '[[0.8,100],[0.5,70],[0.2,30]]'),
                          ('seats', 0.6, '[[0.9,100],[0.7,50]]'),
                          ('logins', 12, '[[20,100],[10,60],[1,20]]');
SELECT 'per-row steps', group_concat(name || '=' || score_steps(v, steps), ' '),
       'adoption=70.0 seats=0.0 logins=60.0'
  FROM (SELECT * FROM metric ORDER BY rowid);
-- error: score_steps: steps must hold at least one [threshold, score] pair, got '[]'
SELECT score_steps(1, '[]');
-- error: score_steps: steps thresholds must be strictly descending, got '[[0.1,20],[0.5,100]]'
SELECT score_steps(1, '[[0.1,20],[0.5,100]]');
-- error: score_steps: steps thresholds must be strictly descending, got '[[0.5,100],[0.5,80]]'
SELECT score_steps(1, '[[0.5,100],[0.5,80]]');
-- error: score_steps: steps scores must be between 0 and 100, got '[[0.5,120],[0.4,80]]'
SELECT score_steps(1, '[[0.5,120],[0.4,80]]');
-- error: score_steps: steps scores must be between 0 and 100, got '[[0.5,100],[0.4,-1]]'
SELECT score_steps(1, '[[0.5,100],[0.4,-1]]');
-- error: score_steps: steps thresholds must be finite, got '[[1e999,100]]'
SELECT score_steps(1, '[[1e999,100]]');
-- error: score_steps: steps must be a JSON array of [threshold, score] pairs (expected ',' at character 16), got '[[0.5,100],[0.4]]'
SELECT score_steps(1, '[[0.5,100],[0.4]]');
-- error: score_steps: steps must be a JSON array of [threshold, score] pairs (expected '[' at character 2), got '[0.5,100]'
SELECT score_steps(1, '[0.5,100]');
-- error: score_steps: steps must be a JSON array of [threshold, score] pairs (expected '[' at character 1), got '{"0.5":100}'
SELECT score_steps(1, '{"0.5":100}');
-- error: score_steps: steps must be a JSON array of [threshold, score] pairs, got 60
SELECT score_steps(1, 60);
-- error: score_steps: value must be a number, got 'high'
SELECT score_steps('high', '[[1,2]]');
-- error: score_steps: steps must hold at least one [threshold, score] pair, got '[]'
SELECT score_steps(NULL, '[]');

-- score_trend: clamp(base * (1 + sensitivity * (current - prior) / prior), 0, 100).
SELECT 'trend spec', score_trend(70, 115, 100), 72.1;            -- 70 * 1.03
SELECT 'trend down', score_trend(70, 85, 100), 67.9;             -- 70 * 0.97
SELECT 'trend flat', score_trend(70, 100, 100), 70.0;
SELECT 'trend sensitivity 1', score_trend(70, 115, 100, 1), 80.5;
SELECT 'trend sensitivity 0', score_trend(70, 200, 100, 0), 70.0;
SELECT 'trend negative sensitivity', score_trend(70, 115, 100, -0.2), 67.9;
SELECT 'trend null sensitivity', score_trend(70, 115, 100, NULL), 72.1;
SELECT 'trend clamp high', score_trend(90, 200, 100), 100.0;     -- 90 * 1.2
SELECT 'trend clamp low', score_trend(50, 0, 100, 10), 0.0;      -- 50 * (1 - 10)
SELECT 'trend from zero usage', score_trend(40, 0, 100), 32.0;   -- 40 * 0.8
SELECT 'trend prior 0', score_trend(70, 115, 0), 70.0;
SELECT 'trend prior null', score_trend(70, 115, NULL), 70.0;
SELECT 'trend current null', score_trend(70, NULL, 100), 70.0;
SELECT 'trend base 0', score_trend(0, 1e308, 1e-308), 0.0;
SELECT 'trend huge growth', score_trend(1, 1e308, 1e-308), 100.0;
SELECT 'trend base 100', score_trend(100, 110, 100), 100.0;
SELECT 'trend text', score_trend('70', '115', '100', '0.2'), 72.1;
SELECT 'trend null base', score_trend(NULL, 115, 100) IS NULL;
-- error: score_trend: base must be between 0 and 100, got 101
SELECT score_trend(101, 115, 100);
-- error: score_trend: base must be between 0 and 100, got -1
SELECT score_trend(-1, 115, 100);
-- error: score_trend: current must be >= 0, got -5
SELECT score_trend(70, -5, 100);
-- error: score_trend: prior must be >= 0, got -100
SELECT score_trend(70, 115, -100);
-- error: score_trend: sensitivity must be a number, got 'high'
SELECT score_trend(70, 115, 100, 'high');
-- error: score_trend: sensitivity must be a finite number, got Inf
SELECT score_trend(70, 115, 100, 1e999);
-- error: score_trend: prior must be a number, got 'last month'
SELECT score_trend(70, 115, 'last month');
-- error: score_trend: sensitivity must be a number, got 'x'
SELECT score_trend(NULL, 115, 100, 'x');

-- bar: round(width * value / max) full blocks, light shade up to width.
SELECT 'bar spec', bar(28, 100), '██████░░░░░░░░░░░░░░';
SELECT 'bar spec length', length(bar(28, 100)), 20;
SELECT 'bar spec full', length(replace(bar(28, 100), '░', '')), 6;
SELECT 'bar empty', bar(0, 100), '░░░░░░░░░░░░░░░░░░░░';
SELECT 'bar full', bar(100, 100), '████████████████████';
SELECT 'bar above max', bar(150, 100), '████████████████████';
SELECT 'bar negative', bar(-5, 100), '░░░░░░░░░░░░░░░░░░░░';
SELECT 'bar half rounds up', bar(2.5, 100), '█░░░░░░░░░░░░░░░░░░░';     -- 0.5 blocks
SELECT 'bar below half', bar(2.4, 100), '░░░░░░░░░░░░░░░░░░░░';      -- 0.48 blocks
SELECT 'bar width 3', bar(1, 3, 3), '█░░';
SELECT 'bar width 1 half', bar(5, 10, 1), '█';
SELECT 'bar width 1 below', bar(4.9, 10, 1), '░';
SELECT 'bar width 10', bar(0.75, 1, 10), '████████░░';                  -- 7.5 blocks
SELECT 'bar width text', bar('1', '2', '4'), '██░░';
SELECT 'bar width 4.0', bar(1, 2, 4.0), '██░░';
SELECT 'bar width 1000', length(bar(50, 100, 1000)), 1000;
SELECT 'bar width 1000 full', length(replace(bar(50, 100, 1000), '░', '')), 500;
SELECT 'bar null width', bar(28, 100, NULL), '██████░░░░░░░░░░░░░░';
SELECT 'bar null value', bar(NULL, 100) IS NULL;
SELECT 'bar null max', bar(5, NULL) IS NULL;
SELECT 'bar type', typeof(bar(1, 2)), 'text';
-- error: bar: max must be greater than 0, got 0
SELECT bar(1, 0);
-- error: bar: max must be greater than 0, got -100
SELECT bar(1, -100);
-- error: bar: width must be a whole number between 1 and 1000, got 0
SELECT bar(1, 10, 0);
-- error: bar: width must be a whole number between 1 and 1000, got 1001
SELECT bar(1, 10, 1001);
-- error: bar: width must be a whole number between 1 and 1000, got 2.5
SELECT bar(1, 10, 2.5);
-- error: bar: width must be a whole number between 1 and 1000, got -20
SELECT bar(1, 10, -20);
-- error: bar: width must be a number, got 'wide'
SELECT bar(1, 10, 'wide');
-- error: bar: value must be a number, got 'x'
SELECT bar('x', 10);
-- error: bar: max must be a finite number, got Inf
SELECT bar(1, 1e999);
-- error: bar: width must be a whole number between 1 and 1000, got 0
SELECT bar(NULL, 10, 0);

-- Overflow inside the formulas saturates the clamp; never NULL (N3).
-- The growth (1e308 - 1e-308) / 1e-308 overflows to +Inf: a positive
-- sensitivity gives 100, a negative one 0, sensitivity 0 no trend (base).
SELECT 'trend_overflow_up', score_trend(70, 1e308, 1e-308), 100.0;
SELECT 'trend_overflow_down', score_trend(70, 1e308, 1e-308, -0.2), 0.0;
SELECT 'trend_overflow_no_sensitivity', score_trend(70, 1e308, 1e-308, 0), 70.0;
SELECT 'trend_overflow_huge_sensitivity', score_trend(70, 1.7e308, 1e-300, 1e308), 100.0;
SELECT 'trend_shrink_huge_sensitivity', score_trend(70, 0, 1e-300, 1e308), 0.0;
-- Subnormal ranges are not flushed to 0/0: worst 1e-323 (2 x 5e-324) and
-- actual half of it score 50; a range overflowing a double is quartered.
SELECT 'inverse_subnormal', score_inverse(5e-324, 1e-323), 50.0;
SELECT 'inverse_subnormal_best', score_inverse(0, 1e-320), 100.0;
SELECT 'inverse_full_range', score_inverse(0, 1e308, -1e308), 50.0;
SELECT 'inverse_full_range_quarter', score_inverse(1e308, 1.7e308, -1.7e308),
       100 * (1.7e308 / 4 - 1e308 / 4) / (1.7e308 / 4 + 1.7e308 / 4);
SELECT 'inverse_not_null', score_inverse(x, 1e-320) IS NOT NULL
  FROM (SELECT 0 AS x UNION ALL SELECT 1e-321 UNION ALL SELECT 1e-320);
