-- seed_example.sql -- the seed's example export (samples/seed_example.csv:
-- one row per account with MRR, logins, features used, open tickets, a net
-- NPS and days since the last login), imported through the same steps as
-- sql/import/ and scored, with the seed's Green / Yellow / Red status.
-- samples/README.md walks through it.
--
--   sqlite3 seed.db '.load ./build/csmetrics' '.read sql/schema.sql' \
--     '.import --csv samples/seed_example.csv stage_seed_example' \
--     '.read samples/seed_example.sql' 'SELECT * FROM seed_scores'
--
-- The export is a per-account summary, not one of the data model's tables,
-- so it gets a table of its own, seed_example, declared to the import steps
-- like any other (its columns in import_columns, its source in
-- import_settings).
--
-- How it is scored (our scorecard; the seed prints scores, not its weights
-- or targets):
--   usage       the mean of score_linear(logins_30d, 400),
--               score_linear(features_used, 10) and
--               score_inverse(days_since_last_login, 30)
--   engagement  the net NPS through score_steps: nps_score is the account's
--               net score (promoters minus detractors, in NPS points from
--               -100 to 100), not a 0-10 response, so 9 and 7 are weakly
--               positive and -1 and -3 weakly negative:
--               [[50,100],[30,80],[0,60],[-30,30]] (below -30: 0)
--   support     score_inverse(open_tickets, 10)
--   growth, financial: the export has no column for them (MRR is a size,
--               not a trend), so they are NULL and health_score
--               redistributes their weight.
-- health_score(usage, engagement, NULL, support, NULL) with the default
-- profile, then health_rag with its default cutoffs [75,50].

CREATE TABLE IF NOT EXISTS seed_example (
  id                    INTEGER PRIMARY KEY,
  account_id            TEXT NOT NULL UNIQUE,
  mrr                   REAL CHECK (typeof(mrr) IN ('integer', 'real', 'null') AND mrr >= 0),
  logins_30d            INTEGER CHECK (typeof(logins_30d) IN ('integer', 'null') AND logins_30d >= 0),
  features_used         INTEGER CHECK (typeof(features_used) IN ('integer', 'null') AND features_used >= 0),
  open_tickets          INTEGER CHECK (typeof(open_tickets) IN ('integer', 'null') AND open_tickets >= 0),
  nps_score             REAL CHECK (typeof(nps_score) IN ('integer', 'real', 'null') AND nps_score BETWEEN -100 AND 100),
  days_since_last_login INTEGER CHECK (typeof(days_since_last_login) IN ('integer', 'null') AND days_since_last_login >= 0)
);
INSERT OR REPLACE INTO import_columns (source_table, position, column_name, kind, lo, hi, allowed, is_key) VALUES
  ('seed_example', 1, 'account_id', 'text', NULL, NULL, NULL, 1),
  ('seed_example', 2, 'mrr', 'number', 0, NULL, NULL, 0),
  ('seed_example', 3, 'logins_30d', 'integer', 0, NULL, NULL, 0),
  ('seed_example', 4, 'features_used', 'integer', 0, NULL, NULL, 0),
  ('seed_example', 5, 'open_tickets', 'integer', 0, NULL, NULL, 0),
  ('seed_example', 6, 'nps_score', 'number', -100, 100, NULL, 0),
  ('seed_example', 7, 'days_since_last_login', 'integer', 0, NULL, NULL, 0);
INSERT OR IGNORE INTO import_settings (source_table) VALUES ('seed_example');

