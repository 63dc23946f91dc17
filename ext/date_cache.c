/*
** date_cache.c -- the date-text cache (see date_cache.h, requirements
** C1-C4). One entry: the last value converted. A hit costs a type check and
** a comparison of the bytes up to the text's end (no call for its length);
** a miss costs the conversion it replaces plus a copy of at most
** CSM_DATE_CACHE_TEXT bytes.
*/
#include "date_cache.h"

#include <string.h>

void csm_date_cache_init(CsmDateCache *p, CsmGranularity g) {
  memset(p, 0, sizeof(*p));
  p->gran = g;
}

int csm_date_cache_read(CsmDateCache *p, sqlite3_value *pVal, sqlite3_int64 *pDay,
                        sqlite3_int64 *pPeriod) {
  int type = sqlite3_value_type(pVal);
  const char *z = 0;
  int n = 0;
  double r = 0.0;
  if (type == SQLITE_TEXT) {
    z = (const char *)sqlite3_value_text(pVal);
    if (z == 0) return CSM_INVALID; /* out of memory: as csm_value_day */
    /* C1: the cached bytes, then the end of the text. The loop stops at
    ** the first difference (at the latest at z's terminating NUL: the
    ** cached bytes hold none), so it reads nothing past z. */
    if (p->type == SQLITE_TEXT) {
      int i = 0;
      while (i < p->n && z[i] == p->z[i]) i++;
      if (i == p->n && z[i] == 0) goto hit;
    }
    n = (int)strlen(z);
  } else if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
    r = sqlite3_value_double(pVal);
    if (p->type == type && p->r == r) goto hit; /* C2 */
  }
  sqlite3_int64 day;
  int rc = csm_value_day(pVal, &day);
  if (rc != CSM_OK) return rc;
  if (type == SQLITE_TEXT && n > CSM_DATE_CACHE_TEXT) {
    p->type = 0; /* C4 */
  } else {
    p->type = type;
    p->n = n;
    p->r = r;
    if (n > 0) memcpy(p->z, z, (size_t)n);
  }
  p->day = day;
  p->period = csm_period_index(p->gran, day);
  *pDay = day;
  if (pPeriod) *pPeriod = p->period;
  return CSM_OK;
hit:
  *pDay = p->day;
  if (pPeriod) *pPeriod = p->period;
  return CSM_OK;
}
