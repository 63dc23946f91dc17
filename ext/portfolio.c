/*
** portfolio.c -- the portfolio measures: the nps_category scalar, and nps, nrr and grr, each both
*an aggregate and a
** window function.
**
**   SELECT nps_category(9);                                -- 'Promoter'
**   SELECT nps(score) FROM nps_responses;                  -- -100..100
**   SELECT nrr(m0.mrr, m1.mrr), grr(m0.mrr, m1.mrr) FROM ...;   -- 1.08, 0.93
**   SELECT month, nps(score) OVER (ORDER BY month ROWS 2 PRECEDING) FROM ...;
**
** How it works: nps keeps three counts (promoters, passives, detractors);
** nrr and grr keep the number of counted accounts and two sums. The window
** forms remove a row by undoing what its xStep did (xInverse), so a sliding
** frame costs O(1) per row. Counts are exact; the sums are the compensated
** sums of sum.h, exact under addition and removal, so removing a large row
** gives back the small ones exactly; they restart from zero whenever the
** frame empties.
** No state allocates memory beyond the aggregate context.
**
** Requirements, referred to in the code by number:
**   1. A response is a whole number from 0 to 10 (an integer, a real with no
**      fraction, or such a number stored as text); anything else is an error.
**      nps_category and nps share this check.
**   2. nps_category: 'Promoter' 9-10, 'Passive' 7-8, 'Detractor' 0-6; NULL
**      for NULL.
**   3. nps = 100 * (promoters - detractors) / responses.
**   4. nrr = sum(end) / sum(start) and grr = sum(min(start, end)) / sum(start),
**      both over the rows with start > 0: a new account (start 0) does not
**      count, and grr caps each account at its starting MRR.
**   5. MRR is a finite number >= 0; a negative MRR is an error, also on rows
**      that do not count.
**   6. The aggregates skip rows with a NULL argument and are NULL over no
**      counted rows (for nrr and grr: no row with start > 0).
**   7. nps, nrr and grr are window functions as well (xValue, xInverse).
**   8. Overflow is an error, never Inf or a NULL: a sum of MRR that
**      overflows (MRR near 1e308) names the row's value ("nrr: the sum of
**      start_mrr overflows, got 1.0e+308"), a ratio that does names both
**      totals.
*/
#include "csm_internal.h"
#include "errors.h"
#include "sum.h"

#include <math.h>
#include <string.h>

/* ---- NPS ----------------------------------------------------------------- */

/* Reads an NPS response, argument of zFunc (Requirement 1). Returns CSM_OK
** with *pScore set, CSM_NULL, or CSM_INVALID with the error set on ctx. */
static int portfolio_response(sqlite3_context *ctx, sqlite3_value *pVal, const char *zFunc,
                              int *pScore) {
  double r;
  int rc = csm_value_number(pVal, &r);
  if (rc == CSM_NULL) return CSM_NULL;
  if (rc == CSM_INVALID || !(r >= 0.0 && r <= 10.0) || r != floor(r)) {
    csm_result_error_got(ctx, pVal, "%s: response must be a whole number from 0 to 10", zFunc);
    return CSM_INVALID;
  }
  *pScore = (int)r;
  return CSM_OK;
}

/* nps_category(response) (Requirement 2) */
static void nps_category_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  int score;
  (void)argc;
  if (portfolio_response(ctx, argv[0], "nps_category", &score) != CSM_OK) return;
  const char *zCategory = score >= 9 ? "Promoter" : score >= 7 ? "Passive" : "Detractor";
  sqlite3_result_text(ctx, zCategory, -1, SQLITE_STATIC);
}

typedef struct NpsState {
  sqlite3_int64 nPromoter;  /* responses 9-10 in the frame */
  sqlite3_int64 nPassive;   /* responses 7-8 */
  sqlite3_int64 nDetractor; /* responses 0-6 */
} NpsState;

/* Adds (iDelta = 1, xStep) or removes (iDelta = -1, xInverse) one row. */
static void nps_update(sqlite3_context *ctx, sqlite3_value *pResponse, int iDelta) {
  int score;
  if (portfolio_response(ctx, pResponse, "nps", &score) != CSM_OK) return;
  NpsState *p = sqlite3_aggregate_context(ctx, (int)sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (score >= 9) {
    p->nPromoter += iDelta;
  } else if (score >= 7) {
    p->nPassive += iDelta;
  } else {
    p->nDetractor += iDelta;
  }
}

static void nps_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  nps_update(ctx, argv[0], 1);
}

static void nps_inverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  nps_update(ctx, argv[0], -1);
}

