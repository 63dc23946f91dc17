/*
** aggregates.c -- benchmark of the aggregates of docs/functions (nps, nrr,
** grr, usage_velocity, auc, lift, pearson_corr, calibration_error) against
** the best plain-SQL formulation of each, on the same table in one run.
**
**   bench_aggregates build/csmetrics.so [rows=1000000] [repetitions=3]
**
** It fills an in-memory table with `rows` random rows and times each pair,
** interleaved, best of `repetitions`, printing both times and the ratio
** csmetrics / SQL. The two answers of each pair must agree to 1e-9
** (relative); the program exits non-zero otherwise. The window pair runs
** over a 30-row sliding frame on the first 200,000 rows.
*/
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_util.h"

/* The window pair sums the rolling values so that one number compares them;
** frames with a zero variance are NULL in both and skipped by total(). */
#define ROLLING_SQL(expr)                                                                          \
  "SELECT total(v) FROM (SELECT " expr " AS v FROM t WHERE id <= 200000"                           \
  " WINDOW w AS (ORDER BY id ROWS 29 PRECEDING))"

static const struct {
  const char *zName;
  const char *zSql; /* the plain-SQL formulation */
  const char *zExt; /* csmetrics */
} aPair[] = {
    {"nps", "SELECT 100.0 * (sum(score >= 9) - sum(score <= 6)) / count(score) FROM t",
     "SELECT nps(score) FROM t"},
    {"nrr", "SELECT sum(CASE WHEN m0 > 0 THEN m1 END) / sum(CASE WHEN m0 > 0 THEN m0 END) FROM t",
     "SELECT nrr(m0, m1) FROM t"},
    {"grr",
     "SELECT sum(CASE WHEN m0 > 0 THEN min(m0, m1) END) / sum(CASE WHEN m0 > 0 THEN m0 END)"
     " FROM t",
     "SELECT grr(m0, m1) FROM t"},
    /* Text comparison is the cheapest SQL and right only for plain
    ** 'YYYY-MM-DD' text; usage_velocity parses every date form. */
    {"usage_velocity",
     "SELECT (c - p) * 1.0 / p FROM (SELECT"
     " sum(CASE WHEN day > '2024-05-31' AND day <= '2024-06-30' THEN amount END) AS c,"
     " sum(CASE WHEN day > '2024-05-01' AND day <= '2024-05-31' THEN amount END) AS p FROM t)",
     "SELECT usage_velocity(day, amount, '2024-06-30') FROM t"},
    /* Rank-sum AUC; the risks are distinct, so row_number is the rank. */
    {"auc",
     "SELECT (sum(CASE WHEN outcome = 1 THEN r END) - np * (np + 1) / 2.0) / (np * (n - np))"
     " FROM (SELECT outcome, row_number() OVER (ORDER BY risk) AS r,"
     " sum(outcome) OVER () AS np, count(*) OVER () AS n FROM t)",
     "SELECT auc(risk, outcome) FROM t"},
    {"lift",
     "SELECT (SELECT avg(outcome) FROM (SELECT outcome FROM t ORDER BY risk DESC"
     " LIMIT (SELECT (count(*) + 9) / 10 FROM t))) / (SELECT avg(outcome) FROM t)",
     "SELECT lift(risk, outcome) FROM t"},
    {"pearson_corr",
     "SELECT (n * sxy - sx * sy) / sqrt((n * sxx - sx * sx) * (n * syy - sy * sy)) FROM"
     " (SELECT count(*) AS n, sum(x) AS sx, sum(y) AS sy, sum(x * x) AS sxx,"
     " sum(y * y) AS syy, sum(x * y) AS sxy FROM t)",
     "SELECT pearson_corr(x, y) FROM t"},
    {"pearson_corr OVER 30 rows",
     ROLLING_SQL("(count(*) OVER w * sum(x * y) OVER w - sum(x) OVER w * sum(y) OVER w)"
                 " / sqrt((count(*) OVER w * sum(x * x) OVER w - sum(x) OVER w * sum(x) OVER w)"
                 " * (count(*) OVER w * sum(y * y) OVER w - sum(y) OVER w * sum(y) OVER w))"),
     ROLLING_SQL("pearson_corr(x, y) OVER w")},
    {"calibration_error",
     "SELECT sum(abs(sp - so)) / sum(n) FROM (SELECT count(*) AS n, sum(p) AS sp,"
     " sum(outcome) AS so FROM t GROUP BY min(CAST(p * 10 AS INTEGER), 9))",
     "SELECT calibration_error(p, outcome) FROM t"},
};

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_aggregates EXTENSION [rows] [repetitions]\n");
    return 2;
  }
  int nRow = argc > 2 ? atoi(argv[2]) : 1000000;
  int nRep = argc > 3 ? atoi(argv[3]) : 3;
  if (nRow < 1 || nRep < 1) {
    fprintf(stderr, "bench_aggregates: rows and repetitions must be at least 1\n");
    return 2;
  }
  sqlite3 *db = bench_open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, argv[1]);
  /* risk is random() (distinct in practice); outcome depends on it; p is a
  ** probability on a 0.0001 grid; x and y are correlated; days span about
  ** 90 days before 2024-06-30. */
  char *zFill = sqlite3_mprintf(
      "CREATE TABLE t(id INTEGER PRIMARY KEY, score INTEGER, m0 REAL, m1 REAL, day TEXT,"
      " amount INTEGER, risk REAL, outcome INTEGER, p REAL, x REAL, y REAL);"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
      " INSERT INTO t SELECT i, abs(random() %% 11), abs(random() %% 100000) / 100.0,"
      " abs(random() %% 120000) / 100.0, date('2024-06-30', '-' || abs(random() %% 90) || ' days'),"
      " abs(random() %% 50), random() / 9.3e18, NULL, abs(random() %% 10001) / 10000.0,"
      " abs(random() %% 1000) / 10.0, NULL FROM n;"
      "UPDATE t SET outcome = abs(random() %% 1000) / 1000.0 < 0.5 + 0.4 * risk,"
      " y = x + abs(random() %% 500) / 10.0;",
      nRow);
  if (sqlite3_exec(db, zFill, 0, 0, 0) != SQLITE_OK) bench_die(db, "fill");
  sqlite3_free(zFill);

  enum { N_PAIR = sizeof(aPair) / sizeof(aPair[0]) };
  double aBestSql[N_PAIR], aBestExt[N_PAIR], aSql[N_PAIR], aExt[N_PAIR];
  for (int q = 0; q < N_PAIR; q++) aBestSql[q] = aBestExt[q] = 1e300;
  for (int r = 0; r < nRep; r++) {
    for (int q = 0; q < N_PAIR; q++) {
      double t = bench_time_query(db, aPair[q].zSql, &aSql[q]);
      if (t < aBestSql[q]) aBestSql[q] = t;
      t = bench_time_query(db, aPair[q].zExt, &aExt[q]);
      if (t < aBestExt[q]) aBestExt[q] = t;
    }
  }

  printf("aggregates benchmark: %d rows, best of %d, SQLite %s\n", nRow, nRep,
         sqlite3_libversion());
  printf("  %-26s %10s %12s %7s\n", "aggregate", "plain SQL", "csmetrics", "ratio");
  int bOk = 1;
  for (int q = 0; q < N_PAIR; q++) {
    int bSame = fabs(aSql[q] - aExt[q]) <= 1e-9 * fmax(1.0, fabs(aSql[q]));
    printf("  %-26s %7.1f ms %9.1f ms %6.2fx%s\n", aPair[q].zName, aBestSql[q] * 1e3,
           aBestExt[q] * 1e3, aBestExt[q] / aBestSql[q], bSame ? "" : "  VALUES DIFFER");
    if (!bSame) {
      printf("    plain SQL %.17g, csmetrics %.17g\n", aSql[q], aExt[q]);
      bOk = 0;
    }
  }
  sqlite3_close(db);
  return bOk ? 0 : 1;
}
