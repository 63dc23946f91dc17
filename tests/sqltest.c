/*
** sqltest.c -- the SQL test runner and the docs-example checker.
**
**   sqltest EXTENSION FILE.sql...        run SQL test files
**   sqltest EXTENSION FILE.md...         run the examples in docs pages
**   sqltest --update EXTENSION FILE.md   rewrite docs outputs with real ones
**
** Each file runs on a fresh in-memory database with the extension loaded.
** Before loading it, the runner saves what SQLite alone provides in
** temp.baseline_functions(name, narg) and temp.baseline_modules(name), so
** the registration test can compare against them.
**
** SQL test files (tests/sql/NAME.sql) are statements run in order:
**   - a statement that returns rows is an assertion; each row is
**       'id', condition                 -- condition must be 1
**       'id', actual, expected          -- actual must equal expected
**     (numbers compare to 1e-9 relative; text exactly; NULL only to NULL);
**     a read-only statement of two or more columns that returns no row
**     fails, so an assertion cannot pass by selecting nothing;
**   - a line "-- error: MESSAGE" just before a statement means it must fail
**     with exactly MESSAGE;
**   - anything else must succeed;
**   - a line "-- include: PATH" among the comments before a statement (or at
**     the end of the file) runs the SQL file PATH first, as the shell's
**     .read would: PATH is relative to the working directory, the
**     repository root under CTest, so a test can load sql/schema.sql and
**     sql/model.sql and then build its portfolio.
**
** Docs pages (docs/NAME.md): every ```sql block runs in order on one database
** (lines starting with '.' are shell commands and are skipped, except
** ".read PATH", which runs PATH before the block's SQL, as an include
** does); when the next
** block is an ```output block, it must equal what `sqlite3 -header` prints:
** for each statement with columns, a header line and the rows, values
** separated by '|', NULL as empty. A failing statement prints
** "Error: MESSAGE" and stops the block.
**
** Exit status 0 when everything passed. The last line of output reads
** "N passed, M failed".
*/
#define _POSIX_C_SOURCE 200809L /* strdup, strndup */

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int nPass, nFail;

typedef struct Buf {
  char *z;
  size_t n, nAlloc;
} Buf;

static void buf_append(Buf *b, const char *z, size_t n) {
  if (b->n + n + 1 > b->nAlloc) {
    b->nAlloc = (b->n + n + 1) * 2;
    b->z = realloc(b->z, b->nAlloc);
    if (b->z == 0) {
      fprintf(stderr, "sqltest: out of memory\n");
      exit(2);
    }
  }
  memcpy(b->z + b->n, z, n);
  b->n += n;
  b->z[b->n] = 0;
}

static void buf_puts(Buf *b, const char *z) { buf_append(b, z, strlen(z)); }

static char *read_file(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  Buf b = {0, 0, 0};
  char a[65536];
  size_t n;
  if (f == 0) return 0;
  buf_append(&b, "", 0);
  while ((n = fread(a, 1, sizeof(a), f)) > 0) buf_append(&b, a, n);
  fclose(f);
  return b.z;
}

static sqlite3 *open_db(const char *zExt) {
  sqlite3 *db = 0;
  char *zErr = 0;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    fprintf(stderr, "sqltest: cannot open a database\n");
    exit(2);
  }
  sqlite3_enable_load_extension(db, 1);
#ifdef SQLITE_DBCONFIG_FP_DIGITS
  /* SQLite 3.52 and later write doubles as text with 17 significant digits,
  ** earlier versions (and the documented outputs) with 15 (README.md, SQLite
  ** versions). tests/compat/run.sh builds against such versions. */
  sqlite3_db_config(db, SQLITE_DBCONFIG_FP_DIGITS, 15, (int *)0);
#endif
  sqlite3_exec(db,
               "CREATE TEMP TABLE baseline_functions AS"
               " SELECT name, narg FROM pragma_function_list;"
               "CREATE TEMP TABLE baseline_modules AS"
               " SELECT name FROM pragma_module_list;",
               0, 0, 0);
  if (sqlite3_load_extension(db, zExt, 0, &zErr) != SQLITE_OK) {
    fprintf(stderr, "sqltest: cannot load %s: %s\n", zExt, zErr ? zErr : "?");
    exit(2);
  }
  return db;
}

