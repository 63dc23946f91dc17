/*
** mrr_movements.c -- the mrr_movements table-valued function: the revenue
** bridge (how MRR moved from one period to the next, by kind of movement).
**
**   SELECT period, starting_mrr, new_mrr, expansion_mrr, contraction_mrr,
**          churned_mrr, ending_mrr FROM mrr_movements;  -- monthly, mrr_snapshots
**   2024-01-01|||||||300.0         <- the baseline: only ending_* filled
**   2024-02-01|300.0|50.0|20.0|0.0|100.0|270.0
**   ...                               (docs/tables/mrr_movements.md)
**   SELECT * FROM mrr_movements('quarter');
**   SELECT * FROM mrr_movements WHERE source = 'mrr_with_segment'
**                                 AND segment_column = 'segment';
**
** Arguments (hidden columns, positional order): granularity ('month',
** 'quarter', 'year'), source ('mrr_snapshots'), entity_column ('account'),
** time_column ('month'), value_column ('mrr'), segment_column (none),
** as_of (default: the latest day in the source).
**
** Requirements, referred to in the code as R1..R9:
**   R1 rows with a NULL entity or time are skipped, rows after as_of
**      ignored; a NULL value counts 0; a value that is not a number, or is
**      negative or infinite, is an error naming it.
**   R2 an entity's value in a month is the sum of its values on its latest
**      day in that month with rows (0 without rows).
**   R3 a period's closing month is its latest month with rows (on or before
**      as_of); a period without rows takes the closing month before it, so
**      values carry forward. An entity's MRR in a period is its value in the
**      closing month.
**   R4 periods run from the period of the earliest row to the period
**      holding as_of; the first is the baseline (movement and starting
**      columns NULL).
**   R5 with prev and cur the MRR in the previous period and this one:
**      prev = 0 < cur: new when the entity had no positive value (R2) in
**      any month before the period, else reactivation; 0 < prev < cur:
**      expansion; 0 < cur < prev: contraction; prev > 0 = cur: churn.
**   R6 with segment_column, an entity's segment is the value on its latest
**      row on or before as_of (the smallest, in SQL order, when its latest
**      rows disagree), for every period: moving between segments is not a
**      movement.
**   R7 one row per period and segment with an entity whose prev > 0 or
**      cur > 0, ordered by period then segment (NULL first).
**   R8 starting + new + reactivation + expansion - contraction - churned =
**      ending on every row: every sum is compensated (Neumaier), and an
**      expansion or contraction adds cur and -prev separately.
**   R9 partial = 1 when as_of is before the last day of the period.
**
** How it works. Memory is proportional to entities, never to rows or to
** periods x entities. The source is read in its own order; while its
** months never decrease (a snapshot table is normally appended in time
** order), one pass suffices: each entity keeps its latest day in its
** latest month and the sum there (R2), its MRR at the last closing month,
** and the first month its value was positive (for new vs reactivation).
** When a row of a later period arrives, the period just ended is closed:
** only the entities with prev > 0 (a list) and those with rows in the
** closing month (another list) are visited, so all closings together cost
** O(rows). A row whose month is earlier than the month being read means
** the source is not in time order: the state is dropped and the source
** read again ORDER BY its time as a Julian day (SQLite sorts, in its own
** bounded memory); should that order still disagree with the dates as
** read here (a Unix time written as text), the row is an error.
** With segment_column, a first pass finds each entity's segment (R6), since
** an entity's latest row can come last. Periods without rows (R3) are
** copies of the period before, made from its rows, not from the entities.
**
** The inner statements run on the same connection, so sqlite3_interrupt()
** makes their sqlite3_step() return SQLITE_INTERRUPT, which xFilter returns;
** the work between steps is bounded by the rows read.
*/
#include "dates.h"
#include "entity_map.h"
#include "errors.h"
#include "table_source.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Output columns, then the arguments (hidden), in positional order. */
#define MRR_SCHEMA                                                                                 \
  "CREATE TABLE x(period TEXT, segment, starting_mrr REAL, ending_mrr REAL,"                       \
  " new_mrr REAL, reactivation_mrr REAL, expansion_mrr REAL, contraction_mrr REAL,"                \
  " churned_mrr REAL, starting_accounts INTEGER, ending_accounts INTEGER,"                         \
  " new_accounts INTEGER, reactivated_accounts INTEGER, expanded_accounts INTEGER,"                \
  " contracted_accounts INTEGER, churned_accounts INTEGER, nrr REAL, grr REAL,"                    \
  " quick_ratio REAL, partial INTEGER, granularity HIDDEN, source HIDDEN,"                         \
  " entity_column HIDDEN, time_column HIDDEN, value_column HIDDEN, segment_column HIDDEN,"         \
  " as_of HIDDEN)"
#define MRR_COL_PERIOD 0
#define MRR_COL_SEGMENT 1
#define MRR_COL_STARTING 2 /* the seven sums follow in MrrKind order */
#define MRR_COL_STARTING_ACCOUNTS 9 /* the seven counts follow in MrrKind order */
#define MRR_COL_NRR 16
#define MRR_COL_GRR 17
#define MRR_COL_QUICK_RATIO 18
#define MRR_COL_PARTIAL 19
#define MRR_COL_FIRST_ARG 20
#define MRR_ARG_GRANULARITY 0
#define MRR_ARG_SOURCE 1
#define MRR_ARG_ENTITY 2
#define MRR_ARG_TIME 3
#define MRR_ARG_VALUE 4
#define MRR_ARG_SEGMENT 5
#define MRR_ARG_AS_OF 6
#define MRR_N_ARG 7

/* The sums and counts of a row, in column order. */
typedef enum MrrKind {
  MRR_STARTING,
  MRR_ENDING,
  MRR_NEW,
  MRR_REACTIVATION,
  MRR_EXPANSION,
  MRR_CONTRACTION,
  MRR_CHURNED,
  MRR_N_KIND
} MrrKind;

#define MRR_NONE (-1)       /* no month yet */
#define MRR_UNORDERED 1000  /* mrr_stream(): a month went backwards */
#define MRR_DATE_TEXT 40    /* bytes of date text remembered by MrrDateMemo */

