/*
** test_dates.c -- golden tables and exhaustive properties for ext/dates.c.
** Expected instants were computed independently with Python's datetime
** (UTC), e.g. datetime.fromisoformat('2024-03-05T23:30:00-05:00').
*/
#include <string.h>

#include "dates.h"
#include "unit.h"

static const struct {
  const char *z;
  long long ms;
} aValidText[] = {
    {"2024-03-05", 1709596800000LL},
    {"2024-03-05 14:30", 1709649000000LL},
    {"2024-03-05T14:30", 1709649000000LL},
    {"2024-03-05T14:30:15", 1709649015000LL},
    {"2024-03-05 14:30:15.250", 1709649015250LL},
    {"2024-03-05T14:30:15.2509", 1709649015250LL}, /* past ms dropped */
    {"2024-03-05T14:30:15Z", 1709649015000LL},
    {"2024-03-05T23:30:00-05:00", 1709699400000LL}, /* next day in UTC */
    {"2024-03-05T01:00+02:00", 1709593200000LL},    /* previous day in UTC */
    {"2000-02-29", 951782400000LL},
    {"1969-12-31 23:59:59", -1000LL},
    {"1900-03-01", -2203891200000LL},
    {"0000-01-01", -62167219200000LL},
    {"9999-12-31 23:59:59", 253402300799000LL},
    {"2460000.5", 1677283200000LL},  /* numeric text: a Julian day */
    {"1709596800", 1709596800000LL}, /* numeric text: Unix seconds */
    {"20240305", 20240305000LL},     /* numeric text: Unix seconds, 1970-08-23 */
    /* Numeric text by the one number grammar (numbers.h): spaces trimmed,
    ** as for a score. */
    {" 2460000.5 ", 1677283200000LL},
    {"\t1709596800\n", 1709596800000LL},
    {"2.4600005e6", 1677283200000LL},
};

static const char *aInvalidText[] = {
    "",
    "2024",
    "2024-3-5",
    "2024-03-5",
    "2024/03/05",
    "2024-13-01",
    "2024-00-10",
    "2024-02-30",
    "2023-02-29",
    "1900-02-29",
    "2024-03-05 24:00",
    "2024-03-05 12:60",
    "2024-03-05 12:30:60",
    "2024-03-05 12",
    "2024-03-05 12:30:",
    "2024-03-05T12:30:00.",
    "2024-03-05T12:30+5:00",
    "2024-03-05T12:30+05",
    "2024-03-05Z",
    "2024-03-05 ",
    " 2024-03-05",
    "March 5, 2024",
    "yesterday",
    "2024-03-05T12:30:00ZZ",
    "1e999",
    "-",
};

static void test_text(void) {
  for (size_t i = 0; i < sizeof(aValidText) / sizeof(aValidText[0]); i++) {
    sqlite3_int64 ms = 0;
    int rc = csm_date_parse_text(aValidText[i].z, &ms);
    CHECK(rc == CSM_OK && ms == aValidText[i].ms, "'%s' -> rc %d, %lld (want %lld)",
          aValidText[i].z, rc, (long long)ms, aValidText[i].ms);
  }
  for (size_t i = 0; i < sizeof(aInvalidText) / sizeof(aInvalidText[0]); i++) {
    sqlite3_int64 ms = 0;
    int rc = csm_date_parse_text(aInvalidText[i], &ms);
    CHECK(rc == CSM_INVALID, "'%s' should be invalid, got rc %d", aInvalidText[i], rc);
  }
}

static void test_numbers(void) {
  static const struct {
    double r;
    int rc;
    long long ms;
  } a[] = {
      {2460000.5, CSM_OK, 1677283200000LL},    /* JD: 2023-02-25 00:00 UTC */
      {2440587.5, CSM_OK, 0},                  /* JD of the Unix epoch */
      {2440588.0, CSM_OK, 43200000LL},         /* a JD starts at noon */
      {1721059.5, CSM_OK, -62167219200000LL},  /* 0000-01-01 */
      {1721059.4, CSM_INVALID, 0},             /* before year 0 */
      {0.0, CSM_INVALID, 0},                   /* JD 0 is 4714 BC */
      {5373484.25, CSM_OK, 253402279200000LL}, /* 9999-12-31 18:00 */
      {5373484.5, CSM_OK, 5373484500LL},       /* from here on: Unix seconds */
      {1709596800.0, CSM_OK, 1709596800000LL},
      {1709596800.25, CSM_OK, 1709596800250LL},
      {-86400.0, CSM_OK, -86400000LL},
      {253402300799.0, CSM_OK, 253402300799000LL},
      {253402300800.0, CSM_INVALID, 0}, /* year 10000 */
      {-62167219201.0, CSM_INVALID, 0},
      {1e300, CSM_INVALID, 0},
  };
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
    sqlite3_int64 ms = 0;
    int rc = csm_date_from_number(a[i].r, &ms);
    CHECK(rc == a[i].rc && (rc != CSM_OK || ms == a[i].ms), "%.17g -> rc %d, %lld (want %d, %lld)",
          a[i].r, rc, (long long)ms, a[i].rc, a[i].ms);
  }
  CHECK(csm_ms_to_day(-1) == -1, "the millisecond before the epoch is day -1");
  CHECK(csm_ms_to_day(0) == 0 && csm_ms_to_day(86399999) == 0, "day 0");
}

