/*
** scoring.c -- the small scalar functions of SPEC section 2 that turn
** numbers into scores and scores into labels: the tier functions, the
** trend label, the normalisers, risk_tier and bar. (health_score and
** health_coverage are in health_score.c.)
**
**   SELECT health_tier(72), health_color(72), health_action(72);
**     -- Healthy | light-green | Monitor, optimize
**   SELECT health_tier(72, '[90,75,50,30]');                      -- Neutral
**   SELECT health_trend(78, 70);                                  -- improving
**   SELECT score_linear(0.32, 0.40);                              -- 80.0
**   SELECT score_inverse(3, 10);                                  -- 70.0
**   SELECT score_steps(0.32, '[[0.5,100],[0.4,80],[0.3,60]]');    -- 60.0
**   SELECT score_trend(70, 115, 100);                             -- 72.1
**   SELECT risk_tier(0.55);                                       -- High
**   SELECT bar(28, 100);           -- ██████░░░░░░░░░░░░░░
**
** How it works. Every function is a plain computation on its arguments;
** the JSON arguments (cutoffs, steps) are parsed once per statement and
** cached with sqlite3_set_auxdata (re-parsed per row when they are not
** constant, since SQLite then drops the cache after each call).
**
** Rules shared by all of them (decisions where SPEC is silent, documented
** on each docs/functions page):
**   1. A NULL in a required argument gives NULL; an optional argument given
**      as NULL takes its default (cutoffs, tolerance, best, sensitivity,
**      width), so later arguments can be given without earlier ones.
**   2. Every numeric argument is a number or a number stored as text and
**      must be finite (csm_arg_finite): "<function>: <argument> must be a
**      finite number, got Inf".
**   3. Scores are 0-100 and probabilities 0-1; outside that is an error
**      naming the argument and the value, never a clamp -- a score of 130
**      is a bug upstream. Only the normalisers' raw inputs are clamped, as
**      SPEC defines them.
**   4. cutoffs: a JSON array of exactly four strictly descending numbers
**      within 0-100. A score >= cutoff[i] falls in band i, below all four
**      in the last band.
**   5. score_steps: a non-empty JSON array of [threshold, score] pairs with
**      strictly descending thresholds and scores within 0-100.
*/
#include "csm_internal.h"
#include "errors.h"
#include "json_args.h"

#include <math.h>
#include <string.h>

/* Rule 3: reads a required argument that must lie in [lo, hi]. Returns
** CSM_OK, CSM_NULL (nothing set; the caller returns NULL) or CSM_INVALID. */
static int scoring_arg_range(sqlite3_context *ctx, sqlite3_value *pVal, const char *zFunc,
                             const char *zArg, double lo, double hi, double *pOut) {
  int rc = csm_arg_finite(ctx, pVal, zFunc, zArg, pOut);
  if (rc == CSM_OK && !(*pOut >= lo && *pOut <= hi)) {
    csm_result_error_got(ctx, pVal, "%s: %s must be between %g and %g", zFunc, zArg, lo, hi);
    return CSM_INVALID;
  }
  return rc;
}

/* Rule 1 for an optional argument: argv[i] when present and not NULL,
** else dflt. Returns CSM_OK or CSM_INVALID. */
static int scoring_opt_arg(sqlite3_context *ctx, int argc, sqlite3_value **argv, int i,
                           const char *zFunc, const char *zArg, double dflt, double *pOut) {
  *pOut = dflt;
  if (i >= argc) return CSM_OK;
  int rc = csm_arg_finite(ctx, argv[i], zFunc, zArg, pOut);
  if (rc == CSM_NULL) *pOut = dflt;
  return rc == CSM_INVALID ? CSM_INVALID : CSM_OK;
}

static double scoring_clamp(double x, double lo, double hi) {
  return x < lo ? lo : x > hi ? hi : x;
}

/*
** The JSON arguments. scoring_json_arg returns the parsed value of argv[i]
** (a ScoringTable: n rows of width numbers), from the statement's auxdata
** or freshly parsed and validated with xCheck -- then *pbFresh is set and
** the caller hands it to scoring_json_keep once it has used it (SQLite may
** free auxdata as soon as it is set). On failure it sets the error on ctx
** and returns 0.
*/
typedef struct ScoringTable {
  int n;      /* rows: cutoffs, or [threshold, score] pairs */
  double a[]; /* n * width numbers */
} ScoringTable;

