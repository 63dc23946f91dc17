/*
** scan_parallel.c -- the parallel scan: csm_feed_run_parallel reads a
** virtual table's source on worker threads, each with its own read-only
** connection and its own partial state, and folds the partial states into
** the table's main state in rowid order (contracts: scan_feed.h; the
** setting: csmetrics_threads.c; the whole story: docs/internals.md).
**
**   SELECT csmetrics_threads(2);
**   SELECT * FROM cohort_retention('usage_events');  -- 10^7 rows: 2 workers
**   SELECT csmetrics_parallel_scans();               -- 1
**
** How it works. On the calling thread: the conditions (F5) are checked and
** the calling connection steps SELECT min(rowid), max(rowid) FROM <source>
** once, keeping the statement open: its read lock stays until the end.
** The rowid span is cut into chunks (PAR_CHUNKS_PER_THREAD per thread, or
** more when the table bounds a chunk's rowids: CsmFeedParts.nChunkRows),
** each given a partial state (xNew) shortly before a worker may take it.
** Every worker opens the database file
** read-only (same VFS, private cache, no mutex: one thread uses it), begins
** a transaction and reads the schema -- which takes its own read lock,
** kept to the end -- then prepares
**   SELECT "<feed>"(?1, <columns>) FROM "main"."<table>"
**    WHERE rowid BETWEEN ?2 AND ?3
** (csm_source_sql, the text of the serial statement plus the range) and
** takes chunks from a shared counter, feeding each chunk's rows to the
** table's callback with that chunk's partial state. Meanwhile the calling
** thread folds finished chunks into the main state in chunk order (xMerge),
** frees them and makes the partial state of the chunk that may now be
** taken, and asks the interrupt probe every PAR_POLL_MS.
**
** Requirements:
**   F5. Parallel only when all hold, else exactly csm_feed_run (silently):
**       a. csmetrics_threads() > 1 and SQLite is threadsafe, 3.34 or later
**          (sqlite3_txn_state);
**       b. the source is an ordinary rowid table (not a view, a virtual
**          table, a WITHOUT ROWID table, nor a table with a column named
**          rowid) whose columns read are not generated;
**       c. it lives in a file database (not temp, not :memory:) opened
**          with the OS VFS ("unix" or "win32") and not in WAL mode;
**       d. the calling connection has no write transaction on it;
**       e. its rowids span at least PAR_MIN_ROWS;
**       f. every worker connection opened and took its read lock.
**   F6. One snapshot: in rollback-journal mode a writer commits only with
**       no read lock held; the calling connection holds one from before
**       the first worker starts until the last finishes, and has no write
**       transaction of its own (F5d), so every worker reads exactly what
**       the serial scan would have read (the same committed content).
**   F7. The result is that of the serial scan: chunks cover the rowids in
**       order without overlap and are folded first to last; the first
**       failing chunk in rowid order decides the error (its callback's
**       message via xError, or SQLite's message of the worker).
**   Workers are plain connections: hooks of the calling connection do not
**   reach them. Its authorizer sees the lock statement, which reads the
**   table, so a table it denies stays serial; one that hides columns
**   (SQLITE_IGNORE) needs csmetrics_threads(1) (docs/internals.md).
**   F8. sqlite3_interrupt() on the calling connection interrupts every
**       worker (SQLITE_INTERRUPT); out-of-memory anywhere is SQLITE_NOMEM;
**       every path frees the partial states, joins the threads and closes
**       the worker connections.
*/
#define _POSIX_C_SOURCE 200809L /* clock_gettime, sysconf */

#include "csmetrics_threads.h"
#include "interrupt_probe.h"
#include "scan_feed.h"
#include "table_source.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#define PAR_MIN_ROWS 100000     /* F5e: rowid span below which a scan stays serial */
#define PAR_CHUNKS_PER_THREAD 2 /* chunks per worker: a slow worker delays less */
#define PAR_MAX_CHUNKS 4096     /* chunks at most, whatever nChunkRows asks */
#define PAR_POLL_MS 10          /* the calling thread asks the probe this often */

