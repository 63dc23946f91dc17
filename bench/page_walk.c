/*
** bench/page_walk.c -- how fast the rows of a table could be read without
** SQLite's virtual machine stepping each row: a measurement of what a
** page reader would save (docs/performance.md, "What a page reader would
** give"), not a feature of the extension.
**
**   bench_page_walk DB TABLE COL1 COL2 [ROUNDS]
**
** Holds a read transaction on DB (so the file cannot change while it is
** read), finds TABLE's root page and the two columns' places in its
** records, then, ROUNDS times (default 3), reads every row's two text
** columns in two ways that do the same work per row -- the length of both
** and an FNV-1a hash of COL1's bytes, as an entity key would be hashed:
**
**   floor      steps SELECT COL1, COL2 FROM TABLE through the C API and
**              reads both columns (the per-row cost every SQLite client,
**              and csmetrics' feed, pays before any computation);
**   page walk  reads the table's b-tree pages from the file with pread(),
**              in key order, and decodes the two fields of each record
**              (the documented file format: interior and leaf table pages,
**              varints, serial types).
**
** It prints one line per way and round (rows, bytes, hash, CPU seconds,
** CPU ns/row) and the best CPU of each; it exits 1 unless both ways saw
** the same rows, bytes and hash. Limits of a measurement: UTF-8 databases,
** an ordinary rowid table, rows that fit their leaf page (no overflow
** pages), COL1 and COL2 not the INTEGER PRIMARY KEY; anything else is
** refused with a message.
*/
#define _POSIX_C_SOURCE 200809L /* clock_gettime, pread */

#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_util.h"

#define WALK_MAX_DEPTH 40 /* b-tree levels; SQLite's own limit is 20 */
#define WALK_PAD 16       /* zero bytes after each page buffer: a varint never reads past */

/* What both ways compute over the rows. */
typedef struct WalkSum {
  long nRow;
  sqlite3_int64 nByte;
  uint64_t hash; /* sum over rows of FNV-1a(COL1) */
} WalkSum;

static void die(const char *zMsg) {
  fprintf(stderr, "bench_page_walk: %s\n", zMsg);
  exit(1);
}

static uint64_t fnv1a(const unsigned char *z, int n) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (int i = 0; i < n; i++) h = (h ^ z[i]) * 0x100000001b3ULL;
  return h;
}

/* The row's two text fields (0 for NULL or another type) into s. */
static void walk_add(WalkSum *s, const unsigned char *z1, int n1, const unsigned char *z2, int n2) {
  s->nRow++;
  if (z1) {
    s->nByte += n1;
    s->hash += fnv1a(z1, n1);
  }
  if (z2) s->nByte += n2;
}

/* ---------------------------------------------------------------- floor */

static void floor_run(sqlite3 *db, const char *zSql, WalkSum *s) {
  sqlite3_stmt *pStmt;
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) != SQLITE_OK) bench_die(db, zSql);
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    const unsigned char *z1 = 0, *z2 = 0;
    if (sqlite3_column_type(pStmt, 0) == SQLITE_TEXT) z1 = sqlite3_column_text(pStmt, 0);
    int n1 = sqlite3_column_bytes(pStmt, 0);
    if (sqlite3_column_type(pStmt, 1) == SQLITE_TEXT) z2 = sqlite3_column_text(pStmt, 1);
    int n2 = sqlite3_column_bytes(pStmt, 1);
    walk_add(s, z1, n1, z2, n2);
  }
  if (sqlite3_finalize(pStmt) != SQLITE_OK) bench_die(db, zSql);
}

/* ------------------------------------------------------------ page walk */

typedef struct Walk {
  int fd;
  uint32_t nPage;       /* pages in the file */
  int pageSize, usable; /* bytes of a page; of them, not reserved */
  int iCol1, iCol2;     /* the columns' fields in a record */
  unsigned char *aBuf;  /* one page per level, each followed by WALK_PAD zeros */
  WalkSum *pSum;
} Walk;

