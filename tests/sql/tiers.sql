-- health_tier, health_color, health_action, health_trend and risk_tier
-- (docs/functions): every band boundary, custom cutoffs, NULLs, errors.

-- Default bands: >=85, >=70, >=50, >=30, else.
CREATE TABLE band(score, tier, color, action);
INSERT INTO band VALUES
  (100,        'Thriving', 'green',       'Expansion focus'),
  (85,         'Thriving', 'green',       'Expansion focus'),
  (84.9999999, 'Healthy',  'light-green', 'Monitor, optimize'),
  (70,         'Healthy',  'light-green', 'Monitor, optimize'),
  (69.9999999, 'Neutral',  'yellow',      'Proactive engagement'),
  (50,         'Neutral',  'yellow',      'Proactive engagement'),
  (49.9999999, 'At-Risk',  'orange',      'Immediate intervention'),
  (30,         'At-Risk',  'orange',      'Immediate intervention'),
  (29.9999999, 'Critical', 'red',         'Executive escalation'),
  (0,          'Critical', 'red',         'Executive escalation');
SELECT 'tier ' || score, health_tier(score), tier FROM band;
SELECT 'color ' || score, health_color(score), color FROM band;
SELECT 'action ' || score, health_action(score), action FROM band;
SELECT 'tier default cutoffs ' || score, health_tier(score, '[85,70,50,30]'), tier FROM band;
SELECT 'tier null cutoffs ' || score, health_tier(score, NULL), tier FROM band;
SELECT 'color null cutoffs ' || score, health_color(score, NULL), color FROM band;
SELECT 'action null cutoffs ' || score, health_action(score, NULL), action FROM band;
SELECT 'tier 85.0', health_tier(85.0), 'Thriving';
SELECT 'tier text', health_tier('85'), 'Thriving';
SELECT 'tier text 2', health_tier(' 84.5 '), 'Healthy';
SELECT 'tier null', health_tier(NULL) IS NULL;
SELECT 'color null', health_color(NULL, '[90,80,70,60]') IS NULL;
SELECT 'action null', health_action(NULL) IS NULL;
SELECT 'tier of health_score', health_tier(health_score(80, 60, 70, 50, 90)), 'Healthy';  -- 70.0

-- Custom cutoffs: the bands move.
CREATE TABLE custom(score, tier, color, action);
INSERT INTO custom VALUES
  (90,     'Thriving', 'green',       'Expansion focus'),
  (89.999, 'Healthy',  'light-green', 'Monitor, optimize'),
  (75,     'Healthy',  'light-green', 'Monitor, optimize'),
  (74.999, 'Neutral',  'yellow',      'Proactive engagement'),
  (60,     'Neutral',  'yellow',      'Proactive engagement'),
  (59.999, 'At-Risk',  'orange',      'Immediate intervention'),
  (40,     'At-Risk',  'orange',      'Immediate intervention'),
  (39.999, 'Critical', 'red',         'Executive escalation');
SELECT 'custom tier ' || score, health_tier(score, '[90,75,60,40]'), tier FROM custom;
SELECT 'custom color ' || score, health_color(score, '[90, 75, 60, 40]'), color FROM custom;
SELECT 'custom action ' || score, health_action(score, ' [90.0,75,6e1,40] '), action FROM custom;
SELECT 'cutoffs at the ends 100', health_tier(100, '[100,99,98,0]'), 'Thriving';
SELECT 'cutoffs at the ends 99.5', health_tier(99.5, '[100,99,98,0]'), 'Healthy';
SELECT 'cutoffs at the ends 0', health_tier(0, '[100,99,98,0]'), 'At-Risk';
SELECT 'cutoffs fractional', health_tier(0.5, '[4,3,2,0.5]'), 'At-Risk';
-- Cutoffs that vary per row (segment-specific thresholds from a table).
CREATE TABLE seg(name, cutoffs);
INSERT INTO seg VALUES ('enterprise', '[90,80,60,40]'), ('smb', '[80,60,40,20]'), ('other', NULL);
SELECT 'per-row cutoffs', group_concat(name || '=' || health_tier(75, cutoffs), ' '),
       'enterprise=Neutral smb=Healthy other=Healthy'
  FROM (SELECT * FROM seg ORDER BY rowid);

