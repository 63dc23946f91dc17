/*
** arg_cache.c -- the per-statement argument cache (see arg_cache.h,
** requirements A1 and A2) and the case-insensitive choice of a word.
*/
#include "arg_cache.h"

void *csm_arg_parsed(sqlite3_context *ctx, sqlite3_value **argv, int iArg, CsmArgParser xParse,
                     const void *pShape, int *pbFresh) {
  void *p = sqlite3_get_auxdata(ctx, iArg);
  *pbFresh = 0;
  if (p) return p;
  p = xParse(ctx, argv[iArg], pShape);
  *pbFresh = p != 0;
  return p;
}

void csm_arg_keep(sqlite3_context *ctx, int iArg, void *p, int bFresh) {
  if (bFresh) sqlite3_set_auxdata(ctx, iArg, p, sqlite3_free);
}

int csm_word_index(const char *z, const char *const *azWord, int nWord) {
  if (z == 0) return -1;
  for (int i = 0; i < nWord; i++) {
    if (sqlite3_stricmp(z, azWord[i]) == 0) return i;
  }
  return -1;
}
