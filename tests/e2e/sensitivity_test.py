"""GET /v1/kundli/sensitivity and `kundli sensitivity` end to end.

- The book's Chennai chart (P.V.R. Narasimha Rao's 1996-12-07 10:34 IST,
  13.0878 N 80.2785 E: lagna Capricorn 22.45 deg, D9 lagna Cancer, Moon in
  Swati 1, Rahu mahadasha, Jupiter's from 2014-07-16) with literal expected
  changes, times and margins; every lagna, cusp and Moon change is checked
  1 s either side against Debian's swetest (the Ascendant, the cusps, the
  Moon), and the dasha change against the Vimshottari arithmetic of BPHS
  ch. 46 done here from swetest's Moon.
- Local times across a DST change, whole-sign houses (no cusps), the
  24-hour window, the CLI's JSON equal to the service's bytes, the CLI's
  table, ETag / 304 / HEAD / gzip.
- Bad input: every malformed window, a repeated window, a missing or bad
  birth field, a window past the ephemeris's end, other methods.

Usage: sensitivity_test.py BUILD_DIR
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kundlid import Server, Suite  # noqa: E402

SIGNS = ["Aries", "Taurus", "Gemini", "Cancer", "Leo", "Virgo", "Libra", "Scorpio",
         "Sagittarius", "Capricorn", "Aquarius", "Pisces"]
NAKSHATRAS = ["Ashwini", "Bharani", "Krittika", "Rohini", "Mrigashira", "Ardra", "Punarvasu",
              "Pushya", "Ashlesha", "Magha", "Purva Phalguni", "Uttara Phalguni", "Hasta",
              "Chitra", "Swati", "Vishakha", "Anuradha", "Jyeshtha", "Mula", "Purva Ashadha",
              "Uttara Ashadha", "Shravana", "Dhanishta", "Shatabhisha", "Purva Bhadrapada",
              "Uttara Bhadrapada", "Revati"]
# Vimshottari lords from Ashwini's and their years (BPHS ch. 46)
LORDS = ["Ketu", "Venus", "Sun", "Moon", "Mars", "Rahu", "Jupiter", "Saturn", "Mercury"]
YEARS = [7, 20, 6, 10, 7, 18, 16, 19, 17]

CHENNAI = {"date": "1996-12-07", "time": "10:34", "tz": "+05:30", "lat": "13.0878",
           "lon": "80.2785"}

# window=10m, placidus, as_of 2014-07-16: (offset, local time, kind, house,
# from, to), computed by kundli and confirmed below by swetest.
EXPECTED_10M = [
    (-540, "1996-12-07T10:25:00+05:30", "lagna_pada", None, "Shravana 3", "Shravana 4"),
    (-540, "1996-12-07T10:25:00+05:30", "d9_lagna", None, "Gemini", "Cancer"),
    (-318, "1996-12-07T10:28:42+05:30", "d10_lagna", None, "Pisces", "Aries"),
    (-289, "1996-12-07T10:29:11+05:30", "house_cusp", 3, "Pisces", "Aries"),
    (-289, "1996-12-07T10:29:11+05:30", "house_cusp", 9, "Virgo", "Libra"),
    (-262, "1996-12-07T10:29:38+05:30", "house_cusp", 4, "Aries", "Taurus"),
    (-262, "1996-12-07T10:29:38+05:30", "house_cusp", 10, "Libra", "Scorpio"),
    (6, "1996-12-07T10:34:06+05:30", "dasha", None, "Rahu/Mars", "Jupiter/Jupiter"),
    (194, "1996-12-07T10:37:14+05:30", "lagna_pada", None, "Shravana 4", "Dhanishta 1"),
    (194, "1996-12-07T10:37:14+05:30", "d9_lagna", None, "Cancer", "Leo"),
    (340, "1996-12-07T10:39:40+05:30", "d10_lagna", None, "Aries", "Taurus"),
    (520, "1996-12-07T10:42:40+05:30", "house_cusp", 2, "Aquarius", "Pisces"),
    (520, "1996-12-07T10:42:40+05:30", "house_cusp", 8, "Leo", "Virgo"),
]


def url(**kw):
    q = dict(CHENNAI)
    q.update(kw)
    return "/v1/kundli/sensitivity?" + urllib.parse.urlencode(q, safe=":,/")


def ut_of(iso):
    return datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc)


def swetest(when, *args):
    """swetest at a UT datetime; {name: [numbers]}."""
    argv = ["swetest", "-b%d.%d.%d" % (when.day, when.month, when.year),
            "-ut" + when.strftime("%H:%M:%S"), "-sid1", "-g,", "-head", "-ep"] + list(args)
    if os.environ.get("KUNDLI_EPHE_PATH"):
        argv.append("-edir" + os.environ["KUNDLI_EPHE_PATH"])
    out = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=True).stdout
    rows = {}
    for line in out.splitlines():
        if "," in line:
            name, *nums = [f.strip() for f in line.split(",")]
            rows[name] = [float(x) for x in nums]
    return rows


def pada(lon):
    q = int(lon // (10.0 / 3.0))
    return "%s %d" % (NAKSHATRAS[q // 4], q % 4 + 1)


def d9(lon):  # navamsas run on through the zodiac from Aries (BPHS ch. 6)
    return SIGNS[int(lon * 9 // 30) % 12]


def d10(lon):  # odd signs from themselves, even ones from the ninth (BPHS ch. 6)
    s = int(lon // 30)
    start = s if s % 2 == 0 else s + 8
    return SIGNS[(start + int((lon - 30 * s) // 3)) % 12]


def dasha(moon, birth, as_of, year_days=365.25):
    """maha/antar at as_of for a birth at `birth` (datetimes) with the Moon
    at moon: the cycle's years at birth, plus the years to as_of."""
    span = 40.0 / 3.0
    nak = int(moon // span)
    i = nak % 9
    x = sum(YEARS[:i]) + (moon - nak * span) / span * YEARS[i]
    x = (x + (as_of - birth).total_seconds() / (year_days * 86400)) % 120
    start = 0.0
    for j in range(9):
        if x < start + YEARS[j]:
            sub = start
            for k in range(9):
                lord = (j + k) % 9
                sub += YEARS[j] * YEARS[lord] / 120.0
                if x < sub:
                    return "%s/%s" % (LORDS[j], LORDS[lord])
        start += YEARS[j]
    raise AssertionError("x out of range")


def houses_value(change, rows):
    asc = rows["Ascendant"][0]
    kind = change["kind"]
    if kind == "lagna_sign":
        return SIGNS[int(asc // 30)]
    if kind == "lagna_pada":
        return pada(asc)
    if kind == "d9_lagna":
        return d9(asc)
    if kind == "d10_lagna":
        return d10(asc)
    return SIGNS[int(rows["house %2d" % change["house"]][0] // 30)]


def confirm(s, doc, what, hsys, as_of):
    """Every change, 1 s either side, by swetest."""
    lon, lat = doc["input"]["longitude"], doc["input"]["latitude"]
    checked = 0
    for ch in doc["changes"]:
        t = ut_of(ch["ut"])
        sides = []
        for dt in (-1, 1):
            w = t + datetime.timedelta(seconds=dt)
            if ch["kind"] in ("moon_pada", "dasha"):
                moon = swetest(w, "-p1", "-fPl")["Moon"][0]
                sides.append(pada(moon) if ch["kind"] == "moon_pada" else dasha(moon, w, as_of))
            else:
                rows = swetest(w, "-p", "-house%s,%s,%s" % (lon, lat, hsys), "-fPl")
                sides.append(houses_value(ch, rows))
        s.check(sides == [ch["from"], ch["to"]], "%s: %s %s at %s: swetest %s" %
                (what, ch["kind"], ch.get("house", ""), ch["local"], sides))
        checked += 1
    return checked


def t_chennai(s, srv, build):
    st, h, raw = srv.request("GET", url(window="10m", houses="placidus", as_of="2014-07-16"))
    doc = json.loads(raw)
    s.check(st == 200, "chennai 10m: 200")
    got = [(c["offset"], c["local"], c["kind"], c.get("house"), c["from"], c["to"])
           for c in doc["changes"]]
    s.check(got == EXPECTED_10M, "chennai 10m: the changes\n%s" % "\n".join(map(str, got)))
    s.check(doc["count"] == 13 and doc["margin"] == {"earlier": 262, "later": 6},
            "chennai 10m: count and margins %r" % doc["margin"])
    s.check(doc["at_birth"]["lagna_sign"] == "Capricorn" and
            doc["at_birth"]["d9_lagna"] == "Cancer" and
            doc["at_birth"]["moon_pada"] == "Swati 1" and
            doc["at_birth"]["dasha"] == "Rahu/Mars" and
            len(doc["at_birth"]["house_cusps"]) == 11,
            "chennai: at birth as the book (Capricorn, D9 Cancer, Swati 1, Rahu)")
    s.check(doc["window"] == {"seconds": 600, "from": "1996-12-07T04:54:00Z",
                              "to": "1996-12-07T05:14:00Z"} and
            doc["settings"]["as_of"] == "2014-07-16" and
            doc["settings"]["house_system"] == "placidus", "chennai: window and settings")
    as_of = datetime.datetime(2014, 7, 16, tzinfo=datetime.timezone.utc)
    n = confirm(s, doc, "chennai 10m", "P", as_of) if shutil.which("swetest") else 0
    s.check(n == 13, "swetest confirmed %d changes" % n)

    # an hour, sripati: the Moon enters Swati 32 minutes before the birth;
    # the dasha at 1996-12-08 changed a little earlier (the Mars mahadasha,
    # Chitra's, then had under a day left)
    st, _, doc = srv.json("GET", url(window="1h", houses="sripati", as_of="1996-12-08"))
    moon = [c for c in doc["changes"] if c["kind"] == "moon_pada"]
    das = [c for c in doc["changes"] if c["kind"] == "dasha"]
    s.check(len(moon) == 1 and moon[0]["offset"] == -1938 and
            moon[0]["local"] == "1996-12-07T10:01:42+05:30" and
            (moon[0]["from"], moon[0]["to"]) == ("Chitra 4", "Swati 1"), "Moon enters Swati")
    s.check(len(das) == 1 and das[0]["offset"] == -1966 and
            (das[0]["from"], das[0]["to"]) == ("Mars/Moon", "Rahu/Rahu"), "the dasha at as_of")
    s.check(doc["count"] == 46 and doc["margin"] == {"earlier": 318, "later": 194},
            "chennai 1h: count %d, margins %r" % (doc["count"], doc["margin"]))
    s.check(any(c.get("house") == 1 for c in doc["changes"]) and
            doc["at_birth"]["house_cusps"][0] == {"house": 1, "sign": "Capricorn"},
            "sripati follows the first cusp (not the lagna)")
    as_of = datetime.datetime(1996, 12, 8, tzinfo=datetime.timezone.utc)
    if shutil.which("swetest"):
        s.check(confirm(s, dict(doc, changes=moon + das), "chennai 1h", "S", as_of) == 2,
                "swetest: Moon, dasha")

    # the CLI prints the same bytes
    out = subprocess.run([os.path.join(build, "kundli"), "sensitivity", "--date", "1996-12-07",
                          "--time", "10:34", "--tz", "+05:30", "--lat", "13.0878", "--lon",
                          "80.2785", "--houses", "placidus", "--as-of", "2014-07-16",
                          "--window", "10m", "--json"], capture_output=True)
    s.check(out.returncode == 0 and out.stdout == raw + b"\n", "kundli sensitivity --json")
    out = subprocess.run([os.path.join(build, "kundli"), "sensitivity", "--date", "1996-12-07",
                          "--time", "10:34", "--tz", "+05:30", "--lat", "13.0878", "--lon",
                          "80.2785", "--houses", "placidus", "--as-of", "2014-07-16",
                          "--window=10m"], capture_output=True, text=True)
    s.check(out.returncode == 0 and "earlier 262 s" in out.stdout and "later 6 s" in out.stdout
            and "1996-12-07T10:34:06+05:30 dasha" in out.stdout and
            "Rahu/Mars            Jupiter/Jupiter" in out.stdout, "kundli sensitivity table")


def t_zones_and_houses(s, srv):
    # New York springs forward at 02:00 on 2021-03-14: -05:00, then -04:00
    st, _, doc = srv.json("GET", "/v1/kundli/sensitivity?" + urllib.parse.urlencode(
        {"date": "2021-03-14", "time": "01:40", "tz": "America/New_York", "lat": "40.7128",
         "lon": "-74.006", "as_of": "2024-01-01", "window": "1h"}))
    offs = [c["local"][-6:] for c in doc["changes"]]
    s.check(st == 200 and offs[0] == "-05:00" and offs[-1] == "-04:00" and
            "2021-03-14T03:08:42-04:00" in [c["local"] for c in doc["changes"]],
            "local times across the DST change")
    s.check(doc["at_birth"]["house_cusps"] == [] and
            not any(c["kind"] == "house_cusp" for c in doc["changes"]),
            "whole_sign: no cusps followed")
    s.check(doc["margin"] == {"earlier": 649, "later": 159}, "New York margins")
    # 24 hours: every kind, in order, within the window
    st, _, doc = srv.json("GET", url(window="24h", houses="koch", as_of="2000-01-01"))
    kinds = {c["kind"] for c in doc["changes"]}
    offsets = [c["offset"] for c in doc["changes"]]
    s.check(st == 200 and kinds == {"lagna_sign", "lagna_pada", "d9_lagna", "d10_lagna",
                                    "moon_pada", "dasha", "house_cusp"} and
            offsets == sorted(offsets) and -86400 <= offsets[0] and offsets[-1] <= 86400 and
            doc["count"] == len(doc["changes"]),
            "24h: every kind, in time order (%d changes)" % doc["count"])
    s.check(sum(1 for c in doc["changes"] if c["kind"] == "lagna_sign") in (24, 25),
            "24h: the lagna passes every sign twice in two days")


def t_http(s, srv):
    u = url(window="10m", as_of="2014-07-16")
    st, h, raw = srv.request("GET", u, headers={"Accept-Encoding": "gzip"})
    etag = h.get("etag", "")
    s.check(st == 200 and h.get("content-encoding") == "gzip" and etag.startswith('"') and
            h.get("cache-control") == "public, max-age=86400", "gzip, ETag, Cache-Control")
    st, _, body = srv.request("GET", u, headers={"If-None-Match": etag})
    s.check(st == 304 and body == b"", "If-None-Match: 304")
    st, h2, body = srv.request("HEAD", u)
    s.check(st == 200 and body == b"" and h2.get("etag") == etag, "HEAD")
    _, h3, _ = srv.request("GET", url(window="11m", as_of="2014-07-16"))
    s.check(h3.get("etag") != etag, "another window, another ETag")
    st, _, doc = srv.json("GET", url(as_of="2014-07-16"))
    s.check(st == 200 and doc["window"]["seconds"] == 1800, "window defaults to 30m")


def t_errors(s, srv, build):
    for w in ("", "0m", "0", "30", "1.5h", "-1h", "25h", "86401s", "1d", "30M", "30 m", "m",
              "030m", "9999999s"):
        st, _, doc = srv.json("GET", url(window=w))
        s.check(st == 422 and doc["error"]["code"] == "invalid_value" and
                doc["error"]["field"] == "window", "window=%r: 422 invalid_value" % w)
    st, _, doc = srv.json("GET", url(window="1h") + "&window=2h")
    s.check(st == 422 and doc["error"]["code"] == "duplicate_parameter", "window twice")
    st, _, doc = srv.json("GET", url(date="5399-12-26", window="24h"))
    s.check(st == 422 and doc["error"]["code"] == "date_out_of_range" and
            doc["error"]["field"] == "window", "a window past the ephemeris: date_out_of_range")
    for extra, code, field in ((dict(lat="91"), "invalid_latitude", "birth.latitude"),
                               (dict(tz="IST"), "ambiguous_timezone", "birth.timezone"),
                               (dict(as_of="2014-13-01"), "invalid_date", "options.as_of"),
                               (dict(houses="vedic"), "unknown_house_system",
                                "options.house_system"),
                               (dict(foo="1"), "unknown_field", "foo")):
        st, _, doc = srv.json("GET", url(**extra))
        s.check(st == 422 and doc["error"]["code"] == code and doc["error"]["field"] == field,
                "%r: %s" % (extra, code))
    st, _, doc = srv.json("GET", "/v1/kundli/sensitivity?date=1996-12-07&window=1h")
    s.check(st == 422 and doc["error"]["code"] == "missing_field", "missing birth fields")
    for method in ("POST", "PUT", "DELETE"):
        st, h, doc = srv.json(method, url(), body={} if method != "DELETE" else None)
        s.check(st == 405 and h.get("allow") == "GET, HEAD", "%s: 405" % method)
    kundli = os.path.join(build, "kundli")
    base = ["sensitivity", "--date", "1996-12-07", "--time", "10:34", "--tz", "+05:30",
            "--lat", "13.0878", "--lon", "80.2785"]
    for args, text in ((["--window", "25h"], "--window"), (["--window"], "--window needs"),
                       (["--window", "1h", "--window=2h"], "given twice"),
                       (["--bogus"], "unknown option")):
        out = subprocess.run([kundli] + base + args, capture_output=True, text=True)
        s.check(out.returncode == 2 and text in out.stderr,
                "kundli sensitivity %s: exit 2, %r" % (" ".join(args), out.stderr.strip()))
    out = subprocess.run([kundli, "sensitivity", "--help"], capture_output=True, text=True)
    s.check(out.returncode == 0 and "--window" in out.stdout, "kundli sensitivity --help")


def main():
    build = sys.argv[1]
    s = Suite()
    if not shutil.which("swetest"):
        s.check(False, "swetest is not installed (Debian package swetest; scripts/deps.sh)")
    srv = Server(build)
    try:
        s.run([t_chennai], srv, build)
        s.run([t_zones_and_houses, t_http], srv)
        s.run([t_errors], srv, build)
    finally:
        srv.stop()
    s.finish("sensitivity")


if __name__ == "__main__":
    main()
