/*
** count_duplicates.c -- the count_duplicates(key, ...) aggregate: how many
** rows repeat the key of the row before them, over rows that arrive in key
** order.
**
**   SELECT count_duplicates(account, date)
**     FROM (SELECT account, date FROM usage_events ORDER BY account, date);
**   -- the rows beyond the first of each (account, date): count(*) minus
**   -- the number of distinct keys
**
** How it works: the rows arrive sorted (an index read in its order, or a
** subquery's ORDER BY), so a key's repeats follow it. The state keeps the
** previous row's key -- one CsmValueKey per argument, its text and blob
** bytes copied into one buffer that grows to the longest key and is reused
** -- and each row costs one comparison with it and no allocation. This is
** the streaming form of count(*) - (SELECT count(*) FROM (SELECT DISTINCT
** ...)), which in SQLite allocates a copy of every distinct key's text.
**
** Requirements, referred to in the code by number:
**   1. A row is a duplicate when each of its arguments equals the previous
**      row's argument in the same place, as DISTINCT compares: NULL equals
**      NULL, an INTEGER equals a REAL of the same value (1 and 1.0), text
**      and blobs compare by bytes (BINARY), and no value of one storage
**      class equals one of another ('1' is not 1).
**   2. The rows must arrive in ascending key order (ORDER BY each argument,
**      in the order of the arguments, with the BINARY collation); a row
**      whose key sorts before the previous row's is an error that names
**      both rows' numbers, never a wrong count.
**   3. The result is an INTEGER: 0 over no rows or one row.
**   4. It takes one or more arguments; with none it is an error, raised at
**      the first row (over no rows xStep never runs, and xFinal is not told
**      the number of arguments).
** The key's bytes are the only memory beyond the aggregate context; xFinal
** frees them (SQLite calls it also when the statement stops early).
*/
#include "array.h"
#include "csm_internal.h"
#include "errors.h"
#include "value_order.h"

#include <string.h>

typedef struct DupState {
  sqlite3_int64 nRow;   /* rows seen */
  sqlite3_int64 nDup;   /* rows whose key equals the previous row's */
  int nArg;             /* arguments per row: the key's length */
  CsmValueKey *aKey;    /* nArg keys of the previous row, then nArg of this one */
  unsigned char *aByte; /* the previous row's text and blob bytes */
  sqlite3_int64 nAlloc; /* bytes allocated at aByte */
} DupState;

/* Keeps the nArg keys at aCur as the previous row's (p->aKey), copying
** their bytes into p->aByte. Returns SQLITE_OK or SQLITE_NOMEM (the
** previous key is then unusable; the caller stops). */
static int dup_keep(DupState *p, const CsmValueKey *aCur) {
  sqlite3_int64 nByte = 0;
  for (int k = 0; k < p->nArg; k++) nByte += aCur[k].n;
  if (csm_array_reserve((void **)&p->aByte, &p->nAlloc, nByte, 1) != SQLITE_OK) {
    return SQLITE_NOMEM;
  }
  sqlite3_int64 off = 0;
  for (int k = 0; k < p->nArg; k++) {
    p->aKey[k] = aCur[k];
    p->aKey[k].z = 0; /* never a pointer into SQLite's value */
    if (aCur[k].n > 0) {
      memcpy(p->aByte + off, aCur[k].z, (size_t)aCur[k].n);
      p->aKey[k].z = p->aByte + off;
      off += aCur[k].n;
    }
  }
  return SQLITE_OK;
}

static void count_duplicates_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  if (argc == 0) { /* Requirement 4 */
    csm_result_errorf(ctx, "count_duplicates: needs at least one argument, the key");
    return;
  }
  DupState *p = sqlite3_aggregate_context(ctx, (int)sizeof(*p));
  if (p == 0) goto nomem;
  if (p->aKey == 0) {
    p->aKey = sqlite3_malloc64(sizeof(CsmValueKey) * 2 * (sqlite3_uint64)argc);
    if (p->aKey == 0) goto nomem;
    p->nArg = argc;
  }
  CsmValueKey *aCur = p->aKey + p->nArg;
  for (int k = 0; k < p->nArg; k++) csm_value_key(argv[k], &aCur[k]);
  int c = 1; /* the first row starts a key */
  if (p->nRow > 0) {
    c = 0;
    for (int k = 0; k < p->nArg && c == 0; k++) c = csm_value_key_compare(&aCur[k], &p->aKey[k]);
  }
  p->nRow++;
  if (c < 0) { /* Requirement 2 */
    csm_result_errorf(ctx,
                      "count_duplicates: rows must arrive in key order (ORDER BY the arguments), "
                      "row %lld sorts before row %lld",
                      p->nRow, p->nRow - 1);
    return;
  }
  if (c == 0) { /* Requirement 1: an equal key is already kept */
    p->nDup++;
    return;
  }
  if (dup_keep(p, aCur) == SQLITE_OK) return;
nomem:
  sqlite3_result_error_nomem(ctx);
}

/* Requirement 3 */
static void count_duplicates_final(sqlite3_context *ctx) {
  DupState *p = sqlite3_aggregate_context(ctx, 0);
  sqlite3_result_int64(ctx, p ? p->nDup : 0);
  if (p) {
    sqlite3_free(p->aKey);
    sqlite3_free(p->aByte);
  }
}

const CsmFunction count_duplicates_functions[] = {
    CSM_AGGREGATE("count_duplicates", -1, count_duplicates_step, count_duplicates_final, 0),
    CSM_FUNCTION_END,
};