typedef struct MrrVtab {
  sqlite3_vtab base;
  sqlite3 *db; /* the connection the source is read from */
} MrrVtab;

/* A running sum with Neumaier's compensation: s + c is the sum (R8). */
typedef struct MrrSum {
  double s; /* the naive running sum */
  double c; /* the rounding errors of s */
} MrrSum;

static void mrr_sum_add(MrrSum *p, double x) {
  double t = p->s + x;
  p->c += fabs(p->s) >= fabs(x) ? (p->s - t) + x : (x - t) + p->s;
  p->s = t;
}

static double mrr_sum_value(const MrrSum *p) { return p->s + p->c; }

/* One output row: a period and a segment. */
typedef struct MrrRow {
  sqlite3_int64 period;      /* period index */
  int seg;                   /* segment rank (0 without segment_column) */
  MrrSum a[MRR_N_KIND];      /* Σ per kind */
  sqlite3_int64 n[MRR_N_KIND]; /* entities per kind */
} MrrRow;

/* One entity, by its entity_map index. */
typedef struct MrrEntity {
  sqlite3_int64 day;  /* its latest day with rows in month `month` */
  double sum;         /* Σ of its values on that day (R2) */
  double prev;        /* its MRR at the last closing month (0 unless in aActive) */
  int month;          /* month index of its latest rows, or MRR_NONE */
  int firstPos;       /* first finished month with a positive value, or MRR_NONE */
  int seg;            /* segment rank (R6) */
  int stamp;          /* number of the last closing that visited it */
} MrrEntity;

/* A list of entity indexes. */
typedef struct MrrList {
  sqlite3_int64 *a;
  sqlite3_int64 n, nAlloc;
} MrrList;

/* The day of the last date text read, so runs of one date parse once. */
typedef struct MrrDateMemo {
  int type;  /* SQLITE_TEXT, SQLITE_INTEGER or SQLITE_FLOAT; 0 = empty */
  int n;     /* bytes of z */
  double r;  /* the number */
  char z[MRR_DATE_TEXT];
  sqlite3_int64 day;
} MrrDateMemo;

/* The computation: everything xFilter builds. */
typedef struct Mrr {
  sqlite3_vtab *pVtab;     /* for messages */
  CsmGranularity gran;
  int bAsOf;               /* as_of was given */
  sqlite3_int64 asOfDay;   /* R1; the latest day read when not given */
  const char *zTimeCol, *zValueCol; /* names, for messages */
  CsmEntityMap *pMap;      /* entity -> index */
  MrrEntity *aEnt;
  sqlite3_int64 nEnt, nEntAlloc;
  /* Segments (R6): values by rank, smallest first; rank 0 is NULL when
  ** some entity's segment is NULL. */
  int bSeg;
  sqlite3_value **apSeg;
  int nSeg;
  /* The stream. */
  int curMonth;            /* month being read, or MRR_NONE */
  sqlite3_int64 curPeriod; /* its period */
  sqlite3_int64 firstPeriod; /* the baseline (R4) */
  int nClosing;            /* closings so far (entity stamps) */
  MrrList touched;         /* entities with rows in curMonth */
  MrrList active, next;    /* entities with prev > 0; being built */
  MrrRow *aBucket;         /* per segment rank, the period being closed */
  int *aBucketStamp;       /* closing that last used aBucket[i] */
  int *aUsed;              /* segment ranks used by this closing */
  int nUsed;
  /* The result. */
  MrrRow *aRow;
  sqlite3_int64 nRow, nRowAlloc;
  sqlite3_int64 lastPeriod; /* the period holding as_of */
} Mrr;

/* ---------------------------------------------------------------- helpers */

static int mrr_list_push(MrrList *p, sqlite3_int64 i) {
  if (p->n == p->nAlloc) {
    sqlite3_int64 nAlloc = p->nAlloc ? 2 * p->nAlloc : 256;
    sqlite3_int64 *a = sqlite3_realloc64(p->a, (sqlite3_uint64)nAlloc * sizeof(*a));
    if (a == 0) return SQLITE_NOMEM;
    p->a = a;
    p->nAlloc = nAlloc;
  }
  p->a[p->n++] = i;
  return SQLITE_OK;
}

/* Reads pVal (not NULL) as a calendar day through the memo. Returns CSM_OK
** or CSM_INVALID. */
static int mrr_day(MrrDateMemo *pM, sqlite3_value *pVal, int type, sqlite3_int64 *pDay) {
  const char *z = 0;
  int n = 0;
  double r = 0.0;
  if (type == SQLITE_TEXT) {
    z = (const char *)sqlite3_value_text(pVal);
    n = sqlite3_value_bytes(pVal);
    if (z == 0) return CSM_INVALID;
    if (pM->type == SQLITE_TEXT && pM->n == n && memcmp(pM->z, z, (size_t)n) == 0) {
      *pDay = pM->day;
      return CSM_OK;
    }
  } else if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
    r = sqlite3_value_double(pVal);
    if (pM->type == type && pM->r == r) {
      *pDay = pM->day;
      return CSM_OK;
    }
  }
  if (csm_value_day(pVal, pDay) != CSM_OK) return CSM_INVALID;
  pM->type = (type == SQLITE_TEXT && n > MRR_DATE_TEXT) ? 0 : type;
  if (pM->type == SQLITE_TEXT) memcpy(pM->z, z, (size_t)n);
  pM->n = n;
  pM->r = r;
  pM->day = *pDay;
  return CSM_OK;
}

