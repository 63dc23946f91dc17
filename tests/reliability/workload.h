/*
** workload.h -- the representative workload shared by the reliability
** harnesses (oom.c, threads.c): reading tests/reliability/workload.sql and
** running one query of it into a comparable text.
**
** The file holds setup statements, a line "-- @queries", then one query per
** statement. workload_run() renders what a query produced -- every row, or
** its error -- so that two runs can be compared with strcmp. The harness
** allocates with libc malloc, never sqlite3_malloc, so that the faults the
** OOM harness injects land only in SQLite and the extension.
*/
#ifndef CSM_WORKLOAD_H
#define CSM_WORKLOAD_H

#include <sqlite3.h>

typedef struct Workload {
  char *zText;    /* the whole file; setup and queries point into it */
  char *zSetup;   /* the statements before the "-- @queries" line */
  char **azQuery; /* nQuery malloc'd statements, each without its ';' */
  int nQuery;
} Workload;

/* Reads and splits the workload file. Exits the process with a message on
** any failure (a missing file is a broken test, not a skip). */
void workload_load(const char *zPath, Workload *p);
void workload_free(Workload *p);

/* Opens an in-memory database (the extension comes from
** sqlite3_auto_extension) and runs the setup. Exits on failure. */
sqlite3 *workload_open(const Workload *p);

/* Runs zSql (one statement) to completion and returns a malloc'd rendering:
** "v1|v2\n" per row with typed values, or "error <rc>: <message>". *pRc
** receives the primary result code (SQLITE_OK when every step succeeded).
** Returns 0 only when libc malloc fails. */
char *workload_run(sqlite3 *db, const char *zSql, int *pRc);

/* True when a rendering says the function or table has not landed yet
** ("no such function", "no such table", "no such module"). */
int workload_not_landed(const char *zResult);

#endif /* CSM_WORKLOAD_H */
