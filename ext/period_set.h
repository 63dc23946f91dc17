/*
** period_set.h -- the set of units (periods, or months) one entity was seen
** in, with a value per unit when asked: cohort_retention's per-entity state.
**
**   CsmPeriodSet s;
**   memset(&s, 0, sizeof(s));                        // zero-filled: empty
**   while (row) {
**     if (csm_period_set_add(&s, unit, day, v, CSM_PERIOD_UNITS)) goto nomem;
**   }
**   csm_period_set_finish(&s, CSM_PERIOD_UNITS);     // after the last add
**   CsmPeriodIter it;
**   const CsmPeriodCell *c;
**   for (csm_period_iter_init(&it, &s); (c = csm_period_iter_next(&it)) != 0;) {
**     ... c->unit ascending (c->day, c->v with a value mode) ...
**   }
**   csm_period_set_free(&s);
**
** How it works. The record is 24 bytes and holds one of two forms:
**   - an inline bitmap of 128 units from its lowest unit (n == 0): used
**     while the mode is CSM_PERIOD_UNITS and the units span at most 128
**     (a monthly or weekly cohort over two years). Adding a unit sets a bit
**     in the record itself: no other memory is touched. A unit below the
**     lowest shifts the bits when the span still fits.
**   - a log of cells (24 bytes each, n > 0): a prefix sorted by unit, then a tail in
**     arrival order, sorted and merged when it outgrows the prefix. Used
**     from the first add with a value mode, and from the add that makes a
**     bitmap's span exceed 128 (the set "spills": its bits become cells).
** The mode (none, sum, or latest day) is the caller's, the same on every
** call for one set; it is not stored, to keep the record small.
**
** Requirements:
**   P1. After csm_period_set_finish, iteration visits each distinct unit
**       added exactly once, in increasing order; with CSM_PERIOD_SUM its
**       v + lo is the sum of the v added with it, with CSM_PERIOD_LAST its
**       day is the latest day added with it and v + lo the sum of the v
**       added with that day -- whatever the order of the adds. v + lo is
**       a double-double (TwoSum: lo gathers the rounding errors of v), so
**       the sum is exact, and so independent of the order of the adds,
**       while it fits in about 106 bits -- any realistic data (cents over
**       centuries of revenue); beyond, lo's own rounding may move the last
**       bit. Readers add v and lo into one exact sum (sum.h).
**   P2. Memory is the record plus, for a log, at most about twice the
**       distinct units (24 bytes each): never proportional to the span of
**       the units (one unit at 0000-01-01 and one at 9999-12-31 by day are
**       two cells).
**   P3. An add is O(1) in the bitmap and amortised O(log n) in the log,
**       whatever the order of the adds.
**   P4. On SQLITE_NOMEM the set is unchanged and can still be freed.
*/
#ifndef CSM_PERIOD_SET_H
#define CSM_PERIOD_SET_H

#include "csm_internal.h"
#include "sum.h"

/* What a set keeps per unit (the same mode on every call for one set). */
typedef enum CsmPeriodMode {
  CSM_PERIOD_UNITS = 0, /* only the units: the bitmap while the span allows */
  CSM_PERIOD_SUM = 1,   /* per unit, the sum of the values */
  CSM_PERIOD_LAST = 2   /* per unit, the latest day and the sum on that day */
} CsmPeriodMode;

#define CSM_PERIOD_BITS 128 /* units the inline bitmap spans */

/* One unit of a set: day means something only with CSM_PERIOD_LAST, v
** only with a value mode. */
typedef struct CsmPeriodCell {
  int unit;  /* period index, or month index */
  int day;   /* CSM_PERIOD_LAST: the latest day added with the unit */
  double v;  /* the sum of the values (on day, for CSM_PERIOD_LAST), rounded */
  double lo; /* the rounding errors of the additions into v (P1) */
} CsmPeriodCell;

typedef struct CsmPeriodSet {
  int lo; /* bitmap: the lowest unit (bit 0, set unless the set is empty);
          ** log: the unit of the cell added last */
  int n;  /* 0: the bitmap form; else the cells in the log */
  union {
    sqlite3_uint64 aBit[2]; /* bit k of the 128: unit lo + k is in the set */
    struct {
      CsmPeriodCell *a; /* the cells: a[0..nSorted) by increasing unit, then a tail */
      int nSorted;      /* cells of the sorted prefix */
      int nAlloc;       /* cells allocated */
    } log;
  } u;
} CsmPeriodSet;

