"""Loads csmetrics from Python's standard sqlite3 module and checks that
functions answer. Usage: load_python.py PATH/TO/csmetrics VERSION (no suffix;
VERSION is the project() version CTest passes)."""
import sqlite3
import sys

failures = []
passed = 0


def check(name, got, want):
    global passed
    if got == want:
        passed += 1
    else:
        failures.append(f"{name}: got {got!r}, expected {want!r}")


con = sqlite3.connect(":memory:")
con.enable_load_extension(True)
con.load_extension(sys.argv[1])
con.enable_load_extension(False)

check("version", con.execute("SELECT csmetrics_version()").fetchone()[0], sys.argv[2])
check("tier", con.execute("SELECT health_tier(72)").fetchone()[0], "Healthy")
check("score",
      con.execute("SELECT health_score(80, 70, 60, 90, 100)").fetchone()[0], 78.0)
try:
    con.execute("SELECT health_score(130, 70, 60, 90, 100)").fetchone()
    failures.append("error: no exception for usage 130")
except sqlite3.OperationalError as e:
    check("error", str(e),
          "health_score: usage must be between 0 and 100, got 130")

for f in failures:
    print(f)
print(f"{passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
