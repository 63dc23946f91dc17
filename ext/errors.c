/*
** errors.c -- error messages shared by every family: one helper for
** function errors and one for virtual-table errors, and the description of
** an offending value.
** See errors.h for the contracts.
*/
#include "errors.h"

#include <stdarg.h>
#include <string.h>

int csm_utf8_char_len(const unsigned char *z, int n) {
  unsigned char c = z[0];
  int len;
  unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (n < len || z[1] < lo || z[1] > hi) return 0;
  for (int i = 2; i < len; i++) {
    if ((z[i] & 0xC0) != 0x80) return 0;
  }
  return len;
}

/* Replaces, in place, every byte of z that does not start a valid UTF-8
** character (csm_utf8_char_len) by '?': a message quotes names and text the
** user wrote, and a client that decodes messages as UTF-8 must not fail on
** it (values quoted by csm_value_repr are already clean). Accepts 0. */
static char *message_utf8(char *z) {
  if (z == 0) return 0;
  int n = (int)strlen(z);
  for (int i = 0; i < n;) {
    int len = csm_utf8_char_len((const unsigned char *)z + i, n - i);
    if (len == 0) {
      z[i++] = '?';
    } else {
      i += len;
    }
  }
  return z;
}

void csm_result_errorf(sqlite3_context *ctx, const char *zFormat, ...) {
  va_list ap;
  va_start(ap, zFormat);
  char *zMsg = message_utf8(sqlite3_vmprintf(zFormat, ap));
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
  return message_utf8(zMsg);
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
  pVtab->zErrMsg = message_utf8(sqlite3_vmprintf(zFormat, ap));
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

#define CSM_REPR_MAX_TEXT 60 /* bytes of text shown in a message */

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
    /* Quoted as SQL text, cut after CSM_REPR_MAX_TEXT bytes on a character
    ** boundary; a byte that is not valid UTF-8 shows as U+FFFD, so a message
    ** is always valid UTF-8 whatever the input held. */
    const unsigned char *z = sqlite3_value_text(pVal);
    int n = sqlite3_value_bytes(pVal), i = 0;
    if (z == 0) return 0;
    sqlite3_str *pOut = sqlite3_str_new(0);
    sqlite3_str_appendchar(pOut, 1, '\'');
    while (i < n && z[i] != 0 && i < CSM_REPR_MAX_TEXT) {
      int len = csm_utf8_char_len(z + i, n - i);
      if (len == 0) {
        sqlite3_str_append(pOut, "\xEF\xBF\xBD", 3); /* U+FFFD */
        i++;
      } else {
        if (z[i] == '\'') sqlite3_str_appendchar(pOut, 1, '\''); /* doubled, as SQL quotes */
        sqlite3_str_append(pOut, (const char *)z + i, len);
        i += len;
      }
    }
    sqlite3_str_appendall(pOut, i < n && z[i] != 0 ? "...'" : "'");
    return sqlite3_str_finish(pOut);
  }
  }
}
