/*
** threshold_sweep.c -- the threshold_sweep table-valued function: where to
** draw the at-risk line. For every threshold t, how many rows a rule
** "flag when score < t" (or ">= t") flags, against a 0/1 outcome: the
** confusion counts, precision, recall, F1, false-positive rate and cost.
**
**   SELECT threshold, flagged, true_positives, precision, recall
**     FROM threshold_sweep('scored', 'health_score', 'churned_90d');
**   0.0|0|0||0.0                    <- t = 0, 5, ..., 100: flag score < t
**   5.0|1|1|1.0|0.25
**   ...                                (docs/tables/threshold_sweep.md)
**   SELECT * FROM threshold_sweep('scored', 'risk', 'churned', 0, 1, 0.05,
**                                 'above', 1, 5);
**
** Arguments (hidden columns, positional order): source, score_column,
** outcome_column (required), lo (0), hi (100), step (5), direction
** ('below': flagged when score < t; 'above': flagged when score >= t),
** cost_fp (1), cost_fn (1).
**
** Requirements, referred to in the code as R1..R6:
**   R1 thresholds are t = lo + k*step for k = 0, 1, ... while t <= hi +
**      1e-9*step; step > 0, hi >= lo, costs >= 0, lo, hi and step finite,
**      at most 100,000 thresholds, and a step that moves lo (lo + step >
**      lo; a smaller one would repeat lo forever): each an error naming
**      the value.
**   R2 rows with a NULL score or outcome are skipped; an outcome other
**      than 0 or 1, or a score that is not a number, is an error naming it.
**   R3 one row per threshold, ascending; counts of flagged rows, true and
**      false positives and negatives (positive: outcome 1).
**   R4 precision = tp / flagged, recall = tp / (tp + fn), fpr = fp /
**      (fp + tn), each NULL when its denominator is 0; f1 = 2pr / (p + r),
**      NULL when p or r is NULL or both are 0.
**   R5 flagged_share = flagged / rows read, NULL when no row was read (an
**      empty source still gives one row per threshold, counts 0).
**   R6 expected_cost = cost_fp * fp + cost_fn * fn.
**
** How it works. xFilter reads SELECT score, outcome once and keeps the
** scores of positive and of negative rows in two arrays, then sorts each:
** O(n log n). Thresholds ascend, so xNext moves one pointer per array
** forward past the scores below t: O(n + thresholds) for the whole sweep,
** never n x thresholds. Memory: 8 bytes per row read.
**
** The inner statement runs on the same connection, so sqlite3_interrupt()
** makes its sqlite3_step() return SQLITE_INTERRUPT, which xFilter returns.
*/
#include "array.h"
#include "errors.h"
#include "tvf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Output columns, then the arguments (hidden), in positional order. */
#define SWEEP_SCHEMA                                                                               \
  "CREATE TABLE x(threshold REAL, flagged INTEGER, true_positives INTEGER,"                        \
  " false_positives INTEGER, false_negatives INTEGER, true_negatives INTEGER,"                     \
  " precision REAL, recall REAL, f1 REAL, fpr REAL, flagged_share REAL, expected_cost REAL,"       \
  " source HIDDEN, score_column HIDDEN, outcome_column HIDDEN, lo HIDDEN, hi HIDDEN,"              \
  " step HIDDEN, direction HIDDEN, cost_fp HIDDEN, cost_fn HIDDEN)"
#define SWEEP_COL_THRESHOLD 0
#define SWEEP_COL_FLAGGED 1
#define SWEEP_COL_TP 2
#define SWEEP_COL_FP 3
#define SWEEP_COL_FN 4
#define SWEEP_COL_TN 5
#define SWEEP_COL_PRECISION 6
#define SWEEP_COL_RECALL 7
#define SWEEP_COL_F1 8
#define SWEEP_COL_FPR 9
#define SWEEP_COL_FLAGGED_SHARE 10
#define SWEEP_COL_EXPECTED_COST 11
#define SWEEP_COL_FIRST_ARG 12
#define SWEEP_ARG_SOURCE 0
#define SWEEP_ARG_SCORE 1
#define SWEEP_ARG_OUTCOME 2
#define SWEEP_ARG_LO 3
#define SWEEP_ARG_HI 4
#define SWEEP_ARG_STEP 5
#define SWEEP_ARG_DIRECTION 6
#define SWEEP_ARG_COST_FP 7
#define SWEEP_ARG_COST_FN 8
#define SWEEP_N_ARG 9

#define SWEEP_MAX_THRESHOLDS 100000 /* R1 */