/* 1-based line number of position z in zFile. */
static int line_of(const char *zFile, const char *z) {
  int n = 1;
  for (const char *p = zFile; p < z; p++) n += *p == '\n';
  return n;
}

/* The message of the last "-- error: MESSAGE" line in [zFrom, zTo), or 0.
** Returns a malloc'd copy. */
static char *expected_error(const char *zFrom, const char *zTo) {
  const char *zTag = "-- error: ";
  char *zFound = 0;
  for (const char *p = zFrom; p < zTo; p++) {
    if ((p == zFrom || p[-1] == '\n') && strncmp(p, zTag, strlen(zTag)) == 0) {
      const char *zMsg = p + strlen(zTag);
      const char *zEnd = zMsg;
      while (zEnd < zTo && *zEnd != '\n') zEnd++;
      while (zEnd > zMsg && (zEnd[-1] == '\r' || zEnd[-1] == ' ')) zEnd--;
      free(zFound);
      zFound = malloc((size_t)(zEnd - zMsg) + 1);
      if (zFound == 0) exit(2);
      memcpy(zFound, zMsg, (size_t)(zEnd - zMsg));
      zFound[zEnd - zMsg] = 0;
    }
  }
  return zFound;
}

static int values_equal(sqlite3_stmt *s, int a, int b) {
  int ta = sqlite3_column_type(s, a), tb = sqlite3_column_type(s, b);
  if (ta == SQLITE_NULL || tb == SQLITE_NULL) return ta == tb;
  int na = ta == SQLITE_INTEGER || ta == SQLITE_FLOAT;
  int nb = tb == SQLITE_INTEGER || tb == SQLITE_FLOAT;
  if (na != nb) return 0;
  if (na) {
    if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER) {
      return sqlite3_column_int64(s, a) == sqlite3_column_int64(s, b);
    }
    double x = sqlite3_column_double(s, a), y = sqlite3_column_double(s, b);
    double scale = fmax(1.0, fmax(fabs(x), fabs(y)));
    return fabs(x - y) <= 1e-9 * scale;
  }
  /* An empty blob has no bytes (sqlite3_column_blob gives NULL): compare
  ** lengths first and memcmp only bytes that exist. */
  int n = sqlite3_column_bytes(s, a);
  if (n != sqlite3_column_bytes(s, b)) return 0;
  return n == 0 || memcmp(sqlite3_column_blob(s, a), sqlite3_column_blob(s, b), (size_t)n) == 0;
}

static const char *show(sqlite3_stmt *s, int i) {
  return sqlite3_column_type(s, i) == SQLITE_NULL ? "NULL"
                                                  : (const char *)sqlite3_column_text(s, i);
}

static void fail(const char *zFile, int line, const char *zId, const char *zFmt, const char *zA,
                 const char *zB) {
  nFail++;
  fprintf(stdout, "FAIL %s:%d [%s] ", zFile, line, zId ? zId : "-");
  fprintf(stdout, zFmt, zA, zB);
  fputc('\n', stdout);
}

/* Runs one statement of a test file and checks what it must do. */
static void run_test_stmt(const char *zFile, int line, sqlite3 *db, sqlite3_stmt *s,
                          const char *zWantErr) {
  int rc, nRow = 0, nCol = sqlite3_column_count(s);
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    nRow++;
    if (zWantErr || nCol < 2) continue;
    const char *zId = (const char *)sqlite3_column_text(s, 0);
    if (nCol == 2) {
      if (sqlite3_column_type(s, 1) == SQLITE_INTEGER && sqlite3_column_int64(s, 1) == 1) {
        nPass++;
      } else {
        fail(zFile, line, zId, "condition is %s%s", show(s, 1), "");
      }
    } else if (values_equal(s, 1, 2)) {
      nPass++;
    } else {
      char *zA = strdup(show(s, 1));
      fail(zFile, line, zId, "got %s, expected %s", zA, show(s, 2));
      free(zA);
    }
  }
  if (zWantErr) {
    if (rc == SQLITE_DONE) {
      fail(zFile, line, 0, "expected error \"%s\"%s, statement succeeded", zWantErr, "");
    } else if (strcmp(sqlite3_errmsg(db), zWantErr) != 0) {
      fail(zFile, line, 0, "expected error \"%s\", got \"%s\"", zWantErr, sqlite3_errmsg(db));
    } else {
      nPass++;
    }
  } else if (rc != SQLITE_DONE) {
    fail(zFile, line, 0, "error: %s%s", sqlite3_errmsg(db), "");
  } else if (nRow == 0 && nCol >= 2 && sqlite3_stmt_readonly(s)) {
    fail(zFile, line, 0, "assertion returned no rows%s%s", "", "");
  }
}

