/*
** test_interrupt_probe.c -- sqlite3_interrupt() stops the virtual tables
** (docs/reliability.md, "Interrupts"): while checkin_impact reads, through
** its inner SELECTs; and past the reading, in a sort or a walk where
** SQLite cannot see it, through the interrupt probe
** (ext/interrupt_probe.h) that those phases consult (checkin_impact,
** cohort_retention, mrr_movements).
**
** Deterministic, not timed: a progress handler (every VM step) recognises
** the probe's own statement by its SQL. A plain run counts the probe's
** steps (they all come after the scan: the probe is only stepped in the C
** phases), which must be many, so a phase that stops consulting the probe
** fails here; then the handler interrupts at the first, the middle and
** the last of them, and the statement must fail with SQLITE_INTERRUPT
** ("interrupted") within one more probe step. Leaks show under ASan.
*/
#include <string.h>

#include "csmetrics.h"
#include "interrupt_probe.h"
#include "unit.h"

/* P1 from inside a statement: a function that interrupts its own
** connection, then asks a probe. */
static void probe_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  CsmProbe *p = sqlite3_user_data(ctx);
  if (sqlite3_value_int(argv[0])) sqlite3_interrupt(sqlite3_context_db_handle(ctx));
  sqlite3_result_int(ctx, csm_probe_interrupted(p));
}

typedef struct Watch {
  sqlite3 *db;
  int nProbe;          /* probe steps seen */
  int nInterrupt;      /* interrupt at this probe step (0: never) */
  sqlite3_stmt *pLast; /* the probe of the last step seen, */
  int nLastRun;        /* and its SQLITE_STMTSTATUS_RUN then */
} Watch;

/* Several progress calls fall in one step of the probe: a step is new
** when the probe's run counter (bumped by its OP_Init) moved. */
static int on_progress(void *pArg) {
  Watch *w = pArg;
  for (sqlite3_stmt *s = sqlite3_next_stmt(w->db, 0); s; s = sqlite3_next_stmt(w->db, s)) {
    if (sqlite3_stmt_busy(s) && strcmp(sqlite3_sql(s), CSM_PROBE_SQL) == 0) {
      int nRun = sqlite3_stmt_status(s, SQLITE_STMTSTATUS_RUN, 0);
      if (s == w->pLast && nRun == w->nLastRun) break;
      w->pLast = s;
      w->nLastRun = nRun;
      if (++w->nProbe == w->nInterrupt) sqlite3_interrupt(w->db);
      break;
    }
  }
  return 0;
}

/* During the read: a progress handler every 1,000 VM steps calls
** sqlite3_interrupt() at call nInterrupt (0: never). */
typedef struct Count {
  sqlite3 *db;
  int nCalls;
  int nInterrupt;
} Count;

