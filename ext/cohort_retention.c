/*
** cohort_retention.c -- the cohort_retention table-valued function (SPEC 4.1).
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
**      AND value_column = 'mrr';
**
** How it works. The table is eponymous-only (series.c pattern, STYLE.md):
** its eight arguments are the hidden columns source .. as_of, passed as
** equality constraints in any subset (source is required). xFilter builds
**   SELECT "entity", "time"[, "value"][, "cohort"] FROM "schema"."table"
** from quoted identifiers only (after checking the names through
** pragma_table_info), steps it once, and keeps per entity (ext/entity_map.h
** gives each distinct SQL value a dense index):
**   - a bitmap of the periods it was active in, anchored at a multiple of
**     64 periods and widened on demand, in a 16-byte record, so memory is
**     entities x the span of periods each one was seen in -- never rows;
**   - with value_column, one sum per set bit (in period order);
**   - with cohort_column, the earliest cohort period seen.
** Entity lookups are pipelined (see COHORT_BATCH): with 10^5 entities the
** map does not fit the CPU caches, and one lookup at a time would cost
** more than reading the row.
** After the scan the source is no longer needed: entities are sorted by
** cohort, and the grid is produced one cohort at a time (xNext fills two
** arrays of offsets 0..last for the next cohort), so the grid itself is
** never held whole.
**
** Requirements (SPEC 4.1), referred to in the code as R1..R7:
**   R1 cohort = period of the earliest cohort_column value when given (an
**      entity with no such value falls back to its first row), else the
**      period of the entity's first row; activity before it is ignored.
**   R2 rows with NULL entity or time are skipped; an unparseable time,
**      cohort value or value is an error naming the value.
**   R3 as_of (a day, inclusive) defaults to the day of the latest time;
**      rows after it are ignored.
**   R4 one row per cohort and offset 0 .. the period holding as_of, zero
**      cells included, ordered by cohort then period; a cohort that starts
**      after as_of (possible only with cohort_column) has no row.
**   R5 classic: active in period N; rolling: active in N or any later
**      observed period.
**   R6 value = sum of value_column over the cohort's rows in the period (a
**      NULL value counts 0); revenue_retention = value / value at period 0.
**   R7 partial = 1 on the period holding as_of unless as_of is its last day.
**
** The inner statement runs on the same connection, so sqlite3_interrupt()
** makes its sqlite3_step() return SQLITE_INTERRUPT, which xFilter returns.
*/
#include "dates.h"
#include "entity_map.h"
#include "errors.h"
#include "table_source.h"

#include <stdlib.h>
#include <string.h>

/* Output columns, then the arguments (hidden), in positional order. */
#define COHORT_SCHEMA                                                                              \
  "CREATE TABLE x(cohort TEXT, period INTEGER, cohort_size INTEGER,"                               \
  " active INTEGER, retention REAL, value REAL, revenue_retention REAL,"                           \
  " partial INTEGER, source HIDDEN, granularity HIDDEN, mode HIDDEN,"                              \
  " entity_column HIDDEN, time_column HIDDEN, value_column HIDDEN,"                                \
  " cohort_column HIDDEN, as_of HIDDEN)"
#define COHORT_COL_COHORT 0
#define COHORT_COL_PERIOD 1
#define COHORT_COL_SIZE 2
#define COHORT_COL_ACTIVE 3
#define COHORT_COL_RETENTION 4
#define COHORT_COL_VALUE 5
#define COHORT_COL_REVENUE_RETENTION 6
#define COHORT_COL_PARTIAL 7
#define COHORT_COL_FIRST_ARG 8 /* source; the arguments follow in order */
#define COHORT_ARG_SOURCE 0
#define COHORT_ARG_GRANULARITY 1
#define COHORT_ARG_MODE 2
#define COHORT_ARG_ENTITY 3
#define COHORT_ARG_TIME 4
#define COHORT_ARG_VALUE 5
#define COHORT_ARG_COHORT 6
#define COHORT_ARG_AS_OF 7
#define COHORT_N_ARG 8

#define COHORT_NO_PERIOD (-((sqlite3_int64)1 << 62)) /* "no cohort value seen" */
#define COHORT_KEY_CACHE 64 /* bytes of the previous key / date text cached */

typedef struct CohortVtab {
  sqlite3_vtab base;
  sqlite3 *db; /* the connection the source is read from */
} CohortVtab;

/* The periods one entity was active in, collected during the scan. Kept
** to 16 bytes: with 10^5 entities and more, the array of them is read in
** random order and its size decides how often that misses the caches. */
typedef struct CohortEntity {
  int base;  /* period of bit 0 of the bitmap, a multiple of 64 (periods of
             ** years 0000-9999 fit an int at every granularity) */
  int nWord; /* 64-bit words of the bitmap */
  union {
    sqlite3_uint64 w;  /* the bitmap while nWord == 1 */
    sqlite3_uint64 *a; /* the bitmap when nWord > 1 */
  } bits;
} CohortEntity;

/* An entity's value_column sums, one per set bit of its bitmap, in period
** order (only with value_column). */
typedef struct CohortSums {
  double *a;
  int n;      /* entries used (= bits set) */
  int nAlloc; /* entries allocated */
} CohortSums;

/* One entity placed in its cohort; sorted by (cohort, entity). */
typedef struct CohortMember {
  sqlite3_int64 cohort; /* period index of the cohort */
  sqlite3_int64 iEnt;   /* index into aEnt */
} CohortMember;

/* The date last converted from a column, so runs of equal values (events
** are usually stored in time order) are parsed once. */
typedef struct CohortDateCache {
  int type; /* SQLITE_TEXT, SQLITE_INTEGER or SQLITE_FLOAT; 0 = empty */
  int n;    /* bytes of z */
  double r; /* the number, for INTEGER and FLOAT */
  char z[COHORT_KEY_CACHE];
  sqlite3_int64 day;    /* the converted day */
  sqlite3_int64 period; /* and its period */
} CohortDateCache;

