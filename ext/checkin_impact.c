/*
** checkin_impact.c -- the checkin_impact table-valued function (SPEC 4.2).
** PLACEHOLDER: registers nothing yet; being written (see issues).
*/
#include "csm_internal.h"

int checkin_impact_register(sqlite3 *db) {
  (void)db;
  return SQLITE_OK;
}
