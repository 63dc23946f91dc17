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
**      at most 100,000 thresholds (each an error naming the value).
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
#include "errors.h"
#include "table_source.h"

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
#define SWEEP_N_REQUIRED 3 /* source, score_column, outcome_column */

#define SWEEP_MAX_THRESHOLDS 100000 /* R1 */

typedef struct SweepVtab {
  sqlite3_vtab base;
  sqlite3 *db; /* the connection the source is read from */
} SweepVtab;

/* The scores of one outcome, sorted, and how many are below the threshold. */
typedef struct SweepScores {
  double *a;
  sqlite3_int64 n, nAlloc;
  sqlite3_int64 nBelow; /* entries < the current threshold */
} SweepScores;

typedef struct SweepCursor {
  sqlite3_vtab_cursor base;
  sqlite3_value *apArg[SWEEP_N_ARG]; /* copies of the arguments given, or 0 */
  double aNum[SWEEP_N_ARG];          /* lo .. cost_fn as numbers */
  int bAbove;                        /* direction = 'above' */
  SweepScores pos, neg;              /* outcome 1, outcome 0 */
  sqlite3_int64 nThreshold;          /* R1 */
  sqlite3_int64 k;                   /* the current threshold's number */
} SweepCursor;

/* ---------------------------------------------------------------- scores */

static int sweep_push(SweepScores *p, double x) {
  if (p->n == p->nAlloc) {
    sqlite3_int64 nAlloc = p->nAlloc ? 2 * p->nAlloc : 1024;
    double *a = sqlite3_realloc64(p->a, (sqlite3_uint64)nAlloc * sizeof(double));
    if (a == 0) return SQLITE_NOMEM;
    p->a = a;
    p->nAlloc = nAlloc;
  }
  p->a[p->n++] = x;
  return SQLITE_OK;
}

static int sweep_double_cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Steps pStmt (score, outcome) to the end into pCur->pos and pCur->neg,
** sorted (R2). Returns an SQLite code, the vtab message set on errors. */
static int sweep_read(SweepCursor *pCur, sqlite3_stmt *pStmt, const char *zScore,
                      const char *zOutcome) {
  sqlite3_vtab *pVtab = pCur->base.pVtab;
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
      return csm_vtab_error_got(pVtab, pOutcome, "threshold_sweep: outcome_column %s must hold 0 or 1",
                                zOutcome);
    }
    if (rcScore == CSM_NULL || rcOutcome == CSM_NULL) continue;
    if (sweep_push(outcome == 1.0 ? &pCur->pos : &pCur->neg, score) != SQLITE_OK) {
      return SQLITE_NOMEM;
    }
  }
  if (rc != SQLITE_DONE) {
    if (rc == SQLITE_INTERRUPT || rc == SQLITE_NOMEM) return rc;
    return csm_vtab_errorf(pVtab, "threshold_sweep: %s", sqlite3_errmsg(sqlite3_db_handle(pStmt)));
  }
  qsort(pCur->pos.a, (size_t)pCur->pos.n, sizeof(double), sweep_double_cmp);
  qsort(pCur->neg.a, (size_t)pCur->neg.n, sizeof(double), sweep_double_cmp);
  return SQLITE_OK;
}

static double sweep_threshold(const SweepCursor *pCur, sqlite3_int64 k) {
  return pCur->aNum[SWEEP_ARG_LO] + (double)k * pCur->aNum[SWEEP_ARG_STEP];
}

/* Moves both pointers to the current threshold (R3): after it, nBelow
** counts the scores < t. */
static void sweep_advance(SweepCursor *pCur) {
  double t = sweep_threshold(pCur, pCur->k);
  while (pCur->pos.nBelow < pCur->pos.n && pCur->pos.a[pCur->pos.nBelow] < t) pCur->pos.nBelow++;
  while (pCur->neg.nBelow < pCur->neg.n && pCur->neg.a[pCur->neg.nBelow] < t) pCur->neg.nBelow++;
}

