/*
** csm_internal.h -- what every csmetrics source file includes: the SQLite
** extension API (through sqlite3ext.h, so the same file builds loadable or
** with -DSQLITE_CORE), the shared status codes, the function-table type and
** what each family exports. A family of functions lives in ext/<family>.c
** and exports one table of CsmFunction rows; a virtual table exports
** <table>_register(). ext/csmetrics.c registers them all, in order.
*/
#ifndef CSM_INTERNAL_H
#define CSM_INTERNAL_H

#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3

/* Outcome of reading one SQL value as a number or a date. */
#define CSM_OK 0      /* converted */
#define CSM_NULL 1    /* the value was SQL NULL */
#define CSM_INVALID 2 /* the value has the wrong type or form */

/* Flags of every scalar and aggregate function: deterministic and
** innocuous (usable in views, indexes and under trusted_schema=OFF). */
#define CSM_FUNC_FLAGS (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)

typedef void (*CsmXFunc)(sqlite3_context *, int, sqlite3_value **);
typedef void (*CsmXFinal)(sqlite3_context *);

/* One SQL function of a family: a scalar (xFunc), an aggregate (xStep,
** xFinal) or a window function (xStep, xFinal, xValue, xInverse). A table
** of them ends with a row whose zName is 0. */
typedef struct CsmFunction {
  const char *zName; /* SQL name */
  int nArg;          /* number of arguments */
  int flags;         /* CSM_FUNC_FLAGS, for every function today */
  const void *pUser; /* sqlite3_user_data(), or 0 */
  CsmXFunc xFunc;    /* scalar */
  CsmXFunc xStep;    /* aggregate and window */
  CsmXFinal xFinal;
  CsmXFinal xValue; /* window only */
  CsmXFunc xInverse;
} CsmFunction;

/* Rows of a function table: a scalar, an aggregate, a window function, and
** the row that ends the table. */
#define CSM_SCALAR(zName, nArg, xFunc, pUser)                                                      \
  { zName, nArg, CSM_FUNC_FLAGS, pUser, xFunc, 0, 0, 0, 0 }
#define CSM_AGGREGATE(zName, nArg, xStep, xFinal, pUser)                                           \
  { zName, nArg, CSM_FUNC_FLAGS, pUser, 0, xStep, xFinal, 0, 0 }
#define CSM_WINDOW(zName, nArg, xStep, xFinal, xValue, xInverse, pUser)                            \
  { zName, nArg, CSM_FUNC_FLAGS, pUser, 0, xStep, xFinal, xValue, xInverse }
#define CSM_FUNCTION_END                                                                           \
  { 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/* The function tables, one per family. */
extern const CsmFunction tier_functions[];       /* tiers.c: tier labels, health_trend, risk_tier */
extern const CsmFunction normalizer_functions[]; /* normalizers.c: score_linear, ... */
extern const CsmFunction bar_functions[];        /* bar.c: bar */
extern const CsmFunction health_score_functions[]; /* health_score.c: score, coverage */
extern const CsmFunction velocity_functions[];     /* velocity.c: usage_velocity */
extern const CsmFunction portfolio_functions[];    /* portfolio.c: nps, nrr, grr */
extern const CsmFunction validation_functions[];   /* validation.c: auc, lift, ... */
extern const CsmFunction parse_date_functions[];   /* parse_date.c: dates of exports */
extern const CsmFunction parse_number_functions[]; /* parse_number.c: numbers of exports */
extern const CsmFunction health_rag_functions[];   /* health_rag.c: Green/Yellow/Red */
extern const CsmFunction html_escape_functions[];  /* html_escape.c: html_escape */
extern const CsmFunction sparkline_functions[];    /* sparkline.c: sparkline */
extern const CsmFunction chart_functions[]; /* charts.c: chart_bars, chart_line, chart_heatmap */
extern const CsmFunction count_duplicates_functions[]; /* count_duplicates.c */

int cohort_retention_register(sqlite3 *db); /* cohort_retention.c */
int checkin_impact_register(sqlite3 *db);   /* checkin_impact.c */
int mrr_movements_register(sqlite3 *db);    /* mrr_movements.c: the revenue bridge */
int threshold_sweep_register(sqlite3 *db);  /* threshold_sweep.c: flagging thresholds */

/* csmetrics_threads.c: the parallel scan's setting */
int csmetrics_threads_register(sqlite3 *db);

#endif /* CSM_INTERNAL_H */
