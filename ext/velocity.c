/*
** velocity.c -- usage_velocity, the change of usage between two adjacent
** periods, as a scalar function and as an aggregate over dated usage rows.
**
**   SELECT usage_velocity(120, 100);                          -- 0.2
**   SELECT account, usage_velocity(date, event_count, '2024-06-30')
**     FROM usage_events GROUP BY account;      -- last 30 days vs the 30 before
**   SELECT usage_velocity(date, event_count, '2024-06-30', 90) FROM usage_events;
**
** The scalar is (current - prior) / prior. The aggregate computes current and
** prior itself: with A the calendar day of as_of and W = window_days,
**   current = sum of amount over rows with  A - W   < day <= A
**   prior   = sum of amount over rows with  A - 2*W < day <= A - W
** and returns (current - prior) / prior. Rows after A or on or before A - 2*W
** belong to neither window; they are still checked.
**
** How it works: the aggregate state holds the two sums and the as_of day and
** window of the first row; every later row must repeat them. Each row
** parses day and reads as_of through the date-text cache (date_cache.h), so
** the repeated as_of is parsed once; nothing is allocated.
**
** Requirements, referred to in the code by number:
**   1. A NULL argument makes the scalar NULL; the aggregate skips a row with a
**      NULL in any argument and is NULL over no rows. Arguments that are not
**      NULL are checked all the same, so bad data never hides behind a NULL.
**   2. Usage (current, prior, amount) must be a finite number >= 0.
**   3. The result is NULL when prior is 0.
**   4. day and as_of compare as calendar days (time of day ignored) and take
**      every date form of dates.h.
**   5. window_days (default 30) is a positive whole number.
**   6. as_of and window_days are the same on every row of a group; as_of is
**      compared as a calendar day, the only part of it that is used.
**   7. Overflow is an error, never Inf or NaN: a window sum that overflows
**      ("usage_velocity: the sum of amount overflows, got 1.0e+308") and a
**      ratio that does ("usage_velocity: the change overflows, got current
**      1.0e+308 and prior 1.0e-308").
*/
#include "csm_internal.h"
#include "date_cache.h"
#include "errors.h"

#include <math.h>

#define VELOCITY_DEFAULT_WINDOW 30

/* Reads a usage figure of function usage_velocity, argument zArg.
** Returns CSM_OK, CSM_NULL, or CSM_INVALID with the error set on ctx. */
static int velocity_usage(sqlite3_context *ctx, sqlite3_value *pVal, const char *zArg,
                          double *pOut) {
  int rc = csm_arg_finite(ctx, pVal, "usage_velocity", zArg, pOut);
  if (rc == CSM_OK && *pOut < 0.0) { /* Requirement 2 */
    csm_result_error_got(ctx, pVal, "usage_velocity: %s must not be negative", zArg);
    rc = CSM_INVALID;
  }
  return rc;
}

/* (current - prior) / prior, or SQL NULL when prior is 0 (Requirement 3),
** or the overflow error of requirement 7. */
static void velocity_result(sqlite3_context *ctx, double cur, double prior) {
  if (prior == 0.0) {
    sqlite3_result_null(ctx);
    return;
  }
  double v = (cur - prior) / prior;
  if (!isfinite(v)) {
    csm_result_errorf(ctx,
                      "usage_velocity: the change overflows, got current %!.15g and prior %!.15g",
                      cur, prior);
    return;
  }
  sqlite3_result_double(ctx, v);
}

/* usage_velocity(current, prior) */
static void velocity_scalar(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double cur = 0.0, prior = 0.0;
  (void)argc;
  int rcCur = velocity_usage(ctx, argv[0], "current", &cur);
  if (rcCur == CSM_INVALID) return;
  int rcPrior = velocity_usage(ctx, argv[1], "prior", &prior);
  if (rcPrior == CSM_INVALID) return;
  if (rcCur == CSM_NULL || rcPrior == CSM_NULL) return; /* Requirement 1 */
  velocity_result(ctx, cur, prior);
}

typedef struct VelocityState {
  int bStarted;           /* a row has been counted: asOfDay and window are set */
  sqlite3_int64 asOfDay;  /* epoch day of as_of on the first counted row */
  double window;          /* window_days on the first counted row */
  double cur;             /* sum of amount in the current window */
  double prior;           /* sum of amount in the prior window */
  CsmDateCache asOfCache; /* the last as_of converted */
} VelocityState;

/* usage_velocity(day, amount, as_of [, window_days]): adds one row. Every
** argument that is not NULL is checked; then a row with a NULL is skipped
** (Requirement 1). */
static void velocity_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3_int64 day = 0, asOfDay = 0;
  double amount = 0.0, window = VELOCITY_DEFAULT_WINDOW;
  int rc, bNull = 0;
  VelocityState *p = sqlite3_aggregate_context(ctx, (int)sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if ((rc = csm_value_day(argv[0], &day)) == CSM_INVALID) { /* Requirement 4 */
    csm_result_error_got(ctx, argv[0], "usage_velocity: day must be a date");
    return;
  }
  bNull |= rc == CSM_NULL;
  if ((rc = velocity_usage(ctx, argv[1], "amount", &amount)) == CSM_INVALID) return;
  bNull |= rc == CSM_NULL;
  if ((rc = csm_date_cache_read(&p->asOfCache, argv[2], &asOfDay, 0)) == CSM_INVALID) {
    csm_result_error_got(ctx, argv[2], "usage_velocity: as_of must be a date");
    return;
  }
  bNull |= rc == CSM_NULL;
  if (argc == 4) {
    rc = csm_value_number(argv[3], &window);
    if (rc == CSM_INVALID ||
        (rc == CSM_OK && !(window >= 1.0 && isfinite(window) && window == floor(window)))) {
      csm_result_error_got(ctx, argv[3],
                           "usage_velocity: window_days must be a positive whole number");
      return; /* Requirement 5 */
    }
    bNull |= rc == CSM_NULL;
  }
  if (bNull) return;
  if (!p->bStarted) {
    p->bStarted = 1;
    p->asOfDay = asOfDay;
    p->window = window;
  } else if (asOfDay != p->asOfDay) { /* Requirement 6 */
    csm_result_error_got(ctx, argv[2],
                         "usage_velocity: as_of must be the same on every row of a group");
    return;
  } else if (window != p->window) {
    csm_result_error_got(ctx, argv[3],
                         "usage_velocity: window_days must be the same on every row of a group");
    return;
  }
  /* Days before as_of; exact in a double, since epoch days of years
  ** 0000..9999 are far below 2^53. */
  double back = (double)(asOfDay - day);
  double *pSum = back >= 0.0 && back < window            ? &p->cur
                 : back >= window && back < 2.0 * window ? &p->prior
                                                         : 0;
  if (pSum) {
    *pSum += amount;
    if (!isfinite(*pSum)) { /* Requirement 7 */
      csm_result_error_got(ctx, argv[1], "usage_velocity: the sum of amount overflows");
    }
  }
}

static void velocity_final(sqlite3_context *ctx) {
  VelocityState *p = sqlite3_aggregate_context(ctx, 0);
  if (p == 0 || !p->bStarted) return; /* no rows: NULL (Requirement 1) */
  velocity_result(ctx, p->cur, p->prior);
}

const CsmFunction velocity_functions[] = {
    CSM_SCALAR("usage_velocity", 2, velocity_scalar, 0),
    CSM_AGGREGATE("usage_velocity", 3, velocity_step, velocity_final, 0),
    CSM_AGGREGATE("usage_velocity", 4, velocity_step, velocity_final, 0),
    CSM_FUNCTION_END,
};