/* Counts the thresholds (R1), or sets the error. */
static int sweep_count(SweepCursor *pCur) {
  double lo = pCur->aNum[SWEEP_ARG_LO], hi = pCur->aNum[SWEEP_ARG_HI];
  double step = pCur->aNum[SWEEP_ARG_STEP];
  double top = hi + 1e-9 * step;
  double q = (hi - lo) / step;
  if (!(q <= SWEEP_MAX_THRESHOLDS)) {
    return csm_vtab_errorf(pCur->base.pVtab,
                           "threshold_sweep: at most %d thresholds, got %!.15g (lo %!.15g,"
                           " hi %!.15g, step %!.15g)",
                           SWEEP_MAX_THRESHOLDS, floor(q + 1e-9) + 1, lo, hi, step);
  }
  sqlite3_int64 k = (sqlite3_int64)floor(q + 1e-9);
  while (lo + (double)(k + 1) * step <= top) k++;
  while (k > 0 && lo + (double)k * step > top) k--;
  if (k + 1 > SWEEP_MAX_THRESHOLDS) {
    return csm_vtab_errorf(pCur->base.pVtab,
                           "threshold_sweep: at most %d thresholds, got %lld (lo %!.15g,"
                           " hi %!.15g, step %!.15g)",
                           SWEEP_MAX_THRESHOLDS, k + 1, lo, hi, step);
  }
  pCur->nThreshold = k + 1;
  return SQLITE_OK;
}

/* ---------------------------------------------------------------- vtab */

static int sweep_connect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                         sqlite3_vtab **ppVtab, char **pzErr) {
  (void)pAux;
  (void)argc;
  (void)argv;
  (void)pzErr;
  int rc = sqlite3_declare_vtab(db, SWEEP_SCHEMA);
  if (rc != SQLITE_OK) return rc;
  SweepVtab *p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->db = db;
  /* Not innocuous: it reads any named table, which an untrusted schema
  ** could use to reach data it cannot read itself. */
  *ppVtab = &p->base;
  return SQLITE_OK;
}

static int sweep_disconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

static int sweep_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  (void)pVtab;
  SweepCursor *pCur = sqlite3_malloc64(sizeof(*pCur));
  if (pCur == 0) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

static void sweep_reset(SweepCursor *pCur) {
  for (int i = 0; i < SWEEP_N_ARG; i++) {
    sqlite3_value_free(pCur->apArg[i]);
    pCur->apArg[i] = 0;
  }
  sqlite3_free(pCur->pos.a);
  sqlite3_free(pCur->neg.a);
  memset(&pCur->pos, 0, sizeof(pCur->pos));
  memset(&pCur->neg, 0, sizeof(pCur->neg));
  pCur->nThreshold = pCur->k = 0;
}

static int sweep_close(sqlite3_vtab_cursor *cur) {
  sweep_reset((SweepCursor *)cur);
  sqlite3_free(cur);
  return SQLITE_OK;
}

/*
** xBestIndex and xFilter. Each usable equality constraint on an argument
** column gets the next argvIndex (omit = 1), in column order, and bit
** (1 << argument number) in idxNum, so xFilter finds the arguments given
** by walking the bits of idxNum. An argument constrained only by unusable
** constraints makes the plan SQLITE_CONSTRAINT; a missing required
** argument is an error naming it. ORDER BY threshold (ascending) is
** consumed.
*/
static int sweep_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  static const char *const azWhat[SWEEP_N_REQUIRED] = {
      "source argument (the table or view to read)", "score_column argument (the scores)",
      "outcome_column argument (the 0/1 outcomes)"};
  int aIdx[SWEEP_N_ARG], unusable = 0, idxNum = 0, n = 0;
  for (int j = 0; j < SWEEP_N_ARG; j++) aIdx[j] = -1;
  for (int i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &pInfo->aConstraint[i];
    if (c->iColumn < SWEEP_COL_FIRST_ARG || c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    int j = c->iColumn - SWEEP_COL_FIRST_ARG;
    if (!c->usable) {
      unusable |= 1 << j;
    } else if (aIdx[j] < 0) {
      aIdx[j] = i;
      idxNum |= 1 << j;
    }
  }
  if ((unusable & ~idxNum) != 0) return SQLITE_CONSTRAINT;
  for (int j = 0; j < SWEEP_N_REQUIRED; j++) {
    if (aIdx[j] < 0) return csm_vtab_errorf(pVtab, "threshold_sweep: missing %s", azWhat[j]);
  }
  for (int j = 0; j < SWEEP_N_ARG; j++) {
    if (aIdx[j] < 0) continue;
    pInfo->aConstraintUsage[aIdx[j]].argvIndex = ++n;
    pInfo->aConstraintUsage[aIdx[j]].omit = 1;
  }
  pInfo->idxNum = idxNum;
  if (pInfo->nOrderBy == 1 && pInfo->aOrderBy[0].iColumn == SWEEP_COL_THRESHOLD &&
      !pInfo->aOrderBy[0].desc) {
    pInfo->orderByConsumed = 1;
  }
  pInfo->estimatedCost = 1000000.0; /* a full scan of the source */
  pInfo->estimatedRows = 21;
  return SQLITE_OK;
}