/* xValue and xFinal of nps (Requirement 3). */
static void nps_value(sqlite3_context *ctx) {
  NpsState *p = sqlite3_aggregate_context(ctx, 0);
  sqlite3_int64 n = p ? p->nPromoter + p->nPassive + p->nDetractor : 0;
  if (n == 0) return; /* Requirement 6 */
  sqlite3_result_double(ctx, 100.0 * (double)(p->nPromoter - p->nDetractor) / (double)n);
}

/* ---- NRR and GRR --------------------------------------------------------- */

/* What distinguishes nrr from grr; the user data of each function. */
typedef struct RevenueKind {
  const char *zName; /* SQL name, for messages */
  int bGross;        /* grr: an account counts at most its starting MRR */
} RevenueKind;

static const RevenueKind revenue_nrr = {"nrr", 0};
static const RevenueKind revenue_grr = {"grr", 1};

typedef struct RevenueState {
  sqlite3_int64 nAccount; /* rows with start_mrr > 0 in the frame */
  CsmSum start;           /* sum of start_mrr over them */
  CsmSum kept;            /* sum of end_mrr (nrr) or min(start, end) (grr) */
} RevenueState;

/* Reads one MRR argument of pKind's function (Requirement 5). Returns
** CSM_OK, CSM_NULL, or CSM_INVALID with the error set on ctx. */
static int revenue_mrr(sqlite3_context *ctx, const RevenueKind *pKind, sqlite3_value *pVal,
                       const char *zArg, double *pOut) {
  int rc = csm_arg_finite(ctx, pVal, pKind->zName, zArg, pOut);
  if (rc == CSM_OK && *pOut < 0.0) {
    csm_result_error_got(ctx, pVal, "%s: %s must not be negative", pKind->zName, zArg);
    rc = CSM_INVALID;
  }
  return rc;
}

/* Adds (iDelta = 1, xStep) or removes (iDelta = -1, xInverse) one row. */
static void revenue_update(sqlite3_context *ctx, sqlite3_value **argv, int iDelta) {
  const RevenueKind *pKind = sqlite3_user_data(ctx);
  double start, end;
  int rcStart = revenue_mrr(ctx, pKind, argv[0], "start_mrr", &start);
  if (rcStart == CSM_INVALID) return;
  int rcEnd = revenue_mrr(ctx, pKind, argv[1], "end_mrr", &end);
  if (rcEnd == CSM_INVALID) return;
  if (rcStart == CSM_NULL || rcEnd == CSM_NULL) return; /* Requirement 6 */
  RevenueState *p = sqlite3_aggregate_context(ctx, (int)sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (start == 0.0) return; /* a new account (Requirement 4) */
  double kept = pKind->bGross && end > start ? start : end;
  p->nAccount += iDelta;
  if (p->nAccount == 0) {
    /* The frame is empty: restart from exact zero. */
    memset(&p->start, 0, sizeof(p->start));
    memset(&p->kept, 0, sizeof(p->kept));
    return;
  }
  csm_sum_add(&p->start, iDelta * start);
  csm_sum_add(&p->kept, iDelta * kept);
  /* Requirement 8: an overflow makes the largest part Inf (csm_sum_overflowed). */
  if (csm_sum_overflowed(&p->start)) {
    csm_result_error_got(ctx, argv[0], "%s: the sum of start_mrr overflows", pKind->zName);
  } else if (csm_sum_overflowed(&p->kept)) {
    csm_result_error_got(ctx, argv[1], "%s: the sum of end_mrr overflows", pKind->zName);
  }
}

static void revenue_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  revenue_update(ctx, argv, 1);
}

static void revenue_inverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  revenue_update(ctx, argv, -1);
}

/* xValue and xFinal of nrr and grr (Requirement 4). */
static void revenue_value(sqlite3_context *ctx) {
  RevenueState *p = sqlite3_aggregate_context(ctx, 0);
  if (p == 0 || p->nAccount == 0) return; /* Requirement 6 */
  const RevenueKind *pKind = sqlite3_user_data(ctx);
  double kept = csm_sum_value(&p->kept), start = csm_sum_value(&p->start);
  double r = kept / start;
  if (!isfinite(r)) { /* Requirement 8: a tiny start and a huge end */
    csm_result_errorf(ctx, "%s: the result overflows, got end total %!.15g and start total %!.15g",
                      pKind->zName, kept, start);
    return;
  }
  sqlite3_result_double(ctx, r);
}

const CsmFunction portfolio_functions[] = {
    CSM_SCALAR("nps_category", 1, nps_category_fn, 0),
    CSM_WINDOW("nps", 1, nps_step, nps_value, nps_value, nps_inverse, 0),
    CSM_WINDOW("nrr", 2, revenue_step, revenue_value, revenue_value, revenue_inverse, &revenue_nrr),
    CSM_WINDOW("grr", 2, revenue_step, revenue_value, revenue_value, revenue_inverse, &revenue_grr),
    CSM_FUNCTION_END,
};
