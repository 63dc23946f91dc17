/*
** entity_map.c -- the hash map keyed by an SQL value (see entity_map.h,
** requirements E1-E3).
**
** How it works: open addressing with linear probing over a power-of-two
** slot array, grown at 75% load. A key's 64-bit hash is keyed by a
** process-wide random seed (E1): integers and real bits go through a
** seeded multiply-fold mixer, text and blob bytes are folded 16 at a time
** with the same mixer. A slot's place is that hash mixed again with the
** map's own seed; a probe run longer than CSM_ENTITY_MAX_PROBE draws a new
** map seed and rehashes (E2), at most once per table size -- with keyed
** hashes long runs are rare chance, and a redraw breaks them up. A slot
** holds the key's hash, its storage class, and
** either the integer/real bits, the key bytes themselves (up to 16, so the
** common short account keys are compared without a second memory access),
** or a pointer to longer key bytes, which live in an arena of 64 KiB chunks
** (one allocation per chunk, not per key). Memory is 40 bytes per slot
** plus the bytes of keys longer than 16.
**
** A batch (E3) copies its keys' bytes into one buffer, hashes each key and
** prefetches its slot as it is added; interning then finds the slots in
** cache. A key equal to the one added just before it is not hashed again.
*/
#include "entity_map.h"

#include "array.h"
#include "bytes.h"

#include <string.h>

#define ARENA_CHUNK 65536
#define SLOT_INLINE 16          /* text/blob keys up to this many bytes live in the slot */
#define CSM_ENTITY_MAX_PROBE 64 /* E2: longest probe run before a re-seed */

#if defined(__GNUC__) || defined(__clang__)
#define ENTITY_PREFETCH(p) __builtin_prefetch(p)
#define ENTITY_INLINE inline __attribute__((always_inline)) /* on the row path */
#else
#define ENTITY_PREFETCH(p) ((void)(p))
#define ENTITY_INLINE inline
#endif

typedef struct EntitySlot {
  sqlite3_uint64 hash; /* the key's hash (E1), before the map's own mixing */
  sqlite3_int64 idx;   /* dense index, -1 when the slot is empty */
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
  sqlite3_int64 nSlot;    /* power of two */
  sqlite3_int64 nEntry;   /* keys held */
  sqlite3_uint64 keySeed; /* seed of the key hashes (E1), fixed for the map's life */
  sqlite3_uint64 seed;    /* placement seed (E1, E2), redrawn on a long probe run */
  int bReseeded;          /* the seed was redrawn at this size (E2) */
  ArenaChunk *pChunk;     /* newest chunk first */
};

/* ---- Keyed hashing (E1) ----------------------------------------------- */

/* The 128-bit product of a and b, folded to 64 bits: a strong, fast mixer. */
static sqlite3_uint64 mum(sqlite3_uint64 a, sqlite3_uint64 b) {
#if defined(__SIZEOF_INT128__)
  unsigned __int128 r = (unsigned __int128)a * b;
  return (sqlite3_uint64)r ^ (sqlite3_uint64)(r >> 64);
#else
  sqlite3_uint64 aHi = a >> 32, aLo = a & 0xffffffffu, bHi = b >> 32, bLo = b & 0xffffffffu;
  sqlite3_uint64 lo = aLo * bLo, mid1 = aHi * bLo, mid2 = aLo * bHi, hi = aHi * bHi;
  sqlite3_uint64 carry = ((lo >> 32) + (mid1 & 0xffffffffu) + (mid2 & 0xffffffffu)) >> 32;
  hi += (mid1 >> 32) + (mid2 >> 32) + carry;
  lo += (mid1 << 32) + (mid2 << 32);
  return lo ^ hi;
#endif
}

#define K0 0xa0761d6478bd642fULL /* odd constants (wyhash's) */
#define K1 0xe7037ed1a0b428dbULL
#define K2 0x8ebc6af09c88c6e3ULL

