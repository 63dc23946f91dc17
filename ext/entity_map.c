/*
** entity_map.c -- the hash map keyed by an SQL value (see entity_map.h).
**
** How it works: open addressing with linear probing over a power-of-two
** slot array, grown at 75% load. A slot holds the key's 64-bit hash, its
** storage class, and either the integer/real bits, the key bytes themselves
** (up to 16, so the common short account keys are compared without a
** second memory access), or a pointer to longer key bytes, which live in an
** arena of 64 KiB chunks (one allocation per chunk, not per key). Memory is
** 40 bytes per slot plus the bytes of keys longer than 16.
*/
#include "entity_map.h"

#include <string.h>

#define ARENA_CHUNK 65536

#define SLOT_INLINE 16 /* text/blob keys up to this many bytes live in the slot */

typedef struct EntitySlot {
  sqlite3_uint64 hash;
  sqlite3_int64 idx; /* dense index, -1 when the slot is empty */
  union {
    sqlite3_int64 i;     /* integer key, or real key bits */
    const char *z;       /* text/blob key bytes in the arena (n > SLOT_INLINE) */
    char a[SLOT_INLINE]; /* text/blob key bytes (n <= SLOT_INLINE) */
  } u;
  int n;    /* bytes of a text/blob key */
  int type; /* SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB */
} EntitySlot;

/* The bytes of the text/blob key held in slot s. */
static const char *slot_bytes(const EntitySlot *s) { return s->n <= SLOT_INLINE ? s->u.a : s->u.z; }

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

