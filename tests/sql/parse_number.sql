-- parse_number(text [, decimal_mark]): the grammar part by part, INTEGER
-- versus REAL results, grouping rules, NULL and '' handling, every error.

-- Plain numbers, INTEGER when whole.
SELECT 'integer', parse_number('42'), 42;
SELECT 'integer type', typeof(parse_number('42')), 'integer';
SELECT 'whole with decimals', parse_number('48000.00'), 48000;
SELECT 'whole with decimals type', typeof(parse_number('48000.00')), 'integer';
SELECT 'fraction', parse_number('-0.5'), -0.5;
SELECT 'fraction type', typeof(parse_number('0.5')), 'real';
SELECT 'leading zeros', parse_number('007'), 7;
SELECT 'zero', parse_number('0'), 0;
SELECT 'negative zero', parse_number('-0.00'), 0;
SELECT 'negative zero type', typeof(parse_number('-0.00')), 'integer';
SELECT 'trimmed', parse_number('   12   '), 12;
SELECT 'exact decimal', parse_number('0.1') = 0.1;
SELECT 'long fraction', parse_number('3.14159265358979') = 3.14159265358979;
SELECT 'largest 18-digit', parse_number('999999999999999999'), 999999999999999999;
SELECT 'largest 18-digit type', typeof(parse_number('999999999999999999')), 'integer';
SELECT '19 digits is real', typeof(parse_number('1000000000000000000')), 'real';
SELECT '19 digits value', parse_number('1000000000000000000') = 1e18;

-- Currency signs before or after, with one optional space after.
SELECT 'dollar', parse_number('$48,000.00'), 48000;
SELECT 'euro before', parse_number('€12'), 12;
SELECT 'pound before', parse_number('£7.5'), 7.5;
SELECT 'euro after', parse_number('4.000,00 €', ','), 4000;
SELECT 'euro after no space', parse_number('4.000,00€', ','), 4000;
SELECT 'dollar after', parse_number('12$'), 12;
SELECT 'minus then dollar', parse_number('-$5'), -5;

-- Negatives: '-' or parentheses.
SELECT 'parentheses', parse_number('(1,200.50)'), -1200.5;
SELECT 'parentheses with sign', parse_number('($1,200)'), -1200;
SELECT 'parentheses sign after', parse_number('(1.200 €)', ','), -1200;

-- Percentages are ratios.
SELECT 'percent', parse_number('12.5%'), 0.125;
SELECT 'percent exact', parse_number('12.34%') = 0.1234;
SELECT 'percent whole', parse_number('100%'), 1;
SELECT 'percent whole type', typeof(parse_number('100%')), 'integer';
SELECT 'percent small', parse_number('5%') = 0.05;
SELECT 'percent zero', parse_number('0%'), 0;
SELECT 'percent negative', parse_number('-5%') = -0.05;
SELECT 'percent after parenthesis', parse_number('(5)%') = -0.05;
SELECT 'percent european', parse_number('12,5%', ','), 0.125;

-- Grouping with the '.' mark: ',' between groups of exactly three digits.
SELECT 'grouped', parse_number('1,234,567'), 1234567;
SELECT 'grouped 3-digit first', parse_number('123,456.5'), 123456.5;
SELECT 'ungrouped long', parse_number('1234567.25'), 1234567.25;
SELECT 'dot mark dot is decimal', parse_number('1.234'), 1.234;

-- Grouping with the ',' mark: '.' or ' ' between groups.
SELECT 'comma mark', parse_number('1.234,5', ','), 1234.5;
SELECT 'comma mark spaces', parse_number('1 234 567,89', ','), 1234567.89;
SELECT 'comma mark dot groups', parse_number('12.345.678', ','), 12345678;
SELECT 'comma mark decimal only', parse_number('0,350', ','), 0.35;
SELECT 'comma mark plain', parse_number('48000', ','), 48000;