typedef struct ScoringShape {
  const char *zArg;  /* argument name in messages: cutoffs, steps */
  const char *zWhat; /* what it must be, in messages */
  int width;         /* 1: array of numbers, 2: array of pairs */
  /* Rules 4 and 5: the problem with parsed (a, n), or 0 when valid. */
  const char *(*xCheck)(const double *a, int n);
} ScoringShape;

static ScoringTable *scoring_json_arg(sqlite3_context *ctx, sqlite3_value *pArg, int iArg,
                                      const char *zFunc, const ScoringShape *pShape, int *pbFresh) {
  ScoringTable *p = sqlite3_get_auxdata(ctx, iArg);
  *pbFresh = 0;
  if (p) return p;
  if (sqlite3_value_type(pArg) != SQLITE_TEXT) {
    csm_result_error_got(ctx, pArg, "%s: %s must be %s", zFunc, pShape->zArg, pShape->zWhat);
    return 0;
  }
  const char *z = (const char *)sqlite3_value_text(pArg);
  double *a = 0;
  int n = 0;
  char *zErr = 0;
  int rc = z == 0               ? SQLITE_NOMEM
           : pShape->width == 1 ? csm_json_parse_numbers(z, &a, &n, &zErr)
                                : csm_json_parse_pairs(z, &a, &n, &zErr);
  if (rc == SQLITE_OK) {
    const char *zProblem = pShape->xCheck(a, n);
    if (zProblem) {
      csm_result_error_got(ctx, pArg, "%s: %s %s", zFunc, pShape->zArg, zProblem);
    } else {
      size_t nNum = (size_t)n * (size_t)pShape->width;
      p = sqlite3_malloc64(sizeof(ScoringTable) + sizeof(double) * nNum);
      if (p == 0) {
        sqlite3_result_error_nomem(ctx);
      } else {
        p->n = n;
        if (nNum) memcpy(p->a, a, sizeof(double) * nNum);
        *pbFresh = 1;
      }
    }
  } else if (rc == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else {
    csm_result_error_got(ctx, pArg, "%s: %s must be %s (%s)", zFunc, pShape->zArg, pShape->zWhat,
                         zErr);
  }
  sqlite3_free(a);
  sqlite3_free(zErr);
  return p;
}

/* Offers a freshly parsed table to SQLite for the next rows; SQLite frees
** it (at once when the argument is not constant). */
static void scoring_json_keep(sqlite3_context *ctx, int iArg, ScoringTable *p, int bFresh) {
  if (bFresh) sqlite3_set_auxdata(ctx, iArg, p, sqlite3_free);
}

/* ---- health_tier, health_color, health_action --------------------------- */

#define TIER_N 5 /* bands, so four cutoffs */

static const double tier_default_cutoffs[TIER_N - 1] = {85, 70, 50, 30};

static const char *tier_check(const double *a, int n) {
  if (n != TIER_N - 1) return "must hold exactly 4 numbers";
  for (int i = 0; i < n; i++) {
    if (!(a[i] >= 0 && a[i] <= 100)) return "must be between 0 and 100";
    if (i > 0 && !(a[i] < a[i - 1])) return "must be strictly descending";
  }
  return 0;
}

static const ScoringShape tier_shape = {"cutoffs", "a JSON array of four descending numbers", 1,
                                        tier_check};

typedef struct TierLabels {
  const char *zFunc;
  const char *azLabel[TIER_N]; /* best band first */
} TierLabels;

static const TierLabels tier_labels[] = {
    {"health_tier", {"Thriving", "Healthy", "Neutral", "At-Risk", "Critical"}},
    {"health_color", {"green", "light-green", "yellow", "orange", "red"}},
    {"health_action",
     {"Expansion focus", "Monitor, optimize", "Proactive engagement", "Immediate intervention",
      "Executive escalation"}},
};

/* health_tier / health_color / health_action (score [, cutoffs]); the user
** data is the function's TierLabels. */
static void tier_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const TierLabels *pLabels = sqlite3_user_data(ctx);
  const double *aCut = tier_default_cutoffs;
  ScoringTable *p = 0;
  int bFresh = 0;
  double score;
  int rc = scoring_arg_range(ctx, argv[0], pLabels->zFunc, "score", 0, 100, &score);
  if (rc == CSM_INVALID) return;
  if (argc > 1 && sqlite3_value_type(argv[1]) != SQLITE_NULL) {
    p = scoring_json_arg(ctx, argv[1], 1, pLabels->zFunc, &tier_shape, &bFresh);
    if (p == 0) return;
    aCut = p->a;
  }
  if (rc == CSM_OK) {
    int band = 0;
    while (band < TIER_N - 1 && score < aCut[band]) band++;
    sqlite3_result_text(ctx, pLabels->azLabel[band], -1, SQLITE_STATIC);
  }
  scoring_json_keep(ctx, 1, p, bFresh);
}

