/*
** validation.c -- the health-model validation aggregates: auc, lift, pearson_corr (also a window
*function) and calibration_error.
**
**   SELECT auc(-health_score, churned) FROM scored;           -- 0.5 .. 1
**   SELECT lift(risk, churned, 0.1) FROM scored;              -- top-decile lift
**   SELECT pearson_corr(usage, health_score) FROM scored;     -- -1 .. 1
**   SELECT calibration_error(p_churn, churned, 10) FROM scored;   -- 0 .. 1
**
** How it works:
**   auc    keeps the risks of the rows with outcome 1 and of those with
**          outcome 0 in two arrays (8 bytes a row), sorts both in xFinal and
**          merges them: each positive counts the negatives below it plus half
**          of those equal to it. O(n log n) time, O(n) memory.
**   lift   keeps the same two arrays, sorts them and walks down from the top
**          risk to the k = ceil(fraction * n)-th row. Rows tied with the k-th
**          one are counted by their share of the remaining places (Requirement
**          7), so the result does not depend on the order rows arrive in.
**   pearson_corr  keeps n and the sums of x, y, x*x, y*y and x*y as the
**          compensated sums of sum.h, exact under addition and removal, and
**          subtracts a row's terms in xInverse for sliding window frames.
**          O(1) memory (about 400 bytes).
**   calibration_error  sums probability and outcome per bin in an array of
**          bins entries; the result is sum over bins of |sum p - sum outcome|
**          divided by n, which equals the count-weighted mean of
**          |mean p - mean outcome|. O(n) time, O(bins) memory.
** The arrays come from sqlite3_realloc64 and are freed in xFinal, which
** SQLite calls after an xStep error too.
**
** Requirements, referred to in the code by number:
**   1. A row with a NULL in any argument is skipped (its other arguments are
**      still checked, so bad data never hides behind a NULL); over no rows
**      the result is NULL.
**   2. outcome is 0 or 1; probability is between 0 and 1; risk, x and y are
**      numbers (x and y finite). Numbers stored as text are accepted.
**   3. fraction (lift, default 0.1) is in (0, 1]; bins (calibration_error,
**      default 10) is a whole number from 1 to CALIBRATION_MAX_BINS. Each is
**      the same on every row of a group.
**   4. auc: ROC AUC, ties counted half; NULL unless both outcomes occur.
**   5. lift: outcome rate of the ceil(fraction * n) highest-risk rows divided
**      by the overall outcome rate; NULL when no outcome is 1.
**   6. pearson_corr: NULL when either variance is 0 (fewer than two rows, or
**      all x or all y equal).
**   7. Products that are whole numbers in decimal (0.07 * 100, 0.57 * 100)
**      are taken as such despite binary rounding (7.000000000000001,
**      56.99999999999999): the top 7% of 100 rows is 7 rows, and p = 0.57
**      with 100 bins is in bin 57.
**   8. pearson_corr's x and y lie within +-1e100 (PEARSON_MAX): their
**      squares and the products of their sums then stay finite for any
**      number of rows, so the result is never an overflow's NULL; a larger
**      value is an error naming it.
*/
#include "array.h"
#include "csm_internal.h"
#include "errors.h"
#include "sum.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LIFT_DEFAULT_FRACTION 0.1
#define CALIBRATION_DEFAULT_BINS 10
#define CALIBRATION_MAX_BINS 1000000 /* 16 MB of bins at most */

/* ---- Shared helpers ------------------------------------------------------ */

/* x, or the whole number nearest to x when x is within a few rounding errors
** of it (Requirement 7). */
static double validation_snap(double x) {
  double r = round(x);
  return fabs(x - r) <= 8.0 * DBL_EPSILON * fmax(1.0, fabs(x)) ? r : x;
}

/* Reads the outcome argument of zFunc: 0 or 1 (Requirement 2). Returns CSM_OK
** with *pOutcome set, CSM_NULL, or CSM_INVALID with the error set on ctx. */
static int validation_outcome(sqlite3_context *ctx, sqlite3_value *pVal, const char *zFunc,
                              int *pOutcome) {
  double r;
  int rc = csm_value_number(pVal, &r);
  if (rc == CSM_NULL) return CSM_NULL;
  if (rc == CSM_INVALID || (r != 0.0 && r != 1.0)) {
    csm_result_error_got(ctx, pVal, "%s: outcome must be 0 or 1", zFunc);
    return CSM_INVALID;
  }
  *pOutcome = r == 1.0;
  return CSM_OK;
}