typedef struct CohortCursor {
  sqlite3_vtab_cursor base;
  sqlite3_value *apArg[COHORT_N_ARG]; /* copies of the arguments given, or 0 */
  CsmGranularity gran;
  int bRolling;             /* mode = 'rolling' */
  int bValue;               /* a value_column was given */
  sqlite3_int64 asOfDay;    /* R3 */
  sqlite3_int64 asOfPeriod; /* the period holding asOfDay */
  CohortEntity *aEnt;       /* per entity, by entity_map index */
  sqlite3_int64 *aCohort;   /* per entity: earliest cohort_column period, or
                            ** COHORT_NO_PERIOD (only with cohort_column) */
  CohortSums *aSums;        /* per entity (only with value_column) */
  sqlite3_int64 nEnt, nEntAlloc;
  int bCohortCol;        /* a cohort_column was given */
  CohortMember *aMember; /* every entity with a cohort by as_of, sorted */
  sqlite3_int64 nMember;
  sqlite3_int64 iMember;    /* first member of the current cohort */
  sqlite3_int64 iMemberEnd; /* one past its last member */
  sqlite3_int64 nOffset;    /* offsets of the current cohort: 0..nOffset-1 */
  sqlite3_int64 iOffset;    /* the current row's offset */
  sqlite3_int64 *aActive;   /* per offset of the current cohort */
  double *aSum;             /* per offset, with bValue */
  sqlite3_int64 nCellAlloc; /* entries allocated in aActive and aSum */
  sqlite3_int64 iRowid;
} CohortCursor;

/* ---------------------------------------------------------------- scan */

static sqlite3_int64 cohort_floor64(sqlite3_int64 p) { return p - (((p % 64) + 64) % 64); }

static sqlite3_uint64 *cohort_words(CohortEntity *e) {
  return e->nWord == 1 ? &e->bits.w : e->bits.a;
}

/* Widens e's bitmap so that it covers period p, at least doubling it in
** the direction it grows (events mostly arrive in time order). New words
** are zero. Returns SQLITE_OK or SQLITE_NOMEM (e unchanged). */
static int cohort_entity_widen(CohortEntity *e, sqlite3_int64 p) {
  sqlite3_int64 base = e->base, nBit = 64 * (sqlite3_int64)e->nWord;
  sqlite3_int64 lo = base, hi = base + nBit;
  if (p < lo) {
    lo = cohort_floor64(p);
    if (base - lo < nBit) lo = base - nBit;
  } else {
    hi = cohort_floor64(p) + 64;
    if (hi - base < 2 * nBit) hi = base + 2 * nBit;
  }
  sqlite3_int64 nNew = (hi - lo) / 64;
  if (nNew > 0x7fffffff || lo < -0x7fffffff) return SQLITE_NOMEM;
  sqlite3_uint64 *aNew = sqlite3_malloc64((sqlite3_uint64)nNew * sizeof(sqlite3_uint64));
  if (aNew == 0) return SQLITE_NOMEM;
  memset(aNew, 0, (size_t)nNew * sizeof(sqlite3_uint64));
  memcpy(aNew + (base - lo) / 64, cohort_words(e), (size_t)e->nWord * sizeof(sqlite3_uint64));
  if (e->nWord > 1) sqlite3_free(e->bits.a);
  e->bits.a = aNew;
  e->base = (int)lo;
  e->nWord = (int)nNew;
  return SQLITE_OK;
}

/* Records that e was active in period p and, with pSums, adds v to that
** period's sum. Returns SQLITE_OK or SQLITE_NOMEM. */
static int cohort_entity_mark(CohortEntity *e, CohortSums *pSums, sqlite3_int64 p, double v) {
  if (e->nWord == 0) {
    e->base = (int)cohort_floor64(p);
    e->nWord = 1;
    e->bits.w = 0;
  } else if (p < e->base || p >= e->base + 64 * (sqlite3_int64)e->nWord) {
    if (cohort_entity_widen(e, p) != SQLITE_OK) return SQLITE_NOMEM;
  }
  sqlite3_uint64 *aW = cohort_words(e);
  sqlite3_int64 bit = p - e->base;
  sqlite3_uint64 mask = (sqlite3_uint64)1 << (bit & 63);
  int bNew = (aW[bit >> 6] & mask) == 0;
  if (pSums) {
    /* The sum of period p sits at the rank of its bit among the set bits. */
    int rank = __builtin_popcountll(aW[bit >> 6] & (mask - 1));
    for (sqlite3_int64 i = 0; i < (bit >> 6); i++) rank += __builtin_popcountll(aW[i]);
    if (bNew) {
      if (pSums->n == pSums->nAlloc) {
        int nAlloc = pSums->nAlloc ? 2 * pSums->nAlloc : 4;
        double *aNew = sqlite3_realloc64(pSums->a, (sqlite3_uint64)nAlloc * sizeof(double));
        if (aNew == 0) return SQLITE_NOMEM;
        pSums->a = aNew;
        pSums->nAlloc = nAlloc;
      }
      memmove(&pSums->a[rank + 1], &pSums->a[rank], (size_t)(pSums->n - rank) * sizeof(double));
      pSums->a[rank] = 0.0;
      pSums->n++;
    }
    pSums->a[rank] += v;
  }
  aW[bit >> 6] |= mask;
  return SQLITE_OK;
}

static void cohort_free_entities(CohortCursor *pCur) {
  for (sqlite3_int64 i = 0; i < pCur->nEnt; i++) {
    if (pCur->aEnt[i].nWord > 1) sqlite3_free(pCur->aEnt[i].bits.a);
    if (pCur->aSums) sqlite3_free(pCur->aSums[i].a);
  }
  sqlite3_free(pCur->aEnt);
  sqlite3_free(pCur->aCohort);
  sqlite3_free(pCur->aSums);
  pCur->aEnt = 0;
  pCur->aCohort = 0;
  pCur->aSums = 0;
  pCur->nEnt = pCur->nEntAlloc = 0;
}

