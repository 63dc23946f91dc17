-- _begin.sql -- first step of every sql/import/<table>.sql: the work tables
-- of one import run, emptied. Not meant to be read on its own.
--
--   import_job     the table being loaded and its source's settings
--   import_cells   the staged CSV, one row per record and column (raw text)
--   import_records one row per record: its line in the file and its status
--   import_values  the typed value of every cell of a good record
--   import_present the columns of the table that the export has
--   import_rejects the bad records of this run: first bad column and reason
CREATE TEMP TABLE IF NOT EXISTS import_job (
  source_table TEXT NOT NULL,
  date_format  TEXT,
  decimal_mark TEXT
);
CREATE TEMP TABLE IF NOT EXISTS import_cells (
  record      INTEGER NOT NULL, -- rowid of the staged row, in file order
  column_name TEXT NOT NULL,
  raw         TEXT              -- NULL: .import found no such field in the record
);
CREATE TEMP TABLE IF NOT EXISTS import_records (
  record INTEGER PRIMARY KEY,
  line   INTEGER NOT NULL,      -- line of the file where the record starts
  status TEXT,                  -- new, duplicate, key, rejected
  row    TEXT,                  -- the typed values as a JSON object, for exact duplicates
  key_value                     -- the value of the table's UNIQUE column, if any (no affinity)
);
CREATE TEMP TABLE IF NOT EXISTS import_values (
  record      INTEGER NOT NULL,
  position    INTEGER NOT NULL,
  column_name TEXT NOT NULL,
  raw         TEXT,
  cell        TEXT,             -- trimmed, '' as NULL
  kind        TEXT NOT NULL,
  problem     TEXT,             -- why the cell does not read, or NULL
  value,                        -- the typed value, once it reads (no affinity)
  PRIMARY KEY (record, position)
);
CREATE TEMP TABLE IF NOT EXISTS import_present (
  column_name TEXT PRIMARY KEY   -- columns of the table that the export has
);
CREATE TEMP TABLE IF NOT EXISTS import_rejects (
  record      INTEGER PRIMARY KEY,
  column_name TEXT,
  value       TEXT,
  reason      TEXT NOT NULL
);
DELETE FROM temp.import_job;
DELETE FROM temp.import_cells;
DELETE FROM temp.import_records;
DELETE FROM temp.import_values;
DELETE FROM temp.import_rejects;
DELETE FROM temp.import_present;
CREATE INDEX IF NOT EXISTS temp.import_records_row ON import_records (row);
CREATE INDEX IF NOT EXISTS temp.import_records_key ON import_records (key_value);
