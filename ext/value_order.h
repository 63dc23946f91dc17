/*
** value_order.h -- the order in which SQLite's ORDER BY sorts values with
** the BINARY collation, for virtual tables that emit rows sorted by a value
** read from the user's data (a segment, a check-in type).
*/
#ifndef CSM_VALUE_ORDER_H
#define CSM_VALUE_ORDER_H

#include "interrupt_probe.h"

/* <0, 0 or >0 as a sorts before, with or after b: NULL first, then
** numbers (an INTEGER and a REAL compared exactly, also beyond 2^53), then
** text (bytes, as BINARY), then blobs. A null pointer is SQL NULL. */
int csm_value_compare(sqlite3_value *a, sqlite3_value *b);

/* Sorts the n indexes aIdx into apVal by csm_value_compare (stable merge
** sort, O(n log n)), ticking pProbe (may be 0) once per comparison.
** Returns SQLITE_OK, SQLITE_NOMEM, or the probe's SQLITE_INTERRUPT (aIdx
** is then unspecified). */
int csm_value_sort(sqlite3_value *const *apVal, int *aIdx, sqlite3_int64 n, CsmProbe *pProbe);

#endif /* CSM_VALUE_ORDER_H */