/* The scores of one outcome, sorted, and how many are below the threshold. */
typedef struct SweepScores {
  double *a;
  sqlite3_int64 n, nAlloc;
  sqlite3_int64 nBelow; /* entries < the current threshold */
} SweepScores;

typedef struct SweepCursor {
  sqlite3_vtab_cursor base;
  TvfArgs args;
  double lo, step;          /* R1 */
  double costFp, costFn;    /* R6 */
  int bAbove;               /* direction = 'above' */
  SweepScores pos, neg;     /* outcome 1, outcome 0 */
  sqlite3_int64 nThreshold; /* R1 */
  sqlite3_int64 k;          /* the current threshold's number */
} SweepCursor;

/* ---------------------------------------------------------------- scores */

static int sweep_push(SweepScores *p, double x) {
  if (csm_array_reserve((void **)&p->a, &p->nAlloc, p->n + 1, sizeof(double))) return SQLITE_NOMEM;
  p->a[p->n++] = x;
  return SQLITE_OK;
}

static int sweep_double_cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Steps pStmt (score, outcome) to the end into pCur->pos and pCur->neg,
** sorted (R2). Returns an SQLite code, the vtab message set on errors. */
static int sweep_read(SweepCursor *pCur, TvfSource *pSrc, const char *zScore,
                      const char *zOutcome) {
  sqlite3_vtab *pVtab = pCur->base.pVtab;
  sqlite3_stmt *pStmt = pSrc->pStmt;
  int rc;
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    sqlite3_value *pScore = sqlite3_column_value(pStmt, 0);
    sqlite3_value *pOutcome = sqlite3_column_value(pStmt, 1);
    double score, outcome;
    int rcScore = csm_value_number(pScore, &score);
    int rcOutcome = csm_value_number(pOutcome, &outcome);
    if (rcScore == CSM_INVALID) {
      return csm_vtab_error_got(pVtab, pScore, "threshold_sweep: score_column %s must hold numbers",
                                zScore);
    }
    if (rcOutcome == CSM_INVALID || (rcOutcome == CSM_OK && outcome != 0.0 && outcome != 1.0)) {
      return csm_vtab_error_got(pVtab, pOutcome,
                                "threshold_sweep: outcome_column %s must hold 0 or 1", zOutcome);
    }
    if (rcScore == CSM_NULL || rcOutcome == CSM_NULL) continue;
    if (sweep_push(outcome == 1.0 ? &pCur->pos : &pCur->neg, score) != SQLITE_OK) {
      return SQLITE_NOMEM;
    }
  }
  if (rc != SQLITE_DONE) return tvf_source_error(pSrc, rc);
  if (pCur->pos.n > 1) qsort(pCur->pos.a, (size_t)pCur->pos.n, sizeof(double), sweep_double_cmp);
  if (pCur->neg.n > 1) qsort(pCur->neg.a, (size_t)pCur->neg.n, sizeof(double), sweep_double_cmp);
  return SQLITE_OK;
}

static double sweep_threshold(const SweepCursor *pCur, sqlite3_int64 k) {
  return pCur->lo + (double)k * pCur->step;
}

/* Moves both pointers to the current threshold (R3): after it, nBelow
** counts the scores < t. */
static void sweep_advance(SweepCursor *pCur) {
  double t = sweep_threshold(pCur, pCur->k);
  while (pCur->pos.nBelow < pCur->pos.n && pCur->pos.a[pCur->pos.nBelow] < t) pCur->pos.nBelow++;
  while (pCur->neg.nBelow < pCur->neg.n && pCur->neg.a[pCur->neg.nBelow] < t) pCur->neg.nBelow++;
}

/* Counts the thresholds from lo to hi (R1), or sets the error. */
static int sweep_count(SweepCursor *pCur, double hi) {
  double lo = pCur->lo, step = pCur->step;
  double top = hi + 1e-9 * step;
  double q = (hi - lo) / step; /* finite: lo, hi, step are, and step > 0 */
  char zGot[40];
  if (lo + step == lo) {
    return csm_vtab_errorf(pCur->base.pVtab,
                           "threshold_sweep: step %!.15g is below the precision of lo %!.15g"
                           " (the thresholds would not move)",
                           step, lo);
  }
  if (q <= 2.0 * SWEEP_MAX_THRESHOLDS) {
    sqlite3_int64 k = (sqlite3_int64)floor(q + 1e-9);
    /* floor(q) is off by rounding only; the bound keeps the correction
    ** finite where step barely moves lo. */
    while (k <= SWEEP_MAX_THRESHOLDS && lo + (double)(k + 1) * step <= top) k++;
    while (k > 0 && lo + (double)k * step > top) k--;
    if (k + 1 <= SWEEP_MAX_THRESHOLDS) {
      pCur->nThreshold = k + 1;
      return SQLITE_OK;
    }
    sqlite3_snprintf(sizeof(zGot), zGot, "%lld", k + 1);
  } else if (q < 9e15) {
    sqlite3_snprintf(sizeof(zGot), zGot, "%lld", (sqlite3_int64)floor(q + 1e-9) + 1);
  } else {
    sqlite3_snprintf(sizeof(zGot), zGot, "%!.15g", floor(q) + 1);
  }
  return csm_vtab_errorf(pCur->base.pVtab,
                         "threshold_sweep: at most %d thresholds, got %s (lo %!.15g, hi %!.15g,"
                         " step %!.15g)",
                         SWEEP_MAX_THRESHOLDS, zGot, lo, hi, step);
}

