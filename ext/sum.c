/*
** sum.c -- the compensated sum (see sum.h, requirements S1-S4).
**
** How it works: Shewchuk's Grow-Expansion with zero elimination. Adding x
** walks the parts from the smallest, replacing each pair (running x, part)
** by its rounded sum and exact rounding error (Knuth's TwoSum); the errors
** that are not zero become the new parts. A product is added as its rounded
** value and the rounding error given by fma(), which is exact. Each step is
** O(parts), and a sum of ordinary data holds one to three parts.
*/
#include "sum.h"

#include <math.h>
#include <string.h>

void csm_sum_add(CsmSum *p, double x) {
  int m = 0;
  for (int i = 0; i < p->n; i++) {
    double s = x + p->a[i];
    double bv = s - x;
    double err = (x - (s - bv)) + (p->a[i] - bv); /* s + err == x + a[i] exactly */
    if (err != 0.0) p->a[m++] = err;              /* m <= i: writes only parts already read */
    x = s;
  }
  if (x != 0.0 || !isfinite(x)) {
    if (m == CSM_SUM_PARTS) { /* S1: full, merge the two smallest parts */
      p->a[1] += p->a[0];
      memmove(p->a, p->a + 1, (size_t)(m - 1) * sizeof(double));
      m--;
    }
    p->a[m++] = x;
  }
  p->n = m;
}

void csm_sum_add_product(CsmSum *p, double x, double y) {
  double prod = x * y;
  if (isfinite(prod)) csm_sum_add(p, fma(x, y, -prod));
  csm_sum_add(p, prod);
}

void csm_sum_add_scaled(CsmSum *p, double k, const CsmSum *q) {
  for (int i = 0; i < q->n; i++) csm_sum_add_product(p, k, q->a[i]);
}

void csm_sum_sub_product(CsmSum *p, const CsmSum *q, const CsmSum *r) {
  for (int i = 0; i < q->n; i++) {
    for (int j = 0; j < r->n; j++) csm_sum_add_product(p, -q->a[i], r->a[j]);
  }
}

double csm_sum_value(const CsmSum *p) {
  double v = 0.0;
  for (int i = 0; i < p->n; i++) v += p->a[i]; /* smallest first: rounds once in effect */
  return v;
}
