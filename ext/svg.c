/*
** svg.c -- the building blocks of the picture functions (see svg.h):
** escaping, number formatting, the chart options, the SVG root element,
** colours, and the growable array and string store of the chart states.
**
** Rules (referred to by number in the code):
**   1. Output is deterministic: numbers print through SQLite's printf,
**      which ignores the C locale, coordinates with one decimal.
**   2. Every text that reaches a document is escaped; in SVG it is also
**      made valid XML (invalid UTF-8 and forbidden characters become
**      U+FFFD), so any label gives a well-formed document.
**   3. options is NULL or a JSON object with the keys width (a whole number
**      from 100 to 4000), height (a whole number from 50 to 20000), title
**      (a string), format ('num', 'pct' or 'money') and max (a number > 0);
**      anything else is an error naming the key or the value. A group
**      reads the options of its first row; a later row with different
**      options text is an error.
*/
#include "svg.h"

#include "array.h"
#include "errors.h"
#include "json_args.h"

#include <math.h>
#include <string.h>

/* ---- Label storage ------------------------------------------------------- */

sqlite3_int64 svg_store_add(SvgStore *p, const char *z, int n) {
  if (csm_array_reserve((void **)&p->a, &p->nAlloc, p->n + n + 1, 1) != SQLITE_OK) return -1;
  sqlite3_int64 iOff = p->n;
  if (n > 0) memcpy(p->a + iOff, z, (size_t)n);
  p->a[iOff + n] = 0;
  p->n += n + 1;
  return iOff;
}

/* ---- Escaping (Rule 2) --------------------------------------------------- */

/* Length of the valid UTF-8 character at z (n bytes left) that XML allows,
** or 0 when the bytes there are not one. */
static int svg_xml_char(const unsigned char *z, int n) {
  unsigned c = z[0];
  if (c < 0x80) return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
  int len = csm_utf8_char_len(z, n);
  /* XML also forbids U+FFFE and U+FFFF (EF BF BE, EF BF BF). */
  if (len == 3 && c == 0xEF && z[1] == 0xBF && z[2] >= 0xBE) return 0;
  return len;
}

void svg_escape(sqlite3_str *pOut, const char *z, int n, int bXml) {
  const unsigned char *zU = (const unsigned char *)z;
  int iRun = 0; /* start of the bytes not yet appended */
  for (int i = 0; i < n;) {
    const char *zEnt = 0;
    int len = 1;
    switch (zU[i]) {
    case '&':
      zEnt = "&amp;";
      break;
    case '<':
      zEnt = "&lt;";
      break;
    case '>':
      zEnt = "&gt;";
      break;
    case '"':
      zEnt = "&quot;";
      break;
    case '\'':
      zEnt = "&#39;";
      break;
    default:
      if (bXml) {
        len = svg_xml_char(zU + i, n - i);
        if (len == 0) {
          zEnt = "\xEF\xBF\xBD"; /* U+FFFD for one bad byte */
          len = 1;
        }
      }
    }
    if (zEnt) {
      sqlite3_str_append(pOut, z + iRun, i - iRun);
      sqlite3_str_appendall(pOut, zEnt);
      iRun = i + len;
    }
    i += len;
  }
  sqlite3_str_append(pOut, z + iRun, n - iRun);
}

int svg_char_count(const char *z, int n) {
  int nChar = 0;
  for (int i = 0; i < n; i++) nChar += (z[i] & 0xC0) != 0x80;
  return nChar;
}

void svg_label(sqlite3_str *pOut, const char *z, int n, int nMaxChar) {
  if (nMaxChar < 1) nMaxChar = 1;
  if (svg_char_count(z, n) <= nMaxChar) {
    svg_escape(pOut, z, n, 1);
    return;
  }
  /* Keep nMaxChar - 1 characters, cut on a character boundary. */
  int nKeep = 0, nChar = 0;
  while (nKeep < n) {
    if ((z[nKeep] & 0xC0) != 0x80 && nChar++ == nMaxChar - 1) break;
    nKeep++;
  }
  svg_escape(pOut, z, nKeep, 1);
  sqlite3_str_appendall(pOut, "\xE2\x80\xA6"); /* U+2026 ellipsis */
}

