"""The chart drawings end to end: GET /v1/kundli/chart.svg, section svg of
the chart document and `kundli chart --svg`, for the chennai_1996 book case
(tests/testdata/book_cases.json) in the three styles and in D1 and D9.

Each drawing is parsed with xml.etree (so it is well-formed XML), and every
graha and the lagna are read back from its structure: the <g class="house">
cell that holds the text, its data-sign, and whether the text's anchor lies
inside the cell's polygon, which must sit where the style puts that house or
sign. Golden files (tests/golden/*.svg) are compared byte for byte.

Usage: svg_test.py BUILD_DIR [--update]. --update rewrites the golden files
(only for an intended change of the drawings; review them in a browser).
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import json
import os
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kundlid import Server, Suite  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
NS = "{http://www.w3.org/2000/svg}"
BOOK = json.load(open(os.path.join(ROOT, "tests", "testdata", "book_cases.json")))
NAMES = ["Sun", "Moon", "Mars", "Mercury", "Jupiter", "Venus", "Saturn", "Rahu", "Ketu"]

# Golden drawings: name, book case, style, varga, title.
GOLDEN = [
    ("chennai_1996_north", "chennai_1996", "north", "D1", "Chennai 1996"),
    ("ex53_chart18_south", "ex53_chart18", "south", "D1", "Chart 18 <book> & \"co\""),
    ("jupiter_1937_east", "jupiter_1937", "east", "D9", ""),
]
# The birth of the golden cases that book_cases.json does not hold (as in
# tests/golden/cases.txt).
BIRTHS = {
    "ex53_chart18": {"date": "1972-06-01", "time": "04:16", "timezone": "+05:30",
                     "latitude": 16.25, "longitude": 81.2},
    "jupiter_1937": {"date": "1937-07-12", "time": "00:30:00", "timezone": "-05:00",
                     "latitude": 39.95, "longitude": -75.1667},
}

# A point well inside the cell of each house (North) or sign (South, East;
# index 0 = Aries), as each style places them.
NORTH_AT = [(200, 100), (100, 30), (30, 100), (100, 200), (30, 300), (100, 370),
            (200, 300), (300, 370), (370, 300), (300, 200), (370, 100), (300, 30)]
SOUTH_AT = [(150, 50), (250, 50), (350, 50), (350, 150), (350, 250), (350, 350),
            (250, 350), (150, 350), (50, 350), (50, 250), (50, 150), (50, 50)]
EAST_AT = [(200, 66), (100, 30), (30, 100), (66, 200), (30, 300), (100, 370),
           (200, 333), (300, 370), (370, 300), (333, 200), (370, 100), (300, 30)]


def birth_of(case):
    return BOOK[case]["birth"] if case in BOOK else BIRTHS[case]


def query(case, **kw):
    b = birth_of(case)
    q = {"date": b["date"], "time": b["time"], "tz": b["timezone"],
         "lat": str(b["latitude"]), "lon": str(b["longitude"])}
    q.update(kw)
    return urllib.parse.urlencode(q)


def cli_args(case):
    b = birth_of(case)
    return ["--date", b["date"], "--time", b["time"], "--tz", b["timezone"],
            "--lat", str(b["latitude"]), "--lon", str(b["longitude"])]


def inside(pt, poly):
    """Whether pt is inside (or on) the convex polygon poly."""
    sign = 0
    for i in range(len(poly)):
        (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % len(poly)]
        cross = (x2 - x1) * (pt[1] - y1) - (y2 - y1) * (pt[0] - x1)
        if abs(cross) < 1e-9:
            continue
        if sign == 0:
            sign = 1 if cross > 0 else -1
        elif (cross > 0) != (sign > 0):
            return False
    return True


def read(svg_bytes):
    """The drawing's root and its cells: [(g, polygon, [texts])]."""
    root = ET.fromstring(svg_bytes)
    cells = []
    for g in root.iter(NS + "g"):
        if g.get("class") != "house":
            continue
        poly = g.find(NS + "polygon").get("points").split()
        poly = [tuple(float(v) for v in p.split(",")) for p in poly]
        texts = [t for t in g.iter(NS + "text") if t.get("class") in ("planet", "lagna")]
        cells.append((g, poly, texts))
    return root, cells


