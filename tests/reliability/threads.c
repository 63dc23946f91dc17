/*
** threads.c -- every function and table of the workload running at once
** on several threads, each with its own connection (SQLite's
** multi-thread model), in an order that differs per thread. Every result
** must equal the single-threaded reference. Run under ThreadSanitizer by
** tests/reliability/tsan.sh, it shows the extension shares no mutable
** state between connections (the static checks also verify there is no
** writable global at all).
**
**   threads WORKLOAD.sql [THREADS [ROUNDS]]
*/
#include "csmetrics.h"
#include "workload.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Worker {
  const Workload *w;
  char **azRef; /* reference result of each query, shared read-only */
  int iThread;  /* decides the order of the queries */
  int nRound;
  int nRun, nFail; /* written only by this worker */
} Worker;

static void *worker_main(void *pArg) {
  Worker *p = pArg;
  sqlite3 *db = workload_open(p->w);
  int n = p->w->nQuery;
  for (int r = 0; r < p->nRound; r++) {
    for (int k = 0; k < n; k++) {
      /* Thread t walks the queries with stride 2t+1 (coprime with most n),
      ** starting at t, so threads are at different queries at once. */
      int i = (int)(((long)k * (2 * p->iThread + 1) + p->iThread + r) % n);
      int rc;
      char *z = workload_run(db, p->w->azQuery[i], &rc);
      if (z == 0) exit(2);
      p->nRun++;
      if (strcmp(z, p->azRef[i]) != 0) {
        p->nFail++;
        printf("FAIL thread %d: %s\n  got      %.300s\n  expected %.300s\n", p->iThread,
               p->w->azQuery[i], z, p->azRef[i]);
      }
      free(z);
    }
  }
  sqlite3_close(db);
  return 0;
}

int main(int argc, char **argv) {
  Workload w;
  if (argc < 2) {
    fprintf(stderr, "usage: threads WORKLOAD.sql [THREADS [ROUNDS]]\n");
    return 2;
  }
  int nThread = argc > 2 ? (int)strtol(argv[2], 0, 10) : 4;
  int nRound = argc > 3 ? (int)strtol(argv[3], 0, 10) : 2;
  if (nThread < 1 || nThread > 64 || nRound < 1) return 2;
  if (!sqlite3_threadsafe()) {
    printf("SQLite is built without thread support; nothing to test\n");
    return 0;
  }
  sqlite3_auto_extension((void (*)(void))sqlite3_csmetrics_init);
  workload_load(argv[1], &w);

  char **azRef = calloc((size_t)w.nQuery, sizeof(char *));
  if (azRef == 0) exit(2);
  sqlite3 *db = workload_open(&w);
  for (int i = 0; i < w.nQuery; i++) {
    int rc;
    azRef[i] = workload_run(db, w.azQuery[i], &rc);
    if (azRef[i] == 0) exit(2);
  }
  sqlite3_close(db);

  Worker aWorker[64];
  pthread_t aThread[64];
  for (int t = 0; t < nThread; t++) {
    aWorker[t] = (Worker){&w, azRef, t, nRound, 0, 0};
    if (pthread_create(&aThread[t], 0, worker_main, &aWorker[t]) != 0) exit(2);
  }
  int nRun = 0, nFail = 0;
  for (int t = 0; t < nThread; t++) {
    pthread_join(aThread[t], 0);
    nRun += aWorker[t].nRun;
    nFail += aWorker[t].nFail;
  }
  for (int i = 0; i < w.nQuery; i++) free(azRef[i]);
  free(azRef);
  workload_free(&w);
  sqlite3_reset_auto_extension();
  printf("%d threads ran %d queries: %d passed, %d failed\n", nThread, nRun, nRun - nFail, nFail);
  return nFail ? 1 : 0;
}
