/*
** array.h -- the growable array and the binary search every family shares.
**
**   double *a = 0; sqlite3_int64 n = 0, nAlloc = 0;
**   if (csm_array_reserve((void **)&a, &nAlloc, n + 1, sizeof(*a))) goto nomem;
**   a[n++] = x;
**
**   sqlite3_int64 i = csm_lower_bound_double(a, n, 0.5, 0);  // first a[i] >= 0.5
*/
#ifndef CSM_ARRAY_H
#define CSM_ARRAY_H

#include "csm_internal.h"

#include <stddef.h>

/* Makes room for nNeed elements of szElem bytes in *pa, whose capacity is
** *pnAlloc elements, growing it at least twofold (to 16 elements at first)
** with sqlite3_realloc64. Returns SQLITE_OK, or SQLITE_NOMEM with *pa and
** *pnAlloc unchanged (the caller still owns and frees *pa). */
int csm_array_reserve(void **pa, sqlite3_int64 *pnAlloc, sqlite3_int64 nNeed, size_t szElem);

/* The first index i in [lo, hi) for which xBelow(pCtx, i) is false, or hi
** when there is none. xBelow must be true on a prefix of the range and false
** after it (a sorted array: "element i is below the key"). O(log(hi - lo))
** calls. */
sqlite3_int64 csm_partition_point(sqlite3_int64 lo, sqlite3_int64 hi,
                                  int (*xBelow)(const void *pCtx, sqlite3_int64 i),
                                  const void *pCtx);

/* Number of entries of the ascending a[0..n) that are < x (bOrEqual = 0)
** or <= x (bOrEqual = 1). */
sqlite3_int64 csm_lower_bound_double(const double *a, sqlite3_int64 n, double x, int bOrEqual);

/* Number of entries of the ascending a[0..n) that are < x. */
sqlite3_int64 csm_lower_bound_i64(const sqlite3_int64 *a, sqlite3_int64 n, sqlite3_int64 x);

#endif /* CSM_ARRAY_H */
