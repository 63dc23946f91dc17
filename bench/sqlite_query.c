/*
** bench/sqlite_query.c -- one query against a SQLite file, timed from inside
** the process, for bench/duckdb_compare.sh (which spawns it, interleaved with
** the DuckDB runs, and measures the whole process from outside).
**
**   bench_sqlite_query DB EXT [--repeat N] [--setup SQL] [--print] SQL
**
** Opens DB read-only, loads the extension EXT ("-" for none), runs each
** --setup statement (e.g. a thread setting), then steps SQL to the end N
** times (default 1), reading every column of every row as a client would.
** With --print the rows of the first run go to stdout, one a line, columns
** separated by '|', NULL as an empty field, reals with 17 significant
** digits (so they read back to the same double); that is also how the
** DuckDB copy of a table is exported. On stderr, one line per run and one
** for the process:
**
**   run 1 wall 0.912345 cpu 0.910000 rows 300
**   process user 1.02 sys 0.05 maxrss_kib 35120
**
** wall is CLOCK_MONOTONIC, cpu is CLOCK_PROCESS_CPUTIME_ID (every thread of
** the process, so a parallel scan's workers count), both around the stepping
** only; the process line is getrusage(RUSAGE_SELF) at exit and the peak
** resident set (VmHWM). Exits 1 with a
** message on any error.
*/
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench_util.h"

/* Writes column i of the current row of s to stdout in the --print form. */
static void print_column(sqlite3_stmt *s, int i) {
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

/* Steps s to the end once, reading every column; prints the rows when
** bPrint. Returns the timing; *pnRow gets the rows stepped. */
static BenchTiming run_once(sqlite3 *db, sqlite3_stmt *s, int bPrint, long *pnRow) {
  long n = 0;
  unsigned long sink = 0;
  int nCol = sqlite3_column_count(s), rc;
  double c0 = bench_clock(CLOCK_PROCESS_CPUTIME_ID), w0 = bench_clock(CLOCK_MONOTONIC);
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    for (int i = 0; i < nCol; i++) {
      if (bPrint) {
        if (i > 0) putchar('|');
        print_column(s, i);
      } else if (sqlite3_column_type(s, i) == SQLITE_INTEGER) {
        sink += (unsigned long)sqlite3_column_int64(s, i);
      } else {
        const unsigned char *z = sqlite3_column_text(s, i);
        sink += z ? z[0] : 0u;
      }
    }
    if (bPrint) putchar('\n');
    n++;
  }
  BenchTiming t = {bench_clock(CLOCK_PROCESS_CPUTIME_ID) - c0, bench_clock(CLOCK_MONOTONIC) - w0};
  if (rc != SQLITE_DONE) bench_die(db, sqlite3_sql(s));
  if (sqlite3_reset(s) != SQLITE_OK) bench_die(db, sqlite3_sql(s));
  if (sink == 1) fputc(' ', stderr); /* keeps the reads */
  *pnRow = n;
  return t;
}

/* The process's peak resident set in KiB: VmHWM from /proc/self/status,
** which counts this program's memory only (ru_maxrss can carry the peak of
** the process it was forked from), else ru_maxrss. */
static long peak_rss_kib(const struct rusage *ru) {
  char zLine[256];
  long n = ru->ru_maxrss;
  FILE *f = fopen("/proc/self/status", "r");
  if (f == 0) return n;
  while (fgets(zLine, sizeof(zLine), f)) {
    if (strncmp(zLine, "VmHWM:", 6) == 0) n = atol(zLine + 6);
  }
  fclose(f);
  return n;
}

static double seconds(struct timeval tv) { return (double)tv.tv_sec + (double)tv.tv_usec * 1e-6; }

int main(int argc, char **argv) {
  const char *zUsage = "usage: bench_sqlite_query DB EXT [--repeat N] [--setup SQL]... [--print] "
                       "SQL\n";
  if (argc < 4) {
    fputs(zUsage, stderr);
    return 2;
  }
  const char *zDb = argv[1], *zExt = argv[2], *zSql = 0;
  int nRepeat = 1, bPrint = 0, iArg;
  sqlite3 *db = 0;
  if (strcmp(zExt, "-") == 0) {
    if (sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, 0) != SQLITE_OK) bench_die(db, zDb);
  } else {
    db = bench_open(zDb, SQLITE_OPEN_READONLY, zExt);
  }
  for (iArg = 3; iArg < argc; iArg++) {
    if (strcmp(argv[iArg], "--repeat") == 0 && iArg + 1 < argc) {
      nRepeat = atoi(argv[++iArg]);
    } else if (strcmp(argv[iArg], "--setup") == 0 && iArg + 1 < argc) {
      if (sqlite3_exec(db, argv[++iArg], 0, 0, 0) != SQLITE_OK) bench_die(db, argv[iArg]);
    } else if (strcmp(argv[iArg], "--print") == 0) {
      bPrint = 1;
    } else if (zSql == 0 && argv[iArg][0] != '-') {
      zSql = argv[iArg];
    } else {
      zSql = 0;
      break;
    }
  }
  if (zSql == 0 || nRepeat < 1) {
    fputs(zUsage, stderr);
    return 2;
  }
  sqlite3_stmt *s;
  if (sqlite3_prepare_v2(db, zSql, -1, &s, 0) != SQLITE_OK) bench_die(db, zSql);
  for (int i = 1; i <= nRepeat; i++) {
    long nRow;
    BenchTiming t = run_once(db, s, bPrint && i == 1, &nRow);
    fprintf(stderr, "run %d wall %.6f cpu %.6f rows %ld\n", i, t.wall, t.cpu, nRow);
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  fflush(stdout);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  fprintf(stderr, "process user %.6f sys %.6f maxrss_kib %ld\n", seconds(ru.ru_utime),
          seconds(ru.ru_stime), peak_rss_kib(&ru));
  return 0;
}
