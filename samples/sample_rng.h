/*
** sample_rng.h -- the deterministic random numbers shared by the sample
** generators (samples/gen_*.c): splitmix64, so that a seed always gives
** the same data on every machine and compiler.
*/
#ifndef CSM_SAMPLE_RNG_H
#define CSM_SAMPLE_RNG_H

#include <math.h>
#include <stdint.h>

typedef struct SampleRng {
  uint64_t state;
} SampleRng;

static inline uint64_t rng_next(SampleRng *r) {
  uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static inline double rng_uniform(SampleRng *r) {
  return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [lo, hi]. */
static inline int64_t rng_range(SampleRng *r, int64_t lo, int64_t hi) {
  return lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* 1 with probability p. */
static inline int rng_chance(SampleRng *r, double p) { return rng_uniform(r) < p; }

/* Standard normal (Box-Muller). */
static inline double rng_normal(SampleRng *r) {
  double u = rng_uniform(r), v = rng_uniform(r);
  return sqrt(-2.0 * log(u + 1e-300)) * cos(6.283185307179586 * v);
}

#endif /* CSM_SAMPLE_RNG_H */
