/*
** fuzz_functions.c -- libFuzzer target: every scalar and aggregate function
** of docs/functions with fuzzer-chosen argument types and values, plus the
** shared helpers called directly: the date and JSON parsers, the number
** reader, the date-text cache, the entity map's batch path and the
** compensated sum.
**
** Input: a selector byte, then values (fuzz_input.h). The selector picks an
** entry of aCall; a scalar call binds one value per argument of
** "SELECT f(?,...)", an aggregate inserts up to 15 rows into t(a,b,c,d) and
** runs "SELECT f(a,...) FROM t", plain and as a window when the function is
** one. Errors are expected; what the target checks is:
**   - no crash, leak or undefined behaviour (the sanitizers);
**   - a numeric result lies in the function's range (aCall[].rMin..rMax),
**     in window form too: the sums of nrr, grr and pearson_corr are exact
**     under removal (ext/sum.h), so a frame gives what it holds;
**   - a date that parses formats back to the same calendar day;
**   - the number reader agrees with strtod (this target runs in the "C"
**     locale, where strtod is an independent oracle) on every text it
**     accepts;
**   - the date-text cache answers as csm_value_day on a sequence of values;
**   - the entity map's batch path gives the indexes of one-at-a-time
**     interning on a sequence of keys;
**   - count_duplicates over rows in key order equals count(*) minus the
**     DISTINCT keys, and over unsorted rows gives that or an error;
**   - a compensated sum of finite values small enough not to overflow is
**     finite, and removing every value again leaves exactly 0 when no more
**     than CSM_SUM_PARTS magnitudes were ever held.
** A function that has not landed fails to prepare and is skipped.
*/
#include "csmetrics.h"
#include "date_cache.h"
#include "dates.h"
#include "entity_map.h"
#include "fuzz_input.h"
#include "json_args.h"
#include "numbers.h"
#include "sum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct FuzzCall {
  const char *zName;
  int nArg;
  int isAgg;         /* 1 aggregate, 2 aggregate and window function */
  double rMin, rMax; /* range of a numeric result */
} FuzzCall;

#define ANY -HUGE_VAL, HUGE_VAL
static const FuzzCall aCall[] = {
    {"csmetrics_version", 0, 0, ANY},
    {"health_score", 5, 0, 0, 100},
    {"health_score", 6, 0, 0, 100},
    {"health_score", 7, 0, 0, 100},
    {"health_coverage", 5, 0, 0, 1},
    {"health_coverage", 6, 0, 0, 1},
    {"health_tier", 1, 0, ANY},
    {"health_tier", 2, 0, ANY},
    {"health_color", 1, 0, ANY},
    {"health_color", 2, 0, ANY},
    {"health_action", 1, 0, ANY},
    {"health_action", 2, 0, ANY},
    {"health_trend", 2, 0, ANY},
    {"health_trend", 3, 0, ANY},
    {"score_linear", 2, 0, 0, 100},
    {"score_inverse", 2, 0, 0, 100},
    {"score_inverse", 3, 0, 0, 100},
    {"score_steps", 2, 0, ANY},
    {"score_trend", 3, 0, 0, 100},
    {"score_trend", 4, 0, 0, 100},
    {"usage_velocity", 2, 0, -1, HUGE_VAL},
    {"risk_tier", 1, 0, ANY},
    {"nps_category", 1, 0, ANY},
    {"bar", 2, 0, ANY},
    {"bar", 3, 0, ANY},
    {"usage_velocity", 3, 1, -1, HUGE_VAL},
    {"usage_velocity", 4, 1, -1, HUGE_VAL},
    {"nps", 1, 2, -100, 100},
    {"nrr", 2, 2, 0, HUGE_VAL},
    {"grr", 2, 2, 0, 1},
    {"auc", 2, 1, 0, 1},
    {"lift", 2, 1, 0, HUGE_VAL},
    {"lift", 3, 1, 0, HUGE_VAL},
    {"pearson_corr", 2, 2, -1, 1},
    {"calibration_error", 2, 1, 0, 1},
    {"calibration_error", 3, 1, 0, 1},
    {"parse_date", 2, 0, ANY},
    {"parse_date_error", 2, 0, ANY},
    {"parse_number", 1, 0, ANY},
    {"parse_number", 2, 0, ANY},
    {"parse_number_error", 1, 0, ANY},
    {"parse_number_error", 2, 0, ANY},
    {"health_rag", 1, 0, ANY},
    {"health_rag", 2, 0, ANY},
    {"html_escape", 1, 0, ANY},
    {"sparkline", 1, 2, ANY},
    {"chart_bars", 2, 1, ANY},
    {"chart_bars", 3, 1, ANY},
    {"chart_line", 2, 1, ANY},
    {"chart_line", 3, 1, ANY},
    {"chart_line", 4, 1, ANY},
    {"chart_heatmap", 3, 1, ANY},
    {"chart_heatmap", 4, 1, ANY},
};
#define N_CALL ((int)(sizeof(aCall) / sizeof(aCall[0])))
/* Selectors past the calls go to the parsers. */
#define SEL_DATE N_CALL
#define SEL_JSON_OBJECT (N_CALL + 1)
#define SEL_JSON_NUMBERS (N_CALL + 2)
#define SEL_JSON_PAIRS (N_CALL + 3)
#define SEL_NUMBER (N_CALL + 4)
#define SEL_DATE_CACHE (N_CALL + 5)
#define SEL_ENTITY_BATCH (N_CALL + 6)
#define SEL_SUM (N_CALL + 7)
#define SEL_COUNT_DUPLICATES (N_CALL + 8)
#define N_SELECTOR (N_CALL + 9)

