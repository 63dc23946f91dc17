/*
** sparkline.c -- sparkline(value), an aggregate and window function that
** draws its group (or window frame) as one line of block characters.
**
**   SELECT sparkline(v) FROM (VALUES (1), (5), (3), (NULL), (8));   -- ▁▅▃ █
**   SELECT account, score_date,
**          sparkline(health_score) OVER (PARTITION BY account ORDER BY score_date
**                                        ROWS 11 PRECEDING)
**     FROM health_history;
**
** How it works: the state is the frame's values in arrival order, a queue
** in one array (xStep appends at the back, xInverse drops the front, and
** the array compacts itself when it must grow). xValue and xFinal scan the
** queue twice: once for min and max, once to write the characters, so a
** frame of n rows costs O(n) per result row.
**
** Requirements:
**   1. One character per row, in arrival order: ▁▂▃▄▅▆▇█ indexed by
**      round(7 * (v - min) / (max - min)), min and max over the non-NULL
**      values of the group or frame; halves round away from zero (3.5 -> ▅).
**   2. When every non-NULL value is equal, each draws ▄.
**   3. A NULL value draws a space (an all-NULL group gives only spaces); no
**      rows at all gives NULL.
**   4. A value is a finite number or a number stored as text; anything else
**      is an error naming it.
*/
#include "array.h"
#include "csm_internal.h"
#include "errors.h"
#include "svg.h"

#include <math.h>
#include <string.h>

typedef struct SparkState {
  double *a;            /* values of the frame from a[iFirst] on; NAN for NULL */
  sqlite3_int64 iFirst; /* index of the oldest row still in the frame */
  sqlite3_int64 n;      /* one past the newest row */
  sqlite3_int64 nAlloc; /* entries allocated in a */
} SparkState;

/* The eight levels, each 3 bytes of UTF-8 (U+2581..U+2588). */
static const char spark_level[8][4] = {"\xE2\x96\x81", "\xE2\x96\x82", "\xE2\x96\x83",
                                       "\xE2\x96\x84", "\xE2\x96\x85", "\xE2\x96\x86",
                                       "\xE2\x96\x87", "\xE2\x96\x88"};

static void sparkline_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  double v;
  int rc = csm_arg_finite(ctx, argv[0], "sparkline", "value", &v); /* Requirement 4 */
  if (rc == CSM_INVALID) return;
  if (rc == CSM_NULL) v = NAN;
  SparkState *p = sqlite3_aggregate_context(ctx, (int)sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (p->n == p->nAlloc && p->iFirst > 0) {
    /* Reuse the slots of the rows that left the frame. */
    memmove(p->a, p->a + p->iFirst, (size_t)(p->n - p->iFirst) * sizeof(double));
    p->n -= p->iFirst;
    p->iFirst = 0;
  }
  if (csm_array_reserve((void **)&p->a, &p->nAlloc, p->n + 1, sizeof(double)) != SQLITE_OK) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  p->a[p->n++] = v;
}

/* Rows leave a ROWS or RANGE frame in the order they entered it. */
static void sparkline_inverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  SparkState *p = sqlite3_aggregate_context(ctx, 0);
  if (p && p->iFirst < p->n) p->iFirst++;
}

static void sparkline_value(sqlite3_context *ctx) {
  SparkState *p = sqlite3_aggregate_context(ctx, 0);
  if (p == 0 || p->iFirst == p->n) return; /* Requirement 3: no rows */
  double mn = INFINITY, mx = -INFINITY;
  for (sqlite3_int64 i = p->iFirst; i < p->n; i++) {
    if (isnan(p->a[i])) continue;
    if (p->a[i] < mn) mn = p->a[i];
    if (p->a[i] > mx) mx = p->a[i];
  }
  sqlite3_int64 nRow = p->n - p->iFirst;
  char *z = sqlite3_malloc64((sqlite3_uint64)nRow * 3);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_int64 nOut = 0;
  for (sqlite3_int64 i = p->iFirst; i < p->n; i++) {
    double v = p->a[i];
    if (isnan(v)) {
      z[nOut++] = ' '; /* Requirement 3 */
      continue;
    }
    int k = 3; /* Requirement 2: all equal */
    if (mx > mn) {
      /* Halved, so that mx - mn cannot overflow; halving is exact. */
      double t = (v / 2 - mn / 2) / (mx / 2 - mn / 2);
      k = (int)floor(7.0 * t + 0.5); /* Requirement 1 */
      if (k > 7) k = 7;
    }
    memcpy(z + nOut, spark_level[k], 3);
    nOut += 3;
  }
  sqlite3_result_text64(ctx, z, (sqlite3_uint64)nOut, sqlite3_free, SQLITE_UTF8);
}

static void sparkline_final(sqlite3_context *ctx) {
  sparkline_value(ctx);
  SparkState *p = sqlite3_aggregate_context(ctx, 0);
  if (p) sqlite3_free(p->a);
}

const CsmFunction sparkline_functions[] = {
    CSM_WINDOW("sparkline", 1, sparkline_step, sparkline_final, sparkline_value, sparkline_inverse,
               0),
    CSM_FUNCTION_END,
};
