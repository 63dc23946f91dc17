/*
** bench/mrr_movements.c -- mrr_movements against its scan floor and the
** pure-SQL formulation of the same bridge, on one mrr_snapshots table.
**
**   build/bench/bench_mrr_movements /tmp/csm_mrr.db build/csmetrics [REPEAT [ACCOUNTS [MONTHS
*[PURE]]]]
**
** The database is generated when the file does not exist: ACCOUNTS
** accounts (default 200,000) x MONTHS monthly snapshots (default 50), one
** row per account and month, stored in time order as a snapshot table is
** appended: 10M rows by default. An account starts paying in month 0 or
** later, may churn, may pause for a month (and come back: reactivation),
** and grows, shrinks or stays flat; amounts have cents.
**
** Measures, in CPU time of the process (the machine is shared), best of
** REPEAT runs (default 3):
**   (a) floor  -- step SELECT account, month, mrr FROM mrr_snapshots,
**                 reading each column as a client would (text, text,
**                 double), doing nothing with them;
**   (b) mrr_movements monthly, every output row stepped, serially
**                 (csmetrics_threads(1)) and with 2 threads (the parallel
**                 scan), with wall times; also quarterly (serially), and
**                 the peak SQLite heap (the extension allocates only
**                 through sqlite3_malloc);
**   (c) the monthly bridge in pure SQL (window functions), run once, and
**                 checked equal to (b) to the cent (skipped with PURE = 0:
**                 it takes minutes of CPU on 10M rows).
** Targets: b <= 1.5 a; c >= 5 b.
*/
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"

/* The definition of the monthly bridge in SQL: an account's value in a
** month is the sum on its latest day there; months are numbered among the
** months present (i); prev is the value at month i - 1 when the account
** has a row there, else 0; an account with a positive value and no row in
** the next month present churns there (the UNION ALL branch); new vs
** reactivation from the first month with a positive value. One sort per
** window; no join of accounts x months. */
static const char *zPureSql =
    "WITH r AS ("
    "  SELECT account AS e, date(month) AS d, coalesce(mrr, 0) AS v,"
    "         CAST(strftime('%Y', month) AS INT) * 12 + CAST(strftime('%m', month) AS INT) - 1 AS m"
    "    FROM mrr_snapshots WHERE account IS NOT NULL AND month IS NOT NULL),"
    " ed AS (SELECT e, m, d, sum(v) AS val FROM r GROUP BY e, m, d),"
    " mv AS (SELECT e, m, val, dense_rank() OVER (ORDER BY m) AS i FROM (SELECT e, m, val,"
    "          row_number() OVER (PARTITION BY e, m ORDER BY d DESC) AS rn FROM ed) WHERE rn = 1),"
    " w AS (SELECT e, m, i, val, lag(i) OVER win AS pi, lag(val) OVER win AS pv,"
    "              lead(i) OVER win AS ni,"
    "              min(CASE WHEN val > 0 THEN m END) OVER (PARTITION BY e) AS fm"
    "         FROM mv WINDOW win AS (PARTITION BY e ORDER BY i)),"
    " last AS (SELECT max(i) AS li FROM mv),"
    " ev AS (SELECT i, m, CASE WHEN pi = i - 1 THEN pv ELSE 0 END AS prev, val AS cur, fm FROM w"
    "        UNION ALL"
    "        SELECT i + 1, NULL, val, 0, fm FROM w, last"
    "         WHERE val > 0 AND (ni IS NULL OR ni > i + 1) AND i < li)"
    " SELECT printf('%04d-%02d-01', max(m) / 12, max(m) % 12 + 1) AS period,"
    "        sum(prev), sum(cur),"
    "        sum(CASE WHEN prev = 0 AND cur > 0 AND fm >= m THEN cur ELSE 0 END),"
    "        sum(CASE WHEN prev = 0 AND cur > 0 AND fm < m THEN cur ELSE 0 END),"
    "        sum(CASE WHEN prev > 0 AND cur > prev THEN cur - prev ELSE 0 END),"
    "        sum(CASE WHEN prev > 0 AND cur > 0 AND cur < prev THEN prev - cur ELSE 0 END),"
    "        sum(CASE WHEN prev > 0 AND cur = 0 THEN prev ELSE 0 END)"
    "   FROM ev WHERE prev > 0 OR cur > 0 GROUP BY i ORDER BY i";

