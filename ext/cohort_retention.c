/*
** cohort_retention.c -- the cohort_retention table-valued function: the
** cohort grid (entities of each cohort active in each later period).
**
**   SELECT cohort, period, cohort_size, active, retention, partial
**     FROM cohort_retention('usage_events');           -- monthly, classic
**   2024-01-01|0|2|2|1.0|0
**   2024-01-01|1|2|1|0.5|0
**   2024-01-01|2|2|1|0.5|0
**   2024-01-01|3|2|0|0.0|1        <- nobody active yet in April: emitted
**   2024-02-01|0|1|1|1.0|0           with 0; April holds as_of: partial
**   ...                              (docs/tables/cohort_retention.md)
**   SELECT * FROM cohort_retention('usage_events', 'week', 'rolling');
**   SELECT * FROM cohort_retention
**    WHERE source = 'mrr_snapshots' AND time_column = 'month'
**      AND value_column = 'mrr' AND value_agg = 'last';
**
** How it works. The arguments are the hidden columns source .. segment_column
** (cohort_aArg; the plan and their capture are tvf.c's). xFilter reads
**   SELECT csm_cohort_feed(?1, "entity", "time"[, "value"][, "cohort"]
**          [, "segment"]) FROM source
** once (scan_feed.h: names checked and quoted; the internal aggregate hands
** each row to cohort_scan_row in one sqlite3_step) and keeps per entity
** (ext/entity_map.h gives each distinct SQL value a dense index) the set of
** *units* it was seen in -- periods, or months with value_agg 'last' at
** month, quarter or year granularity -- each with its value (the sum, or
** the latest day and the sum on it): ext/period_set.h, a 128-unit bitmap
** inside the entity's record while there are no values and the span
** allows, else a log of cells that grows with the units observed (R10).
** Entity lookups are pipelined (see CohortPending): with 10^5 entities the
** map does not fit the CPU caches. After the scan the source is no longer
** needed: entities are sorted by (segment, cohort), and the grid is
** produced one cohort at a time, never held whole, from the offsets at
** which the cohort was active (CohortCell; R10).
**
** A large file source is read by worker threads when csmetrics_threads()
** allows (scan_feed.h, scan_parallel.c): each chunk of rowids goes to a
** CohortPart, a scan state of its own, and cohort_part_merge folds the
** parts in rowid order (R13).
**
** Requirements, referred to in the code as R1..R13:
**   R1 cohort = period of the earliest cohort_column value when given (an
**      entity with no such value falls back to its first row), else the
**      period of the entity's first row; activity before it is ignored.
**   R2 rows with NULL entity or time are skipped; an unparseable time,
**      cohort value or value is an error naming the value.
**   R3 as_of (a day, inclusive) defaults to the day of the latest time;
**      rows after it are ignored.
**   R4 one row per (segment,) cohort and offset 0 .. the period holding
**      as_of, zero cells included, ordered by segment, cohort, period; a
**      cohort that starts after as_of has no row.
**   R5 classic: active in period N; rolling: active in N or any later
**      observed period.
**   R6 value_agg 'sum': value = sum of value_column over the cohort's rows
**      in the period (NULL counts 0); revenue_retention = value / value at
**      period 0 (NULL when that is 0).
**   R7 partial = 1 on the period holding as_of unless as_of is its last day.
**   R8 value_agg 'last' (snapshot measures): an entity's value in a window
**      is the sum of its values on its latest day in the window with rows
**      (0 without rows). A day or week period is its own window; a month,
**      quarter or year period's window is its closing month: the latest
**      month within it in which the source has a row on or before as_of,
**      else the latest such month before it (values carry forward), but
**      never a month before the cohort (R1). active still counts any row.
**   R9 segment_column: an entity's segment is the value on its earliest
**      day (the smallest, in ORDER BY order, when that day's rows
**      disagree); each cohort is split by segment, cohort_size counting the
**      segment's entities.
**   R10 memory is proportional to entities x observed units, never to the
**      span of time or the rows; work is O(rows log rows) whatever the
**      order of the rows.
**   R11 a week that starts before 0000-01-01 cannot be shown as a date: a
**      time or cohort value in it is an error naming the value.
**   R12 every output value is the exact sum of the values it covers,
**      rounded once (period_set.h P1, sum.h), so it does not depend on the
**      order in which the source's rows arrive.
**   R13 the parallel scan gives exactly the serial result: entity indexes
**      in order of first appearance, the rest order-free (R1, R9, R12).
**
** The inner statement runs on the same connection, so sqlite3_interrupt()
** makes its sqlite3_step() return SQLITE_INTERRUPT, which xFilter returns;
** the C work after the read (the segment sort, the members) consults an
** interrupt probe (interrupt_probe.h), and each group's cells are made in
** xNext, between rows, where SQLite checks for itself.
*/
#include "array.h"
#include "date_cache.h"
#include "dates.h"
#include "entity_map.h"
#include "errors.h"
#include "period_set.h"
#include "scan_feed.h"
#include "sum.h"
#include "tvf.h"
#include "value_order.h"

#include <stdlib.h>
#include <string.h>

/* Output columns, then the arguments (hidden), in positional order. */
#define COHORT_SCHEMA                                                                              \
  "CREATE TABLE x(cohort TEXT, period INTEGER, cohort_size INTEGER,"                               \
  " active INTEGER, retention REAL, value REAL, revenue_retention REAL,"                           \
  " partial INTEGER, segment, source HIDDEN, granularity HIDDEN, mode HIDDEN,"                     \
  " entity_column HIDDEN, time_column HIDDEN, value_column HIDDEN,"                                \
  " cohort_column HIDDEN, as_of HIDDEN, value_agg HIDDEN, segment_column HIDDEN)"
#define COHORT_COL_COHORT 0
#define COHORT_COL_PERIOD 1
#define COHORT_COL_SIZE 2
#define COHORT_COL_ACTIVE 3
#define COHORT_COL_RETENTION 4
#define COHORT_COL_VALUE 5
#define COHORT_COL_REVENUE_RETENTION 6
#define COHORT_COL_PARTIAL 7
#define COHORT_COL_SEGMENT 8
#define COHORT_COL_FIRST_ARG 9 /* source; the arguments follow in order */
#define COHORT_ARG_SOURCE 0
#define COHORT_ARG_GRANULARITY 1
#define COHORT_ARG_MODE 2
#define COHORT_ARG_ENTITY 3
#define COHORT_ARG_TIME 4
#define COHORT_ARG_VALUE 5
#define COHORT_ARG_COHORT 6
#define COHORT_ARG_AS_OF 7
#define COHORT_ARG_VALUE_AGG 8
#define COHORT_ARG_SEGMENT 9
#define COHORT_N_ARG 10

/* Words in the order of CsmGranularity. */
static const char *const cohort_azGran[] = {"day", "week", "month", "quarter", "year", 0};
static const char *const cohort_azMode[] = {"classic", "rolling", 0};
static const char *const cohort_azAgg[] = {"sum", "last", 0};

