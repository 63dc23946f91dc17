/*
** unit.h -- the few macros the C unit tests share. Each test program
** counts checks and ends with unit_report(), which prints the closing line
** "N passed, M failed" and returns the exit status.
*/
#ifndef CSM_UNIT_H
#define CSM_UNIT_H

#include <stdio.h>

static int unit_nPass, unit_nFail;

#define CHECK(cond, ...)                                                                           \
  do {                                                                                             \
    if (cond) {                                                                                    \
      unit_nPass++;                                                                                \
    } else {                                                                                       \
      unit_nFail++;                                                                                \
      printf("FAIL %s:%d: %s -- ", __FILE__, __LINE__, #cond);                                     \
      printf(__VA_ARGS__);                                                                         \
      printf("\n");                                                                                \
    }                                                                                              \
  } while (0)

/* A deterministic pseudo-random 64-bit number (splitmix64): tests that
** draw many cases are the same on every run and every platform. */
static inline unsigned long long unit_random(void) {
  static unsigned long long state = 0x9E3779B97F4A7C15ULL;
  unsigned long long z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static int unit_report(void) {
  printf("%d passed, %d failed\n", unit_nPass, unit_nFail);
  return unit_nFail == 0 && unit_nPass > 0 ? 0 : 1;
}

#endif /* CSM_UNIT_H */
