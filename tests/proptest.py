"""What the Python property tests (differential.py, parallel_scan.py)
share: the count of checks and failures, and random times of a known day
in every form csmetrics accepts."""
import datetime

EPOCH = datetime.date(1970, 1, 1)
failures = []
checks = 0


def check(name, ok, detail=""):
    global checks
    checks += 1
    if not ok:
        failures.append(f"{name} {detail}")


def report():
    """Prints the first failures and the counts; the exit status."""
    for f in failures[:20]:
        print("FAIL", f)
    print(f"{checks - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


def date_form(rng, day, secs):
    """The instant day + secs written in a random accepted form; its UTC day
    is `day` (offset forms are shifted so that the UTC day is unchanged)."""
    d = EPOCH + datetime.timedelta(days=day)
    dt = datetime.datetime(d.year, d.month, d.day) + datetime.timedelta(seconds=secs)
    f = rng.randrange(7)
    if f == 0:
        return d.isoformat()
    if f == 1:
        return dt.strftime("%Y-%m-%d %H:%M:%S")
    if f == 2:
        return dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    if f == 3:  # local time 2 hours ahead of UTC
        return (dt + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S+02:00")
    unix = (dt - datetime.datetime(1970, 1, 1)).total_seconds()
    if f == 4:
        return unix / 86400.0 + 2440587.5  # Julian day (real)
    if f == 5:
        return int(unix)  # Unix seconds (integer)
    return str(int(unix))  # numeric text
