/*
** table_source.h -- reading a table or view named by a virtual-table
** argument (docs/conventions.md, Flags: names, never SQL text; quoted
** identifiers; a missing table or column is an error naming it).
*/
#ifndef CSM_TABLE_SOURCE_H
#define CSM_TABLE_SOURCE_H

#include "csm_internal.h"

/* Prepares SELECT "c0", "c1", ... FROM "schema"."table" on db, where zName
** is 'table' or 'schema.table' (the text before the first '.' names the
** schema) and azCol holds nCol column names. Identifiers are quoted with
** %w, so a name cannot inject SQL. With zFeed (the name of an internal
** aggregate, ext/scan_feed.h) the statement is instead
**   SELECT "zFeed"(?1, "c0", "c1", ...) FROM "schema"."table"
** which hands every row to that function in one sqlite3_step().
**
** The table and its columns are looked up first (PRAGMA table_xinfo), so
** a missing column is reported as such instead of being read as a string
** literal, which SQLite does with a double-quoted name that matches no
** column. On failure pVtab->zErrMsg is set and names the argument zArg:
**   <zFunc>: <zArg> '<name>' does not exist
**   <zFunc>: <zArg> '<name>' has no column '<col>'
**   <zFunc>: <zArg> '<name>': <SQLite's message>   (e.g. a broken view)
**
** When the table does not exist and pbAbsent is not 0, that is no error:
** *pbAbsent is set to 1 and SQLITE_OK returned with *ppStmt = 0 (for
** optional inputs). Returns SQLITE_OK, SQLITE_ERROR, SQLITE_NOMEM or the
** code of the failing lookup (SQLITE_INTERRUPT among them). */
int csm_source_prepare(sqlite3 *db, sqlite3_vtab *pVtab, const char *zFunc, const char *zArg,
                       const char *zName, const char *const *azCol, int nCol, const char *zFeed,
                       sqlite3_stmt **ppStmt, int *pbAbsent);

/* Splits a source name at its first dot, "schema.table": *pzTable points
** into zName, *pzSchema is the schema (sqlite3_mprintf'd) or 0 for an
** unqualified name. Returns SQLITE_OK or SQLITE_NOMEM. */
int csm_source_split(const char *zName, char **pzSchema, const char **pzTable);

/* The text of the SELECT csm_source_prepare prepares, for a source that
** is already checked: zSchema may be 0 (unqualified), and zWhere, when not
** 0, is appended as " WHERE <zWhere>" (our own SQL text, never a user's:
** the parallel scan's rowid range). sqlite3_mprintf'd; 0 on out-of-memory. */
char *csm_source_sql(const char *zSchema, const char *zTable, const char *const *azCol, int nCol,
                     const char *zFeed, const char *zWhere);

#endif /* CSM_TABLE_SOURCE_H */
