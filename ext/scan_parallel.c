/*
** scan_parallel.c -- the parallel scan of a virtual table's source
** (csm_feed_run_parallel, contracts in scan_feed.h). Work in progress: for
** now every scan is serial.
*/
#include "scan_feed.h"

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
  return csm_feed_run(pSrc, pParts->xRow, pMain);
}
