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

void csm_value_key(sqlite3_value *v, CsmValueKey *pKey) {
  memset(pKey, 0, sizeof(*pKey));
  switch (v ? sqlite3_value_type(v) : SQLITE_NULL) {
  case SQLITE_NULL:
    break;
  case SQLITE_INTEGER:
    pKey->eClass = 1;
    pKey->bInt = 1;
    pKey->i = sqlite3_value_int64(v);
    break;
  case SQLITE_FLOAT:
    pKey->eClass = 1;
    pKey->r = sqlite3_value_double(v);
    break;
  case SQLITE_TEXT:
    pKey->eClass = 2;
    pKey->z = sqlite3_value_text(v);
    pKey->n = sqlite3_value_bytes(v);
    break;
  default:
    pKey->eClass = 3;
    pKey->z = sqlite3_value_blob(v);
    pKey->n = sqlite3_value_bytes(v);
    break;
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

int csm_value_key_compare(const CsmValueKey *a, const CsmValueKey *b) {
  if (a->eClass != b->eClass || a->eClass == 0) return a->eClass - b->eClass; /* V1 */
  if (a->eClass == 1) {
    if (a->bInt && b->bInt) return (a->i > b->i) - (a->i < b->i);
    if (a->bInt) return value_int_real(a->i, b->r);
    if (b->bInt) return -value_int_real(b->i, a->r);
    return (a->r > b->r) - (a->r < b->r);
  }
  /* V3 */
  int c = (a->n && b->n) ? memcmp(a->z, b->z, (size_t)(a->n < b->n ? a->n : b->n)) : 0;
  return c ? c : a->n - b->n;
}

int csm_value_compare(sqlite3_value *a, sqlite3_value *b) {
  CsmValueKey ka, kb;
  csm_value_key(a, &ka);
  csm_value_key(b, &kb);
  return csm_value_key_compare(&ka, &kb);
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
