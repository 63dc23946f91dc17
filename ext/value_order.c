/*
** value_order.c -- SQLite's ORDER BY order of values (see value_order.h).
**
**   csm_value_compare(9007199254740993, 9007199254740992.0) > 0
**   (a double conversion would call them equal: 2^53 + 1 has no double)
**
** Requirements: V1 storage classes sort NULL < numbers < text < blob;
** V2 INTEGER against REAL is compared exactly, as SQLite does;
** V3 text and blobs compare by bytes, then length.
*/
#include "value_order.h"

#include <string.h>

static int value_class(sqlite3_value *v) {
  switch (v ? sqlite3_value_type(v) : SQLITE_NULL) {
  case SQLITE_NULL:
    return 0;
  case SQLITE_INTEGER:
  case SQLITE_FLOAT:
    return 1;
  case SQLITE_TEXT:
    return 2;
  default:
    return 3;
  }
}

/* V2: the sign of i - r, exactly. */
static int value_int_real(sqlite3_int64 i, double r) {
  if (r < -9223372036854775808.0) return 1;
  if (r >= 9223372036854775808.0) return -1;
  sqlite3_int64 t = (sqlite3_int64)r; /* r truncated: exact in range */
  if (i != t) return i < t ? -1 : 1;
  double f = r - (double)t; /* the fraction dropped, exact */
  return f > 0.0 ? -1 : f < 0.0 ? 1 : 0;
}

int csm_value_compare(sqlite3_value *a, sqlite3_value *b) {
  int ca = value_class(a), cb = value_class(b);
  if (ca != cb || ca == 0) return ca - cb; /* V1 */
  if (ca == 1) {
    int ta = sqlite3_value_type(a), tb = sqlite3_value_type(b);
    if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER) {
      sqlite3_int64 x = sqlite3_value_int64(a), y = sqlite3_value_int64(b);
      return (x > y) - (x < y);
    }
    if (ta == SQLITE_INTEGER)
      return value_int_real(sqlite3_value_int64(a), sqlite3_value_double(b));
    if (tb == SQLITE_INTEGER)
      return -value_int_real(sqlite3_value_int64(b), sqlite3_value_double(a));
    double x = sqlite3_value_double(a), y = sqlite3_value_double(b);
    return (x > y) - (x < y);
  }
  /* V3 */
  const void *za = ca == 2 ? (const void *)sqlite3_value_text(a) : sqlite3_value_blob(a);
  const void *zb = ca == 2 ? (const void *)sqlite3_value_text(b) : sqlite3_value_blob(b);
  int na = sqlite3_value_bytes(a), nb = sqlite3_value_bytes(b);
  int c = (na && nb) ? memcmp(za, zb, (size_t)(na < nb ? na : nb)) : 0;
  return c ? c : na - nb;
}

int csm_value_sort(sqlite3_value *const *apVal, int *aIdx, sqlite3_int64 n, CsmProbe *pProbe) {
  if (n < 2) return SQLITE_OK;
  int *aTmp = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)n);
  if (aTmp == 0) return SQLITE_NOMEM;
  /* Bottom-up merge sort: runs of width w are merged pairwise from aIdx
  ** into aTmp, then the roles swap. */
  int *aFrom = aIdx, *aTo = aTmp, rc = SQLITE_OK;
  for (sqlite3_int64 w = 1; w < n && rc == SQLITE_OK; w *= 2) {
    for (sqlite3_int64 lo = 0; lo < n && rc == SQLITE_OK; lo += 2 * w) {
      sqlite3_int64 mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
      sqlite3_int64 i = lo, j = mid, k = lo;
      while (i < mid && j < hi && (rc = csm_probe_tick(pProbe)) == SQLITE_OK) {
        aTo[k++] =
            csm_value_compare(apVal[aFrom[j]], apVal[aFrom[i]]) < 0 ? aFrom[j++] : aFrom[i++];
      }
      while (i < mid) aTo[k++] = aFrom[i++];
      while (j < hi) aTo[k++] = aFrom[j++];
    }
    int *aSwap = aFrom;
    aFrom = aTo;
    aTo = aSwap;
  }
  if (rc == SQLITE_OK && aFrom != aIdx) memcpy(aIdx, aFrom, sizeof(int) * (size_t)n);
  sqlite3_free(aTmp);
  return rc;
}
