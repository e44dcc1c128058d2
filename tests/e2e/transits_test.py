"""GET /v1/transits end to end, and the aspects and transits sections of
GET /v1/kundli and of `kundli chart` / `kundli transits`.

The birth is the chennai_1996 book case (tests/testdata/book_cases.json:
lagna Capricorn, Moon Libra). The transits of 2025-03-29 21:00 IST are
checked field by field against literal values: Saturn's ingress into
Pisces at 21:45:09 IST (published: 21:44 and 21:46 IST, see
tests/unit/test_transits.c), the Sun's and Mercury's favourable 6th from the
Moon obstructed by Ketu and Mars (Phaladeepika ch. 26), the bindus of the
natal ashtakavarga (tests/golden/chennai_1996.json: the Sun's row 5 in
Pisces, sarva 27), the next chandrashtama window. Then the same instant
spelt otherwise, the cache headers, and every input error with its field.

Usage: transits_test.py BUILD_DIR
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import json
import os
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kundlid import Server, Suite  # noqa: E402

BIRTH = {"birth_date": "1996-12-07", "birth_time": "10:34", "tz": "Asia/Kolkata",
         "lat": "13.0878", "lon": "80.2785"}
CHART = {"date": "1996-12-07", "time": "10:34", "tz": "Asia/Kolkata", "lat": "13.0878",
         "lon": "80.2785"}


def url(base, **kw):
    q = dict(base)
    q.update(kw)
    return "/v1/transits?" + urllib.parse.urlencode(q)


def graha(doc, name):
    return next(g for g in doc["transits"]["grahas"] if g["name"] == name)


def t_literal(s, srv):
    """2025-03-29 21:00 IST, field by field."""
    st, h, doc = srv.json("GET", url(BIRTH, date="2025-03-29T21:00"))
    s.check(st == 200, "status %d" % st)
    t = doc["transits"]
    s.check(t["as_of"] == "2025-03-29T15:30:00Z", "as_of %s" % t["as_of"])
    s.check(t["as_of_local"] == "2025-03-29T21:00:00+05:30", "as_of_local")
    s.check((t["lagna_sign"], t["moon_sign"]) == ("Capricorn", "Libra"), "natal signs")
    s.check([g["name"] for g in t["grahas"]] == ["Sun", "Moon", "Mars", "Mercury", "Jupiter",
                                                 "Venus", "Saturn", "Rahu", "Ketu"], "grahas")
    sa = graha(doc, "Saturn")
    s.check((sa["sign"], sa["house"], sa["house_from_moon"]) == ("Aquarius", 2, 5), "Saturn")
    s.check(sa["next_sign_change"] == {"at": "2025-03-29T16:15:09Z",
                                       "at_local": "2025-03-29T21:45:09+05:30",
                                       "sign": "Pisces", "direction": "forward"},
            "Saturn's ingress: %r" % sa["next_sign_change"])
    s.check((sa["favourable"], sa["vedha_house"], sa["bindus"], sa["sarva_bindus"]) ==
            (False, None, 1, 23), "Saturn's gochara and bindus")
    su = graha(doc, "Sun")
    s.check((su["sign"], su["house"], su["house_from_moon"], su["favourable"], su["vedha_house"],
             su["vedha_by"], su["obstructed"], su["bindus"], su["sarva_bindus"]) ==
            ("Pisces", 3, 6, True, 12, ["Ketu"], True, 5, 27), "the Sun: %r" % su)
    me = graha(doc, "Mercury")
    s.check((me["retrograde"], me["vedha_house"], me["vedha_by"]) == (True, 9, ["Mars"]),
            "Mercury: %r" % me)
    ra, ke = graha(doc, "Rahu"), graha(doc, "Ketu")
    s.check(ra["bindus"] is None and ke["bindus"] is None, "no bindus for the nodes")
    s.check(ra["next_sign_change"]["direction"] == "backward" and
            ra["next_sign_change"]["sign"] == "Aquarius" and
            ke["next_sign_change"]["sign"] == "Leo" and
            ke["next_sign_change"]["at"] == ra["next_sign_change"]["at"] ==
            "2025-05-18T14:04:33Z", "the nodes' next change")
    ch = t["chandrashtama"]
    s.check(ch == {"sign": "Taurus", "active": False, "current": None,
                   "next": {"start": "2025-04-01T11:00:14Z",
                            "start_local": "2025-04-01T16:30:14+05:30",
                            "end": "2025-04-03T12:51:59Z",
                            "end_local": "2025-04-03T18:21:59+05:30"}},
            "chandrashtama: %r" % ch)
    s.check(doc["settings"]["sections"] == ["transits"], "only the transits section")
    s.check(set(doc) == {"input", "settings", "ascendant", "mc", "transits"}, "members")
    s.check(h.get("cache-control", "").startswith("public") and h.get("etag"), "cacheable")
    # the same instant spelt in UT, and with an offset
    for date in ("2025-03-29T15:30Z", "2025-03-29T15:30:00+00:00", "2025-03-29 10:30-0500"):
        _, _, other = srv.json("GET", url(BIRTH, date=date))
        s.check(other and other["transits"] == t, "date=%s is the same instant" % date)
    # inside a window: current and active
    _, _, doc = srv.json("GET", url(BIRTH, date="2025-04-02T12:00"))
    ch = doc["transits"]["chandrashtama"]
    s.check(ch["active"] and ch["current"]["start"] == "2025-04-01T11:00:14Z" and
            ch["current"]["end"] == "2025-04-03T12:51:59Z" and
            ch["next"]["start"] > ch["current"]["end"], "the window in progress: %r" % ch)


def t_lang(s, srv):
    """lang=hi: display names beside the English ones (docs/lang.md), none
    without lang; the machine names unchanged."""
    _, _, plain = srv.json("GET", url(BIRTH, date="2025-03-29T21:00"))
    _, _, hi = srv.json("GET", url(BIRTH, date="2025-03-29T21:00", lang="hi"))
    sa = graha(hi, "Saturn")
    s.check(sa["name"] == "Saturn" and sa["display"] == "शनि" and sa["sign"] == "Aquarius" and
            sa["sign_display"] == "कुम्भ" and sa["next_sign_change"]["sign_display"] == "मीन",
            "Saturn in Hindi: %r" % sa)
    su = graha(hi, "Sun")
    s.check(su["vedha_by_display"] == ["केतु"] and hi["transits"]["moon_sign_display"] == "तुला",
            "vedha_by_display, moon_sign_display")
    s.check("display" not in graha(plain, "Saturn") and
            "sign_display" not in plain["transits"]["chandrashtama"], "no display without lang")


def t_cache(s, srv):
    """ETag and 304, HEAD, and a date alone (the birth zone's midnight)."""
    u = url(BIRTH, date="2025-03-29")
    st, h, doc = srv.json("GET", u)
    s.check(st == 200 and doc["transits"]["as_of"] == "2025-03-28T18:30:00Z", "midnight IST")
    st, _, _ = srv.request("GET", u, headers={"If-None-Match": h["etag"]})
    s.check(st == 304, "304 for the same ETag, got %d" % st)
    st, hh, body = srv.request("HEAD", u)
    s.check(st == 200 and body == b"" and hh.get("etag") == h["etag"], "HEAD")


def t_errors(s, srv):
    """Every bad input: 422 with its code and field."""
    cases = [
        ({k: v for k, v in BIRTH.items()}, "missing_field", "date"),
        (dict(BIRTH, date=""), "missing_field", "date"),
        (dict(BIRTH, date="2025-02-30"), "invalid_date", "date"),
        (dict(BIRTH, date="29/03/2025"), "invalid_date", "date"),
        (dict(BIRTH, date="2025-03-29T24:00"), "invalid_time", "date"),
        (dict(BIRTH, date="2025-03-29T10:00+25:00"), "invalid_date", "date"),
        (dict(BIRTH, date="5399-06-01"), "date_out_of_range", "date"),
        (dict(BIRTH, date="2025-03-29", time="10:34"), "unknown_field", "time"),
        (dict(BIRTH, date="2025-03-29", sections="aspects"), "unknown_field", "sections"),
        (dict(BIRTH, date="2025-03-29", as_of="2025-03-29"), "unknown_field", "as_of"),
        ({k: v for k, v in BIRTH.items() if k != "birth_date"} | {"date": "2025-03-29"},
         "missing_field", "birth_date"),
        ({k: v for k, v in BIRTH.items() if k != "birth_time"} | {"date": "2025-03-29"},
         "missing_field", "birth_time"),
        (dict(BIRTH, date="2025-03-29", lat="91"), "invalid_latitude", "birth.latitude"),
        (dict(BIRTH, date="2025-03-29", birth_date="1996-13-01"), "invalid_date", "birth.date"),
        (dict(BIRTH, date="2025-03-09T02:30", tz="America/New_York"), "nonexistent_local_time",
         "date"),
        (dict(BIRTH, date="2025-03-29", node="osculating"), "unknown_node", "options.node"),
    ]
    for q, code, field in cases:
        st, _, doc = srv.json("GET", "/v1/transits?" + urllib.parse.urlencode(q))
        err = (doc or {}).get("error", {})
        s.check(st == 422 and err.get("code") == code and err.get("field") == field,
                "%r: want 422 %s %s, got %d %r" % (q, code, field, st, err))
    st, h, _ = srv.request("POST", "/v1/transits", body={})
    s.check(st == 405 and "GET" in h.get("allow", ""), "POST is 405")


def t_sections(s, srv):
    """The default chart has aspects and no transits; sections=transits adds
    them at as_of (UTC midnight), equal to /v1/transits at that instant."""
    q = urllib.parse.urlencode(dict(CHART, as_of="2025-03-29"))
    st, _, doc = srv.json("GET", "/v1/kundli?" + q)
    s.check(st == 200 and "aspects" in doc and "transits" not in doc, "default sections")
    mars = doc["aspects"]["grahas"][2]
    s.check(mars["graha_drishti"]["houses"] == [11, 2, 3] and
            [g["name"] for g in mars["graha_drishti"]["grahas"]] == ["Sun", "Saturn", "Ketu"],
            "Mars's aspects: %r" % mars)
    st, _, doc = srv.json("GET", "/v1/kundli?" + q + "&sections=transits")
    _, _, other = srv.json("GET", url(BIRTH, date="2025-03-29T00:00Z"))
    s.check(st == 200 and doc["transits"] == other["transits"], "the section = the endpoint")
    st, _, doc = srv.json("GET", "/v1/kundli?" + q + "&sections=aspects&node_aspects=seventh")
    rahu = doc["aspects"]["grahas"][7]
    s.check(doc["aspects"]["node_aspects"] == "seventh" and rahu["graha_drishti"]["nth"] == [7],
            "node_aspects=seventh")


def t_cli(s, srv, build):
    """kundli transits --json prints the endpoint's document; the tables."""
    k = os.path.join(build, "kundli")
    birth = ["--date", "1996-12-07", "--time", "10:34", "--tz", "Asia/Kolkata", "--lat",
             "13.0878", "--lon", "80.2785"]
    out = subprocess.run([k, "transits", *birth, "--at", "2025-03-29T21:00", "--json"],
                         capture_output=True, text=True, timeout=60)
    _, _, doc = srv.json("GET", url(BIRTH, date="2025-03-29T21:00"))
    s.check(out.returncode == 0 and json.loads(out.stdout) == doc, "kundli transits --json")
    out = subprocess.run([k, "transits", *birth, "--at", "2025-03-29T21:00"],
                         capture_output=True, text=True, timeout=60)
    s.check(out.returncode == 0 and "2025-03-29T21:45:09 -> Pisces" in out.stdout,
            "kundli transits table: %s" % out.stdout[-400:])
    out = subprocess.run([k, "transits", *birth, "--at", "2025-02-30"], capture_output=True,
                         text=True, timeout=60)
    s.check(out.returncode == 2 and "--at" in out.stderr, "bad --at: %s" % out.stderr)
    out = subprocess.run([k, "chart", *birth, "--sections", "aspects,transits", "--as-of",
                          "2025-03-29"], capture_output=True, text=True, timeout=60)
    s.check(out.returncode == 0 and "\nAspects (" in out.stdout and "\nTransits at " in
            out.stdout and "Chandrashtama" in out.stdout, "kundli chart tables")


def main():
    build = sys.argv[1]
    s = Suite()
    srv = Server(build, "--access-log", "false")
    try:
        s.run([t_literal, t_lang, t_cache, t_errors, t_sections], srv)
        s.run([t_cli], srv, build)
    finally:
        srv.stop()
    s.finish("transits")


if __name__ == "__main__":
    main()
