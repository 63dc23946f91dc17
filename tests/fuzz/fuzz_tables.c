/*
** fuzz_tables.c -- libFuzzer target: cohort_retention and checkin_impact
** over small tables whose contents and arguments the fuzzer chooses.
**
** Input: a selector byte (even: cohort_retention, odd: checkin_impact), a
** row count, the rows (values as in fuzz_input.h; accounts come from a
** small set so that they repeat), then the arguments. Table and column
** names are usually the real ones and sometimes fuzzer text, to exercise
** the "no such table/column" paths and identifier quoting. At most
** MAX_ROWS output rows are read (a grid from year 0 to 9999 by day is valid
** and long). Beyond the sanitizers, each row is checked against the
** definitions of docs/tables:
**   cohort_retention: 0 <= active <= cohort_size, retention = active /
**     cohort_size, period >= 0, partial in {0, 1};
**   checkin_impact: 0 <= positive <= checkin accounts, impact_score in
**     [ci_low, ci_high] within [0, 1], p_value in [0, 1], the control counts
**     likewise.
*/
#include "csmetrics.h"
#include "fuzz_input.h"

#include <math.h>
#include <stdlib.h>

#define MAX_ROWS 3000
#define MAX_INPUT_ROWS 24

static const char *const azWord[] = {
    "day",  "week", "month",      "quarter",      "year",       "all",      "classic", "rolling",
    "none", "type", "any",        "usage_spikes", "upsells",    "renewals", "a0",      "a1",
    "qbr",  "call", "2024-01-01", "2024-02-29",   "2024-12-31", "ev",       "e",       "t",
    "v",    "c",    "main.ev",    "temp.ev",
};
#define N_WORD ((int)(sizeof(azWord) / sizeof(azWord[0])))

static sqlite3 *db;
static sqlite3_stmt *pCohort, *pCheckin, *pInsEv, *pInsCheckin, *pInsBehavior, *pInsControl,
    *pInsAttribution;

static void prepare(const char *zSql, sqlite3_stmt **pp) {
  if (sqlite3_prepare_v2(db, zSql, -1, pp, 0) != SQLITE_OK) {
    fprintf(stderr, "fuzz_tables: %s: %s\n", zSql, sqlite3_errmsg(db));
    abort();
  }
}

static void fuzz_open(void) {
  sqlite3_auto_extension((void (*)(void))sqlite3_csmetrics_init);
  if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
      sqlite3_exec(db,
                   "CREATE TABLE ev(e, t, v, c);"
                   "CREATE TABLE check_in_logs(id INTEGER PRIMARY KEY, date, type, account);"
                   "CREATE TABLE post_check_in_behavior(id INTEGER PRIMARY KEY, account,"
                   " behavior_date, usage_spikes, upsells, renewals);"
                   "CREATE TABLE control_group(id INTEGER PRIMARY KEY, account);"
                   "CREATE TABLE attribution_model(id INTEGER PRIMARY KEY, account,"
                   " impact_score, calculation_date);",
                   0, 0, 0) != SQLITE_OK) {
    abort();
  }
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1000000);
  if (sqlite3_prepare_v2(db, "SELECT * FROM cohort_retention(?, ?, ?, ?, ?, ?, ?, ?)", -1, &pCohort,
                         0) != SQLITE_OK) {
    pCohort = 0; /* not landed */
  }
  if (sqlite3_prepare_v2(db, "SELECT * FROM checkin_impact(?, ?, ?, ?, ?, ?, ?, ?)", -1, &pCheckin,
                         0) != SQLITE_OK) {
    pCheckin = 0;
  }
  prepare("INSERT INTO ev VALUES(?, ?, ?, ?)", &pInsEv);
  prepare("INSERT INTO check_in_logs(date, type, account) VALUES(?, ?, ?)", &pInsCheckin);
  prepare("INSERT INTO post_check_in_behavior(account, behavior_date, usage_spikes, upsells,"
          " renewals) VALUES(?, ?, ?, ?, ?)",
          &pInsBehavior);
  prepare("INSERT INTO control_group(account) VALUES(?)", &pInsControl);
  prepare("INSERT INTO attribution_model(account, impact_score, calculation_date)"
          " VALUES(?, ?, ?)",
          &pInsAttribution);
}

/* Binds an account: mostly one of six names, sometimes any value. */
static void bind_account(FuzzInput *in, sqlite3_stmt *s, int i) {
  int b = fuzz_byte(in);
  if (b < 200) {
    char z[8];
    snprintf(z, sizeof(z), "a%d", b % 6);
    sqlite3_bind_text(s, i, z, -1, SQLITE_TRANSIENT);
  } else {
    fuzz_bind_value(in, s, i, azWord, N_WORD);
  }
}

/* Binds a name argument: the default (zName), NULL, or a fuzzer value. */
static void bind_name(FuzzInput *in, sqlite3_stmt *s, int i, const char *zName) {
  int b = fuzz_byte(in);
  if (b < 160) {
    sqlite3_bind_text(s, i, zName, -1, SQLITE_STATIC);
  } else if (b < 200) {
    sqlite3_bind_null(s, i);
  } else {
    fuzz_bind_value(in, s, i, azWord, N_WORD);
  }
}

static void insert(sqlite3_stmt *s) {
  sqlite3_step(s);
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
}

static void fail(const char *zWhat, sqlite3_stmt *s) {
  fprintf(stderr, "fuzz_tables: %s in a row of %s\n", zWhat, sqlite3_sql(s));
  abort();
}

