"""Checks the dashboard's DOM as Chromium rendered it (tests/browser/run.sh).

Usage: check_dom.py DOM.html PORTFOLIO.db. Every section of
sql/reports/dashboard_html.sql is present, and every chart has its marks:
one bar per health tier, one line each for NRR and GRR, five revenue-bridge
bars and seven figures, heat-map cells,
a bar per segment and per CSM, a sparkline per at-risk account listed, seven
KPI cards with a value each. Counts are compared with the portfolio itself.
"""
import sqlite3
import sys
from html.parser import HTMLParser

SECTIONS = ["kpis", "distribution", "retention-trend", "revenue-bridge", "cohorts", "at-risk",
            "by-segment", "by-csm"]


class Dom(HTMLParser):
    """Counts, per section id, the elements by (tag, class), and their text."""

    def __init__(self):
        super().__init__()
        self.section = None
        self.depth = 0
        self.count = {}
        self.text = {}
        self.stack = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and a.get("id") in SECTIONS:
            self.section, self.depth = a["id"], 0
            self.count.setdefault(self.section, {})
            self.text.setdefault(self.section, [])
        if self.section:
            if tag == "section":
                self.depth += 1
            for cls in (a.get("class") or "").split() or [""]:
                key = (tag, cls)
                self.count[self.section][key] = self.count[self.section].get(key, 0) + 1
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.section and tag == "section":
            self.depth -= 1
            if self.depth == 0:
                self.section = None

    def handle_data(self, data):
        if self.section:
            self.text[self.section].append(data)


dom = Dom()
dom.feed(open(sys.argv[1], encoding="utf-8").read())
db = sqlite3.connect(sys.argv[2])
failures = []


def n(section, tag, cls):
    return dom.count.get(section, {}).get((tag, cls), 0)


def expect(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got}, expected {want}")


for s in SECTIONS:
    if s not in dom.count:
        failures.append(f"section #{s} is missing")

expect("KPI cards", n("kpis", "div", "kpi"), 7)
expect("KPI values", n("kpis", "div", "value"), 7)
expect("health distribution bars", n("distribution", "rect", "bar"), 5)
expect("retention trend lines", n("retention-trend", "path", "series"), 2)
if n("retention-trend", "circle", "point") < 2:
    failures.append("retention trend: no points")
expect("revenue bridge bars (new, reactivation, expansion, contraction, churn)",
       n("revenue-bridge", "rect", "bar"), 5)
expect("revenue bridge figures (start, five movements, end)", n("revenue-bridge", "td", "num"), 7)
if n("cohorts", "rect", "cell") < 12:
    failures.append(f"cohort heat map: {n('cohorts', 'rect', 'cell')} cells")
segments = db.execute("SELECT count(DISTINCT coalesce(segment, '')) FROM accounts").fetchone()[0]
if not 1 <= n("by-segment", "rect", "bar") <= segments:
    failures.append(f"segment bars: {n('by-segment', 'rect', 'bar')} for {segments} segments")
if n("by-csm", "rect", "bar") < 2:
    failures.append(f"CSM bars: {n('by-csm', 'rect', 'bar')}")
rows = n("at-risk", "tr", "") - 1  # minus the header row
sparks = n("at-risk", "td", "spark")
if rows < 1 or sparks != rows:
    failures.append(f"at-risk list: {rows} rows, {sparks} sparklines")
spark_text = "".join(dom.text.get("at-risk", []))
if not any(c in spark_text for c in "▁▂▃▄▅▆▇█"):
    failures.append("at-risk list: no sparkline characters")

for f in failures:
    print("browser:", f)
print(f"browser: {len(SECTIONS)} sections checked, {len(failures)} failures")
sys.exit(1 if failures else 0)
