-- dashboard_html.sql -- the executive dashboard as one self-contained HTML
-- page: KPI header, health distribution, NRR/GRR trend, revenue bridge,
-- cohort retention heat map, the at-risk list with each account's health
-- sparkline and drivers, and drill-downs per segment and per CSM.
--
--   sqlite3 cs.db '.load ./build/csmetrics' '.read sql/reports/dashboard_html.sql' > dashboard.html
--
-- Needs sql/schema.sql and sql/model.sql; the date is cs_settings.as_of, the
-- at-risk line cs_settings.at_risk_below (account_health's at_risk). The
-- page has inline CSS and SVG (the chart_* functions) only: no script, no
-- network. Every text from the data goes through html_escape(); a missing
-- figure prints as –. Colours follow health_color(): each tier and each
-- score takes the colour the extension gives it. Sparklines need
-- health_history (sql/snapshot.sql, or samples/backfill_history.sh for a
-- sample); the last twelve snapshots of each account are drawn.
.headers off
.mode list
.separator ''
.nullvalue ''

-- The account signals are computed once: account_health goes into
-- temp.dash_health, and every section reads that table or the revenue
-- tables. The figures are kpi_cube's (portfolio_kpis, portfolio_kpis_by):
-- its five sums over the copy, next to kpi_revenue_cube, as the executive
-- dashboard takes them (tests/report_checks.py checks both agree with
-- kpi_cube).
DROP TABLE IF EXISTS temp.dash_health;
DROP TABLE IF EXISTS temp.dash_cube;
DROP TABLE IF EXISTS temp.dash_kpis;
DROP TABLE IF EXISTS temp.dash_distribution;
DROP TABLE IF EXISTS temp.dash_tier_color;
DROP TABLE IF EXISTS temp.dash_at_risk;
DROP TABLE IF EXISTS temp.dash_groups;
DROP TABLE IF EXISTS temp.dash_group_trend;
CREATE TEMP TABLE dash_health AS SELECT * FROM account_health;
-- Dimensions 'all', 'segment' and 'csm', with the at-risk accounts counted.
CREATE TEMP TABLE dash_cube AS
WITH
hg AS (
  SELECT d.dimension, CASE d.dimension WHEN 'segment' THEN h.segment WHEN 'csm' THEN h.csm END AS value,
         count(*) AS accounts, total(h.arr) AS arr, avg(h.health_score) AS avg_health,
         total(CASE WHEN h.at_risk THEN h.arr END) AS at_risk_arr,
         count(*) FILTER (WHERE h.at_risk) AS at_risk_accounts,
         sum(h.arr * h.churn_probability) AS expected_arr_at_risk
    FROM (SELECT 'all' AS dimension UNION ALL SELECT 'segment' UNION ALL SELECT 'csm') d
    CROSS JOIN dash_health h GROUP BY 1, 2),
r AS MATERIALIZED (SELECT * FROM kpi_revenue_cube WHERE dimension IN ('all', 'segment', 'csm')),
k AS (SELECT dimension, value FROM hg UNION SELECT dimension, value FROM r)
SELECT k.dimension, k.value, (SELECT as_of FROM r WHERE dimension = 'all') AS as_of,
       coalesce(hg.accounts, 0) AS accounts, coalesce(hg.arr, 0.0) AS arr, hg.avg_health,
       coalesce(hg.at_risk_arr, 0.0) AS at_risk_arr, hg.at_risk_arr / nullif(hg.arr, 0) AS at_risk_share,
       coalesce(hg.at_risk_accounts, 0) AS at_risk_accounts,
       r.nrr_12m, r.grr_12m, r.logo_retention_12m, r.nps_90d, hg.expected_arr_at_risk
  FROM k LEFT JOIN hg ON hg.dimension = k.dimension AND hg.value IS k.value
  LEFT JOIN r ON r.dimension = k.dimension AND r.value IS k.value;
CREATE TEMP TABLE dash_kpis AS SELECT * FROM dash_cube WHERE dimension = 'all';
-- Tier -> colour, best tier first, as the extension maps them (the same
-- band of health_tier and health_color), so the page's tiers and colours
-- cannot drift from the functions.
CREATE TEMP TABLE dash_tier_color AS
  WITH RECURSIVE s(x) AS (SELECT 0 UNION ALL SELECT x + 0.5 FROM s WHERE x < 100)
  SELECT row_number() OVER (ORDER BY max(x) DESC) AS band, tier, color
    FROM (SELECT health_tier(x) AS tier, health_color(x) AS color, x FROM s) GROUP BY tier, color;
-- health_distribution, over the copy: the scored accounts per tier.
CREATE TEMP TABLE dash_distribution AS
  SELECT c.band, c.tier, c.color, count(h.account) AS accounts, total(h.arr) AS arr,
         count(h.account) * 1.0 / nullif((SELECT count(*) FROM dash_health WHERE health_score IS NOT NULL), 0)
           AS share
    FROM dash_tier_color c LEFT JOIN dash_health h ON h.tier = c.tier AND h.health_score IS NOT NULL
   GROUP BY c.band, c.tier, c.color;
-- The at-risk list (account_health's at_risk), largest ARR first.
CREATE TEMP TABLE dash_at_risk AS
  SELECT h.*, row_number() OVER (ORDER BY h.arr DESC, h.account) AS rank
    FROM dash_health h WHERE h.at_risk;
-- Drill-downs: the groups with active accounts per segment and per CSM,
-- and the trend of each group's average health over the last 12 snapshot
-- dates of health_history (the group's active accounts, as grouped today).
CREATE TEMP TABLE dash_groups AS
  SELECT dimension, value AS key,
         coalesce(value, CASE dimension WHEN 'csm' THEN 'unassigned' ELSE '–' END) AS value,
         accounts, arr, avg_health, at_risk_arr, at_risk_share, at_risk_accounts, nrr_12m, grr_12m, nps_90d
    FROM dash_cube WHERE dimension IN ('segment', 'csm') AND accounts > 0;
CREATE TEMP TABLE dash_group_trend AS
  WITH dates AS (SELECT DISTINCT score_date FROM health_history ORDER BY score_date DESC LIMIT 12),
  pts AS (
    SELECT d.dimension, CASE d.dimension WHEN 'segment' THEN h.segment ELSE h.csm END AS key,
           hh.score_date, avg(hh.health_score) AS avg_health
      FROM (SELECT 'segment' AS dimension UNION ALL SELECT 'csm') d CROSS JOIN dash_health h
      JOIN health_history hh ON hh.account = h.account
     WHERE hh.score_date IN (SELECT score_date FROM dates)
     GROUP BY 1, 2, 3)
  SELECT g.dimension, g.value, t.trend, t.trend_range
    FROM dash_groups g
    JOIN (SELECT dimension, key, sparkline(avg_health) AS trend,
                 printf('average health %.1f to %.1f', min(avg_health), max(avg_health)) AS trend_range
            FROM (SELECT * FROM pts ORDER BY dimension, key, score_date) GROUP BY dimension, key) t
      ON t.dimension = g.dimension AND t.key IS g.key;

-- ------------------------------------------------------------------ head
.print '<!DOCTYPE html>'
.print '<html lang="en"><head><meta charset="utf-8">'
.print '<meta name="viewport" content="width=device-width, initial-scale=1">'
SELECT '<title>Customer success dashboard – ' || html_escape(coalesce(as_of, '–')) || '</title>'
  FROM dash_kpis;
.print '<style>'
.print ':root{--green:#2e9e5b;--light-green:#8cc152;--yellow:#f0b429;--orange:#ef7d22;--red:#d64545;'
.print '--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f5f7fa;--card:#ffffff;--accent:#334e68}'
.print '*{box-sizing:border-box}'
.print 'body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}'
.print 'header{background:var(--accent);color:#fff;padding:20px 32px}'
.print 'header h1{margin:0;font-size:24px;font-weight:600}'
.print 'header p{margin:4px 0 0;color:#d9e2ec;font-size:14px}'
.print 'main{max-width:1280px;margin:0 auto;padding:20px 32px 40px}'
.print 'section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:18px 22px;margin:0 0 20px}'
.print 'h2{margin:0 0 4px;font-size:18px}'
.print 'h3{margin:16px 0 6px;font-size:15px;color:var(--muted)}'
.print 'p.note{margin:0 0 12px;color:var(--muted);font-size:13px}'
.print '.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(118px,1fr));gap:12px;background:none;border:0;padding:0}'
.print '.kpi{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px;min-width:0}'
.print '.kpi .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}'
.print '.kpi .value{font-size:22px;font-weight:600;margin-top:2px;white-space:nowrap}'
.print '.kpi .sub{color:var(--muted);font-size:12px}'
.print '.pair{display:grid;grid-template-columns:1fr 1fr;gap:20px}'
.print '.pair section{margin:0 0 20px;min-width:0}'
.print '@media (max-width:1100px){.pair{grid-template-columns:1fr}.kpi .label{min-height:2.9em}}'
.print 'svg{max-width:100%;height:auto;display:block}'
.print 'table{border-collapse:collapse;width:100%;font-size:14px}'
.print 'th{text-align:left;color:var(--muted);font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.03em;border-bottom:2px solid var(--line);padding:6px 8px}'
.print 'td{border-bottom:1px solid var(--line);padding:7px 8px;vertical-align:top}'
.print 'td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}'
.print 'td.spark{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:16px;letter-spacing:1px;color:var(--accent);white-space:pre}'
.print '.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px}'
.print '.tier{white-space:nowrap}'
.print '.drivers{color:var(--muted);font-size:13px}'
.print '.scroll{overflow-x:auto}'
.print '.green{background:var(--green)}.light-green{background:var(--light-green)}.yellow{background:var(--yellow)}.orange{background:var(--orange)}.red{background:var(--red)}'
.print 'footer{color:var(--muted);font-size:12px;text-align:center;padding:0 0 24px}'
-- The health distribution's bars take their tier's colour.
SELECT printf('#distribution g.row:nth-of-type(%d) rect.bar{fill:var(--%s)}', d.band, d.color)
  FROM dash_distribution d ORDER BY d.band;
-- The revenue bridge: what added MRR in green, what removed it in red.
.print '#revenue-bridge g.row:nth-of-type(-n+3) rect.bar{fill:var(--green)}'
.print '#revenue-bridge g.row:nth-of-type(n+4) rect.bar{fill:var(--red)}'
-- The drill-down bars take the colour of their average health.
SELECT printf('#%s g.row:nth-of-type(%d) rect.bar{fill:var(--%s)}',
              CASE dimension WHEN 'segment' THEN 'by-segment' ELSE 'by-csm' END,
              row_number() OVER (PARTITION BY dimension ORDER BY arr DESC, value),
              health_color(avg_health))
  FROM dash_groups WHERE avg_health IS NOT NULL ORDER BY dimension, arr DESC, value;
.print '</style></head><body>'

-- ---------------------------------------------------------------- header
SELECT '<header><h1>Customer success dashboard</h1><p>As of ' || html_escape(coalesce(as_of, '–'))
       || ' · ' || accounts || ' active accounts · csmetrics ' || csmetrics_version() || '</p></header>'
  FROM dash_kpis;
.print '<main>'

-- ------------------------------------------------------------------ KPIs
-- Money in the cards is compact: $8.44M, $122.1K.
DROP TABLE IF EXISTS temp.dash_money;
CREATE TEMP TABLE dash_money AS
  SELECT k, CASE WHEN x IS NULL THEN '–' WHEN abs(x) >= 1e6 THEN printf('$%.2fM', x / 1e6)
                 WHEN abs(x) >= 1e3 THEN printf('$%.1fK', x / 1e3) ELSE printf('$%d', x) END AS txt
    FROM (SELECT 'arr' AS k, arr AS x FROM dash_kpis
          UNION ALL SELECT 'at_risk', at_risk_arr FROM dash_kpis);
SELECT '<section class="kpis" id="kpis">'
       || '<div class="kpi"><div class="label">ARR</div><div class="value">'
       || (SELECT txt FROM dash_money WHERE k = 'arr')
       || '</div><div class="sub">annual recurring</div></div>'
       || '<div class="kpi"><div class="label">Average health</div><div class="value">'
       || CASE WHEN avg_health IS NULL THEN '–' ELSE printf('%.1f', avg_health) END
       || '</div><div class="sub">of 100</div></div>'
       || '<div class="kpi"><div class="label">ARR at risk</div><div class="value">'
       || (SELECT txt FROM dash_money WHERE k = 'at_risk')
       || '</div><div class="sub">'
       || CASE WHEN at_risk_share IS NULL THEN '–' ELSE printf('%.1f%%', 100 * at_risk_share) END
       || ' · health&nbsp;&lt;&nbsp;' || (SELECT printf('%g', at_risk_below) FROM cs_settings WHERE id = 1)
       || '</div></div>'
       || '<div class="kpi"><div class="label">NRR (12 months)</div><div class="value">'
       || CASE WHEN nrr_12m IS NULL THEN '–' ELSE printf('%.1f%%', 100 * nrr_12m) END
       || '</div><div class="sub">net revenue retention</div></div>'
       || '<div class="kpi"><div class="label">GRR (12 months)</div><div class="value">'
       || CASE WHEN grr_12m IS NULL THEN '–' ELSE printf('%.1f%%', 100 * grr_12m) END
       || '</div><div class="sub">gross revenue retention</div></div>'
       || '<div class="kpi"><div class="label">Logo retention</div><div class="value">'
       || CASE WHEN logo_retention_12m IS NULL THEN '–' ELSE printf('%.1f%%', 100 * logo_retention_12m) END
       || '</div><div class="sub">12 months</div></div>'
       || '<div class="kpi"><div class="label">NPS (90 days)</div><div class="value">'
       || CASE WHEN nps_90d IS NULL THEN '–' ELSE printf('%+.0f', nps_90d) END
       || '</div><div class="sub">−100 to 100</div></div>'
       || '</section>'
  FROM dash_kpis;

-- ------------------------------------------- distribution and NRR/GRR trend
.print '<div class="pair">'
SELECT '<section id="distribution"><h2>Health distribution</h2>'
       || '<p class="note">Active accounts per health tier (colours as health_color).</p>'
       || coalesce(chart_bars(tier, accounts, '{"width":560}'), '<p>No accounts.</p>')
       || '<table><thead><tr><th>Tier</th><th class="num">Accounts</th><th class="num">Share</th>'
       || '<th class="num">ARR</th></tr></thead><tbody>'
       || group_concat('<tr><td class="tier"><span class="dot ' || html_escape(coalesce(color, ''))
                       || '"></span>' || html_escape(tier) || '</td><td class="num">' || accounts
                       || '</td><td class="num">'
                       || CASE WHEN share IS NULL THEN '–' ELSE printf('%.1f%%', 100 * share) END
                       || '</td><td class="num">' || printf('$%,d', arr) || '</td></tr>', '')
       || '</tbody></table></section>'
  FROM (SELECT * FROM dash_distribution ORDER BY band);

-- Trailing twelve-month NRR and GRR at each of the last twelve month
-- starts, by the definition of portfolio_kpis: accounts with MRR in the
-- month twelve months earlier, their MRR then against now.
WITH RECURSIVE
p AS (SELECT date(as_of, 'start of month') AS m1 FROM dash_kpis),
months(i, m) AS (SELECT 0, m1 FROM p UNION ALL SELECT i + 1, date(m, '-1 month') FROM months WHERE i < 11),
snap AS (SELECT account, month, total(mrr) AS mrr FROM mrr_snapshots GROUP BY account, month),
pairs AS (
  SELECT months.m, s0.mrr AS mrr0, coalesce(s1.mrr, 0) AS mrr1
    FROM months JOIN snap s0 ON s0.month = date(months.m, '-12 months') AND s0.mrr > 0
    LEFT JOIN snap s1 ON s1.account = s0.account AND s1.month = months.m),
trend AS (SELECT m, nrr(mrr0, mrr1) AS nrr, grr(mrr0, mrr1) AS grr FROM pairs GROUP BY m)
SELECT '<section id="retention-trend"><h2>Revenue retention, trailing 12 months</h2>'
       || '<p class="note">NRR and GRR at each month start over the accounts paying twelve months earlier.</p>'
       || coalesce((SELECT chart_line(m, v, metric, '{"format":"pct","width":560,"height":360}')
                      FROM (SELECT m, 'NRR' AS metric, nrr AS v FROM trend
                            UNION ALL SELECT m, 'GRR', grr FROM trend ORDER BY metric DESC, m)),
                   '<p>Needs twelve months of mrr_snapshots.</p>')
       || '</section>';
.print '</div>'

-- -------------------------------------------------------- revenue bridge
-- The last twelve months of mrr_movements (monthly), summed: what added and
-- what removed MRR between the MRR twelve months ago and now.
DROP TABLE IF EXISTS temp.dash_bridge;
CREATE TEMP TABLE dash_bridge AS
  SELECT mv.* FROM dash_kpis k, mrr_movements mv
   WHERE mv.as_of = k.as_of AND mv.period >= date(k.as_of, 'start of month', '-11 months');
WITH b(step, label, mrr) AS (
  SELECT 1, 'New', total(new_mrr) FROM dash_bridge
  UNION ALL SELECT 2, 'Reactivation', total(reactivation_mrr) FROM dash_bridge
  UNION ALL SELECT 3, 'Expansion', total(expansion_mrr) FROM dash_bridge
  UNION ALL SELECT 4, 'Contraction', -total(contraction_mrr) FROM dash_bridge
  UNION ALL SELECT 5, 'Churn', -total(churned_mrr) FROM dash_bridge),
f(step, label, mrr) AS (
  SELECT 0, 'Start ' || substr(period, 1, 7), starting_mrr FROM (SELECT * FROM dash_bridge ORDER BY period LIMIT 1)
  UNION ALL SELECT * FROM b
  UNION ALL SELECT 6, 'End ' || substr(period, 1, 7)
                      || CASE WHEN partial THEN ' (month in progress)' ELSE '' END, ending_mrr
              FROM (SELECT * FROM dash_bridge ORDER BY period DESC LIMIT 1))
SELECT '<section id="revenue-bridge"><h2>Revenue bridge, last 12 months</h2>'
       || CASE WHEN NOT EXISTS (SELECT 1 FROM dash_bridge) THEN '<p class="note">No MRR in mrr_snapshots.</p>'
          ELSE '<p class="note">MRR (monthly) at the start of the first month and at the end of the last, '
               || 'and what added and removed it in between (mrr_movements).</p>'
               || (SELECT chart_bars(label, mrr, '{"format":"money","width":1160}')
                     FROM (SELECT * FROM b ORDER BY step))
               || '<div class="scroll"><table class="bridge"><thead><tr>'
               || (SELECT group_concat('<th class="num">' || html_escape(label) || '</th>', '')
                     FROM (SELECT * FROM f ORDER BY step))
               || '</tr></thead><tbody><tr>'
               || (SELECT group_concat('<td class="num">'
                                       || CASE WHEN mrr IS NULL THEN '–'
                                               WHEN step BETWEEN 1 AND 5 THEN printf('%+,d', round(mrr))
                                               ELSE printf('$%,d', round(mrr)) END || '</td>', '')
                     FROM (SELECT * FROM f ORDER BY step))
               || '</tr></tbody></table></div>' END
       || '</section>';

-- ------------------------------------------------------ cohort retention
SELECT '<section id="cohorts"><h2>Cohort retention</h2>'
       || '<p class="note">Share of each monthly cohort (first month of product use) active N months later (MN); the last twelve cohorts.</p>'
       || '<div class="scroll">'
       || coalesce(chart_heatmap(substr(cohort, 1, 7), 'M' || period, retention, '{"format":"pct","width":1160}'),
                   '<p>No usage events.</p>')
       || '</div></section>'
  FROM (SELECT r.* FROM dash_kpis k, cohort_retention r
         WHERE r.source = 'usage_events' AND r.granularity = 'month' AND r.as_of = k.as_of
           AND r.period < 12 AND r.cohort >= date(k.as_of, 'start of month', '-11 months')
         ORDER BY r.cohort, r.period);

-- --------------------------------------------------------- at-risk list
SELECT '<section id="at-risk"><h2>At-risk accounts</h2>'
       || '<p class="note">' || (SELECT count(*) FROM dash_at_risk) || ' accounts at risk (health below '
       || (SELECT printf('%g', at_risk_below) FROM cs_settings WHERE id = 1) || ', cs_settings.at_risk_below), '
       || (SELECT printf('$%,d', round(at_risk_arr)) FROM dash_kpis)
       || ' ARR; the 25 largest. Trend: the last 12 health snapshots, oldest first.</p>'
       || '<div class="scroll"><table><thead><tr><th>Account</th><th>Segment</th><th>CSM</th>'
       || '<th class="num">ARR</th><th>Health</th><th class="num">30-day change</th><th>Trend</th><th>Drivers</th></tr></thead><tbody>';
SELECT '<tr><td>' || html_escape(coalesce(r.name, r.account)) || '</td><td>'
       || html_escape(coalesce(r.segment, '–')) || '</td><td>' || html_escape(coalesce(r.csm, '–'))
       || '</td><td class="num">' || printf('$%,d', r.arr) || '</td><td class="tier"><span class="dot '
       || html_escape(coalesce(r.color, '')) || '"></span>'
       || CASE WHEN r.health_score IS NULL THEN '–' ELSE printf('%.0f', r.health_score) END
       || ' ' || html_escape(coalesce(r.tier, '')) || '</td><td class="num">'
       || CASE WHEN r.change IS NULL THEN '–' ELSE printf('%+.0f', r.change) END
       || '</td><td class="spark" title="' || coalesce(s.snapshots, 0) || ' snapshots">'
       || coalesce(html_escape(s.trend), '–') || '</td><td class="drivers">'
       || html_escape(coalesce(r.drivers, '–')) || '</td></tr>'
  FROM dash_at_risk r LEFT JOIN health_sparkline s ON s.account = r.account
 WHERE r.rank <= 25 ORDER BY r.rank;
.print '</tbody></table></div></section>'

-- ------------------------------------------------------------ drill-downs
SELECT '<section id="' || CASE dimension WHEN 'segment' THEN 'by-segment' ELSE 'by-csm' END || '"><h2>'
       || CASE dimension WHEN 'segment' THEN 'By segment' ELSE 'By CSM' END || '</h2>'
       || '<p class="note">Average health of each '
       || CASE dimension WHEN 'segment' THEN 'segment' ELSE 'CSM''s book' END
       || ' (bars coloured as health_color).</p>'
       || chart_bars(value, round(avg_health, 1), '{"max":100,"width":1160}')
       || '<div class="scroll"><table><thead><tr><th>'
       || CASE dimension WHEN 'segment' THEN 'Segment' ELSE 'CSM' END || '</th><th class="num">Accounts</th>'
       || '<th class="num">ARR</th><th class="num">Avg health</th><th class="num">At-risk accounts</th>'
       || '<th class="num">ARR at risk</th><th class="num">Share of ARR</th><th class="num">NRR</th>'
       || '<th class="num">GRR</th><th class="num">NPS</th><th>Avg health trend</th></tr></thead><tbody>'
       || group_concat('<tr><td>' || html_escape(value) || '</td><td class="num">' || accounts
                       || '</td><td class="num">' || printf('$%,d', arr) || '</td><td class="num">'
                       || CASE WHEN avg_health IS NULL THEN '–' ELSE printf('%.1f', avg_health) END
                       || '</td><td class="num">' || at_risk_accounts || '</td><td class="num">'
                       || printf('$%,d', at_risk_arr) || '</td><td class="num">'
                       || CASE WHEN at_risk_share IS NULL THEN '–' ELSE printf('%.1f%%', 100 * at_risk_share) END
                       || '</td><td class="num">'
                       || CASE WHEN nrr_12m IS NULL THEN '–' ELSE printf('%.1f%%', 100 * nrr_12m) END
                       || '</td><td class="num">'
                       || CASE WHEN grr_12m IS NULL THEN '–' ELSE printf('%.1f%%', 100 * grr_12m) END
                       || '</td><td class="num">'
                       || CASE WHEN nps_90d IS NULL THEN '–' ELSE printf('%+.0f', nps_90d) END
                       || '</td><td class="spark" title="' || html_escape(coalesce(trend_range, ''))
                       || '">' || coalesce(html_escape(trend), '–') || '</td></tr>', '')
       || '</tbody></table></div></section>'
  FROM (SELECT g.*, t.trend, t.trend_range FROM dash_groups g
          LEFT JOIN dash_group_trend t ON t.dimension = g.dimension AND t.value = g.value
         ORDER BY g.dimension DESC, g.arr DESC, g.value)
 GROUP BY dimension ORDER BY dimension DESC;
-- Without active accounts the two sections say so.
SELECT '<section id="by-segment"><h2>By segment</h2><p>No active accounts.</p></section>'
       || '<section id="by-csm"><h2>By CSM</h2><p>No active accounts.</p></section>'
 WHERE NOT EXISTS (SELECT 1 FROM dash_groups);

.print '</main>'
.print '<footer>Generated by sql/reports/dashboard_html.sql with csmetrics. No script, no network: this file is the whole dashboard.</footer>'
.print '</body></html>'
