/*
** test_svg.c -- golden tables for the pure helpers of ext/svg.c: value
** formatting (num, pct, money; rounding, negative zero, huge numbers),
** escaping (HTML's five characters; XML-safe replacement of bad bytes),
** label shortening, axis steps and the heat-map colours.
*/
#include <string.h>

#include "svg.h"
#include "unit.h"

static char *value_text(double v, SvgFormat fmt) {
  sqlite3_str *p = sqlite3_str_new(0);
  svg_value(p, v, fmt);
  return sqlite3_str_finish(p);
}

static char *escaped(const char *z, int n, int bXml) {
  sqlite3_str *p = sqlite3_str_new(0);
  svg_escape(p, z, n, bXml);
  sqlite3_str_appendall(p, "|"); /* never empty, so never a NULL result */
  return sqlite3_str_finish(p);
}

static char *label(const char *z, int nMax) {
  sqlite3_str *p = sqlite3_str_new(0);
  svg_label(p, z, (int)strlen(z), nMax);
  return sqlite3_str_finish(p);
}

static void test_values(void) {
  static const struct {
    double v;
    SvgFormat fmt;
    const char *zWant;
  } a[] = {
      {0, SVG_FORMAT_NUM, "0"},
      {0.85, SVG_FORMAT_NUM, "0.85"},
      {12.5, SVG_FORMAT_NUM, "12.5"},
      {2.005, SVG_FORMAT_NUM, "2.01"}, /* SQLite's printf rounds the decimal digits */
      {-0.001, SVG_FORMAT_NUM, "0"},
      {999.994, SVG_FORMAT_NUM, "999.99"},
      {1000, SVG_FORMAT_NUM, "1,000"},
      {1234567.5, SVG_FORMAT_NUM, "1,234,568"},
      {-1234.4, SVG_FORMAT_NUM, "-1,234"},
      {1e15, SVG_FORMAT_NUM, "1e+15"},
      {0.853, SVG_FORMAT_PCT, "85.3%"},
      {1, SVG_FORMAT_PCT, "100%"},
      {1.5, SVG_FORMAT_PCT, "150%"},
      {-0.0004, SVG_FORMAT_PCT, "0%"},
      {-0.25, SVG_FORMAT_PCT, "-25%"},
      {1.7e308, SVG_FORMAT_PCT, "1.7e+310%"},
      {0, SVG_FORMAT_MONEY, "$0"},
      {42000, SVG_FORMAT_MONEY, "$42,000"},
      {-7200.5, SVG_FORMAT_MONEY, "-$7,201"},
      {-0.4, SVG_FORMAT_MONEY, "$0"},
      {2e15, SVG_FORMAT_MONEY, "$2e+15"},
  };
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
    char *z = value_text(a[i].v, a[i].fmt);
    CHECK(z && strcmp(z, a[i].zWant) == 0, "%.17g as %d: got '%s', want '%s'", a[i].v, a[i].fmt,
          z ? z : "-", a[i].zWant);
    CHECK(z && svg_value_width(a[i].v, a[i].fmt) == (int)strlen(z), "width of '%s'", z ? z : "-");
    sqlite3_free(z);
  }
}

static void test_escape(void) {
  static const struct {
    const char *z;
    int n, bXml;
    const char *zWant;
  } a[] = {
      {"Tom & Jerry's <b>\"x\"</b>", -1, 0,
       "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;x&quot;&lt;/b&gt;|"},
      {"plain é €", -1, 1, "plain é €|"},
      {"", 0, 1, "|"},
      {"a\x01"
       "b\tc\n",
       -1, 1,
       "a\xEF\xBF\xBD"
       "b\tc\n|"}, /* a control character */
      {"a\x01"
       "b",
       -1, 0,
       "a\x01"
       "b|"}, /* HTML mode keeps bytes */
      {"x\xff"
       "y",
       -1, 1,
       "x\xEF\xBF\xBD"
       "y|"},                                                           /* not UTF-8 */
      {"\xC3", -1, 1, "\xEF\xBF\xBD|"},                                 /* cut sequence */
      {"\xC0\xAF", -1, 1, "\xEF\xBF\xBD\xEF\xBF\xBD|"},                 /* overlong */
      {"\xED\xA0\x80", -1, 1, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|"}, /* a surrogate */
      {"\xEF\xBF\xBE", -1, 1, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|"}, /* U+FFFE */
      {"\xF0\x9F\x93\x88", -1, 1, "\xF0\x9F\x93\x88|"},                 /* U+1F4C8 */
      {"a\0b", 3, 1,
       "a\xEF\xBF\xBD"
       "b|"}, /* NUL */
  };
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
    int n = a[i].n < 0 ? (int)strlen(a[i].z) : a[i].n;
    char *z = escaped(a[i].z, n, a[i].bXml);
    CHECK(z && strcmp(z, a[i].zWant) == 0, "case %zu: got '%s'", i, z ? z : "-");
    sqlite3_free(z);
  }
}

static void test_label(void) {
  static const struct {
    const char *z;
    int nMax;
    const char *zWant;
  } a[] = {
      {"Thriving", 8, "Thriving"},    {"Thriving", 7, "Thrivi\xE2\x80\xA6"},
      {"ééééé", 3, "éé\xE2\x80\xA6"}, {"a<b>c", 3, "a&lt;\xE2\x80\xA6"},
      {"abc", 0, "\xE2\x80\xA6"},
  };
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
    char *z = label(a[i].z, a[i].nMax);
    CHECK(z && strcmp(z, a[i].zWant) == 0, "'%s' in %d: got '%s', want '%s'", a[i].z, a[i].nMax,
          z ? z : "-", a[i].zWant);
    sqlite3_free(z);
  }
  CHECK(svg_char_count("é€x", (int)strlen("é€x")) == 3, "characters of 'é€x'");
}

static void test_steps_and_colours(void) {
  CHECK(svg_nice_step(100, 4) == 50, "100 / 4 -> %g", svg_nice_step(100, 4));
  CHECK(svg_nice_step(0.2, 4) == 0.05, "0.2 / 4 -> %g", svg_nice_step(0.2, 4));
  CHECK(svg_nice_step(7, 4) == 2, "7 / 4 -> %g", svg_nice_step(7, 4));
  CHECK(svg_nice_step(0, 4) == 1 && svg_nice_step(1.0 / 0.0, 4) == 1, "degenerate ranges");
  char z[8];
  CHECK(svg_heat_color(0, z) == 0 && strcmp(z, "#f1f7fc") == 0, "t = 0: %s", z);
  CHECK(svg_heat_color(-3, z) == 0 && strcmp(z, "#f1f7fc") == 0, "t < 0 clamps: %s", z);
  CHECK(svg_heat_color(0.5, z) == 0 && strcmp(z, "#8fc1e3") == 0, "t = 0.5: %s", z);
  CHECK(svg_heat_color(1, z) == 1 && strcmp(z, "#1f6fb2") == 0, "t = 1: %s", z);
  CHECK(svg_heat_color(7, z) == 1 && strcmp(z, "#1f6fb2") == 0, "t > 1 clamps: %s", z);
  CHECK(strcmp(svg_palette(0), svg_palette(10)) == 0, "the palette cycles");
}

int main(void) {
  test_values();
  test_escape();
  test_label();
  test_steps_and_colours();
  return unit_report();
}