static int validation_cmp_double(const void *pA, const void *pB) {
  double a = *(const double *)pA, b = *(const double *)pB;
  return (a > b) - (a < b);
}

/* ---- Risks by outcome (auc, lift) ---------------------------------------- */

/* A growable array of doubles; owns a (sqlite3_malloc'd). */
typedef struct RiskArray {
  double *a;            /* the risks */
  sqlite3_int64 n;      /* used entries */
  sqlite3_int64 nAlloc; /* allocated entries */
} RiskArray;

/* The rows of an auc or lift group, split by outcome. */
typedef struct RiskSample {
  RiskArray pos;   /* risks of rows with outcome 1 */
  RiskArray neg;   /* risks of rows with outcome 0 */
  double fraction; /* lift: the fraction of the first row */
  int bStarted;    /* a row has been counted (fraction is set) */
} RiskSample;

/* Appends r to p. Returns SQLITE_OK or SQLITE_NOMEM (p unchanged). */
static int risk_array_push(RiskArray *p, double r) {
  if (csm_array_reserve((void **)&p->a, &p->nAlloc, p->n + 1, sizeof(double)) != SQLITE_OK) {
    return SQLITE_NOMEM;
  }
  p->a[p->n++] = r;
  return SQLITE_OK;
}

static void risk_array_sort(RiskArray *p) {
  if (p->n > 1) qsort(p->a, (size_t)p->n, sizeof(double), validation_cmp_double);
}

/* Number of entries of the ascending array p that are < r (bOrEqual = 0) or
** <= r (bOrEqual = 1). */
static sqlite3_int64 risk_array_rank(const RiskArray *p, double r, int bOrEqual) {
  return csm_lower_bound_double(p->a, p->n, r, bOrEqual);
}

/* Reads risk and outcome of an auc or lift row (Requirement 2). Returns
** CSM_OK, CSM_NULL when either is NULL, or CSM_INVALID with the error set. */
static int risk_sample_read(sqlite3_context *ctx, const char *zFunc, sqlite3_value **argv,
                            double *pRisk, int *pOutcome) {
  int rcRisk = csm_arg_number(ctx, argv[0], zFunc, "risk", pRisk);
  if (rcRisk == CSM_INVALID) return CSM_INVALID;
  int rcOutcome = validation_outcome(ctx, argv[1], zFunc, pOutcome);
  return rcOutcome == CSM_OK ? rcRisk : rcOutcome;
}

/* Stores one row in p. Returns SQLITE_OK, or SQLITE_NOMEM with the error set. */
static int risk_sample_push(sqlite3_context *ctx, RiskSample *p, double risk, int outcome) {
  int rc = risk_array_push(outcome ? &p->pos : &p->neg, risk);
  if (rc != SQLITE_OK) sqlite3_result_error_nomem(ctx);
  return rc;
}

static void risk_sample_free(RiskSample *p) {
  sqlite3_free(p->pos.a);
  sqlite3_free(p->neg.a);
}

/* ---- auc ----------------------------------------------------------------- */

static void auc_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double risk;
  int outcome;
  (void)argc;
  if (risk_sample_read(ctx, "auc", argv, &risk, &outcome) != CSM_OK) return;
  RiskSample *p = sqlite3_aggregate_context(ctx, (int)sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  risk_sample_push(ctx, p, risk, outcome);
}

/* Requirement 4: the share of (positive, negative) pairs in which the
** positive has the higher risk, a tie counting half. */
static void auc_final(sqlite3_context *ctx) {
  RiskSample *p = sqlite3_aggregate_context(ctx, 0);
  if (p == 0) return;
  if (p->pos.n > 0 && p->neg.n > 0) {
    risk_array_sort(&p->pos);
    risk_array_sort(&p->neg);
    /* Twice the number of won pairs, exact: below 2^63 for any n that fits
    ** in memory. lo/hi = negatives below / at most the current positive. */
    sqlite3_int64 nWon2 = 0, lo = 0, hi = 0;
    for (sqlite3_int64 i = 0; i < p->pos.n; i++) {
      double r = p->pos.a[i];
      while (lo < p->neg.n && p->neg.a[lo] < r) lo++;
      if (hi < lo) hi = lo;
      while (hi < p->neg.n && p->neg.a[hi] <= r) hi++;
      nWon2 += lo + hi;
    }
    sqlite3_result_double(ctx, (double)nWon2 / (2.0 * (double)p->pos.n * (double)p->neg.n));
  }
  risk_sample_free(p);
}