/* ---- health_trend ------------------------------------------------------- */

/* health_trend(current, previous [, tolerance=5]). A change of exactly
** +-tolerance counts; with tolerance 0 an unchanged score is 'stable'. */
static void health_trend_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double cur, prev, tol;
  int rc1 = scoring_arg_range(ctx, argv[0], "health_trend", "current", 0, 100, &cur);
  if (rc1 == CSM_INVALID) return;
  int rc2 = scoring_arg_range(ctx, argv[1], "health_trend", "previous", 0, 100, &prev);
  if (rc2 == CSM_INVALID) return;
  if (scoring_opt_arg(ctx, argc, argv, 2, "health_trend", "tolerance", 5, &tol) != CSM_OK) {
    return;
  }
  if (!(tol >= 0)) {
    csm_result_error_got(ctx, argv[2], "health_trend: tolerance must be >= 0");
    return;
  }
  if (rc1 == CSM_NULL || rc2 == CSM_NULL) return;
  double d = cur - prev;
  const char *z = (d >= tol && d > 0) ? "improving" : (d <= -tol && d < 0) ? "declining" : "stable";
  sqlite3_result_text(ctx, z, -1, SQLITE_STATIC);
}

/* ---- normalisers -------------------------------------------------------- */

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
  /* Overflow gives +-Inf, which the clamp turns into 100 or 0. */
  sqlite3_result_double(ctx, scoring_clamp(100 * actual / target, 0, 100));
}

/* score_inverse(actual, worst [, best=0])
**   = clamp(100 * (worst - actual) / (worst - best), 0, 100). */
static void score_inverse_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double actual, worst, best;
  int rc1 = csm_arg_finite(ctx, argv[0], "score_inverse", "actual", &actual);
  if (rc1 == CSM_INVALID) return;
  int rc2 = csm_arg_finite(ctx, argv[1], "score_inverse", "worst", &worst);
  if (rc2 == CSM_INVALID) return;
  if (scoring_opt_arg(ctx, argc, argv, 2, "score_inverse", "best", 0, &best) != CSM_OK) return;
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
  /* Quartered first (exact: a power of two) so that neither difference
  ** can overflow to Inf and make Inf/Inf. */
  double x = 100 * ((worst / 4 - actual / 4) / (worst / 4 - best / 4));
  sqlite3_result_double(ctx, scoring_clamp(x, 0, 100));
}

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

static const ScoringShape steps_shape = {"steps", "a JSON array of [threshold, score] pairs", 2,
                                         steps_check};

/* score_steps(value, steps): the score of the first pair whose threshold
** is <= value, else 0. */
static void score_steps_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  double v;
  int bFresh;
  int rc = csm_arg_finite(ctx, argv[0], "score_steps", "value", &v);
  if (rc == CSM_INVALID) return;
  if (sqlite3_value_type(argv[1]) == SQLITE_NULL) return;
  ScoringTable *p = scoring_json_arg(ctx, argv[1], 1, "score_steps", &steps_shape, &bFresh);
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
  scoring_json_keep(ctx, 1, p, bFresh);
}

/* score_trend(base, current, prior [, sensitivity=0.2])
**   = clamp(base * (1 + sensitivity * (current - prior) / prior), 0, 100),
** base itself when prior is 0 or either usage figure is NULL (no trend). */
static void score_trend_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double base, cur, prior, sens;
  int rcBase = scoring_arg_range(ctx, argv[0], "score_trend", "base", 0, 100, &base);
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
  if (scoring_opt_arg(ctx, argc, argv, 3, "score_trend", "sensitivity", 0.2, &sens) != CSM_OK) {
    return;
  }
  if (rcBase == CSM_NULL) return;
  double x = base;
  if (rcCur == CSM_OK && rcPrior == CSM_OK && prior > 0 && base > 0) {
    /* base > 0: a huge trend factor may be Inf, and 0 * Inf is NaN. */
    x = scoring_clamp(base * (1 + sens * ((cur - prior) / prior)), 0, 100);
  }
  sqlite3_result_double(ctx, x);
}

