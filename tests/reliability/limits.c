/*
** limits.c -- the extension inside a constrained host, over the whole
** workload (workload.sql):
**   1. SQLITE_LIMIT_LENGTH: with the limit lowered to 40 bytes, every query
**      either fails cleanly (SQLITE_TOOBIG or an SQL error) or returns only
**      values within the limit; a bar() wider than the limit is SQLITE_TOOBIG;
**      an error message quoting a megabyte argument stays short.
**   2. Read-only and immutable databases: the workload's data written to a
**      file, reopened with SQLITE_OPEN_READONLY, with "?immutable=1", and
**      attached read-only as schema "ro" (cohort_retention('ro.usage_events')):
**      every query gives the same result as on the writable database.
**
**   limits tests/reliability/workload.sql
*/
#define _POSIX_C_SOURCE 200809L /* mkstemp */

#include "csmetrics.h"
#include "workload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SMALL_LIMIT 40

static int nPass, nFail;

static void check(int bOk, const char *zWhat, const char *zDetail) {
  if (bOk) {
    nPass++;
  } else {
    nFail++;
    printf("FAIL %s%s%s\n", zWhat, zDetail ? ": " : "", zDetail ? zDetail : "");
  }
}

/* Runs zSql and checks that it fails with SQLITE_TOOBIG or another clean
** error, or returns only values of at most nLimit bytes. */
static void check_within_limit(sqlite3 *db, const char *zSql, int nLimit) {
  sqlite3_stmt *s = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &s, 0);
  int bOk = 1;
  while (rc == SQLITE_OK || rc == SQLITE_ROW) {
    if ((rc = sqlite3_step(s)) != SQLITE_ROW) break;
    for (int i = 0; i < sqlite3_column_count(s); i++) {
      int t = sqlite3_column_type(s, i);
      if ((t == SQLITE_TEXT || t == SQLITE_BLOB) && sqlite3_column_bytes(s, i) > nLimit) bOk = 0;
    }
  }
  bOk = bOk && (rc == SQLITE_DONE || rc == SQLITE_TOOBIG || rc == SQLITE_ERROR);
  if (!bOk) printf("  rc %d: %s\n", rc, sqlite3_errmsg(db));
  sqlite3_finalize(s);
  check(bOk, "value within SQLITE_LIMIT_LENGTH", zSql);
}

/* The first column of the first row of zSql, or the error, as text into
** zOut; returns the result code of the step. */
static int query_one(sqlite3 *db, const char *zSql, char *zOut, size_t nOut) {
  sqlite3_stmt *s = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &s, 0);
  if (rc == SQLITE_OK) rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) {
    const char *z = (const char *)sqlite3_column_text(s, 0);
    snprintf(zOut, nOut, "%s", z ? z : "NULL");
  } else {
    snprintf(zOut, nOut, "%s", sqlite3_errmsg(db));
  }
  sqlite3_finalize(s);
  return rc;
}

static void test_length_limit(const Workload *w) {
  sqlite3 *db = workload_open(w);
  char z[512];
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, SMALL_LIMIT);
  for (int i = 0; i < w->nQuery; i++) check_within_limit(db, w->azQuery[i], SMALL_LIMIT);
  /* 14 characters of 3 bytes: 42 bytes. */
  int rc = query_one(db, "SELECT bar(1, 2, 14)", z, sizeof(z));
  check(rc == SQLITE_TOOBIG, "bar longer than the limit is SQLITE_TOOBIG", z);
  rc = query_one(db, "SELECT bar(1, 2, 13)", z, sizeof(z));
  check(rc == SQLITE_ROW && strlen(z) == 39, "bar within the limit", z);
  sqlite3_close(db);

  /* A megabyte argument in an error message is cut short. */
  db = workload_open(w);
  rc = query_one(db, "SELECT health_score(printf('%.*c', 1000000, 'x'), 1, 1, 1, 1)", z, sizeof(z));
  check(rc == SQLITE_ERROR && strlen(z) < 200, "error quoting a long value stays short", z);
  rc = query_one(db, "SELECT health_tier(50, '[' || printf('%.*c', 1000000, '9') || ']')", z,
                 sizeof(z));
  check(rc == SQLITE_ERROR && strlen(z) < 200, "error on a long JSON argument stays short", z);
  rc = query_one(db, "SELECT score_steps(1, printf('[%.*c1,1]]', 1000000, '['))", z, sizeof(z));
  check(rc == SQLITE_ERROR && strlen(z) < 200, "error on deeply nested JSON stays short", z);
  sqlite3_close(db);
}

