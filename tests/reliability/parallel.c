/*
** parallel.c -- the parallel scan (ext/scan_parallel.c) under stress: a
** cohort_retention over a database file read by worker threads.
**
**   parallel [ROWS [ROUNDS [oom]]]
**
** It writes ROWS usage rows (rowids spread so their span passes the
** parallel threshold) to a file in $TMPDIR, records the serial result
** (csmetrics_threads(1)), then checks:
**   1. identity: with 2, 3, 4 and 8 threads, ROUNDS times each, the result
**      equals the serial one and csmetrics_parallel_scans() counts every
**      run -- several connections doing so on threads at once (so under
**      ThreadSanitizer, tests/reliability/tsan.sh, workers of different
**      scans and connections run side by side);
**   2. interrupt: from a progress handler that calls sqlite3_interrupt()
**      at its Nth call (N = 1, 2, ...: during the checks, the lock, and the
**      calling thread's probes while the workers read), and from another
**      thread after 0.1..20 ms: the run returns SQLITE_INTERRUPT or the
**      serial result, and the connection then gives the serial result;
**   3. with "oom": fails the Nth allocation (N = 1, 2, ... until a run
**      needs fewer; transient and persistent), with a process-wide
**      allocator whose countdown is atomic since workers allocate
**      concurrently: each run is SQLITE_NOMEM or the serial result. Leaks
**      and races are the sanitizers' to find.
** Exit status 0 when every check passed.
*/
#define _POSIX_C_SOURCE 200809L /* nanosleep */

#include "../failing_alloc.h"
#include "csmetrics.h"
#include "workload.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define QUERY                                                                                      \
  "SELECT * FROM cohort_retention('ev', 'month', 'classic', 'account', 'date', 'mrr',"             \
  " NULL, NULL, 'sum', 'seg')"

static int nCheck, nFail; /* atomic: the identity threads check at once */

static void check(int ok, const char *zWhat, const char *zDetail) {
  __atomic_add_fetch(&nCheck, 1, __ATOMIC_SEQ_CST);
  if (!ok) {
    __atomic_add_fetch(&nFail, 1, __ATOMIC_SEQ_CST);
    printf("FAIL %s: %.300s\n", zWhat, zDetail ? zDetail : "");
  }
}

static sqlite3 *open_db(const char *zPath) {
  sqlite3 *db = 0;
  if (sqlite3_open(zPath, &db) != SQLITE_OK) {
    fprintf(stderr, "parallel: cannot open %s\n", zPath);
    exit(2);
  }
  return db;
}

static void exec(sqlite3 *db, const char *zSql) {
  if (sqlite3_exec(db, zSql, 0, 0, 0) != SQLITE_OK) {
    fprintf(stderr, "parallel: %s: %s\n", zSql, sqlite3_errmsg(db));
    exit(2);
  }
}

/* The result of QUERY with n threads; *pRc its code. */
static char *run(sqlite3 *db, int n, int *pRc) {
  char zSet[64];
  snprintf(zSet, sizeof(zSet), "SELECT csmetrics_threads(%d)", n);
  exec(db, zSet);
  char *z = workload_run(db, QUERY, pRc);
  if (z == 0) exit(2);
  return z;
}

static sqlite3_int64 scans(sqlite3 *db) {
  sqlite3_stmt *p = 0;
  sqlite3_int64 n = -1;
  if (sqlite3_prepare_v2(db, "SELECT csmetrics_parallel_scans()", -1, &p, 0) == SQLITE_OK &&
      sqlite3_step(p) == SQLITE_ROW) {
    n = sqlite3_column_int64(p, 0);
  }
  sqlite3_finalize(p);
  return n;
}

/* ------------------------------------------------------------- identity */

typedef struct Identity {
  const char *zPath, *zRef;
  int nRound, iThread;
} Identity;

static void *identity_main(void *pArg) {
  Identity *p = pArg;
  static const int aN[] = {2, 3, 4, 8};
  sqlite3 *db = open_db(p->zPath);
  for (int r = 0; r < p->nRound; r++) {
    for (int k = 0; k < 4; k++) {
      int rc, n = aN[(k + p->iThread) % 4];
      sqlite3_int64 before = scans(db);
      char *z = run(db, n, &rc);
      check(rc == SQLITE_OK && strcmp(z, p->zRef) == 0, "identity", z);
      check(scans(db) == before + 1, "identity: the scan went parallel", 0);
      free(z);
    }
  }
  sqlite3_close(db);
  return 0;
}

/* ------------------------------------------------------------ interrupt */

typedef struct Interrupt {
  sqlite3 *db;
  long nCall, nAt; /* progress mode: calls so far, interrupt at this one */
  long usDelay;    /* thread mode */
} Interrupt;

static int interrupt_progress(void *pArg) {
  Interrupt *p = pArg;
  if (++p->nCall == p->nAt) sqlite3_interrupt(p->db);
  return 0;
}

static void *interrupt_thread(void *pArg) {
  Interrupt *p = pArg;
  struct timespec t = {p->usDelay / 1000000, (p->usDelay % 1000000) * 1000};
  nanosleep(&t, 0);
  sqlite3_interrupt(p->db);
  return 0;
}

static void interrupt_check(sqlite3 *db, const char *zRef, int rc, char *z, const char *zHow) {
  check(rc == SQLITE_INTERRUPT || (rc == SQLITE_OK && strcmp(z, zRef) == 0), zHow, z);
  free(z);
  z = run(db, 2, &rc);
  check(rc == SQLITE_OK && strcmp(z, zRef) == 0, "usable after an interrupt", z);
  free(z);
}

