/*
** velocity.c -- the usage_velocity aggregate (SPEC section 3).
** PLACEHOLDER: registers nothing yet; being written (see issues).
*/
#include "csm_internal.h"

int velocity_register(sqlite3 *db) {
  (void)db;
  return SQLITE_OK;
}