/* ---------------------------------------------------------------- vtab */

static void sweep_reset(sqlite3_vtab_cursor *cur) {
  SweepCursor *pCur = (SweepCursor *)cur;
  tvf_args_clear(&pCur->args);
  sqlite3_free(pCur->pos.a);
  sqlite3_free(pCur->neg.a);
  memset(&pCur->pos, 0, sizeof(pCur->pos));
  memset(&pCur->neg, 0, sizeof(pCur->neg));
  pCur->nThreshold = pCur->k = 0;
}

static const char *const azSweepDirection[] = {"below", "above", 0};

/* The arguments, in positional order (ext/tvf.h). */
static const TvfArg aSweepArg[SWEEP_N_ARG] = {
    {"source", TVF_TABLE, 0, 0, 1},
    {"score_column", TVF_COLUMN, 0, 0, 1},
    {"outcome_column", TVF_COLUMN, 0, 0, 1},
    {"lo", TVF_NUMBER, "0", 0, 0},
    {"hi", TVF_NUMBER, "100", 0, 0},
    {"step", TVF_NUMBER, "5", 0, 0},
    {"direction", TVF_CHOICE, "below", azSweepDirection, 0},
    {"cost_fp", TVF_NUMBER, "1", 0, 0},
    {"cost_fn", TVF_NUMBER, "1", 0, 0},
};

static const TvfOrder aSweepOrder[] = {{SWEEP_COL_THRESHOLD, -1}};

static const TvfSpec sweep_spec = {
    "threshold_sweep", SWEEP_SCHEMA, SWEEP_COL_FIRST_ARG, SWEEP_N_ARG, aSweepArg, aSweepOrder, 1};

/* Checks the numeric arguments (R1): finite, step > 0, hi >= lo, costs
** >= 0. Returns SQLITE_OK or the error. */
static int sweep_check(SweepCursor *pCur) {
  sqlite3_vtab *pVtab = pCur->base.pVtab;
  const TvfValue *a = pCur->args.a;
  for (int i = SWEEP_ARG_LO; i < SWEEP_N_ARG; i++) {
    if (aSweepArg[i].eKind == TVF_NUMBER && !isfinite(a[i].r)) {
      return csm_vtab_error_got(pVtab, a[i].pGiven, "threshold_sweep: %s must be a finite number",
                                aSweepArg[i].zName);
    }
  }
  if (!(a[SWEEP_ARG_STEP].r > 0.0)) {
    return csm_vtab_error_got(pVtab, a[SWEEP_ARG_STEP].pGiven,
                              "threshold_sweep: step must be greater than 0");
  }
  if (a[SWEEP_ARG_HI].r < a[SWEEP_ARG_LO].r) { /* hi may be the default, not given */
    return csm_vtab_errorf(pVtab,
                           "threshold_sweep: hi must not be less than lo (%!.15g), got %!.15g",
                           a[SWEEP_ARG_LO].r, a[SWEEP_ARG_HI].r);
  }
  for (int i = SWEEP_ARG_COST_FP; i <= SWEEP_ARG_COST_FN; i++) {
    if (a[i].r < 0.0) {
      return csm_vtab_error_got(pVtab, a[i].pGiven, "threshold_sweep: %s must not be negative",
                                aSweepArg[i].zName);
    }
  }
  return SQLITE_OK;
}

