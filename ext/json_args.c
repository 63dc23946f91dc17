/*
** json_args.c -- a strict parser for the small JSON shapes that csmetrics
** takes as arguments (see json_args.h). It is a cursor over the text with
** one function per grammar element; arrays grow by doubling.
** Nesting is fixed by the shape, so there is no recursion to bound.
*/
#include "json_args.h"

#include "array.h"
#include "errors.h"

#include <string.h>

typedef struct JsonCursor {
  const char *zStart; /* whole input, for character positions in errors */
  const char *z;      /* next character to read */
  char *zErr;         /* first error, sqlite3_mprintf'd */
  int rc;             /* SQLITE_OK until the first failure */
} JsonCursor;

/* Records the first failure; later ones are consequences of it. */
static void json_fail(JsonCursor *p, const char *zWhat) {
  if (p->rc != SQLITE_OK) return;
  p->zErr = sqlite3_mprintf("%s at character %d", zWhat, (int)(p->z - p->zStart) + 1);
  p->rc = p->zErr ? SQLITE_ERROR : SQLITE_NOMEM;
}

static void json_nomem(JsonCursor *p) {
  if (p->rc == SQLITE_OK) p->rc = SQLITE_NOMEM;
}

static void json_ws(JsonCursor *p) {
  while (*p->z == ' ' || *p->z == '\t' || *p->z == '\n' || *p->z == '\r') p->z++;
}

/* Consumes c (after white space) or fails with "expected 'c'". */
static int json_expect(JsonCursor *p, char c) {
  json_ws(p);
  if (*p->z != c) {
    char zWhat[16];
    sqlite3_snprintf(sizeof(zWhat), zWhat, "expected '%c'", c);
    json_fail(p, zWhat);
    return 0;
  }
  p->z++;
  return 1;
}