/* ---- lift ---------------------------------------------------------------- */

static void lift_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double risk, fraction = LIFT_DEFAULT_FRACTION;
  int outcome;
  int rc = risk_sample_read(ctx, "lift", argv, &risk, &outcome);
  if (rc == CSM_INVALID) return;
  if (argc == 3) { /* Requirement 3 */
    int rcFraction = csm_value_number(argv[2], &fraction);
    if (rcFraction == CSM_INVALID ||
        (rcFraction == CSM_OK && !(fraction > 0.0 && fraction <= 1.0))) {
      csm_result_error_got(ctx, argv[2], "lift: fraction must be greater than 0 and at most 1");
      return;
    }
    if (rcFraction == CSM_NULL) rc = CSM_NULL;
  }
  if (rc == CSM_NULL) return; /* Requirement 1 */
  RiskSample *p = sqlite3_aggregate_context(ctx, (int)sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (!p->bStarted) {
    p->bStarted = 1;
    p->fraction = fraction;
  } else if (fraction != p->fraction) {
    csm_result_error_got(ctx, argv[2], "lift: fraction must be the same on every row of a group");
    return;
  }
  risk_sample_push(ctx, p, risk, outcome);
}

/* Requirement 5. The k-th highest risk t is found by walking both sorted
** arrays down from their tops; rows above t are all in the top k, and the
** places left are shared by the rows equal to t in proportion: the expected
** count over every order of the tie. */
static void lift_final(sqlite3_context *ctx) {
  RiskSample *p = sqlite3_aggregate_context(ctx, 0);
  if (p == 0) return;
  sqlite3_int64 n = p->pos.n + p->neg.n;
  if (p->pos.n > 0) {
    risk_array_sort(&p->pos);
    risk_array_sort(&p->neg);
    sqlite3_int64 k = (sqlite3_int64)ceil(validation_snap(p->fraction * (double)n));
    if (k < 1) k = 1; /* fraction > 0 always gets a row, even if fraction * n underflows */
    if (k > n) k = n;
    sqlite3_int64 i = p->pos.n, j = p->neg.n; /* entries not yet walked */
    double t = 0.0;
    for (sqlite3_int64 taken = 0; taken < k; taken++) {
      if (j == 0 || (i > 0 && p->pos.a[i - 1] >= p->neg.a[j - 1])) {
        t = p->pos.a[--i];
      } else {
        t = p->neg.a[--j];
      }
    }
    sqlite3_int64 posAbove = p->pos.n - risk_array_rank(&p->pos, t, 1);
    sqlite3_int64 negAbove = p->neg.n - risk_array_rank(&p->neg, t, 1);
    sqlite3_int64 posTied = p->pos.n - posAbove - risk_array_rank(&p->pos, t, 0);
    sqlite3_int64 negTied = p->neg.n - negAbove - risk_array_rank(&p->neg, t, 0);
    double places = (double)(k - posAbove - negAbove);
    double posTop = (double)posAbove + (double)posTied * places / (double)(posTied + negTied);
    sqlite3_result_double(ctx, (posTop / (double)k) / ((double)p->pos.n / (double)n));
  }
  risk_sample_free(p);
}

/* ---- pearson_corr -------------------------------------------------------- */

/* pearson_corr keeps n and the sums of x, y, x*x, y*y and x*y, and computes
**   r = (n*Sxy - Sx*Sy) / sqrt((n*Sxx - Sx*Sx) * (n*Syy - Sy*Sy)).
** In plain doubles both steps lose digits: the running sums keep the
** rounding error of every value that passed through a sliding frame (a huge
** one swamps the small variance left after it), and n*Sxx - Sx*Sx cancels
** catastrophically when the data sit far from 0. So every product enters
** the sums exactly (sum.h), and the co-moments are formed exactly too, then
** rounded once. */

#define PEARSON_MAX 1e100 /* Requirement 8 */