/* 1 when the n bytes at a and b are equal. For the short keys compared on
** every row, where a call to memcmp() costs more than the comparison. */
static int cohort_bytes_equal(const char *a, const char *b, int n) {
  for (; n >= 8; a += 8, b += 8, n -= 8) {
    sqlite3_uint64 x, y;
    memcpy(&x, a, 8);
    memcpy(&y, b, 8);
    if (x != y) return 0;
  }
  for (; n > 0; a++, b++, n--) {
    if (*a != *b) return 0;
  }
  return 1;
}

/* Copies n bytes from b to a: the short keys copied on every lookup cost
** less this way than through a call to memcpy(). */
static void cohort_bytes_copy(char *a, const char *b, int n) {
  for (; n >= 8; a += 8, b += 8, n -= 8) memcpy(a, b, 8);
  for (; n > 0; a++, b++, n--) *a = *b;
}

/* Converts pVal, of storage class type (not NULL), to a day and its period
** through the cache. Text is compared with the cache up to its NUL, the
** same text the date parser reads, so no length is needed. Returns CSM_OK
** or CSM_INVALID. */
static int cohort_value_period(CohortDateCache *pC, sqlite3_value *pVal, int type, CsmGranularity g,
                               sqlite3_int64 *pDay, sqlite3_int64 *pPeriod) {
  const char *z = 0;
  int n = 0;
  double r = 0.0;
  if (type == SQLITE_TEXT) {
    z = (const char *)sqlite3_value_text(pVal);
    if (z == 0) return CSM_INVALID;
    if (pC->type == SQLITE_TEXT) {
      int i = 0;
      while (i < pC->n && z[i] == pC->z[i]) i++;
      if (i == pC->n && z[i] == 0) {
        *pDay = pC->day;
        *pPeriod = pC->period;
        return CSM_OK;
      }
    }
    n = (int)strlen(z);
  } else if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
    r = sqlite3_value_double(pVal);
    if (pC->type == type && pC->r == r) {
      *pDay = pC->day;
      *pPeriod = pC->period;
      return CSM_OK;
    }
  }
  if (csm_value_day(pVal, pDay) != CSM_OK) return CSM_INVALID;
  *pPeriod = csm_period_index(g, *pDay);
  if (type == SQLITE_TEXT && n <= COHORT_KEY_CACHE) {
    memcpy(pC->z, z, (size_t)n);
    pC->n = n;
  } else if (type == SQLITE_TEXT) {
    type = 0; /* too long to cache */
  }
  pC->type = type;
  pC->r = r;
  pC->day = *pDay;
  pC->period = *pPeriod;
  return CSM_OK;
}

/* The names of the columns read, for messages: [entity, time, value, cohort]. */
typedef struct CohortColumns {
  const char *az[4];
} CohortColumns;

/* Rows are applied in a three-step pipeline so that the cache misses of
** the hash-map lookups overlap instead of adding up: with 10^5 entities or
** more, the map and the entity array are far larger than the CPU caches,
** and a lookup that waits for each miss in turn costs more than reading
** the row. (1) When a row is read, its key is hashed and its map slot
** prefetched. (2) When COHORT_BATCH rows are waiting, their entities are
** looked up (the slots have arrived) and their entity records prefetched.
** (3) They are marked one batch later, when those records have arrived. */
#define COHORT_BATCH 32
#define COHORT_SAME_ENTITY (-2) /* CohortRow.iEnt: the row before's entity */
#define COHORT_LOOKUP (-1)      /* CohortRow.iEnt: look the key up */

/* One row read and waiting in the batch. */
typedef struct CohortRow {
  CsmEntityKey key;     /* with iEnt == COHORT_LOOKUP; text at aKeyByte+iByte */
  sqlite3_int64 iByte;  /* offset of the key bytes in the batch's buffer */
  sqlite3_int64 iEnt;   /* entity index, COHORT_LOOKUP or COHORT_SAME_ENTITY */
  sqlite3_int64 period; /* period of the row's time */
  sqlite3_int64 cohort; /* period of its cohort_column value, or COHORT_NO_PERIOD */
  double v;             /* its value_column value (0 for NULL) */
} CohortRow;

typedef struct CohortBatch {
  CsmEntityMap *pMap;
  CohortRow aRow[2][COHORT_BATCH]; /* rows being read, rows waiting to be marked */
  int iRead;                       /* which of aRow receives the rows read */
  int nRead;                       /* rows in aRow[iRead] */
  int nResolved;                   /* rows in aRow[!iRead], entities known */
  char *aKeyByte;                  /* key bytes of the rows being read */
  sqlite3_int64 nByte, nByteAlloc;
  sqlite3_int64 iLastEnt; /* entity of the last row resolved, or -1 */
} CohortBatch;

/* Grows the per-entity arrays to n entries (keeping nEnt). Returns
** SQLITE_OK or SQLITE_NOMEM. */
static int cohort_entities_alloc(CohortCursor *pCur, sqlite3_int64 n) {
  CohortEntity *aEnt = sqlite3_realloc64(pCur->aEnt, (sqlite3_uint64)n * sizeof(*aEnt));
  if (aEnt == 0) return SQLITE_NOMEM;
  pCur->aEnt = aEnt;
  if (pCur->bCohortCol) {
    sqlite3_int64 *aCohort = sqlite3_realloc64(pCur->aCohort, (sqlite3_uint64)n * sizeof(*aCohort));
    if (aCohort == 0) return SQLITE_NOMEM;
    pCur->aCohort = aCohort;
  }
  if (pCur->bValue) {
    CohortSums *aSums = sqlite3_realloc64(pCur->aSums, (sqlite3_uint64)n * sizeof(*aSums));
    if (aSums == 0) return SQLITE_NOMEM;
    pCur->aSums = aSums;
  }
  pCur->nEntAlloc = n;
  return SQLITE_OK;
}

