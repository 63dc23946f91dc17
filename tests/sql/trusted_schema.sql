-- With PRAGMA trusted_schema=OFF, SQLite refuses functions that are not
-- SQLITE_INNOCUOUS inside views, generated columns and index expressions
-- ("unsafe use of f()"). Every csmetrics function must work there
-- (docs/conventions.md, "Where functions can be used"). One section per family.
PRAGMA trusted_schema = OFF;

-- Scoring functions (health_score.c, scoring.c).
CREATE TABLE scored(
  id INTEGER PRIMARY KEY, u, e, g, s, f, prev, dau_mau, tickets, adoption, usage_now, usage_prior, p,
  health REAL GENERATED ALWAYS AS (health_score(u, e, g, s, f)) STORED,
  health_json REAL GENERATED ALWAYS AS
    (health_score(u, e, g, s, f, '{"usage":40,"engagement":20,"growth":20,"support":15,"financial":5}', 'zero')) VIRTUAL,
  coverage REAL GENERATED ALWAYS AS (health_coverage(u, e, g, s, f, 'classic')) VIRTUAL,
  tier TEXT GENERATED ALWAYS AS (health_tier(health_score(u, e, g, s, f))) VIRTUAL,
  usage_score REAL GENERATED ALWAYS AS (score_linear(dau_mau, 0.40)) VIRTUAL,
  ticket_score REAL GENERATED ALWAYS AS (score_inverse(tickets, 10, 0)) VIRTUAL,
  adoption_score REAL GENERATED ALWAYS AS (score_steps(adoption, '[[0.5,100],[0.4,80],[0.3,60]]')) VIRTUAL,
  trend_score REAL GENERATED ALWAYS AS (score_trend(u, usage_now, usage_prior, 0.2)) VIRTUAL,
  risk TEXT GENERATED ALWAYS AS (risk_tier(p)) VIRTUAL,
  meter TEXT GENERATED ALWAYS AS (bar(u, 100, 10)) VIRTUAL
);
CREATE INDEX scored_tier ON scored(health_tier(health_score(u, e, g, s, f), '[90,75,50,30]'));
CREATE INDEX scored_color ON scored(health_color(health), health_action(health));
CREATE INDEX scored_trend ON scored(health_trend(health, prev, 5));
CREATE INDEX scored_risk ON scored(risk_tier(p)) WHERE score_linear(dau_mau, 0.4) > 0;
CREATE VIEW scored_view AS
  SELECT id, health_score(u, e, g, s, f, 'enterprise') AS h_enterprise,
         health_coverage(u, e, g, s, f) AS cov,
         health_tier(health, '[90,75,50,30]') AS tier_custom,
         health_color(health) AS color, health_action(health) AS action,
         health_trend(health, prev) AS trend,
         score_linear(dau_mau, 0.40) AS usage_score, score_inverse(tickets, 10) AS ticket_score,
         score_steps(adoption, '[[0.5,100],[0.4,80],[0.3,60]]') AS adoption_score,
         score_trend(70, usage_now, usage_prior) AS trend_score,
         risk_tier(p) AS risk, bar(u, 100) AS meter
    FROM scored;

INSERT INTO scored(id, u, e, g, s, f, prev, dau_mau, tickets, adoption, usage_now, usage_prior, p)
  VALUES (1, 80, 60, 70, 50, 90, 60, 0.32, 3, 0.32, 115, 100, 0.55),
         (2, 20, NULL, 30, 40, 10, 40, 0.05, 12, 0.1, 50, 100, 0.8);

SELECT 'generated health', health, 70.0 FROM scored WHERE id = 1;
SELECT 'generated health json', health_json, 20.5 FROM scored WHERE id = 2;   -- (800+0+600+600+50)/100
SELECT 'generated health 2', health, 1850 / 75.0 FROM scored WHERE id = 2;    -- (700+450+600+100)/75
SELECT 'generated coverage', coverage, 0.75 FROM scored WHERE id = 2;
SELECT 'generated tier', tier, 'Healthy' FROM scored WHERE id = 1;
SELECT 'generated usage', usage_score, 80.0 FROM scored WHERE id = 1;
SELECT 'generated tickets', ticket_score, 0.0 FROM scored WHERE id = 2;
SELECT 'generated adoption', adoption_score, 60.0 FROM scored WHERE id = 1;
SELECT 'generated trend', trend_score, 82.4 FROM scored WHERE id = 1;         -- 80 * 1.03
SELECT 'generated risk', risk, 'Critical' FROM scored WHERE id = 2;
SELECT 'generated meter', meter, '████████░░' FROM scored WHERE id = 1;
SELECT 'index lookup', group_concat(id), '1' FROM scored
 WHERE health_tier(health_score(u, e, g, s, f), '[90,75,50,30]') = 'Neutral';
SELECT 'index lookup 2', group_concat(id), '2' FROM scored WHERE health_color(health) = 'red';
SELECT 'view', h_enterprise || ' ' || cov || ' ' || tier_custom || ' ' || color || ' ' || action
       || ' ' || trend || ' ' || usage_score || ' ' || ticket_score || ' ' || adoption_score
       || ' ' || trend_score || ' ' || risk || ' ' || meter,
       '69.0 1.0 Neutral light-green Monitor, optimize improving 80.0 70.0 60.0 72.1 High '
       || '████████████████░░░░'
  FROM scored_view WHERE id = 1;
SELECT 'view 2', tier_custom || ' ' || trend || ' ' || risk, 'Critical declining Critical'
  FROM scored_view WHERE id = 2;
PRAGMA integrity_check;