static const TvfArg cohort_aArg[COHORT_N_ARG] = {
    {"source", TVF_TABLE, 0, 0, 1},
    {"granularity", TVF_CHOICE, "month", cohort_azGran, 0},
    {"mode", TVF_CHOICE, "classic", cohort_azMode, 0},
    {"entity_column", TVF_COLUMN, "account", 0, 0},
    {"time_column", TVF_COLUMN, "date", 0, 0},
    {"value_column", TVF_COLUMN, 0, 0, 0},
    {"cohort_column", TVF_COLUMN, 0, 0, 0},
    {"as_of", TVF_DAY, 0, 0, 0},
    {"value_agg", TVF_CHOICE, "sum", cohort_azAgg, 0},
    {"segment_column", TVF_COLUMN, 0, 0, 0},
};
/* R4: rows come ordered by segment (NULL without segment_column), cohort, period. */
static const TvfOrder cohort_aOrder[] = {
    {COHORT_COL_SEGMENT, COHORT_ARG_SEGMENT}, {COHORT_COL_COHORT, -1}, {COHORT_COL_PERIOD, -1}};
/* The internal aggregate the source's rows are fed through (scan_feed.h). */
static const CsmFeedFunc cohort_feed = {"csm_cohort_feed", "cohort_retention"};
static const TvfSpec cohort_spec = {"cohort_retention",
                                    COHORT_SCHEMA,
                                    COHORT_COL_FIRST_ARG,
                                    COHORT_N_ARG,
                                    cohort_aArg,
                                    cohort_aOrder,
                                    3};

#define COHORT_NO_PERIOD (-((sqlite3_int64)1 << 62)) /* "no cohort value seen" */
#define COHORT_NO_SEG (-2)    /* aSeg: no row seen yet; -1 is the NULL segment */
#define COHORT_TOO_EARLY 3    /* cohort_read_period: a week before year 0000 (R11) */
#define COHORT_N_MONTH 120000 /* months of years 0000..9999 */

/* An offset of the current cohort at which members were active (R4-R6).
** The cells of a cohort are listed by increasing offset; offsets with no
** activity have no cell (R10: a cohort spanning 10^6 empty periods holds
** only its cells). */
typedef struct CohortCell {
  sqlite3_int64 off;    /* offset from the cohort */
  sqlite3_int64 active; /* members active at off */
  sqlite3_int64 nLast;  /* members whose last active offset is off (R5 rolling) */
  double sum;           /* R6: their values at off (not with bMonthUnits) */
  double sumLo;         /* a sparse cell of one member: its unit's lo (period_set.h P1) */
} CohortCell;

/* One entity placed in its cohort; sorted by (segment rank, cohort, entity). */
typedef struct CohortMember {
  sqlite3_int64 cohort; /* period index of the cohort */
  sqlite3_int64 iEnt;   /* index into aEnt */
  int segRank;          /* rank of its segment value (0 without segments) */
  int seg;              /* its segment index, -1: NULL */
} CohortMember;

typedef struct CohortCursor {
  sqlite3_vtab_cursor base;
  TvfArgs args;             /* the arguments, captured by tvf_capture */
  CsmGranularity gran;      /* of the output */
  CsmGranularity gUnit;     /* of the cells: gran, or month with bMonthUnits */
  int bRolling;             /* mode = 'rolling' */
  int bValue;               /* a value_column was given */
  int bLast;                /* value_agg = 'last' (R8) */
  int bMonthUnits;          /* bLast at month, quarter or year: cells are months */
  CsmPeriodMode mode;       /* what each entity's period set keeps (R6, R8) */
  int bSeg;                 /* a segment_column was given (R9) */
  sqlite3_int64 minDay;     /* R11: the first day whose period starts in year 0000 */
  sqlite3_int64 asOfDay;    /* R3 */
  sqlite3_int64 asOfPeriod; /* the period holding asOfDay */
  CsmPeriodSet *aEnt;       /* per entity, by entity_map index: its units */
  sqlite3_int64 *aCohort;   /* per entity: earliest cohort_column period, or
                            ** COHORT_NO_PERIOD (only with cohort_column) */
  int *aSeg;                /* per entity: segment index (with bSeg) */
  int *aSegDay;             /* per entity: the day aSeg was read on */
  sqlite3_int64 nEnt, nEntAlloc;
  int bCohortCol;           /* a cohort_column was given */
  sqlite3_value **apSegVal; /* segment values by index (copies) */
  sqlite3_int64 nSegVal, nSegAlloc;
  sqlite3_uint64 *aMonthBit; /* with bMonthUnits: months with a row */
  sqlite3_int64 *aMonth;     /* those months, ascending */
  sqlite3_int64 nMonth;
  CohortMember *aMember; /* every entity with a cohort by as_of, sorted */
  sqlite3_int64 nMember;
  sqlite3_int64 iMember;    /* first member of the current cohort */
  sqlite3_int64 iMemberEnd; /* one past its last member */
  sqlite3_int64 nOffset;    /* offsets of the current cohort: 0..nOffset-1 */
  sqlite3_int64 iOffset;    /* the current row's offset */
  CohortCell *aCell;        /* the current cohort's cells, by offset */
  sqlite3_int64 nCell, nCellAlloc;
  sqlite3_int64 iCell;     /* the first cell at or after iOffset */
  sqlite3_int64 nWithCell; /* members with a cell (R5 rolling) */
  sqlite3_int64 nGone;     /* of those, members whose last cell is before iOffset */
  sqlite3_int64 iMonth0;   /* bMonthUnits: rank in aMonth of the cohort's first month */
  sqlite3_int64 iMonth;    /* bMonthUnits: rank of iOffset's closing month (R8) */
  sqlite3_int64 active;    /* the current row's active */
  double sum;              /* the current row's value */
  double sum0;             /* the value at offset 0 (R6) */
  CsmSum *aMonthSum;       /* with bMonthUnits: per month of aMonth from the cohort */
  sqlite3_int64 nMonthSumAlloc;
  CsmSum *aCellSum; /* dense cells with values: the exact sum per offset (R12) */
  sqlite3_int64 nCellSumAlloc;
  sqlite3_int64 iRowid;
} CohortCursor;

/* ---------------------------------------------------------------- scan */

static void cohort_free_entities(CohortCursor *pCur) {
  for (sqlite3_int64 i = 0; i < pCur->nEnt; i++) csm_period_set_free(&pCur->aEnt[i]);
  sqlite3_free(pCur->aEnt);
  sqlite3_free(pCur->aCohort);
  sqlite3_free(pCur->aSeg);
  sqlite3_free(pCur->aSegDay);
  pCur->aEnt = 0;
  pCur->aCohort = 0;
  pCur->aSeg = pCur->aSegDay = 0;
  pCur->nEnt = pCur->nEntAlloc = 0;
  for (sqlite3_int64 i = 0; i < pCur->nSegVal; i++) sqlite3_value_free(pCur->apSegVal[i]);
  sqlite3_free(pCur->apSegVal);
  pCur->apSegVal = 0;
  pCur->nSegVal = pCur->nSegAlloc = 0;
}

/* Reads a date value (not NULL) through the cache *pC, whose granularity
** gives *pPeriod. Returns CSM_OK, CSM_INVALID or COHORT_TOO_EARLY (R11). */
static int cohort_read_period(const CohortCursor *pCur, CsmDateCache *pC, sqlite3_value *pVal,
                              sqlite3_int64 *pDay, sqlite3_int64 *pPeriod) {
  if (csm_date_cache_read(pC, pVal, pDay, pPeriod) != CSM_OK) return CSM_INVALID;
  return *pDay < pCur->minDay ? COHORT_TOO_EARLY : CSM_OK;
}