/* Appends an entity with no activity. Returns SQLITE_OK or SQLITE_NOMEM. */
static int cohort_new_entity(CohortCursor *pCur) {
  if (pCur->nEnt == pCur->nEntAlloc &&
      cohort_entities_alloc(pCur, pCur->nEntAlloc ? 2 * pCur->nEntAlloc : 1024) != SQLITE_OK) {
    return SQLITE_NOMEM;
  }
  memset(&pCur->aEnt[pCur->nEnt], 0, sizeof(CohortEntity));
  if (pCur->aCohort) pCur->aCohort[pCur->nEnt] = COHORT_NO_PERIOD;
  if (pCur->aSums) memset(&pCur->aSums[pCur->nEnt], 0, sizeof(CohortSums));
  pCur->nEnt++;
  return SQLITE_OK;
}

/* Marks the resolved rows (pipeline step 3), then resolves the rows read
** (step 2) and makes them the next rows to mark. With bLast, marks those
** too. Rows are applied in the order they were read. Returns SQLITE_OK or
** SQLITE_NOMEM. */
static int cohort_flush(CohortCursor *pCur, CohortBatch *pB, int bLast) {
  CohortRow *aRead = pB->aRow[pB->iRead];
  CohortRow *aResolved = pB->aRow[!pB->iRead];
  int i;
  for (int k = 0; k < 1 + bLast; k++) {
    for (i = 0; i < pB->nResolved; i++) {
      CohortRow *r = &aResolved[i];
      if (r->cohort != COHORT_NO_PERIOD) {
        sqlite3_int64 *pC = &pCur->aCohort[r->iEnt];
        if (*pC == COHORT_NO_PERIOD || r->cohort < *pC) *pC = r->cohort; /* R1: the earliest */
      }
      if (cohort_entity_mark(&pCur->aEnt[r->iEnt], pCur->aSums ? &pCur->aSums[r->iEnt] : 0,
                             r->period, r->v) != SQLITE_OK) {
        return SQLITE_NOMEM;
      }
    }
    pB->nResolved = 0;
    if (k == 1) break;
    for (i = 0; i < pB->nRead; i++) {
      CohortRow *r = &aRead[i];
      if (r->iEnt != COHORT_LOOKUP) continue;
      if (r->key.n > 0 && (r->key.type == SQLITE_TEXT || r->key.type == SQLITE_BLOB)) {
        r->key.z = pB->aKeyByte + r->iByte; /* the copy: the value is gone */
      }
      csm_entity_map_prefetch_bytes(pB->pMap, &r->key);
    }
    for (i = 0; i < pB->nRead; i++) {
      CohortRow *r = &aRead[i];
      if (r->iEnt == COHORT_SAME_ENTITY) {
        r->iEnt = i > 0 ? aRead[i - 1].iEnt : pB->iLastEnt;
      } else if (r->iEnt == COHORT_LOOKUP) {
        int bNew;
        if (csm_entity_map_intern_key(pB->pMap, &r->key, &r->iEnt, &bNew) != SQLITE_OK) {
          return SQLITE_NOMEM;
        }
        if (bNew && cohort_new_entity(pCur) != SQLITE_OK) return SQLITE_NOMEM;
      }
      __builtin_prefetch(&pCur->aEnt[r->iEnt]);
    }
    if (pB->nRead > 0) pB->iLastEnt = aRead[pB->nRead - 1].iEnt;
    pB->nResolved = pB->nRead;
    pB->nRead = 0;
    pB->nByte = 0;
    pB->iRead = !pB->iRead;
    aResolved = aRead;
  }
  return SQLITE_OK;
}

/* Adds the row's entity pEntVal (of storage class type, not NULL) to the
** batch row r: the same as
** the row before (pPrev, or 0) when the value is equal, else a key to look
** up, its bytes copied (the value dies at the next step). Returns SQLITE_OK
** or SQLITE_NOMEM. */
static int cohort_batch_key(CohortBatch *pB, CohortRow *r, sqlite3_value *pEntVal, int type,
                            const CsmEntityKey *pPrev) {
  if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
    const char *z = type == SQLITE_TEXT ? (const char *)sqlite3_value_text(pEntVal)
                                        : (const char *)sqlite3_value_blob(pEntVal);
    int n = sqlite3_value_bytes(pEntVal);
    if (z == 0 && n > 0) return SQLITE_NOMEM;
    /* Compared before hashing: runs of one entity are common. */
    if (pPrev && pPrev->type == type && n == pPrev->n &&
        (n == 0 || cohort_bytes_equal(z, pPrev->z, n))) {
      r->iEnt = COHORT_SAME_ENTITY;
      return SQLITE_OK;
    }
    csm_entity_key_bytes(&r->key, type, z, n);
  } else {
    if (pPrev && type == SQLITE_INTEGER && pPrev->type == SQLITE_INTEGER &&
        sqlite3_value_int64(pEntVal) == pPrev->i) {
      r->iEnt = COHORT_SAME_ENTITY;
      return SQLITE_OK;
    }
    if (csm_entity_key_read(pEntVal, &r->key) != SQLITE_OK) return SQLITE_NOMEM;
  }
  r->iEnt = COHORT_LOOKUP;
  csm_entity_map_prefetch(pB->pMap, &r->key); /* pipeline step 1 */
  if (r->key.n > 0 && (r->key.type == SQLITE_TEXT || r->key.type == SQLITE_BLOB)) {
    if (pB->nByte + r->key.n > pB->nByteAlloc) {
      sqlite3_int64 nAlloc = 2 * (pB->nByte + r->key.n) + 1024;
      char *aNew = sqlite3_realloc64(pB->aKeyByte, (sqlite3_uint64)nAlloc);
      if (aNew == 0) return SQLITE_NOMEM;
      pB->aKeyByte = aNew;
      pB->nByteAlloc = nAlloc;
    }
    cohort_bytes_copy(pB->aKeyByte + pB->nByte, r->key.z, r->key.n);
    r->iByte = pB->nByte;
    pB->nByte += r->key.n;
  }
  return SQLITE_OK;
}

