/*
** test_parallel_tables.c -- property test of the thread setting for
** checkin_impact (its behavior and attribution tables read by the parallel
** scan) and mrr_movements (its bridge pass read by the parallel scan in
** chunks of at most MRR_CHUNK_ROWS rowids, logged and folded in order): on
** pseudo-random data in a database file, every query gives exactly the
** same rows -- every value, REALs to the bit -- or exactly the same error
** message with csmetrics_threads(1) (serial) as with 2, 3 and 4 threads,
** and csmetrics_parallel_scans() shows that both tables' scans did run on
** workers.
**
** The data has every shape the merges must get right: for mrr_movements,
** gaps (months without rows), reactivations, zero and NULL values, several
** rows of an entity on one day (in an order whose plain double sum differs
** from the exact one), off-day rows, dates as text, with a time and as
** Julian day numbers, NULL entities and times; a source whose month goes
** back (read again in time order): one row, many rows, the first row of a
** chunk, every row (rowids against time), a month going back and then a
** bad row, and the other way round; bad values and bad dates, one or
** several. For
** checkin_impact, every granularity, segment_by and outcome, several
** windows, a covering index, and bad behavior and attribution rows, one
** or several (both tables are read in parallel). Rowids are spread so
** that the few thousand rows span the parallel scan's minimum. Last, every
** allocation of a parallel run is failed in turn: out-of-memory or the
** serial result, never anything else.
*/
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../failing_alloc.h"
#include "csmetrics.h"
#include "unit.h"

/* Runs zSql, failing the test on an error. */
static void exec(sqlite3 *db, const char *zSql) {
  char *zErr = 0;
  int rc = sqlite3_exec(db, zSql, 0, 0, &zErr);
  CHECK(rc == SQLITE_OK, "%s: %s", zSql, zErr ? zErr : "");
  sqlite3_free(zErr);
}

/* A bad row: sets zSet on the row of zTable (whose rowid is id) that is the
** iOffset-th, in rowid order, of those where zWhere holds. */
typedef struct BadRow {
  const char *zSet;
  int iOffset;
} BadRow;

static void spoil(sqlite3 *db, const char *zTable, const char *zWhere, const BadRow *pBad) {
  char zSql[400];
  snprintf(zSql, sizeof(zSql),
           "UPDATE %s SET %s WHERE id = (SELECT id FROM %s WHERE %s ORDER BY id LIMIT 1 OFFSET %d)",
           zTable, pBad->zSet, zTable, zWhere, pBad->iOffset);
  exec(db, zSql);
}

/* A growable text in libc memory: the out-of-memory sweep fails SQLite's
** allocations, not the test's. */
typedef struct Text {
  char *z;
  size_t n, nAlloc;
} Text;

static void text_add(Text *t, const char *z) {
  size_t n = strlen(z);
  if (t->n + n + 1 > t->nAlloc) {
    t->nAlloc = 2 * (t->n + n + 1);
    t->z = realloc(t->z, t->nAlloc);
    if (t->z == 0) abort();
  }
  memcpy(t->z + t->n, z, n + 1);
  t->n += n;
}

/* Every row of zSql, each value with its type and REALs in hex (%a, so
** exact), or "error: <message>": malloc'd (free it). */
static char *result_of(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  Text out = {0, 0, 0};
  char z[80];
  text_add(&out, "");
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW && (rc = SQLITE_OK) == 0) {
    for (int i = 0; i < sqlite3_column_count(pStmt); i++) {
      switch (sqlite3_column_type(pStmt, i)) {
      case SQLITE_INTEGER:
        snprintf(z, sizeof(z), "i%lld|", sqlite3_column_int64(pStmt, i));
        break;
      case SQLITE_FLOAT:
        snprintf(z, sizeof(z), "r%a|", sqlite3_column_double(pStmt, i));
        break;
      case SQLITE_NULL:
        snprintf(z, sizeof(z), "n|");
        break;
      default: {
        const char *zText = (const char *)sqlite3_column_text(pStmt, i);
        text_add(&out, "t");
        text_add(&out, zText ? zText : "(no memory)");
        snprintf(z, sizeof(z), "|");
        break;
      }
      }
      text_add(&out, z);
    }
    text_add(&out, "\n");
  }
  if (rc != SQLITE_DONE || pStmt == 0) {
    out.n = 0;
    text_add(&out, "error: ");
    text_add(&out, sqlite3_errmsg(db));
  }
  sqlite3_finalize(pStmt);
  return out.z;
}

