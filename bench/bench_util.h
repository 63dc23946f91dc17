/*
** bench_util.h -- what the benchmark programs in bench/ share: a clock,
** running a query to the end the way a client would, keeping the best of
** several runs, and failing loudly. Header-only, so each benchmark stays a
** single program with no extra build step.
*/
#ifndef CSM_BENCH_UTIL_H
#define CSM_BENCH_UTIL_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct BenchTiming {
  double cpu, wall; /* seconds of process CPU time and of wall time */
} BenchTiming;

/* Prints "benchmark: <what>: <SQLite's message>" and exits 1. */
static inline void bench_die(sqlite3 *db, const char *zWhat) {
  fprintf(stderr, "benchmark: %s: %s\n", zWhat, db ? sqlite3_errmsg(db) : "");
  exit(1);
}

static inline double bench_clock(clockid_t id) {
  struct timespec t;
  clock_gettime(id, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Writes column i of the current row of s to stdout: NULL as nothing,
** reals with 17 significant digits (they read back to the same double). */
static inline void bench_print_column(sqlite3_stmt *s, int i) {
  switch (sqlite3_column_type(s, i)) {
  case SQLITE_NULL:
    break;
  case SQLITE_INTEGER:
    printf("%lld", (long long)sqlite3_column_int64(s, i));
    break;
  case SQLITE_FLOAT:
    printf("%.17g", sqlite3_column_double(s, i));
    break;
  default:
    fputs((const char *)sqlite3_column_text(s, i), stdout);
    break;
  }
}

/* How bench_run treats the columns of each row. */
#define BENCH_SKIP 0  /* not read */
#define BENCH_READ 1  /* read, as a client would */
#define BENCH_PRINT 2 /* read and printed to stdout, '|' between, a row a line */

/* Steps zSql to the end. With BENCH_READ every column of every row is read
** (int64 for integer columns, text otherwise), as a client would; with
** BENCH_PRINT they are printed (bench_print_column). *pnRow gets the rows
** stepped. */
static inline BenchTiming bench_run(sqlite3 *db, const char *zSql, int eRead, long *pnRow) {
  sqlite3_stmt *s;
  long n = 0;
  unsigned long sink = 0;
  double c0 = bench_clock(CLOCK_PROCESS_CPUTIME_ID), w0 = bench_clock(CLOCK_MONOTONIC);
  if (sqlite3_prepare_v2(db, zSql, -1, &s, 0) != SQLITE_OK) bench_die(db, zSql);
  int nCol = eRead == BENCH_SKIP ? 0 : sqlite3_column_count(s);
  while (sqlite3_step(s) == SQLITE_ROW) {
    for (int i = 0; i < nCol; i++) {
      if (eRead == BENCH_PRINT) {
        if (i > 0) putchar('|');
        bench_print_column(s, i);
      } else if (sqlite3_column_type(s, i) == SQLITE_INTEGER) {
        sink += (unsigned long)sqlite3_column_int64(s, i);
      } else {
        const unsigned char *z = sqlite3_column_text(s, i);
        sink += z ? z[0] : 0u;
      }
    }
    if (eRead == BENCH_PRINT) putchar('\n');
    n++;
  }
  if (sqlite3_finalize(s) != SQLITE_OK) bench_die(db, zSql);
  BenchTiming t = {bench_clock(CLOCK_PROCESS_CPUTIME_ID) - c0, bench_clock(CLOCK_MONOTONIC) - w0};
  if (sink == 1) fputc(' ', stderr); /* keeps the reads */
  *pnRow = n;
  return t;
}

/* The run with the least CPU time of nRepeat runs of zSql. */
static inline BenchTiming bench_best(sqlite3 *db, const char *zSql, int eRead, int nRepeat,
                                     long *pnRow) {
  BenchTiming tBest = {1e300, 1e300};
  for (int i = 0; i < nRepeat; i++) {
    BenchTiming t = bench_run(db, zSql, eRead, pnRow);
    if (t.cpu < tBest.cpu) tBest = t;
  }
  return tBest;
}

/* Opens zDb with flags (SQLITE_OPEN_*) and loads the extension zExt into
** it; exits with a message on failure. */
static inline sqlite3 *bench_open(const char *zDb, int flags, const char *zExt) {
  sqlite3 *db = 0;
  char *zErr = 0;
  if (sqlite3_open_v2(zDb, &db, flags, 0) != SQLITE_OK) bench_die(db, zDb);
  sqlite3_enable_load_extension(db, 1);
  if (sqlite3_load_extension(db, zExt, 0, &zErr) != SQLITE_OK) {
    fprintf(stderr, "benchmark: cannot load %s: %s\n", zExt, zErr ? zErr : "");
    exit(1);
  }
  return db;
}

/* Runs a one-value query: stores the value in *pValue, returns the CPU
** seconds of the process (wall time on a shared machine measures the
** neighbours). */
static inline double bench_time_query(sqlite3 *db, const char *zSql, double *pValue) {
  sqlite3_stmt *s;
  if (sqlite3_prepare_v2(db, zSql, -1, &s, 0) != SQLITE_OK) bench_die(db, zSql);
  double t0 = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
  if (sqlite3_step(s) != SQLITE_ROW) bench_die(db, zSql);
  *pValue = sqlite3_column_double(s, 0);
  double t = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - t0;
  sqlite3_finalize(s);
  return t;
}

#endif /* CSM_BENCH_UTIL_H */
