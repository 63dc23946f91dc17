/*
** bench/adversarial.c -- inputs chosen to make a careless implementation
** quadratic or memory-hungry, each timed at n and 4n rows; FAILS (exit 1)
** when a path grows super-linearly.
**
**   build/bench/bench_adversarial [n=20000 [CASE]]   (bench/run.sh runs it)
**
** CASE, when given, runs only the cases whose name contains it.
**
** Cases, each built in an in-memory database (not timed), then timed in CPU
** time of the process, best of 3:
**   map_*        the entity map itself (csm_entity_map_intern and the batch
**                API) on sorted integers, multiples of 2^20 and 2^32 (keys
**                an unkeyed hash of the integer bits puts in few slots),
**                one key repeated, and distinct texts sharing a long prefix;
**   cohort_*     cohort_retention (month granularity) over the same keys;
**   checkin_*    checkin_impact by type, with colliding account keys and as
**                many check-in types as accounts / 10;
**   wide_span    cohort_retention by day where every entity has one row on
**                0000-01-01 and one on 9999-12-31.
** Criteria: time(4n) / time(n) <= 6 (linear is 4, n log n about 4.5); for
** the tables also peak SQLite heap (sqlite3_memory_highwater: the extension
** allocates only through SQLite) <= 16 KiB per input row at 4n -- memory
** proportional to what was observed, not to the span of dates.
*/
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "csmetrics.h"
#include "entity_map.h"

#define MAX_RATIO 6.0
#define MAX_HEAP_PER_ROW 16384.0

static int nFail;
static const char *zOnly; /* run only the cases whose name contains this */

static int wanted(const char *zCase) { return zOnly == 0 || strstr(zCase, zOnly) != 0; }

/* The key of row i under a pattern, as SQL (over column i). */
static const struct {
  const char *zName;
  const char *zSqlKey; /* SQL expression of i */
} aPattern[] = {
    {"sorted", "i"},
    {"stride_2^20", "i * 1048576"},
    {"stride_2^32", "i * 4294967296"},
    {"repeated", "i % 7"},
    {"long_prefix_text", "printf('%.60c', 'a') || i"},
};

static void verdict(const char *zCase, double t1, double t4, double heapPerRow) {
  double ratio = t4 / (t1 > 1e-4 ? t1 : 1e-4);
  int bBad = ratio > MAX_RATIO || heapPerRow > MAX_HEAP_PER_ROW;
  printf("%-28s n %8.4f s  4n %8.4f s  ratio %5.2f", zCase, t1, t4, ratio);
  if (heapPerRow >= 0) printf("  heap %8.0f B/row", heapPerRow);
  printf("  %s\n", bBad ? "FAIL" : "ok");
  nFail += bBad;
}

/* Fills t(i) with rows 0..n-1 of SQL zSelect (over i). */
static void fill(sqlite3 *db, const char *zTable, const char *zCols, const char *zSelect, long n) {
  char *zSql = sqlite3_mprintf(
      "DROP TABLE IF EXISTS %s; CREATE TABLE %s(%s);"
      "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < %ld - 1)"
      " INSERT INTO %s SELECT %s FROM s;",
      zTable, zTable, zCols, n, zTable, zSelect);
  if (sqlite3_exec(db, zSql, 0, 0, 0) != SQLITE_OK) bench_die(db, zSql);
  sqlite3_free(zSql);
}

/* CPU seconds of the best of 3 runs of zSql, and the peak heap of the runs. */
static double time_query(sqlite3 *db, const char *zSql, sqlite3_int64 *pPeak) {
  long nRow;
  sqlite3_int64 base = sqlite3_memory_used();
  sqlite3_memory_highwater(1);
  BenchTiming t = bench_best(db, zSql, 1, 3, &nRow);
  *pPeak = sqlite3_memory_highwater(1) - base;
  return t.cpu;
}

