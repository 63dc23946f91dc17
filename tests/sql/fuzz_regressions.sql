-- Inputs the libFuzzer targets found (tests/fuzz/, docs/reliability.md),
-- kept in SQL form next to their corpus files (tests/fuzz/corpus/*/regression-*).

-- bar: width * value overflowed to infinity near DBL_MAX, and converting it
-- to int was undefined behaviour. round(2 * 1e308 / 1.7e308) = round(1.18) = 1.
SELECT 'bar near DBL_MAX', bar(1e308, 1.7e308, 2), '█░';
SELECT 'bar full near DBL_MAX', bar(1.7e308, 1.7e308, 3), '███';
