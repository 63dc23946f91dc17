/*
** sum.h -- the one compensated sum: a running sum of doubles kept as a
** floating-point expansion (up to CSM_SUM_PARTS non-overlapping doubles whose
** exact sum is the value), so adding and later subtracting the same numbers
** -- a sliding window frame -- gives back the exact sum of what remains.
**
**   CsmSum s = {0};
**   csm_sum_add(&s, 1e20); csm_sum_add(&s, 3); csm_sum_add(&s, -1e20);
**   csm_sum_value(&s);                                   // 3.0, exactly
**   csm_sum_add_product(&s, 0.1, 0.1);                   // += 0.1 * 0.1, exactly
**
** Requirements:
**   S1. Adding a double, or an exact product of two doubles, is exact while
**       the parts do not overflow: the value is off only when the sum spans
**       more than CSM_SUM_PARTS * 53 bits of magnitudes, and then the two
**       smallest parts are merged -- an error at the far end of precision.
**   S2. csm_sum_value is the exact sum rounded (nearly always to nearest).
**   S3. A zero-filled CsmSum is the sum 0 (aggregate contexts start so).
**   S4. When a part overflows the value is +-Inf or NaN: csm_sum_value is
**       then not finite, and callers report it (an overflow is an error,
**       never a silent NULL).
*/
#ifndef CSM_SUM_H
#define CSM_SUM_H

#include <math.h>
#include <string.h>

#define CSM_SUM_PARTS 8

typedef struct CsmSum {
  double a[CSM_SUM_PARTS]; /* the parts, smallest magnitude first */
  int n;                   /* parts in use */
} CsmSum;

/* *p += x, exactly (S1): Shewchuk's Grow-Expansion with zero elimination
** (see sum.c). */
static inline void csm_sum_add(CsmSum *p, double x) {
  int m = 0;
  for (int i = 0; i < p->n; i++) {
    double s = x + p->a[i];
    double bv = s - x;
    double err = (x - (s - bv)) + (p->a[i] - bv); /* s + err == x + a[i] exactly */
    if (err != 0.0) p->a[m++] = err;              /* m <= i: writes only parts already read */
    x = s;
  }
  if (x != 0.0) {
    if (m == CSM_SUM_PARTS) { /* S1: full, merge the two smallest parts */
      p->a[1] += p->a[0];
      memmove(p->a, p->a + 1, (size_t)(m - 1) * sizeof(double));
      m--;
    }
    p->a[m++] = x;
  }
  p->n = m;
}

/* *p += x * y, exactly: the rounded product and its rounding error (fma). */
static inline void csm_sum_add_product(CsmSum *p, double x, double y) {
  double prod = x * y;
  if (isfinite(prod)) csm_sum_add(p, fma(x, y, -prod));
  csm_sum_add(p, prod);
}

/* *p += k * q, exactly, for a whole sum q. */
void csm_sum_add_scaled(CsmSum *p, double k, const CsmSum *q);

/* *p -= q * r, exactly, for whole sums q and r. */
void csm_sum_sub_product(CsmSum *p, const CsmSum *q, const CsmSum *r);

/* True when an addition overflowed (S4): the largest part, or the one
** that an overflow's NaN replaced, is not finite. O(1), for a check per row. */
static inline int csm_sum_overflowed(const CsmSum *p) {
  return p->n > 0 && !isfinite(p->a[p->n - 1]);
}

/* The value of the sum (S2). */
static inline double csm_sum_value(const CsmSum *p) {
  double v = 0.0;
  for (int i = 0; i < p->n; i++) v += p->a[i]; /* smallest first: rounds once in effect */
  return v;
}

#endif /* CSM_SUM_H */