/* A 64-bit hash of n key bytes, eight at a time. */
static sqlite3_uint64 hash_bytes(const unsigned char *z, int n, int type) {
  sqlite3_uint64 h = 0x9E3779B97F4A7C15ULL ^ ((sqlite3_uint64)type << 32) ^ (sqlite3_uint64)n;
  for (; n >= 8; z += 8, n -= 8) {
    sqlite3_uint64 w;
    memcpy(&w, z, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdULL;
    h ^= h >> 32;
  }
  if (n > 0) {
    sqlite3_uint64 w = 0;
    for (int i = 0; i < n; i++) w |= (sqlite3_uint64)z[i] << (8 * i);
    h = (h ^ w) * 0xff51afd7ed558ccdULL;
  }
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

void csm_entity_key_bytes(CsmEntityKey *pKey, int type, const char *z, int n) {
  memset(pKey, 0, sizeof(*pKey));
  pKey->type = type;
  pKey->z = z;
  pKey->n = n;
  pKey->hash = hash_bytes((const unsigned char *)z, n, type);
}

int csm_entity_key_read(sqlite3_value *pVal, CsmEntityKey *pKey) {
  memset(pKey, 0, sizeof(*pKey));
  pKey->type = sqlite3_value_type(pVal);
  if (pKey->type == SQLITE_FLOAT) {
    double r = sqlite3_value_double(pVal);
    /* A whole-number real is the same key as that integer. */
    if (r >= -9.2e18 && r <= 9.2e18 && r == (double)(sqlite3_int64)r) {
      pKey->type = SQLITE_INTEGER;
      pKey->i = (sqlite3_int64)r;
    } else {
      memcpy(&pKey->i, &r, sizeof(r));
    }
  } else if (pKey->type == SQLITE_INTEGER) {
    pKey->i = sqlite3_value_int64(pVal);
  }
  if (pKey->type == SQLITE_TEXT || pKey->type == SQLITE_BLOB) {
    const char *z = pKey->type == SQLITE_TEXT ? (const char *)sqlite3_value_text(pVal)
                                              : (const char *)sqlite3_value_blob(pVal);
    int n = sqlite3_value_bytes(pVal);
    if (z == 0 && n > 0) return SQLITE_NOMEM;
    csm_entity_key_bytes(pKey, pKey->type, z, n);
  } else {
    pKey->hash = int_hash(pKey->i, pKey->type);
  }
  return SQLITE_OK;
}

void csm_entity_map_prefetch(const CsmEntityMap *pMap, const CsmEntityKey *pKey) {
  if (pMap->nSlot > 0) {
    __builtin_prefetch(&pMap->aSlot[pKey->hash & (sqlite3_uint64)(pMap->nSlot - 1)]);
  }
}

void csm_entity_map_prefetch_bytes(const CsmEntityMap *pMap, const CsmEntityKey *pKey) {
  /* Short keys are compared in the slot itself: nothing to fetch. */
  if (pMap->nSlot > 0 && pKey->n > SLOT_INLINE) {
    const EntitySlot *s = &pMap->aSlot[pKey->hash & (sqlite3_uint64)(pMap->nSlot - 1)];
    if (s->idx >= 0 && s->n > SLOT_INLINE) __builtin_prefetch(s->u.z);
  }
}

/* The slot holding pKey, or the empty slot where it would go. The map must
** have at least one empty slot. */
static EntitySlot *map_probe(const CsmEntityMap *pMap, const CsmEntityKey *pKey) {
  sqlite3_int64 mask = pMap->nSlot - 1;
  sqlite3_int64 j = (sqlite3_int64)(pKey->hash & (sqlite3_uint64)mask);
  for (;; j = (j + 1) & mask) {
    EntitySlot *s = &pMap->aSlot[j];
    if (s->idx < 0) return s;
    if (s->hash != pKey->hash || s->type != pKey->type) continue;
    if (pKey->type == SQLITE_TEXT || pKey->type == SQLITE_BLOB) {
      if (s->n == pKey->n &&
          (pKey->n == 0 || memcmp(slot_bytes(s), pKey->z, (size_t)pKey->n) == 0)) {
        return s;
      }
    } else if (s->u.i == pKey->i) {
      return s;
    }
  }
}

int csm_entity_map_intern_key(CsmEntityMap *pMap, const CsmEntityKey *pKey, sqlite3_int64 *pIdx,
                              int *pIsNew) {
  if (pMap->nSlot == 0 || 4 * (pMap->nEntry + 1) > 3 * pMap->nSlot) {
    if (map_grow(pMap) != SQLITE_OK) return SQLITE_NOMEM;
  }
  EntitySlot *s = map_probe(pMap, pKey);
  if (s->idx >= 0) {
    *pIdx = s->idx;
    *pIsNew = 0;
    return SQLITE_OK;
  }
  EntitySlot slot;
  memset(&slot, 0, sizeof(slot));
  slot.hash = pKey->hash;
  slot.type = pKey->type;
  if (pKey->type != SQLITE_TEXT && pKey->type != SQLITE_BLOB) {
    slot.u.i = pKey->i;
  } else if (pKey->n <= SLOT_INLINE) {
    slot.n = pKey->n;
    if (pKey->n > 0) memcpy(slot.u.a, pKey->z, (size_t)pKey->n);
  } else {
    slot.n = pKey->n;
    slot.u.z = arena_copy(pMap, pKey->z, pKey->n);
    if (slot.u.z == 0) return SQLITE_NOMEM;
  }
  slot.idx = pMap->nEntry++;
  *s = slot;
  *pIdx = slot.idx;
  *pIsNew = 1;
  return SQLITE_OK;
}

int csm_entity_map_intern(CsmEntityMap *pMap, sqlite3_value *pKey, sqlite3_int64 *pIdx,
                          int *pIsNew) {
  CsmEntityKey key;
  if (csm_entity_key_read(pKey, &key) != SQLITE_OK) return SQLITE_NOMEM;
  return csm_entity_map_intern_key(pMap, &key, pIdx, pIsNew);
}

int csm_entity_map_intern_int(CsmEntityMap *pMap, sqlite3_int64 i, sqlite3_int64 *pIdx,
                              int *pIsNew) {
  CsmEntityKey key = {int_hash(i, SQLITE_INTEGER), i, 0, 0, SQLITE_INTEGER};
  return csm_entity_map_intern_key(pMap, &key, pIdx, pIsNew);
}

int csm_entity_map_find(const CsmEntityMap *pMap, sqlite3_value *pKey, sqlite3_int64 *pIdx) {
  CsmEntityKey key;
  *pIdx = -1;
  if (pMap->nEntry == 0) return SQLITE_OK;
  if (csm_entity_key_read(pKey, &key) != SQLITE_OK) return SQLITE_NOMEM;
  *pIdx = map_probe(pMap, &key)->idx;
  return SQLITE_OK;
}