/* A random 64-bit number from SQLite's PRNG, never 0. */
static sqlite3_uint64 entity_random(void) {
  sqlite3_uint64 r = 0;
  while (r == 0) sqlite3_randomness((int)sizeof(r), &r);
  return r;
}

static sqlite3_uint64 read64(const unsigned char *z) {
  sqlite3_uint64 w;
  memcpy(&w, z, 8);
  return w;
}

/* The keyed hash (E1) of pKey under the key seed s: integers and real bits
** in one multiply-fold, text and blob bytes 16 a round. */
static sqlite3_uint64 key_hash(sqlite3_uint64 s, const CsmKey *pKey) {
  if (pKey->type != SQLITE_TEXT && pKey->type != SQLITE_BLOB) {
    return mum((sqlite3_uint64)pKey->i ^ s ^ K0, (sqlite3_uint64)pKey->type ^ s ^ K1);
  }
  const unsigned char *z = (const unsigned char *)pKey->z;
  int n = pKey->n;
  sqlite3_uint64 h =
      mum(s ^ K0, ((sqlite3_uint64)(unsigned)n << 8) ^ (sqlite3_uint64)pKey->type ^ K1);
  for (; n >= 16; z += 16, n -= 16) h = mum(read64(z) ^ h ^ K1, read64(z + 8) ^ s ^ K2);
  sqlite3_uint64 a = 0, b = 0;
  if (n >= 8) {
    a = read64(z);
    b = read64(z + n - 8); /* overlaps a when n < 16: still a function of the bytes */
  } else {
    for (int i = 0; i < n; i++) a |= (sqlite3_uint64)z[i] << (8 * i);
  }
  return mum(a ^ h ^ K1, b ^ s ^ K2);
}

/* Where a key of hash h starts its probe in pMap (which has slots). */
static sqlite3_int64 map_home(const CsmEntityMap *pMap, sqlite3_uint64 h) {
  return (sqlite3_int64)(mum(h ^ pMap->seed, K2) & (sqlite3_uint64)(pMap->nSlot - 1));
}

/* ---- The map ------------------------------------------------------------ */

