"""Differential test of the two virtual tables. Usage:
    differential.py PATH/TO/csmetrics [SEEDS]

For each seed it builds random data with mixed-type keys (integer, real,
text; 7 and 7.0 are one entity, '7' another), every date form (ISO date,
date-time, 'T...Z', a +HH:MM offset, Julian day, Unix seconds, numeric
text) and NULLs, then checks:
  1. cohort_retention against a reference written here in Python from the
     definition (docs/tables/cohort_retention.md), every granularity and
     mode, with a value column;
  2. checkin_impact's counts (checkin_accounts, positive_accounts,
     control_accounts, control_positive, control_contaminated) against a
     Python reference (docs/tables/checkin_impact.md);
  3. random WHERE / ORDER BY / LIMIT shapes on both tables (OR, IN, ranges,
     arguments by name) against the same query on a materialised copy of
     the output.
The day of every generated time is known by construction, so the reference
does not parse dates. Exit status 0 when everything matched."""
import datetime
import random
import sqlite3
import sys

from proptest import EPOCH, check, date_form, report

GRANS = ["day", "week", "month", "quarter", "year"]


def entity_key(rng, n):
    k = rng.randrange(n)
    kind = rng.randrange(4)
    if kind == 0:
        return k
    if kind == 1:
        return float(k)  # the same entity as k
    if kind == 2:
        return "e%d" % k
    return k + 0.5


def norm(key):
    """SQL identity of an entity: numbers compare by value (7 = 7.0),
    text is another key ('7' is not 7)."""
    if isinstance(key, (int, float)):
        return ("number", float(key))
    return ("text", key)


def period(g, day):
    d = EPOCH + datetime.timedelta(days=day)
    if g == "day":
        return day
    if g == "week":
        return (day - 4) // 7  # 1970-01-05 was a Monday
    if g == "month":
        return d.year * 12 + d.month - 1
    if g == "quarter":
        return d.year * 4 + (d.month - 1) // 3
    return d.year


