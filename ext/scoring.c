/*
** scoring.c -- scalar functions of SPEC section 2.
** PLACEHOLDER: registers nothing yet; being written (see issues).
*/
#include "csm_internal.h"

int scoring_register(sqlite3 *db) {
  (void)db;
  return SQLITE_OK;
}