/* Steps pStmt (entity, time[, value][, cohort]) to the end and fills
** pCur->aEnt. With bAsOf, rows after pCur->asOfDay are ignored; else
** pCur->asOfDay becomes the latest day seen (left unchanged without rows).
** Returns SQLITE_OK, an error code with the vtab error set, or the inner
** statement's code (SQLITE_INTERRUPT, ...). */
static int cohort_scan(CohortCursor *pCur, sqlite3_stmt *pStmt, int bAsOf, int iCohortCol,
                       const CohortColumns *pCols) {
  sqlite3_vtab *pVtab = pCur->base.pVtab;
  CohortDateCache timeCache = {0}, cohortCache = {0};
  CohortBatch *pB = sqlite3_malloc64(sizeof(CohortBatch));
  CsmEntityKey prev = {0, 0, 0, 0, 0}; /* the previous row's key, bytes in zPrev */
  char zPrev[COHORT_KEY_CACHE];
  int bPrev = 0, bAny = 0, rc;
  sqlite3_int64 maxDay = 0;
  if (pB == 0) return SQLITE_NOMEM;
  memset(pB, 0, sizeof(*pB));
  pB->iLastEnt = -1;
  pB->pMap = csm_entity_map_new();
  if (pB->pMap == 0) {
    rc = SQLITE_NOMEM;
    goto scan_done;
  }
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    /* The connection's mutex is held by the outer sqlite3_step() for the
    ** whole of xFilter, so the values of sqlite3_column_value() can be read
    ** directly (one column call per value instead of type/text/bytes). */
    sqlite3_value *pEntVal = sqlite3_column_value(pStmt, 0);
    sqlite3_value *pTimeVal = sqlite3_column_value(pStmt, 1);
    sqlite3_int64 day;
    CohortRow *r = &pB->aRow[pB->iRead][pB->nRead];
    int entType = sqlite3_value_type(pEntVal), timeType = sqlite3_value_type(pTimeVal);
    if (entType == SQLITE_NULL || timeType == SQLITE_NULL) continue; /* R2 */
    if (cohort_value_period(&timeCache, pTimeVal, timeType, pCur->gran, &day, &r->period) !=
        CSM_OK) {
      rc = csm_vtab_error_got(pVtab, pTimeVal, "cohort_retention: time_column %s must hold dates",
                              pCols->az[1]);
      goto scan_done;
    }
    if (bAsOf && day > pCur->asOfDay) continue; /* R3 */
    if (!bAny || day > maxDay) maxDay = day;
    bAny = 1;
    r->v = 0.0;
    if (pCur->bValue) {
      sqlite3_value *pVal = sqlite3_column_value(pStmt, 2);
      if (csm_value_number(pVal, &r->v) == CSM_INVALID) { /* R6: NULL counts 0 */
        rc = csm_vtab_error_got(pVtab, pVal, "cohort_retention: value_column %s must hold numbers",
                                pCols->az[2]);
        goto scan_done;
      }
    }
    r->cohort = COHORT_NO_PERIOD;
    if (iCohortCol > 0) {
      sqlite3_value *pVal = sqlite3_column_value(pStmt, iCohortCol);
      sqlite3_int64 cDay;
      int cType = sqlite3_value_type(pVal);
      if (cType != SQLITE_NULL &&
          cohort_value_period(&cohortCache, pVal, cType, pCur->gran, &cDay, &r->cohort) != CSM_OK) {
        rc = csm_vtab_error_got(pVtab, pVal, "cohort_retention: cohort_column %s must hold dates",
                                pCols->az[3]);
        goto scan_done;
      }
    }
    if (cohort_batch_key(pB, r, pEntVal, entType, bPrev ? &prev : 0) != SQLITE_OK) {
      rc = SQLITE_NOMEM;
      goto scan_done;
    }
    /* A new key is remembered for the next rows when it is short enough
    ** to copy (a real key, stored as integer or bits, is not). */
    if (r->iEnt == COHORT_LOOKUP) {
      bPrev = r->key.n <= COHORT_KEY_CACHE && entType == r->key.type;
      if (bPrev) {
        prev = r->key;
        cohort_bytes_copy(zPrev, r->key.z, prev.n);
        prev.z = zPrev;
      }
    }
    if (++pB->nRead == COHORT_BATCH && cohort_flush(pCur, pB, 0) != SQLITE_OK) {
      rc = SQLITE_NOMEM;
      goto scan_done;
    }
  }
  if (rc == SQLITE_DONE) {
    rc = cohort_flush(pCur, pB, 1);
    if (rc == SQLITE_OK && !bAsOf && bAny) pCur->asOfDay = maxDay;
  } else if (rc != SQLITE_INTERRUPT && rc != SQLITE_NOMEM) {
    rc = csm_vtab_errorf(pVtab, "cohort_retention: %s", sqlite3_errmsg(sqlite3_db_handle(pStmt)));
  }
scan_done:
  csm_entity_map_free(pB->pMap);
  sqlite3_free(pB->aKeyByte);
  sqlite3_free(pB);
  return rc;
}

/* ---------------------------------------------------------------- grid */

/* The lowest period in which e was active (e has at least one). */
static sqlite3_int64 cohort_entity_first(CohortEntity *e) {
  sqlite3_uint64 *aW = cohort_words(e);
  int i = 0;
  while (aW[i] == 0) i++;
  return e->base + 64 * (sqlite3_int64)i + __builtin_ctzll(aW[i]);
}

static int cohort_member_cmp(const void *a, const void *b) {
  const CohortMember *x = a, *y = b;
  if (x->cohort != y->cohort) return x->cohort < y->cohort ? -1 : 1;
  return x->iEnt < y->iEnt ? -1 : x->iEnt > y->iEnt;
}

