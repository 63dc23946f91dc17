/*
** array.c -- the growable array and the binary search (see array.h).
** One binary search, csm_partition_point; the typed lower bounds are its
** two common predicates.
*/
#include "array.h"

#define ARRAY_FIRST_ALLOC 16

int csm_array_reserve(void **pa, sqlite3_int64 *pnAlloc, sqlite3_int64 nNeed, size_t szElem) {
  if (nNeed <= *pnAlloc) return SQLITE_OK;
  sqlite3_int64 nNew = *pnAlloc > 0 ? *pnAlloc * 2 : ARRAY_FIRST_ALLOC;
  while (nNew < nNeed) nNew *= 2;
  if ((sqlite3_uint64)nNew > ((sqlite3_uint64)1 << 62) / szElem) return SQLITE_NOMEM;
  void *aNew = sqlite3_realloc64(*pa, (sqlite3_uint64)nNew * szElem);
  if (aNew == 0) return SQLITE_NOMEM;
  *pa = aNew;
  *pnAlloc = nNew;
  return SQLITE_OK;
}

sqlite3_int64 csm_partition_point(sqlite3_int64 lo, sqlite3_int64 hi,
                                  int (*xBelow)(const void *pCtx, sqlite3_int64 i),
                                  const void *pCtx) {
  while (lo < hi) {
    sqlite3_int64 mid = lo + (hi - lo) / 2;
    if (xBelow(pCtx, mid)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/* The key and array of the typed lower bounds. */
typedef struct ArrayKey {
  const void *a;
  double r;        /* the key of csm_lower_bound_double */
  sqlite3_int64 i; /* the key of csm_lower_bound_i64 */
  int bOrEqual;    /* csm_lower_bound_double: count equal entries too */
} ArrayKey;

static int array_below_double(const void *pCtx, sqlite3_int64 i) {
  const ArrayKey *k = pCtx;
  double v = ((const double *)k->a)[i];
  return v < k->r || (k->bOrEqual && v == k->r);
}

static int array_below_i64(const void *pCtx, sqlite3_int64 i) {
  const ArrayKey *k = pCtx;
  return ((const sqlite3_int64 *)k->a)[i] < k->i;
}

sqlite3_int64 csm_lower_bound_double(const double *a, sqlite3_int64 n, double x, int bOrEqual) {
  ArrayKey k = {a, x, 0, bOrEqual};
  return csm_partition_point(0, n, array_below_double, &k);
}

sqlite3_int64 csm_lower_bound_i64(const sqlite3_int64 *a, sqlite3_int64 n, sqlite3_int64 x) {
  ArrayKey k = {a, 0.0, x, 0};
  return csm_partition_point(0, n, array_below_i64, &k);
}
