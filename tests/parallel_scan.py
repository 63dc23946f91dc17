"""Property test of the parallel scan (docs/internals.md, "The parallel
scan"). Usage:
    parallel_scan.py PATH/TO/csmetrics [SEEDS]

For each seed it writes random usage rows to a database file -- mixed key
types (7 and 7.0 one entity, '7' another, blobs), every date form, NULL
keys and times, several rows on one day (ties for value_agg 'last' and for
segments), values with cents, rows inserted out of time order with gaps in
the rowids, sometimes an index that makes the serial statement walk
(account, date) order instead of rowid order -- and runs cohort_retention
over many argument combinations with csmetrics_threads(1) and with 2, 3
and 4 threads. The outputs must be identical: every value compared by its
exact text (%!.17g for reals), and csmetrics_parallel_scans() must show
that each threaded run really went parallel.

The same for mrr_movements' bridge pass, on random snapshot rows (mixed
key types, every date form, several rows of an entity on one day, values
with cents, zeros and NULLs) stored in time order -- so the scan goes
parallel, in chunks of at most 32,768 rowids -- or with some rows moved
out of time order (read again in time order: the output still equal), or
with a negative value (the serial message).

Then the fallbacks, which must stay serial (the counter unchanged) and
give the serial result: an in-memory database, a temp table, a view, WAL
mode, a WITHOUT ROWID table, a span of rowids below the threshold, and a
write transaction with uncommitted rows (which the result must include).
An error in a row (a bad date) gives the serial message, and an attached
file database goes parallel. Exit status 0 when everything matched."""
import datetime
import os
import random
import sqlite3
import sys
import tempfile

from proptest import EPOCH, check, date_form, report

MIN_SPAN = 100000  # PAR_MIN_ROWS in ext/scan_parallel.c


def entity_key(rng, n):
    k = rng.randrange(n)
    kind = rng.randrange(6)
    if kind == 5 and rng.random() < 0.05:
        return None
    return [k, float(k), "e%d" % k, k + 0.5, bytes([65 + k % 26, k % 256]), "e%d" % k][kind]


def make_rows(rng, n):
    """Rows (account, date, mrr, seg, signup): days in 2022..2024 with
    repeats, some NULL times, values with cents (some NULL)."""
    n_ent = rng.choice([20, 200, 1500])
    days = [rng.randrange(19000, 20000) for _ in range(rng.choice([40, 400]))]
    rows = []
    for _ in range(n):
        day = rng.choice(days)
        t = None if rng.random() < 0.02 else date_form(rng, day, rng.randrange(86400 - 7200))
        v = None if rng.random() < 0.05 else rng.randrange(-5000, 500000) / 100.0
        seg = rng.choice([None, "smb", "mid", "ent", 3, 3.0, b"x"])
        signup = None if rng.random() < 0.5 else (EPOCH + datetime.timedelta(
            days=rng.randrange(18900, 20000))).isoformat()
        rows.append((entity_key(rng, n_ent), t, v, seg, signup))
    return rows


def fill(con, table, rows, rng, schema=""):
    """Inserts rows with random gaps so their rowids span more than
    MIN_SPAN (the order of insertion is the random order of rows)."""
    stride = MIN_SPAN // len(rows) + 2
    rid = rng.randrange(-1000, 1000)
    data = []
    for r in rows:
        rid += rng.randrange(1, 2 * stride)
        data.append((rid,) + r)
    con.execute("BEGIN")
    con.executemany(f"INSERT INTO {schema}{table}(rowid, account, date, mrr, seg, signup)"
                    " VALUES (?, ?, ?, ?, ?, ?)", data)
    con.execute("COMMIT")


ARGS = [
    "'{t}'",
    "'{t}', 'day'",
    "'{t}', 'week', 'rolling'",
    "'{t}', 'month', 'classic', 'account', 'date', 'mrr'",
    "'{t}', 'month', 'rolling', 'account', 'date', 'mrr', NULL, NULL, 'last'",
    "'{t}', 'quarter', 'classic', 'account', 'date', 'mrr', NULL, NULL, 'last', 'seg'",
    "'{t}', 'year', 'classic', 'account', 'date', 'mrr', 'signup', NULL, 'sum', 'seg'",
    "'{t}', 'day', 'classic', 'account', 'date', 'mrr', NULL, '2024-03-15', 'last'",
    "'{t}', 'week', 'classic', 'account', 'date', 'mrr', 'signup', '2023-12-31', 'sum', 'seg'",
    "'{t}', 'month', 'classic', 'seg', 'date', 'mrr'",
]


def grid(con, t, args):
    """The output of cohort_retention(args), every value as exact text, or
    the error message."""
    q = ("SELECT quote(cohort), period, cohort_size, active, printf('%!.17g', retention),"
         " printf('%!.17g', value), printf('%!.17g', revenue_retention), partial, quote(segment)"
         f" FROM cohort_retention({args.format(t=t)})")
    try:
        return [tuple(r) for r in con.execute(q)]
    except sqlite3.Error as e:
        return "error: " + str(e)


