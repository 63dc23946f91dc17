-- sparkline (aggregate and window), html_escape and the option and argument
-- errors of chart_bars, chart_line and chart_heatmap. Expected strings are
-- worked out by hand: level = round(7 * (v - min) / (max - min)) into
-- ▁▂▃▄▅▆▇█ (index 0..7). The SVG structure of the charts is checked by
-- tests/charts_svg.py (an XML parser).

-- sparkline: the levels of 1, 5, 3, NULL, 8 over min 1, max 8 are 0, 4, 2, -, 7.
CREATE TABLE s(id INTEGER PRIMARY KEY, g TEXT, v);
INSERT INTO s(g, v) VALUES ('a', 1), ('a', 5), ('a', 3), ('a', NULL), ('a', 8),
                           ('b', 4), ('b', 4), ('b', 4),
                           ('c', NULL), ('c', NULL),
                           ('d', '2'), ('d', ' 7.5 '), ('d', 0),
                           ('e', 42);
SELECT 'spark_a', sparkline(v), '▁▅▃ █' FROM s WHERE g = 'a';
SELECT 'spark_groups',
       (SELECT group_concat(g || '=' || quote(sp), ' ')
          FROM (SELECT g, sparkline(v) AS sp FROM s GROUP BY g ORDER BY g)),
       'a=''▁▅▃ █'' b=''▄▄▄'' c=''  '' d=''▃█▁'' e=''▄''';
SELECT 'spark_empty', sparkline(v) IS NULL FROM s WHERE 0;
SELECT 'spark_type', typeof(sparkline(v)), 'text' FROM s WHERE g = 'b';
-- Halves round away from zero: 7 * 1/2 = 3.5 gives 4, 7 * 1/14 = 0.5 gives 1,
-- 7 * 5/14 = 2.5 gives 3, and 7 * 0.49/14 = 0.245 gives 0.
WITH t(v) AS (VALUES (0), (1), (2))
SELECT 'spark_half_mid', sparkline(v), '▁▅█' FROM t;
WITH t(v) AS (VALUES (0), (1), (5), (14))
SELECT 'spark_half_low', sparkline(v), '▁▂▄█' FROM t;
WITH t(v) AS (VALUES (-14), (-13), (0))
SELECT 'spark_half_neg', sparkline(v), '▁▂█' FROM t;
WITH t(v) AS (VALUES (0), (0.49), (14))
SELECT 'spark_below_half', sparkline(v), '▁▁█' FROM t;
WITH t(v) AS (VALUES (0), (1), (2), (3), (4), (5), (6), (7))
SELECT 'spark_all_levels', sparkline(v), '▁▂▃▄▅▆▇█'
  FROM t;
WITH t(v) AS (VALUES (-1e308), (0), (1e308))
SELECT 'spark_extremes', sparkline(v), '▁▅█' FROM t;
-- the order rows arrive in, from an ordered subquery
SELECT 'spark_order', sparkline(v), '█▅▃▁'
  FROM (SELECT v FROM s WHERE g = 'a' AND v IS NOT NULL ORDER BY v DESC);

-- sparkline as a window function: a 3-row sliding frame over 1..5, then 5..1.
CREATE TABLE w(id INTEGER PRIMARY KEY, acct TEXT, v REAL);
INSERT INTO w(acct, v) VALUES ('x', 1), ('x', 2), ('x', 3), ('x', 4), ('x', 5),
                              ('y', 5), ('y', NULL), ('y', 3), ('y', 2), ('y', 2);
SELECT 'spark_window',
       (SELECT group_concat(sp, '|') FROM (
          SELECT sparkline(v) OVER (PARTITION BY acct ORDER BY id ROWS 2 PRECEDING) AS sp
            FROM w ORDER BY acct, id)),
       '▄|▁█|▁▅█|▁▅█|▁▅█|▄|▄ |█ ▁| █▁|█▁▁';
SELECT 'spark_window_growing',
       (SELECT group_concat(sp, '|') FROM (
          SELECT sparkline(v) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS sp
            FROM w WHERE acct = 'x' ORDER BY id)),
       '▄|▁█|▁▅█|▁▃▆█|▁▃▅▆█';
-- a frame that is empty for the last row gives NULL
SELECT 'spark_window_empty',
       (SELECT group_concat(coalesce(sp, 'NULL'), '|') FROM (
          SELECT sparkline(v) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) AS sp
            FROM w WHERE acct = 'x' ORDER BY id)),
       '▁█|▁█|▁█|▄|NULL';
-- a long series: i % 8 for i = 93..100 is 5, 6, 7, 0, 1, 2, 3, 4
SELECT 'spark_window_long',
       (SELECT sp FROM (
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
          SELECT i, sparkline(i % 8) OVER (ORDER BY i ROWS 7 PRECEDING) AS sp FROM n)
         WHERE i = 100),
       '▆▇█▁▂▃▄▅';

-- error: sparkline: value must be a number, got 'high'
WITH t(v) AS (VALUES (1), ('high'))
SELECT sparkline(v) FROM t;
-- error: sparkline: value must be a number, got a blob
SELECT sparkline(x'01');
-- error: sparkline: value must be a finite number, got Inf
SELECT sparkline(1e999);

-- html_escape
SELECT 'esc_all', html_escape('Tom & Jerry''s <b>"x"</b>'),
       'Tom &amp; Jerry&#39;s &lt;b&gt;&quot;x&quot;&lt;/b&gt;';
