/*
** interrupt_probe.c -- the interrupt probe: a prepared "SELECT 1" whose
** step tells a long C phase of a virtual table that sqlite3_interrupt()
** was called (how and why: interrupt_probe.h).
*/
#include "interrupt_probe.h"

int csm_probe_open(sqlite3 *db, CsmProbe **ppProbe) {
  *ppProbe = 0;
  CsmProbe *p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  p->nTick = 0;
  int rc = sqlite3_prepare_v2(db, CSM_PROBE_SQL, -1, &p->pStmt, 0);
  if (rc != SQLITE_OK) {
    csm_probe_close(p);
    return rc;
  }
  *ppProbe = p;
  return SQLITE_OK;
}

/* P1: the step fails with SQLITE_INTERRUPT at the program's OP_Goto when
** the connection's interrupt flag is set; the reset returns the same code
** and leaves the statement ready for the next check. */
int csm_probe_interrupted(CsmProbe *p) {
  if (p == 0) return SQLITE_OK; /* P2 */
  int rc = sqlite3_step(p->pStmt);
  int rcReset = sqlite3_reset(p->pStmt);
  return rc == SQLITE_ROW ? SQLITE_OK : rcReset;
}

void csm_probe_close(CsmProbe *p) {
  if (p == 0) return;
  sqlite3_finalize(p->pStmt);
  sqlite3_free(p);
}
