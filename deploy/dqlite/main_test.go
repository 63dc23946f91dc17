// main_test.go -- the client's pure parts: how a script is cut into
// commands and statements, which statements return rows, and how values
// print (as the sqlite3 shell prints them). Run by the csm_dqlite_test
// CMake target, which tests/cluster/run.sh builds.
package main

import (
	"math"
	"reflect"
	"testing"
	"time"
)

func TestSplitScript(t *testing.T) {
	input := "-- header\n.headers on\nSELECT 1; SELECT 'a;b';\n" +
		"CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET x = 1;\n  DELETE FROM u;\nEND;\n" +
		"SELECT 2; -- trailing\n.print 'done'\n;\n-- only a comment\nSELECT 3"
	want := []piece{
		{command: true, text: ".headers on"},
		{text: "SELECT 1;"},
		{text: " SELECT 'a;b';"},
		{text: "\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET x = 1;\n  DELETE FROM u;\nEND;"},
		{text: "\nSELECT 2;"},
		{command: true, text: ".print 'done'"},
		{text: "-- only a comment\nSELECT 3"},
	}
	got := splitScript(input)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("splitScript:\n got %#v\nwant %#v", got, want)
	}
}

func TestReturnsRows(t *testing.T) {
	cases := map[string]bool{
		"SELECT 1":                                true,
		"  -- c\n/* d */ select x FROM t":         true,
		"VALUES (1), (2)":                         true,
		"EXPLAIN QUERY PLAN SELECT 1":             true,
		"PRAGMA user_version":                     true,
		"PRAGMA table_info(accounts)":             true,
		"PRAGMA user_version = 2":                 false,
		"WITH x(a) AS (SELECT 1) SELECT a FROM x": true,
		"WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < 3) INSERT INTO t SELECT n FROM d": false,
		"WITH x AS (SELECT 1) DELETE FROM t": false,
		"INSERT INTO t VALUES ('SELECT')":    false,
		"UPDATE t SET a = (SELECT 1)":        false,
		"CREATE VIEW v AS SELECT 1":          false,
		"BEGIN":                              false,
		"\"select\"":                         false,
		"-- SELECT 1":                        false,
	}
	for sql, want := range cases {
		if got := returnsRows(sql); got != want {
			t.Errorf("returnsRows(%q) = %v, want %v", sql, got, want)
		}
	}
}

func TestFormat(t *testing.T) {
	sh := &shell{null: "NULL"}
	cases := []struct {
		v    interface{}
		want string
	}{
		{nil, "NULL"},
		{int64(-42), "-42"},
		{1.0, "1.0"},
		{0.1 + 0.2, "0.3"},
		{66.0, "66.0"},
		{98.875, "98.875"},
		{2.0 / 3, "0.666666666666667"},
		{1e20, "1.0e+20"},
		{1.5e-7, "1.5e-07"},
		{123456789012345678.0, "1.23456789012346e+17"},
		{math.Inf(1), "Inf"},
		{math.Inf(-1), "-Inf"},
		{"text", "text"},
		{[]byte("blob"), "blob"},
		{true, "1"},
		{time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC), "2026-03-31 12:00:00"},
	}
	for _, c := range cases {
		if got := sh.format(c.v); got != c.want {
			t.Errorf("format(%#v) = %q, want %q", c.v, got, c.want)
		}
	}
}
