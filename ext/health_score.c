/*
** health_score.c -- the weighted customer health score and its coverage
** (the weighted mean of five component scores, docs/functions/health_score.md).
**
**   SELECT health_score(80, 60, 70, 50, 90);                  -- 70.0
**   SELECT health_score(80, NULL, 70, 50, 90, 'enterprise');  -- 72.857...
**   SELECT health_score(80, NULL, 70, 50, 90, NULL, 'zero');  -- 55.0
**   SELECT health_coverage(80, NULL, 70, 50, 90);             -- 0.75
**
** How it works. The five components (usage, engagement, growth, support,
** financial) are 0-100 scores or NULL. The weights argument -- a profile
** name or a JSON object of relative weights -- is turned into five
** non-negative numbers (a HealthWeights) once per statement and cached with
** the argument cache (arg_cache.h), so the per-row work is five value reads and a
** weighted mean with no allocation. SQLite keeps auxdata only while the
** argument is a constant; for a weights column it is parsed on every row,
** which is slower but still right.
**
** Requirements (numbered as the code cites them):
**   1. A component outside 0-100, or text that is not a number, is an error
**      naming the component: "health_score: usage must be between 0 and
**      100, got 130".
**   2. redistribute (default): sum(w*s)/sum(w) over the components that are
**      not NULL and have w > 0; NULL when none remains.
**   3. zero / neutral: a NULL component scores 0 / 50 and keeps its weight;
**      the result is NULL only when all five components are NULL.
**   4. Profiles (weights of usage, engagement, growth, support, financial):
**      default 35/25/15/15/10, classic 35/25/20/20/0, self_serve
**      45/15/20/15/5, enterprise 30/30/15/15/10, usage_based 50/15/20/10/5,
**      high_touch 20/40/15/20/5. Names, and the missing policy words, are
**      matched in any case ('Default'); an unknown name is an error listing
**      the valid ones. Profile weights are kept as the integers of
**      the table, so the default profile computes exactly
**      (35*u + 25*e + 15*g + 15*s + 10*f) / 100.
**   5. A JSON object gives relative weights: keys usage, engagement,
**      growth, support, financial only; a missing key weighs 0; an unknown
**      or repeated key, a non-number, a negative or non-finite weight and an
**      all-zero object are errors. The weights are divided by their sum
**      (after scaling by the largest, so huge weights cannot overflow).
**   6. An optional argument given as NULL takes its default: weights NULL
**      is the default profile, missing NULL is 'redistribute'.
**   7. health_coverage is sum(w over non-NULL components) / sum(w): 0 when
**      every component is NULL, 1 when none is.
*/
#include "arg_cache.h"
#include "csm_internal.h"
#include "errors.h"
#include "json_args.h"

#include <math.h>
#include <string.h>

#define HEALTH_N 5 /* components */

static const char *const health_component[HEALTH_N] = {"usage", "engagement", "growth", "support",
                                                       "financial"};

typedef struct HealthWeights {
  double w[HEALTH_N]; /* weight of each component, >= 0, not all 0 */
} HealthWeights;

/* Requirement 4: the profiles, in the order of their names. */
static const char *const health_profile_name[] = {"default",    "classic",     "self_serve",
                                                  "enterprise", "usage_based", "high_touch"};
static const HealthWeights health_profile_weights[] = {
    {{35, 25, 15, 15, 10}}, {{35, 25, 20, 20, 0}}, {{45, 15, 20, 15, 5}},
    {{30, 30, 15, 15, 10}}, {{50, 15, 20, 10, 5}}, {{20, 40, 15, 20, 5}},
};
#define HEALTH_N_PROFILE ((int)(sizeof(health_profile_name) / sizeof(health_profile_name[0])))
#define HEALTH_PROFILE_NAMES "default, classic, self_serve, enterprise, usage_based, high_touch"

/* The missing-data policies (requirements 2 and 3), in the order of their
** words. */
typedef enum { HEALTH_REDISTRIBUTE, HEALTH_ZERO, HEALTH_NEUTRAL } HealthPolicy;
static const char *const health_policy_name[] = {"redistribute", "zero", "neutral"};
#define HEALTH_N_POLICY 3

