-- schema.sql -- the Cube-shaped tables of the csmetrics data model,
-- version 2 (PRAGMA user_version = 2).
--
--   sqlite3 cs.db '.read sql/schema.sql'
--
-- Every table has an `id` INTEGER primary key and an `account` TEXT
-- dimension; time dimensions are dates. docs/data-model.md maps each table
-- to its cube, its measures and dimensions, and the export that feeds it;
-- sql/import/ loads those exports (docs/first-report.md).
--
-- Types are checked, not only ranges. A NULL passes every check (a missing
-- value is allowed and shows up in the data-quality report); anything else
-- must be of its column's kind:
--   date    ISO text of a real calendar day, 'YYYY-MM-DD', or of a real
--           time on one, 'YYYY-MM-DD HH:MM:SS' (UTC): x IS date(x, '+0 days')
--           OR x IS datetime(x, '+0 days') refuses '2026-19-39',
--           '2026-02-30' (SQLite's date() alone would keep it),
--           '2026-01-01 24:00', '11/22/2026' and a number;
--   number  an INTEGER or REAL (typeof), so '$48,000.00' is refused instead
--           of being stored as text that compares above every number;
--   integer an INTEGER (a count, a score of whole points, a 0/1 flag);
--   enum    one of the listed words, exactly.
-- Dates are text in these forms because the model's views (sql/model.sql)
-- compare them as text, so the (account, date) indexes below serve every
-- "last N days" window. The same rules, as data, are in import_columns at
-- the end of this file: the import scripts (sql/import/) name the first
-- column of a row that breaks them (tests/sql/schema_types.sql checks that
-- both agree).
--
-- Upgrades. Re-reading this file is safe on a new database, on a database of
-- this version and on one made by the previous release (v1, user_version 0):
-- it upgrades in place and keeps every row. Pure SQL cannot branch on the
-- version, so every statement is valid on every one of them:
--   1. CREATE TABLE IF NOT EXISTS t (<the v1 column names>) -- a shell on a
--      new database, a no-op otherwise;
--   2. CREATE TABLE csm_v2_t (<this version>), then INSERT OR IGNORE INTO it
--      the rows of t. A column t may lack (added in v2) is read as
--        (SELECT c FROM t AS o WHERE o.id = t.id)  FROM t, (SELECT NULL AS c) AS v1_defaults
--      -- inside the subquery `c` is o's column when t has it, else it
--      resolves to the outer v1_defaults row (standard scoping);
--   3. rows the new checks refuse (OR IGNORE skipped them) are copied to
--      rejected_rows with every value (reason 'schema upgrade: ...'), never
--      dropped;
--   4. DROP TABLE t; ALTER TABLE csm_v2_t RENAME TO t, under
--      legacy_alter_table so the model's views keep pointing at t. Dropping
--      a table drops its indexes and triggers: the indexes are recreated at
--      the end of this file, and sql/model.sql recreates its own objects when
--      it is read after this file (always read schema.sql, then model.sql).
-- Tables new in v2 are plain CREATE TABLE IF NOT EXISTS. The whole upgrade
-- is one transaction; the last statement sets user_version = 2. Re-reading
-- rebuilds the v1 tables each time (a copy of their rows and indexes: 8 s of
-- CPU for the 1.9 million rows of the generated 2,000-account portfolio);
-- it is meant for upgrades, not for every session. Columns
-- added to these tables by hand are not carried over: keep such data in a
-- table of your own.
--
-- sql/model.sql follows the same scheme for its tables (e.g. new columns of
-- cs_settings take their default from the defaults row when the old table
-- lacks them, and keep the analyst's value when it has them).

PRAGMA legacy_alter_table = ON;
BEGIN;

-- The import quarantine (v2): every row an import or an upgrade could not
-- keep, with where it came from and why. `line` is the line of the CSV file
-- where the record starts (header = line 1), `column_name` the first bad
-- column, `value` its cell as read (an upgrade stores the whole row).
CREATE TABLE IF NOT EXISTS rejected_rows (
  id           INTEGER PRIMARY KEY,
  source_table TEXT NOT NULL,
  line         INTEGER CHECK (typeof(line) IN ('integer', 'null') AND line >= 1),
  column_name  TEXT,
  value        TEXT,
  reason       TEXT NOT NULL,
  imported_at  TEXT CHECK (imported_at IS datetime(imported_at, '+0 days'))
);

-- The four Check-In Impact cubes, exactly as the seed library defines them.
CREATE TABLE IF NOT EXISTS check_in_logs (id, date, type, account);
CREATE TABLE csm_v2_check_in_logs (
  id      INTEGER PRIMARY KEY,
  date    TEXT CHECK (date IS date(date, '+0 days') OR date IS datetime(date, '+0 days')),
  type    TEXT,
  account TEXT
);
INSERT OR IGNORE INTO csm_v2_check_in_logs (id, date, type, account)
  SELECT id, date, type, account
    FROM check_in_logs;
INSERT INTO rejected_rows (source_table, value, reason, imported_at)
  SELECT 'check_in_logs', 'id=' || quote(id) || ', date=' || quote(date) || ', type=' || quote(type) || ', account=' || quote(account),
         'schema upgrade: the row fails a check of version 2', datetime('now')
    FROM check_in_logs WHERE id NOT IN (SELECT id FROM csm_v2_check_in_logs);
DROP TABLE check_in_logs;
ALTER TABLE csm_v2_check_in_logs RENAME TO check_in_logs;

CREATE TABLE IF NOT EXISTS post_check_in_behavior (id, account, behavior_date, usage_spikes, upsells, renewals);
CREATE TABLE csm_v2_post_check_in_behavior (
  id            INTEGER PRIMARY KEY,
  account       TEXT,
  behavior_date TEXT CHECK (behavior_date IS date(behavior_date, '+0 days') OR behavior_date IS datetime(behavior_date, '+0 days')),
  usage_spikes  INTEGER CHECK (typeof(usage_spikes) IN ('integer', 'null') AND usage_spikes >= 0),
  upsells       INTEGER CHECK (typeof(upsells) IN ('integer', 'null') AND upsells >= 0),
  renewals      INTEGER CHECK (typeof(renewals) IN ('integer', 'null') AND renewals >= 0)
);
INSERT OR IGNORE INTO csm_v2_post_check_in_behavior (id, account, behavior_date, usage_spikes, upsells, renewals)
  SELECT id, account, behavior_date, usage_spikes, upsells, renewals
    FROM post_check_in_behavior;
INSERT INTO rejected_rows (source_table, value, reason, imported_at)
  SELECT 'post_check_in_behavior', 'id=' || quote(id) || ', account=' || quote(account) || ', behavior_date=' || quote(behavior_date) || ', usage_spikes=' || quote(usage_spikes) || ', upsells=' || quote(upsells) || ', renewals=' || quote(renewals),
         'schema upgrade: the row fails a check of version 2', datetime('now')
    FROM post_check_in_behavior WHERE id NOT IN (SELECT id FROM csm_v2_post_check_in_behavior);
DROP TABLE post_check_in_behavior;
ALTER TABLE csm_v2_post_check_in_behavior RENAME TO post_check_in_behavior;

CREATE TABLE IF NOT EXISTS control_group (
  id      INTEGER PRIMARY KEY,
  account TEXT
);

CREATE TABLE IF NOT EXISTS attribution_model (id, account, impact_score, calculation_date);
CREATE TABLE csm_v2_attribution_model (
  id               INTEGER PRIMARY KEY,
  account          TEXT,
  impact_score     REAL CHECK (typeof(impact_score) IN ('integer', 'real', 'null')),
  calculation_date TEXT CHECK (calculation_date IS date(calculation_date, '+0 days') OR calculation_date IS datetime(calculation_date, '+0 days'))
);
INSERT OR IGNORE INTO csm_v2_attribution_model (id, account, impact_score, calculation_date)
  SELECT id, account, impact_score, calculation_date
    FROM attribution_model;
INSERT INTO rejected_rows (source_table, value, reason, imported_at)
  SELECT 'attribution_model', 'id=' || quote(id) || ', account=' || quote(account) || ', impact_score=' || quote(impact_score) || ', calculation_date=' || quote(calculation_date),
         'schema upgrade: the row fails a check of version 2', datetime('now')
    FROM attribution_model WHERE id NOT IN (SELECT id FROM csm_v2_attribution_model);
DROP TABLE attribution_model;
ALTER TABLE csm_v2_attribution_model RENAME TO attribution_model;

-- One row per customer account: the CRM export.
CREATE TABLE IF NOT EXISTS accounts (id, account, name, segment, industry, csm, plan, signup_date, contract_end, arr, seats_licensed);
CREATE TABLE csm_v2_accounts (
  id             INTEGER PRIMARY KEY,
  account        TEXT NOT NULL UNIQUE,
  name           TEXT,
  segment        TEXT CHECK (segment IN ('enterprise', 'mid_market', 'smb', 'starter')),
  industry       TEXT,
  csm            TEXT,
  plan           TEXT,
  signup_date    TEXT CHECK (signup_date IS date(signup_date, '+0 days') OR signup_date IS datetime(signup_date, '+0 days')),
  contract_end   TEXT CHECK (contract_end IS date(contract_end, '+0 days') OR contract_end IS datetime(contract_end, '+0 days')),
  arr            REAL CHECK (typeof(arr) IN ('integer', 'real', 'null') AND arr >= 0),
  seats_licensed INTEGER CHECK (typeof(seats_licensed) IN ('integer', 'null') AND seats_licensed >= 0)
);
INSERT OR IGNORE INTO csm_v2_accounts (id, account, name, segment, industry, csm, plan, signup_date, contract_end, arr, seats_licensed)
  SELECT id, account, name, segment, industry, csm, plan, signup_date, contract_end, arr, seats_licensed
    FROM accounts;
INSERT INTO rejected_rows (source_table, value, reason, imported_at)
  SELECT 'accounts', 'id=' || quote(id) || ', account=' || quote(account) || ', name=' || quote(name) || ', segment=' || quote(segment) || ', industry=' || quote(industry) || ', csm=' || quote(csm) || ', plan=' || quote(plan) || ', signup_date=' || quote(signup_date) || ', contract_end=' || quote(contract_end) || ', arr=' || quote(arr) || ', seats_licensed=' || quote(seats_licensed),
         'schema upgrade: the row fails a check of version 2', datetime('now')
    FROM accounts WHERE id NOT IN (SELECT id FROM csm_v2_accounts);
DROP TABLE accounts;
ALTER TABLE csm_v2_accounts RENAME TO accounts;

-- One row per account, user, feature and day: the product-analytics export.
CREATE TABLE IF NOT EXISTS usage_events (id, account, user_id, date, feature, event_count);
CREATE TABLE csm_v2_usage_events (
  id          INTEGER PRIMARY KEY,
  account     TEXT,
  user_id     TEXT,
  date        TEXT CHECK (date IS date(date, '+0 days') OR date IS datetime(date, '+0 days')),
  feature     TEXT,
  event_count INTEGER CHECK (typeof(event_count) IN ('integer', 'null') AND event_count >= 0)
);
INSERT OR IGNORE INTO csm_v2_usage_events (id, account, user_id, date, feature, event_count)
  SELECT id, account, user_id, date, feature, event_count
    FROM usage_events;
INSERT INTO rejected_rows (source_table, value, reason, imported_at)
  SELECT 'usage_events', 'id=' || quote(id) || ', account=' || quote(account) || ', user_id=' || quote(user_id) || ', date=' || quote(date) || ', feature=' || quote(feature) || ', event_count=' || quote(event_count),
         'schema upgrade: the row fails a check of version 2', datetime('now')
    FROM usage_events WHERE id NOT IN (SELECT id FROM csm_v2_usage_events);
DROP TABLE usage_events;
ALTER TABLE csm_v2_usage_events RENAME TO usage_events;

CREATE TABLE IF NOT EXISTS features (id, feature, class);
CREATE TABLE csm_v2_features (
  id      INTEGER PRIMARY KEY,
  feature TEXT NOT NULL UNIQUE,
  class   TEXT CHECK (class IN ('core', 'expansion', 'advanced'))
);
INSERT OR IGNORE INTO csm_v2_features (id, feature, class)
  SELECT id, feature, class
    FROM features;
INSERT INTO rejected_rows (source_table, value, reason, imported_at)
  SELECT 'features', 'id=' || quote(id) || ', feature=' || quote(feature) || ', class=' || quote(class),
         'schema upgrade: the row fails a check of version 2', datetime('now')
    FROM features WHERE id NOT IN (SELECT id FROM csm_v2_features);
DROP TABLE features;
ALTER TABLE csm_v2_features RENAME TO features;

CREATE TABLE IF NOT EXISTS nps_responses (id, account, user_id, score, response_date);
CREATE TABLE csm_v2_nps_responses (
  id            INTEGER PRIMARY KEY,
  account       TEXT,
  user_id       TEXT,
  score         INTEGER CHECK (typeof(score) IN ('integer', 'null') AND score BETWEEN 0 AND 10),
  response_date TEXT CHECK (response_date IS date(response_date, '+0 days') OR response_date IS datetime(response_date, '+0 days'))
);
INSERT OR IGNORE INTO csm_v2_nps_responses (id, account, user_id, score, response_date)
  SELECT id, account, user_id, score, response_date
    FROM nps_responses;
INSERT INTO rejected_rows (source_table, value, reason, imported_at)
  SELECT 'nps_responses', 'id=' || quote(id) || ', account=' || quote(account) || ', user_id=' || quote(user_id) || ', score=' || quote(score) || ', response_date=' || quote(response_date),
         'schema upgrade: the row fails a check of version 2', datetime('now')
    FROM nps_responses WHERE id NOT IN (SELECT id FROM csm_v2_nps_responses);
DROP TABLE nps_responses;
ALTER TABLE csm_v2_nps_responses RENAME TO nps_responses;

-- One row per ticket: the help-desk export. ticket_ref is the export's own id
-- (v2), so a ticket imported twice is found.
CREATE TABLE IF NOT EXISTS support_tickets (id, account, opened_at, resolved_at, priority, escalated, csat, sentiment);
CREATE TABLE csm_v2_support_tickets (
  id                INTEGER PRIMARY KEY,
  account           TEXT,
  opened_at         TEXT CHECK (opened_at IS date(opened_at, '+0 days') OR opened_at IS datetime(opened_at, '+0 days')),
  resolved_at       TEXT CHECK (resolved_at IS date(resolved_at, '+0 days') OR resolved_at IS datetime(resolved_at, '+0 days')),
  priority          TEXT,
  escalated         INTEGER CHECK (typeof(escalated) IN ('integer', 'null') AND escalated BETWEEN 0 AND 1),
  csat              INTEGER CHECK (typeof(csat) IN ('integer', 'null') AND csat BETWEEN 1 AND 5),
  sentiment         REAL CHECK (typeof(sentiment) IN ('integer', 'real', 'null') AND sentiment BETWEEN -1 AND 1),
  first_response_at TEXT CHECK (first_response_at IS date(first_response_at, '+0 days') OR first_response_at IS datetime(first_response_at, '+0 days')),
  ticket_ref        TEXT UNIQUE
);
INSERT OR IGNORE INTO csm_v2_support_tickets (id, account, opened_at, resolved_at, priority, escalated, csat, sentiment, first_response_at, ticket_ref)
  SELECT id, account, opened_at, resolved_at, priority, escalated, csat, sentiment, (SELECT first_response_at FROM support_tickets AS o WHERE o.id = support_tickets.id), (SELECT ticket_ref FROM support_tickets AS o WHERE o.id = support_tickets.id)
    FROM support_tickets, (SELECT NULL AS first_response_at, NULL AS ticket_ref) AS v1_defaults;
INSERT INTO rejected_rows (source_table, value, reason, imported_at)
  SELECT 'support_tickets', 'id=' || quote(id) || ', account=' || quote(account) || ', opened_at=' || quote(opened_at) || ', resolved_at=' || quote(resolved_at) || ', priority=' || quote(priority) || ', escalated=' || quote(escalated) || ', csat=' || quote(csat) || ', sentiment=' || quote(sentiment),
         'schema upgrade: the row fails a check of version 2', datetime('now')
    FROM support_tickets WHERE id NOT IN (SELECT id FROM csm_v2_support_tickets);
DROP TABLE support_tickets;
ALTER TABLE csm_v2_support_tickets RENAME TO support_tickets;

-- One row per account and month: billing. month is the first day of the month
-- by convention; another day is read by the snapshot rule (docs/data-model.md).
CREATE TABLE IF NOT EXISTS mrr_snapshots (id, account, month, mrr, seats);
CREATE TABLE csm_v2_mrr_snapshots (
  id      INTEGER PRIMARY KEY,
  account TEXT,
  month   TEXT CHECK (month IS date(month, '+0 days') OR month IS datetime(month, '+0 days')),
  mrr     REAL CHECK (typeof(mrr) IN ('integer', 'real', 'null') AND mrr >= 0),
  seats   INTEGER CHECK (typeof(seats) IN ('integer', 'null') AND seats >= 0)
);
INSERT OR IGNORE INTO csm_v2_mrr_snapshots (id, account, month, mrr, seats)
  SELECT id, account, month, mrr, seats
    FROM mrr_snapshots;
INSERT INTO rejected_rows (source_table, value, reason, imported_at)
  SELECT 'mrr_snapshots', 'id=' || quote(id) || ', account=' || quote(account) || ', month=' || quote(month) || ', mrr=' || quote(mrr) || ', seats=' || quote(seats),
         'schema upgrade: the row fails a check of version 2', datetime('now')
    FROM mrr_snapshots WHERE id NOT IN (SELECT id FROM csm_v2_mrr_snapshots);
DROP TABLE mrr_snapshots;
ALTER TABLE csm_v2_mrr_snapshots RENAME TO mrr_snapshots;

CREATE TABLE IF NOT EXISTS invoices (id, account, due_date, paid_date, amount, status);
CREATE TABLE csm_v2_invoices (
  id        INTEGER PRIMARY KEY,
  account   TEXT,
  due_date  TEXT CHECK (due_date IS date(due_date, '+0 days') OR due_date IS datetime(due_date, '+0 days')),
  paid_date TEXT CHECK (paid_date IS date(paid_date, '+0 days') OR paid_date IS datetime(paid_date, '+0 days')),
  amount    REAL CHECK (typeof(amount) IN ('integer', 'real', 'null') AND amount >= 0),
  status    TEXT CHECK (status IN ('paid', 'late', 'failed', 'open'))
);
INSERT OR IGNORE INTO csm_v2_invoices (id, account, due_date, paid_date, amount, status)
  SELECT id, account, due_date, paid_date, amount, status
    FROM invoices;
INSERT INTO rejected_rows (source_table, value, reason, imported_at)
  SELECT 'invoices', 'id=' || quote(id) || ', account=' || quote(account) || ', due_date=' || quote(due_date) || ', paid_date=' || quote(paid_date) || ', amount=' || quote(amount) || ', status=' || quote(status),
         'schema upgrade: the row fails a check of version 2', datetime('now')
    FROM invoices WHERE id NOT IN (SELECT id FROM csm_v2_invoices);
DROP TABLE invoices;
ALTER TABLE csm_v2_invoices RENAME TO invoices;

CREATE TABLE IF NOT EXISTS churn_events (id, account, churn_date, kind, reason, mrr_lost);
CREATE TABLE csm_v2_churn_events (
  id         INTEGER PRIMARY KEY,
  account    TEXT,
  churn_date TEXT CHECK (churn_date IS date(churn_date, '+0 days') OR churn_date IS datetime(churn_date, '+0 days')),
  kind       TEXT CHECK (kind IN ('cancel', 'downgrade')),
  reason     TEXT,
  mrr_lost   REAL CHECK (typeof(mrr_lost) IN ('integer', 'real', 'null') AND mrr_lost >= 0)
);
INSERT OR IGNORE INTO csm_v2_churn_events (id, account, churn_date, kind, reason, mrr_lost)
  SELECT id, account, churn_date, kind, reason, mrr_lost
    FROM churn_events;
INSERT INTO rejected_rows (source_table, value, reason, imported_at)
  SELECT 'churn_events', 'id=' || quote(id) || ', account=' || quote(account) || ', churn_date=' || quote(churn_date) || ', kind=' || quote(kind) || ', reason=' || quote(reason) || ', mrr_lost=' || quote(mrr_lost),
         'schema upgrade: the row fails a check of version 2', datetime('now')
    FROM churn_events WHERE id NOT IN (SELECT id FROM csm_v2_churn_events);
DROP TABLE churn_events;
ALTER TABLE csm_v2_churn_events RENAME TO churn_events;

-- What the health model said, one row per account and snapshot date
-- (sql/snapshot.sql appends today's account_health; drivers is v2).
CREATE TABLE IF NOT EXISTS health_history (id, account, score_date, health_score, usage, engagement, growth, support, financial);
CREATE TABLE csm_v2_health_history (
  id           INTEGER PRIMARY KEY,
  account      TEXT,
  score_date   TEXT CHECK (score_date IS date(score_date, '+0 days') OR score_date IS datetime(score_date, '+0 days')),
  health_score REAL CHECK (typeof(health_score) IN ('integer', 'real', 'null') AND health_score BETWEEN 0 AND 100),
  usage        REAL CHECK (typeof(usage) IN ('integer', 'real', 'null') AND usage BETWEEN 0 AND 100),
  engagement   REAL CHECK (typeof(engagement) IN ('integer', 'real', 'null') AND engagement BETWEEN 0 AND 100),
  growth       REAL CHECK (typeof(growth) IN ('integer', 'real', 'null') AND growth BETWEEN 0 AND 100),
  support      REAL CHECK (typeof(support) IN ('integer', 'real', 'null') AND support BETWEEN 0 AND 100),
  financial    REAL CHECK (typeof(financial) IN ('integer', 'real', 'null') AND financial BETWEEN 0 AND 100),
  drivers      TEXT
);
INSERT OR IGNORE INTO csm_v2_health_history (id, account, score_date, health_score, usage, engagement, growth, support, financial, drivers)
  SELECT id, account, score_date, health_score, usage, engagement, growth, support, financial, (SELECT drivers FROM health_history AS o WHERE o.id = health_history.id)
    FROM health_history, (SELECT NULL AS drivers) AS v1_defaults;
INSERT INTO rejected_rows (source_table, value, reason, imported_at)
  SELECT 'health_history', 'id=' || quote(id) || ', account=' || quote(account) || ', score_date=' || quote(score_date) || ', health_score=' || quote(health_score) || ', usage=' || quote(usage) || ', engagement=' || quote(engagement) || ', growth=' || quote(growth) || ', support=' || quote(support) || ', financial=' || quote(financial),
         'schema upgrade: the row fails a check of version 2', datetime('now')
    FROM health_history WHERE id NOT IN (SELECT id FROM csm_v2_health_history);
DROP TABLE health_history;
ALTER TABLE csm_v2_health_history RENAME TO health_history;

-- v2: the people at each account (champion departures are an alert signal).
CREATE TABLE IF NOT EXISTS contacts (
  id              INTEGER PRIMARY KEY,
  account         TEXT,
  name            TEXT,
  role            TEXT,
  is_champion     INTEGER CHECK (typeof(is_champion) IN ('integer', 'null') AND is_champion BETWEEN 0 AND 1),
  is_exec_sponsor INTEGER CHECK (typeof(is_exec_sponsor) IN ('integer', 'null') AND is_exec_sponsor BETWEEN 0 AND 1),
  left_at         TEXT CHECK (left_at IS date(left_at, '+0 days') OR left_at IS datetime(left_at, '+0 days')),
  last_engaged_at TEXT CHECK (last_engaged_at IS date(last_engaged_at, '+0 days') OR last_engaged_at IS datetime(last_engaged_at, '+0 days'))
);

-- v2: onboarding and adoption milestones reached.
CREATE TABLE IF NOT EXISTS milestones (
  id          INTEGER PRIMARY KEY,
  account     TEXT,
  milestone   TEXT,
  achieved_at TEXT CHECK (achieved_at IS date(achieved_at, '+0 days') OR achieved_at IS datetime(achieved_at, '+0 days'))
);

-- v2: what the CS team did about a signal, and how it ended.
CREATE TABLE IF NOT EXISTS interventions (
  id             INTEGER PRIMARY KEY,
  account        TEXT,
  opened_at      TEXT CHECK (opened_at IS date(opened_at, '+0 days') OR opened_at IS datetime(opened_at, '+0 days')),
  trigger_signal TEXT,
  playbook       TEXT,
  outcome        TEXT CHECK (outcome IN ('open', 'saved', 'churned', 'no_action')),
  closed_at      TEXT CHECK (closed_at IS date(closed_at, '+0 days') OR closed_at IS datetime(closed_at, '+0 days'))
);
-- Open alerts as the model saw them (v2; sql/snapshot.sql maintains it).
CREATE TABLE IF NOT EXISTS alert_log (
  id          INTEGER PRIMARY KEY,
  account     TEXT,
  signal      TEXT NOT NULL,
  severity    TEXT,
  first_seen  TEXT CHECK (first_seen IS date(first_seen, '+0 days') OR first_seen IS datetime(first_seen, '+0 days')),
  last_seen   TEXT CHECK (last_seen IS date(last_seen, '+0 days') OR last_seen IS datetime(last_seen, '+0 days')),
  resolved_at TEXT CHECK (resolved_at IS date(resolved_at, '+0 days') OR resolved_at IS datetime(resolved_at, '+0 days'))
);

-- Import settings, one row per source (an export feeding one table): the
-- date format of its date cells ('iso' = ISO-8601 as docs/conventions.md
-- reads it, with 'T', 'Z' or an offset; otherwise a parse_date format such
-- as '%m/%d/%Y') and the decimal mark of its numbers ('.' or ','). Set once
-- with UPDATE; re-reading this file keeps them.
CREATE TABLE IF NOT EXISTS import_settings (
  source_table TEXT PRIMARY KEY,
  date_format  TEXT NOT NULL DEFAULT 'iso',
  decimal_mark TEXT NOT NULL DEFAULT '.' CHECK (decimal_mark IN ('.', ','))
);

-- The columns an import reads, with the rules of their CHECKs as data:
-- kind (text, date, number, integer), bounds lo/hi, the allowed words
-- of an enum (a JSON array) and whether the column is a UNIQUE key. Owned by
-- this file: rewritten on every read.
CREATE TABLE IF NOT EXISTS import_columns (
  source_table TEXT NOT NULL,
  position     INTEGER NOT NULL,
  column_name  TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('text', 'date', 'number', 'integer')),
  lo           REAL,
  hi           REAL,
  allowed      TEXT,
  is_key       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (source_table, column_name)
);
DELETE FROM import_columns;
INSERT INTO import_columns (source_table, position, column_name, kind, lo, hi, allowed, is_key) VALUES
  ('check_in_logs', 1, 'date', 'date', NULL, NULL, NULL, 0),
  ('check_in_logs', 2, 'type', 'text', NULL, NULL, NULL, 0),
  ('check_in_logs', 3, 'account', 'text', NULL, NULL, NULL, 0),
  ('post_check_in_behavior', 1, 'account', 'text', NULL, NULL, NULL, 0),
  ('post_check_in_behavior', 2, 'behavior_date', 'date', NULL, NULL, NULL, 0),
  ('post_check_in_behavior', 3, 'usage_spikes', 'integer', 0, NULL, NULL, 0),
  ('post_check_in_behavior', 4, 'upsells', 'integer', 0, NULL, NULL, 0),
  ('post_check_in_behavior', 5, 'renewals', 'integer', 0, NULL, NULL, 0),
  ('control_group', 1, 'account', 'text', NULL, NULL, NULL, 0),
  ('attribution_model', 1, 'account', 'text', NULL, NULL, NULL, 0),
  ('attribution_model', 2, 'impact_score', 'number', NULL, NULL, NULL, 0),
  ('attribution_model', 3, 'calculation_date', 'date', NULL, NULL, NULL, 0),
  ('accounts', 1, 'account', 'text', NULL, NULL, NULL, 1),
  ('accounts', 2, 'name', 'text', NULL, NULL, NULL, 0),
  ('accounts', 3, 'segment', 'text', NULL, NULL, '["enterprise","mid_market","smb","starter"]', 0),
  ('accounts', 4, 'industry', 'text', NULL, NULL, NULL, 0),
  ('accounts', 5, 'csm', 'text', NULL, NULL, NULL, 0),
  ('accounts', 6, 'plan', 'text', NULL, NULL, NULL, 0),
  ('accounts', 7, 'signup_date', 'date', NULL, NULL, NULL, 0),
  ('accounts', 8, 'contract_end', 'date', NULL, NULL, NULL, 0),
  ('accounts', 9, 'arr', 'number', 0, NULL, NULL, 0),
  ('accounts', 10, 'seats_licensed', 'integer', 0, NULL, NULL, 0),
  ('usage_events', 1, 'account', 'text', NULL, NULL, NULL, 0),
  ('usage_events', 2, 'user_id', 'text', NULL, NULL, NULL, 0),
  ('usage_events', 3, 'date', 'date', NULL, NULL, NULL, 0),
  ('usage_events', 4, 'feature', 'text', NULL, NULL, NULL, 0),
  ('usage_events', 5, 'event_count', 'integer', 0, NULL, NULL, 0),
  ('features', 1, 'feature', 'text', NULL, NULL, NULL, 1),
  ('features', 2, 'class', 'text', NULL, NULL, '["core","expansion","advanced"]', 0),
  ('nps_responses', 1, 'account', 'text', NULL, NULL, NULL, 0),
  ('nps_responses', 2, 'user_id', 'text', NULL, NULL, NULL, 0),
  ('nps_responses', 3, 'score', 'integer', 0, 10, NULL, 0),
  ('nps_responses', 4, 'response_date', 'date', NULL, NULL, NULL, 0),
  ('support_tickets', 1, 'account', 'text', NULL, NULL, NULL, 0),
  ('support_tickets', 2, 'opened_at', 'date', NULL, NULL, NULL, 0),
  ('support_tickets', 3, 'resolved_at', 'date', NULL, NULL, NULL, 0),
  ('support_tickets', 4, 'priority', 'text', NULL, NULL, NULL, 0),
  ('support_tickets', 5, 'escalated', 'integer', 0, 1, NULL, 0),
  ('support_tickets', 6, 'csat', 'integer', 1, 5, NULL, 0),
  ('support_tickets', 7, 'sentiment', 'number', -1, 1, NULL, 0),
  ('support_tickets', 8, 'first_response_at', 'date', NULL, NULL, NULL, 0),
  ('support_tickets', 9, 'ticket_ref', 'text', NULL, NULL, NULL, 1),
  ('mrr_snapshots', 1, 'account', 'text', NULL, NULL, NULL, 0),
  ('mrr_snapshots', 2, 'month', 'date', NULL, NULL, NULL, 0),
  ('mrr_snapshots', 3, 'mrr', 'number', 0, NULL, NULL, 0),
  ('mrr_snapshots', 4, 'seats', 'integer', 0, NULL, NULL, 0),
  ('invoices', 1, 'account', 'text', NULL, NULL, NULL, 0),
  ('invoices', 2, 'due_date', 'date', NULL, NULL, NULL, 0),
  ('invoices', 3, 'paid_date', 'date', NULL, NULL, NULL, 0),
  ('invoices', 4, 'amount', 'number', 0, NULL, NULL, 0),
  ('invoices', 5, 'status', 'text', NULL, NULL, '["paid","late","failed","open"]', 0),
  ('churn_events', 1, 'account', 'text', NULL, NULL, NULL, 0),
  ('churn_events', 2, 'churn_date', 'date', NULL, NULL, NULL, 0),
  ('churn_events', 3, 'kind', 'text', NULL, NULL, '["cancel","downgrade"]', 0),
  ('churn_events', 4, 'reason', 'text', NULL, NULL, NULL, 0),
  ('churn_events', 5, 'mrr_lost', 'number', 0, NULL, NULL, 0),
  ('health_history', 1, 'account', 'text', NULL, NULL, NULL, 0),
  ('health_history', 2, 'score_date', 'date', NULL, NULL, NULL, 0),
  ('health_history', 3, 'health_score', 'number', 0, 100, NULL, 0),
  ('health_history', 4, 'usage', 'number', 0, 100, NULL, 0),
  ('health_history', 5, 'engagement', 'number', 0, 100, NULL, 0),
  ('health_history', 6, 'growth', 'number', 0, 100, NULL, 0),
  ('health_history', 7, 'support', 'number', 0, 100, NULL, 0),
  ('health_history', 8, 'financial', 'number', 0, 100, NULL, 0),
  ('health_history', 9, 'drivers', 'text', NULL, NULL, NULL, 0),
  ('contacts', 1, 'account', 'text', NULL, NULL, NULL, 0),
  ('contacts', 2, 'name', 'text', NULL, NULL, NULL, 0),
  ('contacts', 3, 'role', 'text', NULL, NULL, NULL, 0),
  ('contacts', 4, 'is_champion', 'integer', 0, 1, NULL, 0),
  ('contacts', 5, 'is_exec_sponsor', 'integer', 0, 1, NULL, 0),
  ('contacts', 6, 'left_at', 'date', NULL, NULL, NULL, 0),
  ('contacts', 7, 'last_engaged_at', 'date', NULL, NULL, NULL, 0),
  ('milestones', 1, 'account', 'text', NULL, NULL, NULL, 0),
  ('milestones', 2, 'milestone', 'text', NULL, NULL, NULL, 0),
  ('milestones', 3, 'achieved_at', 'date', NULL, NULL, NULL, 0),
  ('interventions', 1, 'account', 'text', NULL, NULL, NULL, 0),
  ('interventions', 2, 'opened_at', 'date', NULL, NULL, NULL, 0),
  ('interventions', 3, 'trigger_signal', 'text', NULL, NULL, NULL, 0),
  ('interventions', 4, 'playbook', 'text', NULL, NULL, NULL, 0),
  ('interventions', 5, 'outcome', 'text', NULL, NULL, '["open","saved","churned","no_action"]', 0),
  ('interventions', 6, 'closed_at', 'date', NULL, NULL, NULL, 0);
INSERT OR IGNORE INTO import_settings (source_table)
  SELECT DISTINCT source_table FROM import_columns;

-- Indexes for the model's per-account "last N days" lookups: each view seeks
-- (account, date) ranges instead of scanning whole tables. The import
-- scripts use them to find exact duplicates.
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
CREATE INDEX IF NOT EXISTS control_group_account ON control_group (account);
CREATE INDEX IF NOT EXISTS attribution_model_account ON attribution_model (account, calculation_date);
CREATE INDEX IF NOT EXISTS contacts_account ON contacts (account);
CREATE INDEX IF NOT EXISTS milestones_account ON milestones (account, achieved_at);
CREATE INDEX IF NOT EXISTS interventions_account ON interventions (account, opened_at);
CREATE INDEX IF NOT EXISTS alert_log_account_signal ON alert_log (account, signal);
CREATE INDEX IF NOT EXISTS rejected_rows_source ON rejected_rows (source_table, line);

PRAGMA user_version = 2;
COMMIT;
PRAGMA legacy_alter_table = OFF;
