/*
** replay.c -- runs a libFuzzer target over files without libFuzzer, so the
** seed corpus and every crash input kept as a regression run in the normal
** CTest builds (gcc, and gcc with ASan + UBSan).
**
**   fuzz_replay_functions tests/fuzz/corpus/functions ...
**
** Arguments are files or directories (every regular file inside).
*/
#define _DEFAULT_SOURCE /* DT_REG */

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

static int nRun;

static void replay_file(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  if (f == 0) {
    fprintf(stderr, "replay: cannot open %s\n", zPath);
    exit(2);
  }
  uint8_t *a = malloc(1 << 20);
  if (a == 0) exit(2);
  size_t n = fread(a, 1, 1 << 20, f);
  fclose(f);
  LLVMFuzzerTestOneInput(a, n);
  free(a);
  nRun++;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    DIR *d = opendir(argv[i]);
    if (d == 0) {
      replay_file(argv[i]);
      continue;
    }
    struct dirent *e;
    while ((e = readdir(d)) != 0) {
      if (e->d_name[0] == '.') continue;
      char zPath[4096];
      snprintf(zPath, sizeof(zPath), "%s/%s", argv[i], e->d_name);
      replay_file(zPath);
    }
    closedir(d);
  }
  printf("%d passed, 0 failed\n", nRun);
  return nRun > 0 ? 0 : 1;
}
