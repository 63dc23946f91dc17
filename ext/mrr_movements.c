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
**      day in that month with rows (0 without rows); several rows on one
**      day add up exactly, rounded once, whatever their order.
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
**      ending on every row: every sum is kept exactly (ext/sum.h) and
**      rounded once, and an expansion or contraction adds cur and -prev
**      separately.
**   R9 partial = 1 when as_of is before the last day of the period.
**
** How it works. Memory is proportional to entities, never to rows or to
** periods x entities. The source is read in its own order, its rows handed
** to mrr_segment_row / mrr_stream_row by the internal aggregate
** csm_mrr_feed in one sqlite3_step (scan_feed.h); while its
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
** On a file database the pass is the parallel scan's (csm_feed_run_parallel):
** workers read and check the rows of chunks of at most MRR_CHUNK_ROWS
** rowids and log them (MrrChunk); the fold takes each chunk's rows in order
** through mrr_stream_take, as the serial read does, so the result is the
** serial one and the logs stay bounded (threads + 1 chunks at most).
** With segment_column, a first pass finds each entity's segment (R6), since
** an entity's latest row can come last. Periods without rows (R3) are
** copies of the period before, made from its rows, not from the entities.
** Finding a row's entity: rows alternate entities, so a hash lookup per
** row would miss the CPU caches with 10^5 entities. A snapshot table
** repeats each month the entity order of the month before, so each entity
** remembers the entity read after it (MrrEntity.next) and its key; the
** next row is first compared with that guess, and only rows that do not
** match go to the map, in batches whose cache misses overlap (MrrPending).
**
** The inner statements run on the same connection, so sqlite3_interrupt()
** makes their sqlite3_step() return SQLITE_INTERRUPT, which xFilter returns.
** The work between steps that is not bounded by the rows read -- the
** segment sort and the periods without rows (mrr_carry) -- consults an
** interrupt probe (interrupt_probe.h).
*/
#include "array.h"
#include "date_cache.h"
#include "entity_map.h"
#include "errors.h"
#include "scan_feed.h"
#include "sum.h"
#include "tvf.h"
#include "value_order.h"

#include <limits.h>
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
#define MRR_COL_STARTING 2          /* the seven sums follow in MrrKind order */
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

#define MRR_NONE (-1)      /* no month yet */
#define MRR_UNORDERED 1000 /* mrr_stream(): a month went backwards */

/* The internal aggregate passes 1 and 2 read the source through (scan_feed.h). */
static const CsmFeedFunc mrr_feed = {"csm_mrr_feed", "mrr_movements"};
#define MRR_KEY_MAX 64 /* longest text key kept for the successor guess */

/* One output row: a period and a segment. */
typedef struct MrrRow {
  sqlite3_int64 period;        /* period index */
  int seg;                     /* segment rank (0 without segment_column) */
  CsmSum a[MRR_N_KIND];        /* Σ per kind, exact (R8) */
  sqlite3_int64 n[MRR_N_KIND]; /* entities per kind */
} MrrRow;

/* One entity, by its entity_map index. */
typedef struct MrrEntity {
  sqlite3_int64 day;    /* its latest day with rows in month `month` */
  double sum;           /* Σ of its values on that day (R2) */
  double prev;          /* its MRR at the last closing month (0 unless in aActive) */
  int month;            /* month index of its latest rows, or MRR_NONE */
  int firstPos;         /* first finished month with a positive value, or MRR_NONE */
  int seg;              /* segment rank (R6) */
  int stamp;            /* number of the last closing that visited it */
  sqlite3_int64 next;   /* the entity read after it the last time, or -1 */
  sqlite3_int64 keyOff; /* its key in Mrr.aKey (keyType 0: not kept) */
  short keyLen;         /* bytes of the key (at most MRR_KEY_MAX) */
  short keyType;        /* SQLITE_TEXT, SQLITE_INTEGER or 0 */
  int dup;              /* its slot in Mrr.aDup (mrr_same_day), or -1 */
} MrrEntity;

/* The exact sum of an entity's values on one day with several rows (R2). */
typedef struct MrrDup {
  CsmSum sum;
  sqlite3_int64 day; /* the day summed; stale unless the entity's day */
} MrrDup;

/* A list of entity indexes. */
typedef struct MrrList {
  sqlite3_int64 *a;
  sqlite3_int64 n, nAlloc;
} MrrList;

/* The computation: everything xFilter builds. */
typedef struct Mrr {
  sqlite3_vtab_cursor *pCur; /* the cursor computing; its vtab holds messages */
  CsmProbe *pProbe;          /* sees sqlite3_interrupt() in the segment sort and mrr_carry */
  sqlite3_vtab *pVtab;       /* for messages */
  CsmGranularity gran;
  int bAsOf;                        /* as_of was given */
  sqlite3_int64 asOfDay;            /* R1; the latest day read when not given */
  const char *zTimeCol, *zValueCol; /* names, for messages */
  CsmEntityMap *pMap;               /* entity -> index */
  char *aKey;                       /* the entities' keys, for the successor guess */
  sqlite3_int64 nKey, nKeyAlloc;
  sqlite3_int64 iPrevApplied; /* entity of the row applied last, or -1 */
  MrrEntity *aEnt;
  sqlite3_int64 nEnt, nEntAlloc;
  MrrDup *aDup; /* exact same-day sums (mrr_same_day) */
  sqlite3_int64 nDup, nDupAlloc;
  /* Segments (R6): values by rank, smallest first; rank 0 is NULL when
  ** some entity's segment is NULL. */
  int bSeg;
  sqlite3_value **apSeg;
  int nSeg;
  /* The stream. */
  int curMonth;              /* month being read, or MRR_NONE */
  sqlite3_int64 curPeriod;   /* its period */
  sqlite3_int64 firstPeriod; /* the baseline (R4) */
  int nClosing;              /* closings so far (entity stamps) */
  MrrList touched;           /* entities with rows in curMonth */
  MrrList active, next;      /* entities with prev > 0; being built */
  MrrRow *aBucket;           /* per segment rank, the period being closed */
  int *aBucketStamp;         /* closing that last used aBucket[i] */
  int *aUsed;                /* segment ranks used by this closing */
  int nUsed;
  /* The result. */
  MrrRow *aRow;
  sqlite3_int64 nRow, nRowAlloc;
  sqlite3_int64 lastPeriod; /* the period holding as_of */
} Mrr;

