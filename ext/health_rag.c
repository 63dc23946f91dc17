/*
** health_rag.c -- health_rag(score [, cutoffs]): the three-colour status
** (red / amber-yellow / green) that the seed's reports print next to a
** health score.
**
**   SELECT health_rag(92), health_rag(74), health_rag(31);  -- Green|Yellow|Red
**   SELECT health_rag(74, '[70,40]');                        -- Green
**
** Rules (docs/functions/health_rag.md):
**   1. 'Green' when score >= cutoffs[0], 'Yellow' when score >= cutoffs[1],
**      else 'Red'; the default cutoffs are [75,50], so Red is the same line
**      as the model's at-risk default (health below 50).
**   2. cutoffs: a JSON array of exactly two strictly descending numbers
**      within 0-100; NULL means the default. They are parsed once per
**      statement and cached (ext/arg_cache.h).
**   3. A NULL score gives NULL (bad cutoffs are still an error); a score
**      outside 0-100, non-numeric or infinite is an error.
*/
#include "arg_cache.h"
#include "errors.h"
#include "json_args.h"

#define RAG_N 2 /* cutoffs */

static const char *const rag_labels[RAG_N + 1] = {"Green", "Yellow", "Red"};
static const double rag_default[RAG_N] = {75, 50};

/* Rule 2, a CsmArgParser: the cutoffs of pArg (TEXT or not, never NULL) as
** a new array of RAG_N doubles, or 0 after setting the error on ctx. */
static void *rag_cutoffs(sqlite3_context *ctx, sqlite3_value *pArg, const void *pShape) {
  (void)pShape;
  double *a = 0;
  const char *zWhat = "health_rag: cutoffs must be a JSON array of two descending numbers";
  if (sqlite3_value_type(pArg) != SQLITE_TEXT) {
    csm_result_error_got(ctx, pArg, "%s", zWhat);
    return 0;
  }
  const char *z = (const char *)sqlite3_value_text(pArg);
  char *zErr = 0;
  int n = 0;
  int rc = z ? csm_json_parse_numbers(z, &a, &n, &zErr) : SQLITE_NOMEM;
  if (rc == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else if (rc != SQLITE_OK) {
    csm_result_error_got(ctx, pArg, "%s (%s)", zWhat, zErr);
  } else if (n != RAG_N) {
    csm_result_error_got(ctx, pArg, "health_rag: cutoffs must hold exactly 2 numbers");
  } else if (!(a[0] >= 0 && a[0] <= 100 && a[1] >= 0 && a[1] <= 100)) {
    csm_result_error_got(ctx, pArg, "health_rag: cutoffs must be between 0 and 100");
  } else if (!(a[1] < a[0])) {
    csm_result_error_got(ctx, pArg, "health_rag: cutoffs must be strictly descending");
  } else {
    sqlite3_free(zErr);
    return a;
  }
  sqlite3_free(zErr);
  sqlite3_free(a);
  return 0;
}

static void health_rag_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const double *aCut = rag_default;
  void *pParsed = 0;
  int bFresh = 0;
  double score;
  int rc = csm_arg_finite(ctx, argv[0], "health_rag", "score", &score);
  if (rc == CSM_INVALID) return;
  if (rc == CSM_OK && !(score >= 0 && score <= 100)) {
    csm_result_error_got(ctx, argv[0], "health_rag: score must be between 0 and 100");
    return;
  }
  if (argc > 1 && sqlite3_value_type(argv[1]) != SQLITE_NULL) {
    pParsed = csm_arg_parsed(ctx, argv, 1, rag_cutoffs, 0, &bFresh);
    if (pParsed == 0) return;
    aCut = pParsed;
  }
  if (rc == CSM_OK) {
    int band = 0;
    while (band < RAG_N && score < aCut[band]) band++;
    sqlite3_result_text(ctx, rag_labels[band], -1, SQLITE_STATIC);
  }
  csm_arg_keep(ctx, 1, pParsed, bFresh);
}

const CsmFunction health_rag_functions[] = {
    CSM_SCALAR("health_rag", 1, health_rag_fn, 0),
    CSM_SCALAR("health_rag", 2, health_rag_fn, 0),
    CSM_FUNCTION_END,
};
