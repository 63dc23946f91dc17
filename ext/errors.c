/*
** errors.c -- error messages and argument reading shared by every family
** (STYLE: "one helper for function errors and one for vtab errors").
** See errors.h for the contracts.
*/
#include "errors.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void csm_result_errorf(sqlite3_context *ctx, const char *zFormat, ...) {
  va_list ap;
  va_start(ap, zFormat);
  char *zMsg = sqlite3_vmprintf(zFormat, ap);
  va_end(ap);
  if (zMsg == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_error(ctx, zMsg, -1);
  sqlite3_free(zMsg);
}

/* "<formatted message>, got <value>", sqlite3_mprintf'd; 0 on out-of-memory. */
static char *message_got(sqlite3_value *pGot, const char *zFormat, va_list ap) {
  char *zWhat = sqlite3_vmprintf(zFormat, ap);
  char *zGot = csm_value_repr(pGot);
  char *zMsg = (zWhat && zGot) ? sqlite3_mprintf("%s, got %s", zWhat, zGot) : 0;
  sqlite3_free(zWhat);
  sqlite3_free(zGot);
  return zMsg;
}

char *csm_message_got(sqlite3_value *pGot, const char *zFormat, ...) {
  va_list ap;
  va_start(ap, zFormat);
  char *zMsg = message_got(pGot, zFormat, ap);
  va_end(ap);
  return zMsg;
}

void csm_result_error_got(sqlite3_context *ctx, sqlite3_value *pGot, const char *zFormat, ...) {
  va_list ap;
  va_start(ap, zFormat);
  char *zMsg = message_got(pGot, zFormat, ap);
  va_end(ap);
  if (zMsg == 0) {
    sqlite3_result_error_nomem(ctx);
  } else {
    sqlite3_result_error(ctx, zMsg, -1);
  }
  sqlite3_free(zMsg);
}

int csm_vtab_errorf(sqlite3_vtab *pVtab, const char *zFormat, ...) {
  va_list ap;
  va_start(ap, zFormat);
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = sqlite3_vmprintf(zFormat, ap);
  va_end(ap);
  return pVtab->zErrMsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

int csm_vtab_error_got(sqlite3_vtab *pVtab, sqlite3_value *pGot, const char *zFormat, ...) {
  va_list ap;
  va_start(ap, zFormat);
  char *zMsg = message_got(pGot, zFormat, ap);
  va_end(ap);
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = zMsg;
  return zMsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

#define CSM_REPR_MAX_TEXT 60 /* characters of text shown in a message */

char *csm_value_repr(sqlite3_value *pVal) {
  switch (sqlite3_value_type(pVal)) {
  case SQLITE_NULL:
    return sqlite3_mprintf("NULL");
  case SQLITE_INTEGER:
    return sqlite3_mprintf("%lld", sqlite3_value_int64(pVal));
  case SQLITE_FLOAT:
    return sqlite3_mprintf("%!.15g", sqlite3_value_double(pVal));
  case SQLITE_BLOB:
    return sqlite3_mprintf("a blob");
  default: {
    const char *z = (const char *)sqlite3_value_text(pVal);
    int n = sqlite3_value_bytes(pVal);
    if (z == 0) return 0;
    if (n <= CSM_REPR_MAX_TEXT) return sqlite3_mprintf("'%q'", z);
    /* Cut on a UTF-8 character boundary. */
    int cut = CSM_REPR_MAX_TEXT;
    while (cut > 0 && (z[cut] & 0xC0) == 0x80) cut--;
    char *zShort = sqlite3_mprintf("%.*s", cut, z);
    char *zOut = zShort ? sqlite3_mprintf("'%q...'", zShort) : 0;
    sqlite3_free(zShort);
    return zOut;
  }
  }
}

/* True when z (NUL-terminated) is a decimal number with optional sign,
** fraction, exponent and surrounding spaces -- and nothing else, so that
** strtod's extras (inf, nan, hex) are refused. */
static int text_is_decimal(const char *z) {
  int nDigits = 0;
  while (*z == ' ' || *z == '\t') z++;
  if (*z == '+' || *z == '-') z++;
  while (*z >= '0' && *z <= '9') z++, nDigits++;
  if (*z == '.') {
    z++;
    while (*z >= '0' && *z <= '9') z++, nDigits++;
  }
  if (nDigits == 0) return 0;
  if (*z == 'e' || *z == 'E') {
    z++;
    if (*z == '+' || *z == '-') z++;
    if (!(*z >= '0' && *z <= '9')) return 0;
    while (*z >= '0' && *z <= '9') z++;
  }
  while (*z == ' ' || *z == '\t') z++;
  return *z == 0;
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
    if (z == 0 || !text_is_decimal(z)) return CSM_INVALID;
    *pOut = strtod(z, 0);
    return CSM_OK;
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