/* The start of a statement's own text: z after leading space and comments
** (sqlite3_sql() includes them, so it cannot tell where the statement starts). */
static const char *skip_space_and_comments(const char *z) {
  for (;;) {
    while (*z == ' ' || *z == '\t' || *z == '\n' || *z == '\r') z++;
    if (z[0] == '-' && z[1] == '-') {
      while (*z && *z != '\n') z++;
    } else if (z[0] == '/' && z[1] == '*') {
      const char *zEnd = strstr(z + 2, "*/");
      z = zEnd ? zEnd + 2 : z + strlen(z);
    } else {
      return z;
    }
  }
}

/* The end of the statement that starts at z: just after the first ';' that
** completes it as SQL (sqlite3_complete: a ';' inside a string, identifier,
** comment or trigger body does not), or the end of the text. Used after a
** statement fails to prepare, when SQLite gives no reliable tail. */
static const char *statement_end(const char *z) {
  size_t n = strlen(z);
  char *zCopy = malloc(n + 1);
  if (zCopy == 0) {
    fprintf(stderr, "sqltest: out of memory\n");
    exit(2);
  }
  const char *zEnd = z + n;
  for (const char *p = strchr(z, ';'); p; p = strchr(p + 1, ';')) {
    size_t k = (size_t)(p + 1 - z);
    memcpy(zCopy, z, k);
    zCopy[k] = 0;
    if (sqlite3_complete(zCopy)) {
      zEnd = p + 1;
      break;
    }
  }
  free(zCopy);
  return zEnd;
}

/* Runs the "-- include: PATH" lines found in the comments and white space
** that start at z, in order. A file that cannot be read or fails is
** reported as a failure of zPath. */
static void run_includes(const char *zPath, const char *zText, sqlite3 *db, const char *z) {
  const char *zTag = "-- include: ";
  for (;;) {
    while (*z == ' ' || *z == '\t' || *z == '\n' || *z == '\r') z++;
    if (z[0] != '-' || z[1] != '-') return;
    const char *zEol = strchr(z, '\n');
    if (zEol == 0) zEol = z + strlen(z);
    if (strncmp(z, zTag, strlen(zTag)) == 0) {
      const char *zName = z + strlen(zTag), *zEnd = zEol;
      while (zEnd > zName && (zEnd[-1] == '\r' || zEnd[-1] == ' ')) zEnd--;
      char *zFile = strndup(zName, (size_t)(zEnd - zName));
      char *zSql = zFile ? read_file(zFile) : 0;
      char *zErr = 0;
      if (zSql == 0) {
        fail(zPath, line_of(zText, z), 0, "cannot read included file %s%s", zFile, "");
      } else if (sqlite3_exec(db, zSql, 0, 0, &zErr) != SQLITE_OK) {
        fail(zPath, line_of(zText, z), 0, "included file failed: %s%s", zErr, "");
        sqlite3_free(zErr);
      }
      free(zSql);
      free(zFile);
    }
    z = zEol;
  }
}