static sqlite3_int64 query_int(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  sqlite3_int64 n = -1;
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW)
    n = sqlite3_column_int64(pStmt, 0);
  sqlite3_finalize(pStmt);
  return n;
}

/* 1 when the plan of zSql walks a covering index. */
static int uses_index(sqlite3 *db, const char *zSql) {
  char *zPlan = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", zSql);
  char *z = zPlan ? result_of(db, zPlan) : 0;
  int b = z && strstr(z, "COVERING INDEX") != 0;
  free(z);
  sqlite3_free(zPlan);
  return b;
}

static int nQuery, nError; /* queries compared; of them, errors */

enum { ROWS, ERROR, SORTED }; /* SORTED: rows, read again in time order */

/* zSql gives the same result serially and with 2, 3 and 4 threads, an
** error exactly when eKind is ERROR, and with ROWS each run with threads
** went parallel. */
static void same_result(sqlite3 *db, const char *zSql, int eKind) {
  int bError = eKind == ERROR;
  CHECK(sqlite3_get_autocommit(db), "a transaction is open: the scan would stay serial");
  exec(db, "SELECT csmetrics_threads(1)");
  char *zSerial = result_of(db, zSql);
  int bGotError = strncmp(zSerial, "error: ", 7) == 0;
  nQuery++;
  nError += bGotError;
  CHECK(bGotError == bError && strlen(zSerial) > 20, "%s: %s", zSql, zSerial);
  for (int n = 2; n <= 4; n++) {
    char zSet[40];
    snprintf(zSet, sizeof(zSet), "SELECT csmetrics_threads(%d)", n);
    exec(db, zSet);
    sqlite3_int64 nBefore = query_int(db, "SELECT csmetrics_parallel_scans()");
    char *zPar = result_of(db, zSql);
    sqlite3_int64 nAfter = query_int(db, "SELECT csmetrics_parallel_scans()");
    CHECK(strcmp(zSerial, zPar) == 0, "%s with %d threads:\n%s\n-- serial:\n%s", zSql, n, zPar,
          zSerial);
    /* A scan that ends in an error does not count as parallel. */
    if (eKind == ROWS) {
      CHECK(nAfter > nBefore, "%s with %d threads: %lld parallel scans", zSql, n,
            (long long)(nAfter - nBefore));
    }
    free(zPar);
  }
  free(zSerial);
}

static int rnd(int n) { return (int)(unit_random() % (unsigned long long)n); }

/* ---------------------------------------------------------- mrr_movements */

/* Binds day d of month m (0 = 2022-01) as date text, with or without a
** time of day. */
static void mrr_time(sqlite3_stmt *pIns, int iCol, int m, int d) {
  char z[40];
  snprintf(z, sizeof(z), rnd(6) == 0 ? "%04d-%02d-%02d 10:30:00" : "%04d-%02d-%02d", 2022 + m / 12,
           m % 12 + 1, d);
  sqlite3_bind_text(pIns, iCol, z, -1, SQLITE_TRANSIENT);
}