/* Compares two SQL values in SQL's BINARY order: NULL, numbers, text,
** blobs (for choosing and ordering segments, R6 R7). */
static int mrr_value_cmp(sqlite3_value *a, sqlite3_value *b) {
  static const int aRank[] = {0, 1, 1, 2, 3, 0}; /* by type: -, INT, FLOAT, TEXT, BLOB, NULL */
  int ta = sqlite3_value_type(a), tb = sqlite3_value_type(b);
  if (aRank[ta] != aRank[tb]) return aRank[ta] < aRank[tb] ? -1 : 1;
  if (aRank[ta] == 0) return 0;
  if (aRank[ta] == 1) {
    if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER) {
      sqlite3_int64 x = sqlite3_value_int64(a), y = sqlite3_value_int64(b);
      return x < y ? -1 : x > y;
    }
    double x = sqlite3_value_double(a), y = sqlite3_value_double(b);
    return x < y ? -1 : x > y;
  }
  const void *za = ta == SQLITE_TEXT ? (const void *)sqlite3_value_text(a) : sqlite3_value_blob(a);
  const void *zb = tb == SQLITE_TEXT ? (const void *)sqlite3_value_text(b) : sqlite3_value_blob(b);
  int na = sqlite3_value_bytes(a), nb = sqlite3_value_bytes(b);
  int c = (na && nb) ? memcmp(za, zb, (size_t)(na < nb ? na : nb)) : 0;
  return c ? c : (na < nb ? -1 : na > nb);
}

/* Sets *piEnt to the entity of pVal (not NULL), adding it when new.
** Returns SQLITE_OK or SQLITE_NOMEM. */
static int mrr_entity(Mrr *p, sqlite3_value *pVal, sqlite3_int64 *piEnt) {
  int bNew;
  if (csm_entity_map_intern(p->pMap, pVal, piEnt, &bNew) != SQLITE_OK) return SQLITE_NOMEM;
  if (!bNew) return SQLITE_OK;
  if (p->nEnt == p->nEntAlloc) {
    sqlite3_int64 nAlloc = p->nEntAlloc ? 2 * p->nEntAlloc : 1024;
    MrrEntity *a = sqlite3_realloc64(p->aEnt, (sqlite3_uint64)nAlloc * sizeof(*a));
    if (a == 0) return SQLITE_NOMEM;
    p->aEnt = a;
    p->nEntAlloc = nAlloc;
  }
  MrrEntity *e = &p->aEnt[p->nEnt++];
  memset(e, 0, sizeof(*e));
  e->month = e->firstPos = MRR_NONE;
  e->stamp = -1;
  return SQLITE_OK;
}

/* Reads a row's value (R1): *pV is 0 for NULL. Returns SQLITE_OK
** or SQLITE_ERROR with the message set. */
static int mrr_read_value(Mrr *p, sqlite3_value *pVal, double *pV) {
  *pV = 0.0;
  int rc = csm_value_number(pVal, pV);
  if (rc == CSM_INVALID) {
    return csm_vtab_error_got(p->pVtab, pVal, "mrr_movements: value_column %s must hold numbers",
                              p->zValueCol);
  }
  if (rc == CSM_OK && *pV < 0.0) {
    return csm_vtab_error_got(p->pVtab, pVal, "mrr_movements: value_column %s must not be negative",
                              p->zValueCol);
  }
  if (rc == CSM_OK && isinf(*pV)) {
    return csm_vtab_error_got(p->pVtab, pVal, "mrr_movements: value_column %s must be finite",
                              p->zValueCol);
  }
  return SQLITE_OK;
}

/* The error of a failed sqlite3_step() of an inner statement. */
static int mrr_step_error(Mrr *p, sqlite3_stmt *pStmt, int rc) {
  if (rc == SQLITE_INTERRUPT || rc == SQLITE_NOMEM) return rc;
  return csm_vtab_errorf(p->pVtab, "mrr_movements: %s", sqlite3_errmsg(sqlite3_db_handle(pStmt)));
}

/* Reads the time of a row (not NULL) as a day (R1). */
static int mrr_read_day(Mrr *p, MrrDateMemo *pMemo, sqlite3_value *pVal, int type,
                        sqlite3_int64 *pDay) {
  if (mrr_day(pMemo, pVal, type, pDay) == CSM_OK) return SQLITE_OK;
  return csm_vtab_error_got(p->pVtab, pVal, "mrr_movements: time_column %s must hold dates",
                            p->zTimeCol);
}

/* ---------------------------------------------------------------- segments */

/* A segment value and its index of first appearance, for sorting. */
typedef struct MrrSegSort {
  sqlite3_value *pVal;
  int iVal;
} MrrSegSort;

static int mrr_seg_sort_cmp(const void *a, const void *b) {
  return mrr_value_cmp(((const MrrSegSort *)a)->pVal, ((const MrrSegSort *)b)->pVal);
}

