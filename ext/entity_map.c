/*
** entity_map.c -- the hash map keyed by an SQL value (see entity_map.h).
**
** How it works: open addressing with linear probing over a power-of-two
** slot array, grown at 50% load. A slot holds the key's 64-bit hash, its
** storage class, and either the integer/real bits or a pointer to the key
** bytes, which live in an arena of 64 KiB chunks (one allocation per chunk,
** not per key). Memory is about 40 bytes per slot plus the key bytes.
*/
#include "entity_map.h"

#include <string.h>

#define ARENA_CHUNK 65536

typedef struct EntitySlot {
  sqlite3_uint64 hash;
  sqlite3_int64 idx; /* dense index, -1 when the slot is empty */
  sqlite3_int64 i;   /* integer key, or real key bits */
  const char *z;     /* text/blob key bytes in the arena */
  int n;             /* bytes in z */
  int type;          /* SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB */
} EntitySlot;

typedef struct ArenaChunk ArenaChunk;
struct ArenaChunk {
  ArenaChunk *pNext;
  size_t nUsed, nSize;
  char a[]; /* key bytes */
};

struct CsmEntityMap {
  EntitySlot *aSlot;
  sqlite3_int64 nSlot;  /* power of two */
  sqlite3_int64 nEntry; /* keys held */
  ArenaChunk *pChunk;   /* newest chunk first */
};

CsmEntityMap *csm_entity_map_new(void) {
  CsmEntityMap *p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return 0;
  memset(p, 0, sizeof(*p));
  return p;
}

void csm_entity_map_free(CsmEntityMap *pMap) {
  if (pMap == 0) return;
  while (pMap->pChunk) {
    ArenaChunk *pNext = pMap->pChunk->pNext;
    sqlite3_free(pMap->pChunk);
    pMap->pChunk = pNext;
  }
  sqlite3_free(pMap->aSlot);
  sqlite3_free(pMap);
}

sqlite3_int64 csm_entity_map_count(const CsmEntityMap *pMap) { return pMap->nEntry; }

