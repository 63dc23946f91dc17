/*
** test_sum.c -- ext/sum.c and ext/array.c. The compensated sum against
** exact integer arithmetic: values are multiples of 2^-20 below 2^40, so
** their exact sums fit an int64 count of 2^-20 units; values are added and
** removed in sliding-window order among huge ones (1e30) that would swamp
** a plain double sum. Products are checked against __int128 arithmetic.
** The array: growth keeps contents; the binary search against a linear scan.
** Random cases come from unit_random(), the same on every run.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "sum.h"
#include "unit.h"

#define UNIT (1.0 / 1048576.0) /* 2^-20 */

static sqlite3_int64 random_units(void) {
  sqlite3_int64 k = (sqlite3_int64)(unit_random() % (1ULL << 50));
  return unit_random() % 2 ? k : -k;
}

static void test_window(void) {
  enum { N = 20000, W = 7 };
  static sqlite3_int64 aK[N];
  static double aHuge[N];
  CsmSum s;
  memset(&s, 0, sizeof(s));
  sqlite3_int64 exact = 0;
  int nBad = 0;
  for (int i = 0; i < N; i++) {
    aK[i] = random_units();
    aHuge[i] = unit_random() % 50 == 0 ? 1e30 * (double)(unit_random() % 7 + 1) : 0.0;
  }
  for (int i = 0; i < N; i++) {
    csm_sum_add(&s, (double)aK[i] * UNIT);
    csm_sum_add(&s, aHuge[i]);
    exact += aK[i];
    if (i >= W) {
      csm_sum_add(&s, -(double)aK[i - W] * UNIT);
      csm_sum_add(&s, -aHuge[i - W]);
      exact -= aK[i - W];
    }
    double hugeInFrame = 0;
    for (int j = i >= W ? i - W + 1 : 0; j <= i; j++) hugeInFrame += aHuge[j];
    if (hugeInFrame == 0 && csm_sum_value(&s) != (double)exact * UNIT) {
      if (nBad++ < 3) {
        printf("  row %d: %.17g, want %.17g\n", i, csm_sum_value(&s), (double)exact * UNIT);
      }
    }
  }
  CHECK(nBad == 0, "%d frames differ from the exact sum", nBad);
  CHECK(s.n <= CSM_SUM_PARTS, "parts %d", s.n);
}

static void test_products(void) {
  int nBad = 0;
  for (int t = 0; t < 2000; t++) {
    CsmSum s;
    memset(&s, 0, sizeof(s));
    __int128 exact = 0;
    for (int i = 0; i < 50; i++) {
      sqlite3_int64 a = random_units() >> 20, b = random_units() >> 20; /* 30-bit integers */
      int sign = i % 5 == 4 ? -1 : 1;
      csm_sum_add_product(&s, sign * (double)a, (double)b);
      exact += (__int128)sign * a * b;
    }
    if (csm_sum_value(&s) != (double)exact) nBad++;
  }
  CHECK(nBad == 0, "%d product sums differ from __int128", nBad);
  /* n * sAB - sA * sB for a = b = {1e9 + 1, 1e9 + 2, 1e9 + 3}: 3 * (sum of
  ** squares) - (sum)^2 = 3 * 2 = 6 times the variance 2/3... exactly 6. */
  CsmSum sA, sAA, c;
  memset(&sA, 0, sizeof(sA));
  memset(&sAA, 0, sizeof(sAA));
  memset(&c, 0, sizeof(c));
  for (int i = 1; i <= 3; i++) {
    csm_sum_add(&sA, 1e9 + i);
    csm_sum_add_product(&sAA, 1e9 + i, 1e9 + i);
  }
  csm_sum_add_scaled(&c, 3.0, &sAA);
  csm_sum_sub_product(&c, &sA, &sA);
  CHECK(csm_sum_value(&c) == 6.0, "co-moment far from 0: %.17g", csm_sum_value(&c));
  /* S4: overflow shows as a value that is not finite. */
  CsmSum o;
  memset(&o, 0, sizeof(o));
  csm_sum_add(&o, 1.5e308);
  csm_sum_add(&o, 1.5e308);
  CHECK(!isfinite(csm_sum_value(&o)), "overflow is not finite: %g", csm_sum_value(&o));
}

static int below_int(const void *pCtx, sqlite3_int64 i) { return ((const int *)pCtx)[i] < 50; }

static void test_array(void) {
  double *a = 0;
  sqlite3_int64 n = 0, nAlloc = 0;
  int nBad = 0;
  for (int i = 0; i < 10000; i++) {
    if (csm_array_reserve((void **)&a, &nAlloc, n + 1, sizeof(*a)) != SQLITE_OK) nBad++;
    a[n++] = floor(i / 3.0); /* ascending with runs of 3 */
  }
  CHECK(nBad == 0 && nAlloc >= n, "reserve: %d failures, %lld allocated", nBad, (long long)nAlloc);
  for (sqlite3_int64 i = 0; i < n; i++) nBad += a[i] != floor((double)i / 3.0);
  CHECK(nBad == 0, "growth kept the contents");
  for (int k = 0; k < 6684; k++) {
    double x = -2 + 0.5 * k;
    sqlite3_int64 lt = 0, le = 0;
    for (sqlite3_int64 i = 0; i < n; i++) {
      lt += a[i] < x;
      le += a[i] <= x;
    }
    nBad += csm_lower_bound_double(a, n, x, 0) != lt || csm_lower_bound_double(a, n, x, 1) != le;
  }
  CHECK(nBad == 0, "lower bounds differ from a linear scan %d times", nBad);
  sqlite3_free(a);
  sqlite3_int64 ai[5] = {-3, 0, 0, 7, 9};
  CHECK(csm_lower_bound_i64(ai, 5, 0) == 1 && csm_lower_bound_i64(ai, 5, 8) == 4 &&
            csm_lower_bound_i64(ai, 5, 10) == 5 && csm_lower_bound_i64(ai, 0, 1) == 0,
        "i64 lower bounds");
  int aInt[100];
  for (int i = 0; i < 100; i++) aInt[i] = i;
  CHECK(csm_partition_point(10, 90, below_int, aInt) == 50, "partition point in a range");
}

/* Numbers spread over 100 bits of magnitude, so that lo's rounding errors
** reach the parts (the slow path): every running value is the exact sum,
** kept as an integer count of 2^-100, rounded once. */
static void test_wide_span(void) {
  int nBad = 0, nMaxParts = 0;
  for (int t = 0; t < 200; t++) {
    CsmSum s;
    memset(&s, 0, sizeof(s));
    __int128 exact = 0; /* in units of 2^-100 */
    for (int i = 0; i < 200; i++) {
      sqlite3_int64 k = random_units() >> 30; /* up to 2^20 */
      int e = (int)(unit_random() % 101);
      int sign = unit_random() % 3 == 0 ? -1 : 1;
      csm_sum_add(&s, sign * ldexp((double)k, e - 100));
      exact += (__int128)sign * k * ((__int128)1 << e);
      if (s.n > nMaxParts) nMaxParts = s.n;
      if (csm_sum_value(&s) != ldexp((double)exact, -100)) nBad++;
    }
  }
  CHECK(nBad == 0, "%d running sums differ from the exact sum", nBad);
  CHECK(nMaxParts > 0, "the parts were never used");
}

int main(void) {
  test_window();
  test_products();
  test_array();
  test_wide_span();
  return unit_report();
}
