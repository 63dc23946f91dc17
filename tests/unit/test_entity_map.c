/*
** test_entity_map.c -- ext/entity_map.c: key equality by SQL storage class,
** dense indexes in order of first appearance, and growth to many keys
** checked against a second, independent count (SQL's COUNT(DISTINCT)).
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

int main(void) {
  sqlite3 *db;
  sqlite3_open(":memory:", &db);
  test_equality(db);
  test_many(db);
  test_find_and_int(db);
  sqlite3_close(db);
  return unit_report();
}
