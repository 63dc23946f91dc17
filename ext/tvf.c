/*
** tvf.c -- the table-function layer shared by every virtual table: the
** plan (xBestIndex), the argument capture and its messages, and the
** recursion guard on the sources read. The contracts, the idxNum layout
** and an example declaration are in tvf.h.
**
**   SELECT * FROM cohort_retention('ev', 'MONTH', 'Rolling');   -- any case
**   SELECT * FROM cohort_retention('ev', NULL, 'rolling');      -- NULL: default
**   SELECT * FROM cohort_retention('ev', 'fortnight');
**   Error: cohort_retention: granularity must be 'day', 'week', 'month',
**          'quarter' or 'year', got 'fortnight'
**
** Requirements, referred to in the code as T1..T5:
**   T1 a plan never demands a constraint it was not offered as usable: a
**      missing required argument makes a costly plan, not an error, and is
**      reported by xFilter only if that plan runs;
**   T2 a positional NULL or an absent argument takes the default; NULL or
**      absent for a required argument is an error naming it;
**   T3 choice words match without regard to ASCII case; the message
**      quotes every allowed word;
**   T4 ORDER BY is consumed only when the rows really come in that order;
**   T5 a source read while a different cursor of the same table reads it
**      is an error naming the table (no stack overflow), as is nesting
**      reads of one table more than TVF_MAX_DEPTH deep.
*/
#include "tvf.h"

#include "dates.h"
#include "errors.h"
#include "table_source.h"

#include <math.h>
#include <string.h>

/* What a table registers: the module SQLite calls, made from the table's
** methods, and the table's two descriptions (the module's client data,
** freed with the module). */
typedef struct TvfModule {
  sqlite3_module module;
  const TvfSpec *pSpec;
  const TvfMethods *pMethods;
} TvfModule;

static int tvf_connect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                       sqlite3_vtab **ppVtab, char **pzErr) {
  (void)argc;
  (void)argv;
  (void)pzErr;
  const TvfModule *pMod = pAux;
  int rc = sqlite3_declare_vtab(db, pMod->pSpec->zSchema);
  if (rc != SQLITE_OK) return rc;
  TvfVtab *pTab = sqlite3_malloc64(sizeof(*pTab));
  if (pTab == 0) return SQLITE_NOMEM;
  memset(pTab, 0, sizeof(*pTab));
  pTab->db = db;
  pTab->pSpec = pMod->pSpec;
  pTab->pMethods = pMod->pMethods;
  /* Not SQLITE_VTAB_INNOCUOUS: it reads any table it is named, so a view in
  ** an untrusted schema could read what it cannot reach itself. */
  *ppVtab = &pTab->base;
  return SQLITE_OK;
}

static int tvf_disconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

/* xOpen: a zero-filled cursor of the table's size. */
static int tvf_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  size_t sz = ((TvfVtab *)pVtab)->pMethods->szCursor;
  sqlite3_vtab_cursor *pCur = sqlite3_malloc64(sz);
  if (pCur == 0) return SQLITE_NOMEM;
  memset(pCur, 0, sz);
  *ppCursor = pCur;
  return SQLITE_OK;
}

/* xClose: the table frees what its last xFilter made, then the cursor. */
static int tvf_close(sqlite3_vtab_cursor *cur) {
  ((TvfVtab *)cur->pVtab)->pMethods->xReset(cur);
  sqlite3_free(cur);
  return SQLITE_OK;
}

static int tvf_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo);

int tvf_register(sqlite3 *db, const TvfSpec *pSpec, const TvfMethods *pMethods) {
  TvfModule *pMod = sqlite3_malloc64(sizeof(*pMod));
  if (pMod == 0) return SQLITE_NOMEM;
  memset(pMod, 0, sizeof(*pMod));
  pMod->pSpec = pSpec;
  pMod->pMethods = pMethods;
  /* Eponymous only (no xCreate), read-only (nothing after xRowid). */
  pMod->module.xConnect = tvf_connect;
  pMod->module.xBestIndex = tvf_best_index;
  pMod->module.xDisconnect = tvf_disconnect;
  pMod->module.xOpen = tvf_open;
  pMod->module.xClose = tvf_close;
  pMod->module.xFilter = pMethods->xFilter;
  pMod->module.xNext = pMethods->xNext;
  pMod->module.xEof = pMethods->xEof;
  pMod->module.xColumn = pMethods->xColumn;
  pMod->module.xRowid = pMethods->xRowid;
  /* SQLite calls sqlite3_free(pMod) when the module goes, or at once when
  ** the registration fails. */
  return sqlite3_create_module_v2(db, pSpec->zName, &pMod->module, pMod, sqlite3_free);
}