static void run_sql_file(const char *zExt, const char *zPath) {
  char *zText = read_file(zPath);
  if (zText == 0) {
    fail(zPath, 0, 0, "cannot read the file%s%s", "", "");
    return;
  }
  sqlite3 *db = open_db(zExt);
  const char *z = zText;
  while (*z) {
    sqlite3_stmt *s = 0;
    const char *zTail = 0;
    const char *zBefore = z;
    run_includes(zPath, zText, db, z);
    int rc = sqlite3_prepare_v2(db, z, -1, &s, &zTail);
    const char *zStmt = skip_space_and_comments(z);
    int line = line_of(zText, zStmt);
    char *zWantErr = expected_error(zBefore, zStmt);
    if (rc != SQLITE_OK) {
      if (zWantErr && strcmp(sqlite3_errmsg(db), zWantErr) == 0) {
        nPass++;
      } else {
        fail(zPath, line, 0, "cannot prepare: %s%s", sqlite3_errmsg(db), "");
      }
      z = statement_end(z); /* resynchronise at the next statement */
    } else {
      if (s) run_test_stmt(zPath, line, db, s, zWantErr);
      sqlite3_finalize(s);
      z = zTail;
    }
    free(zWantErr);
  }
  sqlite3_close(db);
  free(zText);
}

/* Runs the SQL of one docs block and renders what `sqlite3 -header` prints. */
static void render_block(sqlite3 *db, const char *zSql, Buf *pOut) {
  const char *z = zSql;
  while (*z) {
    sqlite3_stmt *s = 0;
    const char *zTail = 0;
    if (sqlite3_prepare_v2(db, z, -1, &s, &zTail) != SQLITE_OK) {
      buf_puts(pOut, "Error: ");
      buf_puts(pOut, sqlite3_errmsg(db));
      buf_puts(pOut, "\n");
      return;
    }
    z = zTail;
    if (s == 0) continue;
    int nCol = sqlite3_column_count(s), rc, nRow = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      if (nRow++ == 0) {
        for (int i = 0; i < nCol; i++) {
          if (i) buf_puts(pOut, "|");
          buf_puts(pOut, sqlite3_column_name(s, i));
        }
        buf_puts(pOut, "\n");
      }
      for (int i = 0; i < nCol; i++) {
        const char *zVal = (const char *)sqlite3_column_text(s, i);
        if (i) buf_puts(pOut, "|");
        if (zVal) buf_puts(pOut, zVal);
      }
      buf_puts(pOut, "\n");
    }
    if (rc != SQLITE_DONE) {
      buf_puts(pOut, "Error: ");
      buf_puts(pOut, sqlite3_errmsg(db));
      buf_puts(pOut, "\n");
      sqlite3_finalize(s);
      return;
    }
    sqlite3_finalize(s);
  }
}

/* Finds the next fenced block at or after z: sets its info word and body.
** Returns the position after the closing fence, or 0 when none is left. */
static const char *next_fence(const char *z, const char **pzInfo, int *pnInfo, const char **pzBody,
                              const char **pzBodyEnd, const char **pzOpen) {
  while (*z) {
    if (strncmp(z, "```", 3) == 0 && (z[-1] == '\n')) {
      const char *zInfo = z + 3;
      const char *zEol = strchr(zInfo, '\n');
      if (zEol == 0) return 0;
      const char *zClose = strstr(zEol + 1, "\n```");
      const char *zBody = zEol + 1;
      if (strncmp(zBody, "```", 3) == 0) zClose = zBody - 1; /* empty block */
      if (zClose == 0) return 0;
      *pzOpen = z;
      *pzInfo = zInfo;
      *pnInfo = (int)(zEol - zInfo);
      *pzBody = zBody;
      *pzBodyEnd = zClose + 1;
      const char *zAfter = strchr(zClose + 1, '\n');
      return zAfter ? zAfter + 1 : zClose + strlen(zClose);
    }
    z++;
  }
  return 0;
}

static int info_is(const char *zInfo, int nInfo, const char *zWord) {
  return nInfo == (int)strlen(zWord) && strncmp(zInfo, zWord, (size_t)nInfo) == 0;
}

