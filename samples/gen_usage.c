/*
** gen_usage.c -- writes a realistic usage_events table (docs/data-model.md:
** id, account, user_id, date, feature, event_count; one row per account,
** user, feature and day) for the cohort_retention benchmark and demos.
**
**   gen_usage /tmp/usage.db                      200,000 accounts, 10M rows, 24 months
**   gen_usage /tmp/small.db --accounts 2000 --rows 100000 --months 12 --seed 7
**
** How the data behaves: accounts sign up uniformly over the months; each
** has a plan size (users, engagement) and a monthly churn hazard that is
** highest in the first months, so every signup cohort decays the way real
** SaaS cohorts do, and some churned accounts come back briefly. On each day
** an account is alive it is active with its engagement probability (lower
** at weekends and in the two months before it churns) and then writes a
** few (user, feature) rows. Rows are written in time order (day, then
** account), as an events table fills up. The row count is steered to
** --rows by scaling the rows per active account-day. Deterministic: the
** same options and seed give the same database. An existing usage_events
** table is replaced.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sample_rng.h"

#define GEN_N_FEATURES 12
#define GEN_DAYS_PER_MONTH 30.4375
#define GEN_MIN_ROWS 3.0 /* fewest rows per active account-day, on average */

static const char *azFeature[GEN_N_FEATURES] = {"dashboard", "reports",      "alerts",   "exports",
                                                "api",       "integrations", "sso",      "workflow",
                                                "billing",   "search",       "comments", "admin"};

typedef struct GenAccount {
  int signupDay; /* first day alive, days from the start date */
  int endDay;    /* first day no longer alive (churned or past the end) */
  int returnDay; /* a short comeback after churn starts here, or -1 */
  int nUser;     /* seats in use */
  double engage; /* probability of activity on a weekday */
} GenAccount;

static void die(sqlite3 *db, const char *zWhat) {
  fprintf(stderr, "gen_usage: %s: %s\n", zWhat, db ? sqlite3_errmsg(db) : "?");
  exit(1);
}

/* Probability that account a is active on day d (0 when not alive). */
static double active_prob(const GenAccount *a, int d, int weekday, int nDay) {
  int alive = (d >= a->signupDay && d < a->endDay) ||
              (a->returnDay >= 0 && d >= a->returnDay && d < a->returnDay + 20);
  if (!alive) return 0.0;
  double p = a->engage * (weekday >= 5 ? 0.35 : 1.0);
  if (a->endDay < nDay && d < a->endDay && a->endDay - d < 60) p *= 0.5; /* fading */
  return p;
}

