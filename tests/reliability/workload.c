/*
** workload.c -- see workload.h.
*/
#include "workload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *zWhat, const char *zDetail) {
  fprintf(stderr, "workload: %s%s%s\n", zWhat, zDetail ? ": " : "", zDetail ? zDetail : "");
  exit(2);
}

static char *read_all(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  if (f == 0) die("cannot open", zPath);
  if (fseek(f, 0, SEEK_END) != 0) die("cannot read", zPath);
  long n = ftell(f);
  if (n < 0 || fseek(f, 0, SEEK_SET) != 0) die("cannot read", zPath);
  char *z = malloc((size_t)n + 1);
  if (z == 0) die("out of memory", 0);
  if (fread(z, 1, (size_t)n, f) != (size_t)n) die("cannot read", zPath);
  z[n] = 0;
  fclose(f);
  return z;
}

void workload_load(const char *zPath, Workload *p) {
  static const char zMark[] = "\n-- @queries";
  memset(p, 0, sizeof(*p));
  p->zText = read_all(zPath);
  char *zQueries = strstr(p->zText, zMark);
  if (zQueries == 0) die("no '-- @queries' line in", zPath);
  *zQueries = 0;
  p->zSetup = p->zText;
  zQueries += sizeof(zMark) - 1;
  /* sqlite3_complete() finds where each statement ends, quotes included. */
  const char *z = zQueries;
  while (*z) {
    while (*z == ' ' || *z == '\n' || *z == '\t' || *z == '\r') z++;
    if (z[0] == '-' && z[1] == '-') {
      while (*z && *z != '\n') z++;
      continue;
    }
    if (*z == 0) break;
    const char *zEnd = z;
    char *zStmt = 0;
    for (;;) {
      zEnd = strchr(zEnd, ';');
      if (zEnd == 0) die("unterminated statement in", zPath);
      zEnd++;
      free(zStmt);
      zStmt = malloc((size_t)(zEnd - z) + 1);
      if (zStmt == 0) die("out of memory", 0);
      memcpy(zStmt, z, (size_t)(zEnd - z));
      zStmt[zEnd - z] = 0;
      if (sqlite3_complete(zStmt)) break;
    }
    zStmt[zEnd - z - 1] = 0; /* drop the ';' */
    p->azQuery = realloc(p->azQuery, sizeof(char *) * (size_t)(p->nQuery + 1));
    if (p->azQuery == 0) die("out of memory", 0);
    p->azQuery[p->nQuery++] = zStmt;
    z = zEnd;
  }
}

void workload_free(Workload *p) {
  for (int i = 0; i < p->nQuery; i++) free(p->azQuery[i]);
  free(p->azQuery);
  free(p->zText);
  memset(p, 0, sizeof(*p));
}

sqlite3 *workload_open(const Workload *p) {
  sqlite3 *db = 0;
  char *zErr = 0;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) die("cannot open a database", sqlite3_errmsg(db));
  if (sqlite3_exec(db, p->zSetup, 0, 0, &zErr) != SQLITE_OK) die("setup failed", zErr);
  return db;
}

typedef struct Out {
  char *z;
  size_t n, nAlloc;
  int oom; /* a libc allocation failed */
} Out;

static void out_append(Out *o, const char *z, size_t n) {
  if (o->oom) return;
  if (o->n + n + 1 > o->nAlloc) {
    size_t nNew = (o->n + n + 1) * 2;
    char *zNew = realloc(o->z, nNew);
    if (zNew == 0) {
      o->oom = 1;
      return;
    }
    o->z = zNew;
    o->nAlloc = nNew;
  }
  memcpy(o->z + o->n, z, n);
  o->n += n;
  o->z[o->n] = 0;
}

/* Appends a short snprintf'd text (a number) held in a. */
static void out_short(Out *o, const char *a) { out_append(o, a, strlen(a)); }

/* Appends column i of the current row of s, typed so that 1, 1.0 and '1'
** render differently. */
static void out_value(Out *o, sqlite3_stmt *s, int i) {
  char a[64];
  switch (sqlite3_column_type(s, i)) {
  case SQLITE_NULL:
    out_append(o, "NULL", 4);
    break;
  case SQLITE_INTEGER:
    snprintf(a, sizeof(a), "%lld", sqlite3_column_int64(s, i));
    out_short(o, a);
    break;
  case SQLITE_FLOAT:
    snprintf(a, sizeof(a), "r%.17g", sqlite3_column_double(s, i));
    out_short(o, a);
    break;
  case SQLITE_BLOB:
    snprintf(a, sizeof(a), "blob(%d)", sqlite3_column_bytes(s, i));
    out_short(o, a);
    break;
  default: {
    const unsigned char *z = sqlite3_column_text(s, i);
    int n = sqlite3_column_bytes(s, i);
    out_append(o, "'", 1);
    out_append(o, z ? (const char *)z : "(nomem)", z ? (size_t)n : 7);
    out_append(o, "'", 1);
  }
  }
}

char *workload_run(sqlite3 *db, const char *zSql, int *pRc) {
  Out o = {0, 0, 0, 0};
  sqlite3_stmt *s = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &s, 0);
  out_append(&o, "", 0);
  if (rc == SQLITE_OK && s != 0) {
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(s); i++) {
        if (i > 0) out_append(&o, "|", 1);
        out_value(&o, s, i);
      }
      out_append(&o, "\n", 1);
    }
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  if (rc != SQLITE_OK) {
    /* Rows already printed belong to the failed run: only the error counts. */
    o.n = 0;
    char a[32];
    snprintf(a, sizeof(a), "error %d: ", rc & 0xff);
    out_short(&o, a);
    out_append(&o, sqlite3_errmsg(db), strlen(sqlite3_errmsg(db)));
  }
  sqlite3_finalize(s);
  *pRc = rc & 0xff;
  if (o.oom) {
    free(o.z);
    return 0;
  }
  return o.z;
}

int workload_not_landed(const char *zResult) {
  static const char *const azMissing[] = {
      "error 1: no such function: ", "error 1: no such table: ", "error 1: no such module: "};
  for (size_t i = 0; i < sizeof(azMissing) / sizeof(azMissing[0]); i++) {
    if (strncmp(zResult, azMissing[i], strlen(azMissing[i])) == 0) return 1;
  }
  return 0;
}
