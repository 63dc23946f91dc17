/*
** bench/checkin_impact.c -- checkin_impact against its floor and the best
** pure-SQL formulation, on the four check-in tables, in one run.
**
**   build/samples/gen_checkins /tmp/csm_checkins.db   # 1M check-ins, 3M behavior rows
**   build/bench/bench_checkin_impact /tmp/csm_checkins.db build/csmetrics [REPEAT]
**
** Measures (best of REPEAT runs, default 3; CPU time of the process, which
** a shared, loaded machine disturbs far less than wall time -- wall time
** is printed too):
**   (a) floor -- step SELECT account, date, type FROM check_in_logs and
**       SELECT account, behavior_date, usage_spikes, upsells, renewals FROM
**       post_check_in_behavior, reading every column (sqlite3_column_text /
**       _int64), doing nothing with them: the columns checkin_impact needs;
**   (b) SELECT * FROM checkin_impact(30, 'quarter', 'type'), every row
**       stepped (it also reads control_group and attribution_model), with
**       its peak SQLite heap: serially (csmetrics_threads(1)), then with 2
**       threads (the parallel scan of the behavior table);
**   (c) the same rows in pure SQL (zPureSql below): a window over each
**       account's merged timeline of check-ins and positive behavior gives
**       the next positive day after each check-in (a join on account and a
**       day range, with SQLite's automatic index, is slower); then the
**       counts, the control group, the attribution means, the Wilson and
**       Newcombe intervals and the p-value (erfc by Abramowitz-Stegun 7.1.26).
** Before timing, (b) and (c) must agree on every count and, within 1e-6,
** on every rate, interval, p-value and attribution score.
** Targets (issue 4): b <= 3 a; c >= 10 b.
*/
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_util.h"

/* The Wilson interval bounds of k of n as SQL (z = 1.959963984540054). */
#define WILSON(k, n, op)                                                                           \
  "((1.0*" k "/" n " + 3.841458820694124/(2.0*" n ") " op " 1.959963984540054*sqrt((1.0*" k "/" n  \
  ")*(1 - 1.0*" k "/" n ")/" n " + 3.841458820694124/(4.0*" n "*" n                                \
  ")))/(1 + 3.841458820694124/" n "))"