/* Day of week (0 = Sunday) by Sakamoto's method, independent of dates.c. */
static int weekday(int y, int m, int d) {
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  y += 400; /* weekdays repeat every 400 years; keeps y positive for year -1 */
  if (m < 3) y -= 1;
  return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* Whether the period [s, e] of granularity g holding day (y-m-d) starts
** where it must: the day itself, a Monday, the 1st of the month, of the
** quarter's first month, or of January. */
static int period_start_ok(CsmGranularity g, sqlite3_int64 s, sqlite3_int64 day, int y, int m) {
  int sy, sm, sd;
  csm_civil_from_days(s, &sy, &sm, &sd);
  switch (g) {
  case CSM_GRAN_DAY:
    return s == day;
  case CSM_GRAN_WEEK:
    return weekday(sy, sm, sd) == 1 && day - s < 7;
  case CSM_GRAN_MONTH:
    return sd == 1 && sm == m && sy == y;
  case CSM_GRAN_QUARTER:
    return sd == 1 && sm == (m - 1) / 3 * 3 + 1 && sy == y;
  default:
    return sd == 1 && sm == 1 && sy == y;
  }
}

/* Every day of years 0000..9999: round trip, consecutive civil dates,
** formatting, and each granularity's period containing the day. */
static void test_every_day(void) {
  static const CsmGranularity aGran[] = {CSM_GRAN_DAY, CSM_GRAN_WEEK, CSM_GRAN_MONTH,
                                         CSM_GRAN_QUARTER, CSM_GRAN_YEAR};
  sqlite3_int64 first = csm_days_from_civil(0, 1, 1);
  sqlite3_int64 last = csm_days_from_civil(9999, 12, 31);
  int nBad = 0, py = 0, pm = 1, pd = 0;
  CHECK(first == -719528, "0000-01-01 is epoch day -719528, got %lld", (long long)first);
  CHECK(last - first + 1 == 3652425, "10000 Gregorian years have 3652425 days");
  for (sqlite3_int64 day = first; day <= last && nBad < 10; day++) {
    int y, m, d;
    char z[11], zWant[11];
    csm_civil_from_days(day, &y, &m, &d);
    int bNext = day == first || (y == py && m == pm && d == pd + 1) ||
                (y == py && m == pm + 1 && d == 1) || (y == py + 1 && m == 1 && d == 1 && pm == 12);
    if (!bNext || csm_days_from_civil(y, m, d) != day) {
      nBad++;
      CHECK(0, "day %lld -> %04d-%02d-%02d", (long long)day, y, m, d);
    }
    py = y, pm = m, pd = d;
    csm_day_format(day, z);
    snprintf(zWant, sizeof(zWant), "%04d-%02d-%02d", y, m, d);
    if (strcmp(z, zWant) != 0) {
      nBad++;
      CHECK(0, "format %s != %s", z, zWant);
    }
    for (size_t g = 0; g < sizeof(aGran) / sizeof(aGran[0]); g++) {
      sqlite3_int64 idx = csm_period_index(aGran[g], day);
      sqlite3_int64 s = csm_period_start(aGran[g], idx), e = csm_period_end(aGran[g], idx);
      if (!(s <= day && day <= e && period_start_ok(aGran[g], s, day, y, m) &&
            csm_period_index(aGran[g], s) == idx && csm_period_index(aGran[g], e + 1) == idx + 1)) {
        nBad++;
        CHECK(0, "granularity %d, day %s: period %lld [%lld, %lld]", (int)g, z, (long long)idx,
              (long long)s, (long long)e);
      }
    }
  }
  CHECK(nBad == 0, "%d bad days", nBad);
}

static void check_day(sqlite3_int64 day, const char *zWant, const char *zWhat) {
  char z[11];
  csm_day_format(day, z);
  CHECK(strcmp(z, zWant) == 0, "%s: got %s, want %s", zWhat, z, zWant);
}

static void test_periods(void) {
  /* ISO weeks across a year end: 2020-12-28 (Mon) .. 2021-01-03 (Sun). */
  sqlite3_int64 mon = csm_days_from_civil(2020, 12, 28), sun = csm_days_from_civil(2021, 1, 3);
  CHECK(csm_period_index(CSM_GRAN_WEEK, mon) == csm_period_index(CSM_GRAN_WEEK, sun), "same week");
  CHECK(csm_period_index(CSM_GRAN_WEEK, sun + 1) == csm_period_index(CSM_GRAN_WEEK, sun) + 1,
        "2021-01-04 starts the next week");
  /* Before the epoch, floor division keeps weeks on Mondays. */
  check_day(csm_period_start(CSM_GRAN_WEEK, csm_period_index(CSM_GRAN_WEEK, -1)), "1969-12-29",
            "week of 1969-12-31");
  check_day(csm_period_end(CSM_GRAN_MONTH,
                           csm_period_index(CSM_GRAN_MONTH, csm_days_from_civil(2024, 2, 10))),
            "2024-02-29", "end of February 2024");
  check_day(csm_period_start(CSM_GRAN_QUARTER,
                             csm_period_index(CSM_GRAN_QUARTER, csm_days_from_civil(2024, 5, 15))),
            "2024-04-01", "start of Q2 2024");
  check_day(csm_period_end(CSM_GRAN_QUARTER,
                           csm_period_index(CSM_GRAN_QUARTER, csm_days_from_civil(2024, 5, 15))),
            "2024-06-30", "end of Q2 2024");
  check_day(csm_period_start(CSM_GRAN_YEAR, csm_period_index(CSM_GRAN_YEAR, -165)), "1969-01-01",
            "start of 1969");
  /* Offsets are index differences: Jan 2023 -> Mar 2024 is 14 months. */
  CHECK(csm_period_index(CSM_GRAN_MONTH, csm_days_from_civil(2024, 3, 31)) -
                csm_period_index(CSM_GRAN_MONTH, csm_days_from_civil(2023, 1, 1)) ==
            14,
        "14 months");
  CsmGranularity g;
  CHECK(csm_granularity_parse("quarter", &g) == CSM_OK && g == CSM_GRAN_QUARTER, "quarter");
  CHECK(csm_granularity_parse("Week", &g) == CSM_OK && g == CSM_GRAN_WEEK, "Week");
  CHECK(csm_granularity_parse("fortnight", &g) == CSM_INVALID, "fortnight");
  CHECK(csm_granularity_parse(0, &g) == CSM_INVALID, "NULL name");
}

/* csm_value_ms / csm_value_day over real SQL values of each storage class. */
static void test_values(void) {
  sqlite3 *db;
  sqlite3_stmt *s;
  sqlite3_int64 v = 0;
  sqlite3_open(":memory:", &db);
  sqlite3_prepare_v2(db,
                     "SELECT NULL, '2024-03-05T23:30:00-05:00', 2460000.5, 1709596800,"
                     " x'00', 'nope'",
                     -1, &s, 0);
  CHECK(sqlite3_step(s) == SQLITE_ROW, "one row");
  CHECK(csm_value_ms(sqlite3_column_value(s, 0), &v) == CSM_NULL, "NULL");
  CHECK(csm_value_day(sqlite3_column_value(s, 1), &v) == CSM_OK &&
            v == csm_days_from_civil(2024, 3, 6),
        "the offset moves the day to 2024-03-06 UTC");
  CHECK(csm_value_day(sqlite3_column_value(s, 2), &v) == CSM_OK &&
            v == csm_days_from_civil(2023, 2, 25),
        "Julian day: got day %lld", (long long)v);
  CHECK(csm_value_day(sqlite3_column_value(s, 3), &v) == CSM_OK &&
            v == csm_days_from_civil(2024, 3, 5),
        "Unix seconds");
  CHECK(csm_value_ms(sqlite3_column_value(s, 4), &v) == CSM_INVALID, "blob");
  CHECK(csm_value_ms(sqlite3_column_value(s, 5), &v) == CSM_INVALID, "text");
  sqlite3_finalize(s);
  sqlite3_close(db);
}

int main(void) {
  test_text();
  test_numbers();
  test_periods();
  test_values();
  test_every_day();
  return unit_report();
}
