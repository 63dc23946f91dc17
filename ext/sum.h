/*
** sum.h -- the one compensated sum: a running sum of doubles kept exactly as
** hi + lo + a floating-point expansion (up to CSM_SUM_PARTS non-overlapping
** doubles), so adding and later subtracting the same numbers -- a sliding
** window frame -- gives back the exact sum of what remains. The fast path
** (hi and lo, two TwoSums a row) handles ordinary data; the expansion takes
** only what lo cannot hold exactly.
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
**   S4. When hi, lo or a part overflows the value is +-Inf or NaN: csm_sum_value is
**       then not finite, and callers report it (an overflow is an error,
**       never a silent NULL).
*/
#ifndef CSM_SUM_H
#define CSM_SUM_H

#include <math.h>
#include <string.h>

#define CSM_SUM_PARTS 8

typedef struct CsmSum {
  double hi, lo;           /* the fast path: the running sum and its error */
  double a[CSM_SUM_PARTS]; /* the rest, parts smallest magnitude first */
  int n;                   /* parts in use */
} CsmSum;

/* The rounded sum *pS and exact error *pErr of a + b (Knuth's TwoSum). */
static inline void csm_two_sum(double a, double b, double *pS, double *pErr) {
  double s = a + b;
  double bv = s - a;
  *pS = s;
  *pErr = (a - (s - bv)) + (b - bv); /* s + err == a + b exactly */
}

/* Adds x to the parts a[], exactly (S1): Shewchuk's Grow-Expansion with zero
** elimination (see sum.c). The slow path of csm_sum_add. */
static inline void csm_sum_grow(CsmSum *p, double x) {
  int m = 0;
  for (int i = 0; i < p->n; i++) {
    double err;
    csm_two_sum(x, p->a[i], &x, &err);
    if (err != 0.0) p->a[m++] = err; /* m <= i: writes only parts already read */
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

/* *p += x, exactly (S1): x goes into hi, hi's rounding error into lo, and
** only lo's rounding error, rare on ordinary data, into the parts. */
static inline void csm_sum_add(CsmSum *p, double x) {
  double err, err2;
  csm_two_sum(p->hi, x, &p->hi, &err);
  csm_two_sum(p->lo, err, &p->lo, &err2);
  if (err2 != 0.0) csm_sum_grow(p, err2);
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

/* True when an addition overflowed (S4): hi, lo, or the largest part (or
** the NaN that replaced it) is not finite. O(1), for a check per row. */
static inline int csm_sum_overflowed(const CsmSum *p) {
  return !isfinite(p->hi) || !isfinite(p->lo) || (p->n > 0 && !isfinite(p->a[p->n - 1]));
}

/* The value of the sum (S2). */
double csm_sum_value_slow(const CsmSum *p);
static inline double csm_sum_value(const CsmSum *p) {
  if (p->n == 0) return p->hi + p->lo; /* one rounding of the exact sum */
  return csm_sum_value_slow(p);
}

#endif /* CSM_SUM_H */