/* Words for value kind 9: profile names, policies, JSON and dates. */
static const char *const azWord[] = {
    "default",
    "Default",
    "HIGH_TOUCH",
    "Zero",
    " 2460310.5 ",
    "0,75",
    "[85.5,70.5,50,30]",
    "classic",
    "self_serve",
    "enterprise",
    "usage_based",
    "high_touch",
    "redistribute",
    "zero",
    "neutral",
    "[85,70,50,30]",
    "[90,75,55,35]",
    "[1,2,3,4]",
    "[[0.5,100],[0.4,80],[0.3,60],[0.2,40],[0.1,20]]",
    "[[1,2]]",
    "[]",
    "{}",
    "{\"usage\":40,\"engagement\":20,\"growth\":20,\"support\":15,\"financial\":5}",
    "{\"usage\":1}",
    "{\"usage\":0}",
    "{\"usage\":-1}",
    "{\"bogus\":1}",
    "1e308",
    "-0",
    "2024-02-29",
    "2023-02-29",
    "2024-03-05T14:30:15.250Z",
    "2024-03-05T23:30:00-05:00",
    "0000-01-01",
    "9999-12-31 23:59:59.999",
    "2460374.5",
    "1709596800",
    "5373484.4",
    "%m/%d/%Y",
    "%Y-%m-%dT%H:%M:%S%z",
    "%d %b %Y %H:%M",
    "11/22/2026",
    "$48,000.00",
    "4.000,00 \xe2\x82\xac",
    "(1,200.50)",
    "12.5%",
    ",",
    "[75,50]",
    "{\"width\":100,\"height\":50,\"title\":\"<&\\\"'>\",\"format\":\"pct\",\"max\":1}",
    "{\"format\":\"money\",\"max\":1e-300}",
    "{\"title\":\"\\u00e9\\ud800\"}",
    "a <&\"'> \xff\xfe label",
};
#define N_WORD ((int)(sizeof(azWord) / sizeof(azWord[0])))

static sqlite3 *db;
static sqlite3_stmt *aStmt[N_CALL][2];           /* [call][0 plain, 1 window], prepared lazily */
static sqlite3_stmt *pInsert, *pDelete, *pValue; /* pValue: SELECT ?1, a value source */

static void fuzz_open(void) {
  sqlite3_auto_extension((void (*)(void))sqlite3_csmetrics_init);
  if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
      sqlite3_exec(db, "CREATE TABLE t(a, b, c, d)", 0, 0, 0) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "INSERT INTO t VALUES(?, ?, ?, ?)", -1, &pInsert, 0) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "DELETE FROM t", -1, &pDelete, 0) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "SELECT ?1", -1, &pValue, 0) != SQLITE_OK) {
    abort();
  }
  /* Keep every intermediate small: a bar 2^31 wide is a clean error. */
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1000000);
}

