/*
** scan_feed.c -- the internal aggregate that feeds a virtual table the rows
** of its source in one sqlite3_step() (contracts and requirements F1..F4
** in scan_feed.h).
**
**   SELECT csm_cohort_feed(1, 'a', '2024-01-01');
**   Error: csm_cohort_feed: internal to cohort_retention, not callable from SQL
**
** How it works: csm_feed_open prepares SELECT "func"(?1, <columns>) FROM
** <source> (tvf_source_open_feed); csm_feed_run binds a CsmFeed to ?1 with
** sqlite3_bind_pointer and steps once. SQLite's loop calls the aggregate's
** xStep per row; xStep finds the CsmFeed through sqlite3_value_pointer (on
** the first row, then kept in the aggregate context) and
** calls the table's callback with the column values. The aggregate's value
** is NULL: the results live in the callback's state.
*/
#include "scan_feed.h"

#include "errors.h"

/* F1: the pointer type; only csm_feed_run binds a pointer of this type. */
#define FEED_POINTER "csmetrics_scan_feed"

/* One scan in progress, bound to ?1. */
typedef struct CsmFeed {
  CsmFeedRow xRow; /* the table's row callback */
  void *pArg;      /* its state */
  int rc;          /* the callback's first error code, else SQLITE_OK */
} CsmFeed;

static void feed_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  CsmFeed **pp = sqlite3_aggregate_context(ctx, sizeof(CsmFeed *));
  if (pp == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (*pp == 0) { /* F1: the first row checks the pointer */
    *pp = argc > 0 ? sqlite3_value_pointer(argv[0], FEED_POINTER) : 0;
    if (*pp == 0) {
      const CsmFeedFunc *f = sqlite3_user_data(ctx);
      csm_result_errorf(ctx, "%s: internal to %s, not callable from SQL", f->zFunc, f->zTable);
      return;
    }
  }
  CsmFeed *p = *pp;
  int rc = p->xRow(p->pArg, argv + 1);
  if (rc != SQLITE_OK) { /* F2: the statement stops here */
    p->rc = rc;
    if (rc == SQLITE_NOMEM) {
      sqlite3_result_error_nomem(ctx);
    } else { /* the code may be the table's own (feed.rc keeps it) */
      sqlite3_result_error_code(ctx, SQLITE_ERROR);
    }
  }
}

static void feed_final(sqlite3_context *ctx) { (void)ctx; /* the value is NULL */ }

int csm_feed_register(sqlite3 *db, const CsmFeedFunc *pFunc) {
  return sqlite3_create_function(db, pFunc->zFunc, -1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                 (void *)pFunc, 0, feed_step, feed_final);
}

int csm_feed_open(TvfSource *pSrc, sqlite3_vtab_cursor *cur, const CsmFeedFunc *pFunc,
                  const char *zArg, const char *zName, const char *const *azCol, int nCol,
                  int *pbAbsent) {
  return tvf_source_open_feed(pSrc, cur, zArg, zName, azCol, nCol, pFunc->zFunc, pbAbsent);
}

int csm_feed_step(sqlite3_stmt *pStmt, CsmFeedRow xRow, void *pArg, int *pbCallback, char **pzErr) {
  CsmFeed feed = {xRow, pArg, SQLITE_OK};
  int rc = sqlite3_bind_pointer(pStmt, 1, &feed, FEED_POINTER, 0);
  *pbCallback = 0;
  *pzErr = 0;
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(pStmt); /* the whole scan: one aggregate row */
    if (feed.rc != SQLITE_OK) {
      rc = feed.rc; /* F2: the callback's message is set */
      *pbCallback = 1;
    } else if (rc == SQLITE_ROW) {
      rc = SQLITE_OK;
    }
  }
  if (rc != SQLITE_OK && !*pbCallback && rc != SQLITE_NOMEM && rc != SQLITE_INTERRUPT) {
    /* SQLite's message, before the unbinding below clears it */
    *pzErr = sqlite3_mprintf("%s", sqlite3_errmsg(sqlite3_db_handle(pStmt)));
    if (*pzErr == 0) rc = SQLITE_NOMEM;
  }
  /* The statement keeps no pointer to feed past this call. */
  sqlite3_reset(pStmt);
  sqlite3_bind_null(pStmt, 1);
  return rc;
}

int csm_feed_run(TvfSource *pSrc, CsmFeedRow xRow, void *pArg) {
  int bCallback;
  char *zErr;
  int rc = csm_feed_step(pSrc->pStmt, xRow, pArg, &bCallback, &zErr);
  if (rc != SQLITE_OK && !bCallback) rc = tvf_source_error_msg(pSrc, rc, zErr); /* F3 */
  sqlite3_free(zErr);
  return rc;
}

int csm_feed_run_rows(TvfSource *pSrc, CsmFeedRow xRow, void *pArg) {
  sqlite3_value *apVal[CSM_FEED_MAX_COL];
  int nCol = sqlite3_column_count(pSrc->pStmt), rc;
  if (nCol > CSM_FEED_MAX_COL) nCol = CSM_FEED_MAX_COL;
  while ((rc = sqlite3_step(pSrc->pStmt)) == SQLITE_ROW) {
    for (int i = 0; i < nCol; i++) apVal[i] = sqlite3_column_value(pSrc->pStmt, i);
    rc = xRow(pArg, apVal);
    if (rc != SQLITE_OK) return rc; /* F2 */
  }
  return rc == SQLITE_DONE ? SQLITE_OK : tvf_source_error(pSrc, rc);
}