/* Reads the numeric argument iArg (default rDefault) into aNum (R1). */
static int sweep_number_arg(SweepCursor *pCur, int iArg, const char *zName, double rDefault) {
  sqlite3_value *v = pCur->apArg[iArg];
  pCur->aNum[iArg] = rDefault;
  if (v == 0) return SQLITE_OK;
  int rc = csm_value_number(v, &pCur->aNum[iArg]);
  if (rc == CSM_NULL) return SQLITE_OK;
  if (rc == CSM_INVALID) {
    return csm_vtab_error_got(pCur->base.pVtab, v, "threshold_sweep: %s must be a number", zName);
  }
  if (!isfinite(pCur->aNum[iArg])) {
    return csm_vtab_error_got(pCur->base.pVtab, v, "threshold_sweep: %s must be a finite number",
                              zName);
  }
  return SQLITE_OK;
}

/* Argument iArg (required) as a name, or 0 with the error set. */
static const char *sweep_name_arg(SweepCursor *pCur, int iArg, const char *zName) {
  sqlite3_value *v = pCur->apArg[iArg];
  if (sqlite3_value_type(v) == SQLITE_TEXT) return (const char *)sqlite3_value_text(v);
  csm_vtab_error_got(pCur->base.pVtab, v, "threshold_sweep: %s must be %s", zName,
                     iArg == SWEEP_ARG_SOURCE ? "a table or view name" : "a column name");
  return 0;
}

