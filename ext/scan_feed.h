/*
** scan_feed.h -- reading a virtual table's source in one sqlite3_step():
** the table's inner statement hands every row to an internal aggregate
** function, which calls the table's row callback with the row's values.
**
**   static const CsmFeedFunc feed = {"csm_cohort_feed", "cohort_retention"};
**   csm_feed_register(db, &feed);                      -- at registration
**   rc = csm_feed_open(&src, cur, &feed, "source", "usage_events",
**                      azCol, 2, 0);                   -- in xFilter
**   rc = csm_feed_run(&src, my_row, pState);
**   tvf_source_close(&src);
**   runs  SELECT "csm_cohort_feed"(?1, "account", "date") FROM "usage_events"
**   with ?1 bound to the scan (sqlite3_bind_pointer), and calls
**   my_row(pState, apVal) once per row, apVal[0..nCol) its values.
**
** Why: stepping SELECT account, date through the API costs a return to the
** caller and one call per column per row; inside an aggregate SQLite's
** own loop walks the table and passes the values already decoded. Rows
** reach the callback in the order the plain SELECT returns them.
**
** Requirements:
**   F1. The internal function works only with the scan pointer that
**       csm_feed_run binds (its type string is private to scan_feed.c):
**       called from SQL it is the error
**         "<func>: internal to <table>, not callable from SQL"
**       It is SQLITE_DIRECTONLY (never in views, triggers or the schema)
**       and has no other effect. The pointer is checked on the first row
**       of a scan and kept in the aggregate's context (?1 is one bound
**       value for every row).
**   F2. A callback error stops the scan at that row: the callback sets the
**       vtab message and returns its code, which csm_feed_run returns.
**   F3. Interrupts and out-of-memory stop the scan as they stop a plain
**       SELECT (the statement runs on the calling connection).
**   F4. Names are checked and quoted, and the recursion guard applies, as
**       for every source (tvf_source_open); an optional table may be
**       absent (pbAbsent).
*/
#ifndef CSM_SCAN_FEED_H
#define CSM_SCAN_FEED_H

#include "tvf.h"

#define CSM_FEED_MAX_COL 8 /* columns csm_feed_run_rows hands on */

/* One internal function: its SQL name and the table it feeds. */
typedef struct CsmFeedFunc {
  const char *zFunc;  /* e.g. "csm_cohort_feed" */
  const char *zTable; /* e.g. "cohort_retention" */
} CsmFeedFunc;

/* Handles one row: apVal holds the values of the columns asked for, in
** order (any may be NULL). Returns SQLITE_OK, or an error code with the
** vtab message set (F2). */
typedef int (*CsmFeedRow)(void *pArg, sqlite3_value **apVal);

/* Registers pFunc->zFunc on db (any number of arguments). pFunc must
** outlive the connection (a static). Returns an SQLite code. */
int csm_feed_register(sqlite3 *db, const CsmFeedFunc *pFunc);

/* Opens the source: tvf_source_open (names checked and quoted, the
** recursion guard, pbAbsent for an optional table) with the statement
** SELECT "zFunc"(?1, "c0", ...) FROM zName. Close it with
** tvf_source_close. azCol is borrowed: it must stay valid until then (the
** parallel scan builds its workers' statements from it). Returns an
** SQLite code, the vtab message set on SQLITE_ERROR. */
int csm_feed_open(TvfSource *pSrc, sqlite3_vtab_cursor *cur, const CsmFeedFunc *pFunc,
                  const char *zArg, const char *zName, const char *const *azCol, int nCol,
                  int *pbAbsent);

/* Reads the source opened by csm_feed_open to the end, calling
** xRow(pArg, apVal) for each row. Returns SQLITE_OK when every row was
** handled, the callback's code (F2), or the source's (NOMEM, INTERRUPT,
** or SQLITE_ERROR with "<table>: <arg> '<name>': <SQLite's message>"). */
int csm_feed_run(TvfSource *pSrc, CsmFeedRow xRow, void *pArg);