def period_start(g, p):
    if g == "day":
        return (EPOCH + datetime.timedelta(days=p)).isoformat()
    if g == "week":
        return (EPOCH + datetime.timedelta(days=7 * p + 4)).isoformat()
    if g == "month":
        return datetime.date(p // 12, p % 12 + 1, 1).isoformat()
    if g == "quarter":
        return datetime.date(p // 4, 3 * (p % 4) + 1, 1).isoformat()
    return datetime.date(p, 1, 1).isoformat()


def period_end_day(g, p):
    nxt = datetime.date.fromisoformat(period_start(g, p + 1))
    return (nxt - EPOCH).days - 1


def cohort_reference(rows, g, rolling):
    ents = {}
    max_day = None
    for key, day, value in rows:
        if key is None or day is None:
            continue
        e = ents.setdefault(norm(key), {})
        p = period(g, day)
        e[p] = e.get(p, 0.0) + (value or 0.0)
        max_day = day if max_day is None else max(max_day, day)
    if not ents:
        return []
    pa = period(g, max_day)
    cohorts = {}
    for e in ents.values():
        cohorts.setdefault(min(e), []).append(e)
    out = []
    for c in sorted(cohorts):
        members = cohorts[c]
        for off in range(pa - c + 1):
            p = c + off
            if rolling:
                active = sum(1 for e in members if max(e) >= p)
            else:
                active = sum(1 for e in members if p in e)
            value = sum(e.get(p, 0.0) for e in members)
            partial = int(p == pa and max_day != period_end_day(g, pa))
            out.append((period_start(g, c), off, len(members), active, value, partial))
    return out


def close(a, b):
    return abs(a - b) <= 1e-9 * (1 + abs(a))


def run_cohort(con, rng):
    rows = []
    for _ in range(rng.randrange(50, 400)):
        key = None if rng.random() < 0.03 else entity_key(rng, 30)
        day = None if rng.random() < 0.03 else rng.randrange(19000, 19800)
        value = None if rng.random() < 0.1 else rng.randrange(100)
        rows.append((key, day, value))
    con.execute("DROP TABLE IF EXISTS ev")
    con.execute("CREATE TABLE ev(account, date, v)")
    con.executemany(
        "INSERT INTO ev VALUES (?, ?, ?)",
        [(k, None if d is None else date_form(rng, d, rng.randrange(86400 - 7200)), v)
         for k, d, v in rows])
    for g in GRANS:
        for mode in ("classic", "rolling"):
            want = cohort_reference(rows, g, mode == "rolling")
            got = con.execute(
                "SELECT cohort, period, cohort_size, active, value, partial"
                " FROM cohort_retention('ev', ?, ?, 'account', 'date', 'v')", (g, mode)).fetchall()
            ok = len(got) == len(want) and all(
                a[:4] == b[:4] and close(a[4], b[4]) and a[5] == b[5] for a, b in zip(got, want))
            check(f"cohort {g} {mode}", ok,
                  f"got {len(got)} rows, want {len(want)}; first diff "
                  f"{next(((a, b) for a, b in zip(got, want) if a != b), None)}")
    shapes(con, rng, "cohort_retention('ev', '%s', '%s', 'account', 'date', 'v')"
           % (rng.choice(GRANS), rng.choice(["classic", "rolling"])),
           ["cohort", "period", "cohort_size", "active", "value", "partial"],
           ["cohort", "period"])
    # Arguments by name in WHERE, mixed with OR on outputs.
    g = rng.choice(GRANS)
    base = con.execute("SELECT * FROM cohort_retention('ev', ?)", (g,)).fetchall()
    con.execute("DROP TABLE IF EXISTS mat")
    con.execute("CREATE TEMP TABLE mat AS SELECT * FROM cohort_retention('ev', ?)", (g,))
    for _ in range(5):
        k = rng.randrange(4)
        pred = f"(period = {k} OR active = {rng.randrange(3)} OR cohort_size > {k})"
        got = con.execute("SELECT cohort, period FROM cohort_retention WHERE source = 'ev'"
                          f" AND granularity = ? AND {pred} ORDER BY cohort, period", (g,)).fetchall()
        want = con.execute(f"SELECT cohort, period FROM mat WHERE {pred}"
                           " ORDER BY cohort, period").fetchall()
        check(f"cohort by name {pred}", got == want and len(base) > 0)


def checkin_reference(checkins, behavior, control, window):
    """Counts for granularity 'all', segment 'none', outcome 'any'."""
    pos_days = {}
    for key, day, positive in behavior:
        if key is not None and day is not None and positive:
            pos_days.setdefault(norm(key), []).append(day)
    ci_accts = set()
    positive = set()
    for key, day in checkins:
        if key is None or day is None:
            continue
        a = norm(key)
        ci_accts.add(a)
        if any(day <= b <= day + window for b in pos_days.get(a, [])):
            positive.add(a)
    ctl = {norm(k) for k in control if k is not None}
    contaminated = ctl & ci_accts
    clean = ctl - ci_accts
    ctl_pos = {a for a in clean if pos_days.get(a)}
    if not ctl:
        return (len(ci_accts), len(positive), None, None, None)
    return (len(ci_accts), len(positive), len(clean), len(ctl_pos), len(contaminated))


def run_checkin(con, rng):
    checkins = [(None if rng.random() < 0.03 else entity_key(rng, 25),
                 None if rng.random() < 0.03 else rng.randrange(19000, 19400))
                for _ in range(rng.randrange(20, 200))]
    behavior = [(None if rng.random() < 0.03 else entity_key(rng, 30),
                 None if rng.random() < 0.03 else rng.randrange(19000, 19500),
                 rng.random() < 0.4) for _ in range(rng.randrange(20, 300))]
    control = [None if rng.random() < 0.05 else entity_key(rng, 30) for _ in range(rng.randrange(0, 12))]
    for t in ("ci", "beh", "ctl"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    con.execute("CREATE TABLE ci(account, date, type)")
    con.execute("CREATE TABLE beh(account, behavior_date, usage_spikes, upsells, renewals)")
    con.execute("CREATE TABLE ctl(account)")
    con.executemany("INSERT INTO ci VALUES (?, ?, ?)",
                    [(k, None if d is None else date_form(rng, d, rng.randrange(86400 - 7200)),
                      rng.choice(["call", "qbr", None, 7, 7.5])) for k, d in checkins])
    con.executemany("INSERT INTO beh VALUES (?, ?, ?, 0, NULL)",
                    [(k, None if d is None else date_form(rng, d, rng.randrange(86400 - 7200)),
                      1 if p else rng.choice([0, None])) for k, d, p in behavior])
    con.executemany("INSERT INTO ctl VALUES (?)", [(k,) for k in control])
    window = rng.choice([0, 7, 30, 90])
    want = checkin_reference(checkins, behavior, control, window)
    got = con.execute("SELECT checkin_accounts, positive_accounts, control_accounts,"
                      " control_positive, control_contaminated"
                      " FROM checkin_impact(?, 'all', 'none', 'any', 'ci', 'beh', 'ctl', 'no_attr')",
                      (window,)).fetchall()
    if want[0] == 0:
        check("checkin no rows", got == [], f"got {got}")
    else:
        check(f"checkin counts w={window}", got == [want], f"got {got}, want {want}")
    shapes(con, rng, "checkin_impact(%d, '%s', 'type', 'any', 'ci', 'beh', 'ctl', 'no_attr')"
           % (window, rng.choice(["all", "week", "month", "quarter"])),
           ["period", "segment", "checkin_accounts", "positive_accounts", "impact_score",
            "control_accounts", "uplift"],
           ["period", "segment"])


def shapes(con, rng, call, cols, key):
    """Random WHERE / ORDER BY / LIMIT on the table against a copy."""
    con.execute("DROP TABLE IF EXISTS mat")
    con.execute(f"CREATE TEMP TABLE mat AS SELECT * FROM {call}")
    n = con.execute("SELECT count(*) FROM mat").fetchone()[0]
    for _ in range(12):
        preds = []
        for _ in range(rng.randrange(3)):
            c = rng.choice(cols)
            v = con.execute(f"SELECT {c} FROM mat ORDER BY random() LIMIT 1").fetchone()
            v = v[0] if v else None
            op = rng.choice(["=", "<", ">=", "IS NOT", "IN"])
            if op == "IN":
                preds.append((f"{c} IN (?, ?)", [v, rng.randrange(5)]))
            else:
                preds.append((f"{c} {op} ?", [v]))
        joiner = rng.choice([" AND ", " OR "])
        where = joiner.join(p for p, _ in preds) or "1"
        params = [x for _, a in preds for x in a]
        order = [c + rng.choice(["", " DESC"]) for c in rng.sample(cols, rng.randrange(len(cols)))]
        order += [k for k in key if k not in [o.split()[0] for o in order]]
        order += [c for c in cols if c not in [o.split()[0] for o in order]]
        limit = f" LIMIT {rng.randrange(n + 2)}" if rng.random() < 0.5 else ""
        tail = f" WHERE {where} ORDER BY {', '.join(order)}{limit}"
        got = con.execute(f"SELECT {', '.join(cols)} FROM {call}{tail}", params).fetchall()
        want = con.execute(f"SELECT {', '.join(cols)} FROM mat{tail}", params).fetchall()
        check(f"shape {call}{tail} {params}", got == want, f"got {len(got)} rows, want {len(want)}")
        # The table's own order, when asked for, needs no sort and is right.
        got = con.execute(f"SELECT {', '.join(cols)} FROM {call} ORDER BY {', '.join(key)}").fetchall()
        want = con.execute(f"SELECT {', '.join(cols)} FROM mat ORDER BY {', '.join(key)}").fetchall()
        check(f"native order {call}", [r[:len(key)] for r in got] == [r[:len(key)] for r in want])


def main():
    con = sqlite3.connect(":memory:")
    con.enable_load_extension(True)
    con.load_extension(sys.argv[1])
    con.enable_load_extension(False)
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    for seed in range(seeds):
        rng = random.Random(seed)
        run_cohort(con, rng)
        run_checkin(con, rng)
    return report()


if __name__ == "__main__":
    sys.exit(main())
