/*
** test_bytes.c -- ext/bytes.h: csm_bytes_equal against memcmp for every
** length from 0 to 40 (the byte loop, the two overlapping words of 8 to 16
** bytes, memcmp beyond), on equal strings and on strings that differ in
** exactly one byte, at every position (a mutant that skips the second word
** or reads one byte short fails). Random bytes come from unit_random().
*/
#include <string.h>

#include "bytes.h"
#include "unit.h"

int main(void) {
  unsigned char a[48] = {0}, b[48] = {0};
  int nBad = 0, nCase = 0;
  for (int n = 0; n <= 40; n++) {
    for (int t = 0; t < 20; t++) {
      for (int i = 0; i < n; i++) a[i] = (unsigned char)unit_random();
      memcpy(b, a, (size_t)n);
      nBad += csm_bytes_equal(a, b, n) != 1;
      nCase++;
      for (int i = 0; i < n; i++) {
        b[i] ^= (unsigned char)(1u << (unit_random() % 8));
        nBad += csm_bytes_equal(a, b, n) != (memcmp(a, b, (size_t)n) == 0);
        nCase++;
        b[i] = a[i];
      }
    }
  }
  CHECK(nBad == 0, "%d of %d comparisons differ from memcmp", nBad, nCase);
  CHECK(csm_bytes_equal("2024-01-31", "2024-01-31T23:00", 10) == 1, "a prefix of n bytes");
  return unit_report();
}
