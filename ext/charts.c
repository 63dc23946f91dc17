/*
** charts.c -- chart_bars, chart_line and chart_heatmap: aggregates that
** return their group drawn as a self-contained SVG document.
**
**   SELECT chart_bars(tier, accounts) FROM health_distribution;
**   SELECT chart_line(month, nrr, 'NRR', '{"format":"pct"}') FROM (SELECT ... ORDER BY month);
**   SELECT chart_heatmap(cohort, period, retention, '{"format":"pct"}')
**     FROM cohort_retention('usage_events');
**
** How it works: xStep keeps each row that draws something (its value, x,
** and the index of its label, series, row or column) in a growable array,
** and the label texts in one string store; distinct series, rows and
** columns get indexes in first-seen order through an entity map (the hash
** map keyed by an SQL value), so a group of n rows costs O(n) to collect
** and O(n log n) to draw (chart_line sorts its points). xFinal lays the
** chart out and writes the SVG (svg.h).
**
** Requirements:
**   1. A row whose value (chart_line: x or y) is NULL draws nothing; a NULL
**      label, series, row or column draws an empty label. A group whose rows
**      all draw nothing gives an SVG with no marks; no rows give NULL.
**   2. chart_bars: one <rect class="bar"> per drawn row, top to bottom in
**      arrival order, each with a <title> "label: value"; lengths scale to
**      the largest value (options max: to max), negative values run left
**      of a zero axis.
**   3. chart_line: one <path class="series"> per distinct series among the
**      drawn rows (NULL is one series), in first-seen order, points ordered
**      by x (ties in arrival order). A number x is a number; a text x is a
**      date (docs/conventions.md forms) and the axis shows dates; one group
**      mixing the two is an error.
**   4. chart_heatmap: one <rect class="cell"> per drawn row, rows and
**      columns in first-seen order and labelled; the colour runs from light
**      (0) to dark (options max, default 1: a ratio scale), values outside
**      clamp to the ends; each cell prints its value when it fits.
**   5. The value, y and x arguments are finite numbers (or numbers stored as
**      text); anything else is an error naming the argument and the value.
**   6. Output is deterministic and well-formed (svg.c rules 1-3).
*/
#include "array.h"
#include "csm_internal.h"
#include "dates.h"
#include "entity_map.h"
#include "errors.h"
#include "svg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The three charts; the user data of each function. */
typedef enum ChartKind { CHART_BARS, CHART_LINE, CHART_HEATMAP } ChartKind;

typedef struct ChartPoint {
  double x;         /* chart_line: x (a number, or a date as epoch days) */
  double v;         /* the value (chart_line: y) */
  sqlite3_int64 iA; /* bars: label offset in the store; line: series; heatmap: row */
  sqlite3_int64 iB; /* line: arrival number; heatmap: column */
} ChartPoint;

/* Distinct keys (series, rows or columns) in first-seen order. */
typedef struct ChartKeys {
  CsmEntityMap *pMap;    /* non-NULL key -> map index */
  sqlite3_int64 *aOrder; /* map index -> key number */
  sqlite3_int64 nOrderAlloc;
  sqlite3_int64 *aName; /* key number -> label offset in the store */
  sqlite3_int64 nName, nNameAlloc;
  sqlite3_int64 iNull; /* key number of NULL, or -1 */
} ChartKeys;

typedef struct ChartState {
  SvgOptions opt;  /* the first row's options */
  int bStarted;    /* the first row has been seen */
  int xKind;       /* chart_line: 0 no x yet, 1 numbers, 2 dates */
  ChartPoint *aPt; /* the drawn rows */
  sqlite3_int64 nPt, nPtAlloc;
  SvgStore store;    /* label texts */
  ChartKeys keys[2]; /* line: [0] series; heatmap: [0] rows, [1] columns */
} ChartState;

static const char *const chart_name[] = {"chart_bars", "chart_line", "chart_heatmap"};

/* ---- Collecting rows ----------------------------------------------------- */

/* Copies the text of pVal (SQL NULL or 0: empty) into the store; -1 on OOM. */
static sqlite3_int64 chart_text(ChartState *p, sqlite3_value *pVal) {
  const char *z = "";
  int n = 0;
  if (pVal && sqlite3_value_type(pVal) != SQLITE_NULL) {
    z = (const char *)sqlite3_value_text(pVal);
    if (z == 0) return -1;
    n = sqlite3_value_bytes(pVal);
  }
  return svg_store_add(&p->store, z, n);
}