/* Fills snap(id, account, month, mrr, seg) in time order, with rowids
** spread over about 200,000. */
static void mrr_data(sqlite3 *db) {
  sqlite3_stmt *pIns = 0;
  sqlite3_int64 id = 1;
  exec(db, "DROP TABLE IF EXISTS snap;"
           "CREATE TABLE snap(id INTEGER PRIMARY KEY, account, month, mrr, seg); BEGIN");
  sqlite3_prepare_v2(db, "INSERT INTO snap VALUES (?1, ?2, ?3, ?4, ?5)", -1, &pIns, 0);
  for (int m = 0; m < 30; m++) {
    if (m == 7 || m == 16 || m == 17) continue; /* months without rows */
    for (int e = 0; e < 40; e++) {
      int nRow = rnd(10) < 7 ? 1 : rnd(10) < 5 ? 0 : 3; /* none: churn; 3: same day */
      int d = rnd(4) == 0 ? 1 + rnd(28) : 1;
      for (int k = 0; k < nRow; k++) {
        char zAcct[16];
        snprintf(zAcct, sizeof(zAcct), "acct%d", e);
        sqlite3_bind_int64(pIns, 1, id);
        id += 1 + rnd(300);
        if (rnd(200) == 0) {
          sqlite3_bind_null(pIns, 2);
        } else if (e % 7 == 3) {
          sqlite3_bind_int(pIns, 2, e); /* integer keys too */
        } else {
          sqlite3_bind_text(pIns, 2, zAcct, -1, SQLITE_TRANSIENT);
        }
        if (rnd(200) == 0) {
          sqlite3_bind_null(pIns, 3);
        } else {
          mrr_time(pIns, 3, m, k == 2 && rnd(4) == 0 ? 1 + rnd(28) : d); /* off-day rows */
        }
        int r = rnd(20);
        if (r == 0) {
          sqlite3_bind_null(pIns, 4);
        } else if (r < 3) {
          sqlite3_bind_int(pIns, 4, 0); /* reactivations follow */
        } else if (nRow == 3) {
          static const double a[3] = {0.1, 0.2, 0.3};
          sqlite3_bind_double(pIns, 4, a[(k + e) % 3] * (1 + m % 3)); /* inexact sums */
        } else {
          sqlite3_bind_double(pIns, 4, (double)(rnd(100000)) / 100.0);
        }
        if (rnd(5) == 0) {
          sqlite3_bind_null(pIns, 5);
        } else {
          static const char *az[3] = {"ent", "mid", "smb"};
          sqlite3_bind_text(pIns, 5, az[(e + m / 10) % 3], -1, SQLITE_STATIC);
        }
        sqlite3_step(pIns);
        sqlite3_reset(pIns);
      }
    }
  }
  sqlite3_finalize(pIns);
  exec(db, "COMMIT");
  /* Some times as Julian day numbers (SQL converts them exactly as the
  ** table reads them). */
  exec(db, "UPDATE snap SET month = julianday(month) WHERE id % 11 = 0 AND month IS NOT NULL");
}

/* Undoes the changes of a case (outside a transaction: a write transaction
** keeps the scan serial). */
#define MRR_RESTORE "DELETE FROM snap; INSERT INTO snap SELECT * FROM snap_orig"

static void mrr_queries(sqlite3 *db, int eKind) {
  static const char *azGran[3] = {"month", "quarter", "year"};
  static const char *azAsOf[3] = {0, "2023-05-17", "2022-09-30"};
  char zSql[400];
  for (int g = 0; g < 3; g++) {
    for (int s = 0; s < 2; s++) {
      for (int a = 0; a < 3; a++) {
        snprintf(zSql, sizeof(zSql),
                 "SELECT * FROM mrr_movements('%s', 'snap', 'account', 'month', 'mrr', %s, %s%s%s)",
                 azGran[g], s ? "'seg'" : "NULL", azAsOf[a] ? "'" : "",
                 azAsOf[a] ? azAsOf[a] : "NULL", azAsOf[a] ? "'" : "");
        same_result(db, zSql, eKind);
      }
    }
  }
}

