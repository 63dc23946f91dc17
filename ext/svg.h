/*
** svg.h -- what the picture functions share (sparkline.c, charts.c,
** html_escape.c): escaping text for XML and HTML, formatting numbers the
** way the charts print them, the chart options argument, the SVG prologue
** and epilogue, colours, and a growable array and string store for the
** aggregate states.
**
** Every output is built in an sqlite3_str (so it grows through SQLite's
** allocator and respects SQLITE_LIMIT_LENGTH) and handed to SQLite with
** svg_result(), which turns an allocation failure into SQLITE_NOMEM and an
** over-long result into SQLITE_TOOBIG.
*/
#ifndef CSM_SVG_H
#define CSM_SVG_H

#include "csm_internal.h"

#include <stddef.h>

/* How a chart prints values (options "format"). */
typedef enum SvgFormat {
  SVG_FORMAT_NUM,   /* 1,234 / 0.85 / 12.5: whole above 1000, else up to 2 decimals */
  SVG_FORMAT_PCT,   /* a ratio as a percentage: 0.853 -> 85.3% */
  SVG_FORMAT_MONEY, /* whole dollars: -$1,234 */
} SvgFormat;

/* The options argument of every chart, after validation. */
typedef struct SvgOptions {
  int width;     /* pixels; SVG_DEFAULT_WIDTH when not given */
  int height;    /* pixels; 0 when not given (the chart chooses) */
  char *zTitle;  /* the title, sqlite3_malloc'd, or 0 */
  SvgFormat fmt; /* how values print */
  double rMax;   /* the fixed top of the scale, or 0 when not given */
  char *zSource; /* the options text as given (compared on later rows), or 0 */
} SvgOptions;

#define SVG_DEFAULT_WIDTH 640
#define SVG_CHAR_WIDTH 7 /* average advance of a 12px sans-serif character */

/* Reads the options argument pArg of zFunc (NULL: every default) into *p,
** which the caller zeroes first and frees with svg_options_free. Returns
** SQLITE_OK, or the error code after setting the error on ctx. */
int svg_options_parse(sqlite3_context *ctx, const char *zFunc, sqlite3_value *pArg, SvgOptions *p);

/* For rows after the first: SQLITE_OK when pArg is the same options text
** as the first row's, else an error set on ctx ("options must be the same
** on every row"). */
int svg_options_same(sqlite3_context *ctx, const char *zFunc, sqlite3_value *pArg,
                     const SvgOptions *p);

void svg_options_free(SvgOptions *p);

/* Appends the n bytes at z escaped: & < > " ' become entities. With bXml,
** the result is also valid XML 1.0 character data: invalid UTF-8 and the
** characters XML forbids (controls other than tab, newline and carriage
** return; U+FFFE, U+FFFF) become U+FFFD. */
void svg_escape(sqlite3_str *pOut, const char *z, int n, int bXml);

/* Appends the n bytes at z as escaped XML text, shortened to at most
** nMaxChar characters (the last one an ellipsis) when longer. */
void svg_label(sqlite3_str *pOut, const char *z, int n, int nMaxChar);

/* Characters (UTF-8 code points) in the n bytes at z. */
int svg_char_count(const char *z, int n);

/* Appends v (finite) formatted as fmt. */
void svg_value(sqlite3_str *pOut, double v, SvgFormat fmt);

/* Characters svg_value would append for v. */
int svg_value_width(double v, SvgFormat fmt);

/* Appends a coordinate with one decimal ("12.5"; never "-0.0"). */
void svg_coord(sqlite3_str *pOut, double v);

/* The y where a chart's body starts: below the title line when there is one. */
#define svg_top(p) ((p)->zTitle ? 30.0 : 8.0)

/* Appends the root element (width x height, with a white background) and,
** when p->zTitle is set, a <title> and a visible title line. */
void svg_begin(sqlite3_str *pOut, const SvgOptions *p, int width, int height);

/* Closes the root element and sets the document as the result of ctx, as
** svg_text_result does. */
void svg_result(sqlite3_context *ctx, sqlite3_str *pOut);

/* Sets the text built in pOut as the result of ctx, or the error it met
** (SQLITE_NOMEM, SQLITE_TOOBIG). Consumes pOut. */
void svg_text_result(sqlite3_context *ctx, sqlite3_str *pOut);

/* The i-th colour of the series palette (cycles), as "#rrggbb". */
const char *svg_palette(int i);

/* Writes the colour of a heat-map value t in [0, 1] (light to dark blue)
** as "#rrggbb" into z (8 bytes); returns 1 when the colour is dark enough
** to need white text. */
int svg_heat_color(double t, char *z);

/* A step of 1, 2 or 5 times a power of ten near range / nTick. */
double svg_nice_step(double range, int nTick);

/* A store of strings for an aggregate's labels: each svg_store_add copies
** the bytes and returns their offset (or -1 on out-of-memory). */
typedef struct SvgStore {
  char *a;              /* the bytes, each string followed by a NUL */
  sqlite3_int64 n;      /* bytes used */
  sqlite3_int64 nAlloc; /* bytes allocated */
} SvgStore;

sqlite3_int64 svg_store_add(SvgStore *p, const char *z, int n);

#endif /* CSM_SVG_H */
