/*
** parse_number.c -- parse_number(text [, decimal_mark]): a number from a
** spreadsheet or billing export, where money and counts come formatted.
**
**   SELECT parse_number('$48,000.00');             -- 48000 (INTEGER)
**   SELECT parse_number('1.234,5', ',');           -- 1234.5
**   SELECT parse_number('4.000,00 €', ',');        -- 4000
**   SELECT parse_number('(1,200.50)');             -- -1200.5
**   SELECT parse_number('12.5%');                  -- 0.125
**
** How it works: one left-to-right pass over the trimmed text, following the
** grammar below, copies the digits into a plain "[-]DIGITSe-K" string (the
** decimal point becomes an exponent, and a '%' two more places of it), so
** the value is exact when it is whole and fits 64 bits, and otherwise is
** converted by the extension's one number reader (numbers.h), which rounds
** correctly and ignores the host's locale.
**
** Rules (the grammar; docs/functions/parse_number.md states it for users):
**   1. Spaces around the text are trimmed; NULL or '' (after trimming)
**      gives NULL. An INTEGER or REAL argument is returned as it is; a blob
**      is an error.
**   2. An optional '-' or an opening '(' (negative), then an optional
**      currency sign ('$', '€', '£'), then the digits.
**   3. The integer part is plain digits, or groups: a first group of 1-3
**      digits that is not 0, then groups of exactly three digits, each after
**      the same separator -- ',' when the decimal mark is '.', and '.' or ' '
**      when it is ','.
**   4. Then optionally the decimal mark and at least one digit.
**   5. Then, when no sign came before the number, optionally the currency
**      sign, optionally after one space; then the ')' that closes a '('
**      (and only then); then optionally '%' (the number is divided by 100).
**   6. Nothing else: no '+', no exponent, no bare '.5' or '5.'. The result
**      is an INTEGER when it is whole (and fits 64 bits), else a REAL.
**   7. parse_number_error(text [, decimal_mark]) runs the same reading and
**      returns the problem with the value as text -- the message
**      parse_number would raise -- or NULL when parse_number would return a
**      value (or NULL). The import scripts (sql/import/) use it to
**      quarantine a bad cell with its reason, since SQL cannot catch an
**      error. A bad decimal mark is raised by both.
*/
#include "errors.h"

#include <string.h>

/* Length of the currency sign at z (rule 2), or 0. */
static int pn_currency(const char *z) {
  if (z[0] == '$') return 1;
  if ((unsigned char)z[0] == 0xC2 && (unsigned char)z[1] == 0xA3) return 2; /* £ */
  if ((unsigned char)z[0] == 0xE2 && (unsigned char)z[1] == 0x82 && (unsigned char)z[2] == 0xAC) {
    return 3; /* € */
  }
  return 0;
}

static int pn_is_digit(char c) { return c >= '0' && c <= '9'; }

/* The digits of a number, without grouping: zDig holds nInt integer digits
** then the fraction's digits. */
typedef struct PnNumber {
  char *zDig;    /* digits only (caller-owned buffer, at least strlen+1) */
  int nDig;      /* digits in zDig */
  int nFrac;     /* of which after the decimal mark (may grow with '%') */
  int bNegative; /* '-' or parentheses */
} PnNumber;

/* Rules 2-6 on z (trimmed, nonempty, n bytes). Returns 1 when z is a number,
** filling *pN, else 0. */
static int pn_scan(const char *z, int n, char cMark, PnNumber *pN) {
  const char *zEnd = z + n;
  int bParen = 0, nCur;
  pN->nDig = pN->nFrac = pN->bNegative = 0;
  if (*z == '-' || *z == '(') {
    bParen = *z == '(';
    pN->bNegative = 1;
    z++;
  }
  int bCurrencyBefore = (nCur = pn_currency(z)) > 0;
  z += nCur;
  /* Rule 3: the integer part. */
  char cSep = 0; /* the grouping separator, once one is seen */
  int nGroup = 0, bFirstZero = 1;
  if (!pn_is_digit(*z)) return 0;
  while (z < zEnd) {
    if (pn_is_digit(*z)) {
      if (*z != '0') bFirstZero = 0;
      pN->zDig[pN->nDig++] = *z++;
      nGroup++;
      continue;
    }
    int bSep = cMark == '.' ? *z == ',' : (*z == '.' || *z == ' ');
    if (!bSep || !pn_is_digit(z[1])) break;
    if (cSep == 0) {
      if (nGroup > 3 || bFirstZero) return 0;
      cSep = *z;
    } else if (*z != cSep || nGroup != 3) {
      return 0;
    }
    nGroup = 0;
    z++;
  }
  if (cSep && nGroup != 3) return 0;
  /* Rule 4: the fraction. */
  if (z < zEnd && *z == cMark) {
    z++;
    if (!pn_is_digit(*z)) return 0;
    while (z < zEnd && pn_is_digit(*z)) {
      pN->zDig[pN->nDig++] = *z++;
      pN->nFrac++;
    }
  }
  /* Rule 5: a trailing currency sign, ')' and '%'. */
  if (!bCurrencyBefore) {
    const char *p = (z < zEnd && *z == ' ') ? z + 1 : z;
    if (p < zEnd && (nCur = pn_currency(p)) > 0) z = p + nCur;
  }
  if (bParen) {
    if (z >= zEnd || *z != ')') return 0;
    z++;
  }
  if (z < zEnd && *z == '%') {
    pN->nFrac += 2;
    z++;
  }
  return z == zEnd;
}

