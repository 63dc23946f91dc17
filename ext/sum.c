/*
** sum.c -- the compensated sum (see sum.h, requirements S1-S4).
**
** How it works: Shewchuk's Grow-Expansion with zero elimination. Adding x
** walks the parts from the smallest, replacing each pair (running x, part)
** by its rounded sum and exact rounding error (Knuth's TwoSum); the errors
** that are not zero become the new parts. A product is added as its rounded
** value and the rounding error given by fma(), which is exact. Each step is
** O(parts), and a sum of ordinary data holds one to three parts. The
** per-row operations are inline in sum.h (they run once per row of nrr,
** grr and pearson_corr).
*/
#include "sum.h"

void csm_sum_add_scaled(CsmSum *p, double k, const CsmSum *q) {
  for (int i = 0; i < q->n; i++) csm_sum_add_product(p, k, q->a[i]);
}

void csm_sum_sub_product(CsmSum *p, const CsmSum *q, const CsmSum *r) {
  for (int i = 0; i < q->n; i++) {
    for (int j = 0; j < r->n; j++) csm_sum_add_product(p, -q->a[i], r->a[j]);
  }
}