def check_drawing(s, raw, case, style, varga, what):
    """Every graha and the lagna where the book has them, read back from
    the structure; returns the root."""
    try:
        root, cells = read(raw)
    except ET.ParseError as e:
        s.check(False, "%s: not well-formed XML: %s" % (what, e))
        return None
    s.check(root.tag == NS + "svg" and root.get("data-style") == style and
            root.get("data-varga") == varga, "%s: the svg root" % what)
    s.check(len(cells) == 12 and sorted(int(g.get("data-sign")) for g, _, _ in cells) ==
            list(range(1, 13)), "%s: twelve cells, one per sign" % what)
    text = raw.decode("utf-8")
    s.check(text.count("http") == 1 and 'xmlns="http://www.w3.org/2000/svg"' in text and
            "href" not in text and not list(root.iter(NS + "script")),
            "%s: no script, no reference but the namespace" % what)
    book = BOOK[case][varga] if case in BOOK else None
    lagna = None
    seen = {}
    for g, poly, texts in cells:
        for t in texts:
            who = t.get("data-graha")
            anchor = (float(t.get("x")), float(t.get("y")) - 4)  # near the glyphs' middle
            seen[who] = (int(g.get("data-sign")), int(g.get("data-house")), g, poly, anchor)
            if who == "lagna":
                lagna = int(g.get("data-sign"))
    names = ["lagna"] + [n.lower() for n in NAMES]
    s.check(sorted(seen) == sorted(names), "%s: each graha and the lagna drawn once (%s)"
            % (what, sorted(seen)))
    if lagna is None or sorted(seen) != sorted(names):
        return root
    s.check(int(root.get("data-lagna-sign")) == lagna, "%s: data-lagna-sign" % what)
    for who in names:
        sign, house, g, poly, anchor = seen[who]
        if book:
            want = book["Asc" if who == "lagna" else who.capitalize()][0] + 1
            s.check(sign == want, "%s: %s in sign %d, the book has %d" % (what, who, sign, want))
        s.check(house == (sign - lagna) % 12 + 1, "%s: %s's house" % (what, who))
        s.check(inside(anchor, poly), "%s: %s's text inside its cell" % (what, who))
        # the cell sits where the style puts it
        at = (NORTH_AT[house - 1] if style == "north" else
              (SOUTH_AT if style == "south" else EAST_AT)[sign - 1])
        s.check(inside(at, poly), "%s: %s's cell (sign %d, house %d) misplaced"
                % (what, who, sign, house))
    return root


def t_styles(s, srv):
    """The book case in every style, D1 and D9; Moon in Libra, lagna Capricorn."""
    for style in ("north", "south", "east"):
        for varga in ("D1", "D9"):
            what = "chart.svg %s %s" % (style, varga)
            st, h, raw = srv.request("GET", "/v1/kundli/chart.svg?" +
                                     query("chennai_1996", style=style, varga=varga))
            s.check(st == 200 and h.get("content-type") == "image/svg+xml; charset=utf-8",
                    "%s: %d %s" % (what, st, h.get("content-type")))
            root = check_drawing(s, raw, "chennai_1996", style, varga, what)
            if root is None or varga != "D1":
                continue
            _, cells = read(raw)
            moon = [(g, poly) for g, poly, ts in cells
                    if any(t.get("data-graha") == "moon" for t in ts)][0]
            lag = [(g, poly) for g, poly, ts in cells
                   if any(t.get("data-graha") == "lagna" for t in ts)][0]
            s.check(moon[0].get("data-sign") == "7" and lag[0].get("data-sign") == "10",
                    "%s: Moon in Libra, lagna in Capricorn" % what)
            if style == "north":
                s.check(moon[0].get("data-house") == "10" and inside((300, 200), moon[1]) and
                        lag[0].get("id") == "d1-house-1" and inside((200, 100), lag[1]),
                        "north: Moon in the 10th house (the right diamond), lagna in the 1st")
            elif style == "south":
                s.check(inside((250, 350), moon[1]) and inside((50, 250), lag[1]) and
                        lag[0].find(NS + "line").get("class") == "lagna-mark",
                        "south: Moon in the Libra cell, the lagna marked in Capricorn's")
            else:
                s.check(inside((200, 333), moon[1]) and inside((333, 200), lag[1]),
                        "east: Moon bottom-middle (Libra), lagna right-middle (Capricorn)")