-- Errors: score.
-- error: health_tier: score must be between 0 and 100, got 100.5
SELECT health_tier(100.5);
-- error: health_tier: score must be between 0 and 100, got -1
SELECT health_tier(-1);
-- error: health_color: score must be between 0 and 100, got 130
SELECT health_color(130);
-- error: health_action: score must be between 0 and 100, got -0.5
SELECT health_action(-0.5, '[90,75,60,40]');
-- error: health_tier: score must be a number, got 'good'
SELECT health_tier('good');
-- error: health_tier: score must be a number, got a blob
SELECT health_tier(x'55');
-- error: health_tier: score must be a finite number, got Inf
SELECT health_tier(1e999);

-- Errors: cutoffs.
-- error: health_tier: cutoffs must hold exactly 4 numbers, got '[85,70,50]'
SELECT health_tier(60, '[85,70,50]');
-- error: health_tier: cutoffs must hold exactly 4 numbers, got '[90,85,70,50,30]'
SELECT health_tier(60, '[90,85,70,50,30]');
-- error: health_color: cutoffs must hold exactly 4 numbers, got '[]'
SELECT health_color(60, '[]');
-- error: health_tier: cutoffs must be strictly descending, got '[85,70,70,30]'
SELECT health_tier(60, '[85,70,70,30]');
-- error: health_action: cutoffs must be strictly descending, got '[30,50,70,85]'
SELECT health_action(60, '[30,50,70,85]');
-- error: health_tier: cutoffs must be between 0 and 100, got '[110,70,50,30]'
SELECT health_tier(60, '[110,70,50,30]');
-- error: health_tier: cutoffs must be between 0 and 100, got '[85,70,50,-5]'
SELECT health_tier(60, '[85,70,50,-5]');
-- error: health_tier: cutoffs must be a JSON array of four descending numbers (expected a number at character 11), got '[85,70,50,'
SELECT health_tier(60, '[85,70,50,');
-- error: health_tier: cutoffs must be a JSON array of four descending numbers (expected '[' at character 1), got '{"thriving":85}'
SELECT health_tier(60, '{"thriving":85}');
-- error: health_tier: cutoffs must be a JSON array of four descending numbers (expected a number at character 2), got '["85",70,50,30]'
SELECT health_tier(60, '["85",70,50,30]');
-- error: health_tier: cutoffs must be a JSON array of four descending numbers (expected '[' at character 1), got ''
SELECT health_tier(60, '');
-- error: health_tier: cutoffs must be a JSON array of four descending numbers, got 85
SELECT health_tier(60, 85);
-- error: health_color: cutoffs must be a JSON array of four descending numbers, got a blob
SELECT health_color(60, x'5b5d');
-- A bad cutoff is an error even when the score is NULL.
-- error: health_tier: cutoffs must hold exactly 4 numbers, got '[1]'
SELECT health_tier(NULL, '[1]');

