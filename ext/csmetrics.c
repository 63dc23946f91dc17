/*
** csmetrics.c -- the extension's entry point, sqlite3_csmetrics_init, and
** csmetrics_version().
**
**   sqlite> .load ./build/csmetrics
**   sqlite> SELECT csmetrics_version();
**   0.1.0
**
** It checks the SQLite version (window functions, SQLITE_INNOCUOUS and
** innocuous virtual tables need 3.31.0), then walks aFamily in order --
** each family's function table (CsmFunction rows), or a virtual table's
** register function -- and stops at the first failure, reporting the
** function or table that failed through *pzErrMsg. This is the only file with
** SQLITE_EXTENSION_INIT1; it builds loadable or with -DSQLITE_CORE.
*/
#include "csmetrics.h"

#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1

#include "csm_internal.h"

#include <stddef.h>

#define CSM_MIN_SQLITE_VERSION 3031000
#define CSM_MIN_SQLITE_TEXT "3.31.0"

static void csmetrics_version_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_text(ctx, CSMETRICS_VERSION, -1, SQLITE_STATIC);
}

static const CsmFunction version_functions[] = {
    CSM_SCALAR("csmetrics_version", 0, csmetrics_version_fn, 0),
    CSM_FUNCTION_END,
};

/* One family per line, in registration order: a function table, or the
** register function of a virtual table. */
/* clang-format off */
static const struct {
  const char *zFamily;         /* named in the error when a table fails */
  const CsmFunction *aFunc;    /* the family's functions, or 0 */
  int (*xRegister)(sqlite3 *); /* a virtual table's registration, or 0 */
} aFamily[] = {
    {"csmetrics_version", version_functions, 0},
    {"health_score", health_score_functions, 0},
    {"tiers", tier_functions, 0},
    {"normalizers", normalizer_functions, 0},
    {"bar", bar_functions, 0},
    {"usage_velocity", velocity_functions, 0},
    {"portfolio", portfolio_functions, 0},
    {"validation", validation_functions, 0},
    {"cohort_retention", 0, cohort_retention_register},
    {"checkin_impact", 0, checkin_impact_register},
    {"mrr_movements", 0, mrr_movements_register},
    {"threshold_sweep", 0, threshold_sweep_register},
};
/* clang-format on */

/* Registers one function-table row. */
static int csm_create_function(sqlite3 *db, const CsmFunction *f) {
  if (f->xInverse) {
    return sqlite3_create_window_function(db, f->zName, f->nArg, f->flags, (void *)f->pUser,
                                          f->xStep, f->xFinal, f->xValue, f->xInverse, 0);
  }
  return sqlite3_create_function(db, f->zName, f->nArg, f->flags, (void *)f->pUser, f->xFunc,
                                 f->xStep, f->xFinal);
}

#ifdef _WIN32
#define CSM_EXPORT __declspec(dllexport)
#else
#define CSM_EXPORT __attribute__((visibility("default")))
#endif

CSM_EXPORT int sqlite3_csmetrics_init(sqlite3 *db, char **pzErrMsg,
                                      const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  if (sqlite3_libversion_number() < CSM_MIN_SQLITE_VERSION) {
    if (pzErrMsg) {
      *pzErrMsg =
          sqlite3_mprintf("csmetrics needs SQLite " CSM_MIN_SQLITE_TEXT " or later, this is %s",
                          sqlite3_libversion());
    }
    return SQLITE_ERROR;
  }
  for (size_t i = 0; i < sizeof(aFamily) / sizeof(aFamily[0]); i++) {
    const CsmFunction *f = aFamily[i].aFunc;
    for (; f && f->zName; f++) {
      int rc = csm_create_function(db, f);
      if (rc != SQLITE_OK) {
        if (pzErrMsg) {
          *pzErrMsg =
              sqlite3_mprintf("csmetrics: cannot register %s(): %s", f->zName, sqlite3_errmsg(db));
        }
        return rc;
      }
    }
    int rc = aFamily[i].xRegister ? aFamily[i].xRegister(db) : SQLITE_OK;
    if (rc != SQLITE_OK) {
      if (pzErrMsg) {
        *pzErrMsg = sqlite3_mprintf("csmetrics: cannot register %s: %s", aFamily[i].zFamily,
                                    sqlite3_errmsg(db));
      }
      return rc;
    }
  }
  return SQLITE_OK;
}