/* Consumes c if it is next (after white space). */
static int json_accept(JsonCursor *p, char c) {
  json_ws(p);
  if (*p->z != c) return 0;
  p->z++;
  return 1;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* number = -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static int json_number(JsonCursor *p, double *pV) {
  json_ws(p);
  const char *z = p->z;
  if (*z == '-') z++;
  if (*z == '0') {
    z++;
  } else if (is_digit(*z)) {
    while (is_digit(*z)) z++;
  } else {
    json_fail(p, "expected a number");
    return 0;
  }
  if (*z == '.') {
    if (!is_digit(*++z)) goto bad;
    while (is_digit(*z)) z++;
  }
  if (*z == 'e' || *z == 'E') {
    z++;
    if (*z == '+' || *z == '-') z++;
    if (!is_digit(*z)) goto bad;
    while (is_digit(*z)) z++;
  }
  csm_text_number(p->z, (int)(z - p->z), pV); /* the JSON grammar is a subset of its own */
  p->z = z;
  return 1;
bad:
  json_fail(p, "malformed number");
  return 0;
}

static int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* A string with its escapes decoded (\uXXXX limited to the BMP outside
** the surrogates). Returns a sqlite3_malloc'd copy, or 0 on failure. */
static char *json_string(JsonCursor *p) {
  if (!json_expect(p, '"')) return 0;
  const char *zEnd = p->z;
  while (*zEnd && *zEnd != '"') zEnd += (*zEnd == '\\' && zEnd[1]) ? 2 : 1;
  if (*zEnd != '"') {
    json_fail(p, "unterminated string");
    return 0;
  }
  /* Decoding never lengthens: \uXXXX (6 bytes) becomes at most 3. */
  char *zOut = sqlite3_malloc64((sqlite3_uint64)(zEnd - p->z) + 1);
  if (zOut == 0) {
    json_nomem(p);
    return 0;
  }
  int n = 0;
  const char *zChar; /* start of the character being decoded */
  while ((zChar = p->z) < zEnd) {
    unsigned char c = (unsigned char)*p->z;
    if (c < 0x20) goto bad;
    if (c != '\\') {
      zOut[n++] = (char)c;
      p->z++;
      continue;
    }
    p->z++;
    switch (*p->z++) {
    case '"':
      zOut[n++] = '"';
      break;
    case '\\':
      zOut[n++] = '\\';
      break;
    case '/':
      zOut[n++] = '/';
      break;
    case 'b':
      zOut[n++] = '\b';
      break;
    case 'f':
      zOut[n++] = '\f';
      break;
    case 'n':
      zOut[n++] = '\n';
      break;
    case 'r':
      zOut[n++] = '\r';
      break;
    case 't':
      zOut[n++] = '\t';
      break;
    case 'u': {
      unsigned u = 0;
      for (int i = 0; i < 4; i++) {
        int h = p->z < zEnd ? hex_value(*p->z++) : -1;
        if (h < 0) goto bad;
        u = u * 16 + (unsigned)h;
      }
      if (u == 0 || (u >= 0xD800 && u <= 0xDFFF)) goto bad;
      if (u < 0x80) {
        zOut[n++] = (char)u;
      } else if (u < 0x800) {
        zOut[n++] = (char)(0xC0 | (u >> 6));
        zOut[n++] = (char)(0x80 | (u & 0x3F));
      } else {
        zOut[n++] = (char)(0xE0 | (u >> 12));
        zOut[n++] = (char)(0x80 | ((u >> 6) & 0x3F));
        zOut[n++] = (char)(0x80 | (u & 0x3F));
      }
      break;
    }
    default:
      goto bad;
    }
  }
  zOut[n] = 0;
  p->z = zEnd + 1;
  return zOut;
bad:
  p->z = zChar;
  json_fail(p, "invalid character or escape in string");
  sqlite3_free(zOut);
  return 0;
}

/* Fails unless only white space is left. */
static void json_end(JsonCursor *p) {
  json_ws(p);
  if (p->rc == SQLITE_OK && *p->z != 0) json_fail(p, "unexpected text after the value");
}

/* csm_array_reserve, failing the cursor on out-of-memory; 0 then. */
static int json_grow(JsonCursor *p, void **pa, sqlite3_int64 *pnAlloc, sqlite3_int64 n, size_t sz) {
  if (csm_array_reserve(pa, pnAlloc, n, sz) == SQLITE_OK) return 1;
  json_nomem(p);
  return 0;
}

/* Hands the error (if any) to the caller and returns the result code. */
static int json_finish(JsonCursor *p, char **pzErr) {
  *pzErr = p->zErr;
  return p->rc;
}

void csm_json_free_members(CsmJsonMember *aMember, int n) {
  for (int i = 0; i < n; i++) {
    sqlite3_free(aMember[i].zKey);
    sqlite3_free(aMember[i].zText);
  }
  sqlite3_free(aMember);
}

/* Shared by the two object shapes: bStrings also accepts string values. */
static int json_parse_members(const char *z, int bStrings, CsmJsonMember **paOut, int *pn,
                              char **pzErr) {
  JsonCursor c = {z, z, 0, SQLITE_OK};
  CsmJsonMember *a = 0;
  int n = 0;
  sqlite3_int64 nAlloc = 0;
  if (json_expect(&c, '{') && !json_accept(&c, '}')) {
    do {
      if (!json_grow(&c, (void **)&a, &nAlloc, n + 1, sizeof(*a))) break;
      a[n].zText = 0;
      a[n].v = 0;
      a[n].zKey = json_string(&c);
      if (a[n].zKey == 0) break;
      n++;
      if (!json_expect(&c, ':')) break;
      json_ws(&c);
      if (bStrings && *c.z == '"') {
        if ((a[n - 1].zText = json_string(&c)) == 0) break;
      } else if (!json_number(&c, &a[n - 1].v)) {
        break;
      }
    } while (json_accept(&c, ','));
    json_expect(&c, '}');
  }
  json_end(&c);
  if (c.rc != SQLITE_OK) {
    csm_json_free_members(a, n);
    a = 0;
    n = 0;
  }
  *paOut = a;
  *pn = n;
  return json_finish(&c, pzErr);
}

int csm_json_parse_object(const char *z, CsmJsonMember **paOut, int *pn, char **pzErr) {
  return json_parse_members(z, 0, paOut, pn, pzErr);
}

int csm_json_parse_fields(const char *z, CsmJsonMember **paOut, int *pn, char **pzErr) {
  return json_parse_members(z, 1, paOut, pn, pzErr);
}

/* Shared by the two array shapes: width 1 reads numbers, width 2 pairs. */
static int json_parse_array(const char *z, int width, double **paOut, int *pn, char **pzErr) {
  JsonCursor c = {z, z, 0, SQLITE_OK};
  double *a = 0;
  int n = 0;
  sqlite3_int64 nAlloc = 0;
  if (json_expect(&c, '[') && !json_accept(&c, ']')) {
    do {
      if (!json_grow(&c, (void **)&a, &nAlloc, ((sqlite3_int64)n + 1) * width, sizeof(*a))) break;
      if (width == 1) {
        if (!json_number(&c, &a[n])) break;
      } else if (!json_expect(&c, '[') || !json_number(&c, &a[2 * (size_t)n]) ||
                 !json_expect(&c, ',') || !json_number(&c, &a[2 * (size_t)n + 1]) ||
                 !json_expect(&c, ']')) {
        break;
      }
      n++;
    } while (json_accept(&c, ','));
    json_expect(&c, ']');
  }
  json_end(&c);
  if (c.rc != SQLITE_OK) {
    sqlite3_free(a);
    a = 0;
    n = 0;
  }
  *paOut = a;
  *pn = n;
  return json_finish(&c, pzErr);
}

int csm_json_parse_numbers(const char *z, double **paOut, int *pn, char **pzErr) {
  return json_parse_array(z, 1, paOut, pn, pzErr);
}

int csm_json_parse_pairs(const char *z, double **paOut, int *pn, char **pzErr) {
  return json_parse_array(z, 2, paOut, pn, pzErr);
}

void *csm_json_table_parse(sqlite3_context *ctx, sqlite3_value *pArg, const void *pShapeArg) {
  const CsmJsonShape *pShape = pShapeArg;
  CsmJsonTable *p = 0;
  if (sqlite3_value_type(pArg) != SQLITE_TEXT) {
    csm_result_error_got(ctx, pArg, "%s: %s must be %s", pShape->zFunc, pShape->zArg,
                         pShape->zWhat);
    return 0;
  }
  const char *z = (const char *)sqlite3_value_text(pArg);
  double *a = 0;
  int n = 0;
  char *zErr = 0;
  int rc = z == 0               ? SQLITE_NOMEM
           : pShape->width == 1 ? csm_json_parse_numbers(z, &a, &n, &zErr)
                                : csm_json_parse_pairs(z, &a, &n, &zErr);
  if (rc == SQLITE_OK) {
    const char *zProblem = pShape->xCheck(a, n);
    if (zProblem) {
      csm_result_error_got(ctx, pArg, "%s: %s %s", pShape->zFunc, pShape->zArg, zProblem);
    } else {
      size_t nNum = (size_t)n * (size_t)pShape->width;
      p = sqlite3_malloc64(sizeof(CsmJsonTable) + sizeof(double) * nNum);
      if (p == 0) {
        sqlite3_result_error_nomem(ctx);
      } else {
        p->n = n;
        if (nNum) memcpy(p->a, a, sizeof(double) * nNum);
      }
    }
  } else if (rc == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else {
    csm_result_error_got(ctx, pArg, "%s: %s must be %s (%s)", pShape->zFunc, pShape->zArg,
                         pShape->zWhat, zErr);
  }
  sqlite3_free(a);
  sqlite3_free(zErr);
  return p;
}
