"""report_checks.py -- every report in sql/reports/ on three databases: an
empty one, a one-account one and the demo portfolio (samples/gen_portfolio.c,
600 accounts to keep the test short, with two health snapshots).

Usage: report_checks.py SQLITE3 EXTENSION GENERATOR WORKDIR
(EXTENSION without its suffix; run from the repository root.)

For each report and database:
  - through the sqlite3 shell with -box: no error, every line at most 120
    characters (the HTML page excepted);
  - with -csv (on the one-account database): no box drawing in the output
    (the report leaves the mode to the user, so exporting works);
  - through Python's sqlite3 with printf() replaced by one that refuses a
    NULL argument: a NULL figure must be caught before printf, which would
    print it as 0, 0.0%, +0 or 0.000 (the statements run in order, the
    shell's dot-commands skipped, @csm unbound as in the shell);
  - on the empty database, no "0.0%", "+0" or "0.000" at all.
The data-quality report's coverage figures (read from account_scores)
equal the same counts over account_health, on every database.
And the executive dashboard's KPI table (its own sums over its one copy of
account_health) equals kpi_cube's rows, on every database; so does the HTML
dashboard's, whose at-risk ARR is the terminal dashboard's.
"""
import os
import re
import sqlite3
import subprocess
import sys

shell, ext, gen, work = sys.argv[1:5]
reports = sorted(os.path.join("sql/reports", f) for f in os.listdir("sql/reports") if f.endswith(".sql"))
failures = []
passed = 0


def check(name, ok, detail=""):
    global passed
    if ok:
        passed += 1
    else:
        failures.append(f"{name} {detail}".strip())


def sqlite(db, *commands, mode=None):
    argv = [shell] + ([mode] if mode else []) + [db, f".load {ext}"] + list(commands)
    p = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8")
    return p.stdout + p.stderr


def make_db(name, setup):
    path = os.path.join(work, name)
    if os.path.exists(path):
        os.remove(path)
    setup(path)
    return path


def empty(path):
    sqlite(path, ".read sql/schema.sql", ".read sql/model.sql")


def one_account(path):
    sqlite(path, ".read sql/schema.sql", ".read sql/model.sql", """
INSERT INTO accounts (account, name, segment, csm, plan, industry, signup_date, contract_end, arr, seats_licensed)
VALUES ('A1', 'Solo Ltd', 'smb', 'Ana', 'Team', 'Retail', '2025-01-10', '2026-08-01', 6000, 5);
INSERT INTO usage_events (account, user_id, date, feature, event_count) VALUES
  ('A1', 'u1', '2026-05-02', 'f1', 4), ('A1', 'u1', '2026-05-20', 'f1', 3), ('A1', 'u2', '2026-04-02', 'f1', 9);
INSERT INTO mrr_snapshots (account, month, mrr, seats) VALUES ('A1', '2026-04-01', 500, 5), ('A1', '2026-05-01', 500, 5);
""")


def demo(path):
    subprocess.run([gen, "--accounts", "600", "sql/schema.sql", path], check=True, capture_output=True)
    sqlite(path, ".read sql/model.sql")
    subprocess.run(["sh", "samples/backfill_history.sh", path, "1", ext], check=True, capture_output=True)


dbs = [("empty", make_db("rc_empty.db", empty)), ("one", make_db("rc_one.db", one_account)),
       ("demo", make_db("rc_demo.db", demo))]

ref = sqlite3.connect(":memory:")


def strict_printf(fmt, *args):
    if any(a is None for a in args):
        raise ValueError(f"printf({fmt!r}) got a NULL argument")
    return ref.execute("SELECT printf(" + ",".join("?" * (len(args) + 1)) + ")", (fmt, *args)).fetchone()[0]


def statements(path):
    """The SQL statements of a report in order, dot-commands left out."""
    buf = ""
    for line in open(path, encoding="utf-8"):
        if line.startswith("."):  # a dot-command (no SQL line of a report starts with '.')
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            yield buf
            buf = ""