/* ---- Numbers (Rule 1) ---------------------------------------------------- */

/* Writes the whole number r (|r| < 1e15) with thousands separators at z;
** returns the bytes written. */
static int svg_grouped(char *z, double r) {
  char zDigits[32];
  sqlite3_snprintf(sizeof(zDigits), zDigits, "%.0f", fabs(r));
  int n = (int)strlen(zDigits), k = 0;
  for (int i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0) z[k++] = ',';
    z[k++] = zDigits[i];
  }
  return k;
}

/* Writes r with up to nDec decimals, trailing zeros dropped, at z (64
** bytes); returns the bytes written. */
static int svg_trimmed(char *z, double r, int nDec) {
  sqlite3_snprintf(64, z, "%.*f", nDec, r);
  int n = (int)strlen(z);
  if (strchr(z, '.')) {
    while (z[n - 1] == '0') n--;
    if (z[n - 1] == '.') n--;
  }
  if (n == 2 && z[0] == '-' && z[1] == '0') {
    z[0] = '0'; /* -0.001 rounds to 0, not -0 */
    n = 1;
  }
  return n;
}

/* Writes v formatted as fmt at z (SVG_VALUE_MAX bytes); returns its length. */
#define SVG_VALUE_MAX 80
static int svg_value_text(double v, SvgFormat fmt, char *z) {
  double shown = fmt == SVG_FORMAT_PCT ? 100.0 * v : v;
  const char *zSuffix = fmt == SVG_FORMAT_PCT ? "%" : "";
  if (!isfinite(shown)) {
    /* a percentage past DBL_MAX: mantissa and exponent written by hand */
    int e = (int)floor(log10(fabs(v)));
    sqlite3_snprintf(SVG_VALUE_MAX, z, "%.6ge+%d%%", v / pow(10, e), e + 2);
    return (int)strlen(z);
  }
  if (fabs(shown) >= 1e15) {
    sqlite3_snprintf(SVG_VALUE_MAX, z, "%s%.6g%s", fmt == SVG_FORMAT_MONEY ? "$" : "", shown,
                     zSuffix);
    return (int)strlen(z);
  }
  if (fmt == SVG_FORMAT_PCT) {
    int n = svg_trimmed(z, shown, 1);
    z[n++] = '%';
    return n;
  }
  double r = floor(fabs(v) + 0.5);
  if (fmt == SVG_FORMAT_MONEY || fabs(v) >= 1000) {
    int n = 0;
    if (v < 0 && r > 0) z[n++] = '-';
    if (fmt == SVG_FORMAT_MONEY) z[n++] = '$';
    return n + svg_grouped(z + n, r);
  }
  return svg_trimmed(z, v, 2);
}

void svg_value(sqlite3_str *pOut, double v, SvgFormat fmt) {
  char z[SVG_VALUE_MAX];
  sqlite3_str_append(pOut, z, svg_value_text(v, fmt, z));
}

int svg_value_width(double v, SvgFormat fmt) {
  char z[SVG_VALUE_MAX];
  return svg_value_text(v, fmt, z);
}

void svg_coord(sqlite3_str *pOut, double v) {
  double r = floor(v * 10.0 + 0.5) / 10.0;
  r += 0.0; /* -0.0 + 0.0 is +0.0: no "-0.0" */
  sqlite3_str_appendf(pOut, "%.1f", r);
}