/* Sets *piKey to the key number of pVal (SQL NULL or 0: the NULL key) in
** pK, adding it when new. Returns SQLITE_OK or SQLITE_NOMEM. */
static int chart_key(ChartState *p, ChartKeys *pK, sqlite3_value *pVal, sqlite3_int64 *piKey) {
  sqlite3_int64 iMap = -1;
  int isNew = 1;
  if (pVal == 0 || sqlite3_value_type(pVal) == SQLITE_NULL) {
    if (pK->iNull >= 0) {
      *piKey = pK->iNull;
      return SQLITE_OK;
    }
  } else {
    if (pK->pMap == 0 && (pK->pMap = csm_entity_map_new()) == 0) return SQLITE_NOMEM;
    sqlite3_int64 nBefore = csm_entity_map_count(pK->pMap);
    if (csm_array_reserve((void **)&pK->aOrder, &pK->nOrderAlloc, nBefore + 1,
                          sizeof(sqlite3_int64)) != SQLITE_OK) {
      return SQLITE_NOMEM;
    }
    if (csm_entity_map_intern(pK->pMap, pVal, &iMap, &isNew) != SQLITE_OK) return SQLITE_NOMEM;
    if (!isNew) {
      *piKey = pK->aOrder[iMap];
      return SQLITE_OK;
    }
  }
  /* A new key: its label, then its number. On OOM a new map entry stays
  ** without a number, but the statement fails with SQLITE_NOMEM anyway. */
  sqlite3_int64 iName = chart_text(p, pVal);
  if (iName < 0 || csm_array_reserve((void **)&pK->aName, &pK->nNameAlloc, pK->nName + 1,
                                     sizeof(sqlite3_int64)) != SQLITE_OK) {
    return SQLITE_NOMEM;
  }
  pK->aName[pK->nName] = iName;
  if (iMap >= 0) {
    pK->aOrder[iMap] = pK->nName;
  } else {
    pK->iNull = pK->nName;
  }
  *piKey = pK->nName++;
  return SQLITE_OK;
}

/* Reads x of chart_line (Requirement 3) into *pX. Returns CSM_OK, CSM_NULL
** or CSM_INVALID with the error set. */
static int chart_line_x(sqlite3_context *ctx, ChartState *p, sqlite3_value *pVal, double *pX) {
  int type = sqlite3_value_type(pVal);
  if (type == SQLITE_NULL) return CSM_NULL;
  int kind = type == SQLITE_TEXT ? 2 : 1;
  if (type == SQLITE_TEXT) {
    sqlite3_int64 ms;
    const char *z = (const char *)sqlite3_value_text(pVal);
    if (z == 0) {
      sqlite3_result_error_nomem(ctx);
      return CSM_INVALID;
    }
    if (csm_date_parse_text(z, &ms) != CSM_OK) {
      csm_result_error_got(ctx, pVal, "chart_line: x must be a number or a date");
      return CSM_INVALID;
    }
    *pX = (double)ms / (double)CSM_MS_PER_DAY;
  } else if (type == SQLITE_BLOB) {
    csm_result_error_got(ctx, pVal, "chart_line: x must be a number or a date");
    return CSM_INVALID;
  } else {
    *pX = sqlite3_value_double(pVal);
    if (!isfinite(*pX)) {
      csm_result_error_got(ctx, pVal, "chart_line: x must be a finite number");
      return CSM_INVALID;
    }
  }
  if (p->xKind && p->xKind != kind) {
    csm_result_error_got(ctx, pVal, "chart_line: x must not mix numbers and dates");
    return CSM_INVALID;
  }
  p->xKind = kind;
  return CSM_OK;
}

