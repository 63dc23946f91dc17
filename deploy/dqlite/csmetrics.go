// csmetrics.go -- links the csmetrics extension into this process and
// registers it for every SQLite connection the process opens.
//
// The ext/ sources are compiled with -DSQLITE_CORE into the static library
// libcsmetrics.a (CMake target csmetrics_static); the build passes its
// path and ext/ in CGO_LDFLAGS and CGO_CFLAGS (see CMakeLists.txt here).
// sqlite3_auto_extension initialises SQLite, after which the threading mode
// can no longer change, so it must run after go-dqlite's package init, which
// sets single-thread mode: registerCsmetrics is called from main, when every
// imported package has been initialised and before the node opens a
// database.
package main

/*
#include <stdlib.h>
#include <sqlite3.h>
#include "csmetrics.h"

static int csm_auto_extension(void) {
	return sqlite3_auto_extension((void (*)(void))sqlite3_csmetrics_init);
}

static int csm_complete(const char *sql) {
	return sqlite3_complete(sql);
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// registerCsmetrics makes every connection opened from now on run
// sqlite3_csmetrics_init, as the sqlite3 shell's .load would.
func registerCsmetrics() error {
	if rc := C.csm_auto_extension(); rc != C.SQLITE_OK {
		return fmt.Errorf("sqlite3_auto_extension: %s", C.GoString(C.sqlite3_errstr(rc)))
	}
	return nil
}

// sqlComplete reports whether text ends with a complete SQL statement
// (sqlite3_complete: quotes, comments and CREATE TRIGGER bodies respected).
func sqlComplete(text string) bool {
	c := C.CString(text)
	defer C.free(unsafe.Pointer(c))
	return C.csm_complete(c) != 0
}