static unsigned get2(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static uint32_t get4(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Reads SQLite's varint at p into *pv; returns its length (1..9). */
static int get_varint(const unsigned char *p, uint64_t *pv) {
  uint64_t v = 0;
  for (int i = 0; i < 8; i++) {
    v = (v << 7) | (p[i] & 0x7f);
    if ((p[i] & 0x80) == 0) {
      *pv = v;
      return i + 1;
    }
  }
  *pv = (v << 8) | p[8];
  return 9;
}

/* Bytes of a field of serial type t. */
static uint64_t field_size(uint64_t t) {
  static const unsigned char aSize[12] = {0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0};
  return t < 12 ? aSize[t] : (t - 12) / 2;
}

/* Decodes the record of one leaf cell (payload at p, n bytes, all local). */
static void walk_record(Walk *w, const unsigned char *p, uint64_t n) {
  uint64_t nHdr, t, off;
  const unsigned char *z[2] = {0, 0};
  int nz[2] = {0, 0};
  int h = get_varint(p, &nHdr);
  if (nHdr > n || n == 0) die("corrupt record header");
  off = nHdr;
  for (int iField = 0; h < (int)nHdr; iField++) {
    h += get_varint(p + h, &t);
    uint64_t size = field_size(t);
    for (int k = 0; k < 2; k++) {
      if (iField == (k ? w->iCol2 : w->iCol1) && t >= 13 && (t & 1) && off + size <= n) {
        z[k] = p + off;
        nz[k] = (int)size;
      }
    }
    off += size;
  }
  walk_add(w->pSum, z[0], nz[0], z[1], nz[1]);
}

/* Walks the b-tree rooted at page pgno (depth: its level, for its buffer). */
static void walk_page(Walk *w, uint32_t pgno, int depth) {
  if (depth >= WALK_MAX_DEPTH) die("b-tree too deep (corrupt?)");
  if (pgno == 0 || pgno > w->nPage) die("page number out of range (corrupt?)");
  unsigned char *a = w->aBuf + (size_t)depth * (size_t)(w->pageSize + WALK_PAD);
  if (pread(w->fd, a, (size_t)w->pageSize, (off_t)(pgno - 1) * w->pageSize) != w->pageSize) {
    die("short read");
  }
  const unsigned char *hdr = a + (pgno == 1 ? 100 : 0);
  unsigned nCell = get2(hdr + 3);
  /* Every cell pointer points inside the page; a varint read from near its
  ** end runs into the zero padding, and a cell's payload is checked below. */
  if ((size_t)(hdr - a) + 12 + 2 * (size_t)nCell > (size_t)w->pageSize) die("corrupt page");
  for (unsigned i = 0; i < nCell; i++) {
    unsigned off = get2(hdr + (hdr[0] == 0x05 ? 12 : 8) + 2 * i);
    if (off < 8 || off + 4 > (unsigned)w->usable) die("corrupt cell pointer");
  }
  if (hdr[0] == 0x05) { /* interior table page: children left to right */
    for (unsigned i = 0; i < nCell; i++) walk_page(w, get4(a + get2(hdr + 12 + 2 * i)), depth + 1);
    walk_page(w, get4(hdr + 8), depth + 1);
    return;
  }
  if (hdr[0] != 0x0d) die("not a table b-tree page");
  for (unsigned i = 0; i < nCell; i++) {
    const unsigned char *p = a + get2(hdr + 8 + 2 * i);
    uint64_t nPayload, rowid;
    p += get_varint(p, &nPayload);
    p += get_varint(p, &rowid);
    if (nPayload > (uint64_t)w->usable - 35) die("a row with overflow pages (not measured)");
    if (p + nPayload > a + w->usable) die("corrupt cell");
    walk_record(w, p, nPayload);
  }
}

/* ----------------------------------------------------------------- main */

/* The column's field in TABLE's records (its cid), refusing the INTEGER
** PRIMARY KEY (stored as the rowid, not in the record). */
static int column_field(sqlite3 *db, const char *zTable, const char *zCol) {
  sqlite3_stmt *pStmt;
  int iField = -1;
  char *zSql = sqlite3_mprintf("SELECT cid, pk, lower(type) FROM pragma_table_info(%Q)"
                               " WHERE name = %Q COLLATE NOCASE",
                               zTable, zCol);
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) != SQLITE_OK) bench_die(db, zSql);
  if (sqlite3_step(pStmt) == SQLITE_ROW) {
    const char *zType = (const char *)sqlite3_column_text(pStmt, 2);
    if (sqlite3_column_int(pStmt, 1) == 1 && zType && strcmp(zType, "integer") == 0) {
      die("a column is the INTEGER PRIMARY KEY (not measured)");
    }
    iField = sqlite3_column_int(pStmt, 0);
  }
  sqlite3_finalize(pStmt);
  sqlite3_free(zSql);
  if (iField < 0) die("no such column");
  return iField;
}

