/*
** bench/threshold_sweep.c -- threshold_sweep against one scan of the scores.
**
**   build/bench/bench_threshold_sweep build/csmetrics [REPEAT [ROWS]]
**
** Builds an in-memory table of ROWS scored accounts (default 1,000,000):
** a health score 0-100 with two decimals and a 0/1 churn outcome more
** likely at low scores. Measures, in CPU time of the process, best of
** REPEAT runs (default 3):
**   (a) one scan -- step SELECT score, churned FROM scores, reading both
**                   columns (double, int);
**   (b) threshold_sweep('scores', 'score', 'churned', 0, 100, 1): 101
**                   thresholds, every row and column read;
**   (c) the same 101 counts in SQL, one scan per threshold, for scale
**                   (what a sweep costs without the table; run once).
** Target: b <= 2 a.
*/
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_util.h"

static const char *zSqlSweep =
    "WITH RECURSIVE t(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM t WHERE k < 100)"
    " SELECT k, (SELECT count(*) FILTER (WHERE churned = 1) || ' ' || count(*)"
    "              FROM scores WHERE score < k) FROM t";

/* One scan: every row stepped, both columns read in their types. */
static double scan_run(sqlite3 *db, long *pnRow) {
  sqlite3_stmt *s;
  long n = 0;
  double sink = 0;
  double c0 = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
  if (sqlite3_prepare_v2(db, "SELECT score, churned FROM scores", -1, &s, 0) != SQLITE_OK) {
    bench_die(db, "scan");
  }
  while (sqlite3_step(s) == SQLITE_ROW) {
    sink += sqlite3_column_double(s, 0) + (double)sqlite3_column_int64(s, 1);
    n++;
  }
  sqlite3_finalize(s);
  if (sink == 1) fputc(' ', stderr);
  *pnRow = n;
  return bench_clock(CLOCK_PROCESS_CPUTIME_ID) - c0;
}

int main(int argc, char **argv) {
  const char *zExt = argc > 1 ? argv[1] : "build/csmetrics";
  int nRepeat = argc > 2 ? (int)strtol(argv[2], 0, 10) : 3;
  long nRows = argc > 3 ? strtol(argv[3], 0, 10) : 1000000;
  long nScan = 0, nSweep = 0, nSql = 0;
  if (nRepeat < 1) nRepeat = 1;
  sqlite3 *db = bench_open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, zExt);
  char *zGen = sqlite3_mprintf(
      "CREATE TABLE scores(id INTEGER PRIMARY KEY, score REAL, churned INTEGER);"
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %ld)"
      " INSERT INTO scores(score, churned)"
      " SELECT ((i * 7919) %% 10001) / 100.0,"
      "        ((i * 104729) %% 1000) < 400 - ((i * 7919) %% 10001) / 30 FROM n;",
      nRows - 1);
  if (zGen == 0 || sqlite3_exec(db, zGen, 0, 0, 0) != SQLITE_OK) bench_die(db, "generate");
  sqlite3_free(zGen);

  double tScan = 1e300;
  for (int i = 0; i < nRepeat; i++) {
    double t = scan_run(db, &nScan);
    if (t < tScan) tScan = t;
  }
  double tSweep =
      bench_best(db, "SELECT * FROM threshold_sweep('scores', 'score', 'churned', 0, 100, 1)", 1,
                 nRepeat, &nSweep)
          .cpu;
  double tSql = bench_best(db, zSqlSweep, 1, 1, &nSql).cpu;
  printf("threshold_sweep on %ld scores (CPU seconds, best of %d)\n", nScan, nRepeat);
  printf("  (a) one scan: step score, churned        %8.3f s\n", tScan);
  printf("  (b) threshold_sweep, %ld thresholds      %8.3f s   b/a = %.2f (target <= 2)\n", nSweep,
         tSweep, tSweep / tScan);
  printf("  (c) SQL, one count per threshold         %8.3f s   c/b = %.1f\n", tSql, tSql / tSweep);
  sqlite3_close(db);
  return 0;
}
