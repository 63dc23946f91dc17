/*
** portfolio.c -- the nps, nrr and grr aggregates (SPEC section 3).
** PLACEHOLDER: registers nothing yet; being written (see issues).
*/
#include "csm_internal.h"

int portfolio_register(sqlite3 *db) {
  (void)db;
  return SQLITE_OK;
}
