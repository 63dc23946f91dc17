/*
** normalizers.c -- the functions that turn a raw figure into a 0-100
** component score: score_linear, score_inverse, score_steps, score_trend.
**
**   SELECT score_linear(0.32, 0.40);                              -- 80.0
**   SELECT score_inverse(3, 10);                                  -- 70.0
**   SELECT score_steps(0.32, '[[0.5,100],[0.4,80],[0.3,60]]');    -- 60.0
**   SELECT score_trend(70, 115, 100);                             -- 72.1
**
** How it works. Each is a formula clamped to 0-100; the steps table is
** parsed once per statement through the argument cache (arg_cache.h).
**
** Requirements (cited in the code by number):
**   N1. A NULL in a required argument gives NULL; an optional argument
**       given as NULL takes its default (best, sensitivity).
**   N2. Every numeric argument is a finite number or a number stored as
**       text: "<function>: <argument> must be a finite number, got Inf".
**   N3. The raw inputs are clamped, as the formulas say; a result is never
**       NULL or NaN for finite inputs: an intermediate that overflows
**       (a trend factor of 1e308 / 1e-308) saturates the clamp at 0 or 100.
**   N4. score_steps: a non-empty JSON array of [threshold, score] pairs with
**       strictly descending finite thresholds and scores within 0-100; the
**       score of the first pair whose threshold is <= value, else 0.
**   N5. score_trend's base is a score (0-100); current and prior are usage
**       figures >= 0; with prior 0 or a NULL usage figure there is no trend
**       and the result is base.
*/
#include "arg_cache.h"
#include "csm_internal.h"
#include "errors.h"
#include "json_args.h"

#include <math.h>

/* score_linear(actual, target) = clamp(100 * actual / target, 0, 100). */
static void score_linear_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  double actual, target;
  int rc1 = csm_arg_finite(ctx, argv[0], "score_linear", "actual", &actual);
  if (rc1 == CSM_INVALID) return;
  int rc2 = csm_arg_finite(ctx, argv[1], "score_linear", "target", &target);
  if (rc2 == CSM_INVALID) return;
  if (rc2 == CSM_OK && !(target > 0)) {
    csm_result_error_got(ctx, argv[1], "score_linear: target must be greater than 0");
    return;
  }
  if (rc1 == CSM_NULL || rc2 == CSM_NULL) return;
  /* N3: overflow gives +-Inf, which the clamp turns into 100 or 0. */
  sqlite3_result_double(ctx, csm_clamp(100 * actual / target, 0, 100));
}

/* score_inverse(actual, worst [, best=0])
**   = clamp(100 * (worst - actual) / (worst - best), 0, 100). */
static void score_inverse_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double actual, worst, best;
  int rc1 = csm_arg_finite(ctx, argv[0], "score_inverse", "actual", &actual);
  if (rc1 == CSM_INVALID) return;
  int rc2 = csm_arg_finite(ctx, argv[1], "score_inverse", "worst", &worst);
  if (rc2 == CSM_INVALID) return;
  if (csm_arg_optional(ctx, argc, argv, 2, "score_inverse", "best", 0, &best) != CSM_OK) return;
  if (rc2 == CSM_OK && !(best < worst)) {
    int bGiven = argc > 2 && sqlite3_value_type(argv[2]) != SQLITE_NULL;
    char *zBest = bGiven ? csm_value_repr(argv[2]) : sqlite3_mprintf("0");
    char *zWorst = csm_value_repr(argv[1]);
    if (zBest == 0 || zWorst == 0) {
      sqlite3_result_error_nomem(ctx);
    } else {
      csm_result_errorf(ctx, "score_inverse: best must be below worst, got best %s and worst %s",
                        zBest, zWorst);
    }
    sqlite3_free(zBest);
    sqlite3_free(zWorst);
    return;
  }
  if (rc1 == CSM_NULL || rc2 == CSM_NULL) return;
  /* N3: the differences are formed at full scale (quartering first would
  ** flush subnormal ranges such as worst = 1e-320 to 0, and 0/0 is NaN);
  ** only when one overflows are they formed from quarters, which is exact
  ** at that scale. worst > best, so the divisor is > 0. */
  double num = worst - actual, den = worst - best;
  if (!isfinite(num) || !isfinite(den)) {
    num = worst / 4 - actual / 4;
    den = worst / 4 - best / 4;
  }
  sqlite3_result_double(ctx, csm_clamp(100 * (num / den), 0, 100));
}

