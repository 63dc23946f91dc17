/*
** parse_date.c -- parse_date(text, format): ISO text from a date written
** another way, for importing exports whose dates are not ISO-8601.
**
**   SELECT parse_date('11/22/2026', '%m/%d/%Y');              -- 2026-11-22
**   SELECT parse_date('22-Nov-2026 09:30', '%d-%b-%Y %H:%M'); -- 2026-11-22 09:30:00
**   SELECT parse_date('2026-11-22T23:30:00-05:00', '%Y-%m-%dT%H:%M:%S%z');
**                                                      -- 2026-11-23 04:30:00
**
** How it works: the format is checked once (its directives known, none
** repeated, the required ones present), then text and format are walked
** together in one pass, each directive reading its field; the fields are
** range-checked and the calendar date checked with the date core
** (ext/dates.c), then printed as ISO text.
**
** Rules (docs/functions/parse_date.md states them for users):
**   1. Directives: %Y 4 digits; %m and %d 1 or 2 digits (greedy: two when
**      two digits follow); %H, %M, %S exactly 2 digits; %b a month name
**      Jan..Dec in any case; %z 'Z' or +HH:MM / -HH:MM; %% a literal '%'.
**      Any other character matches itself; the whole text must match. No
**      trimming.
**   2. The format needs %Y, %m or %b, and %d; each field at most once (%m
**      and %b are both the month). A time needs %H and %M (%S and %z only
**      come with a time); a missing %S reads as 0.
**   3. The result is 'YYYY-MM-DD', or 'YYYY-MM-DD HH:MM:SS' when the format
**      has a time; with %z the instant is converted to UTC (the day may
**      change) and must stay within years 0000..9999.
**   4. NULL text or format, or '' text, gives NULL (after the format is
**      checked, so a bad format is an error on every row). A number is read
**      as its text; a blob is an error.
**   5. parse_date_error(text, format) runs the same reading and returns the
**      problem with the value as text -- the message parse_date would raise
**      -- or NULL when parse_date would return a value (or NULL). The import
**      scripts (sql/import/) use it to quarantine a bad cell with its reason,
**      since SQL cannot catch an error. A bad format is raised by both.
*/
#include "dates.h"
#include "errors.h"

#include <string.h>

/* Fields present in a format (rule 2), as bits. */
#define PD_YEAR 0x01
#define PD_MONTH 0x02
#define PD_DAY 0x04
#define PD_HOUR 0x08
#define PD_MINUTE 0x10
#define PD_SECOND 0x20
#define PD_ZONE 0x40

/* The field bit of directive c, or 0 for an unknown directive. */
static int pd_field(char c) {
  switch (c) {
  case 'Y':
    return PD_YEAR;
  case 'm':
  case 'b':
    return PD_MONTH;
  case 'd':
    return PD_DAY;
  case 'H':
    return PD_HOUR;
  case 'M':
    return PD_MINUTE;
  case 'S':
    return PD_SECOND;
  case 'z':
    return PD_ZONE;
  default:
    return 0;
  }
}

/* Rule 2: checks zFmt. Returns the field bits, or -1 after setting the
** error on ctx. */
static int pd_check_format(sqlite3_context *ctx, sqlite3_value *pFmt, const char *zFmt,
                           const char *zName) {
  int seen = 0;
  for (const char *p = zFmt; *p; p++) {
    if (*p != '%') continue;
    p++;
    if (*p == '%') continue;
    int f = pd_field(*p);
    if (f == 0) {
      if (*p == 0) {
        csm_result_error_got(ctx, pFmt, "%s: format ends with a lone '%%'", zName);
      } else {
        csm_result_error_got(ctx, pFmt, "%s: unknown directive '%%%c' in format", zName, *p);
      }
      return -1;
    }
    if (seen & f) {
      csm_result_error_got(ctx, pFmt, "%s: format repeats the field of '%%%c'", zName, *p);
      return -1;
    }
    seen |= f;
  }
  if ((seen & (PD_YEAR | PD_MONTH | PD_DAY)) != (PD_YEAR | PD_MONTH | PD_DAY)) {
    csm_result_error_got(ctx, pFmt, "%s: format needs %%Y, %%m or %%b, and %%d", zName);
    return -1;
  }
  if ((seen & (PD_HOUR | PD_MINUTE | PD_SECOND | PD_ZONE)) &&
      (seen & (PD_HOUR | PD_MINUTE)) != (PD_HOUR | PD_MINUTE)) {
    csm_result_error_got(ctx, pFmt, "%s: a time in the format needs %%H and %%M", zName);
    return -1;
  }
  return seen;
}