/* Places every entity in its cohort (R1, R4) and sorts them. */
static int cohort_build_members(CohortCursor *pCur) {
  pCur->aMember =
      sqlite3_malloc64((sqlite3_uint64)(pCur->nEnt ? pCur->nEnt : 1) * sizeof(CohortMember));
  if (pCur->aMember == 0) return SQLITE_NOMEM;
  pCur->nMember = 0;
  for (sqlite3_int64 i = 0; i < pCur->nEnt; i++) {
    sqlite3_int64 c = pCur->aCohort && pCur->aCohort[i] != COHORT_NO_PERIOD
                          ? pCur->aCohort[i]
                          : cohort_entity_first(&pCur->aEnt[i]);
    if (c > pCur->asOfPeriod) continue;
    pCur->aMember[pCur->nMember].cohort = c;
    pCur->aMember[pCur->nMember].iEnt = i;
    pCur->nMember++;
  }
  qsort(pCur->aMember, (size_t)pCur->nMember, sizeof(CohortMember), cohort_member_cmp);
  return SQLITE_OK;
}

/* Computes the cells of the cohort whose members start at iMember: sets
** iMemberEnd, nOffset, aActive and aSum (R4, R5, R6). */
static int cohort_load_cohort(CohortCursor *pCur) {
  sqlite3_int64 c = pCur->aMember[pCur->iMember].cohort;
  sqlite3_int64 n = pCur->asOfPeriod - c + 1;
  sqlite3_int64 j = pCur->iMember;
  if (n > pCur->nCellAlloc) {
    sqlite3_int64 *aActive = sqlite3_realloc64(pCur->aActive, (sqlite3_uint64)n * sizeof(*aActive));
    if (aActive == 0) return SQLITE_NOMEM;
    pCur->aActive = aActive;
    double *aSum = sqlite3_realloc64(pCur->aSum, (sqlite3_uint64)n * sizeof(*aSum));
    if (aSum == 0) return SQLITE_NOMEM;
    pCur->aSum = aSum;
    pCur->nCellAlloc = n;
  }
  memset(pCur->aActive, 0, (size_t)n * sizeof(*pCur->aActive));
  memset(pCur->aSum, 0, (size_t)n * sizeof(*pCur->aSum));
  for (; j < pCur->nMember && pCur->aMember[j].cohort == c; j++) {
    CohortEntity *e = &pCur->aEnt[pCur->aMember[j].iEnt];
    sqlite3_uint64 *aW = cohort_words(e);
    sqlite3_int64 lastOff = -1;
    int rank = 0;
    for (int w = 0; w < e->nWord; w++) {
      for (sqlite3_uint64 bits = aW[w]; bits; bits &= bits - 1, rank++) {
        sqlite3_int64 off = e->base + 64 * (sqlite3_int64)w + __builtin_ctzll(bits) - c;
        if (off < 0) continue; /* R1: before the cohort */
        if (!pCur->bRolling) pCur->aActive[off]++;
        lastOff = off;
        if (pCur->bValue) pCur->aSum[off] += pCur->aSums[pCur->aMember[j].iEnt].a[rank];
      }
    }
    /* R5 rolling: counted at its last active offset, summed backwards below. */
    if (pCur->bRolling && lastOff >= 0) pCur->aActive[lastOff]++;
  }
  if (pCur->bRolling) {
    for (sqlite3_int64 k = n - 2; k >= 0; k--) pCur->aActive[k] += pCur->aActive[k + 1];
  }
  pCur->iMemberEnd = j;
  pCur->nOffset = n;
  pCur->iOffset = 0;
  return SQLITE_OK;
}

/* ---------------------------------------------------------------- vtab */

static int cohort_connect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                          sqlite3_vtab **ppVtab, char **pzErr) {
  (void)pAux;
  (void)argc;
  (void)argv;
  (void)pzErr;
  int rc = sqlite3_declare_vtab(db, COHORT_SCHEMA);
  if (rc != SQLITE_OK) return rc;
  CohortVtab *p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->db = db;
  /* Safe in views and with trusted_schema=OFF: it only reads tables of
  ** this connection, by quoted name, and has no side effects. */
  sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  *ppVtab = &p->base;
  return SQLITE_OK;
}

static int cohort_disconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

static int cohort_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  (void)pVtab;
  CohortCursor *pCur = sqlite3_malloc64(sizeof(*pCur));
  if (pCur == 0) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

/* Frees everything xFilter made, keeping the cursor itself. */
static void cohort_reset(CohortCursor *pCur) {
  for (int i = 0; i < COHORT_N_ARG; i++) {
    sqlite3_value_free(pCur->apArg[i]);
    pCur->apArg[i] = 0;
  }
  cohort_free_entities(pCur);
  sqlite3_free(pCur->aMember);
  sqlite3_free(pCur->aActive);
  sqlite3_free(pCur->aSum);
  pCur->aMember = 0;
  pCur->aActive = 0;
  pCur->aSum = 0;
  pCur->nMember = pCur->iMember = pCur->iMemberEnd = 0;
  pCur->nCellAlloc = pCur->nOffset = pCur->iOffset = 0;
  pCur->iRowid = 0;
}

static int cohort_close(sqlite3_vtab_cursor *cur) {
  cohort_reset((CohortCursor *)cur);
  sqlite3_free(cur);
  return SQLITE_OK;
}

