/*
** tvf.h -- the one table-function layer: every csmetrics virtual table
** declares its hidden arguments as data and gets from here its module
** (xConnect, xBestIndex, xDisconnect, xOpen, xClose), the capture of its
** arguments in xFilter, the messages about them, and the guard against a
** source that reads the table itself. A table file then holds only its
** schema, its argument table and its computation.
**
** Declaring a table (a sketch; cohort_retention.c is a full one):
**
**   static const char *const azMode[] = {"classic", "rolling", 0};
**   static const TvfArg aArg[] = {
**     {"source", TVF_TABLE, 0, 0, 1},              -- required
**     {"mode", TVF_CHOICE, "classic", azMode, 0},  -- any case accepted
**     {"window_days", TVF_NUMBER, "30", 0, 0},
**     {"as_of", TVF_DAY, 0, 0, 0},                 -- no default: not set
**   };
**   static const TvfOrder aOrder[] = {{COL_COHORT, -1}, {COL_PERIOD, -1}};
**   static const TvfSpec spec = {"my_table",
**     "CREATE TABLE x(cohort, period, source HIDDEN, mode HIDDEN,"
**     " window_days HIDDEN, as_of HIDDEN)",
**     2, 4, aArg, aOrder, 2};
**   static const TvfMethods methods = {sizeof(MyCursor), my_reset,
**     my_filter, my_next, my_eof, my_column, my_rowid};
**   int my_table_register(sqlite3 *db) { return tvf_register(db, &spec, &methods); }
**
**   my_filter(cur, idxNum, idxStr, argc, argv):
**     rc = tvf_capture(cur, idxNum, argc, argv, &pCur->args);  -- first
**     ... pCur->args.a[ARG_MODE].iChoice, .a[ARG_SOURCE].z, .a[i].r ...
**     rc = tvf_source_open(&src, cur, "source", zName, azCol, nCol, 0);
**     while (sqlite3_step(src.pStmt) == SQLITE_ROW) ...
**     tvf_source_close(&src);
**   my_column for a hidden column:  tvf_result_arg(ctx, &pCur->args, iArg);
**   my_reset (xClose, a new filter): tvf_args_clear(&pCur->args); ...
**
** The plan (xBestIndex <-> xFilter, the only place it is defined):
**   - each usable EQ constraint on argument i (its hidden column) gets the
**     next argvIndex, in argument order, with omit = 1, and bit i of idxNum;
**     xFilter's argv holds exactly the arguments whose bit is set;
**   - an argument constrained only by unusable constraints makes the plan
**     SQLITE_CONSTRAINT (SQLite tries another join order);
**   - a required argument with no constraint at all is not an error at
**     plan time (SQLite asks for plans with subsets of the constraints, one
**     per OR term for instance): the plan gets bit TVF_IDX_MISSING and a
**     prohibitive cost, so a plan that supplies the argument wins, and
**     xFilter reports "<table>: missing <arg> argument (<what>)" when it
**     is the only plan;
**   - ORDER BY is consumed when, after dropping the terms on columns known
**     to be constant (a TvfOrder column whose argument was not given), it
**     is a prefix of the table's declared row order, all ascending.
**
** Argument values (tvf_capture). A positional NULL, or no constraint,
** takes the default; NULL for a required argument is an error naming it.
** Kinds and what they accept (otherwise "<table>: <arg> must be <what>,
** got <value>"):
**   TVF_TEXT    any text                       -> .z
**   TVF_TABLE   non-empty text: table or view  -> .z ('schema.table' too)
**   TVF_COLUMN  non-empty text: a column name  -> .z
**   TVF_NUMBER  a number or numeric text       -> .r
**   TVF_DAY     a date in any accepted form    -> .iDay
**   TVF_CHOICE  one of azChoice, any case      -> .iChoice (and .z, the
**               canonical word); the message quotes every allowed word:
**               "<table>: mode must be 'classic' or 'rolling', got 'x'"
** .bSet is 1 when the argument was given or has a default.
**
** The recursion guard. A source (a view) may read the virtual table that
** is reading it: CREATE VIEW v AS SELECT * FROM cohort_retention('v').
** Every source is read between tvf_source_open and tvf_source_close, which
** keep on the table's vtab (the eponymous table is one object per
** connection, and a nested read runs on the same connection) a stack of
** the sources being read, each with the cursor reading it. Opening a
** source that a *different* cursor of the same table is already reading
** (names compared case-insensitively) is the error
**   "<table>: <arg> '<name>' reads <table> itself"
** and nesting reads of one table more than TVF_MAX_DEPTH cursors deep is
**   "<table>: <arg> '<name>' nests <table> more than 16 deep"
** both raised before the source is prepared, so no stack is consumed.
** Sources of one cursor open side by side (checkin_impact's tables) never
** clash. A cycle through several tables repeats a (table, source) pair
** (views are fixed text), so the first table that sees its source again
** stops it.
*/
#ifndef CSM_TVF_H
#define CSM_TVF_H

