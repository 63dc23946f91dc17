/*
** test_json_args.c -- golden tables for ext/json_args.c: what each of the
** shapes accepts (with the values read) and what it rejects (with
** the exact message).
*/
#include <string.h>

#include "json_args.h"
#include "unit.h"

static void test_numbers(void) {
  static const struct {
    const char *z;
    int n;
    double a[4];
  } aOk[] = {
      {"[85,70,50,30]", 4, {85, 70, 50, 30}},
      {" [ 85.5 , -1e2 , 0 , 2E-1 ] ", 4, {85.5, -100, 0, 0.2}},
      {"[]", 0, {0}},
      {"[\n1\t]", 1, {1}},
  };
  static const struct {
    const char *z, *zErr;
  } aBad[] = {
      {"", "expected '[' at character 1"},
      {"85,70", "expected '[' at character 1"},
      {"[85,70", "expected ']' at character 7"},
      {"[85,]", "expected a number at character 5"},
      {"[85 70]", "expected ']' at character 5"},
      {"[01]", "expected ']' at character 3"},
      {"[1.]", "malformed number at character 2"},
      {"[1e]", "malformed number at character 2"},
      {"[+1]", "expected a number at character 2"},
      {"[NaN]", "expected a number at character 2"},
      {"[\"85\"]", "expected a number at character 2"},
      {"[1] x", "unexpected text after the value at character 5"},
      {"[[1,2]]", "expected a number at character 2"},
  };
  for (size_t i = 0; i < sizeof(aOk) / sizeof(aOk[0]); i++) {
    double *a = 0;
    int n = -1;
    char *zErr = 0;
    int rc = csm_json_parse_numbers(aOk[i].z, &a, &n, &zErr);
    int bSame = rc == SQLITE_OK && n == aOk[i].n;
    for (int j = 0; bSame && j < n; j++) bSame = a[j] == aOk[i].a[j];
    CHECK(bSame && zErr == 0, "'%s': rc %d n %d err %s", aOk[i].z, rc, n, zErr ? zErr : "-");
    sqlite3_free(a);
    sqlite3_free(zErr);
  }
  for (size_t i = 0; i < sizeof(aBad) / sizeof(aBad[0]); i++) {
    double *a = (double *)1;
    int n = -1;
    char *zErr = 0;
    int rc = csm_json_parse_numbers(aBad[i].z, &a, &n, &zErr);
    CHECK(rc == SQLITE_ERROR && a == 0 && n == 0 && zErr && strcmp(zErr, aBad[i].zErr) == 0,
          "'%s': rc %d, error '%s', want '%s'", aBad[i].z, rc, zErr ? zErr : "-", aBad[i].zErr);
    sqlite3_free(zErr);
  }
}

static void test_pairs(void) {
  double *a = 0;
  int n = 0;
  char *zErr = 0;
  int rc = csm_json_parse_pairs("[[0.5,100],[0.4,80],[0.3,60],[0.2,40],[0.1,20]]", &a, &n, &zErr);
  CHECK(rc == SQLITE_OK && n == 5 && a[0] == 0.5 && a[1] == 100 && a[8] == 0.1 && a[9] == 20,
        "documented steps: rc %d n %d", rc, n);
  sqlite3_free(a);
  static const struct {
    const char *z, *zErr;
  } aBad[] = {
      {"[[0.5,100],[0.4]]", "expected ',' at character 16"},
      {"[[0.5,100,1]]", "expected ']' at character 10"},
      {"[0.5,100]", "expected '[' at character 2"},
      {"[[0.5,100]", "expected ']' at character 11"},
  };
  for (size_t i = 0; i < sizeof(aBad) / sizeof(aBad[0]); i++) {
    zErr = 0;
    rc = csm_json_parse_pairs(aBad[i].z, &a, &n, &zErr);
    CHECK(rc == SQLITE_ERROR && a == 0 && zErr && strcmp(zErr, aBad[i].zErr) == 0,
          "'%s': rc %d, error '%s', want '%s'", aBad[i].z, rc, zErr ? zErr : "-", aBad[i].zErr);
    sqlite3_free(zErr);
  }
}

