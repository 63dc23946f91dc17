/*
** stats.c -- interval estimates and the z-test of two proportions (see
** stats.h for the contracts).
**
**   csm_wilson(81, 263)            -> [0.2553, 0.3662]
**   csm_newcombe(56, 70, 48, 80)   -> [0.0524, 0.3339]   (Newcombe 1998, example (a))
**
** Requirements: S1 Wilson bounds stay in [0, 1] and are exact at k = 0
** and k = n; S2 Newcombe's interval is d -+ sqrt of the squared distances
** to the opposite Wilson bounds; S3 the z-test is undefined (NAN) when the
** pooled rate is 0 or 1.
*/
#include "stats.h"

#include <math.h>

void csm_wilson(double k, double n, double *pLow, double *pHigh) {
  double z2 = CSM_Z95 * CSM_Z95, p = k / n;
  double denom = 1.0 + z2 / n;
  double center = (p + z2 / (2.0 * n)) / denom;
  double half = CSM_Z95 * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom;
  /* S1: the exact bounds at k = 0 and k = n, without rounding noise. */
  *pLow = k <= 0 ? 0.0 : fmax(0.0, center - half);
  *pHigh = k >= n ? 1.0 : fmin(1.0, center + half);
}

void csm_newcombe(double k1, double n1, double k2, double n2, double *pLow, double *pHigh) {
  double p1 = k1 / n1, p2 = k2 / n2, l1, u1, l2, u2;
  csm_wilson(k1, n1, &l1, &u1);
  csm_wilson(k2, n2, &l2, &u2);
  double d = p1 - p2; /* S2 */
  *pLow = d - sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
  *pHigh = d + sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
}

double csm_two_proportion_p(double k1, double n1, double k2, double n2) {
  double pool = (k1 + k2) / (n1 + n2);
  if (!(pool > 0.0 && pool < 1.0)) return NAN; /* S3 */
  double z = (k1 / n1 - k2 / n2) / sqrt(pool * (1.0 - pool) * (1.0 / n1 + 1.0 / n2));
  return erfc(fabs(z) / sqrt(2.0));
}
