/*
** validation.c -- the auc, lift, pearson_corr and calibration_error aggregates (SPEC section 3).
** PLACEHOLDER: registers nothing yet; being written (see issues).
*/
#include "csm_internal.h"

int validation_register(sqlite3 *db) {
  (void)db;
  return SQLITE_OK;
}
