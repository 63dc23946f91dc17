-- schema.sql -- the Cube-shaped tables of the csmetrics data model, release v1.
--
--   sqlite3 cs.db '.read sql/schema.sql'
--
-- Every table has an `id` INTEGER primary key and an `account` TEXT
-- dimension; time dimensions are dates. Re-running the file is harmless
-- (CREATE ... IF NOT EXISTS). docs/data-model.md maps each table to its cube,
-- its measures and dimensions, and the export that usually feeds it.
--
-- Dates are stored as ISO-8601 text, 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS'
-- (UTC). The CHECK constraints insist on that form because the model's views
-- (sql/model.sql) compare dates as text so that the indexes below serve the
-- "last N days" windows; convert other forms while importing (see
-- docs/first-report.md). Domains fixed by the data model (segments, feature
-- classes, invoice status, churn kind, score ranges) are CHECKed too; a NULL
-- passes every CHECK, so a missing value is allowed and shows up in the data
-- quality report instead.

-- The four Check-In Impact cubes, exactly as the seed library defines them.
CREATE TABLE IF NOT EXISTS check_in_logs (
  id      INTEGER PRIMARY KEY,
  date    TEXT CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),
  type    TEXT,
  account TEXT
);

CREATE TABLE IF NOT EXISTS post_check_in_behavior (
  id            INTEGER PRIMARY KEY,
  account       TEXT,
  behavior_date TEXT CHECK (behavior_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),
  usage_spikes  INTEGER CHECK (usage_spikes >= 0),
  upsells       INTEGER CHECK (upsells >= 0),
  renewals      INTEGER CHECK (renewals >= 0)
);

CREATE TABLE IF NOT EXISTS control_group (
  id      INTEGER PRIMARY KEY,
  account TEXT
);

CREATE TABLE IF NOT EXISTS attribution_model (
  id               INTEGER PRIMARY KEY,
  account          TEXT,
  impact_score     REAL,
  calculation_date TEXT CHECK (calculation_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*')
);

-- One row per customer account: the CRM export.
CREATE TABLE IF NOT EXISTS accounts (
  id             INTEGER PRIMARY KEY,
  account        TEXT NOT NULL UNIQUE,
  name           TEXT,
  segment        TEXT CHECK (segment IN ('enterprise', 'mid_market', 'smb', 'starter')),
  industry       TEXT,
  csm            TEXT,
  plan           TEXT,
  signup_date    TEXT CHECK (signup_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),
  contract_end   TEXT CHECK (contract_end GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),
  arr            REAL CHECK (arr >= 0),
  seats_licensed INTEGER CHECK (seats_licensed >= 0)
);

-- One row per account, user, feature and day: the product-analytics export.
CREATE TABLE IF NOT EXISTS usage_events (
  id          INTEGER PRIMARY KEY,
  account     TEXT,
  user_id     TEXT,
  date        TEXT CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),
  feature     TEXT,
  event_count INTEGER CHECK (event_count >= 0)
);

CREATE TABLE IF NOT EXISTS features (
  id      INTEGER PRIMARY KEY,
  feature TEXT NOT NULL UNIQUE,
  class   TEXT CHECK (class IN ('core', 'expansion', 'advanced'))
);

CREATE TABLE IF NOT EXISTS nps_responses (
  id            INTEGER PRIMARY KEY,
  account       TEXT,
  user_id       TEXT,
  score         INTEGER CHECK (score BETWEEN 0 AND 10 AND score = CAST(score AS INTEGER)),
  response_date TEXT CHECK (response_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*')
);

CREATE TABLE IF NOT EXISTS support_tickets (
  id          INTEGER PRIMARY KEY,
  account     TEXT,
  opened_at   TEXT CHECK (opened_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),
  resolved_at TEXT CHECK (resolved_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),
  priority    TEXT,
  escalated   INTEGER CHECK (escalated IN (0, 1)),
  csat        INTEGER CHECK (csat BETWEEN 1 AND 5),
  sentiment   REAL CHECK (sentiment BETWEEN -1 AND 1)
);

-- One row per account and month (the first day of the month): billing.
CREATE TABLE IF NOT EXISTS mrr_snapshots (
  id      INTEGER PRIMARY KEY,
  account TEXT,
  month   TEXT CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-01*'),
  mrr     REAL CHECK (mrr >= 0),
  seats   INTEGER CHECK (seats >= 0)
);

CREATE TABLE IF NOT EXISTS invoices (
  id        INTEGER PRIMARY KEY,
  account   TEXT,
  due_date  TEXT CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),
  paid_date TEXT CHECK (paid_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),
  amount    REAL CHECK (amount >= 0),
  status    TEXT CHECK (status IN ('paid', 'late', 'failed', 'open'))
);

CREATE TABLE IF NOT EXISTS churn_events (
  id         INTEGER PRIMARY KEY,
  account    TEXT,
  churn_date TEXT CHECK (churn_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),
  kind       TEXT CHECK (kind IN ('cancel', 'downgrade')),
  reason     TEXT,
  mrr_lost   REAL CHECK (mrr_lost >= 0)
);

-- What the health model said, one row per account and snapshot date
-- (sql/snapshot.sql appends today's account_health).
CREATE TABLE IF NOT EXISTS health_history (
  id           INTEGER PRIMARY KEY,
  account      TEXT,
  score_date   TEXT CHECK (score_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),
  health_score REAL CHECK (health_score BETWEEN 0 AND 100),
  usage        REAL CHECK (usage BETWEEN 0 AND 100),
  engagement   REAL CHECK (engagement BETWEEN 0 AND 100),
  growth       REAL CHECK (growth BETWEEN 0 AND 100),
  support      REAL CHECK (support BETWEEN 0 AND 100),
  financial    REAL CHECK (financial BETWEEN 0 AND 100)
);

-- Indexes for the model's per-account "last N days" lookups: each view seeks
-- (account, date) ranges instead of scanning whole tables.
CREATE INDEX IF NOT EXISTS usage_events_account_date
  ON usage_events (account, date, user_id, feature, event_count);
CREATE INDEX IF NOT EXISTS usage_events_date ON usage_events (date);
CREATE INDEX IF NOT EXISTS check_in_logs_account_date ON check_in_logs (account, date);
CREATE INDEX IF NOT EXISTS post_check_in_behavior_account_date
  ON post_check_in_behavior (account, behavior_date);
CREATE INDEX IF NOT EXISTS nps_responses_account_date ON nps_responses (account, response_date);
CREATE INDEX IF NOT EXISTS support_tickets_account_opened ON support_tickets (account, opened_at);
CREATE INDEX IF NOT EXISTS mrr_snapshots_account_month ON mrr_snapshots (account, month);
CREATE INDEX IF NOT EXISTS invoices_account_due ON invoices (account, due_date);
CREATE INDEX IF NOT EXISTS churn_events_account_date ON churn_events (account, churn_date);
CREATE INDEX IF NOT EXISTS health_history_account_date ON health_history (account, score_date);
CREATE INDEX IF NOT EXISTS health_history_date ON health_history (score_date);