double svg_nice_step(double range, int nTick) {
  if (!(range > 0) || !isfinite(range)) return 1;
  double raw = range / nTick;
  double mag = pow(10, floor(log10(raw)));
  double f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/* ---- Colours ------------------------------------------------------------- */

const char *svg_palette(int i) {
  static const char *const azColor[] = {"#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2",
                                        "#b279a2", "#eeca3b", "#9d755d", "#79706e", "#ff9da6"};
  return azColor[i % (int)(sizeof(azColor) / sizeof(azColor[0]))];
}

int svg_heat_color(double t, char *z) {
  /* Three stops: #f1f7fc (t = 0), #8fc1e3 (0.5), #1f6fb2 (1). */
  static const double aStop[3][3] = {{241, 247, 252}, {143, 193, 227}, {31, 111, 178}};
  if (!(t > 0)) t = 0;
  if (t > 1) t = 1;
  int k = t < 0.5 ? 0 : 1;
  double u = (t - 0.5 * k) * 2;
  int rgb[3];
  for (int c = 0; c < 3; c++) {
    rgb[c] = (int)floor(aStop[k][c] + (aStop[k + 1][c] - aStop[k][c]) * u + 0.5);
  }
  sqlite3_snprintf(8, z, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  return t > 0.55;
}

/* ---- Options (Rule 3) ---------------------------------------------------- */

/* "5" or "'text'" for a member's value, sqlite3_mprintf'd (0 on OOM). */
static char *svg_member_repr(const CsmJsonMember *m) {
  return m->zText ? sqlite3_mprintf("'%q'", m->zText) : sqlite3_mprintf("%.15g", m->v);
}

/* Reads a whole-number member in [lo, hi] into *pOut. Returns 1, or 0 with
** the error set on ctx. */
static int svg_option_int(sqlite3_context *ctx, const char *zFunc, const CsmJsonMember *m, int lo,
                          int hi, int *pOut) {
  if (m->zText == 0 && m->v >= lo && m->v <= hi && m->v == floor(m->v)) {
    *pOut = (int)m->v;
    return 1;
  }
  char *zGot = svg_member_repr(m);
  if (zGot == 0) {
    sqlite3_result_error_nomem(ctx);
  } else {
    csm_result_errorf(ctx, "%s: options %s must be a whole number from %d to %d, got %s", zFunc,
                      m->zKey, lo, hi, zGot);
  }
  sqlite3_free(zGot);
  return 0;
}

/* Sets "<zFunc>: options <key> must be <zWhat>, got <value>" on ctx. */
static void svg_option_error(sqlite3_context *ctx, const char *zFunc, const CsmJsonMember *m,
                             const char *zWhat) {
  char *zGot = svg_member_repr(m);
  if (zGot == 0) {
    sqlite3_result_error_nomem(ctx);
  } else {
    csm_result_errorf(ctx, "%s: options %s must be %s, got %s", zFunc, m->zKey, zWhat, zGot);
  }
  sqlite3_free(zGot);
}

int svg_options_parse(sqlite3_context *ctx, const char *zFunc, sqlite3_value *pArg, SvgOptions *p) {
  static const char *const azKey[] = {"width", "height", "title", "format", "max"};
  static const char *const azFormat[] = {"num", "pct", "money"};
  CsmJsonMember *aMember = 0;
  int nMember = 0, aSeen[5] = {0}, rc = SQLITE_ERROR;
  char *zErr = 0;
  p->width = SVG_DEFAULT_WIDTH;
  if (sqlite3_value_type(pArg) == SQLITE_NULL) return SQLITE_OK;
  if (sqlite3_value_type(pArg) != SQLITE_TEXT) {
    csm_result_error_got(ctx, pArg, "%s: options must be a JSON object", zFunc);
    return SQLITE_ERROR;
  }
  const char *z = (const char *)sqlite3_value_text(pArg);
  if (z == 0 || (p->zSource = sqlite3_mprintf("%s", z)) == 0) {
    sqlite3_result_error_nomem(ctx);
    return SQLITE_NOMEM;
  }
  int rcJson = csm_json_parse_fields(z, &aMember, &nMember, &zErr);
  if (rcJson == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
    rc = SQLITE_NOMEM;
    goto done;
  }
  if (rcJson != SQLITE_OK) {
    csm_result_error_got(ctx, pArg, "%s: options must be a JSON object (%s)", zFunc, zErr);
    goto done;
  }
  for (int i = 0; i < nMember; i++) {
    const CsmJsonMember *m = &aMember[i];
    int k = 0;
    while (k < 5 && strcmp(m->zKey, azKey[k]) != 0) k++;
    if (k == 5) {
      csm_result_errorf(ctx,
                        "%s: options key must be width, height, title, format or max, got '%q'",
                        zFunc, m->zKey);
      goto done;
    }
    if (aSeen[k]++) {
      csm_result_errorf(ctx, "%s: options key '%s' appears more than once", zFunc, m->zKey);
      goto done;
    }
    switch (k) {
    case 0:
      if (!svg_option_int(ctx, zFunc, m, 100, 4000, &p->width)) goto done;
      break;
    case 1:
      if (!svg_option_int(ctx, zFunc, m, 50, 20000, &p->height)) goto done;
      break;
    case 2:
      if (m->zText == 0) {
        svg_option_error(ctx, zFunc, m, "a string");
        goto done;
      }
      sqlite3_free(p->zTitle);
      if ((p->zTitle = sqlite3_mprintf("%s", m->zText)) == 0) {
        sqlite3_result_error_nomem(ctx);
        rc = SQLITE_NOMEM;
        goto done;
      }
      break;
    case 3: {
      int f = 0;
      while (f < 3 && !(m->zText && strcmp(m->zText, azFormat[f]) == 0)) f++;
      if (f == 3) {
        svg_option_error(ctx, zFunc, m, "'num', 'pct' or 'money'");
        goto done;
      }
      p->fmt = (SvgFormat)f;
      break;
    }
    default:
      if (m->zText || !(m->v > 0) || !isfinite(m->v)) {
        svg_option_error(ctx, zFunc, m, "a number greater than 0");
        goto done;
      }
      p->rMax = m->v;
    }
  }
  rc = SQLITE_OK;
done:
  csm_json_free_members(aMember, nMember);
  sqlite3_free(zErr);
  return rc;
}

int svg_options_same(sqlite3_context *ctx, const char *zFunc, sqlite3_value *pArg,
                     const SvgOptions *p) {
  const char *z =
      sqlite3_value_type(pArg) == SQLITE_TEXT ? (const char *)sqlite3_value_text(pArg) : 0;
  if (z == 0 && sqlite3_value_type(pArg) == SQLITE_TEXT) {
    sqlite3_result_error_nomem(ctx);
    return SQLITE_NOMEM;
  }
  int bSame = (p->zSource == 0 && sqlite3_value_type(pArg) == SQLITE_NULL) ||
              (p->zSource && z && strcmp(p->zSource, z) == 0);
  if (bSame) return SQLITE_OK;
  csm_result_errorf(ctx, "%s: options must be the same on every row", zFunc);
  return SQLITE_ERROR;
}

void svg_options_free(SvgOptions *p) {
  sqlite3_free(p->zTitle);
  sqlite3_free(p->zSource);
  p->zTitle = 0;
  p->zSource = 0;
}

/* ---- Document ------------------------------------------------------------ */

void svg_begin(sqlite3_str *pOut, const SvgOptions *p, int width, int height) {
  sqlite3_str_appendf(pOut,
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                      "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">",
                      width, height, width, height);
  sqlite3_str_appendf(pOut,
                      "<rect class=\"background\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>",
                      width, height);
  if (p->zTitle == 0) return;
  int n = (int)strlen(p->zTitle);
  sqlite3_str_appendall(pOut, "<title>");
  svg_escape(pOut, p->zTitle, n, 1);
  sqlite3_str_appendall(pOut, "</title><text class=\"title\" x=\"8\" y=\"19\" font-size=\"14\" "
                              "font-weight=\"bold\" fill=\"#222222\">");
  svg_label(pOut, p->zTitle, n, (width - 16) / 8);
  sqlite3_str_appendall(pOut, "</text>");
}

void svg_text_result(sqlite3_context *ctx, sqlite3_str *pOut) {
  int rc = sqlite3_str_errcode(pOut);
  int n = sqlite3_str_length(pOut);
  char *z = sqlite3_str_finish(pOut);
  if (rc == SQLITE_TOOBIG) {
    sqlite3_result_error_toobig(ctx);
  } else if (rc != SQLITE_OK) {
    sqlite3_result_error_nomem(ctx);
  } else if (z == 0) {
    sqlite3_result_text(ctx, "", 0, SQLITE_STATIC); /* nothing was appended */
  } else {
    sqlite3_result_text(ctx, z, n, sqlite3_free);
    return;
  }
  sqlite3_free(z);
}

void svg_result(sqlite3_context *ctx, sqlite3_str *pOut) {
  sqlite3_str_appendall(pOut, "</svg>");
  svg_text_result(ctx, pOut);
}