/* The error for a value of column zCol (argument zArg) that
** cohort_read_period refused with code rc. */
static int cohort_date_error(sqlite3_vtab *pVtab, sqlite3_value *pVal, int rc, const char *zArg,
                             const char *zCol) {
  if (rc == COHORT_TOO_EARLY) {
    return csm_vtab_error_got(pVtab, pVal,
                              "cohort_retention: %s %s must hold dates whose week starts in"
                              " year 0000 or later",
                              zArg, zCol);
  }
  return csm_vtab_error_got(pVtab, pVal, "cohort_retention: %s %s must hold dates", zArg, zCol);
}

/* One row read and waiting for its entity (the entity map interns keys a
** batch at a time: csm_entity_batch_intern). */
typedef struct CohortRow {
  sqlite3_int64 unit;   /* unit of the row's time (period, or month) */
  sqlite3_int64 cohort; /* period of its cohort_column value, or COHORT_NO_PERIOD */
  double v;             /* its value_column value (0 for NULL) */
  int day;              /* the day of its time */
  int seg;              /* its segment index (-1: NULL), with bSeg */
} CohortRow;

/* Grows the per-entity arrays to n entries (keeping nEnt). Returns
** SQLITE_OK or SQLITE_NOMEM. */
static int cohort_entities_alloc(CohortCursor *pCur, sqlite3_int64 n) {
  CsmPeriodSet *aEnt = sqlite3_realloc64(pCur->aEnt, (sqlite3_uint64)n * sizeof(*aEnt));
  if (aEnt == 0) return SQLITE_NOMEM;
  pCur->aEnt = aEnt;
  if (pCur->bCohortCol) {
    sqlite3_int64 *aCohort = sqlite3_realloc64(pCur->aCohort, (sqlite3_uint64)n * sizeof(*aCohort));
    if (aCohort == 0) return SQLITE_NOMEM;
    pCur->aCohort = aCohort;
  }
  if (pCur->bSeg) {
    int *aSeg = sqlite3_realloc64(pCur->aSeg, (sqlite3_uint64)n * sizeof(int));
    if (aSeg == 0) return SQLITE_NOMEM;
    pCur->aSeg = aSeg;
    int *aSegDay = sqlite3_realloc64(pCur->aSegDay, (sqlite3_uint64)n * sizeof(int));
    if (aSegDay == 0) return SQLITE_NOMEM;
    pCur->aSegDay = aSegDay;
  }
  pCur->nEntAlloc = n;
  return SQLITE_OK;
}

/* Adds entities with no activity up to index n - 1 (the map's count).
** Returns SQLITE_OK or SQLITE_NOMEM. */
static int cohort_new_entities(CohortCursor *pCur, sqlite3_int64 n) {
  if (n > pCur->nEntAlloc) {
    sqlite3_int64 nAlloc = pCur->nEntAlloc ? 2 * pCur->nEntAlloc : 1024;
    while (nAlloc < n) nAlloc *= 2;
    if (cohort_entities_alloc(pCur, nAlloc) != SQLITE_OK) return SQLITE_NOMEM;
  }
  for (; pCur->nEnt < n; pCur->nEnt++) {
    memset(&pCur->aEnt[pCur->nEnt], 0, sizeof(CsmPeriodSet));
    if (pCur->aCohort) pCur->aCohort[pCur->nEnt] = COHORT_NO_PERIOD;
    if (pCur->aSeg) pCur->aSeg[pCur->nEnt] = COHORT_NO_SEG;
  }
  return SQLITE_OK;
}

/* The value of segment index i (-1: SQL NULL, a null pointer). */
static sqlite3_value *cohort_seg_value(const CohortCursor *pCur, int i) {
  return i >= 0 ? pCur->apSegVal[i] : 0;
}

/* R1: keeps period c as entity iEnt's cohort when it is the earliest. */
static void cohort_keep_cohort(CohortCursor *pCur, sqlite3_int64 iEnt, sqlite3_int64 c) {
  sqlite3_int64 *pC = &pCur->aCohort[iEnt];
  if (*pC == COHORT_NO_PERIOD || c < *pC) *pC = c;
}

/* R9: keeps segment index seg, seen on day, as entity iEnt's segment when
** its day is the earliest, or on that day its value is the smallest. The
** outcome does not depend on the order of the calls. */
static void cohort_keep_segment(CohortCursor *pCur, sqlite3_int64 iEnt, int seg, int day) {
  int *pSeg = &pCur->aSeg[iEnt], *pDay = &pCur->aSegDay[iEnt];
  if (*pSeg == COHORT_NO_SEG || day < *pDay ||
      (day == *pDay &&
       csm_value_compare(cohort_seg_value(pCur, seg), cohort_seg_value(pCur, *pSeg)) < 0)) {
    *pSeg = seg;
    *pDay = day;
  }
}

/* Applies row r to its entity iEnt. */
static int cohort_apply(CohortCursor *pCur, const CohortRow *r, sqlite3_int64 iEnt) {
  if (r->cohort != COHORT_NO_PERIOD) cohort_keep_cohort(pCur, iEnt, r->cohort);
  if (pCur->bSeg) cohort_keep_segment(pCur, iEnt, r->seg, r->day);
  return csm_period_set_add(&pCur->aEnt[iEnt], (int)r->unit, r->day, r->v, pCur->mode);
}

/* Rows wait for their entity in a three-stage pipeline, so that the cache
** misses of a batch overlap instead of adding up (with 10^5 entities the
** entity records and their logs are far larger than the CPU caches): the
** map interns a batch of keys (csm_entity_batch_intern hashes and
** prefetches the map's slots itself) and the batch's entity records are
** prefetched; one batch later, the end of each record's log; one batch
** later still, the rows are applied. */
#define COHORT_STAGES 3
typedef struct CohortPending {
  CohortRow aRow[COHORT_STAGES][CSM_ENTITY_BATCH];     /* rows per stage */
  sqlite3_int64 aIdx[COHORT_STAGES][CSM_ENTITY_BATCH]; /* their entities */
  int n[COHORT_STAGES];                                /* rows per stage */
  int iRead;                                           /* the stage being read */
} CohortPending;

