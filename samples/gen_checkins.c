/*
** gen_checkins.c -- writes the four Check-In Impact tables (docs/data-model.md:
** check_in_logs, post_check_in_behavior, control_group, attribution_model)
** for the checkin_impact benchmark and demos.
**
**   gen_checkins /tmp/csm_checkins.db       1,000,000 check-ins, 3,000,000 behavior rows
**   gen_checkins /tmp/small.db --checkins 20000 --behavior 60000 --accounts 2000 --seed 7
**
** How the data behaves: accounts (default 50,000) have a CSM touch level
** (low, mid, high: check-ins are drawn in proportion to it) and a baseline
** chance that a behavior row shows a positive outcome. 4% of the accounts
** form the no-touch control group; a tenth of those still get the odd
** check-in (contamination). Check-ins are spread over --months (24) from
** 2023-01-01 with a time of day ('YYYY-MM-DD HH:MM:SS'), typed call, email,
** qbr, onsite or training. Half the behavior rows follow a check-in by
** 0-60 days and, within 30 days, are positive more often (the effect the
** score measures); the rest fall on random accounts and days. A positive
** row has a usage spike, an upsell and/or a renewal; measures are
** sometimes NULL. Each account gets an attribution score per quarter with
** probability 0.8. Rows are written in time order. Deterministic: the same
** options and seed give the same database; existing tables are replaced.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sample_rng.h"

#define GEN_DAYS_PER_MONTH 30.4375
#define GEN_CONTROL_SHARE 0.04 /* accounts in the control group */
#define GEN_CONTAMINATED 0.10  /* control accounts that still get check-ins */
#define GEN_FOLLOW_SHARE 0.50  /* behavior rows that follow a check-in */
#define GEN_EFFECT 0.30        /* extra positive chance within 30 days */
#define GEN_TAIL_DAYS 60       /* behavior continues this long after the end */

static const char *azType[5] = {"call", "email", "qbr", "onsite", "training"};
static const double aTypeCum[5] = {0.40, 0.70, 0.80, 0.90, 1.00};

typedef struct GenRow {
  int day;  /* days from 2023-01-01 */
  int acct; /* account number */
  int a, b; /* check-in: type, second of day; behavior: positive flag, unused */
} GenRow;

static void die(sqlite3 *db, const char *zWhat) {
  fprintf(stderr, "gen_checkins: %s: %s\n", zWhat, db ? sqlite3_errmsg(db) : "out of memory");
  exit(1);
}

typedef char GenDate[36]; /* 'YYYY-MM-DD' (room for any int, for the compiler) */

static int cmp_row(const void *x, const void *y) {
  const GenRow *p = x, *q = y;
  if (p->day != q->day) return p->day < q->day ? -1 : 1;
  return (p->b > q->b) - (p->b < q->b);
}

