/*
** entity_map.h -- a hash map from SQL values (account keys: text, integer,
** real or blob) to dense indexes 0, 1, 2, ... in order of first appearance.
** Callers keep their per-entity state in arrays indexed by that number.
**
**   CsmEntityMap *pMap = csm_entity_map_new();
**   CsmEntityBatch *pB = csm_entity_batch_new(pMap);
**   while (row) {                                  // e.g. the rows of a scan
**     csm_entity_batch_add(pB, pKeyValue);         // copied: the value may die
**     if (csm_entity_batch_count(pB) == CSM_ENTITY_BATCH) {
**       csm_entity_batch_intern(pB, aIdx);          // aIdx[i]: index of key i
**       ... grow per-entity arrays to csm_entity_map_count(pMap), apply rows ...
**     }
**   }
**
** Keys compare as SQL values of the same storage class, except that a REAL
** holding a whole number equals the INTEGER of that value (1.0 = 1), as in
** SQL. Text '1' and integer 1 are different keys. Key bytes are copied into
** the map, so the caller's value need not outlive the call.
**
** Requirements:
**   E1. Keyed hashing: each map draws its seeds from sqlite3_randomness()
**       (one for the key hashes, one for their placement in the slots), so
**       keys chosen by whoever writes the data cannot be made to collide.
**   E2. Bounded probing: the load stays below 75%, and a probe run longer
**       than 64 slots redraws the map's placement seed and rehashes (once
**       per table size, so rehashing stays O(1) a key); no sequence of keys
**       -- sorted, repeated, arithmetic -- makes interning quadratic
**       (bench/adversarial.c checks it).
**   E3. The batch path gives exactly the indexes that interning the same
**       keys one at a time gives; it hashes, copies and prefetches itself so
**       that the cache misses of a batch overlap.
*/
#ifndef CSM_ENTITY_MAP_H
#define CSM_ENTITY_MAP_H

#include "csm_internal.h"

#include <string.h>

typedef struct CsmEntityMap CsmEntityMap;

/* A key as read from an SQL value (csm_key_read): its storage class, and
** its bytes (text, blob: borrowed, z must stay valid until the key is
** interned or added to a batch) or its 64 bits (an integer; a real's bits).
** A whole-number real reads as that integer (1.0 = 1). */
typedef struct CsmKey {
  sqlite3_int64 i; /* integer key, or the bits of a real key */
  const char *z;   /* text/blob bytes, borrowed */
  int n;           /* bytes in z */
  int type;        /* SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT or SQLITE_BLOB */
} CsmKey;

/* Reads pVal (not SQL NULL) into *pKey, borrowing its bytes. Returns
** SQLITE_OK, or SQLITE_NOMEM when the value's text could not be produced.
** Inline: it is on the row path of every scan. */
static inline int csm_key_read(sqlite3_value *pVal, CsmKey *pKey) {
  int type = sqlite3_value_type(pVal);
  memset(pKey, 0, sizeof(*pKey));
  pKey->type = type;
  if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
    pKey->z = type == SQLITE_TEXT ? (const char *)sqlite3_value_text(pVal)
                                  : (const char *)sqlite3_value_blob(pVal);
    pKey->n = sqlite3_value_bytes(pVal);
    return pKey->z == 0 && pKey->n > 0 ? SQLITE_NOMEM : SQLITE_OK;
  }
  if (type == SQLITE_FLOAT) {
    double r = sqlite3_value_double(pVal);
    /* A whole-number real is the same key as that integer. */
    if (r >= -9.2e18 && r <= 9.2e18 && r == (double)(sqlite3_int64)r) {
      pKey->type = SQLITE_INTEGER;
      pKey->i = (sqlite3_int64)r;
    } else {
      memcpy(&pKey->i, &r, sizeof(r));
    }
  } else {
    pKey->i = sqlite3_value_int64(pVal);
  }
  return SQLITE_OK;
}

/* A new empty map, or 0 on out-of-memory. */
CsmEntityMap *csm_entity_map_new(void);

/* Frees the map and every key it holds. Accepts 0. */
void csm_entity_map_free(CsmEntityMap *pMap);

/* Sets *pIdx to the index of pKey, adding it as the next index when it is
** new (then *pIsNew is 1, else 0). pKey must not be SQL NULL.
** Returns SQLITE_OK or SQLITE_NOMEM (the map is unchanged on failure). */
int csm_entity_map_intern(CsmEntityMap *pMap, sqlite3_value *pKey, sqlite3_int64 *pIdx,
                          int *pIsNew);

/* csm_entity_map_intern for the INTEGER key i, without an sqlite3_value
** (for keys computed in C, such as period numbers). */
int csm_entity_map_intern_int(CsmEntityMap *pMap, sqlite3_int64 i, sqlite3_int64 *pIdx,
                              int *pIsNew);

/* Looks pKey up without adding it: *pIdx is its index, or -1 when the map
** does not hold it. pKey must not be SQL NULL. Returns SQLITE_OK, or
** SQLITE_NOMEM when the key's text could not be produced. */
int csm_entity_map_find(const CsmEntityMap *pMap, sqlite3_value *pKey, sqlite3_int64 *pIdx);

/* Interns every key of pFrom into pTo in pFrom's index order (pFrom's keys
** that are new to pTo take pTo's next indexes, in that order) and sets
** aIdx[i] to the pTo index of pFrom's key i; aIdx holds
** csm_entity_map_count(pFrom) entries. Merging the maps of the chunks of a
** scan, first chunk first, gives the indexes one map over all the rows
** gives. Returns SQLITE_OK or SQLITE_NOMEM (keys before the failing one
** are interned). */
int csm_entity_map_merge(CsmEntityMap *pTo, const CsmEntityMap *pFrom, sqlite3_int64 *aIdx);

/* Number of distinct keys added so far. */
sqlite3_int64 csm_entity_map_count(const CsmEntityMap *pMap);

/* ---- Batches (E3) ------------------------------------------------------ */

#define CSM_ENTITY_BATCH 64 /* keys a batch holds */

typedef struct CsmEntityBatch CsmEntityBatch;

/* A new empty batch for pMap (which must outlive it), or 0 on out-of-memory. */
CsmEntityBatch *csm_entity_batch_new(CsmEntityMap *pMap);

/* Frees the batch (not its map). Accepts 0. */
void csm_entity_batch_free(CsmEntityBatch *pB);

/* Adds pKey (not SQL NULL) as the batch's next key: hashes it, copies its
** bytes and starts loading its slot. Returns SQLITE_OK, SQLITE_NOMEM, or
** SQLITE_FULL when the batch already holds CSM_ENTITY_BATCH keys. */
int csm_entity_batch_add(CsmEntityBatch *pB, sqlite3_value *pKey);

/* csm_entity_batch_add for a key already read (csm_key_read), its bytes
** copied: for keys kept apart from their values (the parallel scan's
** logs). */
int csm_entity_batch_add_key(CsmEntityBatch *pB, const CsmKey *pKey);

/* Keys added since the last csm_entity_batch_intern. */
int csm_entity_batch_count(const CsmEntityBatch *pB);

/* Interns the batch's keys in the order they were added, setting aIdx[i]
** to the index of the i-th (new keys take the next indexes, in that order),
** and empties the batch. Returns SQLITE_OK or SQLITE_NOMEM (then the keys
** before the failing one are interned and the batch is emptied). */
int csm_entity_batch_intern(CsmEntityBatch *pB, sqlite3_int64 *aIdx);

#endif /* CSM_ENTITY_MAP_H */