static int on_count(void *pArg) {
  Count *c = pArg;
  if (++c->nCalls == c->nInterrupt) sqlite3_interrupt(c->db);
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

/* Runs zQuery watched by w, interrupting at probe step nInterrupt (0:
** never); returns the final result code, w->nProbe the probe steps seen. */
static int watched_run(Watch *w, const char *zQuery, int nInterrupt) {
  w->nProbe = w->nLastRun = 0;
  w->pLast = 0;
  w->nInterrupt = nInterrupt;
  sqlite3_progress_handler(w->db, 1, on_progress, w);
  int rc = run(w->db, zQuery);
  sqlite3_progress_handler(w->db, 0, 0, 0);
  return rc;
}

/* The sweep described in the header, for one query; nMin is the least
** number of probe steps its C phases must make. */
static void sweep(sqlite3 *db, const char *zQuery, int nMin) {
  Watch w = {db, 0, 0, 0, 0};
  CHECK(watched_run(&w, zQuery, 0) == SQLITE_DONE, "%s: plain run: %s", zQuery, sqlite3_errmsg(db));
  int nWhole = w.nProbe;
  CHECK(nWhole >= nMin, "%s: %d probe steps, expected at least %d", zQuery, nWhole, nMin);
  int aAt[3] = {1, nWhole / 2, nWhole};
  for (int i = 0; i < 3 && nWhole > 0; i++) {
    int rc = watched_run(&w, zQuery, aAt[i]);
    CHECK(rc == SQLITE_INTERRUPT && strcmp(sqlite3_errmsg(db), "interrupted") == 0,
          "%s: interrupted at probe step %d: %d (%s)", zQuery, aAt[i], rc, sqlite3_errmsg(db));
    CHECK(w.nProbe <= aAt[i] + 1, "%s: %d probe steps after an interrupt at %d", zQuery, w.nProbe,
          aAt[i]);
  }
  /* The connection works afterwards. */
  CHECK(watched_run(&w, zQuery, 0) == SQLITE_DONE, "%s: run after the interrupts: %s", zQuery,
        sqlite3_errmsg(db));
}

int main(void) {
  sqlite3 *db;
  CsmProbe *p = 0;
  CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK, "open");
  CHECK(sqlite3_csmetrics_init(db, 0, 0) == SQLITE_OK, "init");

  /* The probe alone: P1 outside and inside a statement, P2. */
  CHECK(csm_probe_open(db, &p) == SQLITE_OK && p != 0, "probe open");
  CHECK(csm_probe_interrupted(p) == SQLITE_OK, "not interrupted");
  CHECK(csm_probe_interrupted(0) == SQLITE_OK && csm_probe_tick(0) == SQLITE_OK, "null probe");
  sqlite3_create_function(db, "probe", 1, SQLITE_UTF8, p, probe_fn, 0, 0);
  sqlite3_stmt *s = 0;
  CHECK(sqlite3_prepare_v2(db, "SELECT probe(0), probe(1), probe(0)", -1, &s, 0) == SQLITE_OK,
        "prepare: %s", sqlite3_errmsg(db));
  CHECK(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == SQLITE_OK &&
            sqlite3_column_int(s, 1) == SQLITE_INTERRUPT &&
            sqlite3_column_int(s, 2) == SQLITE_INTERRUPT,
        "inside a statement: %d %d %d", sqlite3_column_int(s, 0), sqlite3_column_int(s, 1),
        sqlite3_column_int(s, 2));
  sqlite3_finalize(s);
  CHECK(csm_probe_interrupted(p) == SQLITE_OK, "the flag is cleared by the next statement");
  int nTick = 0;
  while (csm_probe_tick(p) == SQLITE_OK && nTick < CSM_PROBE_EVERY) nTick++;
  CHECK(nTick == CSM_PROBE_EVERY, "tick: %d", nTick);
  csm_probe_close(p);
  csm_probe_close(0);

  /* checkin_impact by type: 60,000 distinct types make the segment sort
  ** (step 6) about 900,000 comparisons, over 200 probe steps (213). */
  static const char zCheckins[] =
      "CREATE TABLE check_in_logs(id INTEGER PRIMARY KEY, date, type, account);"
      "CREATE TABLE post_check_in_behavior(id INTEGER PRIMARY KEY, account,"
      "  behavior_date, usage_spikes, upsells, renewals);"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)"
      " INSERT INTO check_in_logs(date, type, account)"
      " SELECT date('2024-01-01', '+' || (i % 365) || ' days'), 't' || (i * 7919 % 60000),"
      "  i % 500 FROM n;";
  CHECK(sqlite3_exec(db, zCheckins, 0, 0, 0) == SQLITE_OK, "data: %s", sqlite3_errmsg(db));
  sweep(db, "SELECT count(*) FROM checkin_impact(30, 'month', 'type')", 200);

  /* The same query interrupted a tenth of the way in, while it reads: the
  ** inner SELECT returns SQLITE_INTERRUPT, which xFilter passes on, within
  ** two more callbacks. */
  static const char zQuery[] = "SELECT * FROM checkin_impact(30, 'month', 'type')";
  Count count = {db, 0, 0};
  sqlite3_progress_handler(db, 1000, on_count, &count);
  CHECK(run(db, zQuery) == SQLITE_DONE, "plain run: %s", sqlite3_errmsg(db));
  int nWhole = count.nCalls;
  CHECK(nWhole > 100, "a whole run takes %d callbacks", nWhole);
  count.nCalls = 0;
  count.nInterrupt = nWhole / 10;
  int rc = run(db, zQuery);
  CHECK(rc == SQLITE_INTERRUPT, "interrupted run returns %d (%s)", rc, sqlite3_errmsg(db));
  CHECK(count.nCalls <= count.nInterrupt + 2, "stopped after %d of %d callbacks (interrupt at %d)",
        count.nCalls, nWhole, count.nInterrupt);
  sqlite3_progress_handler(db, 0, 0, 0);

  /* cohort_retention by segment: 60,000 entities, each its own segment
  ** (the segment sort, then the member loop). */
  static const char zEvents[] =
      "CREATE TABLE ev(account, date, segment);"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)"
      " INSERT INTO ev SELECT i, date('2024-01-01', '+' || (i % 365) || ' days'),"
      "  's' || (i * 7919 % 60000) FROM n;";
  CHECK(sqlite3_exec(db, zEvents, 0, 0, 0) == SQLITE_OK, "events: %s", sqlite3_errmsg(db));
  sweep(db,
        "SELECT count(*) FROM cohort_retention WHERE source = 'ev' AND segment_column = 'segment'",
        200);

  /* mrr_movements: the same segments (the segment sort), then an as_of
  ** 7,000 years on: 84,000 periods without rows made by mrr_carry. */
  static const char zMrr[] = "CREATE TABLE mrr(account, month, mrr, segment);"
                             "INSERT INTO mrr SELECT account, '2024-01-01', 10, segment FROM ev;"
                             "CREATE TABLE mrr_one(account, month, mrr);"
                             "INSERT INTO mrr_one VALUES (1, '2024-01-01', 10);";
  CHECK(sqlite3_exec(db, zMrr, 0, 0, 0) == SQLITE_OK, "mrr: %s", sqlite3_errmsg(db));
  sweep(db,
        "SELECT count(*) FROM mrr_movements WHERE source = 'mrr' AND segment_column = 'segment'",
        200);
  sweep(db, "SELECT count(*) FROM mrr_movements WHERE source = 'mrr_one' AND as_of = '9024-01-01'",
        20);

  sqlite3_close(db);
  return unit_report();
}
