-- The aggregates and window functions of velocity.c, portfolio.c and
-- validation.c, and the scalars nps_category and usage_velocity, are
-- SQLITE_INNOCUOUS: they work inside views, generated columns and index
-- expressions of the schema while PRAGMA trusted_schema=OFF (docs/conventions.md,
-- Flags). A function without the flag would fail there with
-- "unsafe use of <name>()".

PRAGMA trusted_schema = OFF;

CREATE TABLE scored(account TEXT, segment TEXT, month TEXT, risk REAL, churned INTEGER,
                    p_churn REAL, health REAL, usage REAL, score INTEGER,
                    m0 REAL, m1 REAL);
INSERT INTO scored VALUES
  ('a', 'smb', '2024-01', 0.9, 1, 0.8, 20, 10, 3, 100, 0),
  ('b', 'smb', '2024-01', 0.2, 0, 0.1, 80, 90, 9, 200, 220),
  ('c', 'smb', '2024-02', 0.6, 1, 0.7, 40, 30, 6, 50, 40),
  ('d', 'ent', '2024-02', 0.3, 0, 0.2, 70, 60, 8, 300, 330),
  ('e', 'ent', '2024-03', 0.1, 0, 0.1, 95, 95, 10, 400, 400),
  ('f', 'ent', '2024-03', 0.4, 0, 0.3, 60, 50, 7, 0, 100);

CREATE TABLE usage_events(account TEXT, date TEXT, event_count INTEGER);
INSERT INTO usage_events VALUES
  ('a', '2024-03-30', 5), ('a', '2024-02-20', 10),
  ('b', '2024-03-15', 30), ('b', '2024-02-15', 20);

-- Every aggregate in one view, per segment.
CREATE VIEW model_quality AS
SELECT segment,
       auc(risk, churned) AS auc,
       lift(risk, churned, 0.5) AS lift,
       pearson_corr(usage, health) AS corr,
       calibration_error(p_churn, churned, 5) AS ece,
       nps(score) AS nps,
       nrr(m0, m1) AS nrr,
       grr(m0, m1) AS grr
  FROM scored GROUP BY segment;

-- The window forms in a view.
CREATE VIEW rolling AS
SELECT account,
       nps(score) OVER w AS nps_2,
       nrr(m0, m1) OVER w AS nrr_2,
       grr(m0, m1) OVER w AS grr_2,
       pearson_corr(usage, health) OVER w AS corr_2
  FROM scored WINDOW w AS (ORDER BY account ROWS 1 PRECEDING);

CREATE VIEW velocity AS
SELECT account, usage_velocity(date, event_count, '2024-03-31') AS v30,
       usage_velocity(sum(event_count), 10) AS v_scalar
  FROM usage_events GROUP BY account;

-- Scalars in a generated column and an index expression.
CREATE TABLE responses(id INTEGER PRIMARY KEY, score INTEGER,
                       category TEXT GENERATED ALWAYS AS (nps_category(score)) VIRTUAL);
CREATE INDEX responses_by_category ON responses(nps_category(score));
INSERT INTO responses(score) VALUES (10), (7), (2), (9);

-- smb: a (0.9, churned), b (0.2), c (0.6, churned): auc 1; top ceil(1.5) = 2
-- rows are both churned: lift (2/2) / (2/3) = 1.5; nps of 3, 9, 6: -100/3;
-- nrr (0 + 220 + 40) / 350; grr (0 + 200 + 40) / 350.
SELECT 'view_smb_auc', auc, 1.0 FROM model_quality WHERE segment = 'smb';
SELECT 'view_smb_lift', lift, 1.5 FROM model_quality WHERE segment = 'smb';
SELECT 'view_smb_nps', nps, -100.0 / 3 FROM model_quality WHERE segment = 'smb';
SELECT 'view_smb_nrr', nrr, 260.0 / 350 FROM model_quality WHERE segment = 'smb';
SELECT 'view_smb_grr', grr, 240.0 / 350 FROM model_quality WHERE segment = 'smb';
-- ent: (usage, health) = (60, 70), (95, 95), (50, 60), checked against the
-- two-pass formula.
SELECT 'view_ent_corr', corr,
       (SELECT sum((usage - mu) * (health - mh))
                 / sqrt(sum((usage - mu) * (usage - mu)) * sum((health - mh) * (health - mh)))
          FROM scored, (SELECT avg(usage) AS mu, avg(health) AS mh FROM scored WHERE segment = 'ent')
         WHERE segment = 'ent')
  FROM model_quality WHERE segment = 'ent';
-- ent has no churn: auc and lift are NULL.
SELECT 'view_ent_no_churn', auc IS NULL AND lift IS NULL FROM model_quality WHERE segment = 'ent';
-- ent ECE with 5 bins: p 0.2 (bin 1), 0.1 (bin 0), 0.3 (bin 1): |0.1 - 0| + |0.5 - 0| = 0.6 / 3
SELECT 'view_ent_ece', ece, 0.2 FROM model_quality WHERE segment = 'ent';
-- rolling over accounts in order: at 'b' the frame is a, b.
SELECT 'view_rolling_nps_b', nps_2, 0.0 FROM rolling WHERE account = 'b';
SELECT 'view_rolling_nrr_b', nrr_2, 220.0 / 300 FROM rolling WHERE account = 'b';
SELECT 'view_rolling_grr_b', grr_2, 200.0 / 300 FROM rolling WHERE account = 'b';
SELECT 'view_rolling_corr_b', corr_2, 1.0 FROM rolling WHERE account = 'b';
-- at 'f' the frame is e, f: f is a new account, e kept 400 of 400.
SELECT 'view_rolling_nrr_f', nrr_2, 1.0 FROM rolling WHERE account = 'f';
-- a: current 5, prior 10 -> -0.5; b: current 30, prior 20 -> 0.5.
SELECT 'view_velocity_a', v30, -0.5 FROM velocity WHERE account = 'a';
SELECT 'view_velocity_b', v30, 0.5 FROM velocity WHERE account = 'b';
SELECT 'view_velocity_scalar_b', v_scalar, 4.0 FROM velocity WHERE account = 'b';
SELECT 'generated_column', (SELECT group_concat(category, ',') FROM responses),
       'Promoter,Passive,Detractor,Promoter';
SELECT 'index_expression', (SELECT count(*) FROM responses WHERE nps_category(score) = 'Promoter'), 2;