/* N4 */
static const char *steps_check(const double *a, int n) {
  if (n == 0) return "must hold at least one [threshold, score] pair";
  /* a[j] is a threshold, a[j + 1] its score. */
  for (int j = 0; j < 2 * n; j += 2) {
    if (!isfinite(a[j])) return "thresholds must be finite";
    if (j > 0 && !(a[j] < a[j - 2])) return "thresholds must be strictly descending";
    if (!(a[j + 1] >= 0 && a[j + 1] <= 100)) return "scores must be between 0 and 100";
  }
  return 0;
}

static const CsmJsonShape steps_shape = {
    "score_steps", "steps", "a JSON array of [threshold, score] pairs", 2, steps_check};

/* score_steps(value, steps) (N4). */
static void score_steps_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  double v;
  int bFresh;
  int rc = csm_arg_finite(ctx, argv[0], "score_steps", "value", &v);
  if (rc == CSM_INVALID) return;
  if (sqlite3_value_type(argv[1]) == SQLITE_NULL) return;
  CsmJsonTable *p = csm_arg_parsed(ctx, argv, 1, csm_json_table_parse, &steps_shape, &bFresh);
  if (p == 0) return;
  if (rc == CSM_OK) {
    double score = 0;
    for (int j = 0; j < 2 * p->n; j += 2) {
      if (v >= p->a[j]) {
        score = p->a[j + 1];
        break;
      }
    }
    sqlite3_result_double(ctx, score);
  }
  csm_arg_keep(ctx, 1, p, bFresh);
}

/* score_trend(base, current, prior [, sensitivity=0.2])
**   = clamp(base * (1 + sensitivity * (current - prior) / prior), 0, 100),
** base itself when there is no trend (N5). */
static void score_trend_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double base, cur, prior, sens;
  int rcBase = csm_arg_range(ctx, argv[0], "score_trend", "base", 0, 100, &base);
  if (rcBase == CSM_INVALID) return;
  int rcCur = csm_arg_finite(ctx, argv[1], "score_trend", "current", &cur);
  if (rcCur == CSM_INVALID) return;
  if (rcCur == CSM_OK && cur < 0) {
    csm_result_error_got(ctx, argv[1], "score_trend: current must be >= 0");
    return;
  }
  int rcPrior = csm_arg_finite(ctx, argv[2], "score_trend", "prior", &prior);
  if (rcPrior == CSM_INVALID) return;
  if (rcPrior == CSM_OK && prior < 0) {
    csm_result_error_got(ctx, argv[2], "score_trend: prior must be >= 0");
    return;
  }
  if (csm_arg_optional(ctx, argc, argv, 3, "score_trend", "sensitivity", 0.2, &sens) != CSM_OK) {
    return;
  }
  if (rcBase == CSM_NULL) return;
  double x = base;
  if (rcCur == CSM_OK && rcPrior == CSM_OK && prior > 0 && base > 0 && sens != 0) {
    /* N3: the growth (current - prior) / prior may overflow to +Inf (never
    ** -Inf: it is >= -1); sens != 0, so sens * growth is +-Inf, not NaN,
    ** and base > 0 keeps base * factor from 0 * Inf. */
    double factor = 1 + sens * ((cur - prior) / prior);
    x = csm_clamp(base * factor, 0, 100);
  }
  sqlite3_result_double(ctx, x);
}

const CsmFunction normalizer_functions[] = {
    CSM_SCALAR("score_linear", 2, score_linear_fn, 0),
    CSM_SCALAR("score_inverse", 2, score_inverse_fn, 0),
    CSM_SCALAR("score_inverse", 3, score_inverse_fn, 0),
    CSM_SCALAR("score_steps", 2, score_steps_fn, 0),
    CSM_SCALAR("score_trend", 3, score_trend_fn, 0),
    CSM_SCALAR("score_trend", 4, score_trend_fn, 0),
    CSM_FUNCTION_END,
};
