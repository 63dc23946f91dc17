/*
** sum.c -- the compensated sum (see sum.h, requirements S1-S4).
**
** How it works: the exact sum is hi + lo + the parts a[]. Adding x is
** Knuth's TwoSum twice: hi takes the rounded hi + x, lo the rounded lo + its
** error, and only lo's own rounding error -- zero on ordinary data, whose
** errors are far above lo's last bit -- goes to the parts, by Shewchuk's
** Grow-Expansion with zero elimination (each pair of running value and part
** is replaced by its rounded sum and exact error; the errors that are not
** zero become the new parts). Every step is exact, so adding and removing
** the same numbers gives back the exact sum of what remains. A product is
** added as its rounded value and the rounding error given by fma(), which is
** exact. The per-row operations are inline in sum.h (they run once per row
** of nrr, grr, usage_velocity and pearson_corr) and cost two TwoSums.
*/
#include "sum.h"

/* Writes the terms whose exact sum is q -- the parts, lo and hi, smallest
** first -- to aOut; returns how many. */
static int sum_terms(const CsmSum *q, double aOut[CSM_SUM_PARTS + 2]) {
  int n = q->n;
  memcpy(aOut, q->a, (size_t)n * sizeof(double));
  aOut[n++] = q->lo;
  aOut[n++] = q->hi;
  return n;
}

double csm_sum_value_slow(const CsmSum *p) {
  /* hi and lo may overlap the parts: fold them into a copy of the
  ** expansion, exactly, so that the value rounds once in effect. */
  CsmSum c = *p;
  csm_sum_grow(&c, c.lo);
  csm_sum_grow(&c, c.hi);
  double v = 0.0;
  for (int i = 0; i < c.n; i++) v += c.a[i]; /* smallest first */
  return v;
}

void csm_sum_add_scaled(CsmSum *p, double k, const CsmSum *q) {
  double a[CSM_SUM_PARTS + 2];
  int n = sum_terms(q, a);
  for (int i = 0; i < n; i++) csm_sum_add_product(p, k, a[i]);
}

void csm_sum_sub_product(CsmSum *p, const CsmSum *q, const CsmSum *r) {
  double aQ[CSM_SUM_PARTS + 2], aR[CSM_SUM_PARTS + 2];
  int nQ = sum_terms(q, aQ), nR = sum_terms(r, aR);
  for (int i = 0; i < nQ; i++) {
    for (int j = 0; j < nR; j++) csm_sum_add_product(p, -aQ[i], aR[j]);
  }
}
