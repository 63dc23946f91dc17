/*
** test_stats.c -- golden values for ext/stats.c. The Wilson and Newcombe
** figures are the published ones (Newcombe 1998, Statistics in Medicine
** 17: 81/263 -> 0.2553..0.3662; 56/70 - 48/80 -> 0.0524..0.3339); the
** p-values were computed independently with Python's math.erfc.
*/
#include <math.h>

#include "stats.h"
#include "unit.h"

static int near(double a, double b, double tol) { return fabs(a - b) <= tol; }

int main(void) {
  double lo, hi, p;
  csm_wilson(81, 263, &lo, &hi);
  CHECK(near(lo, 0.2553, 5e-5) && near(hi, 0.3662, 5e-5), "wilson 81/263: %.6f %.6f", lo, hi);
  csm_wilson(90, 120, &lo, &hi);
  CHECK(near(lo, 0.665588633358744, 1e-12) && near(hi, 0.8189017834319043, 1e-12),
        "wilson 90/120: %.15f %.15f", lo, hi);
  csm_wilson(0, 10, &lo, &hi);
  CHECK(lo == 0.0 && near(hi, 0.27753279986288, 1e-10), "wilson 0/10: %.15f %.15f", lo, hi);
  csm_wilson(10, 10, &lo, &hi);
  CHECK(hi == 1.0 && near(lo, 0.72246720013712, 1e-10), "wilson 10/10: %.15f %.15f", lo, hi);
  csm_wilson(1, 1, &lo, &hi);
  CHECK(lo >= 0.0 && hi == 1.0, "wilson 1/1 in [0,1]: %.15f %.15f", lo, hi);

  csm_newcombe(56, 70, 48, 80, &lo, &hi);
  CHECK(near(lo, 0.0524, 5e-5) && near(hi, 0.3339, 5e-5), "newcombe: %.6f %.6f", lo, hi);
  csm_newcombe(5, 10, 5, 10, &lo, &hi);
  CHECK(near(lo, -hi, 1e-15) && hi > 0, "newcombe symmetric: %.15f %.15f", lo, hi);

  p = csm_two_proportion_p(56, 70, 48, 80);
  CHECK(near(p, 0.008045081368196568, 1e-12), "z-test: %.17g", p);
  p = csm_two_proportion_p(5, 10, 5, 10);
  CHECK(p == 1.0, "z-test of equal rates: %.17g", p);
  CHECK(isnan(csm_two_proportion_p(0, 10, 0, 20)), "pooled rate 0: undefined");
  CHECK(isnan(csm_two_proportion_p(10, 10, 20, 20)), "pooled rate 1: undefined");
  return unit_report();
}
