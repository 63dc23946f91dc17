/*
** test_period_set.c -- ext/period_set.c against a brute-force oracle
** (requirements P1-P4). Random sequences of adds -- narrow spans that stay
** in the inline bitmap, spans just past its 128 units, wide spans, the
** extremes of the calendar; in time order, reversed, shuffled and mostly
** in order; in each mode -- are applied to a set, and its cells must equal
** the distinct units computed by a plain scan of all the adds (values are
** small integers, so sums are exact in any order). The form is checked
** too: a units-only set whose span fits 128 must still be a bitmap, any
** other set a log, with at most 4 cells allocated per distinct unit plus
** 20 (P2). Then the switch step by step (re-anchoring down, the 128th
** unit, the spill), and out-of-memory during a spill and a log growth,
** with SQLite's allocator replaced by one that fails on request (P4).
** Random cases come from unit_random(), the same on every run.
*/
#include <stdlib.h>
#include <string.h>

#include "period_set.h"
#include "unit.h"

#define MAX_ADD 400

typedef struct Add {
  int unit, day;
  double v;
} Add;

/* The expected cells of the adds a[0..n) in mode: ascending distinct
** units with their merged values, into aOut; returns their number. */
static int oracle(const Add *a, int n, CsmPeriodMode mode, CsmPeriodCell *aOut) {
  int nOut = 0;
  for (;;) {
    /* the smallest unit above the last one output */
    int bFound = 0, u = 0;
    for (int i = 0; i < n; i++) {
      if ((nOut == 0 || a[i].unit > aOut[nOut - 1].unit) && (!bFound || a[i].unit < u)) {
        u = a[i].unit;
        bFound = 1;
      }
    }
    if (!bFound) return nOut;
    CsmPeriodCell c = {u, 0, 0.0, 0.0};
    if (mode == CSM_PERIOD_LAST) {
      int bDay = 0;
      for (int i = 0; i < n; i++) {
        if (a[i].unit == u && (!bDay || a[i].day > c.day)) {
          c.day = a[i].day;
          bDay = 1;
        }
      }
    }
    for (int i = 0; i < n && mode != CSM_PERIOD_UNITS; i++) {
      if (a[i].unit == u && (mode == CSM_PERIOD_SUM || a[i].day == c.day)) c.v += a[i].v;
    }
    aOut[nOut++] = c;
  }
}

