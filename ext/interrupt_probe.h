/*
** interrupt_probe.h -- lets a long phase of pure C work inside xFilter (a
** sort, a walk over what was read) notice sqlite3_interrupt() on its
** connection. SQLite 3.41 added sqlite3_is_interrupted() for this; the
** oldest SQLite csmetrics supports lacks it, so the probe asks the VDBE:
** it keeps a prepared "SELECT 1" on the connection and steps it. A step
** returns SQLITE_INTERRUPT while the connection is interrupted, because
** the program's OP_Goto tests the interrupt flag, and the flag stays set
** while the statement that called xFilter is active (SQLite clears it
** only when a statement starts with no other statement running).
**
**   CsmProbe *pProbe = 0;
**   rc = csm_probe_open(db, &pProbe);
**   for (i = 0; rc == SQLITE_OK && i < n; i++) {
**     rc = csm_probe_tick(pProbe);  // asks SQLite every CSM_PROBE_EVERY calls
**     ... a unit of work ...
**   }
**   csm_probe_close(pProbe);
**
** Requirements:
**   P1. csm_probe_interrupted() returns SQLITE_INTERRUPT when
**       sqlite3_interrupt() was called on the connection since the
**       outermost running statement started, SQLITE_OK otherwise (or the
**       error code of the step, SQLITE_NOMEM for instance).
**   P2. A null probe is never interrupted, so helpers that take an
**       optional probe (csm_value_sort) also run outside a table.
**   P3. A check costs one step and reset of a one-row statement (well
**       under a microsecond), so every few thousand units of work is free.
*/
#ifndef CSM_INTERRUPT_PROBE_H
#define CSM_INTERRUPT_PROBE_H

#include "csm_internal.h"

/* The probe's statement, exposed so tests can recognise it. */
#define CSM_PROBE_SQL "SELECT 1 /* csmetrics interrupt probe */"

/* Units of work between two checks in csm_probe_tick(). */
#define CSM_PROBE_EVERY 4096

typedef struct CsmProbe {
  sqlite3_stmt *pStmt; /* CSM_PROBE_SQL, prepared on the caller's connection */
  int nTick;           /* csm_probe_tick() calls since the last check */
} CsmProbe;

/* Prepares a probe on db into *ppProbe (0 on failure). Returns SQLITE_OK,
** SQLITE_NOMEM, or SQLITE_INTERRUPT if db is already interrupted. */
int csm_probe_open(sqlite3 *db, CsmProbe **ppProbe);

/* Asks SQLite now (P1). p may be 0 (P2). */
int csm_probe_interrupted(CsmProbe *p);

/* Counts one unit of work; every CSM_PROBE_EVERY calls, returns
** csm_probe_interrupted(p), otherwise SQLITE_OK. p may be 0 (P2). */
static inline int csm_probe_tick(CsmProbe *p) {
  if (p == 0 || ++p->nTick < CSM_PROBE_EVERY) return SQLITE_OK;
  p->nTick = 0;
  return csm_probe_interrupted(p);
}

/* Finalizes and frees p; p may be 0. */
void csm_probe_close(CsmProbe *p);

#endif /* CSM_INTERRUPT_PROBE_H */