/* The statement of call c (window form when w), or 0 when the function has
** not landed. */
static sqlite3_stmt *fuzz_stmt(int c, int w) {
  if (aStmt[c][w] == 0) {
    static const char *const azCol[] = {"a", "b", "c", "d"};
    const FuzzCall *p = &aCall[c];
    sqlite3_str *pSql = sqlite3_str_new(db);
    sqlite3_str_appendf(pSql, "SELECT %s(", p->zName);
    for (int i = 0; i < p->nArg; i++) {
      sqlite3_str_appendf(pSql, i ? ", %s" : "%s", p->isAgg ? azCol[i] : "?");
    }
    sqlite3_str_appendall(
        pSql,
        p->isAgg ? (w ? ") OVER (ORDER BY rowid ROWS 2 PRECEDING) FROM t" : ") FROM t") : ")");
    char *zSql = sqlite3_str_finish(pSql);
    if (zSql == 0) abort();
    sqlite3_prepare_v2(db, zSql, -1, &aStmt[c][w], 0);
    sqlite3_free(zSql);
  }
  return aStmt[c][w];
}

static void check_result(const FuzzCall *p, sqlite3_stmt *s) {
  int t = sqlite3_column_type(s, 0);
  if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) {
    double r = sqlite3_column_double(s, 0);
    if (!(r >= p->rMin - 1e-9 && r <= p->rMax + 1e-9)) {
      fprintf(stderr, "%s/%d returned %.17g, outside [%g, %g]\n", p->zName, p->nArg, r, p->rMin,
              p->rMax);
      abort();
    }
  }
}

/* Steps s to the end, checking the range of every row when bRange. */
static void run(const FuzzCall *p, sqlite3_stmt *s, int bRange) {
  while (sqlite3_step(s) == SQLITE_ROW) {
    if (bRange) check_result(p, s);
  }
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
}

static void fuzz_call(int c, FuzzInput *in) {
  const FuzzCall *p = &aCall[c];
  if (!p->isAgg) {
    sqlite3_stmt *s = fuzz_stmt(c, 0);
    if (s == 0) return;
    for (int i = 0; i < p->nArg; i++) fuzz_bind_value(in, s, i + 1, azWord, N_WORD);
    run(p, s, 1);
    return;
  }
  if (fuzz_stmt(c, 0) == 0) return;
  sqlite3_step(pDelete);
  sqlite3_reset(pDelete);
  int nRow = fuzz_byte(in) % 16;
  for (int r = 0; r < nRow; r++) {
    for (int i = 0; i < 4; i++) {
      if (i < p->nArg) {
        fuzz_bind_value(in, pInsert, i + 1, azWord, N_WORD);
      } else {
        sqlite3_bind_null(pInsert, i + 1);
      }
    }
    sqlite3_step(pInsert);
    sqlite3_reset(pInsert);
  }
  run(p, fuzz_stmt(c, 0), 1);
  if (p->isAgg == 2 && fuzz_stmt(c, 1)) run(p, fuzz_stmt(c, 1), 1);
}

/* The rest of the input as a NUL-terminated string (malloc'd). */
static char *rest_as_text(FuzzInput *in) {
  size_t n = in->n - in->i;
  char *z = malloc(n + 1);
  if (z == 0) abort();
  memcpy(z, in->a + in->i, n);
  z[n] = 0;
  return z;
}

static void fuzz_date(FuzzInput *in) {
  char *z = rest_as_text(in);
  sqlite3_int64 ms;
  if (csm_date_parse_text(z, &ms) == CSM_OK) {
    /* Property: the parsed day formats to a date that parses to itself. */
    char zDay[11];
    sqlite3_int64 day = csm_ms_to_day(ms), ms2;
    csm_day_format(day, zDay);
    if (csm_date_parse_text(zDay, &ms2) != CSM_OK || ms2 != day * CSM_MS_PER_DAY) {
      fprintf(stderr, "date '%s' -> day %lld -> '%s' does not round-trip\n", z, day, zDay);
      abort();
    }
    for (int g = CSM_GRAN_DAY; g <= CSM_GRAN_YEAR; g++) {
      sqlite3_int64 idx = csm_period_index((CsmGranularity)g, day);
      if (csm_period_start((CsmGranularity)g, idx) > day ||
          csm_period_end((CsmGranularity)g, idx) < day) {
        fprintf(stderr, "day %lld is outside its period %lld (granularity %d)\n", day, idx, g);
        abort();
      }
    }
  }
  free(z);
}

