/*
** arg_cache.h -- the per-statement argument cache: a constant argument that
** takes work to read (a weights profile or JSON object, cut-offs, steps, a
** policy word) is parsed on the first row and kept with sqlite3_set_auxdata
** for the rows after it.
**
**   int bFresh;
**   const Table *p = csm_arg_parsed(ctx, argv, 1, table_parse, &shape, &bFresh);
**   if (p == 0) return;                  // the error is set on ctx
**   ... use p ...
**   csm_arg_keep(ctx, 1, (void *)p, bFresh);   // on every path after a success
**
** Requirements:
**   A1. The parsed form never outlives the value it was parsed from: SQLite
**       drops auxdata when the argument is not a constant (a column, a bound
**       parameter that is rebound), and then it is parsed again on each row.
**   A2. A fresh parse is offered to SQLite only after the caller has used
**       it (csm_arg_keep), because sqlite3_set_auxdata may free it at once.
*/
#ifndef CSM_ARG_CACHE_H
#define CSM_ARG_CACHE_H

#include "csm_internal.h"

/* Parses pArg into a new sqlite3_malloc'd block, or returns 0 with an error
** (or out-of-memory) set on ctx. pShape is the caller's description of what
** to parse, passed through. */
typedef void *(*CsmArgParser)(sqlite3_context *ctx, sqlite3_value *pArg, const void *pShape);

/* The parsed form of argv[iArg]: the statement's cached one (*pbFresh = 0),
** or a fresh one from xParse (*pbFresh = 1). Returns 0 when xParse failed. */
void *csm_arg_parsed(sqlite3_context *ctx, sqlite3_value **argv, int iArg, CsmArgParser xParse,
                     const void *pShape, int *pbFresh);

/* Hands a fresh parse to SQLite for the next rows (A2); SQLite frees it, at
** once when the argument is not constant. Does nothing when bFresh is 0. */
void csm_arg_keep(sqlite3_context *ctx, int iArg, void *p, int bFresh);

/* Finds the case-insensitive (ASCII) word z among azWord[0..nWord); returns
** its index or -1. For every argument that picks one of a few words
** (profile names, the missing-data policy), so 'Default' = 'default'. */
int csm_word_index(const char *z, const char *const *azWord, int nWord);

#endif /* CSM_ARG_CACHE_H */