/* ---- risk_tier ---------------------------------------------------------- */

/* risk_tier(probability): Critical > 0.70 >= High >= 0.50 > Medium >= 0.30
** > Low >= 0.10 > Minimal. */
static void risk_tier_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  double p;
  if (scoring_arg_range(ctx, argv[0], "risk_tier", "probability", 0, 1, &p) != CSM_OK) return;
  const char *z = p > 0.70    ? "Critical"
                  : p >= 0.50 ? "High"
                  : p >= 0.30 ? "Medium"
                  : p >= 0.10 ? "Low"
                              : "Minimal";
  sqlite3_result_text(ctx, z, -1, SQLITE_STATIC);
}

/* ---- bar ---------------------------------------------------------------- */

#define BAR_MAX_WIDTH 1000
static const char bar_full[3] = {'\xe2', '\x96', '\x88'};  /* U+2588 FULL BLOCK, UTF-8 */
static const char bar_light[3] = {'\xe2', '\x96', '\x91'}; /* U+2591 LIGHT SHADE */

/* bar(value, max [, width=20]): round(width * clamp(value, 0, max) / max)
** full blocks (halves round up), then light shades up to width. */
static void bar_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double v, mx, w;
  int rc1 = csm_arg_finite(ctx, argv[0], "bar", "value", &v);
  if (rc1 == CSM_INVALID) return;
  int rc2 = csm_arg_finite(ctx, argv[1], "bar", "max", &mx);
  if (rc2 == CSM_INVALID) return;
  if (rc2 == CSM_OK && !(mx > 0)) {
    csm_result_error_got(ctx, argv[1], "bar: max must be greater than 0");
    return;
  }
  if (scoring_opt_arg(ctx, argc, argv, 2, "bar", "width", 20, &w) != CSM_OK) return;
  if (!(w >= 1 && w <= BAR_MAX_WIDTH && w == floor(w))) {
    csm_result_error_got(ctx, argv[2], "bar: width must be a whole number between 1 and %d",
                         BAR_MAX_WIDTH);
    return;
  }
  if (rc1 == CSM_NULL || rc2 == CSM_NULL) return;
  int width = (int)w;
  double full = w * scoring_clamp(v, 0, mx) / mx;
  /* w * value overflows near DBL_MAX; the ratio first is then exact enough. */
  if (!isfinite(full)) full = w * (scoring_clamp(v, 0, mx) / mx);
  int nFull = (int)floor(full + 0.5);
  if (nFull > width) nFull = width;
  char z[BAR_MAX_WIDTH * 3];
  char *zOut = z;
  for (int i = 0; i < width; i++, zOut += 3) memcpy(zOut, i < nFull ? bar_full : bar_light, 3);
  sqlite3_result_text(ctx, z, (int)(zOut - z), SQLITE_TRANSIENT);
}

int scoring_register(sqlite3 *db) {
  static const struct {
    const char *zName;
    int nArg;
    void (*xFunc)(sqlite3_context *, int, sqlite3_value **);
    const void *pUser; /* tier_fn's labels */
  } aFunc[] = {
      {"health_tier", 1, tier_fn, &tier_labels[0]},
      {"health_tier", 2, tier_fn, &tier_labels[0]},
      {"health_color", 1, tier_fn, &tier_labels[1]},
      {"health_color", 2, tier_fn, &tier_labels[1]},
      {"health_action", 1, tier_fn, &tier_labels[2]},
      {"health_action", 2, tier_fn, &tier_labels[2]},
      {"health_trend", 2, health_trend_fn, 0},
      {"health_trend", 3, health_trend_fn, 0},
      {"score_linear", 2, score_linear_fn, 0},
      {"score_inverse", 2, score_inverse_fn, 0},
      {"score_inverse", 3, score_inverse_fn, 0},
      {"score_steps", 2, score_steps_fn, 0},
      {"score_trend", 3, score_trend_fn, 0},
      {"score_trend", 4, score_trend_fn, 0},
      {"risk_tier", 1, risk_tier_fn, 0},
      {"bar", 2, bar_fn, 0},
      {"bar", 3, bar_fn, 0},
  };
  for (size_t i = 0; i < sizeof(aFunc) / sizeof(aFunc[0]); i++) {
    int rc = sqlite3_create_function(db, aFunc[i].zName, aFunc[i].nArg, CSM_FUNC_FLAGS,
                                     (void *)aFunc[i].pUser, aFunc[i].xFunc, 0, 0);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}