/* Pass 1 with segment_column (R6): reads entity, time, segment; gives each
** entity the segment of its latest row, then ranks the segments. Also sets
** asOfDay when it was not given. Returns an SQLite code. */
static int mrr_segments(Mrr *p, sqlite3_stmt *pStmt) {
  CsmEntityMap *pSegMap = csm_entity_map_new();
  sqlite3_value **apVal = 0; /* segment values by first appearance; [0] unused (NULL) */
  sqlite3_int64 nVal = 1, nValAlloc = 0;
  sqlite3_int64 *aLatest = 0, nLatestAlloc = 0; /* per entity: its latest day */
  int *aRank = 0;
  MrrSegSort *aOrder = 0;
  MrrDateMemo memo = {0};
  int rc, bAny = 0;
  sqlite3_int64 maxDay = 0;
  if (pSegMap == 0) return SQLITE_NOMEM;
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    sqlite3_value *pEnt = sqlite3_column_value(pStmt, 0);
    sqlite3_value *pTime = sqlite3_column_value(pStmt, 1);
    sqlite3_value *pSeg = sqlite3_column_value(pStmt, 2);
    int tTime = sqlite3_value_type(pTime);
    sqlite3_int64 day, iEnt, iSeg = 0;
    if (sqlite3_value_type(pEnt) == SQLITE_NULL || tTime == SQLITE_NULL) continue;
    if ((rc = mrr_read_day(p, &memo, pTime, tTime, &day)) != SQLITE_OK) goto done;
    if (p->bAsOf && day > p->asOfDay) continue;
    if (!bAny || day > maxDay) maxDay = day;
    bAny = 1;
    if ((rc = mrr_entity(p, pEnt, &iEnt)) != SQLITE_OK) goto done;
    if (sqlite3_value_type(pSeg) != SQLITE_NULL) {
      int bNew;
      if ((rc = csm_entity_map_intern(pSegMap, pSeg, &iSeg, &bNew)) != SQLITE_OK) goto done;
      iSeg++;
      if (bNew) {
        if (nVal == nValAlloc || apVal == 0) {
          nValAlloc = nValAlloc ? 2 * nValAlloc : 16;
          sqlite3_value **a = sqlite3_realloc64(apVal, (sqlite3_uint64)nValAlloc * sizeof(*a));
          if (a == 0) {
            rc = SQLITE_NOMEM;
            goto done;
          }
          if (apVal == 0) a[0] = 0;
          apVal = a;
        }
        if ((apVal[nVal++] = sqlite3_value_dup(pSeg)) == 0) {
          rc = SQLITE_NOMEM;
          goto done;
        }
      }
    }
    if (p->nEnt > nLatestAlloc) {
      sqlite3_int64 *a = sqlite3_realloc64(aLatest, (sqlite3_uint64)p->nEntAlloc * sizeof(*a));
      if (a == 0) {
        rc = SQLITE_NOMEM;
        goto done;
      }
      aLatest = a;
      nLatestAlloc = p->nEntAlloc;
    }
    MrrEntity *e = &p->aEnt[iEnt];
    if (e->stamp == -1 || day > aLatest[iEnt]) { /* stamp -1: no row yet */
      e->stamp = 0;
      aLatest[iEnt] = day;
      e->seg = (int)iSeg;
    } else if (day == aLatest[iEnt] && e->seg != iSeg &&
               (iSeg == 0 || (e->seg != 0 && mrr_value_cmp(apVal[iSeg], apVal[e->seg]) < 0))) {
      e->seg = (int)iSeg; /* the smallest of the latest rows */
    }
  }
  if (rc != SQLITE_DONE) {
    rc = mrr_step_error(p, pStmt, rc);
    goto done;
  }
  rc = SQLITE_OK;
  if (!p->bAsOf && bAny) p->asOfDay = maxDay;
  /* Rank the segments that are some entity's, NULL (index 0) first. */
  aRank = sqlite3_malloc64((sqlite3_uint64)nVal * sizeof(int));
  aOrder = sqlite3_malloc64((sqlite3_uint64)nVal * sizeof(MrrSegSort));
  p->apSeg = sqlite3_malloc64((sqlite3_uint64)nVal * sizeof(sqlite3_value *));
  if (aRank == 0 || aOrder == 0 || p->apSeg == 0) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  memset(aRank, 0, (size_t)nVal * sizeof(int));
  memset(p->apSeg, 0, (size_t)nVal * sizeof(sqlite3_value *));
  for (sqlite3_int64 i = 0; i < p->nEnt; i++) aRank[p->aEnt[i].seg] = 1;
  int nOrder = 0;
  for (int i = 1; i < nVal; i++) {
    if (aRank[i]) {
      aOrder[nOrder].pVal = apVal[i];
      aOrder[nOrder++].iVal = i;
    }
  }
  qsort(aOrder, (size_t)nOrder, sizeof(MrrSegSort), mrr_seg_sort_cmp);
  p->nSeg = 0;
  if (aRank[0]) p->apSeg[p->nSeg++] = 0; /* NULL */
  for (int i = 0; i < nOrder; i++) {
    aRank[aOrder[i].iVal] = p->nSeg;
    p->apSeg[p->nSeg++] = apVal[aOrder[i].iVal];
    apVal[aOrder[i].iVal] = 0; /* owned by p->apSeg now */
  }
  aRank[0] = 0;
  for (sqlite3_int64 i = 0; i < p->nEnt; i++) {
    p->aEnt[i].seg = aRank[p->aEnt[i].seg];
    p->aEnt[i].stamp = -1;
  }
done:
  for (sqlite3_int64 i = 1; i < nVal; i++) sqlite3_value_free(apVal[i]);
  sqlite3_free(apVal);
  sqlite3_free(aLatest);
  sqlite3_free(aRank);
  sqlite3_free(aOrder);
  csm_entity_map_free(pSegMap);
  return rc;
}

/* ---------------------------------------------------------------- stream */

static int mrr_row_new(Mrr *p, MrrRow **ppRow) {
  if (p->nRow == p->nRowAlloc) {
    sqlite3_int64 nAlloc = p->nRowAlloc ? 2 * p->nRowAlloc : 64;
    MrrRow *a = sqlite3_realloc64(p->aRow, (sqlite3_uint64)nAlloc * sizeof(*a));
    if (a == 0) return SQLITE_NOMEM;
    p->aRow = a;
    p->nRowAlloc = nAlloc;
  }
  *ppRow = &p->aRow[p->nRow++];
  memset(*ppRow, 0, sizeof(MrrRow));
  return SQLITE_OK;
}

static int mrr_int_cmp(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return x < y ? -1 : x > y;
}

/* Classifies entity iEnt at the closing of the current period, whose
** closing month is curMonth (R3, R5), adding it to its segment's bucket. */
static int mrr_visit(Mrr *p, sqlite3_int64 iEnt, int bBaseline, int startMonth) {
  MrrEntity *e = &p->aEnt[iEnt];
  if (e->stamp == p->nClosing) return SQLITE_OK; /* in both lists */
  e->stamp = p->nClosing;
  double prev = e->prev;
  double cur = e->month == p->curMonth ? e->sum : 0.0;
  if (prev == 0.0 && cur == 0.0) return SQLITE_OK;
  MrrRow *b = &p->aBucket[e->seg];
  if (p->aBucketStamp[e->seg] != p->nClosing) {
    p->aBucketStamp[e->seg] = p->nClosing;
    memset(b, 0, sizeof(*b));
    b->seg = e->seg;
    b->period = p->curPeriod;
    p->aUsed[p->nUsed++] = e->seg;
  }
  if (prev > 0.0) {
    mrr_sum_add(&b->a[MRR_STARTING], prev);
    b->n[MRR_STARTING]++;
  }
  if (cur > 0.0) {
    mrr_sum_add(&b->a[MRR_ENDING], cur);
    b->n[MRR_ENDING]++;
    if (mrr_list_push(&p->next, iEnt) != SQLITE_OK) return SQLITE_NOMEM;
  }
  if (!bBaseline) {
    MrrKind k;
    if (prev == 0.0) {
      int bBefore = (e->firstPos != MRR_NONE && e->firstPos < startMonth) ||
                    (e->month != MRR_NONE && e->month < startMonth && e->sum > 0.0);
      k = bBefore ? MRR_REACTIVATION : MRR_NEW;
    } else if (cur == 0.0) {
      k = MRR_CHURNED;
    } else if (cur > prev) {
      k = MRR_EXPANSION;
    } else if (cur < prev) {
      k = MRR_CONTRACTION;
    } else {
      k = MRR_N_KIND; /* unchanged */
    }
    if (k == MRR_NEW || k == MRR_REACTIVATION) {
      mrr_sum_add(&b->a[k], cur);
    } else if (k == MRR_CHURNED) {
      mrr_sum_add(&b->a[k], prev);
    } else if (k == MRR_EXPANSION) { /* R8: cur and -prev added apart */
      mrr_sum_add(&b->a[k], cur);
      mrr_sum_add(&b->a[k], -prev);
    } else if (k == MRR_CONTRACTION) {
      mrr_sum_add(&b->a[k], prev);
      mrr_sum_add(&b->a[k], -cur);
    }
    if (k != MRR_N_KIND) b->n[k]++;
  }
  e->prev = cur;
  return SQLITE_OK;
}