/* Reads between nMin and nMax digits at *pz (as many as there are, up to
** nMax) into *pV and advances. Returns 0 when fewer than nMin digits. */
static int pd_digits(const char **pz, int nMin, int nMax, int *pV) {
  int n = 0, v = 0;
  while (n < nMax && (*pz)[n] >= '0' && (*pz)[n] <= '9') {
    v = v * 10 + ((*pz)[n] - '0');
    n++;
  }
  if (n < nMin) return 0;
  *pz += n;
  *pV = v;
  return 1;
}

/* Reads a three-letter month name at *pz (any case) into *pM (1..12). */
static int pd_month_name(const char **pz, int *pM) {
  static const char azMonth[12][4] = {"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int i = 0; i < 12; i++) {
    if (sqlite3_strnicmp(*pz, azMonth[i], 3) == 0) {
      *pz += 3;
      *pM = i + 1;
      return 1;
    }
  }
  return 0;
}

typedef struct PdFields {
  int y, mo, d, h, mi, s; /* as read; unread fields are 0 */
  int offsetMin;          /* %z: minutes east of UTC */
} PdFields;

/* Rule 1: matches z against zFmt (already checked). Returns 1 and fills
** *pF when the whole text matches, else 0. Ranges are not checked here. */
static int pd_match(const char *z, const char *zFmt, PdFields *pF) {
  memset(pF, 0, sizeof(*pF));
  for (const char *p = zFmt; *p; p++) {
    if (*p != '%' || p[1] == '%') {
      if (*p == '%') p++;
      if (*z++ != *p) return 0;
      continue;
    }
    int ok = 1;
    switch (*++p) {
    case 'Y':
      ok = pd_digits(&z, 4, 4, &pF->y);
      break;
    case 'm':
      ok = pd_digits(&z, 1, 2, &pF->mo);
      break;
    case 'b':
      ok = pd_month_name(&z, &pF->mo);
      break;
    case 'd':
      ok = pd_digits(&z, 1, 2, &pF->d);
      break;
    case 'H':
      ok = pd_digits(&z, 2, 2, &pF->h);
      break;
    case 'M':
      ok = pd_digits(&z, 2, 2, &pF->mi);
      break;
    case 'S':
      ok = pd_digits(&z, 2, 2, &pF->s);
      break;
    default: /* 'z' */
      if (*z == 'Z') {
        z++;
      } else if (*z == '+' || *z == '-') {
        int sign = *z++ == '-' ? -1 : 1, oh = 0, om = 0;
        ok = pd_digits(&z, 2, 2, &oh) && *z++ == ':' && pd_digits(&z, 2, 2, &om) && oh <= 23 &&
             om <= 59;
        pF->offsetMin = sign * (oh * 60 + om);
      } else {
        ok = 0;
      }
      break;
    }
    if (!ok) return 0;
  }
  return *z == 0;
}

