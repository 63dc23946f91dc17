/*
** test_locale.c -- the extension in a host whose locale writes decimals with
** a comma (de_DE.UTF-8), as a German desktop application would after
** setlocale(LC_ALL, ""). Numbers as text must read exactly as in the C
** locale: one grammar, '.' the only decimal mark, for function arguments,
** JSON arguments, dates given as numbers and the virtual tables' columns.
**
** The locale must exist (tests/locale_setup.sh generates it as root); when
** it does not, this test fails -- it never passes without having run under
** a ',' locale. Each check is an SQL condition that must be 1, with the
** expected value worked out by hand.
*/
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "csmetrics.h"
#include "unit.h"

#define TEST_LOCALE "de_DE.UTF-8"

static const struct {
  const char *zId;
  const char *zSql; /* one row, one column: 1 when right */
} aCheck[] = {
    {"risk_tier text", "SELECT risk_tier('0.75') = 'Critical'"},
    {"score_linear text", "SELECT score_linear('0.32', 0.4) = 80.0"},
    {"cutoffs with decimals", "SELECT health_tier(85.4, '[85.5,70.5,50,30]') = 'Healthy'"},
    {"cutoffs keep 70.5", "SELECT health_tier(70.2, '[85.5,70.5,50,30]') = 'Neutral'"},
    {"score text with spaces", "SELECT health_tier(' 70.5 ', '[85.5,70.5,50,30]') = 'Healthy'"},
    {"comma is not a decimal mark", "SELECT risk_tier('0,75') IS NULL"}, /* an error: see below */
    {"steps", "SELECT score_steps('0.35', '[[0.5,100],[0.35,70],[0.3,60]]') = 70.0"},
    {"weights JSON",
     "SELECT health_score(80, 60, 70, 50, 90, '{\"usage\":0.5,\"support\":0.25,\"growth\":0.25}')"
     " = (0.5 * 80 + 0.25 * 50 + 0.25 * 70)"},
    {"health_score text", "SELECT health_score('80.5', '60', '70', '50', '90') ="
                          " (35 * 80.5 + 25 * 60 + 15 * 70 + 15 * 50 + 10 * 90) / 100.0"},
    {"score_trend text", "SELECT abs(score_trend('70', '115', '100', '0.2') - 72.1) < 1e-12"},
    {"date as numeric text", "SELECT usage_velocity(d, a, ' 2460340.5 ') = 1.0 FROM"
                             " (SELECT ' 2460319.5' AS d, 2 AS a UNION ALL SELECT '2460298.5', 1)"},
    {"date as exponent text", "SELECT usage_velocity(d, a, '2.4603405e6') = 1.0 FROM"
                              " (SELECT '2024-01-10' AS d, 2 AS a UNION ALL"
                              "  SELECT '2023-12-20', 1)"},
    {"nrr text", "SELECT nrr(s, e) = 1.25 FROM (SELECT '100.5' AS s, '125.625' AS e)"},
    {"pearson text",
     "SELECT abs(pearson_corr(x, y) - 0.5) < 1e-12 FROM (SELECT '1.0' AS x, '1' AS y"
     " UNION ALL SELECT '2.0', '3' UNION ALL SELECT '3.0', '2')"},
    {"cohort value column text",
     "SELECT sum(value) = 3.75 FROM cohort_retention WHERE source = 'ev' AND time_column = 'at'"
     " AND value_column = 'v' AND as_of = ' 2460340.5' AND period = 0"},
};

int main(void) {
  if (setlocale(LC_ALL, TEST_LOCALE) == 0) {
    printf("FAIL: locale " TEST_LOCALE " is not installed; run sh tests/locale_setup.sh as root\n");
    return 1;
  }
  /* The locale is in force: the C library itself now reads "0.75" as 0. */
  CHECK(strcmp(localeconv()->decimal_point, ",") == 0, "decimal point '%s'",
        localeconv()->decimal_point);
  CHECK(strtod("0.75", 0) == 0.0 && strtod("0,75", 0) == 0.75, "strtod follows the locale");

  sqlite3 *db;
  CHECK(sqlite3_auto_extension((void (*)(void))sqlite3_csmetrics_init) == SQLITE_OK,
        "auto extension");
  CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK, "open");
  CHECK(
      sqlite3_exec(db,
                   "CREATE TABLE ev(account, at, v);"
                   "INSERT INTO ev VALUES ('a', '2024-01-05', '1.5'), ('b', ' 2460320.5', '2.25');",
                   0, 0, 0) == SQLITE_OK,
      "schema: %s", sqlite3_errmsg(db));
  for (size_t i = 0; i < sizeof(aCheck) / sizeof(aCheck[0]); i++) {
    sqlite3_stmt *s = 0;
    int ok = 0;
    if (sqlite3_prepare_v2(db, aCheck[i].zSql, -1, &s, 0) == SQLITE_OK) {
      int rc = sqlite3_step(s);
      ok = rc == SQLITE_ROW && sqlite3_column_int(s, 0) == 1;
      /* '0,75' must be refused with the number error, not read as 0 or 75. */
      if (strcmp(aCheck[i].zId, "comma is not a decimal mark") == 0) {
        ok = rc == SQLITE_ERROR &&
             strcmp(sqlite3_errmsg(db), "risk_tier: probability must be a number, got '0,75'") == 0;
      }
    }
    CHECK(ok, "%s: %s (%s)", aCheck[i].zId, aCheck[i].zSql, sqlite3_errmsg(db));
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  sqlite3_reset_auto_extension();
  return unit_report();
}