/* Requirement 5: fills *pW from the JSON object z (the text of pArg, quoted
** in messages). Returns 1, or 0 with an error (or out-of-memory) set on ctx. */
static int health_weights_json(sqlite3_context *ctx, sqlite3_value *pArg, const char *z,
                               const char *zFunc, HealthWeights *pW) {
  CsmJsonMember *aMember = 0;
  int nMember = 0, ok = 0;
  int aSeen[HEALTH_N] = {0};
  char *zErr = 0;
  int rc = csm_json_parse_object(z, &aMember, &nMember, &zErr);
  if (rc == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
    goto done;
  }
  if (rc != SQLITE_OK) {
    csm_result_error_got(ctx, pArg, "%s: weights must be a JSON object of numbers (%s)", zFunc,
                         zErr);
    goto done;
  }
  memset(pW, 0, sizeof(*pW));
  double mx = 0;
  for (int i = 0; i < nMember; i++) {
    int k = 0;
    while (k < HEALTH_N && strcmp(aMember[i].zKey, health_component[k]) != 0) k++;
    if (k == HEALTH_N) {
      csm_result_errorf(ctx,
                        "%s: weights key must be usage, engagement, growth, "
                        "support or financial, got '%q'",
                        zFunc, aMember[i].zKey);
      goto done;
    }
    if (aSeen[k]++) {
      csm_result_errorf(ctx, "%s: weights key '%s' appears more than once", zFunc,
                        health_component[k]);
      goto done;
    }
    double v = aMember[i].v;
    if (!(v >= 0) || !isfinite(v)) {
      csm_result_errorf(ctx, "%s: weight of %s must be a finite number >= 0, got %.15g", zFunc,
                        health_component[k], v);
      goto done;
    }
    pW->w[k] = v;
    if (v > mx) mx = v;
  }
  if (mx == 0) {
    csm_result_error_got(ctx, pArg, "%s: weights must not all be zero", zFunc);
    goto done;
  }
  double sum = 0;
  for (int k = 0; k < HEALTH_N; k++) sum += pW->w[k] / mx;
  for (int k = 0; k < HEALTH_N; k++) pW->w[k] = pW->w[k] / mx / sum;
  ok = 1;
done:
  sqlite3_free(zErr);
  csm_json_free_members(aMember, nMember);
  return ok;
}