int main(int argc, char **argv) {
  const char *zDb = 0;
  long nAccount = 200000, nTarget = 10000000, nMonth = 24;
  unsigned long long seed = 42;
  int startY = 2023, startM = 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--accounts") == 0 && i + 1 < argc) {
      nAccount = atol(argv[++i]);
    } else if (strcmp(argv[i], "--rows") == 0 && i + 1 < argc) {
      nTarget = atol(argv[++i]);
    } else if (strcmp(argv[i], "--months") == 0 && i + 1 < argc) {
      nMonth = atol(argv[++i]);
    } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      seed = strtoull(argv[++i], 0, 10);
    } else if (argv[i][0] != '-' && zDb == 0) {
      zDb = argv[i];
    } else {
      zDb = 0;
      break;
    }
  }
  if (zDb == 0 || nAccount < 1 || nTarget < 1 || nMonth < 1 || nMonth > 1200) {
    fprintf(stderr, "usage: gen_usage DB [--accounts N] [--rows N] [--months N] [--seed N]\n");
    return 2;
  }
  int nDay = (int)(nMonth * GEN_DAYS_PER_MONTH);
  SampleRng rng = {seed};
  GenAccount *aAcc = malloc(sizeof(GenAccount) * (size_t)nAccount);
  if (aAcc == 0) return 1;

  /* Accounts, and the expected number of active account-days. */
  double expectedDays = 0;
  for (long i = 0; i < nAccount; i++) {
    GenAccount *a = &aAcc[i];
    a->signupDay = (int)rng_range(&rng, 0, nDay - 1);
    a->nUser = 1 + (int)(rng_uniform(&rng) * rng_uniform(&rng) * 25);
    a->engage = 0.25 + 0.7 * rng_uniform(&rng);
    /* Monthly churn hazard: high while onboarding, then settling. */
    double hazard = 0.02 + 0.08 * rng_uniform(&rng) * (a->engage < 0.5 ? 2.0 : 1.0);
    int day = a->signupDay, month = 0;
    while (day < nDay) {
      double h = month < 3 ? hazard * 2.5 : hazard;
      if (rng_chance(&rng, h)) break;
      day += (int)GEN_DAYS_PER_MONTH;
      month++;
    }
    a->endDay = day < nDay ? day + (int)rng_range(&rng, 0, 29) : nDay;
    if (a->endDay > nDay) a->endDay = nDay;
    a->returnDay = (a->endDay < nDay - 40 && rng_chance(&rng, 0.1))
                       ? a->endDay + (int)rng_range(&rng, 30, 120)
                       : -1;
    for (int d = a->signupDay; d < nDay; d++) {
      expectedDays += active_prob(a, d, (d + 6) % 7, nDay);
      if (d >= a->endDay && (a->returnDay < 0 || d >= a->returnDay + 20)) break;
    }
  }
  /* Rows per active account-day; when that would fall below GEN_MIN_ROWS,
  ** accounts are made less active instead (pActive scales every chance). */
  double rowsPerDay = expectedDays > 0 ? (double)nTarget / expectedDays : 1.0;
  double pActive = 1.0;
  if (rowsPerDay < GEN_MIN_ROWS) {
    pActive = rowsPerDay / GEN_MIN_ROWS;
    rowsPerDay = GEN_MIN_ROWS;
  }

  sqlite3 *db = 0;
  sqlite3_stmt *pIns = 0;
  if (sqlite3_open(zDb, &db) != SQLITE_OK) die(db, "open");
  if (sqlite3_exec(db,
                   "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                   "DROP TABLE IF EXISTS usage_events;"
                   "CREATE TABLE usage_events(id INTEGER PRIMARY KEY, account TEXT,"
                   " user_id TEXT, date TEXT, feature TEXT, event_count INTEGER);"
                   "BEGIN",
                   0, 0, 0) != SQLITE_OK) {
    die(db, "create");
  }
  if (sqlite3_prepare_v2(db,
                         "INSERT INTO usage_events(account, user_id, date, feature,"
                         " event_count) VALUES(?1, ?2, ?3, ?4, ?5)",
                         -1, &pIns, 0) != SQLITE_OK) {
    die(db, "prepare");
  }

  /* Day 0 is startY-startM-01; weekday 0 = Monday. */
  long nRow = 0;
  char zDate[48], zAccount[32], zUser[48];
  for (int d = 0; d < nDay; d++) {
    int y = startY, m = startM, dd = d + 1;
    static const int aLen[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (;;) {
      int len = aLen[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
      if (dd <= len) break;
      dd -= len;
      if (++m > 12) m = 1, y++;
    }
    snprintf(zDate, sizeof(zDate), "%04d-%02d-%02d", y, m, dd);
    int weekday = (d + 6) % 7; /* 2023-01-01 was a Sunday */
    for (long i = 0; i < nAccount; i++) {
      GenAccount *a = &aAcc[i];
      double p = pActive * active_prob(a, d, weekday, nDay);
      if (p == 0.0 || !rng_chance(&rng, p)) continue;
      int nPair = a->nUser * GEN_N_FEATURES;
      int nRowToday = 1 + (int)(rng_uniform(&rng) * 2.0 * (rowsPerDay - 1.0) + 0.5);
      if (nRowToday > nPair) nRowToday = nPair;
      int first = (int)rng_range(&rng, 0, nPair - 1);
      snprintf(zAccount, sizeof(zAccount), "acct-%06ld", i + 1);
      for (int k = 0; k < nRowToday; k++) {
        int pair = (first + k) % nPair; /* distinct (user, feature) pairs */
        snprintf(zUser, sizeof(zUser), "u-%06ld-%02d", i + 1, pair / GEN_N_FEATURES + 1);
        sqlite3_bind_text(pIns, 1, zAccount, -1, SQLITE_STATIC);
        sqlite3_bind_text(pIns, 2, zUser, -1, SQLITE_STATIC);
        sqlite3_bind_text(pIns, 3, zDate, -1, SQLITE_STATIC);
        sqlite3_bind_text(pIns, 4, azFeature[pair % GEN_N_FEATURES], -1, SQLITE_STATIC);
        sqlite3_bind_int(pIns, 5, 1 + (int)(rng_uniform(&rng) * rng_uniform(&rng) * 40));
        if (sqlite3_step(pIns) != SQLITE_DONE) die(db, "insert");
        sqlite3_reset(pIns);
        nRow++;
      }
    }
  }
  sqlite3_finalize(pIns);
  if (sqlite3_exec(db, "COMMIT", 0, 0, 0) != SQLITE_OK) die(db, "commit");
  sqlite3_close(db);
  free(aAcc);
  printf("gen_usage: %ld accounts, %ld rows over %ld months into %s\n", nAccount, nRow, nMonth,
         zDb);
  return 0;
}