static sqlite3_uint64 mix64(sqlite3_uint64 x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

static sqlite3_uint64 int_hash(sqlite3_int64 i, int type) {
  return mix64((sqlite3_uint64)i ^ ((sqlite3_uint64)type << 56));
}

static sqlite3_uint64 hash_bytes(const unsigned char *z, int n, int type) {
  sqlite3_uint64 h = 0xcbf29ce484222325ULL ^ (sqlite3_uint64)type;
  for (int i = 0; i < n; i++) h = (h ^ z[i]) * 0x100000001b3ULL;
  return mix64(h);
}

/* Copies n bytes into the arena; 0 on out-of-memory. */
static const char *arena_copy(CsmEntityMap *pMap, const void *z, int n) {
  ArenaChunk *c = pMap->pChunk;
  if (c == 0 || c->nSize - c->nUsed < (size_t)n) {
    size_t nSize = (size_t)n > ARENA_CHUNK ? (size_t)n : ARENA_CHUNK;
    c = sqlite3_malloc64(sizeof(ArenaChunk) + nSize);
    if (c == 0) return 0;
    c->nUsed = 0;
    c->nSize = nSize;
    c->pNext = pMap->pChunk;
    pMap->pChunk = c;
  }
  char *zCopy = c->a + c->nUsed;
  if (n > 0) memcpy(zCopy, z, (size_t)n);
  c->nUsed += (size_t)n;
  return zCopy;
}

/* Doubles the slot array (or makes the first one) and rehashes. */
static int map_grow(CsmEntityMap *pMap) {
  sqlite3_int64 nNew = pMap->nSlot ? pMap->nSlot * 2 : 1024;
  EntitySlot *aNew = sqlite3_malloc64((sqlite3_uint64)nNew * sizeof(EntitySlot));
  if (aNew == 0) return SQLITE_NOMEM;
  for (sqlite3_int64 i = 0; i < nNew; i++) aNew[i].idx = -1;
  for (sqlite3_int64 i = 0; i < pMap->nSlot; i++) {
    EntitySlot *pOld = &pMap->aSlot[i];
    if (pOld->idx < 0) continue;
    sqlite3_int64 j = (sqlite3_int64)(pOld->hash & (sqlite3_uint64)(nNew - 1));
    while (aNew[j].idx >= 0) j = (j + 1) & (nNew - 1);
    aNew[j] = *pOld;
  }
  sqlite3_free(pMap->aSlot);
  pMap->aSlot = aNew;
  pMap->nSlot = nNew;
  return SQLITE_OK;
}

/* Fills *pKey (hash, type, integer bits or borrowed bytes; idx unset) from
** an SQL value. Returns SQLITE_OK, or SQLITE_NOMEM when the value's text
** could not be produced. */
static int key_from_value(sqlite3_value *pVal, EntitySlot *pKey) {
  EntitySlot key = {0, 0, 0, 0, 0, sqlite3_value_type(pVal)};
  if (key.type == SQLITE_FLOAT) {
    double r = sqlite3_value_double(pVal);
    /* A whole-number real is the same key as that integer. */
    if (r >= -9.2e18 && r <= 9.2e18 && r == (double)(sqlite3_int64)r) {
      key.type = SQLITE_INTEGER;
      key.i = (sqlite3_int64)r;
    } else {
      memcpy(&key.i, &r, sizeof(r));
    }
  } else if (key.type == SQLITE_INTEGER) {
    key.i = sqlite3_value_int64(pVal);
  }
  if (key.type == SQLITE_TEXT || key.type == SQLITE_BLOB) {
    key.z = key.type == SQLITE_TEXT ? (const char *)sqlite3_value_text(pVal)
                                    : (const char *)sqlite3_value_blob(pVal);
    key.n = sqlite3_value_bytes(pVal);
    if (key.z == 0 && key.n > 0) return SQLITE_NOMEM;
    key.hash = hash_bytes((const unsigned char *)key.z, key.n, key.type);
  } else {
    key.hash = int_hash(key.i, key.type);
  }
  *pKey = key;
  return SQLITE_OK;
}

/* The slot holding pKey, or the empty slot where it would go. The map must
** have at least one empty slot. */
static EntitySlot *map_probe(const CsmEntityMap *pMap, const EntitySlot *pKey) {
  sqlite3_int64 mask = pMap->nSlot - 1;
  sqlite3_int64 j = (sqlite3_int64)(pKey->hash & (sqlite3_uint64)mask);
  for (;; j = (j + 1) & mask) {
    EntitySlot *s = &pMap->aSlot[j];
    if (s->idx < 0) return s;
    if (s->hash != pKey->hash || s->type != pKey->type) continue;
    if (pKey->type == SQLITE_TEXT || pKey->type == SQLITE_BLOB) {
      if (s->n == pKey->n && (pKey->n == 0 || memcmp(s->z, pKey->z, (size_t)pKey->n) == 0)) {
        return s;
      }
    } else if (s->i == pKey->i) {
      return s;
    }
  }
}

/* Finds or adds the key (see csm_entity_map_intern). */
static int map_intern(CsmEntityMap *pMap, EntitySlot key, sqlite3_int64 *pIdx, int *pIsNew) {
  if (pMap->nSlot == 0 || 2 * (pMap->nEntry + 1) > pMap->nSlot) {
    if (map_grow(pMap) != SQLITE_OK) return SQLITE_NOMEM;
  }
  EntitySlot *s = map_probe(pMap, &key);
  if (s->idx >= 0) {
    *pIdx = s->idx;
    *pIsNew = 0;
    return SQLITE_OK;
  }
  if (key.type == SQLITE_TEXT || key.type == SQLITE_BLOB) {
    key.z = arena_copy(pMap, key.z, key.n);
    if (key.z == 0) return SQLITE_NOMEM;
  }
  key.idx = pMap->nEntry++;
  *s = key;
  *pIdx = key.idx;
  *pIsNew = 1;
  return SQLITE_OK;
}

int csm_entity_map_intern(CsmEntityMap *pMap, sqlite3_value *pKey, sqlite3_int64 *pIdx,
                          int *pIsNew) {
  EntitySlot key;
  if (key_from_value(pKey, &key) != SQLITE_OK) return SQLITE_NOMEM;
  return map_intern(pMap, key, pIdx, pIsNew);
}

int csm_entity_map_intern_int(CsmEntityMap *pMap, sqlite3_int64 i, sqlite3_int64 *pIdx,
                              int *pIsNew) {
  EntitySlot key = {int_hash(i, SQLITE_INTEGER), 0, i, 0, 0, SQLITE_INTEGER};
  return map_intern(pMap, key, pIdx, pIsNew);
}

int csm_entity_map_find(const CsmEntityMap *pMap, sqlite3_value *pKey, sqlite3_int64 *pIdx) {
  EntitySlot key;
  *pIdx = -1;
  if (pMap->nEntry == 0) return SQLITE_OK;
  if (key_from_value(pKey, &key) != SQLITE_OK) return SQLITE_NOMEM;
  *pIdx = map_probe(pMap, &key)->idx;
  return SQLITE_OK;
}