-- Numbers pass through; NULL and '' give NULL; NULL mark = '.'.
SELECT 'integer passes', parse_number(12), 12;
SELECT 'integer passes type', typeof(parse_number(12)), 'integer';
SELECT 'real passes', parse_number(1.5), 1.5;
SELECT 'real passes type', typeof(parse_number(2.0)), 'real';
SELECT 'null', parse_number(NULL) IS NULL;
SELECT 'empty', parse_number('') IS NULL;
SELECT 'spaces', parse_number('   ') IS NULL;
SELECT 'empty with comma mark', parse_number('', ',') IS NULL;
SELECT 'null mark', parse_number('1,234.5', NULL), 1234.5;

-- Everything else is an error naming the value.
-- error: parse_number: text is not a number with decimal mark '.', got '1,5.0'
SELECT parse_number('1,5.0');
-- error: parse_number: text is not a number with decimal mark '.', got '1,2,3'
SELECT parse_number('1,2,3');
-- error: parse_number: text is not a number with decimal mark '.', got '$-5'
SELECT parse_number('$-5');
-- error: parse_number: text is not a number with decimal mark '.', got '12abc'
SELECT parse_number('12abc');
-- error: parse_number: text is not a number with decimal mark ',', got '0.350'
SELECT parse_number('0.350', ',');
-- error: parse_number: text is not a number with decimal mark '.', got '0,350'
SELECT parse_number('0,350');
-- error: parse_number: text is not a number with decimal mark '.', got '1234,567'
SELECT parse_number('1234,567');
-- error: parse_number: text is not a number with decimal mark '.', got '1,2345'
SELECT parse_number('1,2345');
-- error: parse_number: text is not a number with decimal mark '.', got '1,234,56'
SELECT parse_number('1,234,56');
-- error: parse_number: text is not a number with decimal mark ',', got '1.234 567'
SELECT parse_number('1.234 567', ',');
-- error: parse_number: text is not a number with decimal mark ',', got '1.5'
SELECT parse_number('1.5', ',');
-- error: parse_number: text is not a number with decimal mark '.', got '1 234'
SELECT parse_number('1 234');
-- error: parse_number: text is not a number with decimal mark '.', got '+5'
SELECT parse_number('+5');
-- error: parse_number: text is not a number with decimal mark '.', got '1e3'
SELECT parse_number('1e3');
-- error: parse_number: text is not a number with decimal mark '.', got '.5'
SELECT parse_number('.5');
-- error: parse_number: text is not a number with decimal mark '.', got '5.'
SELECT parse_number('5.');
-- error: parse_number: text is not a number with decimal mark '.', got '-'
SELECT parse_number('-');
-- error: parse_number: text is not a number with decimal mark '.', got '$'
SELECT parse_number('$');
-- error: parse_number: text is not a number with decimal mark '.', got '(5'
SELECT parse_number('(5');
-- error: parse_number: text is not a number with decimal mark '.', got '5)'
SELECT parse_number('5)');
-- error: parse_number: text is not a number with decimal mark '.', got '-(5)'
SELECT parse_number('-(5)');
-- error: parse_number: text is not a number with decimal mark '.', got '$5$'
SELECT parse_number('$5$');
-- error: parse_number: text is not a number with decimal mark '.', got '$ 5'
SELECT parse_number('$ 5');
-- error: parse_number: text is not a number with decimal mark '.', got '5  $'
SELECT parse_number('5  $');
-- error: parse_number: text is not a number with decimal mark '.', got '(5%)'
SELECT parse_number('(5%)');
-- error: parse_number: text is not a number with decimal mark '.', got '5%%'
SELECT parse_number('5%%');
-- error: parse_number: text is not a number with decimal mark '.', got '(5)$'
SELECT parse_number('(5)$');
-- error: parse_number: text is not a number with decimal mark '.', got '1,234,'
SELECT parse_number('1,234,');
-- error: parse_number: text is not a number with decimal mark '.', got ',234'
SELECT parse_number(',234');
-- error: parse_number: text is not a number with decimal mark '.', got '¥5'
SELECT parse_number('¥5');
-- error: parse_number: text is not a number with decimal mark '.', got 'NaN'
SELECT parse_number('NaN');
-- error: parse_number: text is not a number with decimal mark '.', got '	5'
SELECT parse_number(char(9) || '5');
-- error: parse_number: text is not a number with decimal mark '.', got '5'
SELECT parse_number('5' || char(0) || '6');
-- error: parse_number: text must be text or a number, got a blob
SELECT parse_number(x'35');
-- error: parse_number: decimal_mark must be '.' or ',', got ';'
SELECT parse_number('5', ';');
-- error: parse_number: decimal_mark must be '.' or ',', got ''
SELECT parse_number('5', '');
-- error: parse_number: decimal_mark must be '.' or ',', got 1
SELECT parse_number('5', 1);
-- error: parse_number: decimal_mark must be '.' or ',', got ',,'
SELECT parse_number(NULL, ',,');

