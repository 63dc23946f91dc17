/*
** csm_internal.h -- what every csmetrics source file includes: the SQLite
** extension API (through sqlite3ext.h, so the same file builds loadable or
** with -DSQLITE_CORE), the shared status codes, and the register function of
** each family. Each family lives in ext/<family>.c and exports only
** <family>_register(); ext/csmetrics.c calls them in order.
*/
#ifndef CSM_INTERNAL_H
#define CSM_INTERNAL_H

#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3

/* Outcome of reading one SQL value as a number or a date. */
#define CSM_OK 0      /* converted */
#define CSM_NULL 1    /* the value was SQL NULL */
#define CSM_INVALID 2 /* the value has the wrong type or form */

/* Flags of every scalar and aggregate function (SPEC section 1, Flags). */
#define CSM_FUNC_FLAGS (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)

int scoring_register(sqlite3 *db);          /* scoring.c: tiers, normalisers, bar */
int health_score_register(sqlite3 *db);     /* health_score.c: score, coverage */
int velocity_register(sqlite3 *db);         /* velocity.c: usage_velocity */
int portfolio_register(sqlite3 *db);        /* portfolio.c: nps, nrr, grr */
int validation_register(sqlite3 *db);       /* validation.c: auc, lift, ... */
int cohort_retention_register(sqlite3 *db); /* cohort_retention.c: SPEC 4.1 */
int checkin_impact_register(sqlite3 *db);   /* checkin_impact.c: SPEC 4.2 */
int mrr_movements_register(sqlite3 *db);    /* mrr_movements.c: the revenue bridge */
int threshold_sweep_register(sqlite3 *db);  /* threshold_sweep.c: flagging thresholds */
int parse_date_register(sqlite3 *db);       /* parse_date.c: dates of exports */
int parse_number_register(sqlite3 *db);     /* parse_number.c: numbers of exports */
int health_rag_register(sqlite3 *db);       /* health_rag.c: Green/Yellow/Red */

#endif /* CSM_INTERNAL_H */
