/*
** fuzz_tables.c -- libFuzzer target: cohort_retention, checkin_impact,
** mrr_movements and threshold_sweep over small tables whose contents and
** arguments the fuzzer chooses.
**
** Input: a selector byte (0xC0-0xDF: mrr_movements, 0xE0-0xFF:
** threshold_sweep, else even: cohort_retention, odd: checkin_impact), a
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
**     likewise;
**   mrr_movements: every sum and count >= 0, the bridge identity (starting
**     + new + reactivation + expansion - contraction - churned = ending) and
**     its count twin, grr in [0, 1], partial in {0, 1};
**   threshold_sweep: thresholds ascending, the four counts adding up to the
**     same total on every row, flagged = tp + fp, every ratio in [0, 1].
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

/* Words for the arguments of mrr_movements and threshold_sweep (kind 9). */
static const char *const azRevenueWord[] = {
    "month", "quarter", "year", "below", "above", "ev",         "e",          "t",
    "v",     "c",       "sc",   "s",     "o",     "2024-01-01", "2024-03-31", "2023-12-31",
    "0",     "1",       "0.5",  "100",   "-1",    "1e-9",
};
#define N_REVENUE_WORD ((int)(sizeof(azRevenueWord) / sizeof(azRevenueWord[0])))

static sqlite3 *db;
static sqlite3_stmt *pMrr, *pSweep, *pInsScore;
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
  if (sqlite3_exec(db, "CREATE TABLE sc(s, o)", 0, 0, 0) != SQLITE_OK) abort();
  if (sqlite3_prepare_v2(db, "SELECT * FROM mrr_movements(?, ?, ?, ?, ?, ?, ?)", -1, &pMrr, 0) !=
      SQLITE_OK) {
    pMrr = 0;
  }
  if (sqlite3_prepare_v2(db, "SELECT * FROM threshold_sweep(?, ?, ?, ?, ?, ?, ?, ?, ?)", -1,
                         &pSweep, 0) != SQLITE_OK) {
    pSweep = 0;
  }
  prepare("INSERT INTO sc VALUES(?, ?)", &pInsScore);
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

static void check_mrr_row(sqlite3_stmt *s) {
  double a[7];
  for (int i = 0; i < 7; i++) {
    a[i] = sqlite3_column_double(s, 2 + i); /* NULL (the baseline) reads 0 */
    if (a[i] < 0 || sqlite3_column_int64(s, 9 + i) < 0) fail("a negative sum or count", s);
  }
  if (sqlite3_column_type(s, 2) != SQLITE_NULL) {
    double gap = a[0] + a[2] + a[3] + a[4] - a[5] - a[6] - a[1];
    if (fabs(gap) > 1e-6 * (1.0 + a[0] + a[1])) fail("the bridge identity fails", s);
    sqlite3_int64 n0 = sqlite3_column_int64(s, 9), n1 = sqlite3_column_int64(s, 10);
    if (n0 + sqlite3_column_int64(s, 11) + sqlite3_column_int64(s, 12) -
            sqlite3_column_int64(s, 15) !=
        n1) {
      fail("the account counts do not add up", s);
    }
  }
  if (!is_ratio(s, 17)) fail("grr outside 0..1", s);
  sqlite3_int64 partial = sqlite3_column_int64(s, 19);
  if (partial != 0 && partial != 1) fail("partial not 0 or 1", s);
}