/* The one step of a feed statement (csm_feed_run; the parallel scan's
** workers): binds ?1 to a scan calling xRow(pArg, ...), steps, resets and
** unbinds ?1 (other parameters keep their values). Returns SQLITE_OK, the
** callback's code with *pbCallback = 1 (F2), or the step's code as it is;
** for a code other than NOMEM and INTERRUPT, *pzErr is SQLite's message
** (sqlite3_mprintf'd, the caller frees; else 0). */
int csm_feed_step(sqlite3_stmt *pStmt, CsmFeedRow xRow, void *pArg, int *pbCallback, char **pzErr);

/* The path where the feed cannot be used (a statement of another shape,
** such as a SELECT of the columns with ORDER BY, opened by the caller):
** steps pSrc->pStmt and calls xRow with each row's first
** CSM_FEED_MAX_COL column values. Same returns as csm_feed_run. */
int csm_feed_run_rows(TvfSource *pSrc, CsmFeedRow xRow, void *pArg);

/* ---- The parallel scan ----------------------------------------------------
**
** csm_feed_run_parallel reads the same rows as csm_feed_run, split by rowid
** into chunks read by worker threads, each on its own read-only connection
** and into its own *partial state*; the calling thread then folds the
** partial states into the table's main state, chunk by chunk in rowid
** order (how, when, and why it is consistent: docs/internals.md, "The
** parallel scan"). When a condition does not hold it is exactly
** csm_feed_run (requirement F5 in scan_parallel.c).
**
** Errors on a worker. A row callback must not touch the vtab on a worker
** (another thread owns it). Every state -- main or partial -- therefore
** reports through a sqlite3_vtab pointer of its own:
**   - the main state's points at the table's vtab (the serial scan sets
**     the message there, as before);
**   - a partial state embeds a zero-filled sqlite3_vtab (only its zErrMsg
**     is used) and points at it; the callback calls csm_vtab_errorf /
**     csm_vtab_error_got on that pointer, unchanged;
**   - xError moves the message to the table's vtab with
**     csm_feed_error_move(pMainVtab, &pPart->errVtab), and xFree frees
**     what is left with csm_feed_error_move(0, &pPart->errVtab).
** Callbacks otherwise touch only their partial state (no shared caches,
** no statics); values in apVal belong to the worker's connection. */

/* A table's partial states for the parallel scan. */
typedef struct CsmFeedParts {
  /* A new empty partial state configured like pMain (same options, column
  ** shapes), or 0 on OOM. Called on the calling thread, before the workers
  ** start and then between folds (never during xMerge). */
  void *(*xNew)(void *pMain);
  /* The row callback, called on a worker thread with a partial state: it
  ** must touch nothing shared (no vtab message: it records its error in the
  ** partial state, see xError). Unless xMainRow is set, the serial scan
  ** calls it too, with the main state. */
  CsmFeedRow xRow;
  /* Folds pPart into pMain (calling thread, chunks in rowid order, first
  ** chunk first), leaving pPart to be freed. Result must equal the serial scan
  ** of the concatenated rows. Returns an SQLite code (NOMEM). */
  int (*xMerge)(void *pMain, void *pPart);
  /* Copies the partial state's error message, if any, to the vtab (calling thread). */
  void (*xError)(void *pMain, void *pPart);
  void (*xFree)(void *pPart);
  /* The most rowids a chunk spans (0: no bound, the rowids are cut into a
  ** few chunks per thread). A table whose partial state grows with the
  ** rows of its chunk bounds it, so that its memory stays bounded: at most
  ** threads + 1 partial states exist at once. */
  sqlite3_int64 nChunkRows;
  /* The serial scan's row callback, with the main state, when it is not
  ** xRow (0: xRow) -- for a table whose partial states only log rows. */
  CsmFeedRow xMainRow;
} CsmFeedParts;

/* Reads the source opened by csm_feed_open like csm_feed_run(pSrc, pParts->xRow, pMain),
** but split by rowid across worker threads when the parallel conditions hold
** (else exactly csm_feed_run). Same returns as csm_feed_run. */
int csm_feed_run_parallel(TvfSource *pSrc, const CsmFeedParts *pParts, void *pMain);

/* Moves pFrom->zErrMsg (a partial state's own vtab) to pTo, replacing pTo's
** message, and leaves pFrom without one. pTo may be 0: the message is
** freed. Nothing happens when pFrom has no message. */
void csm_feed_error_move(sqlite3_vtab *pTo, sqlite3_vtab *pFrom);

#endif /* CSM_SCAN_FEED_H */
