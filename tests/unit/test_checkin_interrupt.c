/*
** test_checkin_interrupt.c -- checkin_impact stops promptly on
** sqlite3_interrupt() (docs/reliability.md): the interrupt reaches its inner
** SELECTs, xFilter returns SQLITE_INTERRUPT, and the statement fails with
** it instead of running to the end. Also a plain run, so the test shows
** the data was large enough to be interrupted.
*/
#include <string.h>

#include "csmetrics.h"
#include "unit.h"

typedef struct Progress {
  sqlite3 *db;
  int nCalls;     /* progress callbacks seen */
  int nInterrupt; /* call sqlite3_interrupt at this callback (0: never) */
} Progress;

static int on_progress(void *pArg) {
  Progress *p = pArg;
  if (++p->nCalls == p->nInterrupt) sqlite3_interrupt(p->db);
  return 0;
}

/* Runs zSql to the end; returns the final result code. */
static int run(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *s = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &s, 0);
  if (rc != SQLITE_OK) return rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
  }
  sqlite3_finalize(s);
  return rc;
}

int main(void) {
  sqlite3 *db;
  Progress prog = {0, 0, 0};
  static const char zQuery[] = "SELECT * FROM checkin_impact(30, 'month', 'type')";
  CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK, "open");
  CHECK(sqlite3_csmetrics_init(db, 0, 0) == SQLITE_OK, "init");
  static const char zData[] =
      "CREATE TABLE check_in_logs(id INTEGER PRIMARY KEY, date, type, account);"
      "CREATE TABLE post_check_in_behavior(id INTEGER PRIMARY KEY, account,"
      "  behavior_date, usage_spikes, upsells, renewals);"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)"
      " INSERT INTO check_in_logs(date, type, account)"
      " SELECT date('2024-01-01', '+' || (i % 365) || ' days'), 'call', i % 5000 FROM n;"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)"
      " INSERT INTO post_check_in_behavior(account, behavior_date, usage_spikes)"
      " SELECT i % 7000, date('2024-01-01', '+' || (i % 400) || ' days'), i % 2 FROM n;";
  CHECK(sqlite3_exec(db, zData, 0, 0, 0) == SQLITE_OK, "data: %s", sqlite3_errmsg(db));

  /* Uninterrupted: count the progress callbacks of a whole run. */
  prog.db = db;
  sqlite3_progress_handler(db, 1000, on_progress, &prog);
  CHECK(run(db, zQuery) == SQLITE_DONE, "plain run: %s", sqlite3_errmsg(db));
  int nWhole = prog.nCalls;
  CHECK(nWhole > 100, "a whole run takes %d callbacks", nWhole);

  /* Interrupted a tenth of the way in: it stops within a few callbacks. */
  prog.nCalls = 0;
  prog.nInterrupt = nWhole / 10;
  int rc = run(db, zQuery);
  CHECK(rc == SQLITE_INTERRUPT, "interrupted run returns %d (%s)", rc, sqlite3_errmsg(db));
  CHECK(prog.nCalls <= prog.nInterrupt + 2, "stopped after %d of %d callbacks (interrupt at %d)",
        prog.nCalls, nWhole, prog.nInterrupt);

  /* The connection works afterwards. */
  prog.nInterrupt = 0;
  CHECK(run(db, zQuery) == SQLITE_DONE, "run after the interrupt: %s", sqlite3_errmsg(db));
  sqlite3_progress_handler(db, 0, 0, 0);
  sqlite3_close(db);
  return unit_report();
}