static void run_md_file(const char *zExt, const char *zPath, int bUpdate) {
  char *zText = read_file(zPath);
  if (zText == 0) {
    fail(zPath, 0, 0, "cannot read the file%s%s", "", "");
    return;
  }
  sqlite3 *db = open_db(zExt);
  Buf out = {0, 0, 0}; /* the rewritten file, with --update */
  const char *zCopied = zText;
  const char *z = zText[0] ? zText + 1 : zText, *zInfo, *zBody, *zBodyEnd, *zOpen, *zNext;
  int nInfo;
  buf_append(&out, "", 0);
  while ((zNext = next_fence(z, &zInfo, &nInfo, &zBody, &zBodyEnd, &zOpen)) != 0) {
    z = zNext;
    if (!info_is(zInfo, nInfo, "sql")) continue;
    Buf sql = {0, 0, 0}, got = {0, 0, 0};
    buf_append(&sql, "", 0);
    buf_append(&got, "", 0);
    for (const char *p = zBody; p < zBodyEnd;) {
      const char *zEol = memchr(p, '\n', (size_t)(zBodyEnd - p));
      const char *zLineEnd = zEol ? zEol + 1 : zBodyEnd;
      if (*p != '.') {
        buf_append(&sql, p, (size_t)(zLineEnd - p));
      } else if (strncmp(p, ".read ", 6) == 0) {
        const char *zEnd = zLineEnd;
        while (zEnd > p + 6 && (zEnd[-1] == '\n' || zEnd[-1] == '\r' || zEnd[-1] == ' ')) zEnd--;
        char *zFile = strndup(p + 6, (size_t)(zEnd - p - 6));
        char *zRead = zFile ? read_file(zFile) : 0;
        char *zErr = 0;
        if (zRead == 0) {
          fail(zPath, line_of(zText, p), 0, "cannot read %s%s", zFile ? zFile : "(out of memory)",
               "");
        } else if (sqlite3_exec(db, zRead, 0, 0, &zErr) != SQLITE_OK) {
          fail(zPath, line_of(zText, p), 0, ".read failed: %s%s", zErr, "");
          sqlite3_free(zErr);
        }
        free(zRead);
        free(zFile);
      }
      p = zLineEnd;
    }
    render_block(db, sql.z, &got);
    const char *zOInfo, *zOBody, *zOEnd, *zOOpen;
    int nOInfo;
    const char *zONext = next_fence(z, &zOInfo, &nOInfo, &zOBody, &zOEnd, &zOOpen);
    int bHasOutput = zONext && info_is(zOInfo, nOInfo, "output");
    for (const char *p = z; bHasOutput && p < zOOpen; p++) {
      if (*p != '\n' && *p != ' ') bHasOutput = 0; /* only blank lines between */
    }
    if (bHasOutput) {
      size_t nWant = (size_t)(zOEnd - zOBody);
      if (nWant == got.n && memcmp(zOBody, got.z, nWant) == 0) {
        nPass++;
      } else if (!bUpdate) {
        char *zWant = strndup(zOBody, nWant);
        fail(zPath, line_of(zText, zOBody), "example",
             "output differs\n--- documented:\n%s--- actual:\n%s", zWant, got.z);
        free(zWant);
      }
      if (bUpdate) {
        buf_append(&out, zCopied, (size_t)(zOBody - zCopied));
        buf_puts(&out, got.z);
        zCopied = zOEnd;
      }
      z = zONext;
    } else if (strncmp(got.z, "Error: ", 7) == 0) {
      fail(zPath, line_of(zText, zBody), "example", "%s%s", got.z, "");
    }
    free(sql.z);
    free(got.z);
  }
  if (bUpdate) {
    buf_puts(&out, zCopied);
    FILE *f = fopen(zPath, "wb");
    if (f == 0 || fwrite(out.z, 1, out.n, f) != out.n) {
      fprintf(stderr, "sqltest: cannot write %s\n", zPath);
      exit(2);
    }
    fclose(f);
  }
  free(out.z);
  sqlite3_close(db);
  free(zText);
}

int main(int argc, char **argv) {
  int bUpdate = argc > 1 && strcmp(argv[1], "--update") == 0;
  if (argc < 3 + bUpdate) {
    fprintf(stderr, "usage: sqltest [--update] EXTENSION FILE.sql|FILE.md...\n");
    return 2;
  }
  const char *zExt = argv[1 + bUpdate];
  for (int i = 2 + bUpdate; i < argc; i++) {
    size_t n = strlen(argv[i]);
    if (n > 3 && strcmp(argv[i] + n - 3, ".md") == 0) {
      run_md_file(zExt, argv[i], bUpdate);
    } else {
      run_sql_file(zExt, argv[i]);
    }
  }
  printf("%d passed, %d failed\n", nPass, nFail);
  return nFail == 0 && nPass > 0 ? 0 : 1;
}
