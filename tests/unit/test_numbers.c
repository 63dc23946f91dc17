/*
** test_numbers.c -- ext/numbers.c: the grammar of numbers as text (a golden
** table of accepted and refused texts), and correct rounding against the C
** library's strtod in the "C" locale (this program never calls setlocale,
** so strtod is an independent oracle here): random decimal texts of every
** length, exponents at the edges of the fast path, halfway cases that only
** the digits past the 800th decide. Random cases come from unit_random(),
** the same on every run.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numbers.h"
#include "unit.h"

static int read_number(const char *z, double *pOut) {
  return csm_text_number(z, (int)strlen(z), pOut);
}

static void test_grammar(void) {
  static const struct {
    const char *z;
    double r;
  } aValid[] = {
      {"42", 42},          {"-0.5", -0.5},
      {"1e3", 1000},       {"+7", 7},
      {" 70", 70},         {"70 ", 70},
      {"\t 1.5e2\n", 150}, {".5", 0.5},
      {"5.", 5},           {"-.25", -0.25},
      {"1E-2", 0.01},      {"0", 0},
      {"-0", 0},           {"000123", 123},
      {"0.000", 0},        {"1e+2", 100},
      {"0.32", 0.32},      {"0.75", 0.75},
      {"85.5", 85.5},      {"2460310.5", 2460310.5},
      {"1e-400", 0},       {"123456789012345678901234567890", 1.2345678901234568e29},
  };
  static const char *aInvalid[] = {
      "",     " ",     "-",    "+",     ".",     "e3",  "1e",    "1e+",   "1,5",
      "0,75", "1 000", "0x10", "inf",   "-inf",  "nan", "NaN",   "1.2.3", "1e3.5",
      "--1",  "+-1",   "1-",   "12abc", "1_000", "١٢",  "1e3 4", "$5",    "5%",
  };
  for (size_t i = 0; i < sizeof(aValid) / sizeof(aValid[0]); i++) {
    double r = -99;
    int rc = read_number(aValid[i].z, &r);
    CHECK(rc == CSM_OK && r == aValid[i].r, "'%s' -> rc %d, %.17g (want %.17g)", aValid[i].z, rc, r,
          aValid[i].r);
  }
  for (size_t i = 0; i < sizeof(aInvalid) / sizeof(aInvalid[0]); i++) {
    double r = -99;
    int rc = read_number(aInvalid[i], &r);
    CHECK(rc == CSM_INVALID && r == -99, "'%s' should be refused, got rc %d", aInvalid[i], rc);
  }
  double r = 0;
  CHECK(read_number("1e999", &r) == CSM_OK && isinf(r) && r > 0, "1e999 is +Inf: %g", r);
  CHECK(read_number("-1e999", &r) == CSM_OK && isinf(r) && r < 0, "-1e999 is -Inf: %g", r);
  CHECK(read_number("-0", &r) == CSM_OK && signbit(r), "-0 keeps its sign");
  /* Only the n bytes given are read: no NUL needed. */
  CHECK(csm_text_number("12345", 2, &r) == CSM_OK && r == 12, "prefix of 2 bytes: %g", r);
}

/* A random decimal text: sign, up to nMaxDigits digits, a point, an exponent. */
static void random_text(char *z, int nMaxDigits, int expRange) {
  int n = 0;
  if (unit_random() % 2) z[n++] = '-';
  int nDigit = 1 + (int)(unit_random() % (unsigned)nMaxDigits);
  int iPoint = (int)(unit_random() % (unsigned)(nDigit + 1));
  for (int i = 0; i < nDigit; i++) {
    if (i == iPoint) z[n++] = '.';
    z[n++] = (char)('0' + (int)(unit_random() % 10));
  }
  if (unit_random() % 2) {
    n += sprintf(z + n, "e%d", (int)(unit_random() % (unsigned)(2 * expRange + 1)) - expRange);
  }
  z[n] = 0;
}

static void test_rounding(void) {
  char z[1200];
  int nBad = 0;
  for (int i = 0; i < 200000; i++) {
    random_text(z, i % 4 == 0 ? 40 : 17, i % 3 == 0 ? 330 : 25);
    double want = strtod(z, 0), got = 0;
    if (read_number(z, &got) != CSM_OK || got != want || signbit(got) != signbit(want)) {
      if (nBad++ < 5) printf("  '%s': got %.17g, strtod %.17g\n", z, got, want);
    }
  }
  CHECK(nBad == 0, "%d random texts differ from strtod", nBad);
  /* 2^53 + 1 is halfway between two doubles: ties to even gives 2^53; any
  ** non-zero digit after 900 zeros tips it up to 2^53 + 2. */
  double r = 0;
  CHECK(read_number("9007199254740993", &r) == CSM_OK && r == 9007199254740992.0, "tie: %.17g", r);
  int n = sprintf(z, "9007199254740993.");
  memset(z + n, '0', 900);
  memcpy(z + n + 900, "1", 2);
  CHECK(read_number(z, &r) == CSM_OK && r == 9007199254740994.0, "sticky digit: %.17g", r);
  z[n + 900] = '0';
  CHECK(read_number(z, &r) == CSM_OK && r == 9007199254740992.0, "all zeros after: %.17g", r);
  CHECK(read_number("2.2250738585072011e-308", &r) == CSM_OK &&
            r == strtod("2.2250738585072011e-308", 0),
        "near the smallest normal: %.17g", r);
  CHECK(read_number("0.1000000000000000055511151231257827", &r) == CSM_OK && r == 0.1,
        "0.1 written long: %.17g", r);
}

int main(void) {
  test_grammar();
  test_rounding();
  return unit_report();
}
