/*
** oom.c -- out-of-memory fault injection over the whole workload.
**
**   oom tests/reliability/workload.sql
**
** The harness replaces SQLite's allocator (SQLITE_CONFIG_MALLOC) with one
** that wraps the default and fails the Nth allocation. For every query of
** the workload it first records the reference result, then, for N = 1, 2,
** ..., fails the Nth allocation of the query and checks the outcome:
**   - the query either fails with SQLITE_NOMEM, or succeeds with exactly the
**     reference result (SQLite absorbs some failures itself, e.g. in caches);
**     any other error or a different result is a failure of the test;
**   - the loop ends at the first N that is never reached (the query needed
**     fewer allocations), so every allocation point of the query is hit.
** It runs each query twice that way: transient faults (only the Nth
** allocation fails) and persistent ones (every allocation from the Nth on
** fails). Opening a connection, which registers the extension through
** sqlite3_auto_extension, is a query of its own. Lookaside is disabled so
** that every allocation goes through the failing allocator. Crashes and
** leaks are caught by the sanitizer build (ASan + LSan), where every CTest
** test runs.
**
** A query whose function or table is not registered ("no such function")
** fails the test. The last line gives the number of injected failures.
*/
#include "../failing_alloc.h"
#include "csmetrics.h"
#include "csmetrics_version.h"
#include "workload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long nInjected, nFail;

/* Checks one run against the reference; frees zGot. When a failure was
** injected (faulted), SQLITE_NOMEM is also a correct outcome. */
static void oom_check(const char *zWhat, long n, int persist, int faulted, int rc, char *zGot,
                      const char *zRef) {
  if (zGot == 0) {
    fprintf(stderr, "oom: libc out of memory\n");
    exit(2);
  }
  if (!(faulted && rc == SQLITE_NOMEM) && strcmp(zGot, zRef) != 0) {
    nFail++;
    fprintf(stderr,
            "FAIL %s\n  allocation %ld failed (%s): got\n%s\n  expected SQLITE_NOMEM or\n%s\n",
            zWhat, n, persist ? "persistent" : "transient", zGot, zRef);
  }
  free(zGot);
}

/* Faults every allocation of one query in turn. */
static void oom_query(sqlite3 *db, const char *zSql, int persist) {
  int rc;
  char *zRef = workload_run(db, zSql, &rc);
  if (zRef == 0) exit(2);
  for (long n = 1;; n++) {
    failing_alloc_arm(n, persist);
    char *zGot = workload_run(db, zSql, &rc);
    long nFired = failing_alloc_disarm();
    nInjected += nFired > 0;
    oom_check(zSql, n, persist, nFired > 0, rc, zGot, zRef);
    if (nFired == 0) break;
  }
  free(zRef);
}

/* Faults opening a connection (which registers the extension) and a first
** call of csmetrics_version(). */
static void oom_open(int persist) {
  for (long n = 1;; n++) {
    sqlite3 *db = 0;
    int rc;
    char *zGot;
    failing_alloc_arm(n, persist);
    rc = sqlite3_open(":memory:", &db) & 0xff;
    if (rc == SQLITE_OK) {
      zGot = workload_run(db, "SELECT csmetrics_version()", &rc);
    } else {
      zGot = malloc(64);
      if (zGot) snprintf(zGot, 64, "open failed: %d", rc);
    }
    sqlite3_close(db);
    long nFired = failing_alloc_disarm();
    nInjected += nFired > 0;
    oom_check("open + csmetrics_version()", n, persist, nFired > 0, rc, zGot,
              "'" CSMETRICS_VERSION "'\n");
    if (nFired == 0) break;
  }
}

int main(int argc, char **argv) {
  Workload w;
  int nQuery;
  if (argc != 2) {
    fprintf(stderr, "usage: oom WORKLOAD.sql\n");
    return 2;
  }
  if (failing_alloc_install() != SQLITE_OK) {
    fprintf(stderr, "oom: cannot install the failing allocator\n");
    return 2;
  }
  sqlite3_auto_extension((void (*)(void))sqlite3_csmetrics_init);
  workload_load(argv[1], &w);
  nQuery = w.nQuery;
  for (int persist = 0; persist <= 1; persist++) {
    oom_open(persist);
    sqlite3 *db = workload_open(&w);
    for (int i = 0; i < w.nQuery; i++) {
      int rc;
      char *zRef = workload_run(db, w.azQuery[i], &rc);
      if (zRef == 0) exit(2);
      if (workload_not_landed(zRef)) {
        /* Every documented function is registered: a missing one is a bug of
        ** the extension or of the workload. */
        nFail += !persist;
        if (!persist) printf("FAIL not registered: %s\n  %s\n", w.azQuery[i], zRef);
      } else {
        oom_query(db, w.azQuery[i], persist);
      }
      free(zRef);
    }
    sqlite3_close(db);
  }
  workload_free(&w);
  sqlite3_reset_auto_extension();
  printf("%ld injected allocation failures over %d queries, %ld failed\n", nInjected, nQuery + 1,
         nFail);
  return nFail ? 1 : 0;
}