static void fuzz_json(int sel, FuzzInput *in) {
  char *z = rest_as_text(in), *zErr = 0;
  int n = 0;
  if (sel == SEL_JSON_OBJECT) {
    CsmJsonMember *a = 0;
    if (csm_json_parse_object(z, &a, &n, &zErr) == SQLITE_OK) csm_json_free_members(a, n);
  } else {
    double *a = 0;
    if (sel == SEL_JSON_NUMBERS) {
      csm_json_parse_numbers(z, &a, &n, &zErr);
    } else {
      csm_json_parse_pairs(z, &a, &n, &zErr);
    }
    sqlite3_free(a);
  }
  sqlite3_free(zErr);
  free(z);
}

static void fuzz_number(FuzzInput *in) {
  char *z = rest_as_text(in);
  double r;
  size_t n = strlen(z);
  if (csm_text_number(z, (int)n, &r) == CSM_OK) {
    double want = strtod(z, 0);
    if (r != want || signbit(r) != signbit(want)) {
      fprintf(stderr, "number '%s' read as %.17g, strtod %.17g\n", z, r, want);
      abort();
    }
  }
  free(z);
}

/* The next fuzzer-chosen value, as an sqlite3_value valid until the next
** call (pValue is stepped once per value). */
static sqlite3_value *next_value(FuzzInput *in) {
  sqlite3_reset(pValue);
  fuzz_bind_value(in, pValue, 1, azWord, N_WORD);
  if (sqlite3_step(pValue) != SQLITE_ROW) abort();
  return sqlite3_column_value(pValue, 0);
}

static void fuzz_date_cache(FuzzInput *in) {
  CsmDateCache c;
  csm_date_cache_init(&c, (CsmGranularity)(fuzz_byte(in) % 5));
  while (in->i < in->n) {
    sqlite3_value *v = next_value(in);
    sqlite3_int64 day = 0, period = 0, want = 0;
    int rc = csm_date_cache_read(&c, v, &day, &period);
    int rcWant = csm_value_day(v, &want);
    if (rc != rcWant ||
        (rc == CSM_OK && (day != want || period != csm_period_index(c.gran, day)))) {
      fprintf(stderr, "date cache: rc %d day %lld, direct rc %d day %lld\n", rc, day, rcWant, want);
      abort();
    }
  }
  sqlite3_reset(pValue);
}

static void fuzz_entity_batch(FuzzInput *in) {
  CsmEntityMap *pOne = csm_entity_map_new(), *pMany = csm_entity_map_new();
  CsmEntityBatch *pB = csm_entity_batch_new(pMany);
  sqlite3_int64 aWant[CSM_ENTITY_BATCH], aGot[CSM_ENTITY_BATCH];
  int nBatch = 1 + fuzz_byte(in) % CSM_ENTITY_BATCH, nIn = 0;
  if (pOne == 0 || pMany == 0 || pB == 0) abort();
  while (in->i < in->n || nIn > 0) {
    if (in->i < in->n) {
      sqlite3_value *v = next_value(in);
      int bNew;
      if (sqlite3_value_type(v) == SQLITE_NULL) continue;
      if (csm_entity_map_intern(pOne, v, &aWant[nIn], &bNew) != SQLITE_OK ||
          csm_entity_batch_add(pB, v) != SQLITE_OK) {
        abort();
      }
      nIn++;
    }
    if (nIn == nBatch || (in->i >= in->n && nIn > 0)) {
      if (csm_entity_batch_intern(pB, aGot) != SQLITE_OK) abort();
      for (int i = 0; i < nIn; i++) {
        if (aGot[i] != aWant[i]) {
          fprintf(stderr, "batch index %lld, one at a time %lld\n", aGot[i], aWant[i]);
          abort();
        }
      }
      nIn = 0;
    }
  }
  if (csm_entity_map_count(pOne) != csm_entity_map_count(pMany)) abort();
  sqlite3_reset(pValue);
  csm_entity_batch_free(pB);
  csm_entity_map_free(pOne);
  csm_entity_map_free(pMany);
}

