/*
** date_cache.h -- the one date-text cache: remembers the last date value it
** converted, so a column whose rows repeat a date (events are usually
** stored in time order) parses each distinct run once.
**
**   CsmDateCache c;
**   csm_date_cache_init(&c, CSM_GRAN_MONTH);
**   while (...) {
**     sqlite3_int64 day, period;
**     int rc = csm_date_cache_read(&c, pVal, &day, &period);  // as csm_value_day
**   }
**
** Requirements:
**   C1. The result is always that of csm_value_day (and csm_period_index for
**       the period): the cache only skips work. Text hits only when it is
**       byte for byte the cached text *and of the same length*, so
**       '2024-01-31T23:00:00-05:00' (February 1 in UTC) is never read as
**       its prefix '2024-01-31'.
**   C2. Numbers hit only on the same storage class and value.
**   C3. A zero-filled CsmDateCache is a valid empty cache at day
**       granularity (for aggregate contexts, which SQLite zero-fills).
**   C4. Text longer than CSM_DATE_CACHE_TEXT bytes is converted every time.
*/
#ifndef CSM_DATE_CACHE_H
#define CSM_DATE_CACHE_H

#include "dates.h"

#define CSM_DATE_CACHE_TEXT 40 /* longest date text remembered, in bytes */

typedef struct CsmDateCache {
  int type;                    /* storage class cached; 0 = empty */
  int n;                       /* bytes of z, for text */
  double r;                    /* the number, for INTEGER and FLOAT */
  CsmGranularity gran;         /* granularity of period */
  sqlite3_int64 day;           /* the cached calendar day */
  sqlite3_int64 period;        /* csm_period_index(gran, day) */
  char z[CSM_DATE_CACHE_TEXT]; /* the cached text (not NUL-terminated) */
} CsmDateCache;

/* Empties *p and sets the granularity of the periods it returns. */
void csm_date_cache_init(CsmDateCache *p, CsmGranularity g);

/* Reads pVal as csm_value_day does, through the cache: returns CSM_OK with
** *pDay (and *pPeriod when pPeriod is not 0) set, CSM_NULL, or CSM_INVALID.
** A miss that converts replaces the cached value; a NULL or an invalid value
** leaves the cache as it was. */
int csm_date_cache_read(CsmDateCache *p, sqlite3_value *pVal, sqlite3_int64 *pDay,
                        sqlite3_int64 *pPeriod);

#endif /* CSM_DATE_CACHE_H */