/* Closes the current period (R3, R5, R7): visits the entities with
** prev > 0 and those with rows in the closing month, then appends one row
** per segment used, in segment order. */
static int mrr_close(Mrr *p) {
  int bBaseline = p->curPeriod == p->firstPeriod;
  int startMonth = (int)csm_period_index(CSM_GRAN_MONTH, csm_period_start(p->gran, p->curPeriod));
  p->nUsed = 0;
  p->next.n = 0;
  for (sqlite3_int64 i = 0; i < p->active.n; i++) {
    if (mrr_visit(p, p->active.a[i], bBaseline, startMonth) != SQLITE_OK) return SQLITE_NOMEM;
  }
  for (sqlite3_int64 i = 0; i < p->touched.n; i++) {
    if (mrr_visit(p, p->touched.a[i], bBaseline, startMonth) != SQLITE_OK) return SQLITE_NOMEM;
  }
  MrrList t = p->active;
  p->active = p->next;
  p->next = t;
  p->nClosing++;
  qsort(p->aUsed, (size_t)p->nUsed, sizeof(int), mrr_int_cmp);
  for (int i = 0; i < p->nUsed; i++) {
    MrrRow *r;
    if (mrr_row_new(p, &r) != SQLITE_OK) return SQLITE_NOMEM;
    *r = p->aBucket[p->aUsed[i]];
  }
  return SQLITE_OK;
}

/* Appends the periods after the last closed one up to period `until`
** (exclusive), which have no rows: copies of the last period's rows with
** every entity carried forward (R3). */
static int mrr_carry(Mrr *p, sqlite3_int64 until) {
  sqlite3_int64 iLast = p->nRow, nLast;
  while (iLast > 0 && p->aRow[iLast - 1].period == p->curPeriod) iLast--;
  nLast = p->nRow - iLast;
  for (sqlite3_int64 period = p->curPeriod + 1; period < until; period++) {
    for (sqlite3_int64 i = iLast; i < iLast + nLast; i++) {
      MrrRow *r;
      if (p->aRow[i].n[MRR_ENDING] == 0) continue;
      if (mrr_row_new(p, &r) != SQLITE_OK) return SQLITE_NOMEM;
      r->period = period;
      r->seg = p->aRow[i].seg;
      r->a[MRR_STARTING] = r->a[MRR_ENDING] = p->aRow[i].a[MRR_ENDING];
      r->n[MRR_STARTING] = r->n[MRR_ENDING] = p->aRow[i].n[MRR_ENDING];
    }
  }
  return SQLITE_OK;
}

/* Drops the stream state (not the entities' segments) for a new read. */
static void mrr_stream_reset(Mrr *p) {
  for (sqlite3_int64 i = 0; i < p->nEnt; i++) {
    MrrEntity *e = &p->aEnt[i];
    e->day = 0;
    e->sum = e->prev = 0.0;
    e->month = e->firstPos = MRR_NONE;
    e->stamp = -1;
  }
  p->curMonth = MRR_NONE;
  p->nClosing = 0;
  p->touched.n = p->active.n = p->next.n = 0;
  p->nRow = 0;
  if (p->aBucketStamp) memset(p->aBucketStamp, 0xff, (size_t)p->nSeg * sizeof(int));
}