static void test_mrr(sqlite3 *db) {
  mrr_data(db);
  CHECK(query_int(db, "SELECT max(id) - min(id) FROM snap") > 150000, "rowid span");
  /* Exactness needs the ties: some entity has three rows on one day. */
  CHECK(query_int(db, "SELECT count(*) FROM (SELECT 1 FROM snap WHERE account IS NOT NULL"
                      " AND month IS NOT NULL GROUP BY account, julianday(month)"
                      " HAVING count(*) >= 3)") > 20,
        "same-day rows");
  mrr_queries(db, ROWS);
  /* A covering index: the statement walks it, in entity order (months go
  ** back: it reads again in time order); the rows are the same. */
  exec(db, "CREATE INDEX snap_cover ON snap(account, month, mrr)");
  CHECK(uses_index(db, "SELECT account, month, mrr FROM snap"), "snap_cover used");
  mrr_queries(db, ROWS);
  exec(db, "DROP INDEX snap_cover");
  exec(db, "CREATE TABLE snap_orig AS SELECT * FROM snap");
  /* A month going back (the row moves to just before another month's). */
  exec(db, "UPDATE snap SET month = '2022-02-03'"
           " WHERE id = (SELECT id FROM snap WHERE month LIKE '2023-0%' LIMIT 1 OFFSET 50)");
  mrr_queries(db, SORTED);
  exec(db, MRR_RESTORE);
  /* Many months going back, some at the first row of a chunk. */
  exec(db, "UPDATE snap SET month = '2022-01-15' WHERE id % 97 < 3 AND month IS NOT NULL");
  mrr_queries(db, SORTED);
  exec(db, MRR_RESTORE);
  /* A month going back at the first row of the second chunk, as
  ** scan_parallel.c cuts the rowids into chunks of equal width (2 per
  ** thread, or as many as keep a chunk within mrr_movements' 32,768
  ** rowids: 7 or 8 here) ... */
  sqlite3_int64 lo = query_int(db, "SELECT min(id) FROM snap");
  sqlite3_int64 hi = query_int(db, "SELECT max(id) FROM snap");
  static const int aChunk[] = {4, 6, 7, 8};
  for (int k = 0; k < (int)(sizeof(aChunk) / sizeof(aChunk[0])); k++) {
    sqlite3_int64 step = (hi - lo) / (sqlite3_int64)aChunk[k] + 1;
    char zSql[300];
    snprintf(zSql, sizeof(zSql),
             "UPDATE snap SET month = '2022-01-20'"
             " WHERE id = (SELECT min(id) FROM snap WHERE id >= %lld AND month IS NOT NULL)",
             lo + step);
    exec(db, zSql);
    mrr_queries(db, SORTED);
    /* ... and a bad value after it in the same chunk, and another in the
    ** last row, dated earlier: the serial scan stops at the month going
    ** back first, and reads again in time order, where the last row's
    ** error comes first. */
    snprintf(zSql, sizeof(zSql),
             "UPDATE snap SET mrr = 'lots' WHERE id = (SELECT min(id) FROM snap"
             " WHERE id >= %lld + 2000 AND month IS NOT NULL AND account IS NOT NULL)",
             lo + step);
    exec(db, zSql);
    exec(db,
         "UPDATE snap SET month = '2022-01-10', mrr = 'oops' WHERE id = (SELECT max(id) FROM snap"
         " WHERE account IS NOT NULL)");
    same_result(db, "SELECT * FROM mrr_movements('month', 'snap', 'account', 'month', 'mrr')",
                ERROR);
    exec(db, MRR_RESTORE);
  }
  /* Rowids against time: every chunk goes back. */
  exec(db, "UPDATE snap SET id = -id");
  mrr_queries(db, SORTED);
  exec(db, MRR_RESTORE);
  /* A month going back, then a bad row (reported from the read in time
  ** order), and a bad row, then a month going back (the bad row first). */
  static const char *azMixed[2][2] = {
      {"UPDATE snap SET month = '2022-02-03' WHERE id = (SELECT id FROM snap"
       " WHERE month LIKE '2022-1%' LIMIT 1 OFFSET 5)",
       "UPDATE snap SET mrr = -1 WHERE id = (SELECT id FROM snap WHERE month LIKE '2023-1%'"
       " AND account IS NOT NULL ORDER BY id LIMIT 1 OFFSET 30)"},
      {"UPDATE snap SET mrr = -1 WHERE id = (SELECT id FROM snap WHERE month LIKE '2022-1%'"
       " AND account IS NOT NULL ORDER BY id LIMIT 1 OFFSET 5)",
       "UPDATE snap SET month = '2022-02-03' WHERE id = (SELECT id FROM snap"
       " WHERE month LIKE '2023-1%' LIMIT 1 OFFSET 30)"},
  };
  for (int i = 0; i < 2; i++) {
    exec(db, azMixed[i][0]);
    exec(db, azMixed[i][1]);
    same_result(db, "SELECT * FROM mrr_movements('month', 'snap', 'account', 'month', 'mrr')",
                ERROR);
    exec(db, MRR_RESTORE);
  }
  /* Bad rows: one, then several (the first read is reported). */
  static const BadRow aBad[] = {
      {"mrr = -5", 1100}, {"month = 'soon'", 800}, {"mrr = 'x'", 400}, {"mrr = 1e999", 100}};
  for (int i = 0; i < 4; i++) {
    spoil(db, "snap", "month IS NOT NULL AND account IS NOT NULL", &aBad[i]);
    same_result(db, "SELECT * FROM mrr_movements('month', 'snap', 'account', 'month', 'mrr')",
                ERROR);
    same_result(db,
                "SELECT * FROM mrr_movements('quarter', 'snap', 'account', 'month', 'mrr', 'seg')",
                ERROR);
  }
  exec(db, MRR_RESTORE);
}

