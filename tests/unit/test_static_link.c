/*
** test_static_link.c -- csmetrics compiled into an application
** (-DSQLITE_CORE, libcsmetrics.a) and registered for every new
** connection with sqlite3_auto_extension, as README.md shows.
*/
#include <string.h>

#include "csmetrics.h"
#include "csmetrics_version.h"
#include "unit.h"

/* The first column of the first row of zSql as text, copied into zOut. */
static void query_text(sqlite3 *db, const char *zSql, char *zOut, size_t nOut) {
  sqlite3_stmt *s = 0;
  zOut[0] = 0;
  if (sqlite3_prepare_v2(db, zSql, -1, &s, 0) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
    const char *z = (const char *)sqlite3_column_text(s, 0);
    snprintf(zOut, nOut, "%s", z ? z : "NULL");
  } else {
    snprintf(zOut, nOut, "error: %s", sqlite3_errmsg(db));
  }
  sqlite3_finalize(s);
}

int main(void) {
  char z[100];
  sqlite3 *db;
  CHECK(sqlite3_auto_extension((void (*)(void))sqlite3_csmetrics_init) == SQLITE_OK,
        "auto extension");
  CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK, "open");
  query_text(db, "SELECT csmetrics_version()", z, sizeof(z));
  CHECK(strcmp(z, CSMETRICS_VERSION) == 0, "version: %s", z);
  query_text(db, "SELECT count(*) FROM pragma_module_list WHERE name = 'cohort_retention'", z,
             sizeof(z));
  CHECK(strcmp(z, "1") == 0, "cohort_retention registered: %s", z);
  sqlite3_close(db);
  sqlite3_reset_auto_extension();
  return unit_report();
}