/* n * sAB - sA * sB, n times the co-moment of A and B, rounded once. */
static double pearson_comoment(double n, const CsmSum *pAB, const CsmSum *pA, const CsmSum *pB) {
  CsmSum c;
  memset(&c, 0, sizeof(c));
  csm_sum_add_scaled(&c, n, pAB);
  csm_sum_sub_product(&c, pA, pB);
  return csm_sum_value(&c);
}

/* The frame's count and sums. Sliding frames remove rows in the order they
** were added (SQLite adds and removes in partition order), which lets runX
** and runY prove a variance exactly 0 without looking at the sums. */
typedef struct PearsonState {
  sqlite3_int64 n;      /* rows in the frame */
  CsmSum sx, sy;        /* sums of x and y */
  CsmSum sxx, syy, sxy; /* sums of x * x, y * y and x * y */
  double lastX, lastY;  /* x and y of the newest row */
  sqlite3_int64 runX;   /* the newest runX rows all have x == lastX */
  sqlite3_int64 runY;   /* the same for y */
} PearsonState;

/* Reads x and y; returns the state, or 0 when the row is skipped or failed
** (the error is then set on ctx). */
static PearsonState *pearson_read(sqlite3_context *ctx, sqlite3_value **argv, double *pX,
                                  double *pY) {
  int rcX = csm_arg_finite(ctx, argv[0], "pearson_corr", "x", pX);
  if (rcX == CSM_INVALID) return 0;
  if (rcX == CSM_OK && !(fabs(*pX) <= PEARSON_MAX)) { /* Requirement 8 */
    csm_result_error_got(ctx, argv[0], "pearson_corr: x must be between -1e100 and 1e100");
    return 0;
  }
  int rcY = csm_arg_finite(ctx, argv[1], "pearson_corr", "y", pY);
  if (rcY == CSM_INVALID) return 0;
  if (rcY == CSM_OK && !(fabs(*pY) <= PEARSON_MAX)) {
    csm_result_error_got(ctx, argv[1], "pearson_corr: y must be between -1e100 and 1e100");
    return 0;
  }
  if (rcY != CSM_OK || rcX != CSM_OK) return 0; /* Requirement 1 */
  PearsonState *p = sqlite3_aggregate_context(ctx, (int)sizeof(*p));
  if (p == 0) sqlite3_result_error_nomem(ctx);
  return p;
}

/* Adds (sign 1) or removes (sign -1) one row's terms, exactly. */
static void pearson_update(PearsonState *p, double x, double y, double sign) {
  csm_sum_add(&p->sx, sign * x);
  csm_sum_add(&p->sy, sign * y);
  csm_sum_add_product(&p->sxx, sign * x, x);
  csm_sum_add_product(&p->syy, sign * y, y);
  csm_sum_add_product(&p->sxy, sign * x, y);
}

static void pearson_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double x, y;
  (void)argc;
  PearsonState *p = pearson_read(ctx, argv, &x, &y);
  if (p == 0) return;
  p->n++;
  pearson_update(p, x, y, 1.0);
  p->runX = p->n > 1 && x == p->lastX ? p->runX + 1 : 1;
  p->runY = p->n > 1 && y == p->lastY ? p->runY + 1 : 1;
  p->lastX = x;
  p->lastY = y;
}

/* Removes the oldest row of the frame. */
static void pearson_inverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double x, y;
  (void)argc;
  PearsonState *p = pearson_read(ctx, argv, &x, &y);
  if (p == 0 || p->n == 0) return;
  if (--p->n == 0) {
    *p = (PearsonState){0}; /* restart from exact zeros */
    return;
  }
  pearson_update(p, x, y, -1.0);
  if (p->runX > p->n) p->runX = p->n;
  if (p->runY > p->n) p->runY = p->n;
}

/* xValue and xFinal (Requirement 6): the co-moment over the square root of
** the two variances, each scaled by n * n, which cancels. */
static void pearson_value(sqlite3_context *ctx) {
  PearsonState *p = sqlite3_aggregate_context(ctx, 0);
  if (p == 0 || p->n < 2 || p->runX >= p->n || p->runY >= p->n) return;
  double n = (double)p->n;
  double vx = pearson_comoment(n, &p->sxx, &p->sx, &p->sx);
  double vy = pearson_comoment(n, &p->syy, &p->sy, &p->sy);
  if (!(vx > 0.0 && vy > 0.0)) return; /* no variance left after rounding */
  double r = pearson_comoment(n, &p->sxy, &p->sx, &p->sy) / (sqrt(vx) * sqrt(vy));
  sqlite3_result_double(ctx, fmax(-1.0, fmin(1.0, r)));
}