static const char *zPureSql =
    "WITH ci AS MATERIALIZED ("
    "  SELECT account, unixepoch(date) / 86400 AS d, type,"
    "         substr(date, 1, 5) || printf('%02d', (CAST(substr(date, 6, 2) AS INT) - 1) / 3 * 3 + "
    "1)"
    "         || '-01' AS period"
    "    FROM check_in_logs WHERE account IS NOT NULL AND date IS NOT NULL),"
    " pos AS MATERIALIZED ("
    "  SELECT account, unixepoch(behavior_date) / 86400 AS b FROM post_check_in_behavior"
    "   WHERE account IS NOT NULL AND behavior_date IS NOT NULL"
    "     AND (coalesce(usage_spikes, 0) > 0 OR coalesce(upsells, 0) > 0"
    "          OR coalesce(renewals, 0) > 0)),"
    /* The next positive day on or after each check-in (positives sort
    ** after check-ins of the same day). */
    " ev AS (SELECT account, d AS day, 0 AS kind, period, type FROM ci"
    "        UNION ALL SELECT account, b, 1, NULL, NULL FROM pos),"
    " nx AS (SELECT period, type, account, day, kind,"
    "          min(CASE kind WHEN 1 THEN day END) OVER (PARTITION BY account ORDER BY day, kind"
    "              ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS next_pos FROM ev),"
    " acct AS (SELECT period, type, account, max(coalesce(next_pos <= day + 30, 0)) AS positive"
    "            FROM nx WHERE kind = 0 GROUP BY period, type, account),"
    " grp AS (SELECT period, type, count(*) AS n1, sum(positive) AS k1"
    "           FROM acct GROUP BY period, type),"
    /* The control group per period. */
    " per AS (SELECT DISTINCT period FROM grp),"
    " ctl AS MATERIALIZED (SELECT DISTINCT account FROM control_group WHERE account IS NOT NULL),"
    " cp AS MATERIALIZED (SELECT DISTINCT period, account FROM ci WHERE account IN ctl),"
    " contam AS (SELECT period, count(*) AS c FROM cp GROUP BY period),"
    " cpos AS (SELECT per.period, count(DISTINCT pos.account) AS k2"
    "            FROM per JOIN pos ON pos.account IN ctl"
    "             AND pos.b BETWEEN unixepoch(per.period) / 86400"
    "                           AND unixepoch(per.period, '+3 months', '-1 day') / 86400 + 30"
    "           WHERE NOT EXISTS (SELECT 1 FROM cp WHERE cp.period = per.period"
    "                                                AND cp.account = pos.account)"
    "           GROUP BY per.period),"
    /* Attribution rows of each group's accounts, dated in its period. */
    " ga AS MATERIALIZED (SELECT DISTINCT period, type, account FROM ci),"
    " att AS (SELECT ga.period, ga.type, avg(a.impact_score) AS attr"
    "           FROM attribution_model a JOIN ga ON ga.account = a.account"
    "            AND ga.period = substr(a.calculation_date, 1, 5)"
    "                || printf('%02d', (CAST(substr(a.calculation_date, 6, 2) AS INT) - 1) / 3 * 3 "
    "+ 1)"
    "                || '-01'"
    "          WHERE a.impact_score IS NOT NULL GROUP BY ga.period, ga.type),"
    " r AS (SELECT g.period, g.type AS segment, g.n1, g.k1,"
    "              (SELECT count(*) FROM ctl) - coalesce(c.c, 0) AS n2, coalesce(p.k2, 0) AS k2,"
    "              coalesce(c.c, 0) AS contaminated, a.attr"
    "         FROM grp g LEFT JOIN contam c USING (period) LEFT JOIN cpos p USING (period)"
    "         LEFT JOIN att a ON a.period = g.period AND a.type = g.type),"
    " s AS (SELECT *, 1.0 * k1 / n1 AS p1, 1.0 * k2 / n2 AS p2,"
    "              CASE WHEN k1 = 0 THEN 0.0 ELSE " WILSON(
        "k1", "n1",
        "-") " END AS l1,"
             "              CASE WHEN k1 = n1 THEN 1.0 ELSE " WILSON(
                 "k1", "n1",
                 "+") " END AS u1,"
                      "              CASE WHEN k2 = 0 THEN 0.0 ELSE " WILSON(
                          "k2", "n2",
                          "-") " END AS l2,"
                               "              CASE WHEN k2 = n2 THEN 1.0 ELSE " WILSON(
                                   "k2", "n2",
                                   "+") " END AS u2,"
                                        "              1.0 * (k1 + k2) / (n1 + n2) AS pool FROM r),"
                                        " z AS (SELECT *, abs(p1 - p2) / sqrt(pool * (1 - pool) * "
                                        "(1.0 / n1 + 1.0 / n2))"
                                        "                 / sqrt(2.0) AS x FROM s),"
                                        " t AS (SELECT *, 1 / (1 + 0.3275911 * x) AS tt FROM z)"
                                        " SELECT period, segment, n1 AS checkin_accounts, k1 AS "
                                        "positive_accounts, p1 AS impact_score,"
                                        "        l1 AS ci_low, u1 AS ci_high, n2 AS "
                                        "control_accounts, k2 AS control_positive,"
                                        "        p2 AS control_rate, contaminated AS "
                                        "control_contaminated, p1 - p2 AS uplift,"
                                        "        p1 - p2 - sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) "
                                        "* (u2 - p2)) AS uplift_ci_low,"
                                        "        p1 - p2 + sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) "
                                        "* (p2 - l2)) AS uplift_ci_high,"
                                        "        CASE WHEN k2 > 0 THEN (p1 - p2) / p2 END AS "
                                        "relative_lift,"
                                        "        CASE WHEN pool > 0 AND pool < 1 THEN"
                                        "          tt * (0.254829592 + tt * (-0.284496736 + tt * "
                                        "(1.421413741"
                                        "          + tt * (-1.453152027 + tt * 1.061405429)))) * "
                                        "exp(-x * x) END AS p_value,"
                                        "        attr AS attribution_score"
                                        "   FROM t ORDER BY period, segment";

static const char *zVtab = "SELECT * FROM checkin_impact(30, 'quarter', 'type')";