def run_python(db, report):
    con = sqlite3.connect(db)
    con.enable_load_extension(True)
    con.load_extension(ext)
    con.create_function("printf", -1, strict_printf)
    try:
        for sql in statements(report):
            params = {"csm": None} if "@csm" in sql else ()
            try:
                con.execute(sql, params).fetchall()
            except sqlite3.Error as e:
                return f"{e} in: {' '.join(sql.split())[:160]}"
        return None
    finally:
        con.close()


for dbname, db in dbs:
    for report in reports:
        name = f"{os.path.basename(report)} on {dbname}:"
        out = sqlite(db, f".read {report}", mode="-box")
        check(name + " runs", not re.search(r"^(Error|Parse error|Runtime error)", out, re.M),
              out[:400])
        if not report.endswith("_html.sql"):  # a page, not a terminal report
            long = [line for line in out.splitlines() if len(line) > 120]
            check(name + " fits 120 columns", not long, long[0] if long else "")
        if dbname == "empty":
            hit = re.search(r"(?<![\d.])(0\.0%|\+0(?![\d.,])|0\.000)", out)
            check(name + " no zero for nothing", not hit, hit and out[max(0, hit.start() - 200):hit.end()])
        if dbname == "one":
            csv = sqlite(db, f".read {report}", mode="-csv")
            check(name + " exports as CSV", "│" not in csv and "┌" not in csv and "Error" not in csv)
        err = run_python(db, report)
        check(name + " no NULL printed as a number", err is None, err or "")
    coverage = ("SELECT count(*), count(*) FILTER (WHERE coverage < 0.6), count(*) FILTER (WHERE health_score IS NULL), "
                "count(*) FILTER (WHERE usage IS NULL), count(*) FILTER (WHERE engagement IS NULL), "
                "count(*) FILTER (WHERE growth IS NULL), count(*) FILTER (WHERE support IS NULL), "
                "count(*) FILTER (WHERE financial IS NULL) FROM account_health;")
    dq = sqlite(db, ".read sql/reports/data_quality.sql", mode="-csv").strip().splitlines()[-1]
    own = sqlite(db, coverage, mode="-csv").strip()
    check(f"data_quality coverage = account_health's on {dbname}", dq == own, f"{dq} vs {own}")
    cols = ("dimension, value, accounts, round(arr, 6), round(avg_health, 6), round(at_risk_arr, 6), "
            "round(expected_arr_at_risk, 6)")
    cube = sqlite(db, ".read sql/reports/executive_dashboard.sql", ".output stdout", ".mode list",
                  f"SELECT count(*) FROM (SELECT {cols} FROM temp.rpt_cube EXCEPT SELECT {cols} FROM kpi_cube "
                  "WHERE dimension IN ('all', 'segment'));", mode="-csv")
    check(f"dashboard KPIs = kpi_cube on {dbname}", cube.strip().endswith("\n0") or cube.strip() == "0",
          cube.strip()[-200:])
    # The HTML page's at-risk ARR is the terminal dashboard's, and its figures are kpi_cube's.
    html = sqlite(db, ".read sql/reports/dashboard_html.sql", ".output stdout", ".mode list",
                  f"SELECT count(*) FROM (SELECT {cols} FROM temp.dash_cube EXCEPT SELECT {cols} FROM kpi_cube "
                  "WHERE dimension IN ('all', 'segment', 'csm'));")
    term = sqlite(db, ".read sql/reports/executive_dashboard.sql", mode="-csv")
    page = re.search(r"accounts at risk \(health below [^)]*\), (\$[\d,]+) ARR", html)
    line = re.search(r'^"?< [\d.]+"?,"?(\$[\d,]+)"?,', term, re.M)
    check(f"HTML dashboard at-risk ARR = terminal dashboard's, figures = kpi_cube on {dbname}",
          page and line and page.group(1) == line.group(1) and html.strip().endswith("\n0"),
          f"{page and page.group(1)} vs {line and line.group(1)}; {html.strip()[-120:]}")

for f in failures:
    print("FAIL", f)
print(f"{passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
