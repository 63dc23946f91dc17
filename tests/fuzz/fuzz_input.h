/*
** fuzz_input.h -- turning fuzzer bytes into SQL values, shared by the
** libFuzzer targets of tests/fuzz/.
**
** A FuzzInput is a cursor over the input; every read succeeds (past the end
** it yields zeros), so each input decodes to some test case. A value is one
** kind byte then its payload:
**   kind % 10: 0 NULL, 1 small integer (1 byte, signed), 2 64-bit integer,
**   3 real from 8 raw bytes, 4 real from a 2-byte fixed point (x/100),
**   5 text (1 length byte, then bytes), 6 blob (likewise),
**   7 an integer as text ('42'), 8 a date as text built from 4 bytes,
**   9 a word of the target's dictionary (1 index byte).
** Kinds 7-9 let the fuzzer reach valid-looking values quickly; kind 5 with
** the libFuzzer dictionary (tests/fuzz/csmetrics.dict) covers malformed ones.
*/
#ifndef CSM_FUZZ_INPUT_H
#define CSM_FUZZ_INPUT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct FuzzInput {
  const uint8_t *a;
  size_t n, i;
} FuzzInput;

static uint8_t fuzz_byte(FuzzInput *p) { return p->i < p->n ? p->a[p->i++] : 0; }

static uint64_t fuzz_u64(FuzzInput *p) {
  uint64_t v = 0;
  for (int k = 0; k < 8; k++) v = (v << 8) | fuzz_byte(p);
  return v;
}

/* Binds the next value of the input to parameter iParam of s. azWord (nWord
** entries) are the target's words for kind 9. */
static void fuzz_bind_value(FuzzInput *p, sqlite3_stmt *s, int iParam, const char *const *azWord,
                            int nWord) {
  char z[256];
  int kind = fuzz_byte(p) % 10;
  switch (kind) {
  case 0:
    sqlite3_bind_null(s, iParam);
    break;
  case 1:
    sqlite3_bind_int(s, iParam, (int8_t)fuzz_byte(p));
    break;
  case 2:
    sqlite3_bind_int64(s, iParam, (sqlite3_int64)fuzz_u64(p));
    break;
  case 3: {
    uint64_t u = fuzz_u64(p);
    double r;
    memcpy(&r, &u, sizeof(r));
    sqlite3_bind_double(s, iParam, r);
    break;
  }
  case 4: {
    int hi = fuzz_byte(p), lo = fuzz_byte(p);
    sqlite3_bind_double(s, iParam, (int16_t)((hi << 8) | lo) / 100.0);
    break;
  }
  case 5:
  case 6: {
    size_t n = fuzz_byte(p);
    if (n > p->n - p->i) n = p->n - p->i;
    const void *pBytes = p->a + p->i;
    p->i += n;
    if (kind == 6) {
      sqlite3_bind_blob(s, iParam, pBytes, (int)n, SQLITE_TRANSIENT);
    } else {
      sqlite3_bind_text(s, iParam, (const char *)pBytes, (int)n, SQLITE_TRANSIENT);
    }
    break;
  }
  case 7:
    snprintf(z, sizeof(z), "%d", (int8_t)fuzz_byte(p));
    sqlite3_bind_text(s, iParam, z, -1, SQLITE_TRANSIENT);
    break;
  case 8: {
    int y = 1990 + fuzz_byte(p) % 50, m = fuzz_byte(p) % 14, d = fuzz_byte(p) % 33,
        form = fuzz_byte(p);
    if (form % 3 == 0) {
      snprintf(z, sizeof(z), "%04d-%02d-%02d", y, m, d);
    } else if (form % 3 == 1) {
      snprintf(z, sizeof(z), "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, form % 25, form % 61,
               form % 60);
    } else {
      snprintf(z, sizeof(z), "%04d-%02d-%02d %02d:%02d+%02d:30", y, m, d, form % 24, form % 60,
               form % 15);
    }
    sqlite3_bind_text(s, iParam, z, -1, SQLITE_TRANSIENT);
    break;
  }
  default:
    if (nWord > 0) {
      sqlite3_bind_text(s, iParam, azWord[fuzz_byte(p) % nWord], -1, SQLITE_STATIC);
    } else {
      sqlite3_bind_null(s, iParam);
    }
    break;
  }
}

#endif /* CSM_FUZZ_INPUT_H */
