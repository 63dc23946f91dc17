/*
** entity_map.h -- a hash map from SQL values (account keys: text, integer,
** real or blob) to dense indexes 0, 1, 2, ... in order of first appearance.
** Callers keep their per-entity state in arrays indexed by that number.
**
** Keys compare as SQL values of the same storage class, except that a REAL
** holding a whole number equals the INTEGER of that value (1.0 = 1), as in
** SQL. Text '1' and integer 1 are different keys. Key bytes are copied into
** the map, so the caller's value need not outlive the call.
*/
#ifndef CSM_ENTITY_MAP_H
#define CSM_ENTITY_MAP_H

#include "csm_internal.h"

typedef struct CsmEntityMap CsmEntityMap;

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

/* A key read from an SQL value and hashed, for callers that look up many
** keys in a batch: read each key, csm_entity_map_prefetch() them all, then
** csm_entity_map_intern_key() each, so the cache misses of the lookups
** overlap instead of adding up. Text and blob bytes are borrowed: z must
** stay valid until the key is interned (a caller may copy the bytes and
** point z at the copy). */
typedef struct CsmEntityKey {
  sqlite3_uint64 hash;
  sqlite3_int64 i; /* integer key, or the bits of a real key */
  const char *z;   /* text/blob bytes, borrowed */
  int n;           /* bytes in z */
  int type;        /* SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT or SQLITE_BLOB */
} CsmEntityKey;

/* Makes *pKey the text (type SQLITE_TEXT) or blob (SQLITE_BLOB) key of the
** n bytes at z, for a caller that already holds them. */
void csm_entity_key_bytes(CsmEntityKey *pKey, int type, const char *z, int n);

/* Reads pVal (not SQL NULL) into *pKey. Returns SQLITE_OK or SQLITE_NOMEM. */
int csm_entity_key_read(sqlite3_value *pVal, CsmEntityKey *pKey);

/* Asks the CPU to start loading the slot where a lookup of pKey begins;
** then, once that slot has arrived, csm_entity_map_prefetch_bytes() asks
** for the key bytes it points to (long text and blob keys are compared
** there; keys up to 16 bytes are held in the slot). */
void csm_entity_map_prefetch(const CsmEntityMap *pMap, const CsmEntityKey *pKey);
void csm_entity_map_prefetch_bytes(const CsmEntityMap *pMap, const CsmEntityKey *pKey);

/* csm_entity_map_intern for a key made by csm_entity_key_read or
** csm_entity_key_bytes. */
int csm_entity_map_intern_key(CsmEntityMap *pMap, const CsmEntityKey *pKey, sqlite3_int64 *pIdx,
                              int *pIsNew);

/* Number of distinct keys added so far. */
sqlite3_int64 csm_entity_map_count(const CsmEntityMap *pMap);

#endif /* CSM_ENTITY_MAP_H */