typedef enum { CHUNK_WAITING, CHUNK_READING, CHUNK_DONE } ParChunkState;

/* One range of rowids and the partial state its rows went to. */
typedef struct ParChunk {
  sqlite3_int64 lo, hi; /* rowids, inclusive */
  void *pPart;          /* its partial state (xNew), 0 once folded and freed */
  ParChunkState eState;
  int rc;        /* when done: SQLITE_OK or the read's error */
  int bCallback; /* rc is the row callback's (its message is in pPart) */
  char *zErr;    /* SQLite's message of a failed read, else 0 */
} ParChunk;

typedef struct ParScan ParScan;

/* One worker: its connection and statement, opened on the calling thread. */
typedef struct ParWorker {
  ParScan *pScan;
  sqlite3 *db;
  sqlite3_stmt *pStmt;
  pthread_t tid;
  int bStarted; /* the thread runs (is to be joined) */
} ParWorker;

/* The scan shared by the threads; every field below mu is guarded by it. */
struct ParScan {
  const CsmFeedParts *pParts;
  ParChunk *aChunk;
  int nChunk;
  int nAhead; /* chunks handed out at most beyond nFolded */
  pthread_mutex_t mu;
  pthread_cond_t cv; /* a chunk finished, a fold was made, or a stop */
  int iNext;         /* the next chunk to hand out */
  int nFolded;       /* chunks folded into the main state */
  int iLast;         /* no chunk after this one is handed out (a failed read) */
  int rcStop;        /* NOMEM or INTERRUPT: nothing more is handed out */
  int nLive;         /* workers running */
};

/* What the checks of F5 found: where the table is, and the lock. */
typedef struct ParPlan {
  char *zSchema;       /* the schema holding the table */
  const char *zTable;  /* borrowed from the source's name */
  const char *zFile;   /* the database file (SQLite's) */
  const char *zVfs;    /* its VFS */
  sqlite3_stmt *pLock; /* min/max rowid, stepped and held (F6) */
  sqlite3_int64 lo, hi;
} ParPlan;

/* ---------------------------------------------------------------- checks */

/* Runs zSql (with ?1 = zA, ?2 = zB when given) on db and copies the first
** column of its first row into *pz (sqlite3_mprintf'd, 0 without a row or
** for NULL). Returns an SQLite code. */
static int par_query_text(sqlite3 *db, const char *zSql, const char *zA, const char *zB,
                          char **pz) {
  sqlite3_stmt *pStmt = 0;
  *pz = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  if (rc == SQLITE_OK) {
    if (zA) sqlite3_bind_text(pStmt, 1, zA, -1, SQLITE_STATIC);
    if (zB) sqlite3_bind_text(pStmt, 2, zB, -1, SQLITE_STATIC);
    rc = sqlite3_step(pStmt);
    if (rc == SQLITE_ROW) {
      const char *z = (const char *)sqlite3_column_text(pStmt, 0);
      if (z && (*pz = sqlite3_mprintf("%s", z)) == 0) rc = SQLITE_NOMEM;
    }
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : sqlite3_reset(pStmt);
  }
  sqlite3_finalize(pStmt);
  return rc;
}

/* The type of table zTable in schema zSchema: 'table', 'view', 'virtual'
** (a CREATE VIRTUAL TABLE) or 0 when the schema has no such table. */
static int par_table_type(sqlite3 *db, const char *zSchema, const char *zTable, char **pzType) {
  char *zSql = sqlite3_mprintf(
      "SELECT CASE WHEN type = 'table' AND sql LIKE 'create virtual %%' THEN 'virtual'"
      " ELSE type END FROM \"%w\".sqlite_master"
      " WHERE type IN ('table', 'view') AND name = ?1 COLLATE NOCASE",
      zSchema);
  if (zSql == 0) return SQLITE_NOMEM;
  int rc = par_query_text(db, zSql, zTable, 0, pzType);
  sqlite3_free(zSql);
  return rc;
}

