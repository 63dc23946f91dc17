/*
** numbers.c -- the locale-independent number reader (see numbers.h for the
** grammar, requirements N1 and N2).
**
** How it works: the text is checked against the grammar by hand while its
** significant digits are collected (leading zeros dropped) with a decimal
** exponent: value = digits * 10^exp. When the digits fit in 53 bits and the
** exponent is within 10^22 (Clinger's fast path: both are exact doubles, so
** one multiplication or division rounds correctly), that is the result --
** it covers every figure a report holds. Otherwise the digits and exponent
** are written out as "DDDDeX" -- an integer mantissa, no decimal mark -- and
** converted by strtod(), which rounds correctly and whose only
** locale-dependent part, the decimal mark, that text does not contain.
** Digits past NUMBERS_MAX_DIGITS are replaced by one sticky '1' when any of
** them is non-zero: a double's rounding never depends on more than 768
** significant digits, only on whether anything follows them.
*/
#include "numbers.h"

#include "errors.h"

#include <math.h>
#include <stdlib.h>

#define NUMBERS_MAX_DIGITS 800 /* significant digits kept (see above) */
#define NUMBERS_MAX_EXP 100000 /* beyond, the value is 0 or Inf anyway */

static int numbers_is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int numbers_is_digit(char c) { return c >= '0' && c <= '9'; }

/* The significant digits of a number being read. */
typedef struct NumberDigits {
  char a[NUMBERS_MAX_DIGITS + 2]; /* digits kept, then maybe a sticky '1', then NUL */
  int n;                          /* digits in a */
  int exp10;                      /* value = digits * 10^exp10 */
  int bSticky;                    /* a dropped digit was not 0 */
} NumberDigits;

/* Adds digit c; bFraction when it follows the decimal mark. */
static void number_digit(NumberDigits *p, char c, int bFraction) {
  if (p->n == 0 && c == '0') {
    p->exp10 -= bFraction; /* a leading zero: only its place counts */
  } else if (p->n < NUMBERS_MAX_DIGITS) {
    p->a[p->n++] = c;
    p->exp10 -= bFraction;
  } else {
    p->exp10 += !bFraction;
    p->bSticky |= c != '0';
  }
}

int csm_text_number(const char *z, int n, double *pOut) {
  static const double aPow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                    1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  NumberDigits d;
  const char *zEnd = z + n;
  int bNeg = 0, nDigit = 0;
  d.n = d.exp10 = d.bSticky = 0;
  while (z < zEnd && numbers_is_space(*z)) z++;
  while (zEnd > z && numbers_is_space(zEnd[-1])) zEnd--;
  if (z < zEnd && (*z == '+' || *z == '-')) bNeg = *z++ == '-';
  for (; z < zEnd && numbers_is_digit(*z); z++, nDigit++) number_digit(&d, *z, 0);
  if (z < zEnd && *z == '.') {
    for (z++; z < zEnd && numbers_is_digit(*z); z++, nDigit++) number_digit(&d, *z, 1);
  }
  if (nDigit == 0) return CSM_INVALID;
  if (z < zEnd && (*z == 'e' || *z == 'E')) {
    int bExpNeg = 0, e = 0;
    z++;
    if (z < zEnd && (*z == '+' || *z == '-')) bExpNeg = *z++ == '-';
    if (z == zEnd || !numbers_is_digit(*z)) return CSM_INVALID;
    for (; z < zEnd && numbers_is_digit(*z); z++) {
      if (e < NUMBERS_MAX_EXP) e = e * 10 + (*z - '0');
    }
    d.exp10 += bExpNeg ? -e : e;
  }
  if (z != zEnd) return CSM_INVALID;
  double r;
  sqlite3_uint64 m = 0;
  for (int i = 0; i < d.n && i < 19; i++) m = m * 10 + (sqlite3_uint64)(d.a[i] - '0');
  if (d.n == 0) {
    r = 0.0;
  } else if (d.n <= 19 && m <= (1ULL << 53) && d.exp10 >= -22 && d.exp10 <= 22) {
    r = d.exp10 >= 0 ? (double)m * aPow10[d.exp10] : (double)m / aPow10[-d.exp10];
  } else {
    char zText[sizeof(d.a) + 16];
    if (d.bSticky) {
      d.a[d.n++] = '1';
      d.exp10--;
    }
    d.a[d.n] = 0;
    sqlite3_snprintf((int)sizeof(zText), zText, "%se%d", d.a, d.exp10);
    r = strtod(zText, 0); /* no decimal mark in zText: the locale plays no part */
  }
  *pOut = bNeg ? -r : r;
  return CSM_OK;
}

int csm_value_number(sqlite3_value *pVal, double *pOut) {
  switch (sqlite3_value_type(pVal)) {
  case SQLITE_NULL:
    return CSM_NULL;
  case SQLITE_INTEGER:
  case SQLITE_FLOAT:
    *pOut = sqlite3_value_double(pVal);
    return CSM_OK;
  case SQLITE_TEXT: {
    const char *z = (const char *)sqlite3_value_text(pVal);
    if (z == 0) return CSM_INVALID;
    return csm_text_number(z, sqlite3_value_bytes(pVal), pOut);
  }
  default:
    return CSM_INVALID;
  }
}

int csm_arg_number(sqlite3_context *ctx, sqlite3_value *pVal, const char *zFunc, const char *zArg,
                   double *pOut) {
  int rc = csm_value_number(pVal, pOut);
  if (rc == CSM_INVALID) {
    csm_result_error_got(ctx, pVal, "%s: %s must be a number", zFunc, zArg);
  }
  return rc;
}

int csm_arg_finite(sqlite3_context *ctx, sqlite3_value *pVal, const char *zFunc, const char *zArg,
                   double *pOut) {
  int rc = csm_arg_number(ctx, pVal, zFunc, zArg, pOut);
  if (rc == CSM_OK && !isfinite(*pOut)) {
    csm_result_error_got(ctx, pVal, "%s: %s must be a finite number", zFunc, zArg);
    rc = CSM_INVALID;
  }
  return rc;
}

int csm_arg_range(sqlite3_context *ctx, sqlite3_value *pVal, const char *zFunc, const char *zArg,
                  double lo, double hi, double *pOut) {
  int rc = csm_arg_finite(ctx, pVal, zFunc, zArg, pOut);
  if (rc == CSM_OK && !(*pOut >= lo && *pOut <= hi)) {
    csm_result_error_got(ctx, pVal, "%s: %s must be between %g and %g", zFunc, zArg, lo, hi);
    return CSM_INVALID;
  }
  return rc;
}

int csm_arg_optional(sqlite3_context *ctx, int argc, sqlite3_value **argv, int i, const char *zFunc,
                     const char *zArg, double dflt, double *pOut) {
  *pOut = dflt;
  if (i >= argc) return CSM_OK;
  int rc = csm_arg_finite(ctx, argv[i], zFunc, zArg, pOut);
  if (rc == CSM_NULL) *pOut = dflt;
  return rc == CSM_INVALID ? CSM_INVALID : CSM_OK;
}