/* Sets the result from the digits (rule 6). */
static void pn_result(sqlite3_context *ctx, const PnNumber *pN) {
  int nInt = pN->nDig - pN->nFrac;
  int bWhole = 1;
  for (int i = nInt > 0 ? nInt : 0; i < pN->nDig; i++) {
    if (pN->zDig[i] != '0') bWhole = 0;
  }
  if (bWhole) {
    /* Whole: exact in 64 bits unless it has more than 18 significant digits. */
    int i = 0;
    while (i < nInt && pN->zDig[i] == '0') i++;
    /* cppcheck wrongly finds this always true (it is false past 18 digits). */
    /* cppcheck-suppress knownConditionTrueFalse */
    if (nInt - i <= 18) {
      sqlite3_int64 v = 0;
      for (; i < nInt; i++) v = v * 10 + (pN->zDig[i] - '0');
      sqlite3_result_int64(ctx, pN->bNegative ? -v : v);
      return;
    }
  }
  char *zNum =
      sqlite3_mprintf("%s%.*se-%d", pN->bNegative ? "-" : "", pN->nDig, pN->zDig, pN->nFrac);
  if (zNum == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  double r = 0.0;
  /* "[-]DIGITSe-K" with at least one digit (rule 3) always reads. */
  (void)csm_text_number(zNum, (int)strlen(zNum), &r);
  sqlite3_result_double(ctx, r);
  sqlite3_free(zNum);
}

/* parse_number(text [, decimal_mark]) and parse_number_error(text [,
** decimal_mark]); the user data is non-zero for parse_number_error, which
** returns the problem with the value as text (NULL when it reads) instead of
** raising it, and sets no number. A bad decimal mark is raised by both. */
static void parse_number_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  int bReport = sqlite3_user_data(ctx) != 0;
  const char *zName = bReport ? "parse_number_error" : "parse_number";
  char cMark = '.';
  if (argc > 1 && sqlite3_value_type(argv[1]) != SQLITE_NULL) {
    const char *zMark =
        sqlite3_value_type(argv[1]) == SQLITE_TEXT ? (const char *)sqlite3_value_text(argv[1]) : "";
    if (zMark == 0) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    if (strcmp(zMark, ".") != 0 && strcmp(zMark, ",") != 0) {
      csm_result_error_got(ctx, argv[1], "%s: decimal_mark must be '.' or ','", zName);
      return;
    }
    cMark = zMark[0];
  }
  const char *zProblem = 0;
  PnNumber num = {0, 0, 0, 0};
  switch (sqlite3_value_type(argv[0])) {
  case SQLITE_NULL:
    return;
  case SQLITE_INTEGER:
  case SQLITE_FLOAT:
    if (!bReport) sqlite3_result_value(ctx, argv[0]);
    return;
  case SQLITE_BLOB:
    zProblem = "parse_number: text must be text or a number";
    break;
  default: {
    const char *z = (const char *)sqlite3_value_text(argv[0]);
    if (z == 0) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    int n = sqlite3_value_bytes(argv[0]);
    while (n > 0 && *z == ' ') z++, n--;
    while (n > 0 && z[n - 1] == ' ') n--;
    if (n == 0) return; /* rule 1 */
    num.zDig = sqlite3_malloc64((sqlite3_uint64)n + 1);
    if (num.zDig == 0) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    if (memchr(z, 0, (size_t)n) != 0 || !pn_scan(z, n, cMark, &num)) {
      zProblem = "parse_number: text is not a number with decimal mark '%c'";
    }
    break;
  }
  }
  if (zProblem == 0) {
    if (!bReport) pn_result(ctx, &num);
  } else {
    char *zMsg = csm_message_got(argv[0], zProblem, cMark);
    if (zMsg == 0) {
      sqlite3_result_error_nomem(ctx);
    } else if (bReport) {
      sqlite3_result_text(ctx, zMsg, -1, SQLITE_TRANSIENT);
    } else {
      sqlite3_result_error(ctx, zMsg, -1);
    }
    sqlite3_free(zMsg);
  }
  sqlite3_free(num.zDig);
}

static const int pn_report = 1; /* user data of parse_number_error */

const CsmFunction parse_number_functions[] = {
    CSM_SCALAR("parse_number", 1, parse_number_fn, 0),
    CSM_SCALAR("parse_number", 2, parse_number_fn, 0),
    CSM_SCALAR("parse_number_error", 1, parse_number_fn, &pn_report),
    CSM_SCALAR("parse_number_error", 2, parse_number_fn, &pn_report),
    CSM_FUNCTION_END,
};