static int sweep_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                        sqlite3_value **argv) {
  (void)idxStr;
  SweepCursor *pCur = (SweepCursor *)cur;
  sqlite3_vtab *pVtab = cur->pVtab;
  sqlite3_stmt *pStmt = 0;
  int rc = SQLITE_OK;
  sweep_reset(pCur);
  for (int j = 0, i = 0; j < SWEEP_N_ARG && i < argc; j++) {
    if ((idxNum & (1 << j)) == 0) continue;
    pCur->apArg[j] = sqlite3_value_dup(argv[i++]);
    if (pCur->apArg[j] == 0) return SQLITE_NOMEM;
  }
  const char *zSource = sweep_name_arg(pCur, SWEEP_ARG_SOURCE, "source");
  const char *zScore = zSource ? sweep_name_arg(pCur, SWEEP_ARG_SCORE, "score_column") : 0;
  const char *zOutcome = zScore ? sweep_name_arg(pCur, SWEEP_ARG_OUTCOME, "outcome_column") : 0;
  if (zOutcome == 0) return pVtab->zErrMsg ? SQLITE_ERROR : SQLITE_NOMEM;
  if ((rc = sweep_number_arg(pCur, SWEEP_ARG_LO, "lo", 0.0)) != SQLITE_OK ||
      (rc = sweep_number_arg(pCur, SWEEP_ARG_HI, "hi", 100.0)) != SQLITE_OK ||
      (rc = sweep_number_arg(pCur, SWEEP_ARG_STEP, "step", 5.0)) != SQLITE_OK ||
      (rc = sweep_number_arg(pCur, SWEEP_ARG_COST_FP, "cost_fp", 1.0)) != SQLITE_OK ||
      (rc = sweep_number_arg(pCur, SWEEP_ARG_COST_FN, "cost_fn", 1.0)) != SQLITE_OK) {
    return rc;
  }
  sqlite3_value *pDir = pCur->apArg[SWEEP_ARG_DIRECTION];
  pCur->bAbove = 0;
  if (pDir && sqlite3_value_type(pDir) != SQLITE_NULL) {
    const char *z =
        sqlite3_value_type(pDir) == SQLITE_TEXT ? (const char *)sqlite3_value_text(pDir) : 0;
    if (z && sqlite3_stricmp(z, "above") == 0) {
      pCur->bAbove = 1;
    } else if (z == 0 || sqlite3_stricmp(z, "below") != 0) {
      return csm_vtab_error_got(pVtab, pDir,
                                "threshold_sweep: direction must be 'below' or 'above'");
    }
  }
  if (!(pCur->aNum[SWEEP_ARG_STEP] > 0.0)) {
    return csm_vtab_error_got(pVtab, pCur->apArg[SWEEP_ARG_STEP],
                              "threshold_sweep: step must be greater than 0");
  }
  if (pCur->aNum[SWEEP_ARG_HI] < pCur->aNum[SWEEP_ARG_LO]) {
    return csm_vtab_error_got(pVtab, pCur->apArg[SWEEP_ARG_HI],
                              "threshold_sweep: hi must not be less than lo (%!.15g)",
                              pCur->aNum[SWEEP_ARG_LO]);
  }
  for (int j = SWEEP_ARG_COST_FP; j <= SWEEP_ARG_COST_FN; j++) {
    if (pCur->aNum[j] < 0.0) {
      return csm_vtab_error_got(pVtab, pCur->apArg[j], "threshold_sweep: %s must not be negative",
                                j == SWEEP_ARG_COST_FP ? "cost_fp" : "cost_fn");
    }
  }
  if ((rc = sweep_count(pCur)) != SQLITE_OK) return rc;

  const char *azCol[2] = {zScore, zOutcome};
  rc = csm_source_prepare(((SweepVtab *)pVtab)->db, pVtab, "threshold_sweep", "source", zSource,
                          azCol, 2, &pStmt, 0);
  if (rc == SQLITE_OK) rc = sweep_read(pCur, pStmt, zScore, zOutcome);
  sqlite3_finalize(pStmt);
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

/* The value an argument column shows: the argument given, else its default. */
static void sweep_arg_column(SweepCursor *pCur, sqlite3_context *ctx, int iArg) {
  static const char *const azDefault[SWEEP_N_ARG] = {0, 0, 0, "0", "100", "5", "below", "1", "1"};
  if (pCur->apArg[iArg] && sqlite3_value_type(pCur->apArg[iArg]) != SQLITE_NULL) {
    sqlite3_result_value(ctx, pCur->apArg[iArg]);
  } else if (iArg == SWEEP_ARG_DIRECTION) {
    sqlite3_result_text(ctx, azDefault[iArg], -1, SQLITE_STATIC);
  } else if (azDefault[iArg]) {
    sqlite3_result_int(ctx, atoi(azDefault[iArg]));
  }
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
    sqlite3_result_double(ctx, pCur->aNum[SWEEP_ARG_COST_FP] * (double)fp +
                                   pCur->aNum[SWEEP_ARG_COST_FN] * (double)fn);
    break;
  default:
    sweep_arg_column(pCur, ctx, iCol - SWEEP_COL_FIRST_ARG);
    break;
  }
  return SQLITE_OK;
}

static int sweep_rowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((SweepCursor *)cur)->k;
  return SQLITE_OK;
}

static const sqlite3_module sweep_module = {
    0,                /* iVersion */
    0,                /* xCreate: eponymous only */
    sweep_connect,    /* xConnect */
    sweep_best_index, /* xBestIndex */
    sweep_disconnect, /* xDisconnect */
    0,                /* xDestroy */
    sweep_open,       /* xOpen */
    sweep_close,      /* xClose */
    sweep_filter,     /* xFilter */
    sweep_next,       /* xNext */
    sweep_eof,        /* xEof */
    sweep_column,     /* xColumn */
    sweep_rowid,      /* xRowid */
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0 /* xUpdate .. xShadowName: read-only */
};

int threshold_sweep_register(sqlite3 *db) {
  return sqlite3_create_module(db, "threshold_sweep", &sweep_module, 0);
}
