-- snapshot.sql -- records what the health model says today: health_history
-- and the alert lifecycle in alert_log.
--
--   sqlite3 cs.db '.load ./build/csmetrics' '.read sql/snapshot.sql'
--
-- Run it once per scoring date (weekly or monthly), in date order. The
-- date is as_of (cs_settings.as_of, else the latest date in the data).
-- account_health reads the score 30 days earlier from health_history, the
-- validation report measures how these scores predicted churn, and
-- new_alerts shows the alerts this run opened. Running it twice for the
-- same date changes nothing. The model is computed once (one
-- account_health_alerts pass into a temporary table).
--
-- Rules of alert_log (one row per alert episode of an account and signal):
--   1. an alert seen now with no row open for its account and signal opens
--      a row: first_seen = last_seen = as_of, resolved_at NULL;
--   2. an open row whose alert is seen again gets last_seen = as_of and the
--      severity seen now;
--   3. an open row whose alert is not seen now is resolved: resolved_at =
--      as_of (the first run that no longer saw it);
--   4. an alert seen again less than cs_settings.alert_cooldown_days after
--      its last episode was resolved does not open a new alert: that
--      episode re-opens (resolved_at back to NULL, last_seen = as_of), so a
--      flapping signal is not reported as new each time; from
--      alert_cooldown_days after the resolution on, rule 1 applies.
DROP TABLE IF EXISTS temp.snapshot_now;
CREATE TEMP TABLE snapshot_now AS
SELECT account, as_of, health_score, usage, engagement, growth, support, financial, drivers,
       signal, severity
  FROM account_health_alerts;

INSERT INTO health_history (account, score_date, health_score, usage, engagement, growth,
                            support, financial, drivers)
SELECT h.account, h.as_of, h.health_score, h.usage, h.engagement, h.growth, h.support,
       h.financial, h.drivers
  FROM (SELECT DISTINCT account, as_of, health_score, usage, engagement, growth, support,
                        financial, drivers
          FROM temp.snapshot_now) h
 WHERE h.health_score IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM health_history x
                    WHERE x.account = h.account AND x.score_date = h.as_of);

INSERT OR IGNORE INTO snapshot_runs (run_date) SELECT as_of FROM cs_as_of;

-- Rule 3: resolve what is no longer seen.
UPDATE alert_log SET resolved_at = (SELECT as_of FROM cs_as_of)
 WHERE resolved_at IS NULL
   AND last_seen < (SELECT as_of FROM cs_as_of)
   AND NOT EXISTS (SELECT 1 FROM temp.snapshot_now n
                    WHERE n.account = alert_log.account AND n.signal = alert_log.signal);

-- Rule 4: re-open the latest episode resolved within the cool-down.
UPDATE alert_log SET resolved_at = NULL
 WHERE resolved_at IS NOT NULL
   AND resolved_at > date((SELECT as_of FROM cs_as_of),
                          printf('-%d days', (SELECT alert_cooldown_days FROM cs_settings WHERE id = 1)))
   AND EXISTS (SELECT 1 FROM temp.snapshot_now n
                WHERE n.account = alert_log.account AND n.signal = alert_log.signal)
   AND NOT EXISTS (SELECT 1 FROM alert_log o
                    WHERE o.account = alert_log.account AND o.signal = alert_log.signal
                      AND (o.resolved_at IS NULL OR o.first_seen > alert_log.first_seen));

-- Rule 2 (and the episodes rule 4 re-opened).
UPDATE alert_log
   SET last_seen = (SELECT as_of FROM cs_as_of),
       severity = (SELECT n.severity FROM temp.snapshot_now n
                    WHERE n.account = alert_log.account AND n.signal = alert_log.signal)
 WHERE resolved_at IS NULL
   AND EXISTS (SELECT 1 FROM temp.snapshot_now n
                WHERE n.account = alert_log.account AND n.signal = alert_log.signal);

-- Rule 1.
INSERT INTO alert_log (account, signal, severity, first_seen, last_seen)
SELECT n.account, n.signal, n.severity, n.as_of, n.as_of
  FROM temp.snapshot_now n
 WHERE n.signal IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM alert_log o
                    WHERE o.account = n.account AND o.signal = n.signal
                      AND (o.resolved_at IS NULL OR o.resolved_at = n.as_of));

DROP TABLE temp.snapshot_now;