/* ---- calibration_error --------------------------------------------------- */

typedef struct CalibrationBin {
  double sumP;       /* sum of probability over the bin's rows */
  double sumOutcome; /* number of its rows with outcome 1 */
} CalibrationBin;

typedef struct CalibrationState {
  CalibrationBin *aBin; /* nBin bins, allocated on the first row */
  sqlite3_int64 nBin;   /* bins of the first row */
  sqlite3_int64 n;      /* rows counted */
} CalibrationState;

static void calibration_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double prob, bins = CALIBRATION_DEFAULT_BINS;
  int outcome;
  int rc = csm_arg_number(ctx, argv[0], "calibration_error", "probability", &prob);
  if (rc == CSM_INVALID) return;
  if (rc == CSM_OK && !(prob >= 0.0 && prob <= 1.0)) { /* Requirement 2 */
    csm_result_error_got(ctx, argv[0], "calibration_error: probability must be between 0 and 1");
    return;
  }
  int rcOutcome = validation_outcome(ctx, argv[1], "calibration_error", &outcome);
  if (rcOutcome == CSM_INVALID) return;
  if (rcOutcome == CSM_NULL) rc = CSM_NULL;
  if (argc == 3) { /* Requirement 3 */
    int rcBins = csm_value_number(argv[2], &bins);
    if (rcBins == CSM_INVALID ||
        (rcBins == CSM_OK &&
         !(bins >= 1.0 && bins <= CALIBRATION_MAX_BINS && bins == floor(bins)))) {
      csm_result_error_got(ctx, argv[2],
                           "calibration_error: bins must be a whole number from 1 to %d",
                           CALIBRATION_MAX_BINS);
      return;
    }
    if (rcBins == CSM_NULL) rc = CSM_NULL;
  }
  if (rc == CSM_NULL) return; /* Requirement 1 */
  CalibrationState *p = sqlite3_aggregate_context(ctx, (int)sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (p->aBin == 0) {
    p->aBin = sqlite3_malloc64((sqlite3_uint64)bins * sizeof(CalibrationBin));
    if (p->aBin == 0) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    memset(p->aBin, 0, (size_t)bins * sizeof(CalibrationBin));
    p->nBin = (sqlite3_int64)bins;
  } else if ((sqlite3_int64)bins != p->nBin) {
    csm_result_error_got(ctx, argv[2],
                         "calibration_error: bins must be the same on every row of a group");
    return;
  }
  sqlite3_int64 b = (sqlite3_int64)floor(validation_snap(prob * (double)p->nBin));
  if (b > p->nBin - 1) b = p->nBin - 1; /* probability 1 goes to the last bin */
  p->aBin[b].sumP += prob;
  p->aBin[b].sumOutcome += outcome;
  p->n++;
}

/* sum over bins of n_b * |sumP_b / n_b - sumOutcome_b / n_b|, divided by n. */
static void calibration_final(sqlite3_context *ctx) {
  CalibrationState *p = sqlite3_aggregate_context(ctx, 0);
  if (p == 0) return;
  if (p->n > 0) {
    double total = 0.0;
    for (sqlite3_int64 b = 0; b < p->nBin; b++) {
      total += fabs(p->aBin[b].sumP - p->aBin[b].sumOutcome);
    }
    sqlite3_result_double(ctx, total / (double)p->n);
  }
  sqlite3_free(p->aBin);
}

/* ---- Registration -------------------------------------------------------- */

const CsmFunction validation_functions[] = {
    CSM_WINDOW("pearson_corr", 2, pearson_step, pearson_value, pearson_value, pearson_inverse, 0),
    CSM_AGGREGATE("auc", 2, auc_step, auc_final, 0),
    CSM_AGGREGATE("lift", 2, lift_step, lift_final, 0),
    CSM_AGGREGATE("lift", 3, lift_step, lift_final, 0),
    CSM_AGGREGATE("calibration_error", 2, calibration_step, calibration_final, 0),
    CSM_AGGREGATE("calibration_error", 3, calibration_step, calibration_final, 0),
    CSM_FUNCTION_END,
};