/* Merges a row of day `day` and value v into cell c by mode (P1); exact,
** so the order of the merges does not matter. */
static inline void csm_period_cell_merge(CsmPeriodCell *c, int day, double v, CsmPeriodMode mode) {
  if (mode == CSM_PERIOD_SUM || (mode == CSM_PERIOD_LAST && day == c->day)) {
    double err;
    csm_two_sum(c->v, v, &c->v, &err);
    c->lo += err;
  } else if (mode == CSM_PERIOD_LAST && day > c->day) {
    c->day = day;
    c->v = v;
    c->lo = 0.0;
  }
}

/* Merges cell x (of the same unit) into c: its v, then its lo. */
static inline void csm_period_cell_fold(CsmPeriodCell *c, const CsmPeriodCell *x,
                                        CsmPeriodMode mode) {
  csm_period_cell_merge(c, x->day, x->v, mode);
  if (x->lo != 0.0) csm_period_cell_merge(c, x->day, x->lo, mode);
}

/* The adds that do not fit the fast path of csm_period_set_add. */
int csm_period_set_add_slow(CsmPeriodSet *p, int unit, int day, double v, CsmPeriodMode mode);

/* Adds a row of day `day` and value v (used only by the value modes) in
** unit `unit` to p. Returns SQLITE_OK or SQLITE_NOMEM (P4). The usual adds
** -- a unit within the bitmap, or the unit added last -- are inline. */
static inline int csm_period_set_add(CsmPeriodSet *p, int unit, int day, double v,
                                     CsmPeriodMode mode) {
  if (p->n == 0) {
    sqlite3_uint64 k = (sqlite3_uint64)((sqlite3_int64)unit - p->lo); /* below lo: huge */
    if (k < CSM_PERIOD_BITS && p->u.aBit[0] != 0) {
      p->u.aBit[k >> 6] |= (sqlite3_uint64)1 << (k & 63);
      return SQLITE_OK;
    }
  } else if (unit == p->lo) {
    csm_period_cell_merge(&p->u.log.a[p->n - 1], day, v, mode);
    return SQLITE_OK;
  }
  return csm_period_set_add_slow(p, unit, day, v, mode);
}

/* Starts loading the memory the next add to p will likely touch (the end
** of its log; a bitmap lives in the record). */
static inline void csm_period_set_prefetch(const CsmPeriodSet *p) {
  if (p->n > 0) __builtin_prefetch(&p->u.log.a[p->n - 1]);
}

/* Sorts and merges p's log, once all units are added (P1); iteration and
** csm_period_set_first need it. */
void csm_period_set_finish(CsmPeriodSet *p, CsmPeriodMode mode);

/* The lowest unit of a finished, non-empty set. */
int csm_period_set_first(const CsmPeriodSet *p);

/* The number of distinct units of a finished set. */
int csm_period_set_count(const CsmPeriodSet *p);

/* Frees the log (the record itself is the caller's) and empties p. */
void csm_period_set_free(CsmPeriodSet *p);

/* Iteration over a finished set; p must not change meanwhile. */
typedef struct CsmPeriodIter {
  const CsmPeriodSet *p;
  int i;               /* log: the next cell; bitmap: the word of bits */
  sqlite3_uint64 bits; /* bitmap: the bits of word i not visited yet */
  CsmPeriodCell cell;  /* bitmap: the cell returned */
} CsmPeriodIter;

static inline void csm_period_iter_init(CsmPeriodIter *it, const CsmPeriodSet *p) {
  it->p = p;
  it->i = 0;
  it->bits = p->n == 0 ? p->u.aBit[0] : 0;
  it->cell.unit = it->cell.day = 0;
  it->cell.v = it->cell.lo = 0.0;
}

/* The next cell in increasing unit order, or 0 after the last (P1). The
** cell stays valid until the next call. */
static inline const CsmPeriodCell *csm_period_iter_next(CsmPeriodIter *it) {
  const CsmPeriodSet *p = it->p;
  if (p->n > 0) return it->i < p->n ? &p->u.log.a[it->i++] : 0;
  while (it->bits == 0) {
    if (it->i == 1) return 0;
    it->bits = p->u.aBit[++it->i];
  }
  it->cell.unit = p->lo + 64 * it->i + __builtin_ctzll(it->bits);
  it->bits &= it->bits - 1;
  return &it->cell;
}

#endif /* CSM_PERIOD_SET_H */