/* 1 when column iCol does not vary within one xFilter: an argument, or a
** declared order column whose argument is not among the bits of mGiven. */
static int tvf_column_constant(const TvfSpec *pSpec, int iCol, int mGiven) {
  if (iCol >= pSpec->iFirstArg) return 1;
  for (int k = 0; k < pSpec->nOrder; k++) {
    const TvfOrder *o = &pSpec->aOrder[k];
    if (o->iCol == iCol) return o->iArg >= 0 && (mGiven & (1 << o->iArg)) == 0;
  }
  return 0;
}

/* T4: 1 when the ORDER BY of pInfo is satisfied by the declared order. */
static int tvf_order_consumed(const TvfSpec *pSpec, const sqlite3_index_info *pInfo, int mGiven) {
  int k = 0;
  for (int i = 0; i < pInfo->nOrderBy; i++) {
    int iCol = pInfo->aOrderBy[i].iColumn;
    if (pInfo->aOrderBy[i].desc) return 0;
    if (iCol >= 0 && tvf_column_constant(pSpec, iCol, mGiven)) continue;
    while (k < pSpec->nOrder && tvf_column_constant(pSpec, pSpec->aOrder[k].iCol, mGiven)) k++;
    if (k >= pSpec->nOrder || pSpec->aOrder[k].iCol != iCol) return 0;
    k++;
  }
  return 1;
}

static int tvf_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  const TvfSpec *pSpec = ((TvfVtab *)pVtab)->pSpec;
  int aiCons[TVF_MAX_ARG]; /* constraint giving each argument, or -1 */
  int mUnusable = 0, mGiven = 0, nArgv = 0, bMissing = 0;
  for (int i = 0; i < pSpec->nArg; i++) aiCons[i] = -1;
  for (int i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &pInfo->aConstraint[i];
    int iArg = c->iColumn - pSpec->iFirstArg;
    if (iArg < 0 || iArg >= pSpec->nArg || c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!c->usable) {
      mUnusable |= 1 << iArg;
    } else if (aiCons[iArg] < 0) {
      aiCons[iArg] = i;
      mGiven |= 1 << iArg;
    }
  }
  /* An argument only available from a table not yet scanned: ask for
  ** another plan rather than run with the default. */
  if (mUnusable & ~mGiven) return SQLITE_CONSTRAINT;
  for (int i = 0; i < pSpec->nArg; i++) {
    if (aiCons[i] >= 0) {
      pInfo->aConstraintUsage[aiCons[i]].argvIndex = ++nArgv;
      pInfo->aConstraintUsage[aiCons[i]].omit = 1;
    } else if (pSpec->aArg[i].bRequired) {
      bMissing = 1; /* T1 */
    }
  }
  pInfo->idxNum = mGiven | (bMissing ? TVF_IDX_MISSING : 0);
  pInfo->orderByConsumed = tvf_order_consumed(pSpec, pInfo, mGiven);
  pInfo->estimatedCost = bMissing ? 1e50 : 1e6; /* a full read of the sources */
  pInfo->estimatedRows = bMissing ? 1 : 1000;
  return SQLITE_OK;
}

int tvf_choice_find(const char *z, const char *const *az) {
  for (int i = 0; z && az[i]; i++) {
    if (sqlite3_stricmp(z, az[i]) == 0) return i;
  }
  return -1;
}

/* What an argument of kind a must be, for messages: "a table or view
** name", "'classic' or 'rolling'". sqlite3_mprintf'd; 0 on out-of-memory. */
static char *tvf_expected(const TvfArg *a) {
  switch (a->eKind) {
  case TVF_TEXT:
    return sqlite3_mprintf("text");
  case TVF_TABLE:
    return sqlite3_mprintf("a table or view name");
  case TVF_COLUMN:
    return sqlite3_mprintf("a column name");
  case TVF_NUMBER:
    return sqlite3_mprintf("a number");
  case TVF_DAY:
    return sqlite3_mprintf("a date");
  default: {
    sqlite3_str *p = sqlite3_str_new(0);
    for (int i = 0; a->azChoice[i]; i++) {
      const char *zSep = i == 0 ? "" : a->azChoice[i + 1] ? ", " : " or ";
      sqlite3_str_appendf(p, "%s'%q'", zSep, a->azChoice[i]);
    }
    return sqlite3_str_finish(p);
  }
  }
}

/* "<table>: <arg> must be <what>, got <value>" on pVtab. */
static int tvf_arg_error(sqlite3_vtab *pVtab, const TvfSpec *pSpec, int iArg, sqlite3_value *pGot) {
  char *zWhat = tvf_expected(&pSpec->aArg[iArg]);
  if (zWhat == 0) return SQLITE_NOMEM;
  int rc = csm_vtab_error_got(pVtab, pGot, "%s: %s must be %s", pSpec->zName,
                              pSpec->aArg[iArg].zName, zWhat);
  sqlite3_free(zWhat);
  return rc;
}