/* Applies the oldest stage, prefetches the logs of the middle one, and
** interns the rows read (prefetching their records); the stage read next
** is the one just applied. With bLast, drains the pipeline. Rows are
** applied in the order read. Returns SQLITE_OK or SQLITE_NOMEM. */
static int cohort_flush(CohortCursor *pCur, CsmEntityBatch *pB, CsmEntityMap *pMap,
                        CohortPending *pP, int bLast) {
  int iRead = pP->iRead, iMid = (iRead + 2) % COHORT_STAGES, iOld = (iRead + 1) % COHORT_STAGES;
  for (int k = 0; k < (bLast ? COHORT_STAGES : 1); k++) {
    for (int i = 0; i < pP->n[iOld]; i++) {
      if (cohort_apply(pCur, &pP->aRow[iOld][i], pP->aIdx[iOld][i]) != SQLITE_OK) {
        return SQLITE_NOMEM;
      }
    }
    pP->n[iOld] = 0;
    for (int i = 0; i < pP->n[iMid]; i++) csm_period_set_prefetch(&pCur->aEnt[pP->aIdx[iMid][i]]);
    if (csm_entity_batch_intern(pB, pP->aIdx[iRead]) != SQLITE_OK ||
        cohort_new_entities(pCur, csm_entity_map_count(pMap)) != SQLITE_OK) {
      return SQLITE_NOMEM;
    }
    for (int i = 0; i < pP->n[iRead]; i++) __builtin_prefetch(&pCur->aEnt[pP->aIdx[iRead][i]]);
    /* The stages move on: read -> middle -> oldest -> read. */
    iOld = iMid;
    iMid = iRead;
    iRead = (iRead + 1) % COHORT_STAGES;
  }
  pP->iRead = iRead;
  return SQLITE_OK;
}

/* The segment index of pVal (R9): -1 for NULL, else its index in
** apSegVal, a copy added when new. Returns SQLITE_OK or SQLITE_NOMEM. */
static int cohort_segment_index(CohortCursor *pCur, CsmEntityMap *pSegMap, sqlite3_value *pVal,
                                int *piSeg) {
  sqlite3_int64 i;
  int bNew;
  *piSeg = -1;
  if (sqlite3_value_type(pVal) == SQLITE_NULL) return SQLITE_OK;
  if (csm_entity_map_intern(pSegMap, pVal, &i, &bNew) != SQLITE_OK) return SQLITE_NOMEM;
  if (bNew) {
    if (csm_array_reserve((void **)&pCur->apSegVal, &pCur->nSegAlloc, pCur->nSegVal + 1,
                          sizeof(sqlite3_value *)) != SQLITE_OK) {
      return SQLITE_NOMEM;
    }
    pCur->apSegVal[pCur->nSegVal] = sqlite3_value_dup(pVal);
    if (pCur->apSegVal[pCur->nSegVal] == 0) return SQLITE_NOMEM;
    pCur->nSegVal++;
  }
  *piSeg = (int)i;
  return SQLITE_OK;
}

/* The columns read: names for messages and positions in the SELECT
** (0: not read; entity and time are always columns 0 and 1). */
typedef struct CohortColumns {
  const char *zEntity, *zTime, *zValue, *zCohort, *zSeg;
  int iValue, iCohort, iSeg;
} CohortColumns;

/* The state of one scan (cohort_scan), handed to cohort_scan_row per row. */
typedef struct CohortScan {
  CohortCursor *pCur;
  const CohortColumns *pCols;
  CsmDateCache timeCache, cohortCache;
  CsmEntityMap *pMap, *pSegMap;
  CsmEntityBatch *pB;
  CohortPending *pP;
  int bAsOf;            /* rows after pCur->asOfDay are ignored (R3) */
  int bAny;             /* a row was kept */
  sqlite3_int64 maxDay; /* the latest day kept, with bAny */
} CohortScan;