/* F5b-d: finds the schema of the source and checks it. Sets p->zSchema
** (0: stay serial). Returns SQLITE_OK, or NOMEM / INTERRUPT. */
static int par_check_table(sqlite3 *db, TvfSource *pSrc, ParPlan *p) {
  char *zType = 0, *zBad = 0;
  int rc = csm_source_split(pSrc->zName, &p->zSchema, &p->zTable);
  if (rc != SQLITE_OK) return rc;
  if (p->zSchema) {
    rc = par_table_type(db, p->zSchema, p->zTable, &zType);
  } else {
    /* An unqualified name is looked up in temp, main, then the attached
    ** databases in order, as SQLite does. */
    sqlite3_stmt *pList = 0;
    rc = sqlite3_prepare_v2(db,
                            "SELECT name FROM pragma_database_list"
                            " ORDER BY CASE seq WHEN 1 THEN -1 ELSE seq END",
                            -1, &pList, 0);
    while (rc == SQLITE_OK && zType == 0 && (rc = sqlite3_step(pList)) == SQLITE_ROW) {
      const char *zName = (const char *)sqlite3_column_text(pList, 0);
      sqlite3_free(p->zSchema);
      p->zSchema = zName ? sqlite3_mprintf("%s", zName) : 0;
      rc = p->zSchema ? par_table_type(db, p->zSchema, p->zTable, &zType) : SQLITE_NOMEM;
    }
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) rc = SQLITE_OK;
    sqlite3_finalize(pList);
  }
  /* b: a table; no column named rowid, no generated column read (hidden 2
  ** or 3 in table_xinfo). */
  if (rc == SQLITE_OK && zType && strcmp(zType, "table") == 0 &&
      sqlite3_stricmp(p->zSchema, "temp") != 0) {
    sqlite3_str *pIn = sqlite3_str_new(0);
    for (int i = 0; i < pSrc->nCol; i++) {
      sqlite3_str_appendf(pIn, "%s%Q", i ? ", " : "", pSrc->azCol[i]);
    }
    char *zIn = sqlite3_str_finish(pIn);
    char *zSql = zIn ? sqlite3_mprintf("SELECT name FROM pragma_table_xinfo(?1, ?2)"
                                       " WHERE name = 'rowid' COLLATE NOCASE"
                                       " OR (hidden IN (2, 3) AND name COLLATE NOCASE IN (%s))",
                                       zIn)
                     : 0;
    rc = zSql ? par_query_text(db, zSql, p->zTable, p->zSchema, &zBad) : SQLITE_NOMEM;
    sqlite3_free(zSql);
    sqlite3_free(zIn);
  }
  if (rc != SQLITE_OK || zType == 0 || strcmp(zType, "table") != 0 || zBad ||
      sqlite3_stricmp(p->zSchema, "temp") == 0) {
    sqlite3_free(p->zSchema);
    p->zSchema = 0;
  }
  sqlite3_free(zType);
  sqlite3_free(zBad);
  return rc;
}

/* F5d: 1 when the calling connection has a write transaction on zSchema,
** or when that cannot be told (built with SQLite headers before 3.34). */
static int par_writing(sqlite3 *db, const char *zSchema) {
#if SQLITE_VERSION_NUMBER >= 3034000
  return sqlite3_txn_state(db, zSchema) == SQLITE_TXN_WRITE;
#else
  (void)db;
  (void)zSchema;
  return 1;
#endif
}

