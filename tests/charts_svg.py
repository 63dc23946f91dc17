"""The SVG of chart_bars, chart_line and chart_heatmap, read by an XML parser.

Usage: charts_svg.py PATH/TO/csmetrics (no suffix). For each chart on
ordinary, hostile and empty inputs it checks that the document parses as XML
with the SVG namespace and no DOCTYPE, has exactly the documented marks (one
rect.bar per non-NULL row, one path.series per series, one rect.cell per
cell), that labels containing <&"' and invalid UTF-8 survive the parse,
that nothing scriptable or external appears, and that the same input gives
the same bytes twice.
"""
import sqlite3
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
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
con.text_factory = bytes  # the raw bytes, to feed the parser exactly what SQLite returns


def svg(name, sql, params=()):
    """Runs sql (one chart), checks the document rules, returns its root."""
    doc = con.execute(sql, params).fetchone()[0]
    again = con.execute(sql, params).fetchone()[0]
    check(f"{name} deterministic", doc == again, True)
    check(f"{name} no doctype", b"<!DOCTYPE" in doc, False)
    check(f"{name} finite coordinates", b"NaN" in doc or b"Inf" in doc, False)
    try:
        root = ET.fromstring(doc)
    except ET.ParseError as e:
        failures.append(f"{name}: not well-formed XML: {e}")
        return ET.Element("none")
    check(f"{name} root", root.tag, NS + "svg")
    for el in root.iter():
        tag = el.tag.replace(NS, "")
        if tag in ("script", "foreignObject", "image", "use", "a", "style"):
            failures.append(f"{name}: unexpected element <{tag}>")
        for attr in el.attrib:
            if attr.lower().startswith("on") or "href" in attr:
                failures.append(f"{name}: unexpected attribute {attr} on <{tag}>")
    return root


def marks(root, tag, cls):
    return [e for e in root.iter(NS + tag) if e.get("class") == cls]


def texts(root):
    return ["".join(e.itertext()) for e in root.iter(NS + "text")]


def titles(root):
    return [e.text for e in root.iter(NS + "title")]


con.execute("CREATE TABLE b(id INTEGER PRIMARY KEY, label, value)")
con.executemany("INSERT INTO b(label, value) VALUES (?, ?)",
                [("Thriving", 120), ("<&\"'>", 45), ("no value", None), (None, 30),
                 ("negative", -20), ("bad \xff utf-8".encode("latin-1"), 10)])

# chart_bars: one rect.bar per non-NULL value, in arrival order.
root = svg("bars", "SELECT chart_bars(label, value, '{\"title\":\"Tiers <&>\"}') "
           "FROM (SELECT * FROM b ORDER BY id)")
bars = marks(root, "rect", "bar")
check("bars count", len(bars), 5)
check("bars titles", [b.find(NS + "title").text for b in bars],
      ["Thriving: 120", "<&\"'>: 45", "30", "negative: -20", "bad \ufffd utf-8: 10"])
check("bars label round trip", "<&\"'>" in texts(root), True)
check("bars chart title", titles(root)[0], "Tiers <&>")
widths = [float(b.get("width")) for b in bars]
check("bars scale", widths[0] > widths[1] > widths[2] > widths[4], True)
xs = [float(b.get("x")) for b in bars]
check("bars negative left of zero", xs[3] < xs[0], True)
ys = [float(b.get("y")) for b in bars]
check("bars top to bottom", ys == sorted(ys), True)
check("bars width", root.get("width"), "640")

root = svg("bars all NULL", "SELECT chart_bars('a', NULL)")
check("bars all NULL marks", len(marks(root, "rect", "bar")), 0)
check("bars no rows", con.execute("SELECT chart_bars('a', 1) WHERE 0").fetchone()[0], None)
root = svg("bars pct", "SELECT chart_bars(l, v, '{\"format\":\"pct\",\"max\":1,\"width\":400}') "
           "FROM (SELECT 'a' AS l, 0.853 AS v UNION ALL SELECT 'b', 1.5)")
check("bars pct values", [t for t in texts(root) if t.endswith("%")], ["85.3%", "150%"])
check("bars pct clamp", max(float(b.get("x")) + float(b.get("width"))
                            for b in marks(root, "rect", "bar")) <= 400, True)
root = svg("bars money", "SELECT chart_bars('arr', 1234567.5, '{\"format\":\"money\"}')")
check("bars money", "$1,234,568" in texts(root), True)

