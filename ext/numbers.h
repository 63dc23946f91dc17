/*
** numbers.h -- the one reader of numbers for every function, table and date
** argument, locale-independent.
**
**   csm_text_number(" -0.5 ", 6, &r)   -> CSM_OK, r = -0.5
**   csm_text_number("1,5", 3, &r)      -> CSM_INVALID (whatever the locale)
**
** Grammar (requirement N1), after trimming ASCII white space (space, tab,
** newline, carriage return, vertical tab, form feed) on both ends: a decimal
** literal as SQL writes one, with an optional sign:
**     [+-]? ( digits [ '.' digits? ] | '.' digits ) ( [eE] [+-]? digits )?
** So '42', '-0.5', '1e3', '.5', '5.' and ' 70 ' are numbers; '0x10', 'inf',
** 'nan', '1,5', '1 000', '' and '-' are not. A value too large for a double
** is +-Inf ('1e999'); callers that need a finite number refuse it
** (csm_arg_finite).
** Requirement N2: the host's locale never changes the result; the decimal
** mark is always '.', and the conversion is correctly rounded.
*/
#ifndef CSM_NUMBERS_H
#define CSM_NUMBERS_H

#include "csm_internal.h"

/* Reads the n bytes at z (no NUL needed) as a number by the grammar above.
** Returns CSM_OK with *pOut set, or CSM_INVALID (then *pOut is unchanged). */
int csm_text_number(const char *z, int n, double *pOut);

/* Reads a value as a number: INTEGER and REAL as they are, TEXT by
** csm_text_number. Returns CSM_OK (with *pOut set), CSM_NULL (SQL NULL) or
** CSM_INVALID (blobs, text that is not a number). */
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

/* A required argument that must lie in [lo, hi] (scores 0-100,
** probabilities 0-1): csm_arg_finite, then "<zFunc>: <zArg> must be between
** <lo> and <hi>, got <value>" when it does not. Returns CSM_OK, CSM_NULL
** (nothing set; the caller returns NULL) or CSM_INVALID. */
int csm_arg_range(sqlite3_context *ctx, sqlite3_value *pVal, const char *zFunc, const char *zArg,
                  double lo, double hi, double *pOut);

/* An optional finite argument: argv[i] when present and not NULL, else
** dflt (an optional argument given as NULL takes its default). Returns
** CSM_OK, or CSM_INVALID with the error set on ctx. */
int csm_arg_optional(sqlite3_context *ctx, int argc, sqlite3_value **argv, int i, const char *zFunc,
                     const char *zArg, double dflt, double *pOut);

/* x limited to [lo, hi]; NaN stays NaN. */
static inline double csm_clamp(double x, double lo, double hi) {
  return x < lo ? lo : x > hi ? hi : x;
}

#endif /* CSM_NUMBERS_H */