/* Pass 2: reads entity, time, value in the statement's order and builds
** the rows. Returns SQLITE_OK, MRR_UNORDERED when a month goes backwards
** (nothing reported; with bSorted that is an error instead), or an SQLite
** code with the message set. */
static int mrr_stream(Mrr *p, sqlite3_stmt *pStmt, int bSorted) {
  MrrDateMemo memo = {0};
  int rc;
  sqlite3_int64 lastDay = 0;
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    sqlite3_value *pEnt = sqlite3_column_value(pStmt, 0);
    sqlite3_value *pTime = sqlite3_column_value(pStmt, 1);
    int tTime = sqlite3_value_type(pTime);
    sqlite3_int64 day, iEnt;
    double v;
    if (sqlite3_value_type(pEnt) == SQLITE_NULL || tTime == SQLITE_NULL) continue; /* R1 */
    if ((rc = mrr_read_day(p, &memo, pTime, tTime, &day)) != SQLITE_OK) return rc;
    if (p->bAsOf && day > p->asOfDay) continue;
    if ((rc = mrr_read_value(p, sqlite3_column_value(pStmt, 2), &v)) != SQLITE_OK) return rc;
    int month = (int)csm_period_index(CSM_GRAN_MONTH, day);
    if (month < p->curMonth) {
      if (!bSorted) return MRR_UNORDERED;
      return csm_vtab_error_got(p->pVtab, pTime,
                                "mrr_movements: time_column %s cannot be put in time order"
                                " by SQL (a date SQL reads differently)",
                                p->zTimeCol);
    }
    if (p->curMonth == MRR_NONE || day > lastDay) lastDay = day;
    if (month > p->curMonth) {
      sqlite3_int64 period = csm_period_index(p->gran, csm_period_start(CSM_GRAN_MONTH, month));
      if (p->curMonth == MRR_NONE) {
        p->firstPeriod = period;
      } else if (period != p->curPeriod) {
        if (mrr_close(p) != SQLITE_OK || mrr_carry(p, period) != SQLITE_OK) return SQLITE_NOMEM;
      }
      p->curMonth = month;
      p->curPeriod = period;
      p->touched.n = 0;
    }
    if ((rc = mrr_entity(p, pEnt, &iEnt)) != SQLITE_OK) return rc;
    MrrEntity *e = &p->aEnt[iEnt];
    if (e->month != month) { /* R2: its first row of the month */
      if (e->month != MRR_NONE && e->sum > 0.0 && e->firstPos == MRR_NONE) e->firstPos = e->month;
      e->month = month;
      e->day = day;
      e->sum = v;
      if (mrr_list_push(&p->touched, iEnt) != SQLITE_OK) return SQLITE_NOMEM;
    } else if (day > e->day) {
      e->day = day;
      e->sum = v;
    } else if (day == e->day) {
      e->sum += v;
    }
  }
  if (rc != SQLITE_DONE) return mrr_step_error(p, pStmt, rc);
  if (p->curMonth == MRR_NONE) return SQLITE_OK; /* no rows: no periods */
  if (!p->bAsOf) p->asOfDay = lastDay;
  p->lastPeriod = csm_period_index(p->gran, p->asOfDay);
  if (mrr_close(p) != SQLITE_OK || mrr_carry(p, p->lastPeriod + 1) != SQLITE_OK) {
    return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

/* Allocates the per-segment buckets once the segments are known. */
static int mrr_buckets(Mrr *p) {
  int n = p->nSeg > 0 ? p->nSeg : 1;
  p->aBucket = sqlite3_malloc64((sqlite3_uint64)n * sizeof(MrrRow));
  p->aBucketStamp = sqlite3_malloc64((sqlite3_uint64)n * sizeof(int));
  p->aUsed = sqlite3_malloc64((sqlite3_uint64)n * sizeof(int));
  if (p->aBucket == 0 || p->aBucketStamp == 0 || p->aUsed == 0) return SQLITE_NOMEM;
  p->nSeg = n;
  memset(p->aBucketStamp, 0xff, (size_t)n * sizeof(int));
  return SQLITE_OK;
}

static void mrr_free(Mrr *p) {
  csm_entity_map_free(p->pMap);
  sqlite3_free(p->aEnt);
  if (p->apSeg) {
    for (int i = 0; i < p->nSeg; i++) sqlite3_value_free(p->apSeg[i]);
  }
  sqlite3_free(p->apSeg);
  sqlite3_free(p->touched.a);
  sqlite3_free(p->active.a);
  sqlite3_free(p->next.a);
  sqlite3_free(p->aBucket);
  sqlite3_free(p->aBucketStamp);
  sqlite3_free(p->aUsed);
  sqlite3_free(p->aRow);
  memset(p, 0, sizeof(*p));
}

/* Prepares the read of zSource's columns (entity, time, then value or
** segment); with bOrdered, ORDER BY the time as a Julian day, numbers read
** by the 'auto' rule. */
static int mrr_prepare(Mrr *p, sqlite3 *db, const char *zSource, const char *const *azCol,
                       int bOrdered, sqlite3_stmt **ppStmt) {
  int rc = csm_source_prepare(db, p->pVtab, "mrr_movements", "source", zSource, azCol, 3, ppStmt, 0);
  if (rc != SQLITE_OK || !bOrdered) return rc;
  char *zSql = sqlite3_mprintf(
      "SELECT * FROM (%s) ORDER BY CASE WHEN typeof(\"%w\") IN ('integer', 'real') THEN"
      " CASE WHEN \"%w\" >= 0 AND \"%w\" < 5373484.5 THEN \"%w\" ELSE \"%w\" / 86400.0 + 2440587.5"
      " END ELSE julianday(\"%w\") END",
      sqlite3_sql(*ppStmt), azCol[1], azCol[1], azCol[1], azCol[1], azCol[1], azCol[1]);
  sqlite3_finalize(*ppStmt);
  *ppStmt = 0;
  if (zSql == 0) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(db, zSql, -1, ppStmt, 0);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM && rc != SQLITE_INTERRUPT) {
    rc = csm_vtab_errorf(p->pVtab, "mrr_movements: source '%q': %s", zSource, sqlite3_errmsg(db));
  }
  return rc;
}

/* Runs the whole computation into p (R1..R9). azCol: entity, time, value,
** segment (or 0). */
static int mrr_compute(Mrr *p, sqlite3 *db, const char *zSource, const char *const *azCol) {
  sqlite3_stmt *pStmt = 0;
  const char *azRead[3] = {azCol[0], azCol[1], azCol[2]};
  int rc;
  p->pMap = csm_entity_map_new();
  if (p->pMap == 0) return SQLITE_NOMEM;
  p->curMonth = MRR_NONE;
  if (p->bSeg) {
    const char *azSeg[3] = {azCol[0], azCol[1], azCol[3]};
    rc = mrr_prepare(p, db, zSource, azSeg, 0, &pStmt);
    if (rc == SQLITE_OK) rc = mrr_segments(p, pStmt);
    sqlite3_finalize(pStmt);
    pStmt = 0;
    if (rc != SQLITE_OK) return rc;
  }
  rc = mrr_buckets(p);
  if (rc == SQLITE_OK) rc = mrr_prepare(p, db, zSource, azRead, 0, &pStmt);
  if (rc == SQLITE_OK) rc = mrr_stream(p, pStmt, 0);
  sqlite3_finalize(pStmt);
  pStmt = 0;
  if (rc == MRR_UNORDERED) {
    mrr_stream_reset(p);
    rc = mrr_prepare(p, db, zSource, azRead, 1, &pStmt);
    if (rc == SQLITE_OK) rc = mrr_stream(p, pStmt, 1);
    sqlite3_finalize(pStmt);
  }
  return rc;
}

/* ---------------------------------------------------------------- vtab */