/* ---------------------------------------------------------------- helpers */

static int mrr_list_push(MrrList *p, sqlite3_int64 i) {
  if (csm_array_reserve((void **)&p->a, &p->nAlloc, p->n + 1, sizeof(*p->a))) return SQLITE_NOMEM;
  p->a[p->n++] = i;
  return SQLITE_OK;
}

/* Gives every entity of the map its record (new ones empty). Returns
** SQLITE_OK or SQLITE_NOMEM. */
static int mrr_entities_grow(Mrr *p) {
  sqlite3_int64 n = csm_entity_map_count(p->pMap);
  if (csm_array_reserve((void **)&p->aEnt, &p->nEntAlloc, n, sizeof(MrrEntity))) {
    return SQLITE_NOMEM;
  }
  for (; p->nEnt < n; p->nEnt++) {
    MrrEntity *e = &p->aEnt[p->nEnt];
    memset(e, 0, sizeof(*e));
    e->month = e->firstPos = MRR_NONE;
    e->stamp = -1;
    e->next = -1;
    e->dup = -1;
  }
  return SQLITE_OK;
}

/* An entity key as read from a row: TEXT of 1 to MRR_KEY_MAX bytes or an
** INTEGER (type 0: another kind, never guessed). */
typedef struct MrrKey {
  int type;
  int n;
  const char *z;   /* the bytes: the text, or the integer's */
  sqlite3_int64 i; /* the integer */
} MrrKey;

static void mrr_key_from(const CsmKey *k, MrrKey *pKey) {
  pKey->type = k->type;
  if (pKey->type == SQLITE_INTEGER) {
    pKey->i = k->i;
    pKey->z = (const char *)&pKey->i;
    pKey->n = (int)sizeof(pKey->i);
  } else if (pKey->type == SQLITE_TEXT) {
    pKey->z = k->z;
    pKey->n = k->n;
    if (pKey->z == 0 || pKey->n == 0 || pKey->n > MRR_KEY_MAX) pKey->type = 0;
  } else {
    pKey->type = 0;
  }
}

/* 1 when entity iEnt's kept key is pKey: then the map would return iEnt
** for it (the same storage class and bytes). */
static int mrr_key_is(const Mrr *p, sqlite3_int64 iEnt, const MrrKey *pKey) {
  const MrrEntity *e = &p->aEnt[iEnt];
  return pKey->type != 0 && e->keyType == pKey->type && e->keyLen == pKey->n &&
         memcmp(p->aKey + e->keyOff, pKey->z, (size_t)pKey->n) == 0;
}

/* Keeps pKey as entity iEnt's key, unless it has one or pKey is of
** another kind. Returns SQLITE_OK or SQLITE_NOMEM. */
static int mrr_key_keep(Mrr *p, sqlite3_int64 iEnt, const MrrKey *pKey) {
  MrrEntity *e = &p->aEnt[iEnt];
  if (e->keyType != 0 || pKey->type == 0) return SQLITE_OK;
  if (csm_array_reserve((void **)&p->aKey, &p->nKeyAlloc, p->nKey + pKey->n, 1)) {
    return SQLITE_NOMEM;
  }
  memcpy(p->aKey + p->nKey, pKey->z, (size_t)pKey->n);
  e->keyOff = p->nKey;
  e->keyLen = (short)pKey->n;
  e->keyType = (short)pKey->type;
  p->nKey += pKey->n;
  return SQLITE_OK;
}

