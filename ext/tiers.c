/*
** tiers.c -- the label functions: score bands (health_tier, health_color,
** health_action), the trend label and the churn-risk tier.
**
**   SELECT health_tier(72), health_color(72), health_action(72);
**     -- Healthy | light-green | Monitor, optimize
**   SELECT health_tier(72, '[90,75,50,30]');                      -- Neutral
**   SELECT health_trend(78, 70);                                  -- improving
**   SELECT risk_tier(0.55);                                       -- High
**
** How it works. Each label is a comparison of the score with a few
** thresholds; the three band functions share one table of labels and one
** cut-off reader. A cutoffs argument is parsed once per statement through
** the argument cache (arg_cache.h).
**
** Requirements (cited in the code by number):
**   T1. A NULL score gives NULL; an optional argument given as NULL takes
**       its default (cutoffs, tolerance).
**   T2. Scores are 0-100 and probabilities 0-1, numbers or numbers stored
**       as text (numbers.h); outside that is an error naming the argument
**       and the value, never a clamp.
**   T3. cutoffs: a JSON array of exactly four strictly descending numbers
**       within 0-100 ('[85,70,50,30]' when omitted). A score >= cutoff[i]
**       falls in band i, below all four in the last band.
**   T4. health_trend: 'improving' when current - previous >= tolerance
**       (and > 0), 'declining' when <= -tolerance (and < 0), else 'stable';
**       tolerance defaults to 5 and must be >= 0.
**   T5. risk_tier: 'Critical' > 0.70 >= 'High' >= 0.50 > 'Medium' >= 0.30
**       > 'Low' >= 0.10 > 'Minimal'.
*/
#include "arg_cache.h"
#include "csm_internal.h"
#include "errors.h"
#include "json_args.h"

#define TIER_N 5 /* bands, so four cutoffs */

static const double tier_default_cutoffs[TIER_N - 1] = {85, 70, 50, 30};

/* T3 */
static const char *tier_check(const double *a, int n) {
  if (n != TIER_N - 1) return "must hold exactly 4 numbers";
  for (int i = 0; i < n; i++) {
    if (!(a[i] >= 0 && a[i] <= 100)) return "must be between 0 and 100";
    if (i > 0 && !(a[i] < a[i - 1])) return "must be strictly descending";
  }
  return 0;
}

typedef struct TierLabels {
  CsmJsonShape shape;          /* the function's cutoffs argument */
  const char *azLabel[TIER_N]; /* best band first */
} TierLabels;

#define TIER_SHAPE(zFunc)                                                                          \
  { zFunc, "cutoffs", "a JSON array of four descending numbers", 1, tier_check }

static const TierLabels tier_labels[] = {
    {TIER_SHAPE("health_tier"), {"Thriving", "Healthy", "Neutral", "At-Risk", "Critical"}},
    {TIER_SHAPE("health_color"), {"green", "light-green", "yellow", "orange", "red"}},
    {TIER_SHAPE("health_action"),
     {"Expansion focus", "Monitor, optimize", "Proactive engagement", "Immediate intervention",
      "Executive escalation"}},
};

/* health_tier / health_color / health_action (score [, cutoffs]); the user
** data is the function's TierLabels. */
static void tier_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const TierLabels *pLabels = sqlite3_user_data(ctx);
  const double *aCut = tier_default_cutoffs;
  CsmJsonTable *p = 0;
  int bFresh = 0;
  double score;
  int rc = csm_arg_range(ctx, argv[0], pLabels->shape.zFunc, "score", 0, 100, &score);
  if (rc == CSM_INVALID) return;
  if (argc > 1 && sqlite3_value_type(argv[1]) != SQLITE_NULL) { /* T1 */
    p = csm_arg_parsed(ctx, argv, 1, csm_json_table_parse, &pLabels->shape, &bFresh);
    if (p == 0) return;
    aCut = p->a;
  }
  if (rc == CSM_OK) {
    int band = 0;
    while (band < TIER_N - 1 && score < aCut[band]) band++;
    sqlite3_result_text(ctx, pLabels->azLabel[band], -1, SQLITE_STATIC);
  }
  csm_arg_keep(ctx, 1, p, bFresh);
}

/* health_trend(current, previous [, tolerance=5]) (T4). A change of exactly
** +-tolerance counts; with tolerance 0 an unchanged score is 'stable'. */
static void health_trend_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double cur, prev, tol;
  int rc1 = csm_arg_range(ctx, argv[0], "health_trend", "current", 0, 100, &cur);
  if (rc1 == CSM_INVALID) return;
  int rc2 = csm_arg_range(ctx, argv[1], "health_trend", "previous", 0, 100, &prev);
  if (rc2 == CSM_INVALID) return;
  if (csm_arg_optional(ctx, argc, argv, 2, "health_trend", "tolerance", 5, &tol) != CSM_OK) {
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

/* risk_tier(probability) (T5). */
static void risk_tier_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  double p;
  if (csm_arg_range(ctx, argv[0], "risk_tier", "probability", 0, 1, &p) != CSM_OK) return;
  const char *z = p > 0.70    ? "Critical"
                  : p >= 0.50 ? "High"
                  : p >= 0.30 ? "Medium"
                  : p >= 0.10 ? "Low"
                              : "Minimal";
  sqlite3_result_text(ctx, z, -1, SQLITE_STATIC);
}

const CsmFunction tier_functions[] = {
    CSM_SCALAR("health_tier", 1, tier_fn, &tier_labels[0]),
    CSM_SCALAR("health_tier", 2, tier_fn, &tier_labels[0]),
    CSM_SCALAR("health_color", 1, tier_fn, &tier_labels[1]),
    CSM_SCALAR("health_color", 2, tier_fn, &tier_labels[1]),
    CSM_SCALAR("health_action", 1, tier_fn, &tier_labels[2]),
    CSM_SCALAR("health_action", 2, tier_fn, &tier_labels[2]),
    CSM_SCALAR("health_trend", 2, health_trend_fn, 0),
    CSM_SCALAR("health_trend", 3, health_trend_fn, 0),
    CSM_SCALAR("risk_tier", 1, risk_tier_fn, 0),
    CSM_FUNCTION_END,
};
