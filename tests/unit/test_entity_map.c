/*
** test_entity_map.c -- ext/entity_map.c: key equality by SQL storage class,
** dense indexes in order of first appearance, and growth to many keys
** checked against a second, independent count (SQL's COUNT(DISTINCT)),
** and the batch path against one-at-a-time interning on the same keys
** (requirement E3): same indexes, in batches of every size, with runs of
** one key crossing batch boundaries.
*/
#include "entity_map.h"
#include "unit.h"

/* Interns every value of column 0 of zSql; returns how many were new. */
static int intern_all(sqlite3 *db, CsmEntityMap *pMap, const char *zSql, sqlite3_int64 *aIdx,
                      int nMax) {
  sqlite3_stmt *s;
  int nNew = 0, i = 0, nFailed = 0;
  sqlite3_prepare_v2(db, zSql, -1, &s, 0);
  while (sqlite3_step(s) == SQLITE_ROW) {
    sqlite3_int64 idx = -1;
    int bNew = 0;
    int rc = csm_entity_map_intern(pMap, sqlite3_column_value(s, 0), &idx, &bNew);
    nFailed += rc != SQLITE_OK;
    if (i < nMax) aIdx[i++] = idx;
    nNew += bNew;
  }
  sqlite3_finalize(s);
  CHECK(nFailed == 0, "%d interns failed", nFailed);
  return nNew;
}

static void test_equality(sqlite3 *db) {
  CsmEntityMap *pMap = csm_entity_map_new();
  sqlite3_int64 a[12] = {0};
  int nNew = intern_all(db, pMap,
                        "VALUES ('ACME'), (1), (1.0), ('1'), (x'31'), (1.5), ('acme'),"
                        " ('ACME'), (''), (x''), (-0.0), (0)",
                        a, 12);
  /* ACME=0, 1=1, 1.0 same as 1, '1'=2, x'31'=3, 1.5=4, 'acme'=5, ''=6,
  ** x''=7, -0.0 is the integer 0 = 8, 0 the same. */
  const sqlite3_int64 aWant[12] = {0, 1, 1, 2, 3, 4, 5, 0, 6, 7, 8, 8};
  int bSame = 1;
  for (int i = 0; i < 12; i++) bSame &= a[i] == aWant[i];
  CHECK(bSame, "indexes %lld %lld %lld %lld %lld %lld %lld %lld %lld %lld %lld %lld", a[0], a[1],
        a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11]);
  CHECK(nNew == 9 && csm_entity_map_count(pMap) == 9, "9 distinct keys, got %d", nNew);
  csm_entity_map_free(pMap);
  csm_entity_map_free(0);
}

static void test_many(sqlite3 *db) {
  CsmEntityMap *pMap = csm_entity_map_new();
  /* 300,000 keys with repeats, text and integers mixed, long keys too. */
  const char *zKeys =
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 299999)"
      " SELECT CASE i % 3 WHEN 0 THEN 'acct-' || (i * 7919 % 100003)"
      "                   WHEN 1 THEN i * 7919 % 100003"
      "                   ELSE printf('%.200c', 'x') || (i % 1000) END FROM n";
  int nNew = intern_all(db, pMap, zKeys, 0, 0);
  sqlite3_stmt *s;
  char *zCount = sqlite3_mprintf("WITH keys(k) AS (%s) SELECT count(DISTINCT k) FROM keys", zKeys);
  sqlite3_prepare_v2(db, zCount, -1, &s, 0);
  sqlite3_step(s);
  sqlite3_int64 nDistinct = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_free(zCount);
  CHECK(nNew == nDistinct && csm_entity_map_count(pMap) == nDistinct,
        "%d new keys, SQL counts %lld", nNew, nDistinct);
  /* A second pass finds every key again and adds none. */
  CHECK(intern_all(db, pMap, zKeys, 0, 0) == 0, "second pass adds nothing");
  csm_entity_map_free(pMap);
}

/* csm_entity_map_find never adds; csm_entity_map_intern_int shares the
** INTEGER keys of csm_entity_map_intern (and so 1.0 and 1). */
static void test_find_and_int(sqlite3 *db) {
  CsmEntityMap *pMap = csm_entity_map_new();
  sqlite3_stmt *s;
  sqlite3_int64 idx = 0, aFound[4] = {-2, -2, -2, -2}; /* -2: never set */
  int bNew = 0;
  sqlite3_prepare_v2(db, "VALUES ('ACME'), (7), (7.0), ('7')", -1, &s, 0);
  CHECK(sqlite3_step(s) == SQLITE_ROW, "row");
  CHECK(csm_entity_map_find(pMap, sqlite3_column_value(s, 0), &idx) == SQLITE_OK && idx == -1,
        "find in an empty map: %lld", idx);
  csm_entity_map_intern(pMap, sqlite3_column_value(s, 0), &idx, &bNew); /* ACME = 0 */
  CHECK(csm_entity_map_intern_int(pMap, 7, &idx, &bNew) == SQLITE_OK && idx == 1 && bNew,
        "integer 7 is new: %lld", idx);
  CHECK(csm_entity_map_intern_int(pMap, 7, &idx, &bNew) == SQLITE_OK && idx == 1 && !bNew,
        "integer 7 again: %lld", idx);
  sqlite3_reset(s);
  for (int i = 0; i < 4 && sqlite3_step(s) == SQLITE_ROW; i++) {
    csm_entity_map_find(pMap, sqlite3_column_value(s, 0), &aFound[i]);
  }
  sqlite3_finalize(s);
  CHECK(aFound[0] == 0 && aFound[1] == 1 && aFound[2] == 1 && aFound[3] == -1,
        "found %lld %lld %lld %lld", aFound[0], aFound[1], aFound[2], aFound[3]);
  CHECK(csm_entity_map_count(pMap) == 2, "find added nothing");
  /* Many integer keys, with a second pass that adds none. */
  int nNew = 0, nBad = 0;
  for (int pass = 0; pass < 2; pass++) {
    for (sqlite3_int64 k = -50000; k < 50000; k++) {
      nBad += csm_entity_map_intern_int(pMap, k * 7919, &idx, &bNew) != SQLITE_OK;
      nNew += bNew;
    }
  }
  CHECK(nBad == 0 && nNew == 100000, "100000 integer keys: %d new", nNew);
  csm_entity_map_free(pMap);
}