# chart_line: one path.series per distinct series, NULL series included.
con.execute("CREATE TABLE l(id INTEGER PRIMARY KEY, x, y, s)")
con.executemany("INSERT INTO l(x, y, s) VALUES (?, ?, ?)",
                [("2024-03-01", 1.02, "NRR"), ("2024-01-01", 1.0, "NRR"), ("2024-02-01", 0.99, "NRR"),
                 ("2024-01-01", 0.9, "G<R&R'\""), ("2024-02-01", None, "G<R&R'\""),
                 ("2024-03-01", 0.93, "G<R&R'\""), (None, 0.5, "only NULL x"),
                 ("2024-02-01", 0.7, None)])
root = svg("line", "SELECT chart_line(x, y, s, '{\"format\":\"pct\"}') FROM (SELECT * FROM l ORDER BY id)")
paths = marks(root, "path", "series")
check("line series", len(paths), 3)
check("line points", len(marks(root, "circle", "point")), 6)
nrr = paths[0].get("d")
pts = [tuple(map(float, seg.split())) for seg in nrr[1:].split("L")]
check("line sorted by x", [p[0] for p in pts] == sorted(p[0] for p in pts), True)
check("line legend", [t for t in texts(root) if t in ("NRR", "G<R&R'\"")], ["NRR", "G<R&R'\""])
check("line month labels", "2024-01" in texts(root) and "2024-03" in texts(root), True)
root = svg("line numbers", "SELECT chart_line(x, y) FROM (SELECT 1 AS x, 5 AS y UNION ALL "
           "SELECT 3, 7 UNION ALL SELECT 2, 6)")
check("line numbers series", len(marks(root, "path", "series")), 1)
root = svg("line one point", "SELECT chart_line(1, 1)")
check("line one point series", len(marks(root, "path", "series")), 1)
root = svg("line nothing drawn", "SELECT chart_line(NULL, 1, 's')")
check("line nothing drawn", len(marks(root, "path", "series")), 0)

# chart_heatmap: one rect.cell per non-NULL value; labels in first-seen order.
con.execute("CREATE TABLE h(id INTEGER PRIMARY KEY, r, c, v)")
rows = [("2024-01", m, 1 - 0.1 * m) for m in range(4)] + \
       [("2024-02 <&\"'>", m, 1 - 0.15 * m) for m in range(3)] + \
       [("2024-03", 0, 1.0), ("2024-03", 1, None)]
con.executemany("INSERT INTO h(r, c, v) VALUES (?, ?, ?)", rows)
root = svg("heatmap", "SELECT chart_heatmap(r, c, v, '{\"format\":\"pct\",\"title\":\"Cohorts\"}') "
           "FROM (SELECT * FROM h ORDER BY id)")
cells = marks(root, "rect", "cell")
check("heatmap cells", len(cells), 8)
check("heatmap row labels", [t for t in texts(root) if t.startswith("2024")],
      ["2024-01", "2024-02 <&\"'>", "2024-03"])
check("heatmap cell title", cells[4].find(NS + "title").text, "2024-02 <&\"'>, 0: 100%")
check("heatmap colours differ", cells[0].get("fill") != cells[3].get("fill"), True)
root = svg("heatmap all NULL", "SELECT chart_heatmap('r', 'c', NULL)")
check("heatmap all NULL", len(marks(root, "rect", "cell")), 0)

# Extreme values still give finite coordinates.
for v in ("1.7976931348623157e308", "-1.7976931348623157e308", "5e-324"):
    svg(f"bars extreme {v}", f"SELECT chart_bars(l, v) FROM (SELECT 'a' AS l, {v} AS v "
        "UNION ALL SELECT 'b', -1.7e308 UNION ALL SELECT 'c', 0)")
    svg(f"line extreme {v}", f"SELECT chart_line(x, y) FROM (SELECT {v} AS x, {v} AS y "
        "UNION ALL SELECT 1.7e308, -1.7e308)")
    svg(f"line single extreme {v}", f"SELECT chart_line({v}, {v})")
    svg(f"heatmap extreme {v}", f"SELECT chart_heatmap('r', 'c', {v}, '{{\"max\":1e-300}}')")
    svg(f"heatmap pct extreme {v}", f"SELECT chart_heatmap('r', 'c', {v}, '{{\"format\":\"pct\"}}')")

for f in failures:
    print(f)
print(f"{passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