/*
** xBestIndex and xFilter. Each usable equality constraint on an argument
** column gets the next argvIndex (omit = 1), in column order, and bit
** (1 << argument number) in idxNum, so xFilter finds the arguments given
** by walking the bits of idxNum. An argument that is constrained only by
** unusable constraints makes the plan SQLITE_CONSTRAINT (SQLite then tries
** another join order); a query without any source constraint is an error.
** ORDER BY cohort [, period] (ascending) is consumed: rows come in that
** order.
*/
static int cohort_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  int aIdx[COHORT_N_ARG], unusable = 0, idxNum = 0, n = 0;
  for (int j = 0; j < COHORT_N_ARG; j++) aIdx[j] = -1;
  for (int i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &pInfo->aConstraint[i];
    if (c->iColumn < COHORT_COL_FIRST_ARG || c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    int j = c->iColumn - COHORT_COL_FIRST_ARG;
    if (!c->usable) {
      unusable |= 1 << j;
    } else if (aIdx[j] < 0) {
      aIdx[j] = i;
      idxNum |= 1 << j;
    }
  }
  if ((unusable & ~idxNum) != 0) return SQLITE_CONSTRAINT;
  if (aIdx[COHORT_ARG_SOURCE] < 0) {
    return csm_vtab_errorf(pVtab, "cohort_retention: missing source argument"
                                  " (the table or view to read)");
  }
  for (int j = 0; j < COHORT_N_ARG; j++) {
    if (aIdx[j] < 0) continue;
    pInfo->aConstraintUsage[aIdx[j]].argvIndex = ++n;
    pInfo->aConstraintUsage[aIdx[j]].omit = 1;
  }
  pInfo->idxNum = idxNum;
  if (pInfo->nOrderBy >= 1 && pInfo->nOrderBy <= 2 &&
      pInfo->aOrderBy[0].iColumn == COHORT_COL_COHORT && !pInfo->aOrderBy[0].desc &&
      (pInfo->nOrderBy == 1 ||
       (pInfo->aOrderBy[1].iColumn == COHORT_COL_PERIOD && !pInfo->aOrderBy[1].desc))) {
    pInfo->orderByConsumed = 1;
  }
  pInfo->estimatedCost = 1000000.0; /* a full scan of the source */
  pInfo->estimatedRows = 1000;
  return SQLITE_OK;
}

/* Argument iArg as text, or zDefault when it is absent or NULL. Sets the
** vtab error and *pRc and returns 0 when it is not text. */
static const char *cohort_text_arg(CohortCursor *pCur, int iArg, const char *zName,
                                   const char *zDefault, int *pRc) {
  sqlite3_value *p = pCur->apArg[iArg];
  if (p == 0 || sqlite3_value_type(p) == SQLITE_NULL) return zDefault;
  if (sqlite3_value_type(p) == SQLITE_TEXT) return (const char *)sqlite3_value_text(p);
  *pRc = csm_vtab_error_got(pCur->base.pVtab, p, "cohort_retention: %s must be %s", zName,
                            iArg == COHORT_ARG_SOURCE ? "a table or view name" : "a column name");
  return 0;
}

/* Prepares SELECT entity, time[, value][, cohort] FROM the source through
** the shared csm_source_prepare (quoted identifiers; a missing table or
** column is an error naming it). *piCohortCol is the cohort column's index
** in it (0: none). */
static int cohort_prepare(CohortCursor *pCur, const char *zSource, const CohortColumns *pCols,
                          sqlite3_stmt **ppStmt, int *piCohortCol) {
  const char *azCol[4];
  int nCol = 0;
  *piCohortCol = 0;
  for (int i = 0; i < 4; i++) {
    if (pCols->az[i] == 0) continue;
    if (i == 3) *piCohortCol = nCol;
    azCol[nCol++] = pCols->az[i];
  }
  return csm_source_prepare(((CohortVtab *)pCur->base.pVtab)->db, pCur->base.pVtab,
                            "cohort_retention", "source", zSource, azCol, nCol, ppStmt, 0);
}

static int cohort_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                         sqlite3_value **argv) {
  (void)idxStr;
  CohortCursor *pCur = (CohortCursor *)cur;
  sqlite3_vtab *pVtab = cur->pVtab;
  sqlite3_stmt *pStmt = 0;
  CohortColumns cols;
  int rc = SQLITE_OK, iCohortCol = 0, bAsOf = 0;
  cohort_reset(pCur);
  for (int j = 0, i = 0; j < COHORT_N_ARG && i < argc; j++) {
    if ((idxNum & (1 << j)) == 0) continue;
    pCur->apArg[j] = sqlite3_value_dup(argv[i++]);
    if (pCur->apArg[j] == 0) return SQLITE_NOMEM;
  }

  /* The arguments. */
  const char *zSource = cohort_text_arg(pCur, COHORT_ARG_SOURCE, "source", 0, &rc);
  if (rc != SQLITE_OK) return rc;
  if (zSource == 0) {
    return csm_vtab_errorf(pVtab, "cohort_retention: source must be a table or view name,"
                                  " got NULL");
  }
  sqlite3_value *pGran = pCur->apArg[COHORT_ARG_GRANULARITY];
  pCur->gran = CSM_GRAN_MONTH;
  if (pGran && sqlite3_value_type(pGran) != SQLITE_NULL &&
      (sqlite3_value_type(pGran) != SQLITE_TEXT ||
       csm_granularity_parse((const char *)sqlite3_value_text(pGran), &pCur->gran) != CSM_OK)) {
    return csm_vtab_error_got(pVtab, pGran,
                              "cohort_retention: granularity must be day, week,"
                              " month, quarter or year");
  }
  sqlite3_value *pMode = pCur->apArg[COHORT_ARG_MODE];
  pCur->bRolling = 0;
  if (pMode && sqlite3_value_type(pMode) != SQLITE_NULL) {
    const char *zMode =
        sqlite3_value_type(pMode) == SQLITE_TEXT ? (const char *)sqlite3_value_text(pMode) : 0;
    if (zMode && sqlite3_stricmp(zMode, "rolling") == 0) {
      pCur->bRolling = 1;
    } else if (zMode == 0 || sqlite3_stricmp(zMode, "classic") != 0) {
      return csm_vtab_error_got(pVtab, pMode, "cohort_retention: mode must be classic or rolling");
    }
  }
  cols.az[0] = cohort_text_arg(pCur, COHORT_ARG_ENTITY, "entity_column", "account", &rc);
  if (rc == SQLITE_OK)
    cols.az[1] = cohort_text_arg(pCur, COHORT_ARG_TIME, "time_column", "date", &rc);
  if (rc == SQLITE_OK) cols.az[2] = cohort_text_arg(pCur, COHORT_ARG_VALUE, "value_column", 0, &rc);
  if (rc == SQLITE_OK)
    cols.az[3] = cohort_text_arg(pCur, COHORT_ARG_COHORT, "cohort_column", 0, &rc);
  if (rc != SQLITE_OK) return rc;
  pCur->bValue = cols.az[2] != 0;
  pCur->bCohortCol = cols.az[3] != 0;
  sqlite3_value *pAsOf = pCur->apArg[COHORT_ARG_AS_OF];
  if (pAsOf && sqlite3_value_type(pAsOf) != SQLITE_NULL) {
    if (csm_value_day(pAsOf, &pCur->asOfDay) != CSM_OK) {
      return csm_vtab_error_got(pVtab, pAsOf, "cohort_retention: as_of must be a date");
    }
    bAsOf = 1;
  }

  /* One pass over the source, then the cohorts. */
  rc = cohort_prepare(pCur, zSource, &cols, &pStmt, &iCohortCol);
  if (rc == SQLITE_OK) rc = cohort_scan(pCur, pStmt, bAsOf, iCohortCol, &cols);
  sqlite3_finalize(pStmt);
  if (rc != SQLITE_OK) return rc;
  if (pCur->nEnt == 0) return SQLITE_OK; /* no rows: an empty grid */
  pCur->asOfPeriod = csm_period_index(pCur->gran, pCur->asOfDay);
  rc = cohort_build_members(pCur);
  if (rc == SQLITE_OK && pCur->nMember > 0) rc = cohort_load_cohort(pCur);
  return rc;
}

