/*
** csmetrics.c -- the extension's entry point, sqlite3_csmetrics_init, and
** csmetrics_version().
**
**   sqlite> .load ./build/csmetrics
**   sqlite> SELECT csmetrics_version();
**   0.1.0
**
** It checks the SQLite version (window functions, SQLITE_INNOCUOUS and
** innocuous virtual tables need 3.31.0), then calls each family's register
** function in the order of aFamily and stops at the first failure, reporting
** which family failed through *pzErrMsg. This is the only file with
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

static int version_register(sqlite3 *db) {
  return sqlite3_create_function(db, "csmetrics_version", 0, CSM_FUNC_FLAGS, 0,
                                 csmetrics_version_fn, 0, 0);
}

/* One family per line, in registration order. */
/* clang-format off */
static const struct {
  const char *zFamily; /* named in the error when registration fails */
  int (*xRegister)(sqlite3 *);
} aFamily[] = {
    {"csmetrics_version", version_register},
    {"health_score", health_score_register},
    {"scoring", scoring_register},
    {"usage_velocity", velocity_register},
    {"portfolio", portfolio_register},
    {"validation", validation_register},
    {"cohort_retention", cohort_retention_register},
    {"checkin_impact", checkin_impact_register},
    {"mrr_movements", mrr_movements_register},
    {"threshold_sweep", threshold_sweep_register},
    {"parse_date", parse_date_register},
    {"parse_number", parse_number_register},
    {"health_rag", health_rag_register},
};
/* clang-format on */

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
    int rc = aFamily[i].xRegister(db);
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