/* Reads text z (a given value or a default) as argument a into *v.
** Returns CSM_OK or CSM_INVALID. */
static int tvf_read_text(const TvfArg *a, const char *z, TvfValue *v) {
  switch (a->eKind) {
  case TVF_TABLE:
  case TVF_COLUMN:
    if (z[0] == 0) return CSM_INVALID;
    break;
  case TVF_CHOICE:
    v->iChoice = tvf_choice_find(z, a->azChoice); /* T3 */
    if (v->iChoice < 0) return CSM_INVALID;
    z = a->azChoice[v->iChoice];
    break;
  default:
    break;
  }
  v->z = z;
  return CSM_OK;
}

/* The value of a TVF_NUMBER default, a decimal literal we wrote ("30",
** "-0.5"): read by the one number reader (numbers.h), which no locale
** changes. */
static double tvf_default_number(const char *z) {
  double r = 0.0;
  (void)csm_text_number(z, (int)strlen(z), &r); /* our own literal: always a number */
  return r;
}

/* Fills v from the default of a, if any (T2). */
static void tvf_read_default(const TvfArg *a, TvfValue *v) {
  if (a->zDefault == 0) return;
  v->bSet = 1;
  if (a->eKind == TVF_NUMBER) {
    v->r = tvf_default_number(a->zDefault);
  } else {
    tvf_read_text(a, a->zDefault, v);
  }
}

/* Reads the given, non-NULL value p as argument iArg into *v (which keeps
** a copy of p). Returns SQLITE_OK, SQLITE_NOMEM or SQLITE_ERROR. */
static int tvf_read_given(sqlite3_vtab *pVtab, const TvfSpec *pSpec, int iArg, sqlite3_value *p,
                          TvfValue *v) {
  const TvfArg *a = &pSpec->aArg[iArg];
  int ok;
  v->pGiven = sqlite3_value_dup(p);
  if (v->pGiven == 0) return SQLITE_NOMEM;
  v->bSet = 1;
  switch (a->eKind) {
  case TVF_NUMBER:
    ok = csm_value_number(v->pGiven, &v->r) == CSM_OK;
    break;
  case TVF_DAY:
    ok = csm_value_day(v->pGiven, &v->iDay) == CSM_OK;
    break;
  default: {
    const char *z = 0;
    if (sqlite3_value_type(v->pGiven) == SQLITE_TEXT) {
      z = (const char *)sqlite3_value_text(v->pGiven);
      if (z == 0) return SQLITE_NOMEM;
    }
    ok = z && tvf_read_text(a, z, v) == CSM_OK;
    break;
  }
  }
  return ok ? SQLITE_OK : tvf_arg_error(pVtab, pSpec, iArg, v->pGiven);
}

void tvf_args_clear(TvfArgs *pArgs) {
  for (int i = 0; i < TVF_MAX_ARG; i++) sqlite3_value_free(pArgs->a[i].pGiven);
  memset(pArgs->a, 0, sizeof(pArgs->a));
}

int tvf_capture(sqlite3_vtab_cursor *cur, int idxNum, int argc, sqlite3_value **argv,
                TvfArgs *pArgs) {
  sqlite3_vtab *pVtab = cur->pVtab;
  const TvfSpec *pSpec = ((TvfVtab *)pVtab)->pSpec;
  int j = 0;
  tvf_args_clear(pArgs);
  pArgs->pSpec = pSpec;
  for (int i = 0; i < pSpec->nArg; i++) {
    const TvfArg *a = &pSpec->aArg[i];
    sqlite3_value *p = ((idxNum >> i) & 1) && j < argc ? argv[j++] : 0;
    if (p && sqlite3_value_type(p) != SQLITE_NULL) {
      int rc = tvf_read_given(pVtab, pSpec, i, p, &pArgs->a[i]);
      if (rc != SQLITE_OK) return rc;
    } else if (a->bRequired && p) {
      return tvf_arg_error(pVtab, pSpec, i, p); /* T2: "..., got NULL" */
    } else if (a->bRequired) {
      char *zWhat = tvf_expected(a);
      if (zWhat == 0) return SQLITE_NOMEM;
      int rc =
          csm_vtab_errorf(pVtab, "%s: missing %s argument (%s)", pSpec->zName, a->zName, zWhat);
      sqlite3_free(zWhat);
      return rc;
    } else {
      tvf_read_default(a, &pArgs->a[i]);
    }
  }
  return SQLITE_OK;
}

