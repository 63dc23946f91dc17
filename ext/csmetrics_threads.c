/*
** csmetrics_threads.c -- csmetrics_threads(), the number of threads a
** virtual table may read its source with (the parallel scan,
** ext/scan_parallel.c), and csmetrics_parallel_scans(), how many scans of
** the connection ran in parallel.
**
**   SELECT csmetrics_threads();       -- 2 on a two-core machine (the default)
**   SELECT csmetrics_threads(1);      -- 1: every scan serial from now on
**   SELECT csmetrics_threads(0);
**   Error: csmetrics_threads: threads must be an integer from 1 to 64, got 0
**   SELECT csmetrics_parallel_scans(); -- scans that went parallel so far
**
** How it works: the setting is per connection, in a CsmThreads that is the
** user data of both functions (SQLite 3.31 has no sqlite3_set_clientdata);
** it goes with the connection, or when the functions are replaced. The
** scan reads it by calling csmetrics_threads with a pointer argument
** (sqlite3_bind_pointer, a type only this file knows): from SQL no value
** is such a pointer, so the call is an error like any other bad argument.
**
** Requirements:
**   H1. The default is the number of online cores, at most
**       CSM_THREADS_DEFAULT_MAX, at least 1.
**   H2. csmetrics_threads(n) takes an integer 1..CSM_THREADS_MAX (a whole
**       real too) and returns it; anything else is the error above, naming
**       the value; the setting is then unchanged.
**   H3. The counter grows by one per scan that really ran on workers
**       (ext/scan_parallel.c); a scan that fell back to serial leaves it.
*/
#define _POSIX_C_SOURCE 200809L /* clock_gettime, sysconf */

#include "csmetrics_threads.h"

#include "errors.h"
#include "numbers.h"

#include <unistd.h>

/* H2 (csm_threads_of): the pointer type only this file binds. */
#define THREADS_POINTER "csmetrics_threads_setting"

static void threads_unref(void *p) {
  CsmThreads *pT = p;
  if (--pT->nRef == 0) sqlite3_free(pT);
}

static void threads_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  CsmThreads *pT = sqlite3_user_data(ctx);
  if (argc == 1) {
    CsmThreads **ppOut = sqlite3_value_pointer(argv[0], THREADS_POINTER);
    if (ppOut) { /* csm_threads_of asking */
      *ppOut = pT;
      return;
    }
    double r = 0.0; /* numbers as text by the one grammar (numbers.h) */
    if (csm_value_number(argv[0], &r) != CSM_OK || r < 1 || r > CSM_THREADS_MAX ||
        r != (double)(int)r) {
      csm_result_error_got(ctx, argv[0],
                           "csmetrics_threads: threads must be an integer from 1 to %d",
                           CSM_THREADS_MAX);
      return;
    }
    pT->nThread = (int)r; /* H2 */
  }
  sqlite3_result_int(ctx, pT->nThread);
}

static void parallel_scans_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_int64(ctx, ((CsmThreads *)sqlite3_user_data(ctx))->nParallel);
}

CsmThreads *csm_threads_of(sqlite3 *db, int *pRc) {
  CsmThreads *pT = 0;
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(db, "SELECT csmetrics_threads(?1)", -1, &pStmt, 0);
  if (rc == SQLITE_OK) {
    sqlite3_bind_pointer(pStmt, 1, &pT, THREADS_POINTER, 0);
    rc = sqlite3_step(pStmt);
    rc = rc == SQLITE_ROW ? SQLITE_OK : sqlite3_reset(pStmt);
  }
  sqlite3_finalize(pStmt);
  *pRc = rc == SQLITE_NOMEM || rc == SQLITE_INTERRUPT ? rc : SQLITE_OK;
  return rc == SQLITE_OK ? pT : 0;
}

int csmetrics_threads_register(sqlite3 *db) {
  CsmThreads *pT = sqlite3_malloc64(sizeof(*pT));
  if (pT == 0) return SQLITE_NOMEM;
  long nCore = sysconf(_SC_NPROCESSORS_ONLN); /* H1 */
  pT->nThread = nCore < 1                         ? 1
                : nCore > CSM_THREADS_DEFAULT_MAX ? CSM_THREADS_DEFAULT_MAX
                                                  : (int)nCore;
  pT->nParallel = 0;
  /* Not deterministic (a setting); innocuous: it changes only how fast a
  ** scan runs, never what it returns. Each registration holds a reference;
  ** a failed one drops it (SQLite calls the destructor). */
  static const struct {
    const char *zName;
    int nArg;
    CsmXFunc xFunc;
  } aFn[] = {{"csmetrics_threads", 0, threads_fn},
             {"csmetrics_threads", 1, threads_fn},
             {"csmetrics_parallel_scans", 0, parallel_scans_fn}};
  pT->nRef = 1; /* ours, dropped below */
  int rc = SQLITE_OK;
  for (size_t i = 0; rc == SQLITE_OK && i < sizeof(aFn) / sizeof(aFn[0]); i++) {
    pT->nRef++;
    rc = sqlite3_create_function_v2(db, aFn[i].zName, aFn[i].nArg, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                    pT, aFn[i].xFunc, 0, 0, threads_unref);
  }
  threads_unref(pT);
  return rc;
}
