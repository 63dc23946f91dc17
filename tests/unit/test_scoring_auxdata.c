/*
** test_scoring_auxdata.c -- the per-statement cache of parsed JSON and
** profile arguments (sqlite3_set_auxdata) must never outlive the value it
** was parsed from: one prepared statement is stepped, reset and rebound
** with different weights, cutoffs and steps, and every result must follow
** the new value. Expected values are worked out by hand (components
** 80, 60, 70, 50, 90).
*/
#include <math.h>
#include <string.h>

#include "csmetrics.h"
#include "unit.h"

int main(void) {
  static const struct {
    const char *zWeights, *zCutoffs, *zSteps;
    double score;      /* health_score(80, 60, 70, 50, 90, zWeights) */
    const char *zTier; /* health_tier(72, zCutoffs) */
    double step;       /* score_steps(0.45, zSteps) */
  } aCase[] = {
      {"classic", "[90,80,60,40]", "[[0.4,10]]", 67, "Neutral", 10},
      {"default", "[70,60,50,40]", "[[0.5,100],[0.4,80]]", 70, "Thriving", 80},
      {"{\"usage\":1}", "[90,80,60,40]", "[[0.4,10]]", 80, "Neutral", 10},
      {"high_touch", "[70,60,50,40]", "[[0.5,100],[0.4,80]]", 65, "Thriving", 80},
      {"{\"usage\":1,\"support\":3}", "[95,90,72,40]", "[[0.45,55]]", 57.5, "Neutral", 55},
  };
  sqlite3 *db;
  sqlite3_stmt *s = 0;
  CHECK(sqlite3_auto_extension((void (*)(void))sqlite3_csmetrics_init) == SQLITE_OK,
        "auto extension");
  CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK, "open");
  CHECK(sqlite3_prepare_v2(db,
                           "SELECT health_score(80, 60, 70, 50, 90, ?1), health_tier(72, ?2),"
                           " score_steps(0.45, ?3) FROM (SELECT 1 UNION ALL SELECT 2)",
                           -1, &s, 0) == SQLITE_OK,
        "prepare: %s", sqlite3_errmsg(db));
  for (int round = 0; round < 2; round++) {
    for (size_t i = 0; s && i < sizeof(aCase) / sizeof(aCase[0]); i++) {
      sqlite3_bind_text(s, 1, aCase[i].zWeights, -1, SQLITE_STATIC);
      sqlite3_bind_text(s, 2, aCase[i].zCutoffs, -1, SQLITE_STATIC);
      sqlite3_bind_text(s, 3, aCase[i].zSteps, -1, SQLITE_STATIC);
      int nRow = 0;
      while (sqlite3_step(s) == SQLITE_ROW) {
        const char *zTier = (const char *)sqlite3_column_text(s, 1);
        nRow++;
        CHECK(fabs(sqlite3_column_double(s, 0) - aCase[i].score) < 1e-9,
              "case %zu row %d: score %g", i, nRow, sqlite3_column_double(s, 0));
        CHECK(zTier && strcmp(zTier, aCase[i].zTier) == 0, "case %zu row %d: tier %s", i, nRow,
              zTier ? zTier : "NULL");
        CHECK(sqlite3_column_double(s, 2) == aCase[i].step, "case %zu row %d: step %g", i, nRow,
              sqlite3_column_double(s, 2));
      }
      CHECK(nRow == 2, "case %zu: %d rows, %s", i, nRow, sqlite3_errmsg(db));
      sqlite3_reset(s);
    }
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  sqlite3_reset_auto_extension();
  return unit_report();
}