/* Sets *piEnt to the entity of pVal (not NULL), adding it when new.
** Returns SQLITE_OK or SQLITE_NOMEM. */
static int mrr_entity(Mrr *p, sqlite3_value *pVal, sqlite3_int64 *piEnt) {
  int bNew;
  CsmKey read;
  MrrKey key;
  if (csm_entity_map_intern(p->pMap, pVal, piEnt, &bNew) != SQLITE_OK) return SQLITE_NOMEM;
  if (!bNew) return SQLITE_OK;
  if (csm_key_read(pVal, &read) != SQLITE_OK) return SQLITE_NOMEM;
  mrr_key_from(&read, &key);
  return mrr_entities_grow(p) == SQLITE_OK ? mrr_key_keep(p, *piEnt, &key) : SQLITE_NOMEM;
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

/* Reads the time of a row (not NULL) as a day and its month (R1). */
static int mrr_read_day(Mrr *p, CsmDateCache *pCache, sqlite3_value *pVal, sqlite3_int64 *pDay,
                        sqlite3_int64 *pMonth) {
  if (csm_date_cache_read(pCache, pVal, pDay, pMonth) == CSM_OK) return SQLITE_OK;
  return csm_vtab_error_got(p->pVtab, pVal, "mrr_movements: time_column %s must hold dates",
                            p->zTimeCol);
}

/* ---------------------------------------------------------------- segments */

/* The state of pass 1, handed to mrr_segment_row per row. */
typedef struct MrrSegScan {
  Mrr *p;
  CsmEntityMap *pSegMap;
  sqlite3_value **apVal; /* segment values by first appearance; [0] is 0: NULL */
  sqlite3_int64 nVal, nValAlloc;
  sqlite3_int64 *aLatest, nLatestAlloc; /* per entity: its latest day */
  CsmDateCache cache;
} MrrSegScan;

/* One row (entity, time, segment) of pass 1: the entity's segment is the
** one of its latest row, the smallest when its latest rows disagree (R6).
** Returns an SQLite code, the message set on SQLITE_ERROR. */
static int mrr_segment_row(void *pArg, sqlite3_value **apRow) {
  MrrSegScan *s = pArg;
  Mrr *p = s->p;
  sqlite3_value *pEnt = apRow[0], *pTime = apRow[1], *pSeg = apRow[2];
  sqlite3_int64 day, month, iEnt, iSeg = 0;
  int rc;
  if (sqlite3_value_type(pEnt) == SQLITE_NULL || sqlite3_value_type(pTime) == SQLITE_NULL)
    return SQLITE_OK;
  if ((rc = mrr_read_day(p, &s->cache, pTime, &day, &month)) != SQLITE_OK) return rc;
  if (p->bAsOf && day > p->asOfDay) return SQLITE_OK;
  if ((rc = mrr_entity(p, pEnt, &iEnt)) != SQLITE_OK) return rc;
  if (sqlite3_value_type(pSeg) != SQLITE_NULL) {
    int bNew;
    if ((rc = csm_entity_map_intern(s->pSegMap, pSeg, &iSeg, &bNew)) != SQLITE_OK) return rc;
    iSeg++;
    if (bNew) {
      if (csm_array_reserve((void **)&s->apVal, &s->nValAlloc, s->nVal + 1,
                            sizeof(sqlite3_value *)) ||
          (s->apVal[s->nVal] = sqlite3_value_dup(pSeg)) == 0) {
        return SQLITE_NOMEM;
      }
      s->nVal++;
    }
  }
  if (csm_array_reserve((void **)&s->aLatest, &s->nLatestAlloc, p->nEnt, sizeof(*s->aLatest))) {
    return SQLITE_NOMEM;
  }
  MrrEntity *e = &p->aEnt[iEnt];
  if (e->stamp == -1 || day > s->aLatest[iEnt]) { /* stamp -1: no row yet */
    e->stamp = 0;
    s->aLatest[iEnt] = day;
    e->seg = (int)iSeg;
  } else if (day == s->aLatest[iEnt] && e->seg != iSeg &&
             csm_value_compare(s->apVal[iSeg], s->apVal[e->seg]) < 0) { /* [0] is 0: NULL */
    e->seg = (int)iSeg; /* the smallest of the latest rows */
  }
  return SQLITE_OK;
}

/* Pass 1 with segment_column (R6): reads entity, time, segment through the
** feed (mrr_segment_row), then ranks the segments. Returns an SQLite
** code. */
static int mrr_segments(Mrr *p, TvfSource *pSrc) {
  MrrSegScan s;
  int *aRank = 0, *aOrder = 0;
  int rc;
  memset(&s, 0, sizeof(s));
  s.p = p;
  s.nVal = 1;
  s.pSegMap = csm_entity_map_new();
  if (s.pSegMap == 0) return SQLITE_NOMEM;
  csm_date_cache_init(&s.cache, CSM_GRAN_MONTH);
  if (csm_array_reserve((void **)&s.apVal, &s.nValAlloc, 1, sizeof(sqlite3_value *))) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  s.apVal[0] = 0;
  rc = csm_feed_run(pSrc, mrr_segment_row, &s);
  if (rc != SQLITE_OK) goto done;
  sqlite3_value **apVal = s.apVal;
  sqlite3_int64 nVal = s.nVal;
  /* Rank the segments that are some entity's, NULL (index 0) first. */
  aRank = sqlite3_malloc64((sqlite3_uint64)nVal * sizeof(int));
  aOrder = sqlite3_malloc64((sqlite3_uint64)nVal * sizeof(int));
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
    if (aRank[i]) aOrder[nOrder++] = i;
  }
  if ((rc = csm_value_sort(apVal, aOrder, nOrder, p->pProbe)) != SQLITE_OK) goto done;
  p->nSeg = 0;
  if (aRank[0]) p->apSeg[p->nSeg++] = 0; /* NULL */
  for (int i = 0; i < nOrder; i++) {
    aRank[aOrder[i]] = p->nSeg;
    p->apSeg[p->nSeg++] = apVal[aOrder[i]];
    apVal[aOrder[i]] = 0; /* owned by p->apSeg now */
  }
  aRank[0] = 0;
  for (sqlite3_int64 i = 0; i < p->nEnt; i++) {
    p->aEnt[i].seg = aRank[p->aEnt[i].seg];
    p->aEnt[i].stamp = -1;
  }
done:
  for (sqlite3_int64 i = 1; s.apVal && i < s.nVal; i++) sqlite3_value_free(s.apVal[i]);
  sqlite3_free(s.apVal);
  sqlite3_free(s.aLatest);
  sqlite3_free(aRank);
  sqlite3_free(aOrder);
  csm_entity_map_free(s.pSegMap);
  return rc;
}

/* ---------------------------------------------------------------- stream */