static int cohort_next(sqlite3_vtab_cursor *cur) {
  CohortCursor *pCur = (CohortCursor *)cur;
  pCur->iRowid++;
  if (++pCur->iOffset < pCur->nOffset) return SQLITE_OK;
  pCur->iMember = pCur->iMemberEnd;
  if (pCur->iMember >= pCur->nMember) return SQLITE_OK;
  return cohort_load_cohort(pCur);
}

static int cohort_eof(sqlite3_vtab_cursor *cur) {
  CohortCursor *pCur = (CohortCursor *)cur;
  return pCur->iMember >= pCur->nMember;
}

/* The value an argument column shows: the argument given, else its default. */
static void cohort_arg_column(CohortCursor *pCur, sqlite3_context *ctx, int iArg) {
  static const char *azDefault[COHORT_N_ARG] = {0, "month", "classic", "account", "date", 0, 0, 0};
  if (pCur->apArg[iArg] && sqlite3_value_type(pCur->apArg[iArg]) != SQLITE_NULL) {
    sqlite3_result_value(ctx, pCur->apArg[iArg]);
  } else if (iArg == COHORT_ARG_AS_OF) {
    char zDay[16];
    csm_day_format(pCur->asOfDay, zDay);
    sqlite3_result_text(ctx, zDay, -1, SQLITE_TRANSIENT);
  } else if (azDefault[iArg]) {
    sqlite3_result_text(ctx, azDefault[iArg], -1, SQLITE_STATIC);
  }
}

static int cohort_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int iCol) {
  CohortCursor *pCur = (CohortCursor *)cur;
  const CohortMember *m = &pCur->aMember[pCur->iMember];
  sqlite3_int64 size = pCur->iMemberEnd - pCur->iMember;
  sqlite3_int64 off = pCur->iOffset;
  switch (iCol) {
  case COHORT_COL_COHORT: {
    char zDay[16];
    csm_day_format(csm_period_start(pCur->gran, m->cohort), zDay);
    sqlite3_result_text(ctx, zDay, -1, SQLITE_TRANSIENT);
    break;
  }
  case COHORT_COL_PERIOD:
    sqlite3_result_int64(ctx, off);
    break;
  case COHORT_COL_SIZE:
    sqlite3_result_int64(ctx, size);
    break;
  case COHORT_COL_ACTIVE:
    sqlite3_result_int64(ctx, pCur->aActive[off]);
    break;
  case COHORT_COL_RETENTION:
    sqlite3_result_double(ctx, (double)pCur->aActive[off] / (double)size);
    break;
  case COHORT_COL_VALUE:
    if (pCur->bValue) sqlite3_result_double(ctx, pCur->aSum[off]);
    break;
  case COHORT_COL_REVENUE_RETENTION: /* R6 */
    if (pCur->bValue && pCur->aSum[0] != 0.0) {
      sqlite3_result_double(ctx, pCur->aSum[off] / pCur->aSum[0]);
    }
    break;
  case COHORT_COL_PARTIAL: /* R7 */
    sqlite3_result_int(ctx, m->cohort + off == pCur->asOfPeriod &&
                                pCur->asOfDay != csm_period_end(pCur->gran, pCur->asOfPeriod));
    break;
  default:
    cohort_arg_column(pCur, ctx, iCol - COHORT_COL_FIRST_ARG);
    break;
  }
  return SQLITE_OK;
}

static int cohort_rowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((CohortCursor *)cur)->iRowid;
  return SQLITE_OK;
}

static const sqlite3_module cohort_module = {
    0,                 /* iVersion */
    0,                 /* xCreate: eponymous only */
    cohort_connect,    /* xConnect */
    cohort_best_index, /* xBestIndex */
    cohort_disconnect, /* xDisconnect */
    0,                 /* xDestroy */
    cohort_open,       /* xOpen */
    cohort_close,      /* xClose */
    cohort_filter,     /* xFilter */
    cohort_next,       /* xNext */
    cohort_eof,        /* xEof */
    cohort_column,     /* xColumn */
    cohort_rowid,      /* xRowid */
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

int cohort_retention_register(sqlite3 *db) {
  return sqlite3_create_module(db, "cohort_retention", &cohort_module, 0);
}