/* Handles one source row, apVal[0..] its columns in the order of
** CohortColumns (the CsmFeedRow of csm_feed_run). Returns SQLITE_OK,
** SQLITE_NOMEM, or SQLITE_ERROR with the vtab message set. */
static int cohort_scan_row(void *pArg, sqlite3_value **apVal) {
  CohortScan *s = pArg;
  CohortCursor *pCur = s->pCur;
  const CohortColumns *pCols = s->pCols;
  sqlite3_vtab *pVtab = pCur->base.pVtab;
  CohortPending *pP = s->pP;
  sqlite3_value *pEntVal = apVal[0], *pTimeVal = apVal[1];
  sqlite3_int64 day;
  CohortRow *r = &pP->aRow[pP->iRead][pP->n[pP->iRead]];
  int rc;
  if (sqlite3_value_type(pEntVal) == SQLITE_NULL || sqlite3_value_type(pTimeVal) == SQLITE_NULL) {
    return SQLITE_OK; /* R2 */
  }
  rc = cohort_read_period(pCur, &s->timeCache, pTimeVal, &day, &r->unit);
  if (rc != CSM_OK) return cohort_date_error(pVtab, pTimeVal, rc, "time_column", pCols->zTime);
  if (s->bAsOf && day > pCur->asOfDay) return SQLITE_OK; /* R3 */
  if (!s->bAny || day > s->maxDay) s->maxDay = day;
  s->bAny = 1;
  r->day = (int)day;
  r->v = 0.0;
  if (pCols->iValue) {
    sqlite3_value *pVal = apVal[pCols->iValue];
    if (csm_value_number(pVal, &r->v) == CSM_INVALID) { /* R6: NULL counts 0 */
      return csm_vtab_error_got(pVtab, pVal, "cohort_retention: value_column %s must hold numbers",
                                pCols->zValue);
    }
  }
  r->cohort = COHORT_NO_PERIOD;
  if (pCols->iCohort) {
    sqlite3_value *pVal = apVal[pCols->iCohort];
    sqlite3_int64 cDay;
    if (sqlite3_value_type(pVal) != SQLITE_NULL) {
      rc = cohort_read_period(pCur, &s->cohortCache, pVal, &cDay, &r->cohort);
      if (rc != CSM_OK) return cohort_date_error(pVtab, pVal, rc, "cohort_column", pCols->zCohort);
    }
  }
  if (pCols->iSeg &&
      cohort_segment_index(pCur, s->pSegMap, apVal[pCols->iSeg], &r->seg) != SQLITE_OK) {
    return SQLITE_NOMEM;
  }
  if (pCur->aMonthBit) pCur->aMonthBit[r->unit >> 6] |= (sqlite3_uint64)1 << (r->unit & 63);
  if (csm_entity_batch_add(s->pB, pEntVal) != SQLITE_OK ||
      (++pP->n[pP->iRead] == CSM_ENTITY_BATCH &&
       cohort_flush(pCur, s->pB, s->pMap, pP, 0) != SQLITE_OK)) {
    return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

/* Prepares s to scan into pCur (the maps, the batch, the pipeline).
** Returns SQLITE_OK or SQLITE_NOMEM; s is ready for cohort_scan_free
** either way. */
static int cohort_scan_init(CohortScan *s, CohortCursor *pCur, const CohortColumns *pCols,
                            int bAsOf) {
  memset(s, 0, sizeof(*s));
  s->pCur = pCur;
  s->pCols = pCols;
  s->bAsOf = bAsOf;
  csm_date_cache_init(&s->timeCache, pCur->gUnit);
  csm_date_cache_init(&s->cohortCache, pCur->gran);
  s->pMap = csm_entity_map_new();
  s->pB = s->pMap ? csm_entity_batch_new(s->pMap) : 0;
  s->pP = sqlite3_malloc64(sizeof(CohortPending));
  if (s->pP) memset(s->pP, 0, sizeof(*s->pP));
  if (s->pB == 0 || s->pP == 0 || (pCur->bSeg && (s->pSegMap = csm_entity_map_new()) == 0)) {
    return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

static void cohort_scan_free(CohortScan *s) {
  csm_entity_batch_free(s->pB);
  sqlite3_free(s->pP);
  csm_entity_map_free(s->pMap);
  csm_entity_map_free(s->pSegMap);
}

/* ---------------------------------------------------- the parallel scan */

/* A partial state of the parallel scan (scan_feed.h): its scan first, so
** that the row callback, cohort_scan_row, takes it as a CohortScan; a
** cursor holding a copy of the main cursor's settings (its arguments
** borrowed, never freed here) with entities, segments and months of its
** own; and the vtab its rows report errors to (cur.base.pVtab). */
typedef struct CohortPart {
  CohortScan scan; /* first: the state cohort_scan_row is handed */
  CohortCursor cur;
  sqlite3_vtab errVtab;
} CohortPart;

static void cohort_part_free(void *pPart) {
  CohortPart *p = pPart;
  cohort_scan_free(&p->scan);
  cohort_free_entities(&p->cur);
  sqlite3_free(p->cur.aMonthBit);
  csm_feed_error_move(0, &p->errVtab);
  sqlite3_free(p);
}

/* xNew: an empty partial state configured like the main scan pMain. */
static void *cohort_part_new(void *pMain) {
  const CohortScan *m = pMain;
  CohortPart *p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return 0;
  memset(p, 0, sizeof(*p));
  p->cur = *m->pCur; /* the settings; nothing was read into the main cursor yet */
  p->cur.base.pVtab = &p->errVtab;
  p->cur.aEnt = 0;
  p->cur.aCohort = 0;
  p->cur.aSeg = p->cur.aSegDay = 0;
  p->cur.nEnt = p->cur.nEntAlloc = 0;
  p->cur.apSegVal = 0;
  p->cur.nSegVal = p->cur.nSegAlloc = 0;
  p->cur.aMonthBit = 0;
  if (m->pCur->aMonthBit) {
    p->cur.aMonthBit = sqlite3_malloc64(sizeof(sqlite3_uint64) * ((COHORT_N_MONTH + 63) / 64));
    if (p->cur.aMonthBit) {
      memset(p->cur.aMonthBit, 0, sizeof(sqlite3_uint64) * ((COHORT_N_MONTH + 63) / 64));
    }
  }
  if ((m->pCur->aMonthBit && p->cur.aMonthBit == 0) ||
      cohort_scan_init(&p->scan, &p->cur, m->pCols, m->bAsOf) != SQLITE_OK) {
    cohort_part_free(p);
    return 0;
  }
  return p;
}

/* xError: the partial state's message goes to the table's vtab. */
static void cohort_part_error(void *pMain, void *pPart) {
  csm_feed_error_move(((CohortScan *)pMain)->pCur->base.pVtab, &((CohortPart *)pPart)->errVtab);
}

/* xMerge: folds the rows of partial state pPart into the main scan pMain,
** as if they followed the rows already folded (R13). Entities new to the
** main map take the next indexes in their order of first appearance in the
** part (csm_entity_map_merge), so the indexes are those of the serial
** scan; the cohorts, segments, latest day and months combine by min, R9's
** rule, max and union, and each entity's units by csm_period_set_add of
** their cells (v and lo: exact). Returns SQLITE_OK or SQLITE_NOMEM. */
static int cohort_part_merge(void *pMain, void *pPart) {
  CohortScan *m = pMain;
  CohortPart *p = pPart;
  CohortCursor *pCur = m->pCur, *pPc = &p->cur;
  sqlite3_int64 *aIdx = 0;
  int *aSegIdx = 0;
  int rc = cohort_flush(pPc, p->scan.pB, p->scan.pMap, p->scan.pP, 1); /* its last rows */
  if (rc != SQLITE_OK) return rc;
  if (p->scan.bAny && (!m->bAny || p->scan.maxDay > m->maxDay)) m->maxDay = p->scan.maxDay;
  m->bAny |= p->scan.bAny;
  if (pCur->aMonthBit) {
    for (int w = 0; w < (COHORT_N_MONTH + 63) / 64; w++) pCur->aMonthBit[w] |= pPc->aMonthBit[w];
  }
  aSegIdx = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(pPc->nSegVal + 1));
  aIdx = sqlite3_malloc64(sizeof(sqlite3_int64) * (sqlite3_uint64)(pPc->nEnt + 1));
  if (aSegIdx == 0 || aIdx == 0) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  for (sqlite3_int64 i = 0; rc == SQLITE_OK && i < pPc->nSegVal; i++) {
    rc = cohort_segment_index(pCur, m->pSegMap, pPc->apSegVal[i], &aSegIdx[i]);
  }
  if (rc == SQLITE_OK) rc = csm_entity_map_merge(m->pMap, p->scan.pMap, aIdx);
  if (rc == SQLITE_OK) rc = cohort_new_entities(pCur, csm_entity_map_count(m->pMap));
  for (sqlite3_int64 i = 0; rc == SQLITE_OK && i < pPc->nEnt; i++) {
    sqlite3_int64 j = aIdx[i];
    if (pPc->aCohort && pPc->aCohort[i] != COHORT_NO_PERIOD) {
      cohort_keep_cohort(pCur, j, pPc->aCohort[i]);
    }
    if (pPc->aSeg && pPc->aSeg[i] != COHORT_NO_SEG) {
      int seg = pPc->aSeg[i];
      cohort_keep_segment(pCur, j, seg >= 0 ? aSegIdx[seg] : -1, pPc->aSegDay[i]);
    }
    CsmPeriodIter it;
    const CsmPeriodCell *c;
    csm_period_set_finish(&pPc->aEnt[i], pCur->mode);
    for (csm_period_iter_init(&it, &pPc->aEnt[i]);
         rc == SQLITE_OK && (c = csm_period_iter_next(&it)) != 0;) {
      rc = csm_period_set_add(&pCur->aEnt[j], c->unit, c->day, c->v, pCur->mode);
      if (rc == SQLITE_OK && c->lo != 0.0) {
        rc = csm_period_set_add(&pCur->aEnt[j], c->unit, c->day, c->lo, pCur->mode);
      }
    }
  }
done:
  sqlite3_free(aSegIdx);
  sqlite3_free(aIdx);
  return rc;
}

static const CsmFeedParts cohort_parts = {
    cohort_part_new, cohort_scan_row, cohort_part_merge, cohort_part_error, cohort_part_free, 0, 0};

/* Reads the source zSource once (csm_feed_run_parallel: on worker threads
** when it can) and fills pCur->aEnt. With bAsOf, rows after pCur->asOfDay
** are ignored; else pCur->asOfDay becomes the latest day seen (left
** unchanged without rows). Returns SQLITE_OK or an error code with the
** vtab error set (NOMEM and INTERRUPT without). */
static int cohort_scan(CohortCursor *pCur, const char *zSource, const char *const *azCol, int nCol,
                       int bAsOf, const CohortColumns *pCols) {
  CohortScan s;
  int rc = cohort_scan_init(&s, pCur, pCols, bAsOf);
  if (rc == SQLITE_OK) {
    TvfSource src;
    rc = csm_feed_open(&src, &pCur->base, &cohort_feed, "source", zSource, azCol, nCol, 0);
    if (rc == SQLITE_OK) rc = csm_feed_run_parallel(&src, &cohort_parts, &s);
    tvf_source_close(&src);
  }
  if (rc == SQLITE_OK) {
    rc = cohort_flush(pCur, s.pB, s.pMap, s.pP, 1);
    if (rc == SQLITE_OK && !bAsOf && s.bAny) pCur->asOfDay = s.maxDay;
  }
  cohort_scan_free(&s);
  return rc;
}

/* ---------------------------------------------------------------- grid */

/* The period of unit u (R8: a month with bMonthUnits). */
static sqlite3_int64 cohort_unit_period(const CohortCursor *pCur, sqlite3_int64 u) {
  if (!pCur->bMonthUnits || pCur->gran == CSM_GRAN_MONTH) return u;
  return pCur->gran == CSM_GRAN_QUARTER ? u / 3 : u / 12;
}

/* The first and last month of period p (bMonthUnits only). */
static sqlite3_int64 cohort_first_month(const CohortCursor *pCur, sqlite3_int64 p) {
  return pCur->gran == CSM_GRAN_MONTH ? p : pCur->gran == CSM_GRAN_QUARTER ? 3 * p : 12 * p;
}
static sqlite3_int64 cohort_last_month(const CohortCursor *pCur, sqlite3_int64 p) {
  return cohort_first_month(pCur, p + 1) - 1;
}

/* Turns the month bitmap into the ascending list aMonth (R8). */
static int cohort_build_months(CohortCursor *pCur) {
  sqlite3_int64 n = 0, nWord = (COHORT_N_MONTH + 63) / 64;
  for (sqlite3_int64 w = 0; w < nWord; w++) n += __builtin_popcountll(pCur->aMonthBit[w]);
  pCur->aMonth = sqlite3_malloc64(sizeof(sqlite3_int64) * (sqlite3_uint64)(n ? n : 1));
  if (pCur->aMonth == 0) return SQLITE_NOMEM;
  for (sqlite3_int64 w = 0; w < nWord; w++) {
    for (sqlite3_uint64 bits = pCur->aMonthBit[w]; bits; bits &= bits - 1) {
      pCur->aMonth[pCur->nMonth++] = 64 * w + __builtin_ctzll(bits);
    }
  }
  return SQLITE_OK;
}

static int cohort_member_cmp(const void *a, const void *b) {
  const CohortMember *x = a, *y = b;
  if (x->segRank != y->segRank) return x->segRank < y->segRank ? -1 : 1;
  if (x->cohort != y->cohort) return x->cohort < y->cohort ? -1 : 1;
  return x->iEnt < y->iEnt ? -1 : x->iEnt > y->iEnt;
}

/* Places every entity in its segment and cohort (R1, R4, R9) and sorts
** them. The segment sort and the entity loop consult an interrupt probe
** (interrupt_probe.h): they follow the read, out of SQLite's sight.
** Returns SQLITE_OK, SQLITE_NOMEM or SQLITE_INTERRUPT. */
static int cohort_build_members(CohortCursor *pCur) {
  int *aRank = 0;  /* per segment index: rank of its value */
  int *aOrder = 0; /* segment indexes in value order */
  CsmProbe *pProbe = 0;
  int rc = csm_probe_open(((TvfVtab *)pCur->base.pVtab)->db, &pProbe);
  if (rc == SQLITE_OK && pCur->bSeg) {
    aOrder = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(pCur->nSegVal + 1));
    aRank = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(pCur->nSegVal + 1));
    if (aOrder == 0 || aRank == 0) {
      rc = SQLITE_NOMEM;
      goto done;
    }
    for (sqlite3_int64 i = 0; i < pCur->nSegVal; i++) aOrder[i] = (int)i;
    rc = csm_value_sort(pCur->apSegVal, aOrder, pCur->nSegVal, pProbe);
    for (sqlite3_int64 i = 0; rc == SQLITE_OK && i < pCur->nSegVal; i++)
      aRank[aOrder[i]] = (int)i + 1;
  }
  if (rc != SQLITE_OK) goto done;
  pCur->aMember =
      sqlite3_malloc64((sqlite3_uint64)(pCur->nEnt ? pCur->nEnt : 1) * sizeof(CohortMember));
  if (pCur->aMember == 0) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  pCur->nMember = 0;
  for (sqlite3_int64 i = 0; i < pCur->nEnt && (rc = csm_probe_tick(pProbe)) == SQLITE_OK; i++) {
    csm_period_set_finish(&pCur->aEnt[i], pCur->mode);
    sqlite3_int64 c = pCur->aCohort && pCur->aCohort[i] != COHORT_NO_PERIOD
                          ? pCur->aCohort[i]
                          : cohort_unit_period(pCur, csm_period_set_first(&pCur->aEnt[i]));
    if (c > pCur->asOfPeriod) continue;
    CohortMember *m = &pCur->aMember[pCur->nMember++];
    m->cohort = c;
    m->iEnt = i;
    m->seg = pCur->bSeg ? pCur->aSeg[i] : -1;
    m->segRank = m->seg >= 0 ? aRank[m->seg] : 0; /* NULL first */
  }
  if (rc == SQLITE_OK) {
    qsort(pCur->aMember, (size_t)pCur->nMember, sizeof(CohortMember), cohort_member_cmp);
  }
done:
  sqlite3_free(aOrder);
  sqlite3_free(aRank);
  csm_probe_close(pProbe);
  return rc;
}

static int cohort_cell_cmp(const void *a, const void *b) {
  const CohortCell *x = a, *y = b;
  return (x->off > y->off) - (x->off < y->off);
}

/* Sets the current row's active and sum from the cells (and with
** bMonthUnits the months, R8), walking forward to iOffset, which never
** decreases within a cohort. */
static void cohort_row(CohortCursor *pCur) {
  sqlite3_int64 k = pCur->iOffset;
  while (pCur->iCell < pCur->nCell && pCur->aCell[pCur->iCell].off < k) {
    pCur->nGone += pCur->aCell[pCur->iCell++].nLast;
  }
  const CohortCell *x = pCur->iCell < pCur->nCell && pCur->aCell[pCur->iCell].off == k
                            ? &pCur->aCell[pCur->iCell]
                            : 0;
  /* R5 rolling: active at k = members whose last active offset is k or later. */
  pCur->active = pCur->bRolling ? pCur->nWithCell - pCur->nGone : x ? x->active : 0;
  if (pCur->bMonthUnits && pCur->bValue) {
    /* R8: the period's closing month, the latest month with rows up to its
    ** last month, never one before the cohort's first. */
    sqlite3_int64 lastMonth = cohort_last_month(pCur, pCur->aMember[pCur->iMember].cohort + k);
    while (pCur->iMonth + 1 < pCur->nMonth && pCur->aMonth[pCur->iMonth + 1] <= lastMonth) {
      pCur->iMonth++;
    }
    pCur->sum = pCur->iMonth >= pCur->iMonth0
                    ? csm_sum_value(&pCur->aMonthSum[pCur->iMonth - pCur->iMonth0])
                    : 0.0;
  } else {
    pCur->sum = x ? x->sum : 0.0; /* R6, or R8 for a day or week */
  }
}

/* Computes the cells of the (segment, cohort) group whose members start at
** iMember, sets iMemberEnd and nOffset, and the row of offset 0 (R4-R6,
** R8). The cells are counted into an array by offset when the cohort's
** offsets are few next to its members' units, else listed and sorted, so
** that memory follows the units observed, never the span (R10). Returns
** SQLITE_OK or SQLITE_NOMEM. */
static int cohort_load_cohort(CohortCursor *pCur) {
  const CohortMember *m0 = &pCur->aMember[pCur->iMember];
  sqlite3_int64 c = m0->cohort;
  sqlite3_int64 n = pCur->asOfPeriod - c + 1;
  sqlite3_int64 j, nUnit = 0, nMonthSum = 0;
  for (j = pCur->iMember;
       j < pCur->nMember && pCur->aMember[j].cohort == c && pCur->aMember[j].segRank == m0->segRank;
       j++) {
    nUnit += csm_period_set_count(&pCur->aEnt[pCur->aMember[j].iEnt]);
  }
  int bDense = n <= 2 * nUnit + 1024;
  if (csm_array_reserve((void **)&pCur->aCell, &pCur->nCellAlloc, bDense ? n : nUnit,
                        sizeof(CohortCell)) != SQLITE_OK) {
    return SQLITE_NOMEM;
  }
  if (bDense) memset(pCur->aCell, 0, (size_t)n * sizeof(CohortCell));
  if (pCur->bMonthUnits) {
    pCur->iMonth0 = csm_lower_bound_i64(pCur->aMonth, pCur->nMonth, cohort_first_month(pCur, c));
    nMonthSum = pCur->nMonth - pCur->iMonth0;
    if (csm_array_reserve((void **)&pCur->aMonthSum, &pCur->nMonthSumAlloc, nMonthSum + 1,
                          sizeof(CsmSum)) != SQLITE_OK) {
      return SQLITE_NOMEM;
    }
    memset(pCur->aMonthSum, 0, (size_t)nMonthSum * sizeof(CsmSum));
  } else if (pCur->bValue && bDense) {
    if (csm_array_reserve((void **)&pCur->aCellSum, &pCur->nCellSumAlloc, n, sizeof(CsmSum)) !=
        SQLITE_OK) {
      return SQLITE_NOMEM;
    }
    memset(pCur->aCellSum, 0, (size_t)n * sizeof(CsmSum));
  }
  pCur->nCell = pCur->nWithCell = 0;
  for (sqlite3_int64 i = pCur->iMember; i < j; i++) {
    CsmPeriodIter it;
    const CsmPeriodCell *unit;
    CohortCell *pCell = 0; /* the cell of lastOff */
    sqlite3_int64 lastOff = -1;
    for (csm_period_iter_init(&it, &pCur->aEnt[pCur->aMember[i].iEnt]);
         (unit = csm_period_iter_next(&it)) != 0;) {
      sqlite3_int64 off = cohort_unit_period(pCur, unit->unit) - c;
      if (off < 0) continue; /* R1: before the cohort */
      if (off != lastOff) {
        if (bDense) {
          pCell = &pCur->aCell[off];
        } else {
          pCell = &pCur->aCell[pCur->nCell++];
          memset(pCell, 0, sizeof(*pCell));
          pCell->off = off;
        }
        pCell->active++;
        lastOff = off;
      }
      if (!pCur->bValue) continue;
      /* R12: every sum exact (sum.h), v and lo of each unit */
      CsmSum *pSum =
          pCur->bMonthUnits
              ? &pCur->aMonthSum[csm_lower_bound_i64(pCur->aMonth, pCur->nMonth, unit->unit) -
                                 pCur->iMonth0]
          : bDense ? &pCur->aCellSum[off]
                   : 0;
      if (pSum) {
        csm_sum_add(pSum, unit->v);
        csm_sum_add(pSum, unit->lo);
      } else { /* a sparse cell: this member's only unit at off */
        pCell->sum = unit->v;
        pCell->sumLo = unit->lo;
      }
    }
    if (pCell) {
      pCell->nLast++;
      pCur->nWithCell++;
    }
  }
  if (bDense) { /* the offsets with activity, moved to the front */
    for (sqlite3_int64 k = 0; k < n; k++) {
      if (pCur->aCell[k].active == 0) continue;
      pCur->aCell[pCur->nCell] = pCur->aCell[k];
      pCur->aCell[pCur->nCell].off = k;
      if (pCur->bValue && !pCur->bMonthUnits) {
        pCur->aCell[pCur->nCell].sum = csm_sum_value(&pCur->aCellSum[k]);
      }
      pCur->nCell++;
    }
  } else { /* sorted, and the cells of one offset merged, their sums exactly */
    sqlite3_int64 nMerged = 0;
    CsmSum run;
    qsort(pCur->aCell, (size_t)pCur->nCell, sizeof(CohortCell), cohort_cell_cmp);
    for (sqlite3_int64 k = 0; k < pCur->nCell; k++) {
      const CohortCell *x = &pCur->aCell[k];
      if (nMerged > 0 && pCur->aCell[nMerged - 1].off == x->off) {
        pCur->aCell[nMerged - 1].active += x->active;
        pCur->aCell[nMerged - 1].nLast += x->nLast;
      } else {
        if (nMerged > 0) pCur->aCell[nMerged - 1].sum = csm_sum_value(&run);
        memset(&run, 0, sizeof(run));
        pCur->aCell[nMerged++] = *x;
      }
      csm_sum_add(&run, x->sum);
      csm_sum_add(&run, x->sumLo);
    }
    if (nMerged > 0) pCur->aCell[nMerged - 1].sum = csm_sum_value(&run);
    pCur->nCell = nMerged;
  }
  pCur->iMemberEnd = j;
  pCur->nOffset = n;
  pCur->iOffset = pCur->iCell = pCur->nGone = 0;
  pCur->iMonth = pCur->iMonth0 - 1;
  cohort_row(pCur);
  pCur->sum0 = pCur->sum;
  return SQLITE_OK;
}

/* ---------------------------------------------------------------- vtab */

/* Frees everything xFilter made, keeping the cursor itself. */
static void cohort_reset(sqlite3_vtab_cursor *cur) {
  CohortCursor *pCur = (CohortCursor *)cur;
  tvf_args_clear(&pCur->args);
  cohort_free_entities(pCur);
  sqlite3_free(pCur->aMember);
  sqlite3_free(pCur->aCell);
  sqlite3_free(pCur->aMonthBit);
  sqlite3_free(pCur->aMonth);
  sqlite3_free(pCur->aMonthSum);
  sqlite3_free(pCur->aCellSum);
  pCur->aCellSum = 0;
  pCur->nCellSumAlloc = 0;
  pCur->aMember = 0;
  pCur->aCell = 0;
  pCur->aMonthSum = 0;
  pCur->aMonthBit = 0;
  pCur->aMonth = 0;
  pCur->nMonth = pCur->nMonthSumAlloc = 0;
  pCur->nMember = pCur->iMember = pCur->iMemberEnd = 0;
  pCur->nCell = pCur->nCellAlloc = pCur->nOffset = pCur->iOffset = 0;
  pCur->iRowid = 0;
}

/* The plan and the arguments are tvf.c's (tvf.h documents idxNum). */
static int cohort_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                         sqlite3_value **argv) {
  (void)idxStr;
  CohortCursor *pCur = (CohortCursor *)cur;
  const TvfValue *a = pCur->args.a;
  CohortColumns cols;
  const char *azCol[5];
  int nCol = 2;
  cohort_reset(cur);
  int rc = tvf_capture(cur, idxNum, argc, argv, &pCur->args);
  if (rc != SQLITE_OK) return rc;
  pCur->gran = (CsmGranularity)a[COHORT_ARG_GRANULARITY].iChoice;
  pCur->bRolling = a[COHORT_ARG_MODE].iChoice == 1;
  pCur->bLast = a[COHORT_ARG_VALUE_AGG].iChoice == 1;
  pCur->bMonthUnits = pCur->bLast && pCur->gran >= CSM_GRAN_MONTH;
  pCur->gUnit = pCur->bMonthUnits ? CSM_GRAN_MONTH : pCur->gran;
  pCur->mode = a[COHORT_ARG_VALUE].z == 0 ? CSM_PERIOD_UNITS
               : pCur->bLast              ? CSM_PERIOD_LAST
                                          : CSM_PERIOD_SUM;
  memset(&cols, 0, sizeof(cols));
  azCol[0] = cols.zEntity = a[COHORT_ARG_ENTITY].z;
  azCol[1] = cols.zTime = a[COHORT_ARG_TIME].z;
  if ((cols.zValue = a[COHORT_ARG_VALUE].z) != 0) azCol[cols.iValue = nCol++] = cols.zValue;
  if ((cols.zCohort = a[COHORT_ARG_COHORT].z) != 0) azCol[cols.iCohort = nCol++] = cols.zCohort;
  if ((cols.zSeg = a[COHORT_ARG_SEGMENT].z) != 0) azCol[cols.iSeg = nCol++] = cols.zSeg;
  pCur->bValue = cols.iValue != 0;
  pCur->bCohortCol = cols.iCohort != 0;
  pCur->bSeg = cols.iSeg != 0;
  pCur->asOfDay = a[COHORT_ARG_AS_OF].iDay;
  /* R11: only a week can start before 0000-01-01 (a Saturday). */
  pCur->minDay = csm_days_from_civil(0, 1, 1);
  if (csm_period_start(pCur->gran, csm_period_index(pCur->gran, pCur->minDay)) < pCur->minDay) {
    pCur->minDay = csm_period_start(pCur->gran, csm_period_index(pCur->gran, pCur->minDay) + 1);
  }
  if (pCur->bMonthUnits) {
    pCur->aMonthBit = sqlite3_malloc64(sizeof(sqlite3_uint64) * ((COHORT_N_MONTH + 63) / 64));
    if (pCur->aMonthBit == 0) return SQLITE_NOMEM;
    memset(pCur->aMonthBit, 0, sizeof(sqlite3_uint64) * ((COHORT_N_MONTH + 63) / 64));
  }

  /* One pass over the source, then the cohorts. */
  rc = cohort_scan(pCur, a[COHORT_ARG_SOURCE].z, azCol, nCol, a[COHORT_ARG_AS_OF].bSet, &cols);
  if (rc != SQLITE_OK) return rc;
  if (pCur->nEnt == 0) return SQLITE_OK; /* no rows: an empty grid */
  pCur->asOfPeriod = csm_period_index(pCur->gran, pCur->asOfDay);
  if (pCur->bMonthUnits) rc = cohort_build_months(pCur);
  if (rc == SQLITE_OK) rc = cohort_build_members(pCur);
  if (rc == SQLITE_OK && pCur->nMember > 0) rc = cohort_load_cohort(pCur);
  return rc;
}

