/*
** test_date_cache.c -- ext/date_cache.c against its oracle, csm_value_day
** (requirement C1: the cache only skips work). A sequence of values is read
** twice, through the cache and directly, and every answer must agree. The
** sequence holds the cases a careless cache gets wrong: a text that extends
** the cached one ('2024-01-31T23:00:00-05:00' after '2024-01-31', February
** 1 in UTC -- the mutant "drop the end-of-string check" reads it as January
** 31), a prefix of the cached text, an integer and a real of the same value,
** text longer than the cache, NULLs and invalid values between valid ones,
** text with a NUL inside (read up to it, by the cache as by csm_value_day).
*/
#include <string.h>

#include "date_cache.h"
#include "unit.h"

static void check_sequence(sqlite3 *db, const char *zSql, CsmGranularity g) {
  sqlite3_stmt *s;
  CsmDateCache c;
  int nRow = 0, nBad = 0;
  csm_date_cache_init(&c, g);
  CHECK(sqlite3_prepare_v2(db, zSql, -1, &s, 0) == SQLITE_OK, "prepare %s", zSql);
  while (sqlite3_step(s) == SQLITE_ROW) {
    sqlite3_value *v = sqlite3_column_value(s, 0);
    sqlite3_int64 day = -1, period = -1, wantDay = -1;
    int rc = csm_date_cache_read(&c, v, &day, &period);
    int wantRc = csm_value_day(v, &wantDay);
    if (rc != wantRc || (rc == CSM_OK && (day != wantDay || period != csm_period_index(g, day)))) {
      nBad++;
      printf("  row %d '%s': cache rc %d day %lld, direct rc %d day %lld\n", nRow,
             (const char *)sqlite3_column_text(s, 0), rc, (long long)day, wantRc,
             (long long)wantDay);
    }
    nRow++;
  }
  sqlite3_finalize(s);
  CHECK(nBad == 0 && nRow > 0, "%d of %d rows differ", nBad, nRow);
}

int main(void) {
  sqlite3 *db;
  sqlite3_open(":memory:", &db);
  /* The mutant killer, alone and first. */
  {
    CsmDateCache c;
    sqlite3_stmt *s;
    sqlite3_int64 d1 = 0, d2 = 0;
    csm_date_cache_init(&c, CSM_GRAN_MONTH);
    sqlite3_prepare_v2(db, "VALUES ('2024-01-31'), ('2024-01-31T23:00:00-05:00')", -1, &s, 0);
    sqlite3_step(s);
    csm_date_cache_read(&c, sqlite3_column_value(s, 0), &d1, 0);
    sqlite3_int64 p2 = 0;
    sqlite3_step(s);
    csm_date_cache_read(&c, sqlite3_column_value(s, 0), &d2, &p2);
    sqlite3_finalize(s);
    CHECK(d2 == d1 + 1, "offset text after its date prefix: day %lld, want %lld", (long long)d2,
          (long long)d1 + 1);
    CHECK(p2 == 2024 * 12 + 1, "and it is in February: period %lld", (long long)p2);
  }
  const char *zSeq =
      "VALUES ('2024-01-31'), ('2024-01-31'), ('2024-01-31T23:00:00-05:00'),"
      " ('2024-01-31T23:00:00-05:00'), ('2024-01-31'), ('2024-01-3'), ('2024-01-31 '),"
      " ('2024-01-31'), (NULL), ('2024-01-31'), ('bad'), ('2024-01-31'), (2460310),"
      " (2460310.0), (2460310.5), (2460310), ('2460310'), (' 2460310.5'), ('2460310'),"
      " (1709596800), (1709596800.0), (x'32303234'), ('2024-01-31'),"
      " ('2024-01-31T23:59:59.999999999999999999999999999999+00:00'),"
      " ('2024-01-31T23:59:59.999999999999999999999999999999-01:00'),"
      " ('2024-01-31T23:59:59.999999999999999999999999999999+00:00'), (''), ('2024-02-01'),"
      " ('2024-02-01' || char(0) || '5'), ('2024-02-0' || char(0)), ('2024-02-01'),"
      " ('2024-02-0' || char(0) || '1'), ('2024-02-01')";
  for (CsmGranularity g = CSM_GRAN_DAY; g <= CSM_GRAN_YEAR; g++) check_sequence(db, zSeq, g);
  /* A long random walk over a small pool, so hits and misses interleave. */
  check_sequence(db,
                 "WITH RECURSIVE n(i, r) AS (SELECT 0, 7 UNION ALL"
                 " SELECT i + 1, (r * 1103515245 + 12345) % 2147483648 FROM n WHERE i < 20000)"
                 " SELECT CASE r / 7 % 9 WHEN 0 THEN '2024-03-05' WHEN 1 THEN '2024-03-05T23:30'"
                 " WHEN 2 THEN '2024-03-05T23:30:00-05:00' WHEN 3 THEN 2460374.5"
                 " WHEN 4 THEN 2460374 WHEN 5 THEN '2460374.5' WHEN 6 THEN NULL"
                 " WHEN 7 THEN '2024-03-0' ELSE 1709596800 END FROM n",
                 CSM_GRAN_WEEK);
  /* A zero-filled cache is an empty day-granularity cache (C3). */
  {
    CsmDateCache c;
    sqlite3_stmt *s;
    sqlite3_int64 day = 0, period = 0;
    memset(&c, 0, sizeof(c));
    sqlite3_prepare_v2(db, "SELECT '1970-01-02'", -1, &s, 0);
    sqlite3_step(s);
    int rc = csm_date_cache_read(&c, sqlite3_column_value(s, 0), &day, &period);
    sqlite3_finalize(s);
    CHECK(rc == CSM_OK && day == 1 && period == 1, "zero-filled cache: rc %d day %lld", rc,
          (long long)day);
  }
  sqlite3_close(db);
  return unit_report();
}