/* A CsmArgParser for the weights argument (requirements 4 and 5): a new
** HealthWeights from a profile name (any case) or a JSON object; pShape is
** the SQL function name. */
static void *health_weights_parse(sqlite3_context *ctx, sqlite3_value *pArg, const void *pShape) {
  const char *zFunc = pShape;
  HealthWeights w;
  const char *z =
      sqlite3_value_type(pArg) == SQLITE_TEXT ? (const char *)sqlite3_value_text(pArg) : 0;
  if (sqlite3_value_type(pArg) == SQLITE_TEXT && z == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  if (z != 0 && z[strspn(z, " \t\n\r")] == '{') {
    if (!health_weights_json(ctx, pArg, z, zFunc, &w)) return 0;
  } else {
    int k = csm_word_index(z, health_profile_name, HEALTH_N_PROFILE);
    if (k < 0) {
      csm_result_error_got(
          ctx, pArg,
          "%s: weights must be a profile name (" HEALTH_PROFILE_NAMES ") or a JSON object", zFunc);
      return 0;
    }
    w = health_profile_weights[k];
  }
  HealthWeights *p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  *p = w;
  return p;
}

/* The weights in argument iArg of the current call (requirements 4-6),
** through the argument cache. Copies them to *pOut and returns 1, or
** returns 0 with an error set on ctx. */
static int health_weights_arg(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
                              const char *zFunc, HealthWeights *pOut) {
  int bFresh;
  if (sqlite3_value_type(argv[iArg]) == SQLITE_NULL) {
    *pOut = health_profile_weights[0];
    return 1;
  }
  HealthWeights *p = csm_arg_parsed(ctx, argv, iArg, health_weights_parse, zFunc, &bFresh);
  if (p == 0) return 0;
  *pOut = *p;
  csm_arg_keep(ctx, iArg, p, bFresh);
  return 1;
}

/* A CsmArgParser for the missing argument (requirement 3): a new
** HealthPolicy from a policy word in any case. */
static void *health_policy_parse(sqlite3_context *ctx, sqlite3_value *pArg, const void *pShape) {
  (void)pShape;
  int k = sqlite3_value_type(pArg) == SQLITE_TEXT
              ? csm_word_index((const char *)sqlite3_value_text(pArg), health_policy_name,
                               HEALTH_N_POLICY)
              : -1;
  if (k < 0) {
    csm_result_error_got(ctx, pArg,
                         "health_score: missing must be 'redistribute', 'zero' or 'neutral'");
    return 0;
  }
  HealthPolicy *p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  *p = (HealthPolicy)k;
  return p;
}

/* The missing policy in argv[iArg] (requirements 3 and 6). Returns 1 with
** *pPolicy set, or 0 with an error set on ctx. */
static int health_policy_arg(sqlite3_context *ctx, sqlite3_value **argv, int iArg,
                             HealthPolicy *pPolicy) {
  int bFresh;
  if (sqlite3_value_type(argv[iArg]) == SQLITE_NULL) {
    *pPolicy = HEALTH_REDISTRIBUTE;
    return 1;
  }
  HealthPolicy *p = csm_arg_parsed(ctx, argv, iArg, health_policy_parse, 0, &bFresh);
  if (p == 0) return 0;
  *pPolicy = *p;
  csm_arg_keep(ctx, iArg, p, bFresh);
  return 1;
}

/* Requirement 1: reads the five components into a[] with bPresent[k] = 0
** for NULL. Returns 1, or 0 with an error set on ctx. */
static int health_components(sqlite3_context *ctx, sqlite3_value **argv, const char *zFunc,
                             double *a, int *bPresent) {
  for (int k = 0; k < HEALTH_N; k++) {
    int rc = csm_arg_number(ctx, argv[k], zFunc, health_component[k], &a[k]);
    if (rc == CSM_INVALID) return 0;
    bPresent[k] = rc == CSM_OK;
    if (bPresent[k] && !(a[k] >= 0 && a[k] <= 100)) {
      csm_result_error_got(ctx, argv[k], "%s: %s must be between 0 and 100", zFunc,
                           health_component[k]);
      return 0;
    }
  }
  return 1;
}

/* health_score(usage, engagement, growth, support, financial [, weights [, missing]]) */
static void health_score_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double a[HEALTH_N];
  int bPresent[HEALTH_N];
  HealthWeights w = health_profile_weights[0];
  HealthPolicy policy = HEALTH_REDISTRIBUTE;
  if (!health_components(ctx, argv, "health_score", a, bPresent)) return;
  if (argc > 5 && !health_weights_arg(ctx, argv, 5, "health_score", &w)) return;
  if (argc > 6 && !health_policy_arg(ctx, argv, 6, &policy)) return;

  /* Requirements 2 and 3. */
  double fill = policy == HEALTH_NEUTRAL ? 50 : 0;
  double num = 0, den = 0;
  int nPresent = 0;
  for (int k = 0; k < HEALTH_N; k++) {
    nPresent += bPresent[k];
    if (w.w[k] <= 0) continue;
    if (bPresent[k]) {
      num += w.w[k] * a[k];
      den += w.w[k];
    } else if (policy != HEALTH_REDISTRIBUTE) {
      num += w.w[k] * fill;
      den += w.w[k];
    }
  }
  if (nPresent == 0 || den == 0) {
    sqlite3_result_null(ctx);
  } else {
    sqlite3_result_double(ctx, num / den);
  }
}

/* health_coverage(usage, engagement, growth, support, financial [, weights])
** Requirement 7. */
static void health_coverage_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double a[HEALTH_N];
  int bPresent[HEALTH_N];
  HealthWeights w = health_profile_weights[0];
  if (!health_components(ctx, argv, "health_coverage", a, bPresent)) return;
  if (argc > 5 && !health_weights_arg(ctx, argv, 5, "health_coverage", &w)) return;
  double covered = 0, total = 0;
  for (int k = 0; k < HEALTH_N; k++) {
    total += w.w[k];
    if (bPresent[k]) covered += w.w[k];
  }
  sqlite3_result_double(ctx, covered / total);
}

const CsmFunction health_score_functions[] = {
    CSM_SCALAR("health_score", 5, health_score_fn, 0),
    CSM_SCALAR("health_score", 6, health_score_fn, 0),
    CSM_SCALAR("health_score", 7, health_score_fn, 0),
    CSM_SCALAR("health_coverage", 5, health_coverage_fn, 0),
    CSM_SCALAR("health_coverage", 6, health_coverage_fn, 0),
    CSM_FUNCTION_END,
};