CsmEntityMap *csm_entity_map_new(void) {
  CsmEntityMap *p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return 0;
  memset(p, 0, sizeof(*p));
  p->keySeed = entity_random();
  p->seed = entity_random();
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

/* Rebuilds the slot array with nNew slots and the current seed. */
static int map_rehash(CsmEntityMap *pMap, sqlite3_int64 nNew) {
  EntitySlot *aNew = sqlite3_malloc64((sqlite3_uint64)nNew * sizeof(EntitySlot));
  if (aNew == 0) return SQLITE_NOMEM;
  for (sqlite3_int64 i = 0; i < nNew; i++) aNew[i].idx = -1;
  EntitySlot *aOld = pMap->aSlot;
  sqlite3_int64 nOld = pMap->nSlot;
  pMap->aSlot = aNew;
  pMap->nSlot = nNew;
  for (sqlite3_int64 i = 0; i < nOld; i++) {
    if (aOld[i].idx < 0) continue;
    sqlite3_int64 j = map_home(pMap, aOld[i].hash);
    while (aNew[j].idx >= 0) j = (j + 1) & (nNew - 1);
    aNew[j] = aOld[i];
  }
  sqlite3_free(aOld);
  return SQLITE_OK;
}

/* Sets *pKey to the text or blob key of n bytes at z (borrowed). */
static void key_bytes(CsmKey *pKey, int type, const char *z, int n) {
  memset(pKey, 0, sizeof(*pKey));
  pKey->type = type;
  pKey->z = z;
  pKey->n = n;
}

/* Starts loading the slot where a lookup of a key of hash h begins. */
static void map_prefetch(const CsmEntityMap *pMap, sqlite3_uint64 h) {
  if (pMap->nSlot > 0) ENTITY_PREFETCH(&pMap->aSlot[map_home(pMap, h)]);
}

/* Once that slot has arrived: starts loading the long key bytes it points
** to (keys up to SLOT_INLINE bytes are compared in the slot itself). */
static void map_prefetch_bytes(const CsmEntityMap *pMap, const CsmKey *pKey, sqlite3_uint64 h) {
  if (pMap->nSlot > 0 && pKey->n > SLOT_INLINE) {
    const EntitySlot *s = &pMap->aSlot[map_home(pMap, h)];
    if (s->idx >= 0 && s->n > SLOT_INLINE) ENTITY_PREFETCH(s->u.z);
  }
}

static int key_is_bytes(const CsmKey *pKey) {
  return pKey->type == SQLITE_TEXT || pKey->type == SQLITE_BLOB;
}

/* The slot holding pKey (of hash h), or the empty slot where it would go;
** *pnProbe is the number of slots passed over. The map must have an empty
** slot. */
static EntitySlot *map_probe(const CsmEntityMap *pMap, const CsmKey *pKey, sqlite3_uint64 h,
                             int *pnProbe) {
  sqlite3_int64 mask = pMap->nSlot - 1;
  sqlite3_int64 j = map_home(pMap, h);
  int nProbe = 0;
  for (;; j = (j + 1) & mask, nProbe++) {
    EntitySlot *s = &pMap->aSlot[j];
    if (s->idx < 0) break;
    if (s->hash != h || s->type != pKey->type) continue;
    if (key_is_bytes(pKey)) {
      if (s->n == pKey->n && csm_bytes_equal(slot_bytes(s), pKey->z, pKey->n)) {
        break;
      }
    } else if (s->u.i == pKey->i) {
      break;
    }
  }
  *pnProbe = nProbe;
  return &pMap->aSlot[j];
}

/* Interns pKey, whose hash h is known: sets *pIdx to its index and *pIsNew
** to 1 when it was added. Returns SQLITE_OK or SQLITE_NOMEM (the map is
** unchanged). */
static int map_intern(CsmEntityMap *pMap, const CsmKey *pKey, sqlite3_uint64 h, sqlite3_int64 *pIdx,
                      int *pIsNew) {
  int nProbe;
  if (pMap->nSlot == 0 || 4 * (pMap->nEntry + 1) > 3 * pMap->nSlot) {
    if (map_rehash(pMap, pMap->nSlot ? 2 * pMap->nSlot : 1024) != SQLITE_OK) return SQLITE_NOMEM;
    pMap->bReseeded = 0;
  }
  EntitySlot *s = map_probe(pMap, pKey, h, &nProbe);
  if (s->idx >= 0) {
    *pIdx = s->idx;
    *pIsNew = 0;
    return SQLITE_OK;
  }
  EntitySlot slot;
  memset(&slot, 0, sizeof(slot));
  slot.hash = h;
  slot.type = pKey->type;
  if (!key_is_bytes(pKey)) {
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
  if (nProbe > CSM_ENTITY_MAX_PROBE && !pMap->bReseeded) {
    /* E2: a long run; new placement, at most once per table size so that
    ** the rehashes cost O(1) a key in all. On out-of-memory the map is
    ** still correct, only slower. */
    sqlite3_uint64 oldSeed = pMap->seed;
    pMap->seed = entity_random();
    pMap->bReseeded = 1;
    if (map_rehash(pMap, pMap->nSlot) != SQLITE_OK) pMap->seed = oldSeed;
  }
  return SQLITE_OK;
}

int csm_entity_map_intern(CsmEntityMap *pMap, sqlite3_value *pKey, sqlite3_int64 *pIdx,
                          int *pIsNew) {
  CsmKey key;
  if (csm_key_read(pKey, &key) != SQLITE_OK) return SQLITE_NOMEM;
  return map_intern(pMap, &key, key_hash(pMap->keySeed, &key), pIdx, pIsNew);
}

int csm_entity_map_intern_int(CsmEntityMap *pMap, sqlite3_int64 i, sqlite3_int64 *pIdx,
                              int *pIsNew) {
  CsmKey key = {i, 0, 0, SQLITE_INTEGER};
  return map_intern(pMap, &key, key_hash(pMap->keySeed, &key), pIdx, pIsNew);
}

int csm_entity_map_merge(CsmEntityMap *pTo, const CsmEntityMap *pFrom, sqlite3_int64 *aIdx) {
  /* The slots of pFrom by index: aIdx holds their positions until each is
  ** interned (an index's slot is read before aIdx[index] is overwritten). */
  for (sqlite3_int64 j = 0; j < pFrom->nSlot; j++) {
    if (pFrom->aSlot[j].idx >= 0) aIdx[pFrom->aSlot[j].idx] = j;
  }
  for (sqlite3_int64 i = 0; i < pFrom->nEntry; i++) {
    const EntitySlot *s = &pFrom->aSlot[aIdx[i]];
    CsmKey key;
    int bNew;
    if (s->type == SQLITE_TEXT || s->type == SQLITE_BLOB) {
      key_bytes(&key, s->type, slot_bytes(s), s->n);
    } else {
      memset(&key, 0, sizeof(key));
      key.type = s->type;
      key.i = s->u.i;
    }
    if (map_intern(pTo, &key, key_hash(pTo->keySeed, &key), &aIdx[i], &bNew) != SQLITE_OK) {
      return SQLITE_NOMEM;
    }
  }
  return SQLITE_OK;
}

int csm_entity_map_find(const CsmEntityMap *pMap, sqlite3_value *pKey, sqlite3_int64 *pIdx) {
  CsmKey key;
  int nProbe;
  *pIdx = -1;
  if (pMap->nEntry == 0) return SQLITE_OK;
  if (csm_key_read(pKey, &key) != SQLITE_OK) return SQLITE_NOMEM;
  *pIdx = map_probe(pMap, &key, key_hash(pMap->keySeed, &key), &nProbe)->idx;
  return SQLITE_OK;
}

/* ---- Batches (E3) ------------------------------------------------------- */

struct CsmEntityBatch {
  CsmEntityMap *pMap;
  int n;                                  /* keys in the batch */
  CsmKey aKey[CSM_ENTITY_BATCH];          /* z is 0 until intern: bytes at aByte + aOff */
  sqlite3_uint64 aHash[CSM_ENTITY_BATCH]; /* their keyed hashes */
  sqlite3_int64 aOff[CSM_ENTITY_BATCH];
  unsigned char aSame[CSM_ENTITY_BATCH]; /* 1: equal to the key added before it */
  char *aByte;                           /* copies of the keys' bytes */
  sqlite3_int64 nByte, nByteAlloc;
  int bPrev;             /* the key added last is known (prev, its bytes at aByte + prevOff) */
  CsmKey prev;           /* that key */
  sqlite3_int64 prevOff; /* offset of its bytes */
  sqlite3_int64 prevIdx; /* index of the last key of the batch interned last */
};

CsmEntityBatch *csm_entity_batch_new(CsmEntityMap *pMap) {
  CsmEntityBatch *pB = sqlite3_malloc64(sizeof(*pB));
  if (pB == 0) return 0;
  memset(pB, 0, sizeof(*pB));
  pB->pMap = pMap;
  pB->prevIdx = -1;
  return pB;
}

void csm_entity_batch_free(CsmEntityBatch *pB) {
  if (pB == 0) return;
  sqlite3_free(pB->aByte);
  sqlite3_free(pB);
}

int csm_entity_batch_count(const CsmEntityBatch *pB) { return pB->n; }

/* csm_entity_batch_add_key, inlined into csm_entity_batch_add (the row
** path of every scan). */
static ENTITY_INLINE int batch_add_key(CsmEntityBatch *pB, const CsmKey *pKey);

int csm_entity_batch_add(CsmEntityBatch *pB, sqlite3_value *pKey) {
  CsmKey key;
  if (csm_key_read(pKey, &key) != SQLITE_OK) return SQLITE_NOMEM;
  return batch_add_key(pB, &key);
}

int csm_entity_batch_add_key(CsmEntityBatch *pB, const CsmKey *pKey) {
  return batch_add_key(pB, pKey);
}

static ENTITY_INLINE int batch_add_key(CsmEntityBatch *pB, const CsmKey *pKey) {
  if (pB->n == CSM_ENTITY_BATCH) return SQLITE_FULL;
  int i = pB->n, type = pKey->type, n = pKey->n;
  if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
    /* Runs of one entity are common: compared before hashing. */
    /* n == 0 first: aByte is still null after empty keys only. */
    if (pB->bPrev && pB->prev.type == type && pB->prev.n == n &&
        (n == 0 || csm_bytes_equal(pB->aByte + pB->prevOff, pKey->z, n))) {
      pB->aSame[i] = 1;
      pB->n++;
      return SQLITE_OK;
    }
    if (csm_array_reserve((void **)&pB->aByte, &pB->nByteAlloc, pB->nByte + n, 1) != SQLITE_OK) {
      return SQLITE_NOMEM;
    }
    if (n > 0) memcpy(pB->aByte + pB->nByte, pKey->z, (size_t)n);
    pB->aKey[i] = *pKey;
    pB->aHash[i] = key_hash(pB->pMap->keySeed, &pB->aKey[i]); /* from the caller's bytes */
    pB->aKey[i].z = 0; /* aByte may move before the batch is interned */
    pB->aOff[i] = pB->nByte;
    pB->nByte += n;
  } else {
    if (pB->bPrev && type == SQLITE_INTEGER && pB->prev.type == SQLITE_INTEGER &&
        pKey->i == pB->prev.i) {
      pB->aSame[i] = 1;
      pB->n++;
      return SQLITE_OK;
    }
    pB->aKey[i] = *pKey;
    pB->aHash[i] = key_hash(pB->pMap->keySeed, &pB->aKey[i]);
    pB->aOff[i] = 0;
  }
  pB->aSame[i] = 0;
  pB->prev = pB->aKey[i];
  pB->prevOff = pB->aOff[i];
  /* A key that is not a whole number compares with the next one only
  ** through the map. */
  pB->bPrev = type != SQLITE_FLOAT;
  map_prefetch(pB->pMap, pB->aHash[i]);
  pB->n++;
  return SQLITE_OK;
}

int csm_entity_batch_intern(CsmEntityBatch *pB, sqlite3_int64 *aIdx) {
  CsmEntityMap *pMap = pB->pMap;
  int rc = SQLITE_OK;
  for (int i = 0; i < pB->n; i++) {
    CsmKey *k = &pB->aKey[i];
    if (pB->aSame[i] || !key_is_bytes(k)) continue;
    k->z = k->n > 0 ? pB->aByte + pB->aOff[i] : "";
    map_prefetch_bytes(pMap, k, pB->aHash[i]);
  }
  for (int i = 0; i < pB->n; i++) {
    if (pB->aSame[i]) {
      aIdx[i] = i > 0 ? aIdx[i - 1] : pB->prevIdx;
      continue;
    }
    int bNew;
    rc = map_intern(pMap, &pB->aKey[i], pB->aHash[i], &aIdx[i], &bNew);
    if (rc != SQLITE_OK) {
      pB->bPrev = 0;
      break;
    }
  }
  if (rc == SQLITE_OK && pB->n > 0) {
    pB->prevIdx = aIdx[pB->n - 1];
    /* Keep the last key's bytes at the start of the buffer for the next batch. */
    if (pB->bPrev && key_is_bytes(&pB->prev)) {
      if (pB->prev.n > 0) memmove(pB->aByte, pB->aByte + pB->prevOff, (size_t)pB->prev.n);
      pB->prevOff = 0;
      pB->nByte = pB->prev.n;
    } else {
      pB->nByte = 0;
    }
  } else {
    pB->nByte = 0;
  }
  pB->n = 0;
  return rc;
}