static int is_ratio(sqlite3_stmt *s, int i) {
  return sqlite3_column_type(s, i) == SQLITE_NULL ||
         (sqlite3_column_double(s, i) >= 0 && sqlite3_column_double(s, i) <= 1);
}

static void check_cohort_row(sqlite3_stmt *s) {
  sqlite3_int64 period = sqlite3_column_int64(s, 1), size = sqlite3_column_int64(s, 2),
                active = sqlite3_column_int64(s, 3);
  if (period < 0) fail("negative period", s);
  if (!(active >= 0 && active <= size && size > 0)) fail("active outside 0..cohort_size", s);
  if (fabs(sqlite3_column_double(s, 4) - (double)active / (double)size) > 1e-12) {
    fail("retention is not active / cohort_size", s);
  }
  sqlite3_int64 partial = sqlite3_column_int64(s, 7);
  if (partial != 0 && partial != 1) fail("partial not 0 or 1", s);
}

static void check_checkin_row(sqlite3_stmt *s) {
  sqlite3_int64 n = sqlite3_column_int64(s, 2), pos = sqlite3_column_int64(s, 3);
  if (!(pos >= 0 && pos <= n && n > 0)) fail("positive outside 0..checkin_accounts", s);
  if (!is_ratio(s, 4) || !is_ratio(s, 5) || !is_ratio(s, 6)) fail("impact or CI outside 0..1", s);
  double x = sqlite3_column_double(s, 4);
  if (!(sqlite3_column_double(s, 5) <= x + 1e-12 && x <= sqlite3_column_double(s, 6) + 1e-12)) {
    fail("impact_score outside its interval", s);
  }
  if (sqlite3_column_type(s, 7) != SQLITE_NULL) {
    sqlite3_int64 nc = sqlite3_column_int64(s, 7), pc = sqlite3_column_int64(s, 8);
    if (!(pc >= 0 && pc <= nc)) fail("control_positive outside 0..control_accounts", s);
  }
  if (!is_ratio(s, 9) || !is_ratio(s, 15)) fail("control_rate or p_value outside 0..1", s);
}

static void run(sqlite3_stmt *s, void (*xCheck)(sqlite3_stmt *)) {
  int n = 0;
  while (n++ < MAX_ROWS && sqlite3_step(s) == SQLITE_ROW) xCheck(s);
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
}

static void fuzz_cohort(FuzzInput *in) {
  int nRow = fuzz_byte(in) % (MAX_INPUT_ROWS + 1);
  for (int r = 0; r < nRow; r++) {
    bind_account(in, pInsEv, 1);
    for (int i = 2; i <= 4; i++) fuzz_bind_value(in, pInsEv, i, azWord, N_WORD);
    insert(pInsEv);
  }
  static const char *const azDefault[] = {"ev", "month", "classic", "e", "t", "v", "c"};
  for (int i = 0; i < 7; i++) bind_name(in, pCohort, i + 1, azDefault[i]);
  if (fuzz_byte(in) & 1) fuzz_bind_value(in, pCohort, 8, azWord, N_WORD);
  run(pCohort, check_cohort_row);
}

static void fuzz_checkin(FuzzInput *in) {
  int nRow = fuzz_byte(in) % (MAX_INPUT_ROWS + 1);
  for (int r = 0; r < nRow; r++) {
    switch (fuzz_byte(in) % 4) {
    case 0:
      fuzz_bind_value(in, pInsCheckin, 1, azWord, N_WORD);
      fuzz_bind_value(in, pInsCheckin, 2, azWord, N_WORD);
      bind_account(in, pInsCheckin, 3);
      insert(pInsCheckin);
      break;
    case 1:
      bind_account(in, pInsBehavior, 1);
      for (int i = 2; i <= 5; i++) fuzz_bind_value(in, pInsBehavior, i, azWord, N_WORD);
      insert(pInsBehavior);
      break;
    case 2:
      bind_account(in, pInsControl, 1);
      insert(pInsControl);
      break;
    default:
      bind_account(in, pInsAttribution, 1);
      fuzz_bind_value(in, pInsAttribution, 2, azWord, N_WORD);
      fuzz_bind_value(in, pInsAttribution, 3, azWord, N_WORD);
      insert(pInsAttribution);
      break;
    }
  }
  static const char *const azDefault[] = {"all",
                                          "none",
                                          "any",
                                          "check_in_logs",
                                          "post_check_in_behavior",
                                          "control_group",
                                          "attribution_model"};
  int b = fuzz_byte(in);
  if (b < 100) {
    sqlite3_bind_int(pCheckin, 1, b % 60);
  } else if (b < 200) {
    sqlite3_bind_null(pCheckin, 1);
  } else {
    fuzz_bind_value(in, pCheckin, 1, azWord, N_WORD);
  }
  for (int i = 0; i < 7; i++) bind_name(in, pCheckin, i + 2, azDefault[i]);
  run(pCheckin, check_checkin_row);
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  FuzzInput in = {aData, nData, 0};
  if (db == 0) fuzz_open();
  sqlite3_exec(db,
               "DELETE FROM ev; DELETE FROM check_in_logs; DELETE FROM post_check_in_behavior;"
               "DELETE FROM control_group; DELETE FROM attribution_model;",
               0, 0, 0);
  if (fuzz_byte(&in) & 1) {
    if (pCheckin) fuzz_checkin(&in);
  } else if (pCohort) {
    fuzz_cohort(&in);
  }
  return 0;
}
