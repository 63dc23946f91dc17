/*
** errors.h -- error reporting and argument reading shared by all families.
**
** Every message follows SPEC section 1: the SQL name first, then what is
** wrong and the offending value, lower case, no full stop:
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

/* Reads a value as a number: INTEGER and REAL as they are, TEXT only when
** it is a whole number in SQLite's numeric syntax ('42', ' 1.5e3').
** Returns CSM_OK (with *pOut set), CSM_NULL or CSM_INVALID. */
int csm_value_number(sqlite3_value *pVal, double *pOut);

/* csm_value_number for a function argument: on CSM_INVALID it also sets
** "<zFunc>: <zArg> must be a number, got <value>" on ctx. */
int csm_arg_number(sqlite3_context *ctx, sqlite3_value *pVal, const char *zFunc, const char *zArg,
                   double *pOut);

/* csm_arg_number that also refuses infinities ('1e999'), for sums and
** ratios that one infinite input would turn into Inf or NaN: sets
** "<zFunc>: <zArg> must be a finite number, got Inf" and returns CSM_INVALID. */
int csm_arg_finite(sqlite3_context *ctx, sqlite3_value *pVal, const char *zFunc, const char *zArg,
                   double *pOut);

#endif /* CSM_ERRORS_H */
