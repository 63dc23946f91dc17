/*
** errors.h -- error reporting shared by all families.
**
** Requirement R1: every message names the SQL function or table first,
** then what is wrong and the offending value, lower case, no full stop:
**   health_score: usage must be between 0 and 100, got 130
*/
#ifndef CSM_ERRORS_H
#define CSM_ERRORS_H

#include "csm_internal.h"

/* Sets a printf-formatted (sqlite3_mprintf) error on ctx; frees it. */
void csm_result_errorf(sqlite3_context *ctx, const char *zFormat, ...);

/* Like csm_result_errorf, then appends ", got <value>" describing pGot. */
void csm_result_error_got(sqlite3_context *ctx, sqlite3_value *pGot, const char *zFormat, ...);

/* The message csm_result_error_got would set, "<formatted>, got <value>",
** sqlite3_mprintf'd for the caller to free; 0 on out-of-memory. For
** functions that return a problem as text instead of raising it. */
char *csm_message_got(sqlite3_value *pGot, const char *zFormat, ...);

/* Replaces pVtab->zErrMsg with a formatted message. Returns SQLITE_ERROR,
** or SQLITE_NOMEM when the message itself could not be allocated. */
int csm_vtab_errorf(sqlite3_vtab *pVtab, const char *zFormat, ...);

/* Like csm_vtab_errorf, then appends ", got <value>" describing pGot. */
int csm_vtab_error_got(sqlite3_vtab *pVtab, sqlite3_value *pGot, const char *zFormat, ...);

/* A short description of a value for messages: 130, 1.5, 'abc', NULL,
** a blob. Long text is cut at 60 characters. sqlite3_mprintf'd (caller
** frees); NULL on out-of-memory. */
char *csm_value_repr(sqlite3_value *pVal);

/* Bytes of the valid UTF-8 character at z (n > 0 bytes left), or 0 when z
** does not start one (a stray continuation byte, an overlong form, a
** surrogate, a code point past U+10FFFF, a cut sequence). The one UTF-8
** validator: messages, quoted values and SVG text use it. */
int csm_utf8_char_len(const unsigned char *z, int n);

/* Number reading moved to numbers.h; included here so that every file that
** reports argument errors keeps reading arguments with one include. */
#include "numbers.h"

#endif /* CSM_ERRORS_H */
