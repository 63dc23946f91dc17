/*
** dates.c -- the date core: every date form an argument or a column may
** hold, and calendar periods.
**
**   '2024-03-05'  '2024-03-05 14:30'  '2024-03-05T14:30:15.250Z'
**   '2024-03-05T23:30:00-05:00'  (= 2024-03-06 04:30 UTC)
**   2460374.5     (Julian day number)     1709596800   (Unix seconds)
**
** How it works: text is parsed by hand, field by field, with each field
** range-checked (month 1-12, day within its month, hour 0-23, ...); numbers
** follow SQLite's 'auto' rule. Everything becomes Unix milliseconds, and
** calendar arithmetic uses the days-from-civil algorithm on a 400-year
** era (proleptic Gregorian, no time zones). Periods are numbered so that
** offsets are plain subtraction: months as year*12+month-1, ISO weeks as
** whole weeks since the Monday 1970-01-05, and so on.
**
** Requirements (cited in the code by number):
**   D1. ISO-8601 text: YYYY-MM-DD, optionally ' ' or 'T' and HH:MM[:SS[.fff]],
**       optionally 'Z' or +-HH:MM (converted to UTC); nothing else around it.
**   D2. A number, or text that is a number by numbers.h (so ' 2460310.5 '
**       is a date as ' 70 ' is a score), is read as SQLite's 'auto'
**       modifier reads it: 0 <= x < 5373484.5 a Julian day number, anything
**       else Unix seconds.
**   D3. Years 0000-9999 only; anything else is invalid.
*/
#include "dates.h"

#include "numbers.h"

#include <math.h>
#include <string.h>

#define JD_MS_AT_UNIX_EPOCH 210866760000000LL /* Julian day 2440587.5 in ms */
#define JD_LIMIT 5373484.5                    /* first instant of year 10000 */
#define MIN_MS (-62167219200000LL)            /* 0000-01-01 00:00:00 UTC */
#define MAX_MS 253402300799999LL              /* 9999-12-31 23:59:59.999 */
#define EPOCH_DAY_OF_A_MONDAY 4               /* 1970-01-05 */

static sqlite3_int64 floor_div(sqlite3_int64 a, sqlite3_int64 b) {
  sqlite3_int64 q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
  static const int aDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : aDays[m - 1];
}

sqlite3_int64 csm_days_from_civil(int y, int m, int d) {
  sqlite3_int64 yy = y - (m <= 2);
  sqlite3_int64 era = floor_div(yy, 400);
  sqlite3_int64 yoe = yy - era * 400;
  sqlite3_int64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  sqlite3_int64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void csm_civil_from_days(sqlite3_int64 day, int *pY, int *pM, int *pD) {
  sqlite3_int64 z = day + 719468;
  sqlite3_int64 era = floor_div(z, 146097);
  sqlite3_int64 doe = z - era * 146097;
  sqlite3_int64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  sqlite3_int64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  sqlite3_int64 mp = (5 * doy + 2) / 153;
  sqlite3_int64 d = doy - (153 * mp + 2) / 5 + 1;
  sqlite3_int64 m = mp < 10 ? mp + 3 : mp - 9;
  *pY = (int)(yoe + era * 400 + (m <= 2));
  *pM = (int)m;
  *pD = (int)d;
}

sqlite3_int64 csm_ms_to_day(sqlite3_int64 ms) { return floor_div(ms, CSM_MS_PER_DAY); }

void csm_day_format(sqlite3_int64 day, char *zOut) {
  int y, m, d;
  csm_civil_from_days(day, &y, &m, &d);
  sqlite3_snprintf(11, zOut, "%04d-%02d-%02d", y, m, d);
}

/* Reads exactly n digits at *pz into *pV and advances; 0 if not digits. */
static int read_digits(const char **pz, int n, int *pV) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    char c = (*pz)[i];
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  *pz += n;
  *pV = v;
  return 1;
}