void tvf_result_arg(sqlite3_context *ctx, const TvfArgs *pArgs, int iArg) {
  const TvfArg *a = &pArgs->pSpec->aArg[iArg];
  const TvfValue *v = &pArgs->a[iArg];
  if (v->pGiven) {
    sqlite3_result_value(ctx, v->pGiven);
  } else if (a->zDefault && a->eKind == TVF_NUMBER) {
    if (v->r == floor(v->r) && fabs(v->r) < 9e15) {
      sqlite3_result_int64(ctx, (sqlite3_int64)v->r);
    } else {
      sqlite3_result_double(ctx, v->r);
    }
  } else if (a->zDefault) {
    sqlite3_result_text(ctx, a->zDefault, -1, SQLITE_STATIC);
  }
}

/* ------------------------------------------------------------ sources */

/* tvf_source_open and tvf_source_open_feed (zFeed not 0). */
static int tvf_source_open_as(TvfSource *pSrc, sqlite3_vtab_cursor *cur, const char *zArg,
                              const char *zName, const char *const *azCol, int nCol,
                              const char *zFeed, int *pbAbsent) {
  TvfVtab *pTab = (TvfVtab *)cur->pVtab;
  const char *zTable = pTab->pSpec->zName;
  TvfSource *pOuter = pTab->pReading;
  memset(pSrc, 0, sizeof(*pSrc));
  pSrc->zArg = zArg;
  pSrc->zName = zName;
  pSrc->pOwner = cur;
  pSrc->zFeed = zFeed;
  pSrc->azCol = azCol;
  pSrc->nCol = nCol;
  pSrc->iDepth = pOuter == 0 ? 1 : pOuter->iDepth + (pOuter->pOwner != cur);
  for (TvfSource *p = pOuter; p; p = p->pOuter) { /* T5 */
    if (p->pOwner != cur && sqlite3_stricmp(p->zName, zName) == 0) {
      return csm_vtab_errorf(&pTab->base, "%s: %s '%q' reads %s itself", zTable, zArg, zName,
                             zTable);
    }
  }
  if (pSrc->iDepth > TVF_MAX_DEPTH) {
    return csm_vtab_errorf(&pTab->base, "%s: %s '%q' nests %s more than %d deep", zTable, zArg,
                           zName, zTable, TVF_MAX_DEPTH);
  }
  int rc = csm_source_prepare(pTab->db, &pTab->base, zTable, zArg, zName, azCol, nCol, zFeed,
                              &pSrc->pStmt, pbAbsent);
  if (rc == SQLITE_OK && pSrc->pStmt) {
    pSrc->pTab = pTab;
    pSrc->pOuter = pOuter;
    pTab->pReading = pSrc;
  }
  return rc;
}

int tvf_source_open(TvfSource *pSrc, sqlite3_vtab_cursor *cur, const char *zArg, const char *zName,
                    const char *const *azCol, int nCol, int *pbAbsent) {
  return tvf_source_open_as(pSrc, cur, zArg, zName, azCol, nCol, 0, pbAbsent);
}

int tvf_source_open_feed(TvfSource *pSrc, sqlite3_vtab_cursor *cur, const char *zArg,
                         const char *zName, const char *const *azCol, int nCol, const char *zFeed,
                         int *pbAbsent) {
  return tvf_source_open_as(pSrc, cur, zArg, zName, azCol, nCol, zFeed, pbAbsent);
}

int tvf_source_error(TvfSource *pSrc, int rc) {
  return tvf_source_error_msg(pSrc, rc, sqlite3_errmsg(((TvfVtab *)pSrc->pOwner->pVtab)->db));
}

int tvf_source_error_msg(TvfSource *pSrc, int rc, const char *zMsg) {
  if (rc == SQLITE_NOMEM || rc == SQLITE_INTERRUPT) return rc;
  TvfVtab *pTab = (TvfVtab *)pSrc->pOwner->pVtab;
  return csm_vtab_errorf(&pTab->base, "%s: %s '%q': %s", pTab->pSpec->zName, pSrc->zArg,
                         pSrc->zName, zMsg);
}

void tvf_source_close(TvfSource *pSrc) {
  sqlite3_finalize(pSrc->pStmt);
  pSrc->pStmt = 0;
  if (pSrc->pTab == 0) return;
  /* Sources of one cursor may close in any order: unlink wherever it is. */
  for (TvfSource **pp = &pSrc->pTab->pReading; *pp; pp = &(*pp)->pOuter) {
    if (*pp == pSrc) {
      *pp = pSrc->pOuter;
      break;
    }
  }
  pSrc->pTab = 0;
}
