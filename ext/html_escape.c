/*
** html_escape.c -- html_escape(text), for building HTML pages in SQL.
**
**   SELECT html_escape('Tom & Jerry''s <b>');   -- Tom &amp; Jerry&#39;s &lt;b&gt;
**
** Requirements:
**   1. &, <, >, " and ' become &amp;, &lt;, &gt;, &quot; and &#39;; every
**      other byte is copied as it is.
**   2. NULL gives NULL; a number is escaped as its text (which it keeps).
*/
#include "csm_internal.h"
#include "svg.h"

static void html_escape_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return; /* Requirement 2 */
  const char *z = (const char *)sqlite3_value_text(argv[0]);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_str *pOut = sqlite3_str_new(sqlite3_context_db_handle(ctx));
  svg_escape(pOut, z, sqlite3_value_bytes(argv[0]), 0); /* Requirement 1 */
  svg_text_result(ctx, pOut);
}

const CsmFunction html_escape_functions[] = {
    CSM_SCALAR("html_escape", 1, html_escape_fn, 0),
    CSM_FUNCTION_END,
};
