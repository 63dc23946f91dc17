/*
** health_score.c -- benchmark of health_score against the same arithmetic
** written as a plain SQL expression.
**
**   bench_health_score build/csmetrics.so [rows=1000000] [repetitions=5]
**
** It fills an in-memory table with `rows` rows of five random component
** scores (0.00-100.00), then times (CPU time of the process), interleaved
** and best of `repetitions`:
**   plain   SELECT sum((35*u + 25*e + 15*g + 15*s + 10*f) / 100.0) FROM c
**   profile SELECT sum(health_score(u, e, g, s, f)) FROM c
**   json    SELECT sum(health_score(u, e, g, s, f, '{"usage":40,...}')) FROM c
** and prints each time and its ratio to plain (target: <= 1.5). It also
** checks that the default profile gives exactly the plain SQL sum.
*/
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_util.h"

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_health_score EXTENSION [rows] [repetitions]\n");
    return 2;
  }
  int nRow = argc > 2 ? atoi(argv[2]) : 1000000;
  int nRep = argc > 3 ? atoi(argv[3]) : 5;
  if (nRow < 1 || nRep < 1) {
    fprintf(stderr, "bench_health_score: rows and repetitions must be at least 1\n");
    return 2;
  }
  sqlite3 *db = bench_open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, argv[1]);
  char *zFill = sqlite3_mprintf(
      "CREATE TABLE c(u REAL, e REAL, g REAL, s REAL, f REAL);"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
      " INSERT INTO c SELECT abs(random() %% 10001) / 100.0, abs(random() %% 10001) / 100.0,"
      " abs(random() %% 10001) / 100.0, abs(random() %% 10001) / 100.0,"
      " abs(random() %% 10001) / 100.0 FROM n;",
      nRow);
  if (sqlite3_exec(db, zFill, 0, 0, 0) != SQLITE_OK) bench_die(db, "fill");
  sqlite3_free(zFill);

  static const struct {
    const char *zName;
    const char *zSql;
  } aQuery[] = {
      {"plain SQL", "SELECT sum((35*u + 25*e + 15*g + 15*s + 10*f) / 100.0) FROM c"},
      {"health_score(u,e,g,s,f)", "SELECT sum(health_score(u, e, g, s, f)) FROM c"},
      {"health_score(...,json)",
       "SELECT sum(health_score(u, e, g, s, f, "
       "'{\"usage\":40,\"engagement\":20,\"growth\":20,\"support\":15,\"financial\":5}')) FROM c"},
  };
  enum { N_QUERY = sizeof(aQuery) / sizeof(aQuery[0]) };
  double aBest[N_QUERY], aSum[N_QUERY] = {0};
  for (int q = 0; q < N_QUERY; q++) aBest[q] = 1e300;
  for (int r = 0; r < nRep; r++) {
    for (int q = 0; q < N_QUERY; q++) {
      double t = bench_time_query(db, aQuery[q].zSql, &aSum[q]);
      if (t < aBest[q]) aBest[q] = t;
    }
  }

  printf("health_score benchmark: %d rows, best of %d, SQLite %s\n", nRow, nRep,
         sqlite3_libversion());
  int bOk = 1;
  for (int q = 0; q < N_QUERY; q++) {
    double ratio = aBest[q] / aBest[0];
    printf("  %-26s %8.1f ms  %5.2fx plain%s\n", aQuery[q].zName, aBest[q] * 1e3, ratio,
           q > 0 && ratio > 1.5 ? "  (over the 1.5x target)" : "");
    if (q > 0 && ratio > 1.5) bOk = 0;
  }
  if (aSum[1] != aSum[0]) {
    printf("  MISMATCH: default profile sum %.17g, plain SQL sum %.17g\n", aSum[1], aSum[0]);
    bOk = 0;
  }
  sqlite3_close(db);
  return bOk ? 0 : 1;
}