-- health_trend: current - previous >= tolerance improving, <= -tolerance declining.
SELECT 'trend +5', health_trend(75, 70), 'improving';
SELECT 'trend +4.5', health_trend(74.5, 70), 'stable';
SELECT 'trend -5', health_trend(70, 75), 'declining';
SELECT 'trend -4.5', health_trend(70, 74.5), 'stable';
SELECT 'trend 0', health_trend(70, 70), 'stable';
SELECT 'trend +30', health_trend(100, 70), 'improving';
SELECT 'trend -100', health_trend(0, 100), 'declining';
SELECT 'trend tol 10 +10', health_trend(80, 70, 10), 'improving';
SELECT 'trend tol 10 +9', health_trend(79, 70, 10), 'stable';
SELECT 'trend tol 10 -10', health_trend(60, 70, 10), 'declining';
SELECT 'trend tol 10 -9', health_trend(61, 70, 10), 'stable';
SELECT 'trend tol 0.5', health_trend(70.5, 70, 0.5), 'improving';
SELECT 'trend tol 0 equal', health_trend(70, 70, 0), 'stable';
SELECT 'trend tol 0 up', health_trend(70.25, 70, 0), 'improving';
SELECT 'trend tol 0 down', health_trend(69.75, 70, 0), 'declining';
SELECT 'trend tol 100', health_trend(100, 0, 100), 'improving';
SELECT 'trend tol 1000', health_trend(100, 0, 1000), 'stable';
SELECT 'trend null tolerance', health_trend(75, 70, NULL), 'improving';
SELECT 'trend text', health_trend('75', '70', '5'), 'improving';
SELECT 'trend null current', health_trend(NULL, 70) IS NULL;
SELECT 'trend null previous', health_trend(70, NULL) IS NULL;
-- error: health_trend: tolerance must be >= 0, got -1
SELECT health_trend(75, 70, -1);
-- error: health_trend: tolerance must be a number, got 'small'
SELECT health_trend(75, 70, 'small');
-- error: health_trend: tolerance must be a finite number, got Inf
SELECT health_trend(75, 70, 1e999);
-- error: health_trend: current must be between 0 and 100, got 101
SELECT health_trend(101, 70);
-- error: health_trend: previous must be between 0 and 100, got -3
SELECT health_trend(70, -3);
-- error: health_trend: previous must be a number, got 'last month'
SELECT health_trend(70, 'last month');
-- error: health_trend: tolerance must be >= 0, got -2
SELECT health_trend(NULL, 70, -2);

-- risk_tier: Critical > 0.70, High >= 0.50, Medium >= 0.30, Low >= 0.10.
CREATE TABLE risk(p, tier);
INSERT INTO risk VALUES
  (1, 'Critical'), (0.7000001, 'Critical'), (0.70, 'High'), (0.5, 'High'),
  (0.4999999, 'Medium'), (0.30, 'Medium'), (0.2999999, 'Low'), (0.10, 'Low'),
  (0.0999999, 'Minimal'), (0, 'Minimal');
SELECT 'risk ' || p, risk_tier(p), tier FROM risk;
SELECT 'risk text', risk_tier('0.7'), 'High';
SELECT 'risk null', risk_tier(NULL) IS NULL;
-- error: risk_tier: probability must be between 0 and 1, got 1.5
SELECT risk_tier(1.5);
-- error: risk_tier: probability must be between 0 and 1, got -0.1
SELECT risk_tier(-0.1);
-- error: risk_tier: probability must be between 0 and 1, got 70
SELECT risk_tier(70);
-- error: risk_tier: probability must be a number, got 'high'
SELECT risk_tier('high');

-- Numbers as text: one grammar, spaces trimmed; a comma is never a decimal
-- mark (tests/locale/ runs these under a ',' locale too).
SELECT 'risk_text', risk_tier('0.75'), 'Critical';
SELECT 'risk_text_spaces', risk_tier(' 0.35 '), 'Medium';
SELECT 'tier_text_cutoffs', health_tier(85.4, '[85.5,70.5,50,30]'), 'Healthy';
SELECT 'tier_text_score', health_tier('70.5', '[85.5,70.5,50,30]'), 'Healthy';
-- error: risk_tier: probability must be a number, got '0,75'
SELECT risk_tier('0,75');

-- A message is valid UTF-8 whatever the input held: a byte that is not
-- UTF-8 shows as U+FFFD, a quote is doubled, a long text is cut on a
-- character boundary after 60 bytes.
-- error: risk_tier: probability must be a number, got 'A�B'
SELECT risk_tier(CAST(x'41ff42' AS TEXT));
-- error: risk_tier: probability must be a number, got '�(�'
SELECT risk_tier(CAST(x'c328e0' AS TEXT));
-- error: risk_tier: probability must be a number, got 'it''s'
SELECT risk_tier('it''s');
-- error: risk_tier: probability must be a number, got 'éééééééééééééééééééééééééééééé...'
SELECT risk_tier(printf('%.40c', 'é'));