static void fuzz_sum(FuzzInput *in) {
  double a[64];
  int n = 0, nMaxParts = 0;
  CsmSum s;
  memset(&s, 0, sizeof(s));
  while (n < 64 && in->i + 8 <= in->n) {
    uint64_t u = fuzz_u64(in);
    double x;
    memcpy(&x, &u, sizeof(x));
    if (!isfinite(x) || fabs(x) > 1e300) continue;
    a[n++] = x;
    csm_sum_add(&s, x);
    if (s.n > nMaxParts) nMaxParts = s.n;
  }
  if (!isfinite(csm_sum_value(&s))) {
    fprintf(stderr, "sum of %d finite values is not finite\n", n);
    abort();
  }
  for (int i = 0; i < n; i++) {
    csm_sum_add(&s, -a[i]);
    if (s.n > nMaxParts) nMaxParts = s.n;
  }
  if (nMaxParts < CSM_SUM_PARTS && csm_sum_value(&s) != 0.0) {
    fprintf(stderr, "adding and removing %d values leaves %.17g\n", n, csm_sum_value(&s));
    abort();
  }
}

/* The single integer of statement zSql over t, or -1 when it fails. */
static sqlite3_int64 count_over_t(const char *zSql) {
  sqlite3_stmt *s = 0;
  sqlite3_int64 n = -1;
  if (sqlite3_prepare_v2(db, zSql, -1, &s, 0) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
    n = sqlite3_column_int64(s, 0);
  }
  sqlite3_finalize(s);
  return n;
}

/* count_duplicates over up to 15 fuzzed rows of 1-3 key columns: in key
** order it must equal count(*) minus the DISTINCT keys; in table order it
** must give that same count or fail (an unsorted input is an error, never
** a wrong count). */
static void fuzz_count_duplicates(FuzzInput *in) {
  static const char *const azKey[] = {"a", "a, b", "a, b, c"};
  const char *zKey = azKey[fuzz_byte(in) % 3];
  sqlite3_step(pDelete);
  sqlite3_reset(pDelete);
  int nRow = fuzz_byte(in) % 16;
  for (int r = 0; r < nRow; r++) {
    for (int i = 0; i < 4; i++) fuzz_bind_value(in, pInsert, i + 1, azWord, N_WORD);
    sqlite3_step(pInsert);
    sqlite3_reset(pInsert);
  }
  char zSql[3][200];
  snprintf(zSql[0], sizeof(zSql[0]),
           "SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT %s FROM t)) FROM t", zKey);
  snprintf(zSql[1], sizeof(zSql[1]),
           "SELECT count_duplicates(%s) FROM (SELECT %s FROM t ORDER BY %s)", zKey, zKey, zKey);
  snprintf(zSql[2], sizeof(zSql[2]), "SELECT count_duplicates(%s) FROM t", zKey);
  sqlite3_int64 nWant = count_over_t(zSql[0]);
  sqlite3_int64 nSorted = count_over_t(zSql[1]), nTable = count_over_t(zSql[2]);
  if (nSorted != nWant || (nTable != -1 && nTable != nWant)) {
    fprintf(stderr, "count_duplicates(%s): %lld sorted, %lld in table order, want %lld\n", zKey,
            (long long)nSorted, (long long)nTable, (long long)nWant);
    abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  FuzzInput in = {aData, nData, 0};
  if (db == 0) fuzz_open();
  int sel = fuzz_byte(&in) % N_SELECTOR;
  if (sel < N_CALL) {
    fuzz_call(sel, &in);
  } else if (sel == SEL_DATE) {
    fuzz_date(&in);
  } else if (sel == SEL_NUMBER) {
    fuzz_number(&in);
  } else if (sel == SEL_DATE_CACHE) {
    fuzz_date_cache(&in);
  } else if (sel == SEL_ENTITY_BATCH) {
    fuzz_entity_batch(&in);
  } else if (sel == SEL_SUM) {
    fuzz_sum(&in);
  } else if (sel == SEL_COUNT_DUPLICATES) {
    fuzz_count_duplicates(&in);
  } else {
    fuzz_json(sel, &in);
  }
  return 0;
}
