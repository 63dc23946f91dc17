/*
** interrupt.c -- sqlite3_interrupt() stops long cohort_retention,
** checkin_impact, mrr_movements and threshold_sweep queries promptly with
** SQLITE_INTERRUPT (docs/reliability.md).
**
** It builds a large portfolio (ROWS usage events, MRR snapshots and scores,
** a quarter as many check-ins and behaviour rows), then for each query:
**   1. from a progress handler (every 100 VM instructions), interrupts after
**      1, 10, 100, ... callbacks: each run must end with SQLITE_INTERRUPT
**      (or complete normally when it finished first) within LATENCY_MS of
**      the interrupt;
**   2. from another thread, interrupts 1, 5, 25 ms after the statement
**      started running (the way a host cancels a query; "started" is the
**      first progress callback, since an interrupt that arrives before
**      sqlite3_step() is cleared by it), with the same requirements;
**   3. runs the query again uninterrupted: the connection is still usable and
**      the result is the one of a fresh run (nothing stale was kept).
** Leaks of the interrupted cursors are caught by the sanitizer build.
**
**   interrupt [ROWS]
*/
#define _POSIX_C_SOURCE 200809L /* clock_gettime, nanosleep */

#include "csmetrics.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LATENCY_MS 250.0 /* generous: sanitizer builds and a loaded machine */

static const char *const azQuery[] = {
    "SELECT * FROM cohort_retention('usage_events')",
    ("SELECT * FROM cohort_retention('usage_events', 'week', 'rolling', 'account', 'date',"
     " 'event_count')"),
    "SELECT * FROM cohort_retention('usage_events', 'day')",
    "SELECT * FROM checkin_impact",
    "SELECT * FROM checkin_impact(30, 'month', 'type')",
    "SELECT * FROM mrr_movements",
    /* stored out of time order: read again ORDER BY time; two passes */
    "SELECT * FROM mrr_movements('quarter', 'mrr_shuffled', 'account', 'month', 'mrr', 'segment')",
    "SELECT * FROM threshold_sweep('scores', 'score', 'churned', 0, 100, 0.01)",
};
#define N_QUERY ((int)(sizeof(azQuery) / sizeof(azQuery[0])))

static int nPass, nFail, nInterrupted;
static double msWorst; /* longest time from an interrupt to the end of its run */

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static void check(int bOk, const char *zWhat, const char *zSql, const char *zDetail) {
  if (bOk) {
    nPass++;
  } else {
    nFail++;
    printf("FAIL %s: %s -- %s\n", zWhat, zSql, zDetail);
  }
}

typedef struct Interrupter {
  sqlite3 *db;
  long nCallback; /* progress callbacks so far */
  long nAt;       /* interrupt at this callback (progress handler mode) */
  double msAt;    /* when sqlite3_interrupt() was called; 0 if not yet */
  int msDelay;    /* thread mode: this long after the query started */
  int bStarted;   /* thread mode: the first progress callback happened */
  int bDone;      /* thread mode: the query ended */
  pthread_mutex_t mu;
  pthread_cond_t cond;
} Interrupter;

static int progress_cb(void *pArg) {
  Interrupter *p = pArg;
  ++p->nCallback;
  if (p->nAt == 0 && p->nCallback == 1) {
    /* Thread mode: the statement runs, so an interrupt now cannot be
    ** cleared by the start of sqlite3_step(). */
    pthread_mutex_lock(&p->mu);
    p->bStarted = 1;
    pthread_cond_signal(&p->cond);
    pthread_mutex_unlock(&p->mu);
  } else if (p->nCallback == p->nAt) {
    p->msAt = now_ms();
    sqlite3_interrupt(p->db);
  }
  return 0;
}

static void *interrupt_thread(void *pArg) {
  Interrupter *p = pArg;
  struct timespec t = {0, p->msDelay * 1000000L};
  pthread_mutex_lock(&p->mu);
  while (!p->bStarted && !p->bDone) pthread_cond_wait(&p->cond, &p->mu);
  pthread_mutex_unlock(&p->mu);
  nanosleep(&t, 0);
  pthread_mutex_lock(&p->mu);
  if (!p->bDone) {
    p->msAt = now_ms();
    sqlite3_interrupt(p->db);
  }
  pthread_mutex_unlock(&p->mu);
  return 0;
}

/* Steps zSql to the end; returns the final result code. */
static int run(sqlite3 *db, const char *zSql, long *pnRow) {
  sqlite3_stmt *s = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &s, 0);
  *pnRow = 0;
  if (rc == SQLITE_OK) {
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) ++*pnRow;
  }
  sqlite3_finalize(s);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Checks one interrupted (or not) run. */
static void check_run(sqlite3 *db, const char *zSql, int rc, double msAt, double msEnd) {
  char z[300];
  if (msAt == 0) {
    snprintf(z, sizeof(z), "rc %d: %s", rc, sqlite3_errmsg(db));
    check(rc == SQLITE_OK, "completes when not interrupted", zSql, z);
    return;
  }
  nInterrupted++;
  if (msEnd - msAt > msWorst) msWorst = msEnd - msAt;
  snprintf(z, sizeof(z), "rc %d (%s) %.1f ms after the interrupt", rc, sqlite3_errmsg(db),
           msEnd - msAt);
  check(rc == SQLITE_INTERRUPT, "SQLITE_INTERRUPT", zSql, z);
  check(msEnd - msAt < LATENCY_MS, "stops promptly", zSql, z);
}