static const char *zTableSql =
    "SELECT period, starting_mrr, ending_mrr, new_mrr, reactivation_mrr, expansion_mrr,"
    " contraction_mrr, churned_mrr FROM mrr_movements";

/* Creates the snapshot table in zDb (see the header). */
static void generate(const char *zDb, int nAccount, int nMonth) {
  sqlite3 *db = 0;
  char *zErr = 0;
  if (sqlite3_open(zDb, &db) != SQLITE_OK) bench_die(db, zDb);
  char *zSql = sqlite3_mprintf(
      "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
      "CREATE TABLE mrr_snapshots(id INTEGER PRIMARY KEY, account TEXT, month TEXT, mrr REAL);"
      "WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < %d),"
      " a(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM a WHERE j < %d),"
      " p AS (SELECT j, (j * 7919) %% 97 < 60 AS early, (j * 31) %% %d AS late,"
      "              CASE WHEN (j * 104729) %% 100 < 25 THEN 12 + j %% 37 ELSE 1000 END AS life,"
      "              20 + (j * 13) %% 480 AS base, (j * 17) %% 5 AS shape FROM a)"
      " INSERT INTO mrr_snapshots(account, month, mrr)"
      " SELECT printf('acct-%%06d', j), date('2021-01-01', '+' || i || ' months'),"
      "        CASE WHEN i < CASE WHEN early THEN 0 ELSE late END"
      "               OR i >= CASE WHEN early THEN 0 ELSE late END + life"
      "               OR (j %% 23 = 0 AND i %% 12 = 5) THEN 0"
      "             ELSE round(base * CASE shape WHEN 0 THEN 1 + i / 24.0"
      "                                          WHEN 1 THEN 1 + ((i + j) %% 9 = 0) * 0.5"
      "                                          WHEN 2 THEN 1.5 - i / 200.0"
      "                                          ELSE 1 END, 2) END"
      "   FROM m, p ORDER BY i, j;",
      nMonth - 1, nAccount - 1, nMonth);
  if (zSql == 0 || sqlite3_exec(db, zSql, 0, 0, &zErr) != SQLITE_OK) {
    fprintf(stderr, "benchmark: generating %s: %s\n", zDb, zErr ? zErr : "out of memory");
    exit(1);
  }
  sqlite3_free(zSql);
  sqlite3_close(db);
}

/* The floor: every row stepped, each column read in its type. */
static double floor_run(sqlite3 *db, long *pnRow) {
  sqlite3_stmt *s;
  long n = 0;
  double sink = 0;
  double c0 = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
  if (sqlite3_prepare_v2(db, "SELECT account, month, mrr FROM mrr_snapshots", -1, &s, 0) !=
      SQLITE_OK) {
    bench_die(db, "floor");
  }
  while (sqlite3_step(s) == SQLITE_ROW) {
    const unsigned char *zA = sqlite3_column_text(s, 0), *zM = sqlite3_column_text(s, 1);
    sink += (zA ? zA[0] : 0) + (zM ? zM[0] : 0) + sqlite3_column_double(s, 2);
    n++;
  }
  sqlite3_finalize(s);
  if (sink == 1) fputc(' ', stderr);
  *pnRow = n;
  return bench_clock(CLOCK_PROCESS_CPUTIME_ID) - c0;
}

/* Runs zSql (period and 7 sums) and returns its rows as text, sums to the
** cent (sqlite3_malloc'd); *pCpu gets its CPU seconds. */
static char *bridge_text(sqlite3 *db, const char *zSql, double *pCpu) {
  sqlite3_stmt *s;
  sqlite3_str *pOut = sqlite3_str_new(db);
  double c0 = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
  if (sqlite3_prepare_v2(db, zSql, -1, &s, 0) != SQLITE_OK) bench_die(db, zSql);
  int bFirst = 1;
  while (sqlite3_step(s) == SQLITE_ROW) {
    sqlite3_str_appendf(pOut, "%s", sqlite3_column_text(s, 0));
    for (int i = 1; i < 8; i++) {
      /* The baseline's movement columns are NULL in the table. */
      if (bFirst && i != 2) continue;
      sqlite3_str_appendf(pOut, "|%.2f", sqlite3_column_double(s, i));
    }
    sqlite3_str_appendf(pOut, "\n");
    bFirst = 0;
  }
  if (sqlite3_finalize(s) != SQLITE_OK) bench_die(db, zSql);
  *pCpu = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - c0;
  return sqlite3_str_finish(pOut);
}