/* Draws n adds whose units lie in [base, base + span], in `order`: 0
** ascending, 1 descending, 2 shuffled, 3 ascending with a few swaps. */
static void draw(Add *a, int n, int base, int span, int order) {
  for (int i = 0; i < n; i++) {
    a[i].unit = base + (int)(unit_random() % (unsigned)(span + 1));
    a[i].day = (int)(unit_random() % 5); /* few days: ties on the latest are common */
    a[i].v = (double)(int)(unit_random() % 21) - 10.0;
  }
  for (int i = 1; i < n; i++) { /* insertion sort, ascending (descending for order 1) */
    Add t = a[i];
    int j = i;
    for (; j > 0 && (order == 1 ? a[j - 1].unit < t.unit : a[j - 1].unit > t.unit); j--) {
      a[j] = a[j - 1];
    }
    a[j] = t;
  }
  for (int i = 0; order >= 2 && i < n; i++) {
    if (order == 3 && unit_random() % 10 != 0) continue;
    int j = order == 2 ? i + (int)(unit_random() % (unsigned)(n - i)) /* Fisher-Yates */
                       : (int)(unit_random() % (unsigned)n);
    Add t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

static void test_random(void) {
  static const int aSpan[] = {0, 1, 63, 64, 100, 127, 128, 129, 200, 1000, 3652424};
  static Add a[MAX_ADD];
  static CsmPeriodCell aWant[MAX_ADD];
  int nCase = 0, nBad = 0, nBitmap = 0, nSpilled = 0;
  for (int t = 0; t < 3000; t++) {
    CsmPeriodMode mode = (CsmPeriodMode)(t % 3);
    int span = aSpan[unit_random() % (sizeof(aSpan) / sizeof(aSpan[0]))];
    int n = 1 + (int)(unit_random() % MAX_ADD);
    int base = span > 100000 ? -719528 : (int)(unit_random() % 50000) - 25000;
    int order = (int)(unit_random() % 4);
    CsmPeriodSet s;
    int bWasBitmap = 0;
    draw(a, n, base, span, order);
    memset(&s, 0, sizeof(s));
    for (int i = 0; i < n; i++) {
      if (csm_period_set_add(&s, a[i].unit, a[i].day, a[i].v, mode) != SQLITE_OK) {
        printf("  case %d: add failed\n", t);
        nBad++;
        break;
      }
      bWasBitmap |= s.n == 0;
    }
    csm_period_set_finish(&s, mode);
    int nWant = oracle(a, n, mode, aWant);
    int lo = aWant[0].unit, hi = aWant[nWant - 1].unit;
    int bWantBitmap = mode == CSM_PERIOD_UNITS && hi - lo < CSM_PERIOD_BITS;
    CsmPeriodIter it;
    const CsmPeriodCell *c;
    int k = 0, bSame = 1;
    for (csm_period_iter_init(&it, &s); (c = csm_period_iter_next(&it)) != 0; k++) {
      if (k >= nWant || c->unit != aWant[k].unit ||
          (mode == CSM_PERIOD_LAST && c->day != aWant[k].day) ||
          (mode != CSM_PERIOD_UNITS && c->v != aWant[k].v)) {
        bSame = 0;
        break;
      }
    }
    bSame &= k == nWant && csm_period_set_first(&s) == lo;
    bSame &= (s.n == 0) == bWantBitmap;
    bSame &= s.n == 0 || s.u.log.nAlloc <= 4 * nWant + 20; /* P2 */
    if (!bSame) {
      if (nBad < 5) {
        printf("  case %d: mode %d span %d order %d adds %d: %d cells (want %d), form %s\n", t,
               (int)mode, span, order, n, k, nWant, s.n == 0 ? "bitmap" : "log");
      }
      nBad++;
    }
    nBitmap += s.n == 0 && nWant > 1;
    nSpilled += s.n > 0 && bWasBitmap && mode == CSM_PERIOD_UNITS;
    nCase++;
    csm_period_set_free(&s);
  }
  CHECK(nBad == 0, "%d of %d random cases differ from the oracle", nBad, nCase);
  CHECK(nBitmap > 100 && nSpilled > 100, "forms covered: %d bitmaps, %d spills", nBitmap, nSpilled);
}

/* The units of s, as "u u u ..." with its form, for exact checks. */
static const char *units_of(const CsmPeriodSet *s) {
  static char z[512];
  CsmPeriodIter it;
  const CsmPeriodCell *c;
  int n = (int)strlen(sqlite3_snprintf(sizeof(z), z, "%s:", s->n == 0 ? "bitmap" : "log"));
  for (csm_period_iter_init(&it, s); (c = csm_period_iter_next(&it)) != 0;) {
    n += (int)strlen(sqlite3_snprintf((int)sizeof(z) - n, z + n, " %d", c->unit));
  }
  return z;
}

static void test_switch(void) {
  CsmPeriodSet s;
  memset(&s, 0, sizeof(s));
  CHECK(strcmp(units_of(&s), "bitmap:") == 0, "empty: %s", units_of(&s));
  csm_period_set_add(&s, 100, 0, 0, CSM_PERIOD_UNITS);
  csm_period_set_add(&s, 163, 0, 0, CSM_PERIOD_UNITS);
  csm_period_set_add(&s, 164, 0, 0, CSM_PERIOD_UNITS); /* the second word */
  CHECK(strcmp(units_of(&s), "bitmap: 100 163 164") == 0, "%s", units_of(&s));
  csm_period_set_add(&s, 50, 0, 0, CSM_PERIOD_UNITS); /* re-anchored down by 50 */
  CHECK(strcmp(units_of(&s), "bitmap: 50 100 163 164") == 0, "%s", units_of(&s));
  csm_period_set_add(&s, 177, 0, 0, CSM_PERIOD_UNITS); /* 177 - 50 = 127: the last bit */
  CHECK(strcmp(units_of(&s), "bitmap: 50 100 163 164 177") == 0, "%s", units_of(&s));
  csm_period_set_add(&s, 37, 0, 0, CSM_PERIOD_UNITS); /* 177 - 37 = 140: too wide */
  CHECK(s.n == 6 && s.u.log.nSorted == 5, "spilled: %d cells, %d sorted", s.n, s.u.log.nSorted);
  csm_period_set_add(&s, 100, 0, 0, CSM_PERIOD_UNITS); /* a repeat in the tail */
  csm_period_set_finish(&s, CSM_PERIOD_UNITS);
  CHECK(strcmp(units_of(&s), "log: 37 50 100 163 164 177") == 0, "%s", units_of(&s));
  csm_period_set_free(&s);

  /* Re-anchored by exactly one word. */
  csm_period_set_add(&s, 100, 0, 0, CSM_PERIOD_UNITS);
  csm_period_set_add(&s, 101, 0, 0, CSM_PERIOD_UNITS);
  csm_period_set_add(&s, 36, 0, 0, CSM_PERIOD_UNITS);
  CHECK(strcmp(units_of(&s), "bitmap: 36 100 101") == 0, "%s", units_of(&s));
  csm_period_set_free(&s);

  /* One row at 0000-01-01 and one at 9999-12-31, by day: two cells (P2). */
  csm_period_set_add(&s, -719528, 0, 0, CSM_PERIOD_UNITS);
  csm_period_set_add(&s, 2932896, 0, 0, CSM_PERIOD_UNITS);
  CHECK(strcmp(units_of(&s), "log: -719528 2932896") == 0 && s.u.log.nAlloc == 2, "%s, %d cells",
        units_of(&s), s.u.log.nAlloc);
  csm_period_set_free(&s);
  CHECK(s.n == 0 && s.u.aBit[0] == 0, "freed set is empty");

  /* A value mode is a log from its first unit; repeats of the last unit merge. */
  csm_period_set_add(&s, 7, 3, 1.5, CSM_PERIOD_LAST);
  csm_period_set_add(&s, 7, 2, 100.0, CSM_PERIOD_LAST); /* an earlier day: ignored */
  csm_period_set_add(&s, 7, 3, 2.0, CSM_PERIOD_LAST);   /* the same day: summed */
  csm_period_set_finish(&s, CSM_PERIOD_LAST);
  CHECK(s.n == 1 && s.u.log.a[0].unit == 7 && s.u.log.a[0].day == 3 && s.u.log.a[0].v == 3.5,
        "last: %d cells, day %d, v %g", s.n, s.u.log.a[0].day, s.u.log.a[0].v);
  csm_period_set_free(&s);
}

/* ---- P4: out of memory ---------------------------------------------------- */

static sqlite3_mem_methods gOrig;
static int gnFail; /* allocations left before the next one fails; < 0: none fail */

static void *fail_malloc(int n) {
  if (gnFail == 0) return 0;
  if (gnFail > 0) gnFail--;
  return gOrig.xMalloc(n);
}
static void *fail_realloc(void *p, int n) {
  if (gnFail == 0) return 0;
  if (gnFail > 0) gnFail--;
  return gOrig.xRealloc(p, n);
}

static void test_nomem(void) {
  CsmPeriodSet s;
  memset(&s, 0, sizeof(s));
  csm_period_set_add(&s, 10, 0, 0, CSM_PERIOD_UNITS);
  csm_period_set_add(&s, 20, 0, 0, CSM_PERIOD_UNITS);
  gnFail = 0;
  int rc = csm_period_set_add(&s, 500, 0, 0, CSM_PERIOD_UNITS); /* the spill fails */
  gnFail = -1;
  CHECK(rc == SQLITE_NOMEM && strcmp(units_of(&s), "bitmap: 10 20") == 0, "spill: rc %d, %s", rc,
        units_of(&s));
  CHECK(csm_period_set_add(&s, 500, 0, 0, CSM_PERIOD_UNITS) == SQLITE_OK &&
            strcmp(units_of(&s), "log: 10 20 500") == 0,
        "after: %s", units_of(&s));
  for (int u = 600; s.n < s.u.log.nAlloc; u++) csm_period_set_add(&s, u, 0, 0, CSM_PERIOD_UNITS);
  int n = s.n;
  gnFail = 0;
  rc = csm_period_set_add(&s, 10000, 0, 0, CSM_PERIOD_UNITS); /* the log's growth fails */
  gnFail = -1;
  CHECK(rc == SQLITE_NOMEM && s.n == n, "growth: rc %d, %d cells (had %d)", rc, s.n, n);
  csm_period_set_free(&s); /* ASan: nothing leaked, nothing freed twice */
}

int main(void) {
  sqlite3_mem_methods m;
  gnFail = -1;
  if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &gOrig) != SQLITE_OK) return 2;
  m = gOrig;
  m.xMalloc = fail_malloc;
  m.xRealloc = fail_realloc;
  if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK) return 2;
  test_random();
  test_switch();
  test_nomem();
  return unit_report();
}
