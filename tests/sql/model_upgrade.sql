-- Re-reading sql/model.sql over a database made by the previous release
-- keeps every setting and analyst UPDATE: cs_settings, cs_segments and
-- alert_rules are rebuilt with their new columns, an old column keeping its
-- value and a new one taking its default. The three tables below are the
-- previous release's definitions, verbatim.

-- include: sql/schema.sql
CREATE TABLE IF NOT EXISTS cs_settings (
  id                      INTEGER PRIMARY KEY CHECK (id = 1),
  as_of                   TEXT,             -- NULL: the latest date in the data
  profile                 TEXT NOT NULL DEFAULT 'default',
  usage_trend_sensitivity REAL NOT NULL DEFAULT 0.2 CHECK (usage_trend_sensitivity >= 0)
);
INSERT OR IGNORE INTO cs_settings (id) VALUES (1);
CREATE TABLE IF NOT EXISTS cs_segments (
  segment               TEXT PRIMARY KEY,
  checkin_cadence_days  REAL CHECK (checkin_cadence_days > 0),
  tier_cutoffs          TEXT NOT NULL DEFAULT '[85,70,50,30]'
);
INSERT OR IGNORE INTO cs_segments (segment, checkin_cadence_days) VALUES
  ('enterprise', 30), ('mid_market', 45), ('smb', 90), ('starter', 180);
CREATE TABLE IF NOT EXISTS alert_rules (
  signal      TEXT NOT NULL,
  severity    TEXT NOT NULL CHECK (severity IN ('Critical', 'High', 'Warning')),
  threshold   REAL NOT NULL,
  window_days INTEGER,
  owner       TEXT NOT NULL,
  sla         TEXT NOT NULL,
  PRIMARY KEY (signal, severity)
);
INSERT OR IGNORE INTO alert_rules (signal, severity, threshold, window_days, owner, sla) VALUES
  ('usage_decline',   'Critical', 0.50, NULL, 'CS manager', '24 hours'),
  ('usage_decline',   'High',     0.25, NULL, 'csm',        '48 hours');

-- The analyst's changes under the previous release.
UPDATE cs_settings SET as_of = '2026-01-31', profile = 'classic', usage_trend_sensitivity = 0.5;
UPDATE cs_segments SET tier_cutoffs = '[90,75,55,35]', checkin_cadence_days = 60 WHERE segment = 'smb';
INSERT INTO cs_segments (segment, checkin_cadence_days) VALUES ('partner', 120);
UPDATE alert_rules SET threshold = 0.3, owner = 'Team lead' WHERE signal = 'usage_decline' AND severity = 'High';
INSERT INTO alert_rules VALUES ('custom', 'Warning', 1, 7, 'csm', '1 day');

-- include: sql/model.sql
SELECT 'settings kept', as_of || ' ' || profile || ' ' || usage_trend_sensitivity, '2026-01-31 classic 0.5'
  FROM cs_settings;
SELECT 'settings gained', tier_cutoffs || ' ' || at_risk_below || ' ' || renewal_horizon_days || ' '
       || alert_cooldown_days || ' ' || churn_horizon_days, '[85,70,50,30] 50.0 180 30 90' FROM cs_settings;
SELECT 'segments kept', (SELECT group_concat(segment || ':' || coalesce(profile, 'NULL') || ':' || tier_cutoffs
                                             || ':' || checkin_cadence_days, ' ')
                           FROM (SELECT * FROM cs_segments ORDER BY segment)),
       'enterprise:NULL:[85,70,50,30]:30.0 mid_market:NULL:[85,70,50,30]:45.0 partner:NULL:[85,70,50,30]:120.0 '
       || 'smb:NULL:[90,75,55,35]:60.0 starter:NULL:[85,70,50,30]:180.0';
SELECT 'rule kept', threshold || ' ' || owner || ' ' || playbook, '0.3 Team lead Usage review call: find what changed'
  FROM alert_rules WHERE signal = 'usage_decline' AND severity = 'High';
-- The previous release accepted a rule of any signal and ignored it: such a
-- rule is quarantined with its values, not kept as a silent no-op.
SELECT 'custom rule quarantined', (SELECT count(*) FROM alert_rules WHERE signal = 'custom'), 0;
SELECT 'custom rule in rejected_rows', source_table || ' | ' || value || ' | ' || reason,
       'alert_rules | signal=''custom'', severity=''Warning'' | model upgrade: alert rule of a signal not in signal_catalog'
  FROM rejected_rows;
SELECT 'default rules added', count(*), 18 FROM alert_rules;
SELECT 'no copies left', count(*), 0 FROM temp.sqlite_master WHERE name LIKE '%_kept';

-- Reading it again changes nothing.
UPDATE cs_settings SET at_risk_below = 45, churn_horizon_days = 60;
UPDATE cs_segments SET profile = 'enterprise' WHERE segment = 'enterprise';
UPDATE alert_rules SET playbook = 'Call' WHERE signal = 'usage_decline' AND severity = 'High';
-- include: sql/model.sql
SELECT 'second read', (SELECT at_risk_below || ' ' || churn_horizon_days || ' ' || profile FROM cs_settings)
       || ' ' || (SELECT profile FROM cs_segments WHERE segment = 'enterprise')
       || ' ' || (SELECT playbook FROM alert_rules WHERE signal = 'usage_decline' AND severity = 'High'),
       '45.0 60 classic enterprise Call';
SELECT 'quarantined once', count(*), 1 FROM rejected_rows;