static int sweep_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                        sqlite3_value **argv) {
  (void)idxStr;
  SweepCursor *pCur = (SweepCursor *)cur;
  const TvfValue *a = pCur->args.a;
  TvfSource src;
  sweep_reset(cur);
  int rc = tvf_capture(cur, idxNum, argc, argv, &pCur->args);
  if (rc == SQLITE_OK) rc = sweep_check(pCur);
  if (rc != SQLITE_OK) return rc;
  pCur->lo = a[SWEEP_ARG_LO].r;
  pCur->step = a[SWEEP_ARG_STEP].r;
  pCur->costFp = a[SWEEP_ARG_COST_FP].r;
  pCur->costFn = a[SWEEP_ARG_COST_FN].r;
  pCur->bAbove = a[SWEEP_ARG_DIRECTION].iChoice == 1;
  if ((rc = sweep_count(pCur, a[SWEEP_ARG_HI].r)) != SQLITE_OK) return rc;
  const char *azCol[2] = {a[SWEEP_ARG_SCORE].z, a[SWEEP_ARG_OUTCOME].z};
  rc = tvf_source_open(&src, cur, "source", a[SWEEP_ARG_SOURCE].z, azCol, 2, 0);
  if (rc == SQLITE_OK) rc = sweep_read(pCur, &src, azCol[0], azCol[1]);
  tvf_source_close(&src);
  if (rc == SQLITE_OK) sweep_advance(pCur);
  return rc;
}

static int sweep_next(sqlite3_vtab_cursor *cur) {
  SweepCursor *pCur = (SweepCursor *)cur;
  if (++pCur->k < pCur->nThreshold) sweep_advance(pCur);
  return SQLITE_OK;
}

static int sweep_eof(sqlite3_vtab_cursor *cur) {
  SweepCursor *pCur = (SweepCursor *)cur;
  return pCur->k >= pCur->nThreshold;
}

static int sweep_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int iCol) {
  SweepCursor *pCur = (SweepCursor *)cur;
  sqlite3_int64 nPos = pCur->pos.n, nNeg = pCur->neg.n;
  /* R3: below flags the scores < t, above those >= t. */
  sqlite3_int64 tp = pCur->bAbove ? nPos - pCur->pos.nBelow : pCur->pos.nBelow;
  sqlite3_int64 fp = pCur->bAbove ? nNeg - pCur->neg.nBelow : pCur->neg.nBelow;
  sqlite3_int64 fn = nPos - tp, tn = nNeg - fp, flagged = tp + fp;
  switch (iCol) {
  case SWEEP_COL_THRESHOLD:
    sqlite3_result_double(ctx, sweep_threshold(pCur, pCur->k));
    break;
  case SWEEP_COL_FLAGGED:
    sqlite3_result_int64(ctx, flagged);
    break;
  case SWEEP_COL_TP:
    sqlite3_result_int64(ctx, tp);
    break;
  case SWEEP_COL_FP:
    sqlite3_result_int64(ctx, fp);
    break;
  case SWEEP_COL_FN:
    sqlite3_result_int64(ctx, fn);
    break;
  case SWEEP_COL_TN:
    sqlite3_result_int64(ctx, tn);
    break;
  case SWEEP_COL_PRECISION: /* R4 */
    if (flagged > 0) sqlite3_result_double(ctx, (double)tp / (double)flagged);
    break;
  case SWEEP_COL_RECALL:
    if (nPos > 0) sqlite3_result_double(ctx, (double)tp / (double)nPos);
    break;
  case SWEEP_COL_F1:
    /* 2pr / (p + r) = 2tp / (flagged + positives), defined when both
    ** denominators are and tp > 0. */
    if (flagged > 0 && nPos > 0 && tp > 0) {
      double pr = (double)tp / (double)flagged, rc = (double)tp / (double)nPos;
      sqlite3_result_double(ctx, 2.0 * pr * rc / (pr + rc));
    }
    break;
  case SWEEP_COL_FPR:
    if (nNeg > 0) sqlite3_result_double(ctx, (double)fp / (double)nNeg);
    break;
  case SWEEP_COL_FLAGGED_SHARE: /* R5 */
    if (nPos + nNeg > 0) sqlite3_result_double(ctx, (double)flagged / (double)(nPos + nNeg));
    break;
  case SWEEP_COL_EXPECTED_COST: /* R6 */
    sqlite3_result_double(ctx, pCur->costFp * (double)fp + pCur->costFn * (double)fn);
    break;
  default:
    tvf_result_arg(ctx, &pCur->args, iCol - SWEEP_COL_FIRST_ARG);
    break;
  }
  return SQLITE_OK;
}

static int sweep_rowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((SweepCursor *)cur)->k;
  return SQLITE_OK;
}

static const TvfMethods sweep_methods = {sizeof(SweepCursor), sweep_reset, sweep_filter,
                                         sweep_next,          sweep_eof,   sweep_column,
                                         sweep_rowid};

int threshold_sweep_register(sqlite3 *db) { return tvf_register(db, &sweep_spec, &sweep_methods); }
