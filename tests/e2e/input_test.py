"""The input people type, against a real kundlid: the forgiving forms of
coordinates, times and zones in the query string and in JSON alike, each
refusal with its exact code, field and message; duplicate parameters;
places (GET /v1/places and a birth's place); ?pretty=1; CORS.
Usage: python3 input_test.py BUILD_DIR
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import json
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kundlid import Server, Suite  # noqa: E402

BASE = {"date": "1996-12-07", "time": "10:34", "tz": "Asia/Kolkata", "lat": "13.0878",
        "lon": "80.2785", "sections": "planets"}
LONG = {"tz": "timezone", "lat": "latitude", "lon": "longitude"}


def query(**kw):
    d = dict(BASE)
    d.update(kw)
    return "/v1/kundli?" + urllib.parse.urlencode({k: v for k, v in d.items() if v is not None},
                                                  safe=":,/")


def body(**kw):
    """The same birth as a JSON body (long names)."""
    b = {}
    for k, v in dict(BASE, **kw).items():
        if v is None or k == "sections":
            continue
        b[LONG.get(k, k)] = v
    return {"birth": b, "options": {"sections": ["planets"]}}


def both(s, srv, kw, status, check, what):
    """The birth kw by query string and by JSON: the same answer."""
    for how in ("GET", "POST"):
        if how == "GET":
            st, _, doc = srv.json("GET", query(**kw))
        else:
            st, _, doc = srv.json("POST", "/v1/kundli", body=body(**kw))
        ok = st == status and check(doc)
        s.check(ok, "%s %s %s: %s %s" % (what, how, kw, st, json.dumps(doc)[:300]))


def error(code, field, message=None):
    def check(doc):
        e = (doc or {}).get("error", {})
        return (e.get("code") == code and e.get("field") == field and
                (message is None or e.get("message") == message))
    return check


def t_coordinates(s, srv):
    cases = [("13.0878N", 13.0878), ("13.0878 S", -13.0878), ("13°05'16\"N", 13.087778),
             ("13 05 16 N", 13.087778)]
    for text, want in cases:
        both(s, srv, {"lat": text}, 200,
             lambda d, w=want: abs(d["input"]["latitude"] - w) < 1e-6, "latitude " + text)
    both(s, srv, {"lon": "74.006W"}, 200, lambda d: d["input"]["longitude"] == -74.006, "74.006W")
    both(s, srv, {"lat": "13,0878"}, 422,
         error("invalid_number", "birth.latitude",
               "latitude must be a decimal number, north positive; got '13,0878'"), "comma")
    both(s, srv, {"lat": "91N"}, 422,
         error("invalid_latitude", "birth.latitude", "latitude must be between -90 and 90"),
         "range")
    both(s, srv, {"lat": ""}, 422,
         error("missing_field", "birth.latitude",
               "birth.latitude is empty; give a value or leave it out"), "empty")


def t_times(s, srv):
    for text, want in (("10:34 PM", "22:34:00"), ("10:34pm", "22:34:00"), ("9:05", "09:05:00"),
                       ("12:05 am", "00:05:00")):
        both(s, srv, {"time": text}, 200, lambda d, w=want: d["input"]["time"] == w, text)
    both(s, srv, {"time": "24:00"}, 422,
         error("invalid_time", "birth.time",
               "time must be 00:00-23:59:59; 24:00 is 00:00 of the next day"), "24:00")
    both(s, srv, {"time": "10.34"}, 422,
         error("invalid_time", "birth.time",
               "time takes ':' between hours and minutes (10:34, not 10.34)"), "10.34")


def t_zones(s, srv):
    both(s, srv, {"tz": "asia/kolkata"}, 200,
         lambda d: d["input"]["timezone"] == "Asia/Kolkata", "case")
    both(s, srv, {"tz": "Asia/Kolkatta"}, 422,
         error("unknown_timezone", "birth.timezone",
               "unknown time zone \"Asia/Kolkatta\"; did you mean Asia/Kolkata?"), "did you mean")
    both(s, srv, {"tz": "IST"}, 422,
         error("ambiguous_timezone", "birth.timezone",
               "'IST' is an abbreviation, not a time zone; give the IANA name, e.g. "
               "Asia/Kolkata, Asia/Jerusalem, Europe/Dublin"), "IST")
    for abbr in ("EST", "PST", "CST", "MST", "HST", "BST", "CET", "JST", "AEST"):
        both(s, srv, {"tz": abbr}, 422, error("ambiguous_timezone", "birth.timezone"), abbr)
    # "+05:30" unencoded: the + arrives as a space
    st, _, doc = srv.json("GET", query(tz=None) + "&tz=+05:30")
    s.check(st == 422 and error("unknown_timezone", "birth.timezone",
                                "timezone ' 05:30' starts with a space: in a query string '+' "
                                "means a space, so send +05:30 as %2B05:30")(doc),
            "unencoded +: %s %s" % (st, doc))
    st, _, doc = srv.json("GET", query(tz=None) + "&tz=%2B05:30")
    s.check(st == 200 and doc["input"]["timezone"] == "+05:30", "%2B05:30")


def t_duplicates(s, srv):
    st, _, doc = srv.json("GET", query() + "&date=1996-12-08")
    s.check(st == 422 and error("duplicate_parameter", "birth.date",
                                "'date' is given twice; give it once")(doc), "date twice %s" % doc)
    for short, long_ in (("lat", "latitude"), ("lon", "longitude"), ("tz", "timezone")):
        st, _, doc = srv.json("GET", query() + "&%s=%s" % (long_, BASE[short]))
        field = "birth." + long_
        msg = "'%s' and '%s' are the same parameter (%s); give it once" % (short, long_, field)
        s.check(st == 422 and error("duplicate_parameter", field, msg)(doc),
                "%s and %s: %s" % (short, long_, doc))
    raw = (b'{"birth": {"date": "1996-12-07", "date": "1996-12-08", "time": "10:34",'
           b' "place": "Chennai, India"}}')
    st, _, doc = srv.json("POST", "/v1/kundli", raw_body=raw,
                          headers={"Content-Type": "application/json"})
    s.check(st == 422 and error("duplicate_parameter", "birth.date")(doc), "JSON twice %s" % doc)


def t_places(s, srv):
    st, h, doc = srv.json("GET", "/v1/places?q=chen&limit=10")
    s.check(st == 200 and len(doc) == 10 and h.get("etag"), "places chen: %s" % st)
    chennai = [p for p in doc if p["name"] == "Chennai"]
    s.check(chennai == [{"name": "Chennai", "state": "Tamil Nadu", "country": "India",
                         "country_code": "IN", "latitude": 13.08784, "longitude": 80.27847,
                         "timezone": "Asia/Kolkata", "population": 4681087}],
            "Chennai's values: %s" % chennai)
    st, _, doc = srv.json("GET", "/v1/places?q=CHENNAI")
    s.check(st == 200 and doc[0]["name"] == "Chennai", "exact name first, any case")
    st, _, doc = srv.json("GET", "/v1/places?q=sao%20paulo&limit=1")
    s.check(st == 200 and doc[0]["name"] == "São Paulo", "accents: %s" % doc)
    st, _, doc = srv.json("GET", "/v1/places?q=springfield")
    s.check(st == 200 and doc[0]["population"] >= doc[1]["population"] and
            all(p["name"] == "Springfield" for p in doc[:8]), "exact, by population")
    st, _, doc = srv.json("GET", "/v1/places?q=chen&limit=51")
    s.check(st == 422 and error("invalid_value", "limit")(doc), "limit 51")
    st, _, doc = srv.json("GET", "/v1/places")
    s.check(st == 422 and error("missing_field", "q")(doc), "no q")

    want = {"name": "Chennai", "state": "Tamil Nadu", "country": "India",
            "latitude": 13.08784, "longitude": 80.27847, "timezone": "Asia/Kolkata"}
    both(s, srv, {"place": "Chennai, India", "lat": None, "lon": None, "tz": None}, 200,
         lambda d: d["input"]["place"] == want and d["input"]["latitude"] == 13.08784 and
         d["input"]["timezone"] == "Asia/Kolkata", "place")
    both(s, srv, {"place": "chennai", "lat": "13N", "lon": None, "tz": None}, 200,
         lambda d: d["input"]["latitude"] == 13 and d["input"]["longitude"] == 80.27847,
         "given latitude wins")
    both(s, srv, {"place": "Springfield", "lat": None, "lon": None, "tz": None}, 422,
         error("ambiguous_place", "birth.place",
               "'Springfield' names 8 cities; add the state or country, as in \"Springfield, "
               "Missouri\": Missouri, US; Massachusetts, US; Illinois, US; Oregon, US; Ohio, US"),
         "Springfield")
    both(s, srv, {"place": "Springfield, Illinois", "lat": None, "lon": None, "tz": None}, 200,
         lambda d: d["input"]["place"]["state"] == "Illinois", "Springfield, Illinois")
    both(s, srv, {"place": "Chenai", "lat": None, "lon": None, "tz": None}, 422,
         error("unknown_place", "birth.place",
               "no city 'Chenai' is known; did you mean Chennai (Tamil Nadu, IN)?"), "Chenai")
    both(s, srv, {"place": None, "lat": None}, 422,
         error("missing_field", "birth.latitude", "birth.latitude is required"), "no place")


def t_pretty(s, srv):
    st, h, raw = srv.request("GET", "/v1/places?q=chennai&pretty=1",
                             headers={"Accept-Encoding": "gzip"})
    text = raw.decode()
    s.check(st == 200 and "content-encoding" not in h and text.startswith('[\n  {\n    "name": '
                                                                           '"Chennai",')
            and text.endswith("]\n"), "pretty: %r" % text[:80])
    st, _, raw = srv.request("GET", "/v1/places?q=chennai")
    s.check(st == 200 and b"\n" not in raw, "compact by default")
    st, _, raw = srv.request("GET", query(tz="IST") + "&pretty=1")
    s.check(st == 422 and raw.decode().startswith('{\n  "error": {\n    "code": '
                                                  '"ambiguous_timezone",'), "pretty error")
    st, _, raw = srv.request("GET", query() + "&pretty=1")
    s.check(st == 200 and json.loads(raw)["input"]["date"] == "1996-12-07", "pretty chart")


def t_cors(s, build):
    srv = Server(build, "--access-log", "false")
    try:
        st, h, _ = srv.request("OPTIONS", "/v1/kundli", headers={
            "Origin": "https://a.example", "Access-Control-Request-Method": "POST"})
        s.check(st == 405 and "access-control-allow-origin" not in h, "no cors_origins: 405")
    finally:
        srv.stop()
    srv = Server(build, "--access-log", "false", "--cors-origins",
                 "https://a.example, https://b.example")
    try:
        pre = {"Origin": "https://b.example", "Access-Control-Request-Method": "POST",
               "Access-Control-Request-Headers": "authorization, content-type"}
        st, h, raw = srv.request("OPTIONS", "/v1/kundli", headers=pre)
        s.check(st == 204 and raw == b"" and
                h.get("access-control-allow-origin") == "https://b.example" and
                h.get("access-control-allow-methods") == "GET, HEAD, POST" and
                "Authorization" in h.get("access-control-allow-headers", "") and
                "Content-Type" in h.get("access-control-allow-headers", "") and
                h.get("access-control-max-age") == "86400" and "Origin" in h.get("vary", ""),
                "preflight: %s %s" % (st, h))
        st, h, _ = srv.request("OPTIONS", "/v1/kundli", headers=dict(pre, Origin="https://c.example"))
        s.check(st == 405 and "access-control-allow-origin" not in h, "other origin: %s" % st)
        st, h, _ = srv.request("GET", "/v1/places?q=chennai", headers={"Origin": "https://a.example"})
        s.check(st == 200 and h.get("access-control-allow-origin") == "https://a.example" and
                "Origin" in h.get("vary", ""), "simple request: %s" % h)
        st, h, _ = srv.request("GET", "/healthz", headers={"Origin": "https://c.example"})
        s.check(st == 200 and "access-control-allow-origin" not in h, "not allowed: no header")
    finally:
        srv.stop()
    srv = Server(build, "--access-log", "false", "--cors-origins", "*")
    try:
        st, h, _ = srv.request("GET", "/healthz", headers={"Origin": "https://x.example"})
        s.check(h.get("access-control-allow-origin") == "*", "*: %s" % h)
    finally:
        srv.stop()


def main():
    build = sys.argv[1]
    s = Suite()
    srv = Server(build, "--access-log", "false")
    try:
        s.run([t_coordinates, t_times, t_zones, t_duplicates, t_places, t_pretty], srv)
    finally:
        srv.stop()
    s.run([t_cors], build)
    s.finish("input_test")


if __name__ == "__main__":
    main()
