/*
** cohort_retention.c -- the cohort_retention table-valued function (SPEC 4.1).
** PLACEHOLDER: registers nothing yet; being written (see issues).
*/
#include "csm_internal.h"

int cohort_retention_register(sqlite3 *db) {
  (void)db;
  return SQLITE_OK;
}