static void test_query(sqlite3 *db, const char *zSql) {
  long nRowRef, nRow;
  double ms0 = now_ms();
  int rc = run(db, zSql, &nRowRef);
  double msFull = now_ms() - ms0;
  check(rc == SQLITE_OK, "reference run", zSql, sqlite3_errmsg(db));
  if (rc != SQLITE_OK) return;
  printf("%.1f ms uninterrupted, %ld rows: %s\n", msFull, nRowRef, zSql);

  for (long nAt = 1; nAt <= 100000; nAt *= 10) {
    Interrupter it = {db, 0, nAt, 0, 0, 0, 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};
    sqlite3_progress_handler(db, 100, progress_cb, &it);
    rc = run(db, zSql, &nRow);
    check_run(db, zSql, rc, it.msAt, now_ms());
    sqlite3_progress_handler(db, 0, 0, 0);
  }
  for (int msDelay = 1; msDelay <= 25; msDelay *= 5) {
    Interrupter it = {
        db, 0, 0, 0, msDelay, 0, 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};
    pthread_t t;
    if (pthread_create(&t, 0, interrupt_thread, &it) != 0) exit(2);
    sqlite3_progress_handler(db, 100, progress_cb, &it);
    rc = run(db, zSql, &nRow);
    double msEnd = now_ms();
    sqlite3_progress_handler(db, 0, 0, 0);
    pthread_mutex_lock(&it.mu);
    it.bDone = 1;
    pthread_cond_signal(&it.cond);
    double msAt = it.msAt;
    pthread_mutex_unlock(&it.mu);
    pthread_join(t, 0);
    /* An interrupt in the last instructions of a run that completes, or
    ** after it, finds nothing to stop. */
    if (rc == SQLITE_OK && msAt > msEnd - 2.0) msAt = 0;
    check_run(db, zSql, rc, msAt, msEnd);
  }
  rc = run(db, zSql, &nRow);
  check(rc == SQLITE_OK && nRow == nRowRef, "usable after the interrupts", zSql,
        sqlite3_errmsg(db));
}

int main(int argc, char **argv) {
  long nRows = argc > 1 ? strtol(argv[1], 0, 10) : 200000;
  sqlite3 *db = 0;
  char *zSetup = sqlite3_mprintf(
      "CREATE TABLE usage_events(id INTEGER PRIMARY KEY, account, user_id, date, feature,"
      " event_count);"
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %ld)"
      " INSERT INTO usage_events(account, user_id, date, feature, event_count)"
      " SELECT 'a' || (i %% 5000), 'u' || (i %% 7), date('2022-01-01', '+' || ((i * 7919) %% 900)"
      " || ' days'), 'f', 1 + i %% 4 FROM n;"
      "CREATE TABLE check_in_logs(id INTEGER PRIMARY KEY, date, type, account);"
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %ld)"
      " INSERT INTO check_in_logs(date, type, account)"
      " SELECT date('2022-01-01', '+' || ((i * 104729) %% 900) || ' days'),"
      " CASE i %% 3 WHEN 0 THEN 'qbr' WHEN 1 THEN 'call' ELSE 'email' END, 'a' || (i %% 4000)"
      " FROM n;"
      "CREATE TABLE post_check_in_behavior(id INTEGER PRIMARY KEY, account, behavior_date,"
      " usage_spikes, upsells, renewals);"
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %ld)"
      " INSERT INTO post_check_in_behavior(account, behavior_date, usage_spikes, upsells,"
      " renewals)"
      " SELECT 'a' || (i %% 5000), date('2022-01-05', '+' || ((i * 7907) %% 900) || ' days'),"
      " i %% 2, i %% 5 = 0, i %% 7 = 0 FROM n;"
      "CREATE TABLE control_group(id INTEGER PRIMARY KEY, account);"
      "INSERT INTO control_group(account) SELECT DISTINCT account FROM usage_events"
      " WHERE CAST(substr(account, 2) AS INTEGER) >= 4000;"
      "CREATE TABLE attribution_model(id INTEGER PRIMARY KEY, account, impact_score,"
      " calculation_date);"
      "INSERT INTO attribution_model(account, impact_score, calculation_date)"
      " SELECT account, (id %% 10) / 10.0, date FROM check_in_logs;"
      "CREATE TABLE mrr_snapshots(id INTEGER PRIMARY KEY, account, month, mrr);"
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %ld)"
      " INSERT INTO mrr_snapshots(account, month, mrr)"
      " SELECT 'a' || (i %% 5000), date('2020-01-01', '+' || (i / 5000) || ' months'),"
      " (i * 7919) %% 300 FROM n;"
      "CREATE TABLE mrr_shuffled AS SELECT account, month, mrr,"
      " 's' || (length(account) %% 3) AS segment FROM mrr_snapshots ORDER BY (id * 7907) %% 1009;"
      "CREATE TABLE scores(id INTEGER PRIMARY KEY, score, churned);"
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %ld)"
      " INSERT INTO scores(score, churned) SELECT (i * 7919) %% 10007 / 100.0, i %% 3 = 0 FROM n;",
      nRows - 1, nRows / 4 - 1, nRows / 4 - 1, nRows - 1, nRows - 1);
  sqlite3_auto_extension((void (*)(void))sqlite3_csmetrics_init);
  if (zSetup == 0 || sqlite3_open(":memory:", &db) != SQLITE_OK ||
      sqlite3_exec(db, zSetup, 0, 0, 0) != SQLITE_OK) {
    fprintf(stderr, "interrupt: setup failed: %s\n", sqlite3_errmsg(db));
    return 2;
  }
  sqlite3_free(zSetup);
  for (int i = 0; i < N_QUERY; i++) test_query(db, azQuery[i]);
  sqlite3_close(db);
  sqlite3_reset_auto_extension();
  printf("%d interrupted runs, stopped within %.1f ms; %d passed, %d failed\n", nInterrupted,
         msWorst, nPass, nFail);
  return nFail ? 1 : 0;
}