static void test_object(void) {
  CsmJsonMember *a = 0;
  int n = 0;
  char *zErr = 0;
  int rc = csm_json_parse_object(
      "{\"usage\":40, \"engagement\" : 20,\"growth\":20,\"support\":15,\"financial\":5}", &a, &n,
      &zErr);
  CHECK(rc == SQLITE_OK && n == 5 && strcmp(a[0].zKey, "usage") == 0 && a[0].v == 40 &&
            strcmp(a[4].zKey, "financial") == 0 && a[4].v == 5,
        "weights object: rc %d n %d", rc, n);
  csm_json_free_members(a, n);

  rc = csm_json_parse_object("{\"us\\u0061ge\":1,\"a\\\"b\\\\\\/\\n\":2,\"\\u00e9\\u20ac\":3}", &a,
                             &n, &zErr);
  CHECK(rc == SQLITE_OK && n == 3 && strcmp(a[0].zKey, "usage") == 0 &&
            strcmp(a[1].zKey, "a\"b\\/\n") == 0 && strcmp(a[2].zKey, "\xc3\xa9\xe2\x82\xac") == 0,
        "escapes decoded: rc %d n %d", rc, n);
  csm_json_free_members(a, n);

  rc = csm_json_parse_object("{}", &a, &n, &zErr);
  CHECK(rc == SQLITE_OK && n == 0, "empty object");
  csm_json_free_members(a, n);

  static const struct {
    const char *z, *zErr;
  } aBad[] = {
      {"[1]", "expected '{' at character 1"},
      {"{usage:1}", "expected '\"' at character 2"},
      {"{\"usage\" 1}", "expected ':' at character 10"},
      {"{\"usage\":\"1\"}", "expected a number at character 10"},
      {"{\"usage\":1,}", "expected '\"' at character 12"},
      {"{\"usage\":1", "expected '}' at character 11"},
      {"{\"usage:1}", "unterminated string at character 3"},
      {"{\"us\\x\":1}", "invalid character or escape in string at character 5"},
      {"{\"\\ud800\":1}", "invalid character or escape in string at character 3"},
      {"{\"a\tb\":1}", "invalid character or escape in string at character 4"},
      {"{\"usage\":{\"a\":1}}", "expected a number at character 10"},
      {"{\"usage\":true}", "expected a number at character 10"},
  };
  for (size_t i = 0; i < sizeof(aBad) / sizeof(aBad[0]); i++) {
    zErr = 0;
    rc = csm_json_parse_object(aBad[i].z, &a, &n, &zErr);
    CHECK(rc == SQLITE_ERROR && a == 0 && n == 0 && zErr && strcmp(zErr, aBad[i].zErr) == 0,
          "'%s': rc %d, error '%s', want '%s'", aBad[i].z, rc, zErr ? zErr : "-", aBad[i].zErr);
    sqlite3_free(zErr);
  }
}

/* The chart options shape: values are numbers or strings. */
static void test_fields(void) {
  CsmJsonMember *a = 0;
  int n = 0;
  char *zErr = 0;
  int rc = csm_json_parse_fields("{\"title\":\"NRR \\u0026 GRR\", \"width\" : 480,\"format\":\"\"}",
                                 &a, &n, &zErr);
  CHECK(rc == SQLITE_OK && n == 3 && strcmp(a[0].zKey, "title") == 0 && a[0].zText &&
            strcmp(a[0].zText, "NRR & GRR") == 0 && a[1].zText == 0 && a[1].v == 480 &&
            a[2].zText && a[2].zText[0] == 0,
        "options object: rc %d n %d", rc, n);
  csm_json_free_members(a, n);

  static const struct {
    const char *z, *zErr;
  } aBad[] = {
      {"{\"title\":\"x}", "unterminated string at character 11"},
      {"{\"title\":[1]}", "expected a number at character 10"},
      {"{\"title\":\"a\",\"max\":}", "expected a number at character 20"},
      {"{\"title\":\"\\q\"}", "invalid character or escape in string at character 11"},
  };
  for (size_t i = 0; i < sizeof(aBad) / sizeof(aBad[0]); i++) {
    zErr = 0;
    rc = csm_json_parse_fields(aBad[i].z, &a, &n, &zErr);
    CHECK(rc == SQLITE_ERROR && a == 0 && n == 0 && zErr && strcmp(zErr, aBad[i].zErr) == 0,
          "'%s': rc %d, error '%s', want '%s'", aBad[i].z, rc, zErr ? zErr : "-", aBad[i].zErr);
    sqlite3_free(zErr);
  }
  /* The numbers-only shape still refuses a string value. */
  rc = csm_json_parse_object("{\"title\":\"x\"}", &a, &n, &zErr);
  CHECK(rc == SQLITE_ERROR && zErr && strcmp(zErr, "expected a number at character 10") == 0,
        "object refuses a string: rc %d", rc);
  sqlite3_free(zErr);
}

/* Large inputs grow the arrays past their first allocation. */
static void test_large(void) {
  sqlite3_str *p = sqlite3_str_new(0);
  sqlite3_str_appendchar(p, 1, '[');
  for (int i = 0; i < 10000; i++) sqlite3_str_appendf(p, "%s%d", i ? "," : "", i);
  sqlite3_str_appendchar(p, 1, ']');
  char *z = sqlite3_str_finish(p);
  double *a = 0;
  int n = 0;
  char *zErr = 0;
  int rc = csm_json_parse_numbers(z, &a, &n, &zErr);
  CHECK(rc == SQLITE_OK && n == 10000 && a[9999] == 9999, "10000 numbers: rc %d n %d", rc, n);
  sqlite3_free(a);
  sqlite3_free(z);
}

int main(void) {
  test_numbers();
  test_pairs();
  test_object();
  test_fields();
  test_large();
  return unit_report();
}