#include "csm_internal.h"

#include <stddef.h>

#define TVF_MAX_ARG 16            /* arguments of one table, at most */
#define TVF_IDX_MISSING (1 << 30) /* idxNum: a required argument is missing */
#define TVF_MAX_DEPTH 16          /* sources of one table read nested */

typedef enum TvfKind {
  TVF_TEXT,   /* any text */
  TVF_TABLE,  /* a table or view name */
  TVF_COLUMN, /* a column name */
  TVF_NUMBER, /* a number (numeric text accepted) */
  TVF_DAY,    /* a calendar day */
  TVF_CHOICE  /* one word of a list, matched without regard to case */
} TvfKind;

/* One hidden argument, in positional order. The fields follow the order an
** argument is read aloud in (name, kind, default, words, required), which
** the tables' initialisers use, at the cost of 8 bytes of padding. */
typedef struct TvfArg { // NOLINT(clang-analyzer-optin.performance.Padding)
  const char *zName;    /* the hidden column's name */
  TvfKind eKind;
  const char *zDefault;        /* default as text ("30", "month"); 0: none */
  const char *const *azChoice; /* TVF_CHOICE: the words, 0-terminated */
  int bRequired;               /* 1: no default; NULL or absent is an error */
} TvfArg;

/* One column of the order rows come out in. iArg >= 0 names the argument
** without which the column is constant (NULL), e.g. segment without
** segment_column; -1: the column always varies. */
typedef struct TvfOrder {
  int iCol;
  int iArg;
} TvfOrder;

typedef struct TvfSpec {
  const char *zName;   /* SQL name, first word of every message */
  const char *zSchema; /* CREATE TABLE x(<outputs>, <arguments> HIDDEN) */
  int iFirstArg;       /* column of the first argument; the rest follow */
  int nArg;            /* entries in aArg (<= TVF_MAX_ARG) */
  const TvfArg *aArg;
  const TvfOrder *aOrder; /* the row order, most significant first */
  int nOrder;
} TvfSpec;

/* The cursor methods of a table; tvf_register makes the module from them.
** The cursor is the table's struct, starting with a sqlite3_vtab_cursor:
** xOpen allocates szCursor zero-filled bytes; xClose calls xReset, which
** frees what xFilter made (each xFilter calls it first too), then frees
** the cursor. The other five are the sqlite3_module methods. */
typedef struct TvfMethods {
  size_t szCursor;
  void (*xReset)(sqlite3_vtab_cursor *);
  int (*xFilter)(sqlite3_vtab_cursor *, int, const char *, int, sqlite3_value **);
  int (*xNext)(sqlite3_vtab_cursor *);
  int (*xEof)(sqlite3_vtab_cursor *);
  int (*xColumn)(sqlite3_vtab_cursor *, sqlite3_context *, int);
  int (*xRowid)(sqlite3_vtab_cursor *, sqlite3_int64 *);
} TvfMethods;

/* One captured argument. */
typedef struct TvfValue {
  sqlite3_value *pGiven; /* a copy of the non-NULL value given, or 0 */
  const char *z;         /* text kinds and CHOICE: the text, or 0 */
  double r;              /* TVF_NUMBER */
  sqlite3_int64 iDay;    /* TVF_DAY */
  int iChoice;           /* TVF_CHOICE: index in azChoice */
  int bSet;              /* given, or defaulted to a value */
} TvfValue;

typedef struct TvfArgs {
  const TvfSpec *pSpec;
  TvfValue a[TVF_MAX_ARG];
} TvfArgs;