int csm_date_parse_text(const char *z, sqlite3_int64 *pMs) {
  int y, mo, d, h = 0, mi = 0, s = 0, ms = 0, offsetMin = 0;
  double r;
  /* Requirement D2: numeric text by the one number grammar. Text that
  ** starts as D1 does (four digits, '-') is not a number -- that grammar
  ** has a '-' after digits only in an exponent -- so the usual date skips
  ** the number reader (measured: 10% of usage_velocity's time). */
  int bDateShaped = z[0] >= '0' && z[0] <= '9' && z[1] >= '0' && z[1] <= '9' && z[2] >= '0' &&
                    z[2] <= '9' && z[3] >= '0' && z[3] <= '9' && z[4] == '-';
  if (!bDateShaped && csm_text_number(z, (int)strlen(z), &r) == CSM_OK) {
    return csm_date_from_number(r, pMs);
  }
  if (!read_digits(&z, 4, &y) || *z++ != '-' || !read_digits(&z, 2, &mo) || *z++ != '-' ||
      !read_digits(&z, 2, &d)) {
    return CSM_INVALID;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return CSM_INVALID;
  if (*z == ' ' || *z == 'T') {
    z++;
    if (!read_digits(&z, 2, &h) || *z++ != ':' || !read_digits(&z, 2, &mi)) {
      return CSM_INVALID;
    }
    if (*z == ':') {
      z++;
      if (!read_digits(&z, 2, &s)) return CSM_INVALID;
      if (*z == '.') {
        int scale = 100, nFrac = 0;
        z++;
        for (; *z >= '0' && *z <= '9'; z++, nFrac++) {
          ms += (*z - '0') * scale; /* digits past milliseconds are dropped */
          scale /= 10;
        }
        if (nFrac == 0) return CSM_INVALID;
      }
    }
    if (h > 23 || mi > 59 || s > 59) return CSM_INVALID;
    if (*z == 'Z') {
      z++;
    } else if (*z == '+' || *z == '-') {
      int sign = *z++ == '-' ? -1 : 1, oh, om;
      if (!read_digits(&z, 2, &oh) || *z++ != ':' || !read_digits(&z, 2, &om) || oh > 23 ||
          om > 59) {
        return CSM_INVALID;
      }
      offsetMin = sign * (oh * 60 + om);
    }
  }
  if (*z != 0) return CSM_INVALID;
  /* Local time minus its offset is UTC. */
  *pMs = csm_days_from_civil(y, mo, d) * CSM_MS_PER_DAY +
         ((sqlite3_int64)h * 3600 + (sqlite3_int64)mi * 60 + s - (sqlite3_int64)offsetMin * 60) *
             1000 +
         ms;
  return CSM_OK;
}

int csm_date_from_number(double r, sqlite3_int64 *pMs) {
  double ms;
  if (!isfinite(r)) return CSM_INVALID;
  if (r >= 0.0 && r < JD_LIMIT) {
    ms = r * (double)CSM_MS_PER_DAY - (double)JD_MS_AT_UNIX_EPOCH;
  } else {
    ms = r * 1000.0;
  }
  if (!(ms >= (double)MIN_MS && ms <= (double)MAX_MS)) return CSM_INVALID;
  *pMs = llround(ms);
  return CSM_OK;
}

int csm_value_ms(sqlite3_value *pVal, sqlite3_int64 *pMs) {
  switch (sqlite3_value_type(pVal)) {
  case SQLITE_NULL:
    return CSM_NULL;
  case SQLITE_INTEGER:
  case SQLITE_FLOAT:
    return csm_date_from_number(sqlite3_value_double(pVal), pMs);
  case SQLITE_TEXT: {
    const char *z = (const char *)sqlite3_value_text(pVal);
    return z ? csm_date_parse_text(z, pMs) : CSM_INVALID;
  }
  default:
    return CSM_INVALID;
  }
}

int csm_value_day(sqlite3_value *pVal, sqlite3_int64 *pDay) {
  sqlite3_int64 ms;
  int rc = csm_value_ms(pVal, &ms);
  if (rc == CSM_OK) *pDay = csm_ms_to_day(ms);
  return rc;
}

int csm_granularity_parse(const char *zName, CsmGranularity *pGran) {
  static const struct {
    const char *zName;
    CsmGranularity g;
  } aGran[] = {{"day", CSM_GRAN_DAY},
               {"week", CSM_GRAN_WEEK},
               {"month", CSM_GRAN_MONTH},
               {"quarter", CSM_GRAN_QUARTER},
               {"year", CSM_GRAN_YEAR}};
  if (zName == 0) return CSM_INVALID;
  for (size_t i = 0; i < sizeof(aGran) / sizeof(aGran[0]); i++) {
    if (sqlite3_stricmp(zName, aGran[i].zName) == 0) {
      *pGran = aGran[i].g;
      return CSM_OK;
    }
  }
  return CSM_INVALID;
}

sqlite3_int64 csm_period_index(CsmGranularity g, sqlite3_int64 day) {
  int y, m, d;
  switch (g) {
  case CSM_GRAN_DAY:
    return day;
  case CSM_GRAN_WEEK:
    return floor_div(day - EPOCH_DAY_OF_A_MONDAY, 7);
  default:
    break;
  }
  csm_civil_from_days(day, &y, &m, &d);
  switch (g) {
  case CSM_GRAN_MONTH:
    return (sqlite3_int64)y * 12 + (m - 1);
  case CSM_GRAN_QUARTER:
    return (sqlite3_int64)y * 4 + (m - 1) / 3;
  default:
    return y;
  }
}

sqlite3_int64 csm_period_start(CsmGranularity g, sqlite3_int64 index) {
  switch (g) {
  case CSM_GRAN_DAY:
    return index;
  case CSM_GRAN_WEEK:
    return index * 7 + EPOCH_DAY_OF_A_MONDAY;
  case CSM_GRAN_MONTH:
    return csm_days_from_civil((int)floor_div(index, 12),
                               (int)(index - floor_div(index, 12) * 12) + 1, 1);
  case CSM_GRAN_QUARTER:
    return csm_days_from_civil((int)floor_div(index, 4),
                               (int)(index - floor_div(index, 4) * 4) * 3 + 1, 1);
  default:
    return csm_days_from_civil((int)index, 1, 1);
  }
}

sqlite3_int64 csm_period_end(CsmGranularity g, sqlite3_int64 index) {
  return csm_period_start(g, index + 1) - 1;
}