/* Interns column 0 of zSql one at a time in one map and through batches
** whose size cycles through 1..CSM_ENTITY_BATCH in another; every index and
** the counts must agree. */
static void check_batch(sqlite3 *db, const char *zSql) {
  CsmEntityMap *pOne = csm_entity_map_new(), *pMany = csm_entity_map_new();
  CsmEntityBatch *pB = csm_entity_batch_new(pMany);
  sqlite3_stmt *s;
  sqlite3_int64 aWant[CSM_ENTITY_BATCH], aGot[CSM_ENTITY_BATCH];
  int nRow = 0, nBad = 0, nFailed = 0, nBatch = 1, nIn = 0;
  CHECK(pOne && pMany && pB, "allocations");
  sqlite3_prepare_v2(db, zSql, -1, &s, 0);
  for (;;) {
    int bRow = sqlite3_step(s) == SQLITE_ROW;
    if (bRow) {
      int bNew;
      nFailed += csm_entity_map_intern(pOne, sqlite3_column_value(s, 0), &aWant[nIn], &bNew);
      nFailed += csm_entity_batch_add(pB, sqlite3_column_value(s, 0));
      nIn++;
      nRow++;
    }
    if (nIn > 0 && (nIn == nBatch || !bRow)) {
      CHECK(csm_entity_batch_count(pB) == nIn, "batch count %d", csm_entity_batch_count(pB));
      nFailed += csm_entity_batch_intern(pB, aGot);
      for (int i = 0; i < nIn; i++) nBad += aGot[i] != aWant[i];
      nIn = 0;
      nBatch = nBatch % CSM_ENTITY_BATCH + 1;
    }
    if (!bRow) break;
  }
  sqlite3_finalize(s);
  CHECK(nFailed == 0, "%d calls failed", nFailed);
  CHECK(nBad == 0, "%d of %d batch indexes differ", nBad, nRow);
  CHECK(csm_entity_map_count(pOne) == csm_entity_map_count(pMany), "counts %lld and %lld",
        (long long)csm_entity_map_count(pOne), (long long)csm_entity_map_count(pMany));
  csm_entity_batch_free(pB);
  csm_entity_map_free(pOne);
  csm_entity_map_free(pMany);
}

static void test_batch(sqlite3 *db) {
  /* Mixed types, runs of one key (i / 5), long keys, 1 vs 1.0 vs '1'. */
  check_batch(db, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)"
                  " SELECT CASE i / 5 % 6 WHEN 0 THEN 'acct-' || (i / 5 * 7919 % 3001)"
                  " WHEN 1 THEN i / 5 * 7919 % 3001 WHEN 2 THEN (i / 5 * 7919 % 3001) * 1.0"
                  " WHEN 3 THEN printf('%.40c', 'k') || (i / 5 % 700)"
                  " WHEN 4 THEN CAST(i / 5 % 50 AS BLOB) ELSE (i / 5 % 90) + 0.5 END FROM n");
  /* One key only, and the empty text and blob. */
  check_batch(db, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)"
                  " SELECT 'same' FROM n");
  check_batch(db, "VALUES (''), (x''), (''), (0), (0.0), (-0.0), (x''), ('')");
  /* Crafted integers: multiples of a large power of two, which an unkeyed
  ** identity-like hash would put in one slot. */
  check_batch(db, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 49999)"
                  " SELECT i * 1048576 FROM n");
  CsmEntityMap *pMap = csm_entity_map_new();
  CsmEntityBatch *pB = csm_entity_batch_new(pMap);
  sqlite3_stmt *s;
  sqlite3_prepare_v2(db, "SELECT 1", -1, &s, 0);
  sqlite3_step(s);
  int rc = SQLITE_OK;
  for (int i = 0; i <= CSM_ENTITY_BATCH && rc == SQLITE_OK; i++) {
    rc = csm_entity_batch_add(pB, sqlite3_column_value(s, 0));
  }
  sqlite3_finalize(s);
  CHECK(rc == SQLITE_FULL && csm_entity_batch_count(pB) == CSM_ENTITY_BATCH,
        "a full batch refuses a key: rc %d", rc);
  csm_entity_batch_free(pB);
  csm_entity_batch_free(0);
  csm_entity_map_free(pMap);
}

int main(void) {
  sqlite3 *db;
  sqlite3_open(":memory:", &db);
  test_equality(db);
  test_many(db);
  test_find_and_int(db);
  test_batch(db);
  sqlite3_close(db);
  return unit_report();
}