-- parse_number_error: the same reading, the problem as text instead of an
-- error (NULL when parse_number returns a value or NULL); a bad mark raises.
SELECT 'error of a good value', parse_number_error('$48,000.00') IS NULL;
SELECT 'error of a european value', parse_number_error('1.234,5', ',') IS NULL;
SELECT 'error of a number', parse_number_error(12.5) IS NULL;
SELECT 'error of empty', parse_number_error('  ') IS NULL;
SELECT 'error of null', parse_number_error(NULL) IS NULL;
SELECT 'error of bad text', parse_number_error('1,5.0'),
       'parse_number: text is not a number with decimal mark ''.'', got ''1,5.0''';
SELECT 'error of bad text comma', parse_number_error('0.350', ','),
       'parse_number: text is not a number with decimal mark '','', got ''0.350''';
SELECT 'error of a blob', parse_number_error(x'35'),
       'parse_number: text must be text or a number, got a blob';
-- error: parse_number_error: decimal_mark must be '.' or ',', got ';'
SELECT parse_number_error('5', ';');

-- Against an independent formatting: SQLite's printf with its ',' flag
-- groups thousands; every amount written as '$1,234,567.89', as
-- '1.234.567,89 €' and as '(1 234 567,89)' reads back as the number.
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999),
     t AS (SELECT (i * 7919 * 104729) % 1000000000 AS whole, (i * 37) % 100 AS cents FROM n),
     f AS (SELECT whole, cents, (whole * 100 + cents) / 100.0 AS v, -- exact, then one rounding
                  printf('%,d', whole) AS g, printf('%02d', cents) AS c FROM t)
SELECT 'round trip ' || kind, sum(parse_number(text, mark) IS NOT (CASE WHEN neg THEN -v ELSE v END)), 0
  FROM (SELECT 'dollars' AS kind, '$' || g || '.' || c AS text, '.' AS mark, 0 AS neg, v FROM f
        UNION ALL
        SELECT 'euros', replace(g, ',', '.') || ',' || c || ' €', ',', 0, v FROM f
        UNION ALL
        SELECT 'negative, spaces', '(' || replace(g, ',', ' ') || ',' || c || ')', ',', 1, v FROM f)
 GROUP BY kind;
SELECT 'whole amounts are integers',
       (WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)
        SELECT count(*) FROM n WHERE typeof(parse_number(printf('%,d.00', i * 1000003))) <> 'integer'
                                  OR parse_number(printf('%,d.00', i * 1000003)) <> i * 1000003),
       0;

-- Whole numbers past 18 digits are REAL, computed without overflow.
SELECT '21 digits', parse_number('123456789012345678901') = 123456789012345678901.0;
SELECT '21 digits type', typeof(parse_number('123,456,789,012,345,678,901')), 'real';
SELECT '19 digits with zeros', typeof(parse_number('0001234567890123456789')), 'real';
SELECT '18 digits after zeros', parse_number('000123456789012345678'), 123456789012345678;
