/*
** failing_alloc.h -- the failing allocator of the out-of-memory tests
** (tests/reliability/oom.c and parallel.c, tests/unit/test_parallel_tables.c).
**
**   if (failing_alloc_install() != SQLITE_OK) ...; // before the first connection
**   failing_alloc_arm(n, persist);   // fail the nth allocation from now
**   ... run a query ...
**   long nFired = failing_alloc_disarm();   // failures injected; 0: n was never reached
**
** It wraps SQLite's default allocator (SQLITE_CONFIG_MALLOC, lookaside off,
** so that every allocation goes through it) and fails the nth allocation
** after failing_alloc_arm, on whichever thread makes it, and with persist
** every later one too until disarmed. The countdown is atomic, so worker
** threads of a parallel scan count in as well.
*/
#ifndef CSM_FAILING_ALLOC_H
#define CSM_FAILING_ALLOC_H

#include <sqlite3.h>

static sqlite3_mem_methods failing_alloc_orig; /* SQLite's default allocator */
static long failing_alloc_countdown; /* atomic: allocations left before a failure; 0: disarmed */
static int failing_alloc_persist;    /* keep failing once the first failure fired */
static long failing_alloc_fired;     /* atomic: failures injected since failing_alloc_arm */

static int failing_alloc_should_fail(void) {
  long n = __atomic_load_n(&failing_alloc_countdown, __ATOMIC_SEQ_CST);
  for (;;) { /* n: the countdown this thread saw; retried when another moved it */
    if (n == 0) return 0;
    if (n == 1 && failing_alloc_persist) break; /* stays 1: every later one fails */
    if (__atomic_compare_exchange_n(&failing_alloc_countdown, &n, n - 1, 0, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST)) {
      if (n > 1) return 0;
      break; /* this thread took the one failure */
    }
  }
  __atomic_add_fetch(&failing_alloc_fired, 1, __ATOMIC_SEQ_CST);
  return 1;
}

static void *failing_alloc_malloc(int n) {
  return failing_alloc_should_fail() ? 0 : failing_alloc_orig.xMalloc(n);
}

static void *failing_alloc_realloc(void *p, int n) {
  return failing_alloc_should_fail() ? 0 : failing_alloc_orig.xRealloc(p, n);
}

/* Puts the failing allocator in place of SQLite's, disarmed. Returns an
** SQLite code (an error once SQLite is initialised). */
static int failing_alloc_install(void) {
  sqlite3_mem_methods m;
  int rc = sqlite3_config(SQLITE_CONFIG_GETMALLOC, &failing_alloc_orig);
  if (rc != SQLITE_OK) return rc;
  m = failing_alloc_orig;
  m.xMalloc = failing_alloc_malloc;
  m.xRealloc = failing_alloc_realloc;
  rc = sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
  return rc == SQLITE_OK ? sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0) : rc;
}

/* Fails the nth allocation from now (and with persist every later one). */
static void failing_alloc_arm(long n, int persist) {
  __atomic_store_n(&failing_alloc_fired, 0, __ATOMIC_SEQ_CST);
  failing_alloc_persist = persist;
  __atomic_store_n(&failing_alloc_countdown, n, __ATOMIC_SEQ_CST);
}

/* Disarms and returns how many failures were injected since the arming. */
static long failing_alloc_disarm(void) {
  __atomic_store_n(&failing_alloc_countdown, 0, __ATOMIC_SEQ_CST);
  return __atomic_load_n(&failing_alloc_fired, __ATOMIC_SEQ_CST);
}

#endif /* CSM_FAILING_ALLOC_H */