static sqlite3_int64 query_int(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt;
  sqlite3_int64 v = -1;
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) != SQLITE_OK) bench_die(db, zSql);
  if (sqlite3_step(pStmt) == SQLITE_ROW) v = sqlite3_column_int64(pStmt, 0);
  sqlite3_finalize(pStmt);
  return v;
}

static void report(const char *zWay, int iRound, const WalkSum *s, double cpu) {
  printf("%-9s round %d: rows %ld bytes %lld hash %016llx cpu %.3f s %.1f ns/row\n", zWay, iRound,
         s->nRow, (long long)s->nByte, (unsigned long long)s->hash, cpu,
         s->nRow ? cpu * 1e9 / (double)s->nRow : 0.0);
}

int main(int argc, char **argv) {
  sqlite3 *db;
  if (argc < 5) die("usage: bench_page_walk DB TABLE COL1 COL2 [ROUNDS]");
  const char *zDb = argv[1], *zTable = argv[2];
  int nRound = argc > 5 ? atoi(argv[5]) : 3;
  if (sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, 0) != SQLITE_OK) bench_die(db, zDb);
  /* The read transaction: no writer commits until the end. */
  if (sqlite3_exec(db, "BEGIN; SELECT count(*) FROM sqlite_schema", 0, 0, 0) != SQLITE_OK) {
    bench_die(db, "BEGIN");
  }
  char *zQ = sqlite3_mprintf("SELECT (SELECT encoding FROM pragma_encoding) = 'UTF-8'"
                             " AND (SELECT journal_mode FROM pragma_journal_mode) <> 'wal'");
  if (query_int(db, zQ) != 1) die("only UTF-8 databases not in WAL mode are measured");
  sqlite3_free(zQ);
  zQ = sqlite3_mprintf("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = %Q"
                       " AND sql NOT LIKE '%%without rowid%%'",
                       zTable);
  sqlite3_int64 root = query_int(db, zQ);
  sqlite3_free(zQ);
  if (root <= 0) die("no such rowid table");

  Walk w;
  memset(&w, 0, sizeof(w));
  w.pageSize = (int)query_int(db, "PRAGMA page_size");
  w.nPage = (uint32_t)query_int(db, "PRAGMA page_count");
  w.iCol1 = column_field(db, zTable, argv[3]);
  w.iCol2 = column_field(db, zTable, argv[4]);
  w.fd = open(zDb, O_RDONLY);
  if (w.fd < 0) die("cannot open the file");
  unsigned char aHdr[100];
  if (pread(w.fd, aHdr, sizeof(aHdr), 0) != (ssize_t)sizeof(aHdr)) die("short read");
  w.usable = w.pageSize - aHdr[20];
  w.aBuf = calloc(WALK_MAX_DEPTH, (size_t)w.pageSize + WALK_PAD);
  if (w.aBuf == 0) die("out of memory");
  char *zSql = sqlite3_mprintf("SELECT \"%w\", \"%w\" FROM \"%w\"", argv[3], argv[4], zTable);

  double best[2] = {1e30, 1e30};
  WalkSum sum[2];
  for (int r = 1; r <= nRound; r++) {
    for (int way = 0; way < 2; way++) {
      memset(&sum[way], 0, sizeof(sum[way]));
      double t0 = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
      if (way == 0) {
        floor_run(db, zSql, &sum[0]);
      } else {
        w.pSum = &sum[1];
        walk_page(&w, (uint32_t)root, 0);
      }
      double cpu = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - t0;
      if (cpu < best[way]) best[way] = cpu;
      report(way ? "page walk" : "floor", r, &sum[way], cpu);
    }
    if (sum[0].nRow != sum[1].nRow || sum[0].nByte != sum[1].nByte || sum[0].hash != sum[1].hash) {
      die("the page walk and the floor disagree");
    }
  }
  printf("best cpu: floor %.3f s (%.1f ns/row), page walk %.3f s (%.1f ns/row), %.2fx\n", best[0],
         best[0] * 1e9 / (double)sum[0].nRow, best[1], best[1] * 1e9 / (double)sum[1].nRow,
         best[1] / best[0]);
  sqlite3_free(zSql);
  free(w.aBuf);
  close(w.fd);
  sqlite3_exec(db, "COMMIT", 0, 0, 0);
  sqlite3_close(db);
  return 0;
}