/* 'YYYY-MM-DD' for days 0 .. n-1 after 2023-01-01, by walking the months. */
static GenDate *date_table(int n) {
  static const int aLen[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  GenDate *a = malloc(sizeof(GenDate) * (size_t)n);
  int y = 2023, m = 1, d = 1;
  if (a == 0) die(0, "dates");
  for (int i = 0; i < n; i++) {
    snprintf(a[i], sizeof(GenDate), "%04d-%02d-%02d", y, m, d);
    int len = aLen[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    if (++d > len) {
      d = 1;
      if (++m > 12) m = 1, y++;
    }
  }
  return a;
}

/* Index of the first entry of the ascending aCum[0..n) that is > r. */
static int pick(const double *aCum, int n, double r) {
  int lo = 0, hi = n - 1;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (aCum[mid] > r)
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

static void exec(sqlite3 *db, const char *zSql) {
  if (sqlite3_exec(db, zSql, 0, 0, 0) != SQLITE_OK) die(db, zSql);
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *s = 0;
  if (sqlite3_prepare_v2(db, zSql, -1, &s, 0) != SQLITE_OK) die(db, zSql);
  return s;
}

static void step(sqlite3 *db, sqlite3_stmt *s) {
  if (sqlite3_step(s) != SQLITE_DONE) die(db, "insert");
  sqlite3_reset(s);
}

/* A measure: its value, or NULL one time in twenty. */
static void bind_measure(SampleRng *rng, sqlite3_stmt *s, int i, int v) {
  if (rng_chance(rng, 0.05))
    sqlite3_bind_null(s, i);
  else
    sqlite3_bind_int(s, i, v);
}

int main(int argc, char **argv) {
  const char *zDb = 0;
  long nCheckin = 1000000, nBehavior = 3000000, nAccount = 50000, nMonth = 24;
  unsigned long long seed = 42;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--checkins") == 0 && i + 1 < argc)
      nCheckin = strtol(argv[++i], 0, 10);
    else if (strcmp(argv[i], "--behavior") == 0 && i + 1 < argc)
      nBehavior = strtol(argv[++i], 0, 10);
    else if (strcmp(argv[i], "--accounts") == 0 && i + 1 < argc)
      nAccount = strtol(argv[++i], 0, 10);
    else if (strcmp(argv[i], "--months") == 0 && i + 1 < argc)
      nMonth = strtol(argv[++i], 0, 10);
    else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
      seed = strtoull(argv[++i], 0, 10);
    else if (argv[i][0] != '-' && zDb == 0)
      zDb = argv[i];
    else {
      zDb = 0;
      break;
    }
  }
  if (zDb == 0 || nCheckin < 1 || nBehavior < 1 || nAccount < 25 || nMonth < 1 || nMonth > 1200) {
    fprintf(stderr, "usage: gen_checkins DB [--checkins N] [--behavior N] [--accounts N]"
                    " [--months N] [--seed N]\n");
    return 2;
  }
  int nDay = (int)((double)nMonth * GEN_DAYS_PER_MONTH);
  GenDate *azDate = date_table(nDay + GEN_TAIL_DAYS + 100);
  SampleRng rng = {seed};

  /* Accounts: touch weight (cumulative, for drawing check-ins), baseline
  ** positive chance, control flag. */
  double *aCum = malloc(sizeof(double) * (size_t)nAccount);
  double *aBase = malloc(sizeof(double) * (size_t)nAccount);
  char *aControl = malloc((size_t)nAccount);
  if (!aCum || !aBase || !aControl) die(0, "accounts");
  double total = 0;
  for (long i = 0; i < nAccount; i++) {
    double r = rng_uniform(&rng), w = r < 0.3 ? 0.2 : r < 0.8 ? 1.0 : 4.0;
    aControl[i] = (char)rng_chance(&rng, GEN_CONTROL_SHARE);
    if (aControl[i]) w = rng_chance(&rng, GEN_CONTAMINATED) ? 0.2 : 0.0;
    aBase[i] = 0.03 + 0.07 * rng_uniform(&rng);
    total += w;
    aCum[i] = total;
  }

  /* Check-ins, then behavior rows, each sorted into time order. */
  GenRow *aCi = malloc(sizeof(GenRow) * (size_t)nCheckin);
  GenRow *aBeh = malloc(sizeof(GenRow) * (size_t)nBehavior);
  if (!aCi || !aBeh) die(0, "rows");
  for (long k = 0; k < nCheckin; k++) {
    aCi[k].acct = pick(aCum, (int)nAccount, rng_uniform(&rng) * total);
    aCi[k].day = (int)rng_range(&rng, 0, nDay - 1);
    aCi[k].a = pick(aTypeCum, 5, rng_uniform(&rng));
    aCi[k].b = (int)rng_range(&rng, 8 * 3600L, 19 * 3600L); /* office hours */
  }
  for (long k = 0; k < nBehavior; k++) {
    GenRow *r = &aBeh[k];
    if (rng_chance(&rng, GEN_FOLLOW_SHARE)) {
      const GenRow *c = &aCi[rng_range(&rng, 0, nCheckin - 1)];
      int lag = (int)rng_range(&rng, 0, 60);
      r->acct = c->acct;
      r->day = c->day + lag;
      r->a = rng_chance(&rng, aBase[c->acct] + (lag <= 30 ? GEN_EFFECT : 0.0));
    } else {
      r->acct = (int)rng_range(&rng, 0, nAccount - 1);
      r->day = (int)rng_range(&rng, 0, nDay + GEN_TAIL_DAYS - 1);
      r->a = rng_chance(&rng, aBase[r->acct]);
    }
    r->b = 0;
  }
  qsort(aCi, (size_t)nCheckin, sizeof(GenRow), cmp_row);
  qsort(aBeh, (size_t)nBehavior, sizeof(GenRow), cmp_row);

  sqlite3 *db = 0;
  if (sqlite3_open(zDb, &db) != SQLITE_OK) die(db, "open");
  exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
           "DROP TABLE IF EXISTS check_in_logs; DROP TABLE IF EXISTS post_check_in_behavior;"
           "DROP TABLE IF EXISTS control_group; DROP TABLE IF EXISTS attribution_model;"
           "CREATE TABLE check_in_logs(id INTEGER PRIMARY KEY, date TEXT, type TEXT,"
           " account TEXT);"
           "CREATE TABLE post_check_in_behavior(id INTEGER PRIMARY KEY, account TEXT,"
           " behavior_date TEXT, usage_spikes INTEGER, upsells INTEGER, renewals INTEGER);"
           "CREATE TABLE control_group(id INTEGER PRIMARY KEY, account TEXT);"
           "CREATE TABLE attribution_model(id INTEGER PRIMARY KEY, account TEXT,"
           " impact_score REAL, calculation_date TEXT);"
           "BEGIN");
  char zAcct[32], zWhen[64];
  sqlite3_stmt *s =
      prepare(db, "INSERT INTO check_in_logs(date, type, account) VALUES (?1, ?2, ?3)");
  for (long k = 0; k < nCheckin; k++) {
    const GenRow *r = &aCi[k];
    snprintf(zWhen, sizeof(zWhen), "%s %02d:%02d:%02d", azDate[r->day], r->b / 3600, r->b / 60 % 60,
             r->b % 60);
    snprintf(zAcct, sizeof(zAcct), "ACC-%06d", r->acct + 1);
    sqlite3_bind_text(s, 1, zWhen, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, azType[r->a], -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, zAcct, -1, SQLITE_STATIC);
    step(db, s);
  }
  sqlite3_finalize(s);

  s = prepare(db, "INSERT INTO post_check_in_behavior(account, behavior_date, usage_spikes,"
                  " upsells, renewals) VALUES (?1, ?2, ?3, ?4, ?5)");
  long nPositive = 0;
  for (long k = 0; k < nBehavior; k++) {
    const GenRow *r = &aBeh[k];
    int spikes = 0, upsells = 0, renewals = 0;
    if (r->a) {
      double u = rng_uniform(&rng);
      if (u < 0.70)
        spikes = 1 + (int)rng_range(&rng, 0, 3);
      else if (u < 0.88)
        upsells = 1;
      else
        renewals = 1;
      nPositive++;
    }
    snprintf(zAcct, sizeof(zAcct), "ACC-%06d", r->acct + 1);
    sqlite3_bind_text(s, 1, zAcct, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, azDate[r->day], -1, SQLITE_STATIC);
    /* NULL only where the measure is 0, so NULL reads as "nothing". */
    if (spikes)
      sqlite3_bind_int(s, 3, spikes);
    else
      bind_measure(&rng, s, 3, 0);
    if (upsells)
      sqlite3_bind_int(s, 4, upsells);
    else
      bind_measure(&rng, s, 4, 0);
    if (renewals)
      sqlite3_bind_int(s, 5, renewals);
    else
      bind_measure(&rng, s, 5, 0);
    step(db, s);
  }
  sqlite3_finalize(s);

  long nControl = 0;
  s = prepare(db, "INSERT INTO control_group(account) VALUES (?1)");
  for (long i = 0; i < nAccount; i++) {
    if (!aControl[i]) continue;
    snprintf(zAcct, sizeof(zAcct), "ACC-%06ld", i + 1);
    sqlite3_bind_text(s, 1, zAcct, -1, SQLITE_STATIC);
    step(db, s);
    nControl++;
  }
  sqlite3_finalize(s);

  /* Quarterly attribution scores, dated the quarter's last day. */
  long nAttr = 0;
  s = prepare(db, "INSERT INTO attribution_model(account, impact_score, calculation_date)"
                  " VALUES (?1, ?2, date(?3, '+3 months', '-1 day'))");
  for (long q = 0; q * 3 < nMonth; q++) {
    char zStart[48]; /* room for any long: -Wformat-truncation at -O2 */
    snprintf(zStart, sizeof(zStart), "%04ld-%02ld-01", 2023 + q / 4, q % 4 * 3 + 1);
    for (long i = 0; i < nAccount; i++) {
      if (!rng_chance(&rng, 0.8)) continue;
      snprintf(zAcct, sizeof(zAcct), "ACC-%06ld", i + 1);
      sqlite3_bind_text(s, 1, zAcct, -1, SQLITE_STATIC);
      sqlite3_bind_double(s, 2, aBase[i] + 0.5 * rng_uniform(&rng));
      sqlite3_bind_text(s, 3, zStart, -1, SQLITE_STATIC);
      step(db, s);
      nAttr++;
    }
  }
  sqlite3_finalize(s);
  exec(db, "COMMIT");
  sqlite3_close(db);
  printf("gen_checkins: %ld accounts (%ld control), %ld check-ins, %ld behavior rows"
         " (%ld positive), %ld attribution rows over %ld months into %s\n",
         nAccount, nControl, nCheckin, nBehavior, nPositive, nAttr, nMonth, zDb);
  free(aCum);
  free(aBase);
  free(aControl);
  free(aCi);
  free(aBeh);
  free(azDate);
  return 0;
}