int main(int argc, char **argv) {
  const char *zDb = argc > 1 ? argv[1] : "/tmp/csm_checkins.db";
  const char *zExt = argc > 2 ? argv[2] : "build/csmetrics";
  int nRepeat = argc > 3 ? (int)strtol(argv[3], 0, 10) : 3;
  long nCi, nBeh, nVtab, nPure, nDiff, nRow;
  if (nRepeat < 1) nRepeat = 1;
  sqlite3 *db = bench_open(zDb, SQLITE_OPEN_READONLY, zExt);

  /* The two must agree before either is timed. Pure SQL's p-value uses a
  ** 1.5e-7-accurate erfc, hence the tolerance. */
  char *zCheck = sqlite3_mprintf(
      "WITH v AS (%s), p AS (%s)"
      " SELECT 1 FROM v LEFT JOIN p ON p.period = v.period AND p.segment = v.segment"
      " WHERE p.checkin_accounts IS NOT v.checkin_accounts"
      "    OR p.positive_accounts IS NOT v.positive_accounts"
      "    OR p.control_accounts IS NOT v.control_accounts"
      "    OR p.control_positive IS NOT v.control_positive"
      "    OR p.control_contaminated IS NOT v.control_contaminated"
      "    OR NOT abs(p.ci_low - v.ci_low) < 1e-9 OR NOT abs(p.ci_high - v.ci_high) < 1e-9"
      "    OR NOT abs(p.uplift_ci_low - v.uplift_ci_low) < 1e-9"
      "    OR NOT abs(p.uplift_ci_high - v.uplift_ci_high) < 1e-9"
      "    OR NOT abs(p.relative_lift - v.relative_lift) < 1e-9"
      "    OR NOT abs(p.p_value - v.p_value) < 1e-6"
      "    OR NOT abs(p.attribution_score - v.attribution_score) < 1e-9"
      " UNION ALL SELECT 1 WHERE (SELECT count(*) FROM v) <> (SELECT count(*) FROM p)",
      zVtab, zPureSql);
  bench_run(db, zCheck, 0, &nDiff);
  sqlite3_free(zCheck);

  BenchTiming tCi =
      bench_best(db, "SELECT account, date, type FROM check_in_logs", 1, nRepeat, &nCi);
  BenchTiming tBeh = bench_best(db,
                                "SELECT account, behavior_date, usage_spikes, upsells, renewals"
                                " FROM post_check_in_behavior",
                                1, nRepeat, &nBeh);
  BenchTiming tFloor = {tCi.cpu + tBeh.cpu, tCi.wall + tBeh.wall};
  /* (b) serially, then with 2 threads (the parallel scan of the behavior
  ** table; CPU time is every thread's). */
  if (sqlite3_exec(db, "SELECT csmetrics_threads(1)", 0, 0, 0) != SQLITE_OK)
    bench_die(db, "threads");
  sqlite3_memory_highwater(1);
  sqlite3_int64 memBase = sqlite3_memory_used();
  BenchTiming tVtab = bench_best(db, zVtab, 0, nRepeat, &nVtab);
  sqlite3_int64 memPeak = sqlite3_memory_highwater(0) - memBase;
  if (sqlite3_exec(db, "SELECT csmetrics_threads(2)", 0, 0, 0) != SQLITE_OK)
    bench_die(db, "threads");
  sqlite3_memory_highwater(1);
  BenchTiming tPar = bench_best(db, zVtab, 0, nRepeat, &nVtab);
  sqlite3_int64 memPeakPar = sqlite3_memory_highwater(0) - memBase;
  BenchTiming tPure = bench_best(db, zPureSql, 0, 1, &nPure);
  bench_run(db, "SELECT 1 FROM control_group UNION ALL SELECT 1 FROM attribution_model", 0, &nRow);

  printf("rows: %ld check-ins, %ld behavior, %ld control + attribution; result rows %ld;"
         " rows differing from pure SQL: %ld\n",
         nCi, nBeh, nRow, nVtab, nDiff);
  printf("                                          CPU s     wall s\n");
  printf("(a) floor, step both tables' columns    %7.3f    %7.3f\n", tFloor.cpu, tFloor.wall);
  printf("(b) checkin_impact(30,'quarter','type') %7.3f    %7.3f   %5.2f x floor (target <= 3)\n",
         tVtab.cpu, tVtab.wall, tVtab.cpu / tFloor.cpu);
  printf("    the same with 2 threads             %7.3f    %7.3f   %5.2f x floor\n", tPar.cpu,
         tPar.wall, tPar.cpu / tFloor.cpu);
  printf("(c) pure SQL                            %7.3f    %7.3f   %5.1f x slower than (b)"
         " (target >= 10)\n",
         tPure.cpu, tPure.wall, tPure.cpu / tVtab.cpu);
  printf("peak SQLite heap during (b)             %7.1f MiB (2 threads: %.1f MiB)\n",
         (double)memPeak / 1048576.0, (double)memPeakPar / 1048576.0);
  sqlite3_close(db);
  return nDiff == 0 && nPure == nVtab ? 0 : 1;
}