static void chart_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  ChartKind kind = (ChartKind)((const char *const *)sqlite3_user_data(ctx) - chart_name);
  const char *zFunc = chart_name[kind];
  int iOpt = kind == CHART_BARS ? 2 : 3; /* argument index of options */
  ChartState *p = sqlite3_aggregate_context(ctx, (int)sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (!p->bStarted) {
    p->bStarted = 1;
    p->keys[0].iNull = p->keys[1].iNull = -1;
    p->opt.width = SVG_DEFAULT_WIDTH;
    if (argc > iOpt && svg_options_parse(ctx, zFunc, argv[iOpt], &p->opt) != SQLITE_OK) return;
  } else if (argc > iOpt && svg_options_same(ctx, zFunc, argv[iOpt], &p->opt) != SQLITE_OK) {
    return;
  }
  ChartPoint pt = {0, 0, 0, 0};
  int rc; /* Requirements 1 and 5 */
  if (kind == CHART_LINE) {
    int rcX = chart_line_x(ctx, p, argv[0], &pt.x);
    if (rcX == CSM_INVALID) return;
    rc = csm_arg_finite(ctx, argv[1], zFunc, "y", &pt.v);
    if (rc == CSM_OK && rcX == CSM_NULL) rc = CSM_NULL;
  } else {
    rc = csm_arg_finite(ctx, argv[kind == CHART_BARS ? 1 : 2], zFunc, "value", &pt.v);
  }
  if (rc != CSM_OK) return;
  if (csm_array_reserve((void **)&p->aPt, &p->nPtAlloc, p->nPt + 1, sizeof(ChartPoint)) !=
      SQLITE_OK) {
    goto nomem;
  }
  if (kind == CHART_BARS) {
    if ((pt.iA = chart_text(p, argv[0])) < 0) goto nomem;
  } else if (kind == CHART_LINE) {
    pt.iB = p->nPt;
    if (chart_key(p, &p->keys[0], argc > 2 ? argv[2] : 0, &pt.iA) != SQLITE_OK) goto nomem;
  } else if (chart_key(p, &p->keys[0], argv[0], &pt.iA) != SQLITE_OK ||
             chart_key(p, &p->keys[1], argv[1], &pt.iB) != SQLITE_OK) {
    goto nomem;
  }
  p->aPt[p->nPt++] = pt;
  return;
nomem:
  sqlite3_result_error_nomem(ctx);
}

/* ---- Drawing ------------------------------------------------------------- */

#define CHART_TEXT "#333333"  /* labels */
#define CHART_MUTED "#777777" /* axes' labels */
#define CHART_GRID "#e6e6e6"  /* grid lines */
#define CHART_BAR "#4c78a8"   /* bars */

static const char *chart_label(const ChartState *p, sqlite3_int64 iOff) {
  return p->store.a + iOff;
}

/* Appends <title>label: value</title> (no label: just the value). */
static void chart_tooltip(sqlite3_str *pOut, const char *zLabel, const char *zSep, double v,
                          SvgFormat fmt) {
  sqlite3_str_appendall(pOut, "<title>");
  if (zLabel[0]) {
    svg_escape(pOut, zLabel, (int)strlen(zLabel), 1);
    sqlite3_str_appendall(pOut, zSep);
  }
  svg_value(pOut, v, fmt);
  sqlite3_str_appendall(pOut, "</title>");
}

/* Appends <text x y [anchor] fill>label</text>, the label cut to nMax characters. */
static void chart_text_at(sqlite3_str *pOut, double x, double y, const char *zAnchor,
                          const char *zFill, const char *zClass, const char *z, int nMax) {
  sqlite3_str_appendf(pOut, "<text class=\"%s\" x=\"", zClass);
  svg_coord(pOut, x);
  sqlite3_str_appendall(pOut, "\" y=\"");
  svg_coord(pOut, y);
  sqlite3_str_appendf(pOut, "\" text-anchor=\"%s\" fill=\"%s\">", zAnchor, zFill);
  svg_label(pOut, z, (int)strlen(z), nMax);
  sqlite3_str_appendall(pOut, "</text>");
}

/* Appends a rectangle's geometry attributes: x="" y="" width="" height="". */
static void chart_rect_at(sqlite3_str *pOut, double x, double y, double w, double h) {
  sqlite3_str_appendall(pOut, " x=\"");
  svg_coord(pOut, x);
  sqlite3_str_appendall(pOut, "\" y=\"");
  svg_coord(pOut, y);
  sqlite3_str_appendall(pOut, "\" width=\"");
  svg_coord(pOut, w < 0 ? 0 : w);
  sqlite3_str_appendall(pOut, "\" height=\"");
  svg_coord(pOut, h < 0 ? 0 : h);
  sqlite3_str_appendall(pOut, "\"");
}

/* Appends <line class=zClass x1 y1 x2 y2 stroke/>. */
static void chart_line_at(sqlite3_str *pOut, const char *zClass, double x1, double y1, double x2,
                          double y2, const char *zStroke) {
  sqlite3_str_appendf(pOut, "<line class=\"%s\" x1=\"", zClass);
  svg_coord(pOut, x1);
  sqlite3_str_appendall(pOut, "\" y1=\"");
  svg_coord(pOut, y1);
  sqlite3_str_appendall(pOut, "\" x2=\"");
  svg_coord(pOut, x2);
  sqlite3_str_appendall(pOut, "\" y2=\"");
  svg_coord(pOut, y2);
  sqlite3_str_appendf(pOut, "\" stroke=\"%s\"/>", zStroke);
}

