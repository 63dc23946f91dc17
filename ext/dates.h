/*
** dates.h -- the date core: parsing every date form (ISO-8601 text, Julian
** day numbers, Unix seconds, see dates.c) and proleptic-Gregorian calendar
** periods (day, ISO week, month, quarter, year).
**
** Instants are Unix milliseconds (UTC); calendar days are "epoch days",
** whole days since 1970-01-01 (negative before it). Accepted years are
** 0000..9999, the range SQLite's own date functions support.
*/
#ifndef CSM_DATES_H
#define CSM_DATES_H

#include "csm_internal.h"

#define CSM_MS_PER_DAY 86400000LL

typedef enum CsmGranularity {
  CSM_GRAN_DAY,
  CSM_GRAN_WEEK, /* ISO week, starting Monday */
  CSM_GRAN_MONTH,
  CSM_GRAN_QUARTER,
  CSM_GRAN_YEAR
} CsmGranularity;

/* Parses ISO-8601 text: YYYY-MM-DD, optionally followed by ' ' or 'T' and
** HH:MM[:SS[.fff]], optionally followed by 'Z' or +HH:MM / -HH:MM (converted
** to UTC). Numeric text (' 2460000.5', by the grammar of numbers.h) is read
** as a number, as below.
** Returns CSM_OK with *pMs set, or CSM_INVALID. */
int csm_date_parse_text(const char *z, sqlite3_int64 *pMs);

/* Reads a number the way SQLite's 'auto' modifier does: 0 <= r < 5373484.5
** is a Julian day number, anything else Unix seconds. Returns CSM_OK, or
** CSM_INVALID when the instant is outside years 0000..9999 or not finite. */
int csm_date_from_number(double r, sqlite3_int64 *pMs);

/* Reads an SQL value as an instant: TEXT by csm_date_parse_text, INTEGER and
** REAL by csm_date_from_number. Returns CSM_OK, CSM_NULL or CSM_INVALID
** (blobs and malformed text). */
int csm_value_ms(sqlite3_value *pVal, sqlite3_int64 *pMs);

/* csm_value_ms, then the calendar day of that instant (time of day dropped). */
int csm_value_day(sqlite3_value *pVal, sqlite3_int64 *pDay);

/* The epoch day of an instant (floor division, correct before 1970). */
sqlite3_int64 csm_ms_to_day(sqlite3_int64 ms);

/* Epoch day of a valid civil date, and back. */
sqlite3_int64 csm_days_from_civil(int y, int m, int d);
void csm_civil_from_days(sqlite3_int64 day, int *pY, int *pM, int *pD);

/* Writes day as 'YYYY-MM-DD' into zOut (at least 11 bytes). */
void csm_day_format(sqlite3_int64 day, char *zOut);

/* Looks up 'day', 'week', 'month', 'quarter' or 'year' (ASCII case-insensitive).
** Returns CSM_OK with *pGran set, or CSM_INVALID. */
int csm_granularity_parse(const char *zName, CsmGranularity *pGran);

/* Period arithmetic. The index of the period holding day is monotonic in
** day and consecutive periods have consecutive indexes, so an offset in
** periods is a difference of indexes. */
sqlite3_int64 csm_period_index(CsmGranularity g, sqlite3_int64 day);
sqlite3_int64 csm_period_start(CsmGranularity g, sqlite3_int64 index);
/* Last day of the period. */
sqlite3_int64 csm_period_end(CsmGranularity g, sqlite3_int64 index);

#endif /* CSM_DATES_H */
