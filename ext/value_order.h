/*
** value_order.h -- the order in which SQLite's ORDER BY sorts values with
** the BINARY collation, for virtual tables that emit rows sorted by a value
** read from the user's data (a segment, a check-in type).
*/
#ifndef CSM_VALUE_ORDER_H
#define CSM_VALUE_ORDER_H

#include "interrupt_probe.h"

/* <0, 0 or >0 as a sorts before, with or after b: NULL first, then
** numbers (an INTEGER and a REAL compared exactly, also beyond 2^53), then
** text (bytes, as BINARY), then blobs. A null pointer is SQL NULL. Two
** NULLs compare equal, as in DISTINCT and GROUP BY. */
int csm_value_compare(sqlite3_value *a, sqlite3_value *b);

/* A value as csm_value_compare orders it, for a caller that keeps a row's
** values after SQLite has moved on: it copies the n bytes at z into memory
** of its own and points z there. */
typedef struct CsmValueKey {
  int eClass;      /* 0 NULL, 1 number, 2 text, 3 blob */
  int bInt;        /* a number: INTEGER i (1) or REAL r (0) */
  sqlite3_int64 i; /* the INTEGER */
  double r;        /* the REAL */
  const void *z;   /* text or blob: its bytes (not owned; not read when n is 0) */
  int n;           /* text or blob: the number of bytes at z */
} CsmValueKey;

/* Fills *pKey from v (a null pointer is SQL NULL); z points into v. */
void csm_value_key(sqlite3_value *v, CsmValueKey *pKey);

/* csm_value_compare of the two values a and b were made from. */
int csm_value_key_compare(const CsmValueKey *a, const CsmValueKey *b);

/* Sorts the n indexes aIdx into apVal by csm_value_compare (stable merge
** sort, O(n log n)), ticking pProbe (may be 0) once per comparison.
** Returns SQLITE_OK, SQLITE_NOMEM, or the probe's SQLITE_INTERRUPT (aIdx
** is then unspecified). */
int csm_value_sort(sqlite3_value *const *apVal, int *aIdx, sqlite3_int64 n, CsmProbe *pProbe);

#endif /* CSM_VALUE_ORDER_H */