/* The widest label among the n store offsets at ai (stride apart), in characters. */
static int chart_widest(const ChartState *p, const sqlite3_int64 *ai, sqlite3_int64 n,
                        size_t stride) {
  int w = 0;
  for (sqlite3_int64 i = 0; i < n; i++) {
    const char *z = chart_label(p, *(const sqlite3_int64 *)((const char *)ai + i * stride));
    int c = svg_char_count(z, (int)strlen(z));
    if (c > w) w = c;
  }
  return w;
}

static double chart_clamp(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

/* A label column of nChar characters, at most share of the width: pixels. */
static double chart_label_width(int nChar, int width, double share) {
  if (nChar == 0) return 8;
  double w = 16.0 + SVG_CHAR_WIDTH * nChar;
  return w > width * share ? width * share : w;
}

/* Requirement 2. */
static void chart_bars_draw(const ChartState *p, sqlite3_str *pOut) {
  const SvgOptions *o = &p->opt;
  int W = o->width;
  double top = svg_top(o);
  double lo = 0, hi = 0;
  int nValueChar = 0;
  for (sqlite3_int64 i = 0; i < p->nPt; i++) {
    double v = p->aPt[i].v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    int c = svg_value_width(v, o->fmt);
    if (c > nValueChar) nValueChar = c;
  }
  if (o->rMax > 0) hi = o->rMax;
  if (!(hi / 2 - lo / 2 > 0)) hi = lo + 1; /* all zero (halved: the span may pass DBL_MAX) */
  int nLabelChar = p->nPt ? chart_widest(p, &p->aPt[0].iA, p->nPt, sizeof(ChartPoint)) : 0;
  double lw = chart_label_width(nLabelChar, W, 0.35);
  int nLabelMax = (int)((lw - 16) / SVG_CHAR_WIDTH);
  double plotL = lw, plotR = W - 8.0 - SVG_CHAR_WIDTH * nValueChar - 6;
  if (plotR < plotL + 20) plotR = plotL + 20;
  double pitch = 26;
  int H = (int)(top + 26.0 * (double)p->nPt + 8);
  if (o->height) {
    H = o->height;
    pitch = (H - top - 8) / (double)(p->nPt ? p->nPt : 1);
  }
  double barH = pitch * 0.75;
  double span = hi / 2 - lo / 2; /* halved against overflow */
  double x0 = plotL + (0 - lo / 2) / span * (plotR - plotL);
  svg_begin(pOut, o, W, H);
  for (sqlite3_int64 i = 0; i < p->nPt; i++) {
    double v = p->aPt[i].v, vc = chart_clamp(v, lo, hi);
    double xv = plotL + (vc / 2 - lo / 2) / span * (plotR - plotL);
    double y = top + (double)i * pitch + (pitch - barH) / 2;
    const char *zLabel = chart_label(p, p->aPt[i].iA);
    sqlite3_str_appendall(pOut, "<g class=\"row\"><rect class=\"bar\"");
    chart_rect_at(pOut, xv < x0 ? xv : x0, y, fabs(xv - x0), barH);
    sqlite3_str_appendf(pOut, " fill=\"%s\">", CHART_BAR);
    chart_tooltip(pOut, zLabel, ": ", v, o->fmt);
    sqlite3_str_appendall(pOut, "</rect>");
    chart_text_at(pOut, lw - 8, y + barH / 2 + 4, "end", CHART_TEXT, "label", zLabel, nLabelMax);
    sqlite3_str_appendall(pOut, "<text class=\"value\" x=\"");
    svg_coord(pOut, (xv > x0 ? xv : x0) + 4);
    sqlite3_str_appendall(pOut, "\" y=\"");
    svg_coord(pOut, y + barH / 2 + 4);
    sqlite3_str_appendf(pOut, "\" fill=\"%s\">", CHART_TEXT);
    svg_value(pOut, v, o->fmt);
    sqlite3_str_appendall(pOut, "</text></g>");
  }
  if (lo < 0) chart_line_at(pOut, "axis", x0, top, x0, H - 8.0, "#999999");
}

/* Orders points by series, then x, then arrival (Requirement 3). */
static int chart_point_cmp(const void *pA, const void *pB) {
  const ChartPoint *a = pA, *b = pB;
  if (a->iA != b->iA) return a->iA < b->iA ? -1 : 1;
  if (a->x != b->x) return a->x < b->x ? -1 : 1;
  return a->iB < b->iB ? -1 : a->iB > b->iB;
}

static int chart_double_cmp(const void *pA, const void *pB) {
  double a = *(const double *)pA, b = *(const double *)pB;
  return a < b ? -1 : a > b;
}

/* Widens an empty range [v, v] around v, staying finite. */
static void chart_widen(double *pLo, double *pHi) {
  if (*pHi > *pLo) return;
  double v = *pLo, pad = fabs(v) > 10 ? fabs(v) / 10 : 1;
  *pLo = v - pad;
  *pHi = v + pad;
  if (!isfinite(*pHi)) *pHi = v;
  if (!isfinite(*pLo)) *pLo = v;
}

/* Appends an x-axis label: the number xValue, or the date (YYYY-MM when
** bMonths) it holds as an epoch day, at (x, y). */
static void chart_x_tick(sqlite3_str *pOut, const ChartState *p, double xValue, double x,
                         const char *zAnchor, double y, int bMonths) {
  sqlite3_str_appendall(pOut, "<text class=\"tick\" x=\"");
  svg_coord(pOut, x);
  sqlite3_str_appendall(pOut, "\" y=\"");
  svg_coord(pOut, y);
  sqlite3_str_appendf(pOut, "\" text-anchor=\"%s\" fill=\"%s\">", zAnchor, CHART_MUTED);
  if (p->xKind == 2) {
    char zDay[12];
    csm_day_format((sqlite3_int64)floor(xValue), zDay);
    sqlite3_str_append(pOut, zDay, bMonths ? 7 : 10);
  } else {
    svg_value(pOut, xValue, SVG_FORMAT_NUM);
  }
  sqlite3_str_appendall(pOut, "</text>");
}

/* Requirement 3. Returns SQLITE_OK or SQLITE_NOMEM. */
static int chart_line_draw(ChartState *p, sqlite3_str *pOut) {
  const SvgOptions *o = &p->opt;
  int W = o->width, H = o->height ? o->height : 320;
  sqlite3_int64 nSeries = p->keys[0].nName;
  double top = svg_top(o);
  double *aX = 0; /* the distinct x values, ascending */
  sqlite3_int64 nX = 0;
  if (p->nPt > 0) {
    aX = sqlite3_malloc64((sqlite3_uint64)p->nPt * sizeof(double));
    if (aX == 0) return SQLITE_NOMEM;
    qsort(p->aPt, (size_t)p->nPt, sizeof(ChartPoint), chart_point_cmp);
  }
  double ylo = INFINITY, yhi = -INFINITY;
  int bMonths = 1;
  for (sqlite3_int64 i = 0; i < p->nPt; i++) {
    aX[i] = p->aPt[i].x;
    if (p->aPt[i].v < ylo) ylo = p->aPt[i].v;
    if (p->aPt[i].v > yhi) yhi = p->aPt[i].v;
    if (p->xKind == 2) {
      int y, m, d;
      double day = floor(p->aPt[i].x);
      csm_civil_from_days((sqlite3_int64)day, &y, &m, &d);
      if (d != 1 || day != p->aPt[i].x) bMonths = 0;
    }
  }
  if (p->nPt > 0) qsort(aX, (size_t)p->nPt, sizeof(double), chart_double_cmp);
  for (sqlite3_int64 i = 0; i < p->nPt; i++) {
    if (nX == 0 || aX[i] != aX[nX - 1]) aX[nX++] = aX[i];
  }
  /* The y axis: nice ticks around the data; max fixes the top. */
  if (p->nPt == 0) ylo = 0, yhi = 1;
  if (o->rMax > 0) {
    yhi = o->rMax;
    if (ylo > 0) ylo = 0;
  }
  chart_widen(&ylo, &yhi);
  double step = svg_nice_step(yhi / 2 - ylo / 2, 2); /* (yhi - ylo) / 4, halved */
  double t0 = floor(ylo / step) * step, t1 = ceil(yhi / step) * step;
  if (o->rMax > 0) t1 = o->rMax;
  if (!(t1 > t0) || !isfinite(t1 - t0) || (t1 - t0) / step > 40) {
    t0 = ylo, t1 = yhi, step = t1 / 2 - t0 / 2; /* extreme ranges: the ends and the middle */
  }
  /* Ticks t0 + k * step for k = 0..nStep, the last one clamped to t1. */
  double nTick = ceil((t1 / 2 - t0 / 2) / (step / 2) - 1e-9);
  /* A step that underflows (subnormal ranges) gives inf: then the two ends. */
  int nStep = nTick >= 0 && nTick <= 40 ? (int)nTick : 1;
#define CHART_TICK(k) ((k) == nStep ? t1 : t0 + (k)*step)
  int nTickChar = 0;
  for (int k = 0; k <= nStep; k++) {
    int c = svg_value_width(CHART_TICK(k), o->fmt);
    if (c > nTickChar) nTickChar = c;
  }
  int bLegend = nSeries > 1 || (nSeries == 1 && chart_label(p, p->keys[0].aName[0])[0]);
  double plotT = top + (bLegend ? 24 : 6), plotB = H - 26.0;
  double plotL = 14.0 + SVG_CHAR_WIDTH * nTickChar, plotR = W - 16.0;
  if (plotB < plotT + 10) plotB = plotT + 10;
  double xlo = nX ? aX[0] : 0, xhi = nX ? aX[nX - 1] : 1;
  chart_widen(&xlo, &xhi);
  double xspan = xhi / 2 - xlo / 2, yspan = t1 / 2 - t0 / 2;
#define CHART_PX(x) (plotL + ((x) / 2 - xlo / 2) / xspan * (plotR - plotL))
#define CHART_PY(y) (plotB - (chart_clamp(y, t0, t1) / 2 - t0 / 2) / yspan * (plotB - plotT))
  svg_begin(pOut, o, W, H);
  /* Grid and y labels. */
  for (int k = 0; k <= nStep; k++) {
    double y = CHART_PY(CHART_TICK(k));
    chart_line_at(pOut, "grid", plotL, y, plotR, y, CHART_GRID);
    sqlite3_str_appendall(pOut, "<text class=\"tick\" x=\"");
    svg_coord(pOut, plotL - 6);
    sqlite3_str_appendall(pOut, "\" y=\"");
    svg_coord(pOut, y + 4);
    sqlite3_str_appendf(pOut, "\" text-anchor=\"end\" fill=\"%s\">", CHART_MUTED);
    svg_value(pOut, CHART_TICK(k), o->fmt);
    sqlite3_str_appendall(pOut, "</text>");
  }
  /* x labels: distinct x values, left to right, each drawn when it clears
  ** the previous one; the last x replaces the label before it if need be. */
  int nLabChar = p->xKind == 2 ? (bMonths ? 7 : 10) : 1;
  for (sqlite3_int64 i = 0; i < nX && p->xKind != 2; i++) {
    int c = svg_value_width(aX[i], SVG_FORMAT_NUM);
    if (c > nLabChar) nLabChar = c;
  }
  double wLab = SVG_CHAR_WIDTH * nLabChar, gap = 12;
#define CHART_ANCHOR(i) (nX == 1 ? "middle" : (i) == 0 ? "start" : (i) == nX - 1 ? "end" : "middle")
  sqlite3_int64 iPending = -1;    /* chosen, not yet drawn */
  double rightBefore = -INFINITY; /* right edge of the last drawn label */
  for (sqlite3_int64 i = 0; i < nX; i++) {
    double x = CHART_PX(aX[i]);
    const char *zAnchor = CHART_ANCHOR(i);
    double left = zAnchor[0] == 's' ? x : zAnchor[0] == 'e' ? x - wLab : x - wLab / 2;
    double rightPending = iPending < 0                       ? -INFINITY
                          : CHART_ANCHOR(iPending)[0] == 's' ? CHART_PX(aX[iPending]) + wLab
                                                             : CHART_PX(aX[iPending]) + wLab / 2;
    if (left >= rightPending + gap) {
      if (iPending >= 0)
        chart_x_tick(pOut, p, aX[iPending], CHART_PX(aX[iPending]), CHART_ANCHOR(iPending),
                     plotB + 16, bMonths);
      rightBefore = rightPending;
      iPending = i;
    } else if (i == nX - 1 && iPending > 0 && left >= rightBefore + gap) {
      iPending = i; /* the last x wins over the label before it */
    }
  }
  if (iPending >= 0)
    chart_x_tick(pOut, p, aX[iPending], CHART_PX(aX[iPending]), CHART_ANCHOR(iPending), plotB + 16,
                 bMonths);
  chart_line_at(pOut, "axis", plotL, plotB, plotR, plotB, "#999999");
  /* One path per series; points ordered by series then x. */
  int bPoints = p->nPt <= 400;
  for (sqlite3_int64 i = 0, iSeries = -1; i < p->nPt; i++) {
    const ChartPoint *pt = &p->aPt[i];
    const char *zColor = svg_palette((int)(pt->iA % 1000));
    if (pt->iA != iSeries) {
      if (iSeries >= 0) sqlite3_str_appendall(pOut, "\"/>");
      iSeries = pt->iA;
      sqlite3_str_appendf(pOut,
                          "<path class=\"series\" fill=\"none\" stroke=\"%s\" "
                          "stroke-width=\"2\" stroke-linejoin=\"round\" d=\"M",
                          zColor);
    } else {
      sqlite3_str_appendchar(pOut, 1, 'L');
    }
    svg_coord(pOut, CHART_PX(pt->x));
    sqlite3_str_appendchar(pOut, 1, ' ');
    svg_coord(pOut, CHART_PY(pt->v));
  }
  if (p->nPt > 0) sqlite3_str_appendall(pOut, "\"/>");
  for (sqlite3_int64 i = 0; bPoints && i < p->nPt; i++) {
    const ChartPoint *pt = &p->aPt[i];
    const char *zName = chart_label(p, p->keys[0].aName[pt->iA]);
    sqlite3_str_appendall(pOut, "<circle class=\"point\" cx=\"");
    svg_coord(pOut, CHART_PX(pt->x));
    sqlite3_str_appendall(pOut, "\" cy=\"");
    svg_coord(pOut, CHART_PY(pt->v));
    sqlite3_str_appendf(pOut, "\" r=\"2.5\" fill=\"%s\"><title>",
                        svg_palette((int)(pt->iA % 1000)));
    if (zName[0]) {
      svg_escape(pOut, zName, (int)strlen(zName), 1);
      sqlite3_str_appendall(pOut, ", ");
    }
    if (p->xKind == 2) {
      char zDay[12];
      csm_day_format((sqlite3_int64)floor(pt->x), zDay);
      sqlite3_str_appendall(pOut, zDay);
    } else {
      svg_value(pOut, pt->x, SVG_FORMAT_NUM);
    }
    sqlite3_str_appendall(pOut, ": ");
    svg_value(pOut, pt->v, o->fmt);
    sqlite3_str_appendall(pOut, "</title></circle>");
  }
#undef CHART_PX
#undef CHART_PY
#undef CHART_ANCHOR
#undef CHART_TICK
  /* Legend: one key per series, left to right, while they fit. */
  double x = plotL;
  for (sqlite3_int64 s = 0; bLegend && s < nSeries; s++) {
    const char *zName = chart_label(p, p->keys[0].aName[s]);
    int nChar = svg_char_count(zName, (int)strlen(zName));
    if (nChar > 24) nChar = 24;
    if (x + 14 + SVG_CHAR_WIDTH * nChar > W - 8.0) break;
    sqlite3_str_appendall(pOut, "<rect class=\"key\"");
    chart_rect_at(pOut, x, top + 4, 10, 10);
    sqlite3_str_appendf(pOut, " fill=\"%s\"/>", svg_palette((int)(s % 1000)));
    chart_text_at(pOut, x + 14, top + 13, "start", CHART_TEXT, "legend", zName, 24);
    x += 14 + SVG_CHAR_WIDTH * nChar + 16;
  }
  sqlite3_free(aX);
  return SQLITE_OK;
}

/* Requirement 4. */
static void chart_heatmap_draw(const ChartState *p, sqlite3_str *pOut) {
  const SvgOptions *o = &p->opt;
  int W = o->width;
  const ChartKeys *pRows = &p->keys[0], *pCols = &p->keys[1];
  sqlite3_int64 nR = pRows->nName, nC = pCols->nName;
  double top = svg_top(o) + 20; /* column labels */
  double lw = chart_label_width(chart_widest(p, pRows->aName, nR, sizeof(sqlite3_int64)), W, 0.3);
  int nRowMax = (int)((lw - 16) / SVG_CHAR_WIDTH);
  double cellW = (W - lw - 8) / (double)(nC ? nC : 1);
  double cellH = 26;
  int H = (int)(top + 26.0 * (double)nR + 8);
  if (o->height) {
    H = o->height;
    cellH = (H - top - 8) / (double)(nR ? nR : 1);
  }
  double scale = o->rMax > 0 ? o->rMax : 1;
  int nColMax = (int)((cellW - 2) / SVG_CHAR_WIDTH);
  svg_begin(pOut, o, W, H);
  for (sqlite3_int64 c = 0; c < nC; c++) {
    chart_text_at(pOut, lw + ((double)c + 0.5) * cellW, top - 6, "middle", CHART_MUTED, "column",
                  chart_label(p, pCols->aName[c]), nColMax);
  }
  for (sqlite3_int64 r = 0; r < nR; r++) {
    chart_text_at(pOut, lw - 8, top + ((double)r + 0.5) * cellH + 4, "end", CHART_TEXT, "label",
                  chart_label(p, pRows->aName[r]), nRowMax);
  }
  for (sqlite3_int64 i = 0; i < p->nPt; i++) {
    const ChartPoint *pt = &p->aPt[i];
    char zFill[8];
    int bDark = svg_heat_color(pt->v / scale, zFill);
    double x = lw + (double)pt->iB * cellW, y = top + (double)pt->iA * cellH;
    sqlite3_str_appendall(pOut, "<rect class=\"cell\"");
    chart_rect_at(pOut, x + 0.5, y + 0.5, cellW - 1, cellH - 1);
    sqlite3_str_appendf(pOut, " fill=\"%s\"><title>", zFill);
    const char *zRow = chart_label(p, pRows->aName[pt->iA]);
    const char *zCol = chart_label(p, pCols->aName[pt->iB]);
    svg_escape(pOut, zRow, (int)strlen(zRow), 1);
    sqlite3_str_appendall(pOut, ", ");
    svg_escape(pOut, zCol, (int)strlen(zCol), 1);
    sqlite3_str_appendall(pOut, ": ");
    svg_value(pOut, pt->v, o->fmt);
    sqlite3_str_appendall(pOut, "</title></rect>");
    if (cellH >= 14 && svg_value_width(pt->v, o->fmt) * SVG_CHAR_WIDTH * 0.9 + 4 <= cellW) {
      sqlite3_str_appendall(pOut, "<text class=\"value\" x=\"");
      svg_coord(pOut, x + cellW / 2);
      sqlite3_str_appendall(pOut, "\" y=\"");
      svg_coord(pOut, y + cellH / 2 + 4);
      sqlite3_str_appendf(pOut, "\" text-anchor=\"middle\" font-size=\"11\" fill=\"%s\">",
                          bDark ? "#ffffff" : "#1a1a1a");
      svg_value(pOut, pt->v, o->fmt);
      sqlite3_str_appendall(pOut, "</text>");
    }
  }
}

static void chart_free(ChartState *p) {
  svg_options_free(&p->opt);
  sqlite3_free(p->aPt);
  sqlite3_free(p->store.a);
  for (int k = 0; k < 2; k++) {
    csm_entity_map_free(p->keys[k].pMap);
    sqlite3_free(p->keys[k].aOrder);
    sqlite3_free(p->keys[k].aName);
  }
}

static void chart_final(sqlite3_context *ctx) {
  ChartKind kind = (ChartKind)((const char *const *)sqlite3_user_data(ctx) - chart_name);
  ChartState *p = sqlite3_aggregate_context(ctx, 0);
  if (p == 0) return; /* Requirement 1: no rows */
  sqlite3_str *pOut = sqlite3_str_new(sqlite3_context_db_handle(ctx));
  int rc = SQLITE_OK;
  if (kind == CHART_BARS) {
    chart_bars_draw(p, pOut);
  } else if (kind == CHART_LINE) {
    rc = chart_line_draw(p, pOut);
  } else {
    chart_heatmap_draw(p, pOut);
  }
  if (rc == SQLITE_OK) {
    svg_result(ctx, pOut);
  } else {
    sqlite3_free(sqlite3_str_finish(pOut));
    sqlite3_result_error_nomem(ctx);
  }
  chart_free(p);
}

/* The user data of each chart is its entry of chart_name, which gives its kind. */
const CsmFunction chart_functions[] = {
    CSM_AGGREGATE("chart_bars", 2, chart_step, chart_final, &chart_name[CHART_BARS]),
    CSM_AGGREGATE("chart_bars", 3, chart_step, chart_final, &chart_name[CHART_BARS]),
    CSM_AGGREGATE("chart_line", 2, chart_step, chart_final, &chart_name[CHART_LINE]),
    CSM_AGGREGATE("chart_line", 3, chart_step, chart_final, &chart_name[CHART_LINE]),
    CSM_AGGREGATE("chart_line", 4, chart_step, chart_final, &chart_name[CHART_LINE]),
    CSM_AGGREGATE("chart_heatmap", 3, chart_step, chart_final, &chart_name[CHART_HEATMAP]),
    CSM_AGGREGATE("chart_heatmap", 4, chart_step, chart_final, &chart_name[CHART_HEATMAP]),
    CSM_FUNCTION_END,
};