SELECT 'esc_plain', html_escape('plain text é'), 'plain text é';
SELECT 'esc_empty', html_escape('') = '' AND typeof(html_escape('')) = 'text';
SELECT 'esc_null', html_escape(NULL) IS NULL;
SELECT 'esc_number', html_escape(42), '42';
SELECT 'esc_twice', html_escape(html_escape('&')), '&amp;amp;';

-- Charts: no rows give NULL; a group whose rows draw nothing gives an SVG.
SELECT 'bars_empty', chart_bars('a', 1) IS NULL FROM s WHERE 0;
SELECT 'line_empty', chart_line(1, 1) IS NULL FROM s WHERE 0;
SELECT 'heat_empty', chart_heatmap('a', 'b', 1) IS NULL FROM s WHERE 0;
SELECT 'bars_no_marks', instr(chart_bars('a', NULL), 'class="bar"') = 0
                        AND chart_bars('a', NULL) LIKE '<svg xmlns="http://www.w3.org/2000/svg"%</svg>';
WITH t(x, y) AS (VALUES (1, '0.5'), (2, ' 3 '))
SELECT 'line_text_number', chart_line(x, y) LIKE '<svg %'
  FROM t;

-- Options: every key, then every way to get one wrong.
SELECT 'options_ok', chart_bars('a', 1, '{"width":300,"height":100,"title":"T","format":"money","max":5}')
                     LIKE '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" %';
SELECT 'options_null', chart_bars('a', 1, NULL) = chart_bars('a', 1);
-- error: chart_bars: options key must be width, height, title, format or max, got 'colour'
SELECT chart_bars('a', 1, '{"colour":"red"}');
-- error: chart_bars: options key 'width' appears more than once
SELECT chart_bars('a', 1, '{"width":300,"width":400}');
-- error: chart_bars: options width must be a whole number from 100 to 4000, got 99
SELECT chart_bars('a', 1, '{"width":99}');
-- error: chart_bars: options width must be a whole number from 100 to 4000, got 300.5
SELECT chart_bars('a', 1, '{"width":300.5}');
-- error: chart_bars: options width must be a whole number from 100 to 4000, got '300'
SELECT chart_bars('a', 1, '{"width":"300"}');
-- error: chart_line: options height must be a whole number from 50 to 20000, got 20001
SELECT chart_line(1, 1, 's', '{"height":20001}');
-- error: chart_heatmap: options title must be a string, got 5
SELECT chart_heatmap('r', 'c', 1, '{"title":5}');
-- error: chart_bars: options format must be 'num', 'pct' or 'money', got 'eur'
SELECT chart_bars('a', 1, '{"format":"eur"}');
-- error: chart_bars: options format must be 'num', 'pct' or 'money', got 1
SELECT chart_bars('a', 1, '{"format":1}');
-- error: chart_bars: options max must be a number greater than 0, got 0
SELECT chart_bars('a', 1, '{"max":0}');
-- error: chart_bars: options max must be a number greater than 0, got '5'
SELECT chart_bars('a', 1, '{"max":"5"}');
-- error: chart_bars: options max must be a number greater than 0, got Inf
SELECT chart_bars('a', 1, '{"max":1e999}');
-- error: chart_bars: options must be a JSON object (expected '{' at character 1), got '[1]'
SELECT chart_bars('a', 1, '[1]');
-- error: chart_bars: options must be a JSON object (expected a number at character 10), got '{"width":true}'
SELECT chart_bars('a', 1, '{"width":true}');
-- error: chart_bars: options must be a JSON object (unterminated string at character 11), got '{"title":"x}'
SELECT chart_bars('a', 1, '{"title":"x}');
-- error: chart_bars: options must be a JSON object, got 5
SELECT chart_bars('a', 1, 5);
-- error: chart_line: options must be the same on every row
WITH t(x) AS (VALUES (1), (2))
SELECT chart_line(x, 1, NULL, CASE x WHEN 1 THEN NULL ELSE '{}' END) FROM t;
-- error: chart_heatmap: options must be the same on every row
WITH t(x) AS (VALUES (1), (2))
SELECT chart_heatmap('r', x, 1, CASE x WHEN 1 THEN '{}' ELSE '{ }' END) FROM t;

-- Arguments.
-- error: chart_bars: value must be a number, got 'tall'
SELECT chart_bars('a', 'tall');
-- error: chart_bars: value must be a finite number, got Inf
SELECT chart_bars('a', 1e999);
-- error: chart_heatmap: value must be a number, got a blob
SELECT chart_heatmap('r', 'c', x'00');
-- error: chart_line: y must be a number, got 'up'
SELECT chart_line(1, 'up');
-- error: chart_line: x must be a number or a date, got 'yesterday'
SELECT chart_line('yesterday', 1);
-- error: chart_line: x must be a number or a date, got a blob
SELECT chart_line(x'01', 1);
-- error: chart_line: x must be a finite number, got Inf
SELECT chart_line(1e999, 1);
-- error: chart_line: x must not mix numbers and dates, got '2024-01-01'
WITH t(x) AS (VALUES (1), ('2024-01-01'))
SELECT chart_line(x, 1) FROM t;
-- error: chart_line: x must not mix numbers and dates, got 3
WITH t(x) AS (VALUES ('2024-01-01'), (NULL), (3))
SELECT chart_line(x, 1) FROM t;