/* F5a-e: decides whether the scan of pSrc goes parallel; if so, fills *p
** and holds the read lock (p->pLock). Returns SQLITE_OK (p->pLock == 0:
** serial), or NOMEM / INTERRUPT. */
static int par_plan(sqlite3 *db, TvfSource *pSrc, ParPlan *p) {
  sqlite3_vfs *pVfs = 0;
  char *zMode = 0;
  int rc = par_check_table(db, pSrc, p);
  /* A check SQLite refused (an authorizer, a locked schema): serial, where
  ** the same cause, if it matters, is reported as usual. */
  if (rc != SQLITE_NOMEM && rc != SQLITE_INTERRUPT) rc = SQLITE_OK;
  if (rc != SQLITE_OK || p->zSchema == 0) return rc;
  if (par_writing(db, p->zSchema)) return SQLITE_OK; /* d */
  p->zFile = sqlite3_db_filename(db, p->zSchema);
  if (p->zFile == 0 || p->zFile[0] == 0) return SQLITE_OK; /* c: in memory */
  if (sqlite3_file_control(db, p->zSchema, SQLITE_FCNTL_VFS_POINTER, &pVfs) != SQLITE_OK ||
      pVfs == 0 || (strcmp(pVfs->zName, "unix") != 0 && strcmp(pVfs->zName, "win32") != 0)) {
    return SQLITE_OK; /* c: another VFS may not lock across connections */
  }
  p->zVfs = pVfs->zName;
  /* Two subqueries: each is one b-tree descent (min and max together
  ** would read the whole table). */
  char *zLock = sqlite3_mprintf("SELECT (SELECT min(rowid) FROM \"%w\".\"%w\"),"
                                " (SELECT max(rowid) FROM \"%w\".\"%w\")",
                                p->zSchema, p->zTable, p->zSchema, p->zTable);
  if (zLock == 0) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(db, zLock, -1, &p->pLock, 0);
  sqlite3_free(zLock);
  if (rc == SQLITE_OK) rc = sqlite3_step(p->pLock); /* F6: the lock, from here on */
  if (rc == SQLITE_ROW) {
    char *zPragma = sqlite3_mprintf("PRAGMA \"%w\".journal_mode", p->zSchema);
    rc = zPragma ? par_query_text(db, zPragma, 0, 0, &zMode) : SQLITE_NOMEM;
    sqlite3_free(zPragma);
  }
  if (rc == SQLITE_OK && zMode && sqlite3_stricmp(zMode, "wal") != 0 &&
      sqlite3_column_type(p->pLock, 0) == SQLITE_INTEGER) {
    p->lo = sqlite3_column_int64(p->pLock, 0);
    p->hi = sqlite3_column_int64(p->pLock, 1);
    /* e: in unsigned arithmetic, as the span may pass INT64_MAX */
    if ((sqlite3_uint64)p->hi - (sqlite3_uint64)p->lo >= PAR_MIN_ROWS) {
      sqlite3_free(zMode);
      return SQLITE_OK;
    }
  }
  sqlite3_free(zMode);
  if (rc != SQLITE_NOMEM && rc != SQLITE_INTERRUPT) rc = SQLITE_OK;
  sqlite3_finalize(p->pLock); /* serial: the lock is not needed */
  p->pLock = 0;
  return rc;
}

/* --------------------------------------------------------------- workers */

