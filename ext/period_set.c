/*
** period_set.c -- the per-entity set of units (see period_set.h,
** requirements P1-P4): the adds that leave the inline fast path (a first
** unit, a bitmap re-anchored or spilled to a log, the log itself),
** finishing and freeing.
*/
#include "period_set.h"

#include <stdlib.h>
#include <string.h>

/* The highest unit of a non-empty bitmap. */
static int period_bits_high(const CsmPeriodSet *p) {
  if (p->u.aBit[1] != 0) return p->lo + 127 - __builtin_clzll(p->u.aBit[1]);
  return p->lo + 63 - __builtin_clzll(p->u.aBit[0]);
}

static int period_cell_cmp(const void *a, const void *b) {
  const CsmPeriodCell *x = a, *y = b;
  return (x->unit > y->unit) - (x->unit < y->unit);
}

/* Sorts p's log and merges the cells of one unit (P1). */
static void period_log_compact(CsmPeriodSet *p, CsmPeriodMode mode) {
  CsmPeriodCell *a = p->u.log.a;
  int j = 0;
  qsort(a, (size_t)p->n, sizeof(CsmPeriodCell), period_cell_cmp);
  for (int i = 0; i < p->n; i++) {
    if (j > 0 && a[j - 1].unit == a[i].unit) {
      csm_period_cell_fold(&a[j - 1], &a[i], mode);
    } else {
      a[j++] = a[i];
    }
  }
  p->n = p->u.log.nSorted = j;
  p->lo = a[j - 1].unit;
}

/* Appends a cell for a unit other than the last one added (or the first)
** to p's log. P3: the tail is merged in when it outgrows the sorted prefix,
** so each cell is sorted O(1) times amortised; P2: the log holds at most
** about twice the distinct units. Returns SQLITE_OK or SQLITE_NOMEM. */
static int period_log_add(CsmPeriodSet *p, int unit, int day, double v, CsmPeriodMode mode) {
  if (p->n == p->u.log.nAlloc) {
    int nAlloc = p->u.log.nAlloc ? 2 * p->u.log.nAlloc : 4;
    CsmPeriodCell *aNew =
        sqlite3_realloc64(p->u.log.a, (sqlite3_uint64)nAlloc * sizeof(CsmPeriodCell));
    if (aNew == 0) return SQLITE_NOMEM;
    p->u.log.a = aNew;
    p->u.log.nAlloc = nAlloc;
  }
  if (p->n == p->u.log.nSorted && (p->n == 0 || unit > p->lo)) p->u.log.nSorted++;
  p->u.log.a[p->n].unit = unit;
  p->u.log.a[p->n].day = day;
  p->u.log.a[p->n].v = v;
  p->u.log.a[p->n].lo = 0.0;
  p->lo = unit;
  p->n++;
  if (p->n - p->u.log.nSorted > p->u.log.nSorted + 8) period_log_compact(p, mode);
  return SQLITE_OK;
}

/* Turns p's bitmap into a sorted log of the same units, with room for
** twice as many (P2). Returns SQLITE_OK or SQLITE_NOMEM (P4: p unchanged). */
static int period_spill(CsmPeriodSet *p) {
  int nUnit = __builtin_popcountll(p->u.aBit[0]) + __builtin_popcountll(p->u.aBit[1]);
  CsmPeriodCell *a = sqlite3_malloc64((sqlite3_uint64)(2 * nUnit) * sizeof(CsmPeriodCell));
  CsmPeriodIter it;
  const CsmPeriodCell *c;
  int n = 0;
  if (a == 0) return SQLITE_NOMEM;
  for (csm_period_iter_init(&it, p); (c = csm_period_iter_next(&it)) != 0;) a[n++] = *c;
  p->u.log.a = a;
  p->u.log.nSorted = n;
  p->u.log.nAlloc = 2 * nUnit;
  p->n = n;
  p->lo = a[n - 1].unit;
  return SQLITE_OK;
}

int csm_period_set_add_slow(CsmPeriodSet *p, int unit, int day, double v, CsmPeriodMode mode) {
  if (p->n == 0 && mode == CSM_PERIOD_UNITS) {
    if (p->u.aBit[0] == 0) { /* the first unit */
      p->lo = unit;
      p->u.aBit[0] = 1;
      p->u.aBit[1] = 0;
      return SQLITE_OK;
    }
    if (unit < p->lo && (sqlite3_int64)period_bits_high(p) - unit < CSM_PERIOD_BITS) {
      /* Re-anchored at the new lowest unit: the bits move up by s. */
      int s = p->lo - unit;
      if (s >= 64) {
        p->u.aBit[1] = p->u.aBit[0] << (s - 64);
        p->u.aBit[0] = 0;
      } else {
        p->u.aBit[1] = (p->u.aBit[1] << s) | (p->u.aBit[0] >> (64 - s));
        p->u.aBit[0] <<= s;
      }
      p->u.aBit[0] |= 1;
      p->lo = unit;
      return SQLITE_OK;
    }
    if (period_spill(p) != SQLITE_OK) return SQLITE_NOMEM; /* the span passes 128 */
  }
  /* A log (a zero-filled record is an empty one: no cells, none allocated). */
  return period_log_add(p, unit, day, v, mode);
}

void csm_period_set_finish(CsmPeriodSet *p, CsmPeriodMode mode) {
  if (p->n > 0 && p->n != p->u.log.nSorted) period_log_compact(p, mode);
}

int csm_period_set_first(const CsmPeriodSet *p) { return p->n > 0 ? p->u.log.a[0].unit : p->lo; }

int csm_period_set_count(const CsmPeriodSet *p) {
  return p->n > 0 ? p->n : __builtin_popcountll(p->u.aBit[0]) + __builtin_popcountll(p->u.aBit[1]);
}

void csm_period_set_free(CsmPeriodSet *p) {
  if (p->n > 0) sqlite3_free(p->u.log.a);
  memset(p, 0, sizeof(*p));
}
