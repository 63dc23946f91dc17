/*
** stats.h -- the statistics of two proportions that checkin_impact reports:
** the Wilson score interval of one proportion, Newcombe's hybrid score
** interval of a difference, and the pooled two-proportion z-test. Pure
** functions of counts, unit-tested in tests/unit/test_stats.c.
*/
#ifndef CSM_STATS_H
#define CSM_STATS_H

#define CSM_Z95 1.959963984540054 /* standard normal quantile 0.975 */

/* The 95% Wilson score interval of k successes in n > 0 trials, exactly
** 0 at k = 0 and exactly 1 at k = n. */
void csm_wilson(double k, double n, double *pLow, double *pHigh);

/* Newcombe's hybrid score interval (his method 10) of p1 - p2 for k1/n1
** and k2/n2 (n1, n2 > 0), built from the two Wilson intervals. */
void csm_newcombe(double k1, double n1, double k2, double n2, double *pLow, double *pHigh);

/* The two-sided p-value of the pooled two-proportion z-test of k1/n1
** against k2/n2; NAN when the pooled rate is 0 or 1 (undefined). */
double csm_two_proportion_p(double k1, double n1, double k2, double n2);

#endif /* CSM_STATS_H */
