-- The extension adds exactly the functions and modules of docs/functions and
-- docs/tables, with the flags of docs/conventions.md (deterministic, innocuous).
-- temp.baseline_* hold what SQLite had before the extension was loaded.

CREATE TEMP TABLE internal_functions(name TEXT PRIMARY KEY);
INSERT INTO internal_functions VALUES ('csm_checkin_feed'), ('csm_cohort_feed'), ('csm_mrr_feed');
-- Settings (docs/functions/csmetrics_threads.md): innocuous, not deterministic.
CREATE TEMP TABLE setting_functions(name TEXT PRIMARY KEY);
INSERT INTO setting_functions VALUES ('csmetrics_parallel_scans'), ('csmetrics_threads');

CREATE TEMP VIEW added_functions AS
  SELECT DISTINCT name, narg, type, flags FROM pragma_function_list
   WHERE (name, narg) NOT IN (SELECT name, narg FROM temp.baseline_functions);

SELECT 'functions',
       (SELECT group_concat(name || '/' || narg || '/' || type, ' ')
          FROM (SELECT * FROM added_functions ORDER BY name, narg)),
       'auc/2/a bar/2/s bar/3/s calibration_error/2/a calibration_error/3/a '
       || 'chart_bars/2/a chart_bars/3/a chart_heatmap/3/a chart_heatmap/4/a '
       || 'chart_line/2/a chart_line/3/a chart_line/4/a '
       || 'count_duplicates/-1/a '
       || 'csm_checkin_feed/-1/a csm_cohort_feed/-1/a csm_mrr_feed/-1/a '
       || 'csmetrics_parallel_scans/0/s csmetrics_threads/0/s csmetrics_threads/1/s '
       || 'csmetrics_version/0/s grr/2/w health_action/1/s health_action/2/s '
       || 'health_color/1/s health_color/2/s health_coverage/5/s health_coverage/6/s '
       || 'health_rag/1/s health_rag/2/s '
       || 'health_score/5/s health_score/6/s health_score/7/s health_tier/1/s '
       || 'health_tier/2/s health_trend/2/s health_trend/3/s html_escape/1/s lift/2/a lift/3/a '
       || 'nps/1/w nps_category/1/s nrr/2/w '
       || 'parse_date/2/s parse_date_error/2/s parse_number/1/s parse_number/2/s '
       || 'parse_number_error/1/s parse_number_error/2/s '
       || 'pearson_corr/2/w risk_tier/1/s '
       || 'score_inverse/2/s score_inverse/3/s score_linear/2/s score_steps/2/s '
       || 'score_trend/3/s score_trend/4/s '
       || 'sparkline/1/w '
       || 'usage_velocity/2/s usage_velocity/3/a '
       || 'usage_velocity/4/a';

-- SQLITE_DETERMINISTIC = 0x800, SQLITE_INNOCUOUS = 0x200000
SELECT 'flags of ' || name || '/' || narg, (flags & 0x200800) = 0x200800
  FROM added_functions WHERE name NOT IN (SELECT name FROM internal_functions)
   AND name NOT IN (SELECT name FROM setting_functions);
SELECT 'flags of setting ' || name || '/' || narg, flags, 2097152
  FROM added_functions WHERE name IN (SELECT name FROM setting_functions);

-- The tables' internal feeds (docs/internals.md): SQLITE_DIRECTONLY
-- (0x80000) only, never deterministic or innocuous.
SELECT 'flags of internal ' || name, flags, 524288
  FROM added_functions WHERE name IN (SELECT name FROM internal_functions);
SELECT 'internal functions registered',
       (SELECT count(*) FROM added_functions WHERE name IN (SELECT name FROM internal_functions)),
       (SELECT count(*) FROM internal_functions);

SELECT 'modules',
       (SELECT group_concat(name, ' ') FROM (
          SELECT name FROM pragma_module_list
           WHERE name NOT IN (SELECT name FROM temp.baseline_modules) ORDER BY name)),
       'checkin_impact cohort_retention mrr_movements threshold_sweep';
