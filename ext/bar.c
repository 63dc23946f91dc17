/*
** bar.c -- bar(value, max [, width]): a text bar for reports.
**
**   SELECT bar(28, 100);           -- ██████░░░░░░░░░░░░░░
**   SELECT bar(3, 4, 8);           -- ██████░░
**
** How it works: round(width * clamp(value, 0, max) / max) full blocks
** (U+2588), halves rounding up, then light shades (U+2591) up to width,
** built in a stack buffer.
**
** Requirements (cited in the code by number):
**   B1. A NULL value or max gives NULL; width given as NULL is 20.
**   B2. value and max are finite numbers (or numbers stored as text), max
**       > 0; value is clamped to 0..max.
**   B3. width is a whole number from 1 to BAR_MAX_WIDTH.
*/
#include "csm_internal.h"
#include "errors.h"

#include <math.h>
#include <string.h>

#define BAR_MAX_WIDTH 1000
static const char bar_full[3] = {'\xe2', '\x96', '\x88'};  /* U+2588 FULL BLOCK, UTF-8 */
static const char bar_light[3] = {'\xe2', '\x96', '\x91'}; /* U+2591 LIGHT SHADE */

static void bar_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double v, mx, w;
  int rc1 = csm_arg_finite(ctx, argv[0], "bar", "value", &v);
  if (rc1 == CSM_INVALID) return;
  int rc2 = csm_arg_finite(ctx, argv[1], "bar", "max", &mx);
  if (rc2 == CSM_INVALID) return;
  if (rc2 == CSM_OK && !(mx > 0)) { /* B2 */
    csm_result_error_got(ctx, argv[1], "bar: max must be greater than 0");
    return;
  }
  if (csm_arg_optional(ctx, argc, argv, 2, "bar", "width", 20, &w) != CSM_OK) return;
  if (!(w >= 1 && w <= BAR_MAX_WIDTH && w == floor(w))) { /* B3 */
    csm_result_error_got(ctx, argv[2], "bar: width must be a whole number between 1 and %d",
                         BAR_MAX_WIDTH);
    return;
  }
  if (rc1 == CSM_NULL || rc2 == CSM_NULL) return; /* B1 */
  int width = (int)w;
  double full = w * csm_clamp(v, 0, mx) / mx;
  /* w * value overflows near DBL_MAX; the ratio first is then exact enough. */
  if (!isfinite(full)) full = w * (csm_clamp(v, 0, mx) / mx);
  int nFull = (int)floor(full + 0.5);
  if (nFull > width) nFull = width;
  char z[BAR_MAX_WIDTH * 3];
  char *zOut = z;
  for (int i = 0; i < width; i++, zOut += 3) memcpy(zOut, i < nFull ? bar_full : bar_light, 3);
  sqlite3_result_text(ctx, z, (int)(zOut - z), SQLITE_TRANSIENT);
}

const CsmFunction bar_functions[] = {
    CSM_SCALAR("bar", 2, bar_fn, 0),
    CSM_SCALAR("bar", 3, bar_fn, 0),
    CSM_FUNCTION_END,
};