static int mrr_row_new(Mrr *p, MrrRow **ppRow) {
  if (csm_array_reserve((void **)&p->aRow, &p->nRowAlloc, p->nRow + 1, sizeof(MrrRow))) {
    return SQLITE_NOMEM;
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
    csm_sum_add(&b->a[MRR_STARTING], prev);
    b->n[MRR_STARTING]++;
  }
  if (cur > 0.0) {
    csm_sum_add(&b->a[MRR_ENDING], cur);
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
      csm_sum_add(&b->a[k], cur);
    } else if (k == MRR_CHURNED) {
      csm_sum_add(&b->a[k], prev);
    } else if (k == MRR_EXPANSION) { /* R8: cur and -prev added apart */
      csm_sum_add(&b->a[k], cur);
      csm_sum_add(&b->a[k], -prev);
    } else if (k == MRR_CONTRACTION) {
      csm_sum_add(&b->a[k], prev);
      csm_sum_add(&b->a[k], -cur);
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
** every entity carried forward (R3). Their number is bounded by the span
** of the dates, not by the rows read, so the loop consults the interrupt
** probe. Returns SQLITE_OK, SQLITE_NOMEM or SQLITE_INTERRUPT. */
static int mrr_carry(Mrr *p, sqlite3_int64 until) {
  sqlite3_int64 iLast = p->nRow, nLast;
  while (iLast > 0 && p->aRow[iLast - 1].period == p->curPeriod) iLast--;
  nLast = p->nRow - iLast;
  for (sqlite3_int64 period = p->curPeriod + 1; period < until; period++) {
    for (sqlite3_int64 i = iLast; i < iLast + nLast; i++) {
      MrrRow *r;
      int rc = csm_probe_tick(p->pProbe);
      if (rc != SQLITE_OK) return rc;
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
    e->dup = -1;
  }
  p->nDup = 0;
  p->curMonth = MRR_NONE;
  p->nClosing = 0;
  p->touched.n = p->active.n = p->next.n = 0;
  p->nRow = 0;
  if (p->aBucketStamp) memset(p->aBucketStamp, 0xff, (size_t)p->nSeg * sizeof(int));
}

/* Adds v to e's sum on its latest day, which has rows already (R2). The
** day's sum is kept exactly (ext/sum.h) and rounded once, so it does not
** depend on the order of the day's rows -- the source's order, the index
** SQLite reads it through, the chunks of a parallel scan. An entity has at
** most one slot in aDup, taken by its first day with two rows. Returns
** SQLITE_OK or SQLITE_NOMEM. */
static int mrr_same_day(Mrr *p, MrrEntity *e, double v) {
  if (e->dup < 0) {
    if (p->nDup >= INT_MAX ||
        csm_array_reserve((void **)&p->aDup, &p->nDupAlloc, p->nDup + 1, sizeof(MrrDup))) {
      return SQLITE_NOMEM;
    }
    e->dup = (int)p->nDup++;
    p->aDup[e->dup].day = e->day - 1; /* stale */
  }
  MrrDup *d = &p->aDup[e->dup];
  if (d->day != e->day) { /* the day's second row: its first is e->sum */
    memset(&d->sum, 0, sizeof(d->sum));
    csm_sum_add(&d->sum, e->sum);
    d->day = e->day;
  }
  csm_sum_add(&d->sum, v);
  e->sum = csm_sum_value(&d->sum);
  return SQLITE_OK;
}

/* Applies one row, of entity iEnt, in the order read: closes the period
** before when the row starts a later one (R3), then updates the entity's
** value in its month (R2). Returns SQLITE_OK, SQLITE_NOMEM or
** SQLITE_INTERRUPT (mrr_carry). */
static int mrr_apply(Mrr *p, sqlite3_int64 iEnt, sqlite3_int64 day, int month, double v) {
  if (month > p->curMonth) {
    sqlite3_int64 period = csm_period_index(p->gran, csm_period_start(CSM_GRAN_MONTH, month));
    if (p->curMonth == MRR_NONE) {
      p->firstPeriod = period;
    } else if (period != p->curPeriod) {
      int rc = mrr_close(p);
      if (rc == SQLITE_OK) rc = mrr_carry(p, period);
      if (rc != SQLITE_OK) return rc;
    }
    p->curMonth = month;
    p->curPeriod = period;
    p->touched.n = 0;
  }
  MrrEntity *e = &p->aEnt[iEnt];
  if (e->month != month) { /* its first row of the month */
    if (e->month != MRR_NONE && e->sum > 0.0 && e->firstPos == MRR_NONE) e->firstPos = e->month;
    e->month = month;
    e->day = day;
    e->sum = v;
    return mrr_list_push(&p->touched, iEnt);
  }
  if (day > e->day) {
    e->day = day;
    e->sum = v;
  } else if (day == e->day) {
    return mrr_same_day(p, e, v);
  }
  return SQLITE_OK;
}

/* Rows read and waiting to be applied. A row's entity is either guessed
** -- a snapshot table repeats each month the order of accounts of the
** month before, so the entity read after X is usually the one read after X
** last time (MrrEntity.next), confirmed by comparing the kept key -- or
** left to the batch, which interns CSM_ENTITY_BATCH keys at a time so
** that the cache misses of the lookups overlap. Either way the index is
** the map's. */
typedef struct MrrPending {
  int n;                                /* rows waiting */
  sqlite3_int64 aEnt[CSM_ENTITY_BATCH]; /* the guessed entity, or -1: batched */
  sqlite3_int64 aDay[CSM_ENTITY_BATCH];
  int aMonth[CSM_ENTITY_BATCH];
  double aV[CSM_ENTITY_BATCH];
  MrrKey aKey[CSM_ENTITY_BATCH]; /* batched rows: the key, bytes in zKey */
  char zKey[CSM_ENTITY_BATCH * MRR_KEY_MAX];
} MrrPending;

/* The state of pass 2, handed to mrr_stream_row per row. */
typedef struct MrrStream {
  Mrr *p;
  CsmEntityBatch *pB;
  MrrPending *pP;
  CsmDateCache cache;
  int bSorted;             /* the rows come ORDER BY time: a month going back is an error */
  int bAny;                /* a row was kept */
  sqlite3_int64 lastDay;   /* the latest day kept, with bAny */
  sqlite3_int64 lastMonth; /* the month of the row kept last */
  sqlite3_int64 iLast;     /* entity of the row read last, when known, else -1 */
  int bUnordered;          /* a chunk's error came after a month went back (mrr_chunk_error) */
} MrrStream;

/* Interns the batch and applies the waiting rows in order, keeping the keys of new entities and
 * each entity's successor. */
static int mrr_flush(MrrStream *s) {
  Mrr *p = s->p;
  MrrPending *pP = s->pP;
  sqlite3_int64 aIdx[CSM_ENTITY_BATCH];
  int j = 0;
  if (csm_entity_batch_intern(s->pB, aIdx) != SQLITE_OK || mrr_entities_grow(p) != SQLITE_OK) {
    return SQLITE_NOMEM;
  }
  for (int i = 0; i < pP->n; i++) {
    sqlite3_int64 iEnt = pP->aEnt[i];
    if (iEnt < 0) {
      iEnt = aIdx[j++];
      if (mrr_key_keep(p, iEnt, &pP->aKey[i]) != SQLITE_OK) return SQLITE_NOMEM;
    }
    if (p->iPrevApplied >= 0) p->aEnt[p->iPrevApplied].next = iEnt;
    p->iPrevApplied = iEnt;
    int rc = mrr_apply(p, iEnt, pP->aDay[i], pP->aMonth[i], pP->aV[i]);
    if (rc != SQLITE_OK) return rc;
  }
  pP->n = 0;
  return SQLITE_OK;
}

/* A row of pass 2 read and checked (mrr_stream_read). */
typedef struct MrrIn {
  sqlite3_int64 day, month;
  double v;
  CsmKey key; /* the entity; text and blob bytes borrowed */
} MrrIn;

/* Reads one row (entity, time, value) of pass 2 into *pIn, the messages
** through p: *pbKeep is 0 for a row skipped (R1). Returns SQLITE_OK,
** SQLITE_NOMEM, or SQLITE_ERROR with the message set. */
static int mrr_stream_read(Mrr *p, CsmDateCache *pCache, sqlite3_value **apVal, MrrIn *pIn,
                           int *pbKeep) {
  sqlite3_value *pEnt = apVal[0], *pTime = apVal[1];
  int rc;
  *pbKeep = 0;
  if (sqlite3_value_type(pEnt) == SQLITE_NULL || sqlite3_value_type(pTime) == SQLITE_NULL) {
    return SQLITE_OK; /* R1 */
  }
  if ((rc = mrr_read_day(p, pCache, pTime, &pIn->day, &pIn->month)) != SQLITE_OK) return rc;
  if (p->bAsOf && pIn->day > p->asOfDay) return SQLITE_OK;
  if ((rc = mrr_read_value(p, apVal[2], &pIn->v)) != SQLITE_OK) return rc;
  if (csm_key_read(pEnt, &pIn->key) != SQLITE_OK) return SQLITE_NOMEM;
  *pbKeep = 1;
  return SQLITE_OK;
}

/* Takes the next row read (mrr_stream_read) in the source's order: finds
** its entity (the successor guess, else the batch) and applies the rows
** batched. Returns SQLITE_OK, MRR_UNORDERED when its month is before the
** previous row's, or SQLITE_NOMEM / SQLITE_INTERRUPT. */
static int mrr_stream_take(MrrStream *s, const MrrIn *pIn) {
  Mrr *p = s->p;
  MrrPending *pP = s->pP;
  int rc;
  if (pIn->month < s->lastMonth) return MRR_UNORDERED;
  s->lastMonth = pIn->month;
  if (!s->bAny || pIn->day > s->lastDay) s->lastDay = pIn->day;
  s->bAny = 1;
  int i = pP->n++;
  MrrKey *pKey = &pP->aKey[i];
  pP->aDay[i] = pIn->day;
  pP->aMonth[i] = (int)pIn->month;
  pP->aV[i] = pIn->v;
  mrr_key_from(&pIn->key, pKey);
  if (s->iLast >= 0 && p->aEnt[s->iLast].next >= 0 && mrr_key_is(p, p->aEnt[s->iLast].next, pKey)) {
    s->iLast = pP->aEnt[i] = p->aEnt[s->iLast].next; /* the guess holds */
  } else {
    if (pKey->type != 0) { /* the key's bytes die with the row: copy */
      char *zCopy = pP->zKey + (size_t)i * MRR_KEY_MAX;
      memcpy(zCopy, pKey->z, (size_t)pKey->n);
      pKey->z = zCopy;
    }
    s->iLast = pP->aEnt[i] = -1;
    if ((rc = csm_entity_batch_add_key(s->pB, &pIn->key)) != SQLITE_OK) return rc;
  }
  if (pP->n == CSM_ENTITY_BATCH) {
    if ((rc = mrr_flush(s)) != SQLITE_OK) return rc;
    s->iLast = p->iPrevApplied;
  }
  return SQLITE_OK;
}

/* One row (entity, time, value) of pass 2, read on the calling thread.
** Returns SQLITE_OK, MRR_UNORDERED when its month is before the previous
** row's (without bSorted), or an SQLite code with the message set. */
static int mrr_stream_row(void *pArg, sqlite3_value **apVal) {
  MrrStream *s = pArg;
  MrrIn in;
  int bKeep;
  int rc = mrr_stream_read(s->p, &s->cache, apVal, &in, &bKeep);
  if (rc != SQLITE_OK || !bKeep) return rc;
  rc = mrr_stream_take(s, &in);
  if (rc == MRR_UNORDERED && s->bSorted) {
    return csm_vtab_error_got(s->p->pVtab, apVal[1],
                              "mrr_movements: time_column %s cannot be put in time"
                              " order by SQL (a date SQL reads differently)",
                              s->p->zTimeCol);
  }
  return rc;
}

/* Readies *s (zero-filled by the caller) to read rows into p. Returns
** SQLITE_OK or SQLITE_NOMEM (free with mrr_stream_clear either way). */
static int mrr_stream_init(MrrStream *s, Mrr *p, int bSorted) {
  s->p = p;
  s->bSorted = bSorted;
  s->lastMonth = MRR_NONE;
  s->iLast = -1;
  p->iPrevApplied = -1;
  csm_date_cache_init(&s->cache, CSM_GRAN_MONTH);
  s->pB = csm_entity_batch_new(p->pMap);
  s->pP = sqlite3_malloc64(sizeof(MrrPending));
  if (s->pB == 0 || s->pP == 0) return SQLITE_NOMEM;
  s->pP->n = 0;
  return SQLITE_OK;
}

static void mrr_stream_clear(MrrStream *s) {
  csm_entity_batch_free(s->pB);
  sqlite3_free(s->pP);
  s->pB = 0;
  s->pP = 0;
}

/* ---------------------------------------------------- the parallel scan */

#define MRR_CHUNK_ROWS 32768 /* rowids a chunk of the parallel scan spans at most */

/* A row of a chunk, logged for the fold: the key as CsmKey holds it, its
** text or blob bytes at MrrChunk.aByte + off. */
typedef struct MrrLogRow {
  double v;
  sqlite3_int64 i; /* the integer key, a real key's bits, or off */
  int day, month;
  int type, n; /* the key's storage class and bytes */
} MrrLogRow;

/* A partial state of the parallel scan (scan_feed.h): a chunk's rows read
** and checked on a worker, logged in order, applied by the fold
** (mrr_chunk_merge) through mrr_stream_take as the serial read applies
** them. A chunk spans at most MRR_CHUNK_ROWS rowids, so the logs of the
** threads + 1 chunks that exist at once stay bounded. */
typedef struct MrrChunk {
  Mrr cfg;              /* the options and column names; cfg.pVtab -> errVtab */
  sqlite3_vtab errVtab; /* the chunk's error message */
  CsmDateCache cache;
  int bAny;                 /* a row was kept */
  int bWentBack;            /* its read stopped at a month going back */
  sqlite3_int64 firstMonth; /* months of the first and last rows kept, with bAny */
  sqlite3_int64 lastMonth;
  MrrLogRow *aLog;
  sqlite3_int64 nLog, nLogAlloc;
  char *aByte; /* the keys' bytes */
  sqlite3_int64 nByte, nByteAlloc;
} MrrChunk;

/* xRow on a worker: reads and checks a row as mrr_stream_row does and logs
** it. Returns SQLITE_OK, MRR_UNORDERED when a month goes back in the chunk,
** or an SQLite code, its message in the chunk. */
static int mrr_chunk_row(void *pArg, sqlite3_value **apVal) {
  MrrChunk *c = pArg;
  MrrIn in;
  int bKeep;
  int rc = mrr_stream_read(&c->cfg, &c->cache, apVal, &in, &bKeep);
  if (rc != SQLITE_OK || !bKeep) return rc;
  if (c->bAny && in.month < c->lastMonth) {
    c->bWentBack = 1;
    return MRR_UNORDERED;
  }
  if (!c->bAny) c->firstMonth = in.month;
  c->bAny = 1;
  c->lastMonth = in.month;
  if (csm_array_reserve((void **)&c->aLog, &c->nLogAlloc, c->nLog + 1, sizeof(MrrLogRow))) {
    return SQLITE_NOMEM;
  }
  MrrLogRow *r = &c->aLog[c->nLog];
  r->v = in.v;
  r->day = (int)in.day;
  r->month = (int)in.month;
  r->type = in.key.type;
  r->n = in.key.n;
  r->i = in.key.i;
  if (in.key.type == SQLITE_TEXT || in.key.type == SQLITE_BLOB) {
    if (csm_array_reserve((void **)&c->aByte, &c->nByteAlloc, c->nByte + in.key.n, 1)) {
      return SQLITE_NOMEM;
    }
    if (in.key.n > 0) memcpy(c->aByte + c->nByte, in.key.z, (size_t)in.key.n);
    r->i = c->nByte;
    c->nByte += in.key.n;
  }
  c->nLog++;
  return SQLITE_OK;
}

/* xNew: an empty chunk reading rows as the main state's computation does. */
static void *mrr_chunk_new(void *pMain) {
  const Mrr *m = ((const MrrStream *)pMain)->p;
  MrrChunk *c = sqlite3_malloc64(sizeof(MrrChunk));
  if (c == 0) return 0;
  memset(c, 0, sizeof(*c));
  c->cfg.pVtab = &c->errVtab;
  c->cfg.bAsOf = m->bAsOf;
  c->cfg.asOfDay = m->asOfDay;
  c->cfg.zTimeCol = m->zTimeCol;
  c->cfg.zValueCol = m->zValueCol;
  csm_date_cache_init(&c->cache, CSM_GRAN_MONTH);
  return c;
}

static void mrr_chunk_free(void *pPart) {
  MrrChunk *c = pPart;
  csm_feed_error_move(0, &c->errVtab);
  sqlite3_free(c->aLog);
  sqlite3_free(c->aByte);
  sqlite3_free(c);
}

/* xMerge: takes the chunk's rows in order, exactly as the serial read
** takes them. Returns SQLITE_OK, MRR_UNORDERED, or an SQLite code. */
static int mrr_chunk_merge(void *pMain, void *pPart) {
  MrrStream *s = pMain;
  const MrrChunk *c = pPart;
  for (sqlite3_int64 k = 0; k < c->nLog; k++) {
    const MrrLogRow *r = &c->aLog[k];
    MrrIn in;
    in.day = r->day;
    in.month = r->month;
    in.v = r->v;
    in.key.type = r->type;
    in.key.n = r->n;
    in.key.i = r->i;
    in.key.z = r->type == SQLITE_TEXT || r->type == SQLITE_BLOB ? c->aByte + r->i : 0;
    int rc = mrr_stream_take(s, &in);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

/* xError: the chunk's message, unless the serial read would have stopped
** before the row in error, a month going back (inside the chunk, or at its
** first row kept against the rows folded): then mrr_stream reads again in
** time order. */
static void mrr_chunk_error(void *pMain, void *pPart) {
  MrrStream *s = pMain;
  MrrChunk *c = pPart;
  if (c->bWentBack || (s->bAny && c->bAny && c->firstMonth < s->lastMonth)) {
    s->bUnordered = 1;
  } else {
    csm_feed_error_move(s->p->pVtab, &c->errVtab);
  }
}

static const CsmFeedParts mrr_stream_parts = {mrr_chunk_new,   mrr_chunk_row,  mrr_chunk_merge,
                                              mrr_chunk_error, mrr_chunk_free, MRR_CHUNK_ROWS,
                                              mrr_stream_row};

/* Pass 2: reads entity, time, value in the statement's order and builds
** the rows: through the feed, in parallel where it can
** (csm_feed_run_parallel: mrr_stream_parts), or with bSorted by stepping
** the ORDER BY statement (csm_feed_run_rows). Returns SQLITE_OK, MRR_UNORDERED when a
** month goes backwards (nothing reported; with bSorted that is an error
** instead), or an SQLite code with the message set. */
static int mrr_stream(Mrr *p, TvfSource *pSrc, int bSorted) {
  MrrStream s;
  memset(&s, 0, sizeof(s));
  int rc = mrr_stream_init(&s, p, bSorted);
  if (rc != SQLITE_OK) goto done;
  rc = bSorted ? csm_feed_run_rows(pSrc, mrr_stream_row, &s)
               : csm_feed_run_parallel(pSrc, &mrr_stream_parts, &s);
  if (rc != SQLITE_OK && s.bUnordered) rc = MRR_UNORDERED;
  if (rc != SQLITE_OK) goto done;
  rc = mrr_flush(&s);
  if (rc != SQLITE_OK || !s.bAny) goto done; /* no rows: no periods */
  if (!p->bAsOf) p->asOfDay = s.lastDay;
  p->lastPeriod = csm_period_index(p->gran, p->asOfDay);
  rc = mrr_close(p);
  if (rc == SQLITE_OK) rc = mrr_carry(p, p->lastPeriod + 1);
done:
  mrr_stream_clear(&s);
  return rc;
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
  csm_probe_close(p->pProbe);
  sqlite3_free(p->aEnt);
  sqlite3_free(p->aDup);
  sqlite3_free(p->aKey);
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

/* Opens the read of zSource's columns (entity, time, value) on pSrc,
** ORDER BY the time as a Julian day, numbers read by the 'auto' rule: a
** plain SELECT, stepped (csm_feed_run_rows). */
static int mrr_open_sorted(Mrr *p, const char *zSource, const char *const *azCol, TvfSource *pSrc) {
  int rc = tvf_source_open(pSrc, p->pCur, "source", zSource, azCol, 3, 0);
  if (rc != SQLITE_OK) return rc;
  sqlite3 *db = sqlite3_db_handle(pSrc->pStmt);
  char *zSql = sqlite3_mprintf(
      "SELECT * FROM (%s) ORDER BY CASE WHEN typeof(\"%w\") IN ('integer', 'real') THEN"
      " CASE WHEN \"%w\" >= 0 AND \"%w\" < 5373484.5 THEN \"%w\" ELSE \"%w\" / 86400.0 + 2440587.5"
      " END ELSE julianday(\"%w\") END",
      sqlite3_sql(pSrc->pStmt), azCol[1], azCol[1], azCol[1], azCol[1], azCol[1], azCol[1]);
  sqlite3_finalize(pSrc->pStmt);
  pSrc->pStmt = 0;
  if (zSql == 0) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(db, zSql, -1, &pSrc->pStmt, 0);
  sqlite3_free(zSql);
  return rc == SQLITE_OK ? rc : tvf_source_error(pSrc, rc);
}

/* Runs the whole computation into p (R1..R9). azCol: entity, time, value,
** segment (or 0). */
static int mrr_compute(Mrr *p, const char *zSource, const char *const *azCol) {
  TvfSource src;
  const char *azRead[3] = {azCol[0], azCol[1], azCol[2]};
  int rc;
  p->pMap = csm_entity_map_new();
  if (p->pMap == 0) return SQLITE_NOMEM;
  rc = csm_probe_open(((TvfVtab *)p->pCur->pVtab)->db, &p->pProbe);
  if (rc != SQLITE_OK) return rc;
  p->curMonth = MRR_NONE;
  if (p->bSeg) {
    const char *azSeg[3] = {azCol[0], azCol[1], azCol[3]};
    rc = csm_feed_open(&src, p->pCur, &mrr_feed, "source", zSource, azSeg, 3, 0);
    if (rc == SQLITE_OK) rc = mrr_segments(p, &src);
    tvf_source_close(&src);
    if (rc != SQLITE_OK) return rc;
  }
  rc = mrr_buckets(p);
  if (rc != SQLITE_OK) return rc;
  rc = csm_feed_open(&src, p->pCur, &mrr_feed, "source", zSource, azRead, 3, 0);
  if (rc == SQLITE_OK) rc = mrr_stream(p, &src, 0);
  tvf_source_close(&src);
  if (rc == MRR_UNORDERED) {
    mrr_stream_reset(p);
    rc = mrr_open_sorted(p, zSource, azRead, &src);
    if (rc == SQLITE_OK) rc = mrr_stream(p, &src, 1);
    tvf_source_close(&src);
  }
  return rc;
}

/* ---------------------------------------------------------------- vtab */

static const char *const azMrrGran[] = {"month", "quarter", "year", 0};
static const CsmGranularity aMrrGran[] = {CSM_GRAN_MONTH, CSM_GRAN_QUARTER, CSM_GRAN_YEAR};

/* The arguments, in positional order (ext/tvf.h). */
static const TvfArg aMrrArg[MRR_N_ARG] = {
    {"granularity", TVF_CHOICE, "month", azMrrGran, 0},
    {"source", TVF_TABLE, "mrr_snapshots", 0, 0},
    {"entity_column", TVF_COLUMN, "account", 0, 0},
    {"time_column", TVF_COLUMN, "month", 0, 0},
    {"value_column", TVF_COLUMN, "mrr", 0, 0},
    {"segment_column", TVF_COLUMN, 0, 0, 0},
    {"as_of", TVF_DAY, 0, 0, 0},
};

/* Rows come ordered by period, then segment (constant without segment_column). */
static const TvfOrder aMrrOrder[] = {{MRR_COL_PERIOD, -1}, {MRR_COL_SEGMENT, MRR_ARG_SEGMENT}};

static const TvfSpec mrr_spec = {"mrr_movements", MRR_SCHEMA, MRR_COL_FIRST_ARG, MRR_N_ARG, aMrrArg,
                                 aMrrOrder,       2};

typedef struct MrrCursor {
  sqlite3_vtab_cursor base;
  TvfArgs args;
  Mrr m;
  sqlite3_int64 iRow;
} MrrCursor;

static void mrr_reset(sqlite3_vtab_cursor *cur) {
  MrrCursor *pCur = (MrrCursor *)cur;
  tvf_args_clear(&pCur->args);
  mrr_free(&pCur->m);
  pCur->iRow = 0;
}

static int mrr_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                      sqlite3_value **argv) {
  (void)idxStr;
  MrrCursor *pCur = (MrrCursor *)cur;
  const TvfValue *a = pCur->args.a;
  Mrr *p = &pCur->m;
  mrr_reset(cur);
  int rc = tvf_capture(cur, idxNum, argc, argv, &pCur->args);
  if (rc != SQLITE_OK) return rc;
  p->pCur = cur;
  p->pVtab = cur->pVtab;
  p->gran = aMrrGran[a[MRR_ARG_GRANULARITY].iChoice];
  p->bAsOf = a[MRR_ARG_AS_OF].bSet;
  p->asOfDay = a[MRR_ARG_AS_OF].iDay;
  p->bSeg = a[MRR_ARG_SEGMENT].bSet;
  p->zTimeCol = a[MRR_ARG_TIME].z;
  p->zValueCol = a[MRR_ARG_VALUE].z;
  const char *azCol[4] = {a[MRR_ARG_ENTITY].z, a[MRR_ARG_TIME].z, a[MRR_ARG_VALUE].z,
                          a[MRR_ARG_SEGMENT].z};
  return mrr_compute(p, a[MRR_ARG_SOURCE].z, azCol);
}

static int mrr_next(sqlite3_vtab_cursor *cur) {
  ((MrrCursor *)cur)->iRow++;
  return SQLITE_OK;
}

static int mrr_eof(sqlite3_vtab_cursor *cur) {
  MrrCursor *pCur = (MrrCursor *)cur;
  return pCur->iRow >= pCur->m.nRow;
}

static int mrr_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int iCol) {
  MrrCursor *pCur = (MrrCursor *)cur;
  const Mrr *p = &pCur->m;
  const MrrRow *r = &p->aRow[pCur->iRow];
  int bBaseline = r->period == p->firstPeriod; /* R4 */
  double start = csm_sum_value(&r->a[MRR_STARTING]);
  if (iCol >= MRR_COL_STARTING && iCol < MRR_COL_STARTING + MRR_N_KIND) {
    int k = iCol - MRR_COL_STARTING;
    if (!bBaseline || k == MRR_ENDING) sqlite3_result_double(ctx, csm_sum_value(&r->a[k]));
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
      CsmSum num = r->a[MRR_STARTING];
      if (iCol == MRR_COL_NRR) csm_sum_add_scaled(&num, 1.0, &r->a[MRR_EXPANSION]);
      csm_sum_add_scaled(&num, -1.0, &r->a[MRR_CONTRACTION]);
      csm_sum_add_scaled(&num, -1.0, &r->a[MRR_CHURNED]);
      sqlite3_result_double(ctx, csm_sum_value(&num) / start);
    }
    break;
  case MRR_COL_QUICK_RATIO: {
    double down = csm_sum_value(&r->a[MRR_CONTRACTION]) + csm_sum_value(&r->a[MRR_CHURNED]);
    if (!bBaseline && down != 0.0) {
      double up = csm_sum_value(&r->a[MRR_NEW]) + csm_sum_value(&r->a[MRR_REACTIVATION]) +
                  csm_sum_value(&r->a[MRR_EXPANSION]);
      sqlite3_result_double(ctx, up / down);
    }
    break;
  }
  case MRR_COL_PARTIAL: /* R9 */
    sqlite3_result_int(ctx, p->asOfDay < csm_period_end(p->gran, r->period));
    break;
  case MRR_COL_FIRST_ARG + MRR_ARG_AS_OF:
    if (!p->bAsOf) { /* the default: the latest day read */
      char zDay[16];
      csm_day_format(p->asOfDay, zDay);
      sqlite3_result_text(ctx, zDay, -1, SQLITE_TRANSIENT);
      break;
    }
    /* fall through */
  default:
    tvf_result_arg(ctx, &pCur->args, iCol - MRR_COL_FIRST_ARG);
    break;
  }
  return SQLITE_OK;
}

static int mrr_rowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((MrrCursor *)cur)->iRow;
  return SQLITE_OK;
}

static const TvfMethods mrr_methods = {sizeof(MrrCursor), mrr_reset,  mrr_filter, mrr_next,
                                       mrr_eof,           mrr_column, mrr_rowid};

int mrr_movements_register(sqlite3 *db) {
  int rc = tvf_register(db, &mrr_spec, &mrr_methods);
  return rc == SQLITE_OK ? csm_feed_register(db, &mrr_feed) : rc;
}
