-- snapshot.sql -- records what the health model says today in health_history.
--
--   sqlite3 cs.db '.load ./build/csmetrics' '.read sql/snapshot.sql'
--
-- Appends one row per scored account of account_health, dated as_of
-- (cs_settings.as_of, else the latest date in the data). Run it on a
-- schedule (weekly or monthly): account_health reads the score 30 days
-- earlier from health_history, and the validation report
-- (sql/reports/validation.sql) measures how these scores predicted churn.
-- Running it twice for the same date adds nothing.
INSERT INTO health_history (account, score_date, health_score, usage, engagement, growth,
                            support, financial)
SELECT h.account, h.as_of, h.health_score, h.usage, h.engagement, h.growth, h.support,
       h.financial
  FROM account_health h
 WHERE h.health_score IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM health_history x
                    WHERE x.account = h.account AND x.score_date = h.as_of);