int main(int argc, char **argv) {
  const char *zDb = argc > 1 ? argv[1] : "/tmp/csm_mrr.db";
  const char *zExt = argc > 2 ? argv[2] : "build/csmetrics";
  int nRepeat = argc > 3 ? (int)strtol(argv[3], 0, 10) : 3;
  int nAccount = argc > 4 ? (int)strtol(argv[4], 0, 10) : 200000;
  int nMonth = argc > 5 ? (int)strtol(argv[5], 0, 10) : 50;
  int bPure = argc > 6 ? (int)strtol(argv[6], 0, 10) : 1;
  long nFloor = 0, nMonthRow = 0, nQuarterRow = 0;
  if (nRepeat < 1) nRepeat = 1;
  if (access(zDb, F_OK) != 0) {
    printf("generating %s: %d accounts x %d months...\n", zDb, nAccount, nMonth);
    fflush(stdout);
    generate(zDb, nAccount, nMonth);
  }
  sqlite3 *db = bench_open(zDb, SQLITE_OPEN_READONLY, zExt);

  double tFloor = 1e300;
  for (int i = 0; i < nRepeat; i++) {
    double t = floor_run(db, &nFloor);
    if (t < tFloor) tFloor = t;
  }
  /* (b) serially, then monthly with 2 threads (the parallel scan; CPU time
  ** is every thread's). */
  if (sqlite3_exec(db, "SELECT csmetrics_threads(1)", 0, 0, 0) != SQLITE_OK)
    bench_die(db, "threads");
  sqlite3_memory_highwater(1);
  sqlite3_int64 memBase = sqlite3_memory_used();
  BenchTiming tSerial = bench_best(db, "SELECT * FROM mrr_movements", 1, nRepeat, &nMonthRow);
  double tMonth = tSerial.cpu;
  sqlite3_int64 memPeak = sqlite3_memory_highwater(0) - memBase;
  double tQuarter =
      bench_best(db, "SELECT * FROM mrr_movements('quarter')", 1, nRepeat, &nQuarterRow).cpu;
  if (sqlite3_exec(db, "SELECT csmetrics_threads(2)", 0, 0, 0) != SQLITE_OK)
    bench_die(db, "threads");
  sqlite3_memory_highwater(1);
  BenchTiming tPar = bench_best(db, "SELECT * FROM mrr_movements", 1, nRepeat, &nMonthRow);
  sqlite3_int64 memPeakPar = sqlite3_memory_highwater(0) - memBase;
  if (sqlite3_exec(db, "SELECT csmetrics_threads(1)", 0, 0, 0) != SQLITE_OK)
    bench_die(db, "threads");
  double tTable = 0, tPure = 0;
  char *zTable = bPure ? bridge_text(db, zTableSql, &tTable) : 0;
  char *zPure = bPure ? bridge_text(db, zPureSql, &tPure) : 0;
  int bSame = !bPure || (zTable && zPure && strcmp(zTable, zPure) == 0);

  printf("mrr_movements on %ld snapshot rows (CPU seconds, best of %d; pure SQL once)\n", nFloor,
         nRepeat);
  printf("  (a) floor: step account, month, mrr      %8.3f s\n", tFloor);
  printf("  (b) mrr_movements monthly (%ld rows)     %8.3f s   b/a = %.2f (target <= 1.5)\n",
         nMonthRow, tMonth, tMonth / tFloor);
  printf("      wall %.3f s; with 2 threads: CPU %.3f s, wall %.3f s\n", tSerial.wall, tPar.cpu,
         tPar.wall);
  printf("      mrr_movements quarterly (%ld rows)   %8.3f s   /a = %.2f\n", nQuarterRow, tQuarter,
         tQuarter / tFloor);
  printf("      peak SQLite heap of (b)              %8.1f MiB (2 threads: %.1f MiB)\n",
         (double)memPeak / 1048576.0, (double)memPeakPar / 1048576.0);
  if (bPure) {
    printf("  (c) pure SQL monthly bridge              %8.3f s   c/b = %.1f (target >= 5)\n", tPure,
           tPure / tMonth);
    printf("  (b) and (c) agree to the cent: %s\n", bSame ? "yes" : "NO");
  }
  if (!bSame) printf("table:\n%s\npure SQL:\n%s\n", zTable, zPure);
  sqlite3_free(zTable);
  sqlite3_free(zPure);
  sqlite3_close(db);
  return bSame ? 0 : 1;
}