/* Reads pText in format zFmt (already checked; fields its field bits).
** Returns SQLITE_OK with *pzOut set to the ISO text (sqlite3_mprintf'd) or
** to 0 for a NULL result; SQLITE_ERROR with *pzOut set to the message (the
** value's problem, sqlite3_mprintf'd); or SQLITE_NOMEM. */
static int pd_read(sqlite3_value *pText, const char *zFmt, int fields, char **pzOut) {
  *pzOut = 0;
  int type = sqlite3_value_type(pText);
  if (type == SQLITE_NULL) return SQLITE_OK;
  const char *zProblem = 0;
  const char *z = type == SQLITE_BLOB ? "" : (const char *)sqlite3_value_text(pText);
  PdFields f;
  sqlite3_int64 day = 0;
  if (type == SQLITE_BLOB) {
    zProblem = "parse_date: text must be text";
  } else if (z == 0) {
    return SQLITE_NOMEM;
  } else if (*z == 0) {
    return SQLITE_OK; /* rule 4 */
  } else if (!pd_match(z, zFmt, &f)) {
    zProblem = "parse_date: text does not match format '%q'";
  } else {
    /* A day is real when it survives the round trip through the epoch day. */
    int y2, m2, d2, bReal = f.mo >= 1 && f.mo <= 12 && f.d >= 1 && f.d <= 31;
    if (bReal) {
      day = csm_days_from_civil(f.y, f.mo, f.d);
      csm_civil_from_days(day, &y2, &m2, &d2);
      bReal = y2 == f.y && m2 == f.mo && d2 == f.d;
    }
    if (!bReal) {
      zProblem = "parse_date: not a real date for format '%q'";
    } else if (f.h > 23 || f.mi > 59 || f.s > 59) {
      zProblem = "parse_date: not a real time for format '%q'";
    }
  }
  char zDay[11];
  if (zProblem == 0 && !(fields & PD_HOUR)) {
    csm_day_format(day, zDay);
    *pzOut = sqlite3_mprintf("%s", zDay);
    return *pzOut ? SQLITE_OK : SQLITE_NOMEM;
  }
  if (zProblem == 0) {
    /* Rule 3: local time minus its offset is UTC. */
    sqlite3_int64 sec = day * 86400 + (sqlite3_int64)f.h * 3600 + (sqlite3_int64)f.mi * 60 + f.s -
                        (sqlite3_int64)f.offsetMin * 60;
    sqlite3_int64 utcDay = sec >= 0 ? sec / 86400 : -((-sec + 86399) / 86400);
    sqlite3_int64 rem = sec - utcDay * 86400;
    int yUtc, mUtc, dUtc;
    csm_civil_from_days(utcDay, &yUtc, &mUtc, &dUtc);
    if (yUtc < 0 || yUtc > 9999) {
      zProblem = "parse_date: the UTC time is outside years 0000 to 9999";
    } else {
      csm_day_format(utcDay, zDay);
      *pzOut = sqlite3_mprintf("%s %02d:%02d:%02d", zDay, (int)(rem / 3600), (int)(rem % 3600 / 60),
                               (int)(rem % 60));
      return *pzOut ? SQLITE_OK : SQLITE_NOMEM;
    }
  }
  *pzOut = csm_message_got(pText, zProblem, zFmt);
  return *pzOut ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* parse_date(text, format) and parse_date_error(text, format); the user
** data is non-zero for parse_date_error, which returns the problem with the
** value as text (NULL when it reads) instead of raising it. A bad format is
** raised by both: it is not a problem of one value. */
static void parse_date_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  int bReport = sqlite3_user_data(ctx) != 0;
  sqlite3_value *pFmt = argv[1];
  if (sqlite3_value_type(pFmt) == SQLITE_NULL) return;
  const char *zName = bReport ? "parse_date_error" : "parse_date";
  if (sqlite3_value_type(pFmt) != SQLITE_TEXT) {
    csm_result_error_got(ctx, pFmt, "%s: format must be text", zName);
    return;
  }
  const char *zFmt = (const char *)sqlite3_value_text(pFmt);
  if (zFmt == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  int fields = pd_check_format(ctx, pFmt, zFmt, zName);
  if (fields < 0) return;
  char *zOut = 0;
  int rc = pd_read(argv[0], zFmt, fields, &zOut);
  if (rc == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else if (rc == SQLITE_ERROR && !bReport) {
    sqlite3_result_error(ctx, zOut, -1);
    sqlite3_free(zOut);
  } else if (rc == SQLITE_ERROR || !bReport) {
    sqlite3_result_text(ctx, zOut, -1, sqlite3_free); /* zOut 0 gives NULL */
  } else {
    sqlite3_free(zOut); /* the value reads: parse_date_error is NULL */
  }
}

static const int pd_report = 1; /* user data of parse_date_error */

const CsmFunction parse_date_functions[] = {
    CSM_SCALAR("parse_date", 2, parse_date_fn, 0),
    CSM_SCALAR("parse_date_error", 2, parse_date_fn, &pd_report),
    CSM_FUNCTION_END,
};