def snapshot_rows(rng, n):
    """Rows (account, month, mrr, seg) in time order: each entity's values
    on days spread over 2022..2024, some on one day, some zero or NULL."""
    n_ent = rng.choice([20, 300])
    days = sorted(rng.randrange(19000, 20000) for _ in range(rng.choice([30, 200])))
    rows = []
    for day in days:
        for _ in range(n // len(days)):
            t = None if rng.random() < 0.01 else date_form(rng, day, rng.randrange(86400 - 7200))
            r = rng.random()
            v = None if r < 0.03 else 0 if r < 0.1 else rng.randrange(1, 500000) / 100.0
            seg = rng.choice([None, "smb", "mid", "ent", 3])
            rows.append((entity_key(rng, n_ent), t, v, seg))
    return rows


MRR_ARGS = [
    "'month', '{t}', 'account', 'month', 'mrr'",
    "'quarter', '{t}', 'account', 'month', 'mrr', 'seg'",
    "'year', '{t}', 'account', 'month', 'mrr', NULL, '2023-06-30'",
    "'month', '{t}', 'account', 'month', 'mrr', 'seg', '2024-02-15'",
]


def bridge(con, t, args):
    """The output of mrr_movements(args), every value as exact text, or the
    error message."""
    q = (f"SELECT * FROM mrr_movements({args.format(t=t)})")
    try:
        return [tuple(repr(v) for v in r) for r in con.execute(q)]
    except sqlite3.Error as e:
        return "error: " + str(e)


def test_mrr(ext, tmp, seeds):
    for seed in range(seeds):
        rng = random.Random(1000 + seed)
        path = os.path.join(tmp, f"m{seed}.db")
        con = connect(ext, path)
        con.execute("CREATE TABLE snap(account, month, mrr, seg)")
        rows = snapshot_rows(rng, rng.choice([1500, 4000]))
        stride = MIN_SPAN // len(rows) + 2
        rid, data = rng.randrange(-1000, 1000), []
        for r in rows:
            rid += rng.randrange(1, 2 * stride)
            data.append((rid,) + r)
        kind = seed % 3  # 0: in time order; 1: some rows moved; 2: a bad value (in order)
        if kind == 1:
            for _ in range(rng.randrange(1, 6)):
                i, j = rng.randrange(len(data)), rng.randrange(len(data))
                data[i], data[j] = (data[i][0],) + data[j][1:], (data[j][0],) + data[i][1:]
        elif kind == 2:
            i = rng.randrange(len(data))
            data[i] = data[i][:3] + (-1.5,) + data[i][4:]
        con.execute("BEGIN")
        con.executemany("INSERT INTO snap(rowid, account, month, mrr, seg) VALUES (?, ?, ?, ?, ?)",
                        data)
        con.execute("COMMIT")
        # Rows moved may or may not put a month back: the counter is not
        # checked then.
        compare(f"mrr seed {seed}", con, "snap", [2, 3, 4], [True, None, True][kind],
                bridge, MRR_ARGS)
        con.close()
        os.remove(path)


def scans(con):
    return con.execute("SELECT csmetrics_parallel_scans()").fetchone()[0]


def threads(con, n):
    con.execute(f"SELECT csmetrics_threads({n})").fetchone()


def connect(ext, path):
    con = sqlite3.connect(path, isolation_level=None)
    con.enable_load_extension(True)
    con.load_extension(ext)
    con.enable_load_extension(False)
    return con


def compare(name, con, t, n_threads_list, want_parallel=True, run=grid, args_list=ARGS):
    """Runs run(con, t, args) for every args with 1 thread, then with each
    thread count: the same output, and the counter moved (or not) as
    expected (want_parallel None: not checked)."""
    for args in args_list:
        threads(con, 1)
        before = scans(con)
        want = run(con, t, args)
        check(f"{name} serial counter {args}", scans(con) == before)
        for n in n_threads_list:
            threads(con, n)
            before = scans(con)
            got = run(con, t, args)
            moved = scans(con) - before
            check(f"{name} threads={n} {args}", got == want,
                  f"\n  serial {str(want)[:300]}\n  parallel {str(got)[:300]}")
            # an error ends the scan before it counts
            want_moved = 1 if want_parallel and not isinstance(got, str) else 0
            if want_parallel is not None:
                check(f"{name} threads={n} counter {args}", moved == want_moved,
                      f"moved {moved}")


def main():
    ext = sys.argv[1]
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    tmp = tempfile.mkdtemp(prefix="csm_parallel_")
    schema = "CREATE TABLE {s}{t}(account, date, mrr, seg, signup)"
    for seed in range(seeds):
        rng = random.Random(seed)
        path = os.path.join(tmp, f"p{seed}.db")
        con = connect(ext, path)
        rows = make_rows(rng, rng.choice([800, 3000]))
        con.execute(schema.format(s="", t="ev"))
        fill(con, "ev", rows, rng)
        if seed % 2 == 1:  # the serial statement walks this index, not the rowids
            con.execute("CREATE INDEX ev_ad ON ev(account, date, mrr, seg, signup)")
        compare(f"seed {seed}", con, "ev", [2, 3, 4])
        con.close()
        os.remove(path)
    test_mrr(ext, tmp, seeds + 2)

    # Fallbacks: serial, the same rows, the counter unchanged.
    rng = random.Random(99)
    rows = make_rows(rng, 2000)
    path = os.path.join(tmp, "f.db")
    con = connect(ext, path)
    con.execute(schema.format(s="", t="ev"))
    fill(con, "ev", rows, rng)
    threads(con, 1)
    serial = grid(con, "ev", ARGS[5])
    con.execute(schema.format(s="temp.", t="tev"))
    fill(con, "tev", rows, rng, "temp.")
    con.execute("CREATE VIEW vev AS SELECT * FROM ev")
    con.execute("CREATE TABLE wr(account, date, mrr, seg, signup, PRIMARY KEY (account, date,"
                " mrr, seg, signup)) WITHOUT ROWID")
    con.execute("INSERT OR IGNORE INTO wr SELECT account, date, mrr, seg, signup FROM ev"
                " WHERE account IS NOT NULL AND date IS NOT NULL")
    con.execute(schema.format(s="", t="small"))
    con.execute("INSERT INTO small SELECT * FROM ev ORDER BY rowid LIMIT 500")
    threads(con, 4)
    for t in ["tev", "vev", "small"]:
        before = scans(con)
        got = grid(con, t, ARGS[5])
        check(f"fallback {t}", got == serial if t != "small" else isinstance(got, list))
        check(f"fallback {t} stays serial", scans(con) == before)
    before = scans(con)
    threads(con, 1)
    want_wr = grid(con, "wr", ARGS[5])
    threads(con, 4)
    check("fallback without rowid", grid(con, "wr", ARGS[5]) == want_wr)
    check("fallback without rowid stays serial", scans(con) == before)

    # A write transaction: the uncommitted rows count, so the scan is serial.
    con.execute("BEGIN")
    con.execute("INSERT INTO ev(account, date, mrr) VALUES ('late', '2025-12-30', 5)")
    before = scans(con)
    got = grid(con, "ev", ARGS[5])
    check("write transaction stays serial", scans(con) == before)
    check("write transaction sees its rows", any(r[0] == "'2025-10-01'" for r in got),
          str(got[:2]))
    con.execute("ROLLBACK")
    check("after the transaction: parallel again", grid(con, "ev", ARGS[5]) == serial
          and scans(con) == before + 1)

    # A bad date in two rows of different chunks: the serial message.
    con.execute("UPDATE ev SET date = 'not a date' WHERE rowid IN"
                " ((SELECT rowid FROM ev ORDER BY rowid LIMIT 1 OFFSET 1500),"
                "  (SELECT rowid FROM ev ORDER BY rowid LIMIT 1 OFFSET 300))")
    con.execute("UPDATE ev SET date = 'bad 2' WHERE rowid ="
                " (SELECT rowid FROM ev ORDER BY rowid LIMIT 1 OFFSET 300)")
    threads(con, 1)
    want = grid(con, "ev", ARGS[0])
    threads(con, 3)
    got = grid(con, "ev", ARGS[0])
    check("error message", isinstance(want, str) and got == want, f"{want!r} / {got!r}")
    con.execute("UPDATE ev SET date = '2023-01-01' WHERE date IN ('not a date', 'bad 2')")

    # An attached file database goes parallel; the same result.
    apath = os.path.join(tmp, "a.db")
    con.execute("ATTACH ? AS aux", (apath,))
    con.execute(schema.format(s="aux.", t="aev"))
    con.execute("INSERT INTO aux.aev(rowid, account, date, mrr, seg, signup)"
                " SELECT rowid, * FROM ev")
    threads(con, 1)
    want = grid(con, "aux.aev", ARGS[5])
    threads(con, 2)
    before = scans(con)
    check("attached", grid(con, "aux.aev", ARGS[5]) == want and scans(con) == before + 1)
    check("attached, unqualified", grid(con, "aev", ARGS[5]) == want
          and scans(con) == before + 2)

    # WAL: serial (the workers could not share the caller's snapshot).
    con.execute("DETACH aux")
    con.execute("PRAGMA journal_mode = wal")
    before = scans(con)
    threads(con, 1)
    want = grid(con, "ev", ARGS[5])
    threads(con, 4)
    check("wal", grid(con, "ev", ARGS[5]) == want and scans(con) == before)
    con.close()

    # An in-memory database.
    mem = connect(ext, ":memory:")
    mem.execute(schema.format(s="", t="ev"))
    fill(mem, "ev", rows, rng)
    threads(mem, 4)
    check("in memory", grid(mem, "ev", ARGS[5]) == serial and scans(mem) == 0)
    mem.close()

    for f in os.listdir(tmp):
        os.remove(os.path.join(tmp, f))
    os.rmdir(tmp)
    return report()


if __name__ == "__main__":
    sys.exit(main())