typedef struct MrrCursor {
  sqlite3_vtab_cursor base;
  sqlite3_value *apArg[MRR_N_ARG]; /* copies of the arguments given, or 0 */
  Mrr m;
  sqlite3_int64 iRow;
} MrrCursor;

static int mrr_connect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                       sqlite3_vtab **ppVtab, char **pzErr) {
  (void)pAux;
  (void)argc;
  (void)argv;
  (void)pzErr;
  int rc = sqlite3_declare_vtab(db, MRR_SCHEMA);
  if (rc != SQLITE_OK) return rc;
  MrrVtab *p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->db = db;
  /* Not innocuous: it reads any named table, which an untrusted schema
  ** could use to reach data it cannot read itself. */
  *ppVtab = &p->base;
  return SQLITE_OK;
}

static int mrr_disconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

static int mrr_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  (void)pVtab;
  MrrCursor *pCur = sqlite3_malloc64(sizeof(*pCur));
  if (pCur == 0) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

static void mrr_reset(MrrCursor *pCur) {
  for (int i = 0; i < MRR_N_ARG; i++) {
    sqlite3_value_free(pCur->apArg[i]);
    pCur->apArg[i] = 0;
  }
  mrr_free(&pCur->m);
  pCur->iRow = 0;
}

static int mrr_close_cursor(sqlite3_vtab_cursor *cur) {
  mrr_reset((MrrCursor *)cur);
  sqlite3_free(cur);
  return SQLITE_OK;
}

/*
** xBestIndex and xFilter. Each usable equality constraint on an argument
** column gets the next argvIndex (omit = 1), in column order, and bit
** (1 << argument number) in idxNum, so xFilter finds the arguments given
** by walking the bits of idxNum. An argument constrained only by unusable
** constraints makes the plan SQLITE_CONSTRAINT. Every argument has a
** default. ORDER BY period [, segment] (ascending) is consumed.
*/
static int mrr_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  (void)pVtab;
  int aIdx[MRR_N_ARG], unusable = 0, idxNum = 0, n = 0;
  for (int j = 0; j < MRR_N_ARG; j++) aIdx[j] = -1;
  for (int i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &pInfo->aConstraint[i];
    if (c->iColumn < MRR_COL_FIRST_ARG || c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    int j = c->iColumn - MRR_COL_FIRST_ARG;
    if (!c->usable) {
      unusable |= 1 << j;
    } else if (aIdx[j] < 0) {
      aIdx[j] = i;
      idxNum |= 1 << j;
    }
  }
  if ((unusable & ~idxNum) != 0) return SQLITE_CONSTRAINT;
  for (int j = 0; j < MRR_N_ARG; j++) {
    if (aIdx[j] < 0) continue;
    pInfo->aConstraintUsage[aIdx[j]].argvIndex = ++n;
    pInfo->aConstraintUsage[aIdx[j]].omit = 1;
  }
  pInfo->idxNum = idxNum;
  if (pInfo->nOrderBy >= 1 && pInfo->nOrderBy <= 2 &&
      pInfo->aOrderBy[0].iColumn == MRR_COL_PERIOD && !pInfo->aOrderBy[0].desc &&
      (pInfo->nOrderBy == 1 ||
       (pInfo->aOrderBy[1].iColumn == MRR_COL_SEGMENT && !pInfo->aOrderBy[1].desc))) {
    pInfo->orderByConsumed = 1;
  }
  pInfo->estimatedCost = 1000000.0; /* a full scan of the source */
  pInfo->estimatedRows = 100;
  return SQLITE_OK;
}

/* Argument iArg as a name, or zDefault when absent or NULL. */
static const char *mrr_name_arg(MrrCursor *pCur, int iArg, const char *zName, const char *zDefault,
                                int *pRc) {
  sqlite3_value *v = pCur->apArg[iArg];
  if (v == 0 || sqlite3_value_type(v) == SQLITE_NULL) return zDefault;
  if (sqlite3_value_type(v) == SQLITE_TEXT) return (const char *)sqlite3_value_text(v);
  *pRc = csm_vtab_error_got(pCur->base.pVtab, v, "mrr_movements: %s must be %s", zName,
                            iArg == MRR_ARG_SOURCE ? "a table or view name" : "a column name");
  return 0;
}

static int mrr_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                      sqlite3_value **argv) {
  (void)idxStr;
  MrrCursor *pCur = (MrrCursor *)cur;
  sqlite3_vtab *pVtab = cur->pVtab;
  Mrr *p = &pCur->m;
  int rc = SQLITE_OK;
  mrr_reset(pCur);
  for (int j = 0, i = 0; j < MRR_N_ARG && i < argc; j++) {
    if ((idxNum & (1 << j)) == 0) continue;
    pCur->apArg[j] = sqlite3_value_dup(argv[i++]);
    if (pCur->apArg[j] == 0) return SQLITE_NOMEM;
  }
  p->pVtab = pVtab;
  p->gran = CSM_GRAN_MONTH;
  sqlite3_value *pGran = pCur->apArg[MRR_ARG_GRANULARITY];
  if (pGran && sqlite3_value_type(pGran) != SQLITE_NULL) {
    const char *z =
        sqlite3_value_type(pGran) == SQLITE_TEXT ? (const char *)sqlite3_value_text(pGran) : 0;
    if (z == 0 || csm_granularity_parse(z, &p->gran) != CSM_OK || p->gran == CSM_GRAN_DAY ||
        p->gran == CSM_GRAN_WEEK) {
      return csm_vtab_error_got(pVtab, pGran,
                                "mrr_movements: granularity must be 'month', 'quarter' or 'year'");
    }
  }
  const char *zSource = mrr_name_arg(pCur, MRR_ARG_SOURCE, "source", "mrr_snapshots", &rc);
  const char *azCol[4] = {0, 0, 0, 0};
  if (rc == SQLITE_OK) azCol[0] = mrr_name_arg(pCur, MRR_ARG_ENTITY, "entity_column", "account", &rc);
  if (rc == SQLITE_OK) azCol[1] = mrr_name_arg(pCur, MRR_ARG_TIME, "time_column", "month", &rc);
  if (rc == SQLITE_OK) azCol[2] = mrr_name_arg(pCur, MRR_ARG_VALUE, "value_column", "mrr", &rc);
  if (rc == SQLITE_OK) azCol[3] = mrr_name_arg(pCur, MRR_ARG_SEGMENT, "segment_column", 0, &rc);
  if (rc != SQLITE_OK) return rc;
  sqlite3_value *pAsOf = pCur->apArg[MRR_ARG_AS_OF];
  if (pAsOf && sqlite3_value_type(pAsOf) != SQLITE_NULL) {
    if (csm_value_day(pAsOf, &p->asOfDay) != CSM_OK) {
      return csm_vtab_error_got(pVtab, pAsOf, "mrr_movements: as_of must be a date");
    }
    p->bAsOf = 1;
  }
  p->bSeg = azCol[3] != 0;
  p->zTimeCol = azCol[1];
  p->zValueCol = azCol[2];
  return mrr_compute(p, ((MrrVtab *)pVtab)->db, zSource, azCol);
}