/* Interns the n keys of column 0 of zSql, one at a time (bBatch 0) or in
** batches; returns CPU seconds. */
static double time_map(sqlite3 *db, const char *zKey, long n, int bBatch) {
  char *zSql = sqlite3_mprintf(
      "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < %ld - 1)"
      " SELECT %s FROM s",
      n, zKey);
  double best = 1e300;
  for (int r = 0; r < 3; r++) {
    sqlite3_stmt *s = 0;
    CsmEntityMap *pMap = csm_entity_map_new();
    CsmEntityBatch *pB = csm_entity_batch_new(pMap);
    sqlite3_int64 aIdx[CSM_ENTITY_BATCH], sink = 0;
    if (pMap == 0 || pB == 0 || sqlite3_prepare_v2(db, zSql, -1, &s, 0) != SQLITE_OK) {
      bench_die(db, "entity map");
    }
    double c0 = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
    while (sqlite3_step(s) == SQLITE_ROW) {
      int bNew;
      if (!bBatch) {
        csm_entity_map_intern(pMap, sqlite3_column_value(s, 0), &aIdx[0], &bNew);
        sink += aIdx[0];
        continue;
      }
      csm_entity_batch_add(pB, sqlite3_column_value(s, 0));
      if (csm_entity_batch_count(pB) == CSM_ENTITY_BATCH) {
        csm_entity_batch_intern(pB, aIdx);
        sink += aIdx[0];
      }
    }
    int nLeft = csm_entity_batch_count(pB);
    if (nLeft > 0) csm_entity_batch_intern(pB, aIdx);
    double c = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - c0;
    if (c < best) best = c;
    if (sink == -1) fputc(' ', stderr);
    sqlite3_finalize(s);
    csm_entity_batch_free(pB);
    csm_entity_map_free(pMap);
  }
  sqlite3_free(zSql);
  return best;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? strtol(argv[1], 0, 10) : 20000;
  zOnly = argc > 2 ? argv[2] : 0;
  sqlite3 *db;
  char zCase[64];
  if (n < 1000) n = 1000;
  setvbuf(stdout, 0, _IOLBF, 0);
  sqlite3_auto_extension((void (*)(void))sqlite3_csmetrics_init);
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) bench_die(db, "open");
  printf("adversarial inputs, n = %ld rows (CPU seconds, best of 3)\n", n);

  for (size_t k = 0; k < sizeof(aPattern) / sizeof(aPattern[0]); k++) {
    for (int bBatch = 0; bBatch < 2; bBatch++) {
      snprintf(zCase, sizeof(zCase), "map_%s%s", aPattern[k].zName, bBatch ? "_batch" : "");
      if (!wanted(zCase)) continue;
      double t1 = time_map(db, aPattern[k].zSqlKey, 10 * n, bBatch);
      double t4 = time_map(db, aPattern[k].zSqlKey, 40 * n, bBatch);
      verdict(zCase, t1, t4, -1);
    }
  }

  for (size_t k = 0; k < sizeof(aPattern) / sizeof(aPattern[0]); k++) {
    double t[2];
    sqlite3_int64 peak = 0;
    snprintf(zCase, sizeof(zCase), "cohort_%s", aPattern[k].zName);
    if (!wanted(zCase)) continue;
    for (int j = 0; j < 2; j++) {
      long m = j ? 4 * n : n;
      char *zSel = sqlite3_mprintf("%s, date('2023-01-01', '+' || (i * 7919 %% 730) || ' days')",
                                   aPattern[k].zSqlKey);
      fill(db, "ev", "account, date", zSel, m);
      sqlite3_free(zSel);
      t[j] = time_query(db, "SELECT * FROM cohort_retention('ev', 'month')", &peak);
    }
    verdict(zCase, t[0], t[1], (double)peak / (double)(4 * n));
  }

  if (wanted("checkin_by_type_colliding")) {
    double t[2];
    sqlite3_int64 peak = 0;
    for (int j = 0; j < 2; j++) {
      long m = j ? 4 * n : n;
      char *zSel = sqlite3_mprintf("i * 1048576 %% 1000000007,"
                                   " date('2023-01-01', '+' || (i %% 700) || ' days'),"
                                   " 'type-' || (i %% %ld)",
                                   m / 10);
      fill(db, "check_in_logs", "account, date, type", zSel, m);
      sqlite3_free(zSel);
      fill(db, "post_check_in_behavior", "account, behavior_date, usage_spikes, upsells, renewals",
           "i * 1048576 % 1000000007, date('2023-01-05', '+' || (i % 700) || ' days'), i % 2,"
           " 0, 0",
           m);
      t[j] = time_query(db, "SELECT * FROM checkin_impact(30, 'month', 'type')", &peak);
    }
    verdict("checkin_by_type_colliding", t[0], t[1], (double)peak / (double)(8 * n));
  }

  if (wanted("wide_span_day")) {
    double t[2];
    sqlite3_int64 peak = 0;
    long nEnt = n / 5000 > 10 ? n / 5000 : 10; /* entities; two rows each */
    for (int j = 0; j < 2; j++) {
      long m = j ? 4 * nEnt : nEnt;
      fill(db, "ev", "account, date",
           "i / 2, CASE i % 2 WHEN 0 THEN '0000-01-01' ELSE '9999-12-31' END", 2 * m);
      t[j] = time_query(db, "SELECT count(*) FROM cohort_retention('ev', 'day')", &peak);
    }
    verdict("wide_span_day", t[0], t[1], (double)peak / (double)(8 * nEnt));
  }

  sqlite3_close(db);
  printf("%s\n", nFail ? "FAIL: super-linear growth or memory beyond the rows read" : "all linear");
  return nFail ? 1 : 0;
}