/* Runs every query on db and compares with azRef. */
static void compare_all(sqlite3 *db, const Workload *w, char **azRef, const char *zHow) {
  for (int i = 0; i < w->nQuery; i++) {
    int rc;
    char *zGot = workload_run(db, w->azQuery[i], &rc);
    if (zGot == 0) exit(2);
    int bSame = strcmp(zGot, azRef[i]) == 0;
    check(bSame, zHow, w->azQuery[i]);
    if (!bSame) printf("  got      %.300s\n  expected %.300s\n", zGot, azRef[i]);
    free(zGot);
  }
}

/* The workload's queries with "usage_events" read through schema ro. */
static void compare_attached(sqlite3 *db, char *zRef) {
  int rc;
  char *zGot = workload_run(db, "SELECT * FROM cohort_retention('ro.usage_events', 'week')", &rc);
  if (zGot == 0) exit(2);
  check(strcmp(zGot, zRef) == 0, "cohort_retention on an attached read-only schema", zGot);
  free(zGot);
}

static void test_read_only(const Workload *w) {
  char zPath[] = "/tmp/csmetrics-readonly-XXXXXX";
  int fd = mkstemp(zPath);
  if (fd < 0) exit(2);
  close(fd);
  char *zUri = sqlite3_mprintf("file:%s?immutable=1", zPath);
  char *zAttach = sqlite3_mprintf("ATTACH 'file:%q?mode=ro' AS ro", zPath);
  char **azRef = calloc((size_t)w->nQuery, sizeof(char *));
  sqlite3 *db = 0;
  int rc;
  if (zUri == 0 || zAttach == 0 || azRef == 0) exit(2);

  /* The reference: the workload on a writable file database. */
  if (sqlite3_open(zPath, &db) != SQLITE_OK || sqlite3_exec(db, w->zSetup, 0, 0, 0) != SQLITE_OK) {
    printf("FAIL cannot build %s: %s\n", zPath, sqlite3_errmsg(db));
    exit(1);
  }
  for (int i = 0; i < w->nQuery; i++) {
    azRef[i] = workload_run(db, w->azQuery[i], &rc);
    if (azRef[i] == 0) exit(2);
  }
  char *zWeekly = workload_run(db, "SELECT * FROM cohort_retention('usage_events', 'week')", &rc);
  sqlite3_close(db);

  sqlite3_open_v2(zPath, &db, SQLITE_OPEN_READONLY, 0);
  compare_all(db, w, azRef, "same result on a read-only database");
  sqlite3_close(db);

  sqlite3_open_v2(zUri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, 0);
  compare_all(db, w, azRef, "same result on an immutable database");
  sqlite3_close(db);

  sqlite3_open(":memory:", &db);
  rc = sqlite3_exec(db, zAttach, 0, 0, 0);
  check(rc == SQLITE_OK, "attach read-only", sqlite3_errmsg(db));
  compare_attached(db, zWeekly);
  sqlite3_close(db);

  for (int i = 0; i < w->nQuery; i++) free(azRef[i]);
  free(azRef);
  free(zWeekly);
  sqlite3_free(zUri);
  sqlite3_free(zAttach);
  unlink(zPath);
}

int main(int argc, char **argv) {
  Workload w;
  if (argc != 2) {
    fprintf(stderr, "usage: limits WORKLOAD.sql\n");
    return 2;
  }
  sqlite3_auto_extension((void (*)(void))sqlite3_csmetrics_init);
  workload_load(argv[1], &w);
  test_length_limit(&w);
  test_read_only(&w);
  workload_free(&w);
  sqlite3_reset_auto_extension();
  printf("%d passed, %d failed\n", nPass, nFail);
  return nFail ? 1 : 0;
}