def t_http(s, srv):
    """ETag, 304, HEAD, gzip and the errors."""
    url = "/v1/kundli/chart.svg?" + query("chennai_1996", style="south")
    st, h, raw = srv.request("GET", url, headers={"Accept-Encoding": "gzip"})
    etag = h.get("etag", "")
    s.check(st == 200 and h.get("content-encoding") == "gzip" and etag.startswith('"') and
            "max-age" in h.get("cache-control", ""), "gzip, a strong ETag, Cache-Control")
    st, h, body = srv.request("GET", url, headers={"If-None-Match": etag})
    s.check(st == 304 and body == b"", "If-None-Match: 304, no body")
    st, h2, body = srv.request("GET", url)
    s.check(st == 200 and h2.get("etag") == etag and body == raw, "the same drawing, the same ETag")
    st, h2, _ = srv.request("GET", "/v1/kundli/chart.svg?" + query("chennai_1996", style="north"))
    s.check(h2.get("etag") != etag, "another style, another ETag")
    st, _, body = srv.request("HEAD", url)
    s.check(st == 200 and body == b"", "HEAD")
    for q, code, field in [(dict(style="west"), "invalid_value", "style"),
                           (dict(varga="D5"), "invalid_value", "varga"),
                           (dict(name="n" * 121), "invalid_value", "name"),
                           (dict(sections="svg"), "unknown_field", "sections"),
                           (dict(lat="91"), "invalid_latitude", "birth.latitude")]:
        st, _, doc = srv.json("GET", "/v1/kundli/chart.svg?" + query("chennai_1996", **q))
        s.check(st == 422 and doc["error"]["code"] == code and doc["error"]["field"] == field,
                "422 %s %s: %s" % (code, field, doc))
    # a hostile name is text, not markup
    name = "<script>alert(1)</script>&\"'"
    st, _, raw = srv.request("GET", "/v1/kundli/chart.svg?" + query("chennai_1996", name=name))
    root = ET.fromstring(raw)
    title = [t for t in root.iter(NS + "text") if t.get("class") == "title"][0]
    s.check(st == 200 and title.text.startswith(name) and not list(root.iter(NS + "script")),
            "the name escaped: %r" % title.text)


def t_json_and_cli(s, srv, build):
    """sections=svg embeds the same drawings; the CLI prints the HTTP body."""
    st, _, doc = srv.json("GET", "/v1/kundli?" + query("chennai_1996", sections="svg",
                                                       chart_style="east"))
    s.check(st == 200 and set(doc) == {"input", "settings", "ascendant", "mc", "svg"} and
            doc["svg"]["style"] == "east", "sections=svg: %s" % (list(doc or {})))
    for varga in ("D1", "D9"):
        _, _, raw = srv.request("GET", "/v1/kundli/chart.svg?" +
                                query("chennai_1996", style="east", varga=varga))
        s.check(doc["svg"][varga].encode() == raw, "section svg %s = chart.svg" % varga)
        check_drawing(s, doc["svg"][varga].encode(), "chennai_1996", "east", varga,
                      "section svg " + varga)
    st, _, doc = srv.json("GET", "/v1/kundli?" + query("chennai_1996"))
    s.check("svg" not in doc, "no drawings unless asked for")
    for style, varga, name in [("north", "D1", "A & B"), ("south", "D9", "")]:
        args = cli_args("chennai_1996") + ["--svg", style, "--varga", varga]
        if name:
            args += ["--name", name]
        out = subprocess.run([os.path.join(build, "kundli"), "chart"] + args,
                             capture_output=True, timeout=30)
        _, _, raw = srv.request("GET", "/v1/kundli/chart.svg?" +
                                query("chennai_1996", style=style, varga=varga, name=name))
        s.check(out.returncode == 0 and out.stdout == raw,
                "kundli chart --svg %s --varga %s = the HTTP body" % (style, varga))
    out = subprocess.run([os.path.join(build, "kundli"), "chart", "--help"],
                         capture_output=True, text=True, timeout=30)
    s.check("--svg STYLE" in out.stdout and "--varga" in out.stdout, "--help lists --svg")
    out = subprocess.run([os.path.join(build, "kundli"), "chart"] + cli_args("chennai_1996") +
                         ["--svg", "west"], capture_output=True, text=True, timeout=30)
    s.check(out.returncode == 2 and "north, south or east" in out.stderr, "--svg west: 2")


def t_golden(s, srv, build, update):
    """Three drawings, byte for byte."""
    for name, case, style, varga, title in GOLDEN:
        args = cli_args(case) + ["--svg", style, "--varga", varga]
        if title:
            args += ["--name", title]
        out = subprocess.run([os.path.join(build, "kundli"), "chart"] + args,
                             capture_output=True, timeout=30)
        path = os.path.join(ROOT, "tests", "golden", name + ".svg")
        if update:
            with open(path, "wb") as f:
                f.write(out.stdout)
        with open(path, "rb") as f:
            want = f.read()
        s.check(out.returncode == 0 and out.stdout == want,
                "%s: kundli chart --svg differs from tests/golden/%s.svg" % (name, name))
        _, _, raw = srv.request("GET", "/v1/kundli/chart.svg?" +
                                query(case, style=style, varga=varga, name=title))
        s.check(raw == want, "%s: chart.svg differs from the golden file" % name)
        check_drawing(s, want, case, style, varga, name)


def main():
    build = sys.argv[1]
    update = len(sys.argv) > 2 and sys.argv[2] == "--update"
    s = Suite()
    srv = Server(build)
    try:
        s.run([t_styles, t_http], srv)
        s.run([t_json_and_cli], srv, build)
        s.run([t_golden], srv, build, update)
    finally:
        srv.stop()
    s.finish("svg")


if __name__ == "__main__":
    main()