/* --------------------------------------------------------- checkin_impact */

static void day_text(char *z, int n, int iDay) { /* iDay from 2023-01-01 */
  static const int aLen[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int y = 2023, m = 0;
  while (iDay >= (aLen[m] + (m == 1 && y % 4 == 0))) {
    iDay -= aLen[m] + (m == 1 && y % 4 == 0);
    if (++m == 12) {
      m = 0;
      y++;
    }
  }
  snprintf(z, (size_t)n, "%04d-%02d-%02d", y % 10000, (m + 1) % 100, (iDay + 1) % 100);
}

static void checkin_data(sqlite3 *db) {
  sqlite3_stmt *pIns = 0;
  char z[32], zAcct[16];
  exec(db, "DROP TABLE IF EXISTS check_in_logs; DROP TABLE IF EXISTS post_check_in_behavior;"
           "DROP TABLE IF EXISTS control_group; DROP TABLE IF EXISTS attribution_model;"
           "DROP TABLE IF EXISTS accounts;"
           "CREATE TABLE check_in_logs(account, date, type);"
           "CREATE TABLE post_check_in_behavior(id INTEGER PRIMARY KEY, account, behavior_date,"
           " usage_spikes, upsells, renewals, note);"
           "CREATE TABLE control_group(account);"
           "CREATE TABLE attribution_model(id INTEGER PRIMARY KEY, account, impact_score,"
           " calculation_date);"
           "CREATE TABLE accounts(account, csm, segment); BEGIN");
  static const char *azType[4] = {"call", "email", "qbr", 0};
  sqlite3_prepare_v2(db, "INSERT INTO check_in_logs VALUES (?1, ?2, ?3)", -1, &pIns, 0);
  for (int i = 0; i < 500; i++) {
    snprintf(zAcct, sizeof(zAcct), "a%d", rnd(80));
    day_text(z, sizeof(z), rnd(720));
    sqlite3_bind_text(pIns, 1, zAcct, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(pIns, 2, z, -1, SQLITE_TRANSIENT);
    const char *zType = azType[rnd(4)];
    if (zType) {
      sqlite3_bind_text(pIns, 3, zType, -1, SQLITE_STATIC);
    } else {
      sqlite3_bind_null(pIns, 3);
    }
    sqlite3_step(pIns);
    sqlite3_reset(pIns);
  }
  sqlite3_finalize(pIns);
  sqlite3_prepare_v2(db,
                     "INSERT INTO post_check_in_behavior VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                     " 'a note that makes the table wider than its index')",
                     -1, &pIns, 0);
  sqlite3_int64 id = 1;
  for (int i = 0; i < 5000; i++) {
    snprintf(zAcct, sizeof(zAcct), "a%d", rnd(120)); /* some accounts unknown */
    day_text(z, sizeof(z), rnd(760));
    sqlite3_bind_int64(pIns, 1, id);
    id += 1 + rnd(60);
    sqlite3_bind_text(pIns, 2, zAcct, -1, SQLITE_TRANSIENT);
    if (rnd(100) == 0) {
      sqlite3_bind_null(pIns, 3);
    } else {
      sqlite3_bind_text(pIns, 3, z, -1, SQLITE_TRANSIENT);
    }
    for (int k = 4; k <= 6; k++) {
      int r = rnd(10);
      if (r == 0) {
        sqlite3_bind_null(pIns, k);
      } else {
        sqlite3_bind_int(pIns, k, r < 8 ? 0 : r - 7);
      }
    }
    sqlite3_step(pIns);
    sqlite3_reset(pIns);
  }
  sqlite3_finalize(pIns);
  exec(db, "COMMIT");
  exec(db, "CREATE TEMP TABLE n(value INTEGER PRIMARY KEY);"
           "WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < 100)"
           " INSERT INTO n SELECT i FROM r;"
           "INSERT INTO control_group SELECT 'a' || (value * 3) FROM n WHERE value <= 30;"
           "INSERT INTO attribution_model SELECT id, account, (id % 97) / 97.0, behavior_date"
           " FROM post_check_in_behavior WHERE id % 3 = 0;"
           "INSERT INTO accounts SELECT 'a' || value, CASE WHEN value % 9 = 0 THEN NULL"
           " ELSE 'csm' || (value % 4) END, CASE value % 3 WHEN 0 THEN 'smb' WHEN 1 THEN 'ent'"
           " END FROM n");
}

static void test_checkin(sqlite3 *db) {
  static const char *azGran[5] = {"all", "week", "month", "quarter", "year"};
  static const char *azSeg[4] = {"none", "type", "csm", "segment"};
  static const char *azOutcome[4] = {"any", "usage_spikes", "upsells", "renewals"};
  static const int aWindow[3] = {0, 7, 30};
  char zSql[300];
  checkin_data(db);
  CHECK(query_int(db, "SELECT max(id) - min(id) FROM post_check_in_behavior") > 100000,
        "rowid span");
  for (int g = 0; g < 5; g++) {
    for (int s = 0; s < 4; s++) {
      snprintf(zSql, sizeof(zSql), "SELECT * FROM checkin_impact(%d, '%s', '%s', '%s')",
               aWindow[(g + s) % 3], azGran[g], azSeg[s], azOutcome[(g * 4 + s) % 4]);
      same_result(db, zSql, ROWS);
    }
  }
  /* Both the behavior and the attribution tables go parallel. */
  exec(db, "SELECT csmetrics_threads(2)");
  sqlite3_int64 nBefore = query_int(db, "SELECT csmetrics_parallel_scans()");
  exec(db, "SELECT * FROM checkin_impact(30, 'month')");
  CHECK(query_int(db, "SELECT csmetrics_parallel_scans()") == nBefore + 2, "two parallel scans");
  /* A covering index the serial statement walks in account order. */
  exec(db, "CREATE INDEX beh_cover ON post_check_in_behavior(account, behavior_date,"
           " usage_spikes, upsells, renewals)");
  CHECK(uses_index(db, "SELECT account, behavior_date, usage_spikes, upsells, renewals"
                       " FROM post_check_in_behavior"),
        "beh_cover used");
  same_result(db, "SELECT * FROM checkin_impact(7, 'week', 'type')", ROWS);
  same_result(db, "SELECT * FROM checkin_impact(30, 'quarter', 'segment')", ROWS);
  exec(db, "DROP INDEX beh_cover");
  /* Bad behavior rows: one, then several (the first in rowid order). */
  static const BadRow aBad[] = {{"behavior_date = 'later'", 4000},
                                {"upsells = 'many'", 1100},
                                {"behavior_date = x'00'", 900}};
  static const BadRow aBadAttr[] = {{"calculation_date = 'then'", 1500},
                                    {"impact_score = 'high'", 700}};
  for (int i = 0; i < 3; i++) {
    spoil(db, "post_check_in_behavior", "1", &aBad[i]);
    same_result(db, "SELECT * FROM checkin_impact(30, 'month', 'type')", ERROR);
  }
  exec(db, "UPDATE post_check_in_behavior SET behavior_date = '2023-03-01',"
           " upsells = 1 WHERE typeof(behavior_date) = 'blob' OR behavior_date = 'later'"
           " OR upsells = 'many'");
  same_result(db, "SELECT * FROM checkin_impact(30, 'month', 'type')", ROWS);
  for (int i = 0; i < 2; i++) { /* bad attribution rows */
    spoil(db, "attribution_model", "1", &aBadAttr[i]);
    same_result(db, "SELECT * FROM checkin_impact(30, 'quarter', 'csm')", ERROR);
  }
}

/* ------------------------------------------------------------------ oom */

/* Every allocation of zSql with 2 threads failed in turn (transient, then
** persistent; the Nth for N = 1, 2, ... in steps that grow by 2%): each run
** is an out-of-memory error or exactly the serial result. Leaks are the
** sanitizers' to find (the ASan build). */
static void oom_sweep(sqlite3 *db, const char *zSql) {
  exec(db, "SELECT csmetrics_threads(1)");
  char *zRef = result_of(db, zSql);
  int nInjected = 0;
  for (int persist = 0; persist < 2; persist++) {
    for (long n = 1;; n += 1 + n / 50) {
      exec(db, "SELECT csmetrics_threads(2)");
      failing_alloc_arm(n, persist);
      char *z = result_of(db, zSql);
      long nFired = failing_alloc_disarm();
      nInjected += nFired > 0;
      CHECK((nFired > 0 && strcmp(z, "error: out of memory") == 0) || strcmp(z, zRef) == 0,
            "%s, allocation %ld failed%s: %.200s", zSql, n, persist ? " for good" : "", z);
      free(z);
      if (nFired == 0) break;
    }
  }
  CHECK(nInjected > 100, "%s: %d failures injected", zSql, nInjected);
  free(zRef);
}

int main(void) {
  const char *zTmp = getenv("TMPDIR");
  char zDir[512], zFile[600];
  snprintf(zDir, sizeof(zDir), "%s/csm_parallel_XXXXXX", zTmp && zTmp[0] ? zTmp : "/tmp");
  sqlite3 *db = 0;
  CHECK(mkdtemp(zDir) != 0, "mkdtemp");
  snprintf(zFile, sizeof(zFile), "%s/t.db", zDir);
  CHECK(failing_alloc_install() == SQLITE_OK, "failing allocator");
  CHECK(sqlite3_auto_extension((void (*)(void))sqlite3_csmetrics_init) == SQLITE_OK, "auto");
  CHECK(sqlite3_open(zFile, &db) == SQLITE_OK, "open %s", zFile);
  test_mrr(db);
  test_checkin(db);
  CHECK(nQuery > 100 && nError >= 10, "%d queries, %d errors", nQuery, nError);
  oom_sweep(db, "SELECT * FROM mrr_movements('quarter', 'snap', 'account', 'month', 'mrr')");
  oom_sweep(db, "SELECT * FROM checkin_impact(30, 'month', 'type')");
  sqlite3_close(db);
  sqlite3_reset_auto_extension();
  unlink(zFile);
  rmdir(zDir);
  return unit_report();
}
