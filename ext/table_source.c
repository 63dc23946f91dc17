/*
** table_source.c -- preparing the inner SELECT of a virtual table over a
** table or view named by one of its arguments (see table_source.h).
**
**   csm_source_prepare(db, pVtab, "checkin_impact", "checkins_table",
**                      "aux.check_in_logs", {"account", "date"}, 2, &pStmt, 0)
**   prepares  SELECT "account", "date" FROM "aux"."check_in_logs"
**   (with zFeed "csm_checkin_feed": SELECT "csm_checkin_feed"(?1, "account",
**   "date") FROM "aux"."check_in_logs")
**
** How it works: the schema (when named) must appear in PRAGMA
** database_list; PRAGMA table_xinfo then gives the columns of the table or
** view (no rows: it does not exist), and every wanted column must be among
** them (names compare case-insensitively, as in SQL). Only then is the
** SELECT built with sqlite3_str and %w-quoted identifiers and prepared.
*/
#include "table_source.h"

#include "errors.h"

#include <string.h>

/* Runs zSql with ?1 = zA and ?2 = zB (when not 0) and reports through
** *pbAny whether it returned a row. Each row's first column is compared
** with azCol, setting abFound[i] for every match. Returns an SQLite code. */
static int source_lookup(sqlite3 *db, const char *zSql, const char *zA, const char *zB,
                         const char *const *azCol, int nCol, int *abFound, int *pbAny) {
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_text(pStmt, 1, zA, -1, SQLITE_STATIC);
  if (zB) sqlite3_bind_text(pStmt, 2, zB, -1, SQLITE_STATIC);
  *pbAny = 0;
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    const char *zCol = (const char *)sqlite3_column_text(pStmt, 0);
    *pbAny = 1;
    for (int i = 0; zCol && i < nCol; i++) {
      if (sqlite3_stricmp(zCol, azCol[i]) == 0) abFound[i] = 1;
    }
  }
  sqlite3_finalize(pStmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

char *csm_source_sql(const char *zSchema, const char *zTable, const char *const *azCol, int nCol,
                     const char *zFeed, const char *zWhere) {
  sqlite3_str *pSql = sqlite3_str_new(0);
  sqlite3_str_appendall(pSql, "SELECT ");
  if (zFeed) sqlite3_str_appendf(pSql, "\"%w\"(?1, ", zFeed);
  for (int i = 0; i < nCol; i++) {
    sqlite3_str_appendf(pSql, "%s\"%w\"", i ? ", " : "", azCol[i]);
  }
  if (nCol == 0) sqlite3_str_appendall(pSql, "1");
  if (zFeed) sqlite3_str_appendall(pSql, ")");
  if (zSchema)
    sqlite3_str_appendf(pSql, " FROM \"%w\".\"%w\"", zSchema, zTable);
  else
    sqlite3_str_appendf(pSql, " FROM \"%w\"", zTable);
  if (zWhere) sqlite3_str_appendf(pSql, " WHERE %s", zWhere);
  return sqlite3_str_finish(pSql);
}

int csm_source_split(const char *zName, char **pzSchema, const char **pzTable) {
  const char *zDot = strchr(zName, '.');
  *pzTable = zDot ? zDot + 1 : zName;
  *pzSchema = zDot ? sqlite3_mprintf("%.*s", (int)(zDot - zName), zName) : 0;
  return zDot && *pzSchema == 0 ? SQLITE_NOMEM : SQLITE_OK;
}

int csm_source_prepare(sqlite3 *db, sqlite3_vtab *pVtab, const char *zFunc, const char *zArg,
                       const char *zName, const char *const *azCol, int nCol, const char *zFeed,
                       sqlite3_stmt **ppStmt, int *pbAbsent) {
  const char *zTable;
  char *zSchema;
  int rcSplit = csm_source_split(zName, &zSchema, &zTable);
  int *abFound = sqlite3_malloc64(sizeof(int) * (nCol > 0 ? (size_t)nCol : 1));
  int rc = SQLITE_OK, bExists = 1;
  *ppStmt = 0;
  if (rcSplit != SQLITE_OK || abFound == 0) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  memset(abFound, 0, sizeof(int) * (size_t)nCol);

  if (zSchema) {
    rc = source_lookup(db, "SELECT name FROM pragma_database_list WHERE name = ?1 COLLATE NOCASE",
                       zSchema, 0, 0, 0, 0, &bExists);
  }
  if (rc == SQLITE_OK && bExists) {
    rc = source_lookup(db,
                       zSchema ? "SELECT name FROM pragma_table_xinfo(?1, ?2)"
                               : "SELECT name FROM pragma_table_xinfo(?1)",
                       zTable, zSchema, azCol, nCol, abFound, &bExists);
  }
  if (rc != SQLITE_OK) {
    if (rc != SQLITE_NOMEM && rc != SQLITE_INTERRUPT) {
      rc = csm_vtab_errorf(pVtab, "%s: %s '%q': %s", zFunc, zArg, zName, sqlite3_errmsg(db));
    }
    goto done;
  }
  if (!bExists) {
    if (pbAbsent) {
      *pbAbsent = 1;
    } else {
      rc = csm_vtab_errorf(pVtab, "%s: %s '%q' does not exist", zFunc, zArg, zName);
    }
    goto done;
  }
  for (int i = 0; i < nCol; i++) {
    if (!abFound[i]) {
      rc = csm_vtab_errorf(pVtab, "%s: %s '%q' has no column '%q'", zFunc, zArg, zName, azCol[i]);
      goto done;
    }
  }

  char *zSql = csm_source_sql(zSchema, zTable, azCol, nCol, zFeed, 0);
  if (zSql == 0) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  rc = sqlite3_prepare_v2(db, zSql, -1, ppStmt, 0);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM && rc != SQLITE_INTERRUPT) {
    rc = csm_vtab_errorf(pVtab, "%s: %s '%q': %s", zFunc, zArg, zName, sqlite3_errmsg(db));
  }

done:
  sqlite3_free(zSchema);
  sqlite3_free(abFound);
  return rc;
}
