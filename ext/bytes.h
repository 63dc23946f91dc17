/*
** bytes.h -- byte-string equality for the comparisons made on every row
** (a date against the cached date, an entity key against the previous
** one): inline, because a call to the C library's memcmp costs more than
** comparing the 10 or 11 bytes of a date or an account key.
**
**   if (n == nCached && csm_bytes_equal(z, zCached, n)) ...   // a hit
*/
#ifndef CSM_BYTES_H
#define CSM_BYTES_H

#include "csm_internal.h"

#include <string.h>

/* 1 when a[0..n) equals b[0..n), else 0 (n >= 0). From 8 to 16 bytes, two
** overlapping 8-byte words (memcpy of a constant size compiles to a load). */
static inline int csm_bytes_equal(const void *a, const void *b, int n) {
  const unsigned char *x = a, *y = b;
  if (n >= 8 && n <= 16) {
    sqlite3_uint64 x0, y0, x1, y1;
    memcpy(&x0, x, 8);
    memcpy(&y0, y, 8);
    memcpy(&x1, x + (n - 8), 8);
    memcpy(&y1, y + (n - 8), 8);
    return ((x0 ^ y0) | (x1 ^ y1)) == 0;
  }
  if (n > 16) return memcmp(x, y, (size_t)n) == 0;
  for (int i = 0; i < n; i++) {
    if (x[i] != y[i]) return 0;
  }
  return 1;
}

#endif /* CSM_BYTES_H */