static void interrupts(const char *zPath, const char *zRef) {
  sqlite3 *db = open_db(zPath);
  Interrupt it;
  int nInterrupted = 0, rc;
  /* A progress handler at every instruction of the calling thread, which
  ** interrupts at its Nth call: N grows by about 10% a run, to sample every
  ** phase without running the scan once per instruction. */
  for (long n = 1;; n += 1 + n / 10) {
    memset(&it, 0, sizeof(it));
    it.db = db;
    it.nAt = n;
    exec(db, "SELECT csmetrics_threads(2)");
    sqlite3_progress_handler(db, 1, interrupt_progress, &it);
    char *z = workload_run(db, QUERY, &rc);
    sqlite3_progress_handler(db, 0, 0, 0);
    if (z == 0) exit(2);
    nInterrupted += rc == SQLITE_INTERRUPT;
    int bReached = it.nCall >= n;
    interrupt_check(db, zRef, rc, z, "interrupt from a progress handler");
    if (!bReached) break;
  }
  printf("%d runs interrupted by the progress handler\n", nInterrupted);
  check(nInterrupted > 0, "some runs were interrupted", 0);
  static const long aUs[] = {100, 1000, 3000, 8000, 20000};
  for (int i = 0; i < 5; i++) {
    pthread_t t;
    memset(&it, 0, sizeof(it));
    it.db = db;
    it.usDelay = aUs[i];
    exec(db, "SELECT csmetrics_threads(2)");
    if (pthread_create(&t, 0, interrupt_thread, &it) != 0) exit(2);
    char *z = workload_run(db, QUERY, &rc);
    pthread_join(t, 0);
    if (z == 0) exit(2);
    interrupt_check(db, zRef, rc, z, "interrupt from another thread");
  }
  sqlite3_close(db);
}

/* ------------------------------------------------------------------ oom */

static void ooms(const char *zPath, const char *zRef) {
  sqlite3 *db = open_db(zPath);
  long nInjected = 0;
  for (int persist = 0; persist < 2; persist++) {
    for (long n = 1;; n++) {
      int rc;
      exec(db, "SELECT csmetrics_threads(2)");
      failing_alloc_arm(n, persist);
      char *z = workload_run(db, QUERY, &rc);
      long nFired = failing_alloc_disarm();
      if (z == 0) exit(2);
      nInjected += nFired > 0;
      check((nFired > 0 && rc == SQLITE_NOMEM) || (rc == SQLITE_OK && strcmp(z, zRef) == 0),
            persist ? "oom (persistent)" : "oom (transient)", z);
      free(z);
      if (nFired == 0) break;
    }
  }
  printf("%ld allocation failures injected\n", nInjected);
  sqlite3_close(db);
}

int main(int argc, char **argv) {
  long nRow = argc > 1 ? strtol(argv[1], 0, 10) : 20000;
  int nRound = argc > 2 ? (int)strtol(argv[2], 0, 10) : 2;
  int bOom = argc > 3 && strcmp(argv[3], "oom") == 0;
  char zPath[512], zSql[512];
  const char *zTmp = getenv("TMPDIR");
  int rc;
  if (bOom && failing_alloc_install() != SQLITE_OK) {
    fprintf(stderr, "parallel: cannot install the failing allocator\n");
    return 2;
  }
  if (sqlite3_auto_extension((void (*)(void))sqlite3_csmetrics_init) != SQLITE_OK) return 2;
  snprintf(zPath, sizeof(zPath), "%s/csm_parallel_%ld.db", zTmp ? zTmp : "/tmp", (long)getpid());
  unlink(zPath);
  sqlite3 *db = open_db(zPath);
  /* rowids spread over 12 * nRow (> 100000 for 9000 rows and more); days
  ** of 2022..2024; values with cents; four segments; 997 accounts, or 13
  ** for the OOM sweep (fewer allocations to fail in turn). */
  exec(db, "CREATE TABLE ev(account, date, mrr, seg)");
  snprintf(zSql, sizeof(zSql),
           "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %ld)"
           " INSERT INTO ev(rowid, account, date, mrr, seg)"
           " SELECT i * 12 + (i * 7919) %% 11, 'a' || ((i * 2654435761) %% %d),"
           " date('2022-01-01', '+' || ((i * 40503) %% 1090) || ' days'),"
           " ((i * 48271) %% 100000) / 100.0, 's' || (i %% 4) FROM c",
           nRow, bOom ? 13 : 997);
  exec(db, zSql);
  char *zRef = run(db, 1, &rc);
  if (rc != SQLITE_OK) {
    fprintf(stderr, "parallel: %s\n", zRef);
    return 2;
  }
  sqlite3_close(db);

  pthread_t aT[3];
  Identity aId[3];
  for (int i = 0; i < 3; i++) {
    aId[i] = (Identity){zPath, zRef, nRound, i};
    if (pthread_create(&aT[i], 0, identity_main, &aId[i]) != 0) return 2;
  }
  for (int i = 0; i < 3; i++) pthread_join(aT[i], 0);
  interrupts(zPath, zRef);
  if (bOom) ooms(zPath, zRef);

  free(zRef);
  unlink(zPath);
  printf("%d passed, %d failed\n", nCheck - nFail, nFail);
  return nFail ? 1 : 0;
}
