/*
** csmetrics.h -- the public entry point of the csmetrics SQLite extension.
**
** Loadable use:   .load ./build/csmetrics            (sqlite3 shell)
**                 SELECT load_extension('build/csmetrics');
** Static use:     compile the ext/ sources with -DSQLITE_CORE, then before opening
**                 any connection:
**                   sqlite3_auto_extension((void (*)(void))sqlite3_csmetrics_init);
*/
#ifndef CSMETRICS_H
#define CSMETRICS_H

#include <sqlite3.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Registers every csmetrics function and table on db. Returns SQLITE_OK, or
** an error code with *pzErrMsg naming the registration that failed. */
int sqlite3_csmetrics_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

#ifdef __cplusplus
}
#endif
#endif /* CSMETRICS_H */
