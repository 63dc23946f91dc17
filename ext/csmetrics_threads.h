/*
** csmetrics_threads.h -- the per-connection setting of the parallel scan
** (csmetrics_threads(), docs/functions/csmetrics_threads.md) and its
** counter of parallel scans, as C code reaches them.
*/
#ifndef CSM_THREADS_H
#define CSM_THREADS_H

#include "csm_internal.h"

#define CSM_THREADS_MAX 64        /* the largest setting accepted */
#define CSM_THREADS_DEFAULT_MAX 8 /* the default: online cores, at most this */

/* One connection's setting, the user data of csmetrics_threads and
** csmetrics_parallel_scans (freed with the last of the two). */
typedef struct CsmThreads {
  int nThread;             /* threads a scan may use; 1: serial */
  int nRef;                /* functions holding it */
  sqlite3_int64 nParallel; /* scans of this connection that ran in parallel */
} CsmThreads;

/* The setting of db, or 0 when it cannot be read (the functions are not
** registered, or out-of-memory / an interrupt: *pRc says which, SQLITE_OK
** when the function is simply absent). Asks csmetrics_threads itself, with
** a pointer argument SQL cannot forge, so no state lives outside the
** connection. */
CsmThreads *csm_threads_of(sqlite3 *db, int *pRc);

/* Registers csmetrics_threads/0, /1 and csmetrics_parallel_scans/0. */
int csmetrics_threads_register(sqlite3 *db);

#endif /* CSM_THREADS_H */