static int mrr_next(sqlite3_vtab_cursor *cur) {
  ((MrrCursor *)cur)->iRow++;
  return SQLITE_OK;
}

static int mrr_eof(sqlite3_vtab_cursor *cur) {
  MrrCursor *pCur = (MrrCursor *)cur;
  return pCur->iRow >= pCur->m.nRow;
}

/* The value an argument column shows: the argument given, else its default. */
static void mrr_arg_column(MrrCursor *pCur, sqlite3_context *ctx, int iArg) {
  static const char *const azDefault[MRR_N_ARG] = {"month", "mrr_snapshots", "account", "month",
                                                   "mrr",   0,               0};
  if (pCur->apArg[iArg] && sqlite3_value_type(pCur->apArg[iArg]) != SQLITE_NULL) {
    sqlite3_result_value(ctx, pCur->apArg[iArg]);
  } else if (iArg == MRR_ARG_AS_OF) {
    char zDay[16];
    csm_day_format(pCur->m.asOfDay, zDay);
    sqlite3_result_text(ctx, zDay, -1, SQLITE_TRANSIENT);
  } else if (azDefault[iArg]) {
    sqlite3_result_text(ctx, azDefault[iArg], -1, SQLITE_STATIC);
  }
}

static int mrr_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int iCol) {
  MrrCursor *pCur = (MrrCursor *)cur;
  const Mrr *p = &pCur->m;
  const MrrRow *r = &p->aRow[pCur->iRow];
  int bBaseline = r->period == p->firstPeriod;
  double start = mrr_sum_value(&r->a[MRR_STARTING]);
  if (iCol >= MRR_COL_STARTING && iCol < MRR_COL_STARTING + MRR_N_KIND) {
    int k = iCol - MRR_COL_STARTING;
    if (!bBaseline || k == MRR_ENDING) sqlite3_result_double(ctx, mrr_sum_value(&r->a[k]));
    return SQLITE_OK;
  }
  if (iCol >= MRR_COL_STARTING_ACCOUNTS && iCol < MRR_COL_STARTING_ACCOUNTS + MRR_N_KIND) {
    int k = iCol - MRR_COL_STARTING_ACCOUNTS;
    if (!bBaseline || k == MRR_ENDING) sqlite3_result_int64(ctx, r->n[k]);
    return SQLITE_OK;
  }
  switch (iCol) {
  case MRR_COL_PERIOD: {
    char zDay[16];
    csm_day_format(csm_period_start(p->gran, r->period), zDay);
    sqlite3_result_text(ctx, zDay, -1, SQLITE_TRANSIENT);
    break;
  }
  case MRR_COL_SEGMENT:
    if (p->bSeg && p->apSeg[r->seg]) sqlite3_result_value(ctx, p->apSeg[r->seg]);
    break;
  case MRR_COL_NRR:
  case MRR_COL_GRR:
    if (!bBaseline && start != 0.0) {
      MrrSum num = r->a[MRR_STARTING];
      if (iCol == MRR_COL_NRR) {
        mrr_sum_add(&num, r->a[MRR_EXPANSION].s);
        mrr_sum_add(&num, r->a[MRR_EXPANSION].c);
      }
      for (int k = MRR_CONTRACTION; k <= MRR_CHURNED; k++) {
        mrr_sum_add(&num, -r->a[k].s);
        mrr_sum_add(&num, -r->a[k].c);
      }
      sqlite3_result_double(ctx, mrr_sum_value(&num) / start);
    }
    break;
  case MRR_COL_QUICK_RATIO: {
    double down = mrr_sum_value(&r->a[MRR_CONTRACTION]) + mrr_sum_value(&r->a[MRR_CHURNED]);
    if (!bBaseline && down != 0.0) {
      double up = mrr_sum_value(&r->a[MRR_NEW]) + mrr_sum_value(&r->a[MRR_REACTIVATION]) +
                  mrr_sum_value(&r->a[MRR_EXPANSION]);
      sqlite3_result_double(ctx, up / down);
    }
    break;
  }
  case MRR_COL_PARTIAL: /* R9 */
    sqlite3_result_int(ctx, p->asOfDay < csm_period_end(p->gran, r->period));
    break;
  default:
    mrr_arg_column(pCur, ctx, iCol - MRR_COL_FIRST_ARG);
    break;
  }
  return SQLITE_OK;
}

static int mrr_rowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((MrrCursor *)cur)->iRow;
  return SQLITE_OK;
}

static const sqlite3_module mrr_module = {
    0,                /* iVersion */
    0,                /* xCreate: eponymous only */
    mrr_connect,      /* xConnect */
    mrr_best_index,   /* xBestIndex */
    mrr_disconnect,   /* xDisconnect */
    0,                /* xDestroy */
    mrr_open,         /* xOpen */
    mrr_close_cursor, /* xClose */
    mrr_filter,       /* xFilter */
    mrr_next,         /* xNext */
    mrr_eof,          /* xEof */
    mrr_column,       /* xColumn */
    mrr_rowid,        /* xRowid */
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

int mrr_movements_register(sqlite3 *db) {
  return sqlite3_create_module(db, "mrr_movements", &mrr_module, 0);
}