/* Opens w's connection and statement (calling thread). Returns SQLITE_OK,
** NOMEM, or another code: the worker cannot read (F5f). */
static int par_worker_open(ParWorker *w, const ParPlan *p, TvfSource *pSrc,
                           const CsmFeedFunc *pFunc) {
  int rc = sqlite3_open_v2(p->zFile, &w->db,
                           SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE,
                           p->zVfs);
  if (rc == SQLITE_OK) rc = csm_feed_register(w->db, pFunc);
  /* Its own read lock, kept until it is closed: with the caller's, no
  ** commit can happen in between (F6), and no chunk meets SQLITE_BUSY. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec(w->db, "BEGIN; SELECT 1 FROM sqlite_master LIMIT 1", 0, 0, 0);
  if (rc == SQLITE_OK) {
    char *zSql = csm_source_sql("main", p->zTable, pSrc->azCol, pSrc->nCol, pSrc->zFeed,
                                "rowid BETWEEN ?2 AND ?3");
    rc = zSql ? sqlite3_prepare_v2(w->db, zSql, -1, &w->pStmt, 0) : SQLITE_NOMEM;
    sqlite3_free(zSql);
  }
  return rc;
}

/* Reads chunks until none is left or the scan stops (worker thread). */
static void *par_worker(void *pArg) {
  ParWorker *w = pArg;
  ParScan *s = w->pScan;
  pthread_mutex_lock(&s->mu);
  for (;;) {
    while (s->rcStop == SQLITE_OK && s->iNext <= s->iLast && s->iNext >= s->nFolded + s->nAhead) {
      pthread_cond_wait(&s->cv, &s->mu); /* far enough ahead of the fold */
    }
    if (s->rcStop != SQLITE_OK || s->iNext > s->iLast) break;
    ParChunk *c = &s->aChunk[s->iNext++];
    c->eState = CHUNK_READING;
    pthread_mutex_unlock(&s->mu);

    int bCallback, rc;
    char *zErr;
    sqlite3_bind_int64(w->pStmt, 2, c->lo);
    sqlite3_bind_int64(w->pStmt, 3, c->hi);
    rc = csm_feed_step(w->pStmt, s->pParts->xRow, c->pPart, &bCallback, &zErr);

    pthread_mutex_lock(&s->mu);
    c->rc = rc;
    c->bCallback = bCallback;
    c->zErr = zErr;
    c->eState = CHUNK_DONE;
    if (rc == SQLITE_NOMEM || rc == SQLITE_INTERRUPT) {
      if (s->rcStop == SQLITE_OK) s->rcStop = rc; /* F8 */
    } else if (rc != SQLITE_OK && (int)(c - s->aChunk) < s->iLast) {
      s->iLast = (int)(c - s->aChunk); /* F7: later chunks cannot matter */
    }
    pthread_cond_broadcast(&s->cv);
  }
  s->nLive--;
  pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
  return 0;
}

/* Stops the scan with rc (the first reason wins) and interrupts every
** worker's statement (F8). Called with s->mu held. */
static void par_stop(ParScan *s, ParWorker *aW, int nW, int rc) {
  if (s->rcStop == SQLITE_OK) s->rcStop = rc;
  for (int i = 0; i < nW; i++) {
    if (aW[i].bStarted) sqlite3_interrupt(aW[i].db);
  }
  pthread_cond_broadcast(&s->cv);
}

/* The calling thread while the workers read: folds finished chunks in
** order (F7) and polls the probe (F8). Returns SQLITE_OK when every chunk
** was folded; else the scan's error code, with *piFail the failed chunk
** whose error decides (-1: rcStop). Joins nothing. */
static int par_fold(ParScan *s, ParWorker *aW, int nW, void *pMain, CsmProbe *pProbe, int *piFail) {
  int rc = SQLITE_OK;
  *piFail = -1;
  pthread_mutex_lock(&s->mu);
  while (s->nFolded < s->nChunk) {
    ParChunk *c = &s->aChunk[s->nFolded];
    if (c->eState == CHUNK_DONE) {
      if (c->rc != SQLITE_OK) { /* F7: the first failure in rowid order */
        rc = c->rc;
        if (rc != SQLITE_NOMEM && rc != SQLITE_INTERRUPT) *piFail = s->nFolded;
        par_stop(s, aW, nW, rc == SQLITE_NOMEM ? SQLITE_NOMEM : SQLITE_INTERRUPT);
        break;
      }
      pthread_mutex_unlock(&s->mu);
      rc = s->pParts->xMerge(pMain, c->pPart);
      s->pParts->xFree(c->pPart);
      /* The chunk a worker may take once this one is folded gets its state. */
      ParChunk *pAhead = s->nFolded + s->nAhead < s->nChunk ? c + s->nAhead : 0;
      void *pPart = rc == SQLITE_OK && pAhead ? s->pParts->xNew(pMain) : 0;
      if (pAhead && rc == SQLITE_OK && pPart == 0) rc = SQLITE_NOMEM;
      pthread_mutex_lock(&s->mu);
      c->pPart = 0;
      if (pAhead) pAhead->pPart = pPart;
      s->nFolded++;
      pthread_cond_broadcast(&s->cv);
      if (rc != SQLITE_OK) {
        par_stop(s, aW, nW, rc);
        break;
      }
      continue;
    }
    if (s->nLive == 0) { /* stopped: this chunk was never read */
      rc = s->rcStop != SQLITE_OK ? s->rcStop : SQLITE_ERROR;
      break;
    }
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_nsec += PAR_POLL_MS * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
      t.tv_sec++;
      t.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&s->cv, &s->mu, &t);
    pthread_mutex_unlock(&s->mu);
    int rcProbe = csm_probe_interrupted(pProbe); /* F8: after every wait */
    pthread_mutex_lock(&s->mu);
    if (rcProbe != SQLITE_OK) {
      par_stop(s, aW, nW, rcProbe);
      rc = rcProbe;
      break;
    }
  }
  pthread_mutex_unlock(&s->mu);
  return rc;
}

