/*
** json_args.h -- the small JSON arguments of csmetrics: weights objects
** ('{"usage":40,"support":15}'), cutoff arrays ('[85,70,50,30]') and step
** tables ('[[0.5,100],[0.4,80]]'), chart options ('{"title":"MRR"}').
** Strict RFC 8259 syntax for these shapes only; anything else is rejected with a description of
*where.
**
** Each parser returns SQLITE_OK, SQLITE_NOMEM, or SQLITE_ERROR with *pzErr
** set to a message such as "expected a number at character 7"
** (sqlite3_mprintf'd; the caller frees it). On success the caller owns
** the output array and frees it (csm_json_free_members for objects).
*/
#ifndef CSM_JSON_ARGS_H
#define CSM_JSON_ARGS_H

#include "csm_internal.h"

typedef struct CsmJsonMember {
  char *zKey;  /* member name, UTF-8, NUL-terminated, escapes decoded */
  double v;    /* member value when it is a number */
  char *zText; /* member value when it is a string (escapes decoded), else 0 */
} CsmJsonMember;

/* A flat object whose values are all numbers: {"a":1,"b":2.5}. */
int csm_json_parse_object(const char *z, CsmJsonMember **paOut, int *pn, char **pzErr);

/* A flat object whose values are numbers or strings: {"title":"MRR","width":480}
** (chart options). */
int csm_json_parse_fields(const char *z, CsmJsonMember **paOut, int *pn, char **pzErr);
void csm_json_free_members(CsmJsonMember *aMember, int n);

/* An array of numbers: [1,2,3]. *paOut holds *pn numbers. */
int csm_json_parse_numbers(const char *z, double **paOut, int *pn, char **pzErr);

/* An array of two-number arrays: [[1,2],[3,4]]. *paOut holds 2 * *pn
** numbers, pair i at (*paOut)[2*i] and (*paOut)[2*i+1]. */
int csm_json_parse_pairs(const char *z, double **paOut, int *pn, char **pzErr);

/* A JSON array argument parsed and checked, as kept by the per-statement
** argument cache (arg_cache.h): n rows of width numbers. */
typedef struct CsmJsonTable {
  int n;      /* rows: cut-offs, or [threshold, score] pairs */
  double a[]; /* n * width numbers */
} CsmJsonTable;

/* What a JSON array argument must be. */
typedef struct CsmJsonShape {
  const char *zFunc; /* SQL function, in messages */
  const char *zArg;  /* argument name in messages: cutoffs, steps */
  const char *zWhat; /* what it must be, in messages */
  int width;         /* 1: array of numbers, 2: array of pairs */
  /* The problem with the parsed numbers (a, n rows), or 0 when valid. */
  const char *(*xCheck)(const double *a, int n);
} CsmJsonShape;

/* A CsmArgParser (arg_cache.h) for a CsmJsonShape: parses the text of pArg
** into a new CsmJsonTable, or sets "<func>: <arg> must be <what> (<where>),
** got <value>" or "<func>: <arg> <problem>, got <value>" and returns 0. */
void *csm_json_table_parse(sqlite3_context *ctx, sqlite3_value *pArg, const void *pShape);

#endif /* CSM_JSON_ARGS_H */