/* The vtab object of every table (xConnect makes it). */
typedef struct TvfSource TvfSource;
typedef struct TvfVtab {
  sqlite3_vtab base;
  sqlite3 *db; /* the connection sources are read from */
  const TvfSpec *pSpec;
  const TvfMethods *pMethods;
  TvfSource *pReading; /* the innermost source being read, or 0 */
} TvfVtab;

/* A source being read: the prepared SELECT and its place on the stack. */
struct TvfSource {
  sqlite3_stmt *pStmt;         /* 0 when the source was absent (pbAbsent) */
  TvfVtab *pTab;               /* 0 when not on the stack */
  sqlite3_vtab_cursor *pOwner; /* the cursor reading it */
  int iDepth;                  /* cursors of this table reading, this one included */
  const char *zArg;            /* the argument naming it (static text) */
  const char *zName;           /* borrowed: lives as long as the TvfArgs */
  TvfSource *pOuter;           /* the source read around this one */
  const char *zFeed;           /* the feed function (tvf_source_open_feed), or 0 */
  const char *const *azCol;    /* borrowed: the columns read, for the parallel scan */
  int nCol;
};

/* Registers the eponymous, read-only table pSpec->zName: xConnect,
** xBestIndex, xDisconnect, xOpen and xClose are tvf.c's, the rest
** pMethods'. pSpec and pMethods must outlive the connection (static).
** Returns an SQLite code (SQLITE_NOMEM). */
int tvf_register(sqlite3 *db, const TvfSpec *pSpec, const TvfMethods *pMethods);

/* Captures xFilter's arguments into *pArgs (cleared first; the spec comes
** from the cursor's vtab). Returns SQLITE_OK, SQLITE_NOMEM, or SQLITE_ERROR
** with the vtab's message set (missing/NULL required argument, wrong kind,
** unknown choice). */
int tvf_capture(sqlite3_vtab_cursor *cur, int idxNum, int argc, sqlite3_value **argv,
                TvfArgs *pArgs);

/* Frees the copies held by *pArgs; it may be captured again. */
void tvf_args_clear(TvfArgs *pArgs);

/* Sets ctx to argument iArg as shown in its hidden column: the value
** given, else the default (a whole TVF_NUMBER default as an integer), else
** NULL. */
void tvf_result_arg(sqlite3_context *ctx, const TvfArgs *pArgs, int iArg);

/* Index of z in the 0-terminated list az, ASCII case-insensitive, or -1. */
int tvf_choice_find(const char *z, const char *const *az);

/* Checks the recursion guard, then prepares SELECT "c0", ... FROM zName
** (csm_source_prepare: names checked and quoted; a missing table or column
** is an error naming argument zArg) and pushes the source on the table's
** stack. With pbAbsent, a missing table is no error: *pbAbsent = 1 and
** pSrc->pStmt = 0. On any return pSrc is ready for tvf_source_close.
** Returns an SQLite code, the vtab message set on SQLITE_ERROR. */
int tvf_source_open(TvfSource *pSrc, sqlite3_vtab_cursor *cur, const char *zArg, const char *zName,
                    const char *const *azCol, int nCol, int *pbAbsent);

/* tvf_source_open, preparing SELECT "zFeed"(?1, "c0", ...) FROM zName
** instead: the rows go to the internal aggregate zFeed (ext/scan_feed.h:
** csm_feed_open is the one caller). */
int tvf_source_open_feed(TvfSource *pSrc, sqlite3_vtab_cursor *cur, const char *zArg,
                         const char *zName, const char *const *azCol, int nCol, const char *zFeed,
                         int *pbAbsent);

/* The error for a sqlite3_step() of pSrc->pStmt that returned rc: NOMEM
** and INTERRUPT are returned as they are; anything else becomes
** "<table>: <arg> '<name>': <SQLite's message>" (SQLITE_ERROR). */
int tvf_source_error(TvfSource *pSrc, int rc);

/* tvf_source_error with SQLite's message zMsg given (a worker connection's,
** in the parallel scan). */
int tvf_source_error_msg(TvfSource *pSrc, int rc, const char *zMsg);

/* Finalizes the statement and pops the source. Safe on a zeroed or
** already closed TvfSource. */
void tvf_source_close(TvfSource *pSrc);

#endif /* CSM_TVF_H */