/* The number of chunks: PAR_CHUNKS_PER_THREAD per worker, or as many as
** keep each within nChunkRows rowids (at most PAR_MAX_CHUNKS). */
static int par_chunk_count(const ParPlan *p, int nW, sqlite3_int64 nChunkRows) {
  sqlite3_uint64 span = (sqlite3_uint64)p->hi - (sqlite3_uint64)p->lo; /* width - 1 */
  int n = nW * PAR_CHUNKS_PER_THREAD;
  if (nChunkRows > 0) {
    sqlite3_uint64 nNeed = span / (sqlite3_uint64)nChunkRows + 1;
    if (nNeed > PAR_MAX_CHUNKS) nNeed = PAR_MAX_CHUNKS;
    if ((sqlite3_uint64)n < nNeed) n = (int)nNeed;
  }
  return n;
}

/* Cuts [p->lo, p->hi] into s->nChunk ranges of (nearly) equal width. */
static void par_cut(ParScan *s, const ParPlan *p) {
  sqlite3_uint64 span = (sqlite3_uint64)p->hi - (sqlite3_uint64)p->lo; /* width - 1 */
  sqlite3_uint64 step = span / (sqlite3_uint64)s->nChunk + 1;
  sqlite3_uint64 lo = (sqlite3_uint64)p->lo;
  for (int i = 0; i < s->nChunk; i++) {
    ParChunk *c = &s->aChunk[i];
    c->lo = (sqlite3_int64)lo;
    c->hi = i == s->nChunk - 1 ? p->hi : (sqlite3_int64)(lo + step - 1);
    lo += step;
  }
}

/* Runs the scan on nW workers once the plan holds (the lock taken).
** Returns SQLITE_OK, an error (message set), or SQLITE_DONE: a worker
** could not start reading, so nothing was read and the caller goes serial
** (F5f). */
static int par_run(TvfSource *pSrc, const CsmFeedParts *pParts, void *pMain, const ParPlan *p,
                   int nW) {
  TvfVtab *pTab = (TvfVtab *)pSrc->pOwner->pVtab;
  const CsmFeedFunc feedFunc = {pSrc->zFeed, pTab->pSpec->zName}; /* outlives the workers */
  ParScan s;
  ParWorker *aW = sqlite3_malloc64(sizeof(ParWorker) * (sqlite3_uint64)nW);
  CsmProbe *pProbe = 0;
  int rc = SQLITE_OK, iFail = -1, bSync = 0;
  memset(&s, 0, sizeof(s));
  s.pParts = pParts;
  s.nChunk = par_chunk_count(p, nW, pParts->nChunkRows);
  s.nAhead = nW + 1; /* at most nW + 1 partial states hold rows at once */
  s.iLast = s.nChunk - 1;
  s.aChunk = sqlite3_malloc64(sizeof(ParChunk) * (sqlite3_uint64)s.nChunk);
  if (aW) memset(aW, 0, sizeof(ParWorker) * (size_t)nW);
  if (s.aChunk) memset(s.aChunk, 0, sizeof(ParChunk) * (size_t)s.nChunk);
  if (aW == 0 || s.aChunk == 0) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  par_cut(&s, p);
  /* The chunks workers may take first; par_fold makes the others' states. */
  for (int i = 0; i < s.nChunk && i < s.nAhead; i++) {
    if ((s.aChunk[i].pPart = pParts->xNew(pMain)) == 0) {
      rc = SQLITE_NOMEM;
      goto done;
    }
  }
  rc = csm_probe_open(pTab->db, &pProbe);
  for (int i = 0; rc == SQLITE_OK && i < nW; i++) {
    aW[i].pScan = &s;
    rc = par_worker_open(&aW[i], p, pSrc, &feedFunc);
    if (rc != SQLITE_OK && rc != SQLITE_NOMEM) rc = SQLITE_DONE; /* F5f: serial */
  }
  if (rc != SQLITE_OK) goto done;
  if (pthread_mutex_init(&s.mu, 0) != 0) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  if (pthread_cond_init(&s.cv, 0) != 0) {
    pthread_mutex_destroy(&s.mu);
    rc = SQLITE_NOMEM;
    goto done;
  }
  bSync = 1;
  int nStarted = 0; /* not s.nLive: workers whose chunks fail at once end before the test */
  pthread_mutex_lock(&s.mu);
  for (int i = 0; i < nW; i++) {
    aW[i].bStarted = pthread_create(&aW[i].tid, 0, par_worker, &aW[i]) == 0;
    s.nLive += aW[i].bStarted;
    nStarted += aW[i].bStarted;
  }
  pthread_mutex_unlock(&s.mu);
  if (nStarted == 0) {
    rc = SQLITE_DONE; /* no thread: nothing was read */
    goto done;
  }
  rc = par_fold(&s, aW, nW, pMain, pProbe, &iFail);
  for (int i = 0; i < nW; i++) {
    if (aW[i].bStarted) pthread_join(aW[i].tid, 0);
  }
  if (iFail >= 0) { /* F7: that chunk's message */
    ParChunk *c = &s.aChunk[iFail];
    if (c->bCallback) {
      pParts->xError(pMain, c->pPart);
    } else {
      rc = tvf_source_error_msg(pSrc, rc, c->zErr);
    }
  }

done: /* F8: everything goes, whatever the path */
  if (bSync) {
    pthread_cond_destroy(&s.cv);
    pthread_mutex_destroy(&s.mu);
  }
  for (int i = 0; aW && i < nW; i++) {
    sqlite3_finalize(aW[i].pStmt);
    sqlite3_close(aW[i].db); /* its read transaction ends with it */
  }
  for (int i = 0; s.aChunk && i < s.nChunk; i++) {
    if (s.aChunk[i].pPart) pParts->xFree(s.aChunk[i].pPart);
    sqlite3_free(s.aChunk[i].zErr);
  }
  csm_probe_close(pProbe);
  sqlite3_free(s.aChunk);
  sqlite3_free(aW);
  return rc;
}