static int cohort_next(sqlite3_vtab_cursor *cur) {
  CohortCursor *pCur = (CohortCursor *)cur;
  pCur->iRowid++;
  if (++pCur->iOffset < pCur->nOffset) {
    cohort_row(pCur);
    return SQLITE_OK;
  }
  pCur->iMember = pCur->iMemberEnd;
  if (pCur->iMember >= pCur->nMember) return SQLITE_OK;
  return cohort_load_cohort(pCur);
}

static int cohort_eof(sqlite3_vtab_cursor *cur) {
  CohortCursor *pCur = (CohortCursor *)cur;
  return pCur->iMember >= pCur->nMember;
}

static int cohort_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int iCol) {
  CohortCursor *pCur = (CohortCursor *)cur;
  const CohortMember *m = &pCur->aMember[pCur->iMember];
  sqlite3_int64 size = pCur->iMemberEnd - pCur->iMember;
  sqlite3_int64 off = pCur->iOffset;
  char zDay[16];
  switch (iCol) {
  case COHORT_COL_COHORT:
    csm_day_format(csm_period_start(pCur->gran, m->cohort), zDay);
    sqlite3_result_text(ctx, zDay, -1, SQLITE_TRANSIENT);
    break;
  case COHORT_COL_PERIOD:
    sqlite3_result_int64(ctx, off);
    break;
  case COHORT_COL_SIZE:
    sqlite3_result_int64(ctx, size);
    break;
  case COHORT_COL_ACTIVE:
    sqlite3_result_int64(ctx, pCur->active);
    break;
  case COHORT_COL_RETENTION:
    sqlite3_result_double(ctx, (double)pCur->active / (double)size);
    break;
  case COHORT_COL_VALUE:
    if (pCur->bValue) sqlite3_result_double(ctx, pCur->sum);
    break;
  case COHORT_COL_REVENUE_RETENTION: /* R6 */
    if (pCur->bValue && pCur->sum0 != 0.0) {
      sqlite3_result_double(ctx, pCur->sum / pCur->sum0);
    }
    break;
  case COHORT_COL_PARTIAL: /* R7 */
    sqlite3_result_int(ctx, m->cohort + off == pCur->asOfPeriod &&
                                pCur->asOfDay != csm_period_end(pCur->gran, pCur->asOfPeriod));
    break;
  case COHORT_COL_SEGMENT: /* R9 */
    if (m->seg >= 0) sqlite3_result_value(ctx, pCur->apSegVal[m->seg]);
    break;
  case COHORT_COL_FIRST_ARG + COHORT_ARG_AS_OF:
    if (!pCur->args.a[COHORT_ARG_AS_OF].bSet) { /* R3: the default, computed */
      csm_day_format(pCur->asOfDay, zDay);
      sqlite3_result_text(ctx, zDay, -1, SQLITE_TRANSIENT);
      break;
    }
    /* fall through */
  default:
    tvf_result_arg(ctx, &pCur->args, iCol - COHORT_COL_FIRST_ARG);
    break;
  }
  return SQLITE_OK;
}

static int cohort_rowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((CohortCursor *)cur)->iRowid;
  return SQLITE_OK;
}

static const TvfMethods cohort_methods = {sizeof(CohortCursor), cohort_reset, cohort_filter,
                                          cohort_next,          cohort_eof,   cohort_column,
                                          cohort_rowid};

int cohort_retention_register(sqlite3 *db) {
  int rc = tvf_register(db, &cohort_spec, &cohort_methods);
  return rc == SQLITE_OK ? csm_feed_register(db, &cohort_feed) : rc;
}