-- The import, as in sql/import/<table>.sql.
.read sql/import/_begin.sql
INSERT INTO temp.import_job (source_table) VALUES ('seed_example');
INSERT INTO temp.import_cells (record, column_name, raw)
  SELECT s.rowid, c.key, c.value
    FROM stage_seed_example AS s,
         (SELECT '' AS account_id, '' AS mrr, '' AS logins_30d, '' AS features_used,
                 '' AS open_tickets, '' AS nps_score, '' AS days_since_last_login) AS absent,
         json_each(json_object(
           'account_id', (SELECT account_id FROM stage_seed_example AS o WHERE o.rowid = s.rowid),
           'mrr', (SELECT mrr FROM stage_seed_example AS o WHERE o.rowid = s.rowid),
           'logins_30d', (SELECT logins_30d FROM stage_seed_example AS o WHERE o.rowid = s.rowid),
           'features_used', (SELECT features_used FROM stage_seed_example AS o WHERE o.rowid = s.rowid),
           'open_tickets', (SELECT open_tickets FROM stage_seed_example AS o WHERE o.rowid = s.rowid),
           'nps_score', (SELECT nps_score FROM stage_seed_example AS o WHERE o.rowid = s.rowid),
           'days_since_last_login', (SELECT days_since_last_login FROM stage_seed_example AS o
                                      WHERE o.rowid = s.rowid))) AS c;
.read sql/import/_check.sql
DROP VIEW IF EXISTS temp.import_seed_example;
CREATE TEMP VIEW import_seed_example AS
  SELECT record,
         json_extract(row, '$.account_id') AS account_id,
         json_extract(row, '$.mrr') AS mrr,
         json_extract(row, '$.logins_30d') AS logins_30d,
         json_extract(row, '$.features_used') AS features_used,
         json_extract(row, '$.open_tickets') AS open_tickets,
         json_extract(row, '$.nps_score') AS nps_score,
         json_extract(row, '$.days_since_last_login') AS days_since_last_login
    FROM temp.import_records WHERE status = 'new';
UPDATE temp.import_records SET status = 'duplicate'
 WHERE record IN (SELECT n.record FROM temp.import_seed_example AS n
                   WHERE EXISTS (SELECT 1 FROM seed_example AS t
                                  WHERE t.account_id IS n.account_id AND t.mrr IS n.mrr
                                    AND t.logins_30d IS n.logins_30d
                                    AND t.features_used IS n.features_used
                                    AND t.open_tickets IS n.open_tickets
                                    AND t.nps_score IS n.nps_score
                                    AND t.days_since_last_login IS n.days_since_last_login));
UPDATE temp.import_records SET status = 'key'
 WHERE record IN (SELECT n.record FROM temp.import_seed_example AS n
                    JOIN seed_example AS t ON t.account_id = n.account_id);
INSERT INTO seed_example (account_id, mrr, logins_30d, features_used, open_tickets, nps_score,
                          days_since_last_login)
  SELECT account_id, mrr, logins_30d, features_used, open_tickets, nps_score, days_since_last_login
    FROM temp.import_seed_example ORDER BY record;
.read sql/import/_end.sql
DROP VIEW temp.import_seed_example;
DROP TABLE stage_seed_example;

-- The scores, next to the seed's own (92, 74 and 31; the seed prints no
-- number for Delta-Co, only its status).
DROP VIEW IF EXISTS seed_scores;
CREATE VIEW seed_scores AS
  WITH component AS (
    SELECT account_id,
           (score_linear(logins_30d, 400) + score_linear(features_used, 10)
            + score_inverse(days_since_last_login, 30)) / 3 AS usage,
           score_steps(nps_score, '[[50,100],[30,80],[0,60],[-30,30]]') AS engagement,
           score_inverse(open_tickets, 10) AS support
      FROM seed_example),
  seed(account_id, seed_score, seed_status) AS (
    VALUES ('ACME-Corp', 92, 'Green'), ('Gamma-Ltd', 74, 'Yellow'), ('Beta-Inc', 31, 'Red'),
           ('Delta-Co', NULL, 'Red'))
  SELECT c.account_id AS account,
         round(c.usage, 1) AS usage, c.engagement, c.support,
         round(health_score(c.usage, c.engagement, NULL, c.support, NULL), 1) AS health,
         health_rag(health_score(c.usage, c.engagement, NULL, c.support, NULL)) AS status,
         s.seed_score, s.seed_status
    FROM component c LEFT JOIN seed s USING (account_id)
   ORDER BY health DESC;