/* ----------------------------------------------------------------- entry */

void csm_feed_error_move(sqlite3_vtab *pTo, sqlite3_vtab *pFrom) {
  if (pFrom->zErrMsg == 0) return;
  if (pTo) {
    sqlite3_free(pTo->zErrMsg);
    pTo->zErrMsg = pFrom->zErrMsg;
  } else {
    sqlite3_free(pFrom->zErrMsg);
  }
  pFrom->zErrMsg = 0;
}

int csm_feed_run_parallel(TvfSource *pSrc, const CsmFeedParts *pParts, void *pMain) {
  sqlite3 *db = ((TvfVtab *)pSrc->pOwner->pVtab)->db;
  ParPlan plan;
  int rc = SQLITE_OK;
  CsmThreads *pConf = 0;
  memset(&plan, 0, sizeof(plan));
  /* F5a */
  if (sqlite3_threadsafe() != 0 && sqlite3_libversion_number() >= 3034000 && pSrc->zFeed) {
    pConf = csm_threads_of(db, &rc);
  }
  if (rc == SQLITE_OK && pConf && pConf->nThread > 1) rc = par_plan(db, pSrc, &plan);
  if (rc == SQLITE_OK && plan.pLock) {
    rc = par_run(pSrc, pParts, pMain, &plan, pConf->nThread);
    if (rc == SQLITE_OK) pConf->nParallel++; /* H3 */
  } else if (rc == SQLITE_OK) {
    rc = SQLITE_DONE;
  }
  /* The serial scan (F5), holding the lock when it was taken: nothing was
  ** read yet, the main state is as it came. */
  if (rc == SQLITE_DONE)
    rc = csm_feed_run(pSrc, pParts->xMainRow ? pParts->xMainRow : pParts->xRow, pMain);
  sqlite3_finalize(plan.pLock); /* the caller's read lock goes (F6) */
  sqlite3_free(plan.zSchema);
  return rc;
}