static void fuzz_mrr(FuzzInput *in) {
  int nRow = fuzz_byte(in) % (MAX_INPUT_ROWS + 1);
  for (int r = 0; r < nRow; r++) {
    bind_account(in, pInsEv, 1);
    int b = fuzz_byte(in);
    if (b < 160) { /* a plausible snapshot: a day of 2024, a small amount */
      char z[16];
      snprintf(z, sizeof(z), "2024-%02d-%02d", 1 + b % 12, 1 + (b / 12) % 28);
      sqlite3_bind_text(pInsEv, 2, z, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int(pInsEv, 3, fuzz_byte(in) % 5 * 25);
    } else {
      fuzz_bind_value(in, pInsEv, 2, azRevenueWord, N_REVENUE_WORD);
      fuzz_bind_value(in, pInsEv, 3, azRevenueWord, N_REVENUE_WORD);
    }
    fuzz_bind_value(in, pInsEv, 4, azRevenueWord, N_REVENUE_WORD);
    insert(pInsEv);
  }
  static const char *const azDefault[] = {"month", "ev", "e", "t", "v"};
  for (int i = 0; i < 5; i++) bind_name(in, pMrr, i + 1, azDefault[i]);
  if (fuzz_byte(in) & 1) bind_name(in, pMrr, 6, "c");
  if (fuzz_byte(in) & 1) fuzz_bind_value(in, pMrr, 7, azRevenueWord, N_REVENUE_WORD);
  run(pMrr, check_mrr_row);
}

static sqlite3_int64 nSweepTotal; /* tp + fp + fn + tn of the first row */
static double rSweepLast;         /* the threshold of the row before */

static void check_sweep_row(sqlite3_stmt *s) {
  sqlite3_int64 tp = sqlite3_column_int64(s, 2), fp = sqlite3_column_int64(s, 3);
  sqlite3_int64 total = tp + fp + sqlite3_column_int64(s, 4) + sqlite3_column_int64(s, 5);
  double t = sqlite3_column_double(s, 0);
  if (nSweepTotal < 0) {
    nSweepTotal = total;
  } else if (total != nSweepTotal || !(t >= rSweepLast)) {
    fail("counts vary or thresholds go down", s);
  }
  rSweepLast = t;
  if (sqlite3_column_int64(s, 1) != tp + fp) fail("flagged is not tp + fp", s);
  for (int i = 6; i <= 10; i++) {
    if (!is_ratio(s, i)) fail("a ratio outside 0..1", s);
  }
}

static void fuzz_sweep(FuzzInput *in) {
  int nRow = fuzz_byte(in) % (MAX_INPUT_ROWS + 1);
  for (int r = 0; r < nRow; r++) {
    int b = fuzz_byte(in);
    if (b < 200) { /* a plausible row: a score 0..100, outcome 0 or 1 */
      sqlite3_bind_int(pInsScore, 1, fuzz_byte(in) % 101);
      sqlite3_bind_int(pInsScore, 2, b & 1);
    } else {
      fuzz_bind_value(in, pInsScore, 1, azRevenueWord, N_REVENUE_WORD);
      fuzz_bind_value(in, pInsScore, 2, azRevenueWord, N_REVENUE_WORD);
    }
    insert(pInsScore);
  }
  static const char *const azDefault[] = {"sc", "s", "o"};
  for (int i = 0; i < 3; i++) bind_name(in, pSweep, i + 1, azDefault[i]);
  for (int i = 4; i <= 9; i++) {
    int b = fuzz_byte(in);
    if (b < 128) {
      sqlite3_bind_null(pSweep, i);
    } else if (b < 192) {
      sqlite3_bind_int(pSweep, i, b % 32 - 4);
    } else {
      fuzz_bind_value(in, pSweep, i, azRevenueWord, N_REVENUE_WORD);
    }
  }
  nSweepTotal = -1;
  run(pSweep, check_sweep_row);
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  FuzzInput in = {aData, nData, 0};
  if (db == 0) fuzz_open();
  sqlite3_exec(db,
               "DELETE FROM ev; DELETE FROM check_in_logs; DELETE FROM post_check_in_behavior;"
               "DELETE FROM control_group; DELETE FROM attribution_model; DELETE FROM sc;",
               0, 0, 0);
  int selector = fuzz_byte(&in);
  if (selector >= 0xE0) {
    if (pSweep) fuzz_sweep(&in);
  } else if (selector >= 0xC0) {
    if (pMrr) fuzz_mrr(&in);
  } else if (selector & 1) {
    if (pCheckin) fuzz_checkin(&in);
  } else if (pCohort) {
    fuzz_cohort(&in);
  }
  return 0;
}
