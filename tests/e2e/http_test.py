"""End-to-end tests of kundlid over real sockets: every endpoint, every
error code, malformed HTTP, gzip, ETag, cache, metrics, batch, deadline and
draining. Usage: python3 http_test.py BUILD_DIR [quick|long]
quick (the default) runs every test, the load tests at small sizes; long runs
only the load tests, at full size. Their sizes: KUNDLI_TEST_CACHE_BIRTHS
(quick 2,000, long 100,000), KUNDLI_TEST_LOG_REQUESTS (quick 2,000, long
30,000) and KUNDLI_TEST_RANGE_REQUESTS (quick 200, long 1,000).
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import gzip
import json
import os
import re
import signal
import socket
import sys
import threading
import time
import urllib.parse

from kundlid import Server, Suite, env_count

CHENNAI = {"date": "1996-12-07", "time": "10:34", "timezone": "Asia/Kolkata",
           "latitude": 13.0878, "longitude": 80.2785}
QUERY = "/v1/kundli?date=1996-12-07&time=10:34&tz=Asia/Kolkata&lat=13.0878&lon=80.2785"




CACHE_BIRTHS = 2000  # distinct births in t_cache_bound (set in main)
LOG_REQUESTS = 2000  # requests in t_log_backpressure (set in main)
RANGE_REQUESTS = 200  # requests in t_ephemeris_range (set in main)
LOG_BUFFER = 4 << 20  # bytes of pending access-log lines kundlid keeps (src/server/main.c)


def birth(**kw):
    b = dict(CHENNAI)
    b.update(kw)
    return b


def planets(doc):
    return {p["name"]: p for p in doc["planets"]}


def t_health(s, srv):
    st, h, doc = srv.json("GET", "/healthz")
    s.check(st == 200 and doc == {"status": "ok"}, "healthz")
    st, h, doc = srv.json("GET", "/readyz")
    s.check(st == 200 and doc["status"] == "ready", "readyz %r" % doc)
    s.check(doc["checks"]["ephemeris"] == "ok", "readyz ephemeris")
    s.check(doc["redis"] == {"ok": True, "state": "off"}, "readyz: no redis_url, redis off")


def t_get_chart(s, srv):
    st, h, doc = srv.json("GET", QUERY)
    s.check(st == 200, "GET chart status %d" % st)
    p = planets(doc)
    s.check(doc["input"]["ut"] == "1996-12-07T05:04:00Z", "ut")
    s.check(doc["input"]["utc_offset"] == "+05:30", "utc_offset")
    s.check(p["Moon"]["nakshatra"] == "Swati" and p["Moon"]["pada"] == 1, "moon")
    s.check(abs(p["Saturn"]["longitude"] - 336.8069192) < 0.5 / 3600, "saturn vs swetest")
    s.check(abs(doc["ascendant"]["longitude"] - 292.4457588) < 0.5 / 3600, "lagna vs swetest")
    s.check(h.get("etag", "").startswith('"') and len(h["etag"]) == 34, "strong etag")
    s.check(h.get("cache-control") == "public, max-age=86400", "cache-control")
    s.check(h.get("vary") == "Accept-Encoding", "vary")
    s.check(h.get("content-type") == "application/json", "content-type")
    rid = h.get("x-request-id", "")
    s.check(len(rid) == 16 and all(c in "0123456789abcdef" for c in rid), "generated id")
    # 304 on If-None-Match, with the same ETag and no body
    st2, h2, raw = srv.request("GET", QUERY, headers={"If-None-Match": h["etag"]})
    s.check(st2 == 304 and raw == b"" and h2.get("etag") == h["etag"], "304 %d" % st2)
    st3, _, _ = srv.request("GET", QUERY, headers={"If-None-Match": '"nope"'})
    s.check(st3 == 200, "etag mismatch gives 200")
    # HEAD: same headers, no body
    st4, h4, raw4 = srv.request("HEAD", QUERY)
    s.check(st4 == 200 and raw4 == b"" and h4.get("etag") == h["etag"], "HEAD")


def t_request_id(s, srv):
    _, h, _ = srv.request("GET", "/healthz", headers={"X-Request-Id": "client-42.a_b:c"})
    s.check(h.get("x-request-id") == "client-42.a_b:c", "client id kept")
    _, h, _ = srv.request("GET", "/healthz", headers={"X-Request-Id": "bad id<script>"})
    s.check(h.get("x-request-id") != "bad id<script>" and len(h["x-request-id"]) == 16,
            "insane id replaced")
    _, h, _ = srv.request("GET", "/healthz", headers={"X-Request-Id": "x" * 65})
    s.check(len(h["x-request-id"]) == 16, "overlong id replaced")


def t_post_chart(s, srv):
    st, h, doc = srv.json("POST", "/v1/kundli", {"birth": CHENNAI,
                                                 "options": {"ayanamsa": "lahiri"}})
    s.check(st == 200, "POST status %d" % st)
    s.check(planets(doc)["Sun"]["sign"] == "Scorpio", "POST sun")
    s.check("etag" not in h, "no ETag on POST")
    _, _, get = srv.json("GET", QUERY)
    s.check(doc == get, "POST and GET give the same document")
    # sections select the parts
    st, _, doc = srv.json("GET", QUERY + "&sections=planets")
    s.check(st == 200 and "planets" in doc and "houses" not in doc, "sections=planets")
    st, _, doc = srv.json("POST", "/v1/kundli", {"birth": CHENNAI, "options": {
        "sections": ["houses"], "ayanamsa": "raman", "node": "true",
        "house_system": "placidus", "outer_planets": True}})
    s.check(st == 200 and "houses" in doc and "planets" not in doc, "sections as array")
    s.check(doc["settings"]["ayanamsa"] == "raman" and doc["settings"]["node"] == "true",
            "options echoed")


def t_equivalent_spellings_share_cache(s, srv):
    before = srv.metrics()
    q = "/v1/kundli?date=2001-02-03&time=04:05:06&lat=10&lon=20&tz="
    st1, _, d1 = srv.json("GET", q + "Asia/Kolkata")
    st2, _, d2 = srv.json("GET", q + urllib.parse.quote("+05:30"))
    st3, _, d3 = srv.json("GET", q + "Asia/Kolkata")
    after = srv.metrics()
    hits = after['cache_hits_total{level="l1"}'] - before['cache_hits_total{level="l1"}']
    misses = after['cache_misses_total{level="l1"}'] - before['cache_misses_total{level="l1"}']
    s.check(st1 == st2 == st3 == 200, "spellings status")
    s.check(misses == 1 and hits == 2, "one miss then two hits (got %d/%d)" % (misses, hits))
    s.check(d1["input"]["timezone"] == "Asia/Kolkata" and d2["input"]["timezone"] == "+05:30",
            "each response echoes its own spelling")
    s.check(d1["input"]["ut"] == d2["input"]["ut"] and d1["planets"] == d2["planets"],
            "same chart")
    s.check(d1 == d3, "hit equals miss")


def t_gzip(s, srv):
    for q in (QUERY, QUERY.replace("lat=13.0878", "lat=13.5")):  # a hit and then a miss
        st, h, raw = srv.request("GET", q, headers={"Accept-Encoding": "gzip"})
        _, _, plain = srv.request("GET", q)
        s.check(st == 200 and h.get("content-encoding") == "gzip", "gzip header")
        s.check(raw == plain, "gzip body decodes to the plain body")
        s.check(h.get("vary") == "Accept-Encoding", "vary with gzip")
    _, h, _ = srv.request("GET", QUERY, headers={"Accept-Encoding": "gzip;q=0, identity"})
    s.check("content-encoding" not in h, "gzip;q=0 is refused")
    _, h, _ = srv.request("GET", "/healthz", headers={"Accept-Encoding": "gzip"})
    s.check("content-encoding" not in h, "small bodies are not compressed")


def expect_error(s, srv, method, path, status, code, field=None, body=None, raw_body=None,
                 headers=None):
    st, h, raw = srv.request(method, path, body=body, raw_body=raw_body, headers=headers)
    try:
        doc = json.loads(raw)
        err = doc["error"]
        ok = st == status and err["code"] == code and isinstance(err["message"], str) \
            and err["message"] and (field is None or err["field"] == field)
    except (ValueError, KeyError, TypeError):
        ok, err = False, raw[:200]
    s.check(ok, "%s %s: want %d %s %s, got %d %r" % (method, path[:50], status, code, field,
                                                    st, err))
    if st == 503:
        s.check(h.get("retry-after") == "1", "503 without Retry-After: %r" % h)
    return h


def t_errors(s, srv):
    J = {"Content-Type": "application/json"}
    expect_error(s, srv, "POST", "/v1/kundli", 400, "malformed_json", raw_body=b"{nope",
                 headers=J)
    expect_error(s, srv, "POST", "/v1/kundli", 400, "malformed_json", raw_body=b"",
                 headers=J)
    expect_error(s, srv, "POST", "/v1/kundli", 400, "malformed_json",
                 raw_body=b'{"birth":{}} trailing', headers=J)
    expect_error(s, srv, "GET", "/v1/nothing", 404, "not_found")
    h = expect_error(s, srv, "PUT", "/v1/kundli", 405, "method_not_allowed", raw_body=b"x")
    s.check(h.get("allow") == "GET, HEAD, POST", "Allow header %r" % h.get("allow"))
    h = expect_error(s, srv, "GET", "/v1/kundli/batch", 405, "method_not_allowed")
    s.check(h.get("allow") == "POST", "Allow on batch")
    expect_error(s, srv, "POST", "/v1/kundli", 413, "too_large",
                 raw_body=b"{" + b" " * 70000 + b"}", headers=J)
    expect_error(s, srv, "POST", "/v1/kundli", 415, "unsupported_media_type",
                 raw_body=b"{}", headers={"Content-Type": "text/plain"})
    cases = [
        (birth(latitude=91), "invalid_latitude", "birth.latitude"),
        (birth(longitude=-180.5), "invalid_longitude", "birth.longitude"),
        (birth(latitude="north"), "invalid_number", "birth.latitude"),
        (birth(date="2023-02-29"), "invalid_date", "birth.date"),
        (birth(date="0000-01-01"), "date_out_of_range", "birth.date"),
        (birth(time="24:00"), "invalid_time", "birth.time"),
        (birth(timezone="Mars/Olympus"), "unknown_timezone", "birth.timezone"),
        (birth(timezone="America/New_York", date="2021-03-14", time="02:30"),
         "nonexistent_local_time", "birth.time"),
        (birth(timezone="America/New_York", date="2021-11-07", time="01:30"),
         "ambiguous_local_time", "birth.fold"),
        (birth(fold=2), "invalid_fold", "birth.fold"),
        (birth(colour="red"), "unknown_field", "birth.colour"),
        ({k: v for k, v in CHENNAI.items() if k != "latitude"}, "missing_field",
         "birth.latitude"),
    ]
    for b, code, field in cases:
        expect_error(s, srv, "POST", "/v1/kundli", 422, code, field, body={"birth": b})
    opts = [({"ayanamsa": "Lahiri"}, "unknown_ayanamsa", "options.ayanamsa"),
            ({"node": "osculating"}, "unknown_node", "options.node"),
            ({"house_system": "vedic"}, "unknown_house_system", "options.house_system"),
            ({"sections": "planets,moon"}, "unknown_section", "options.sections"),
            ({"dasha_levels": 7}, "invalid_value", "options.dasha_levels"),
            ({"topocentric": "yes"}, "invalid_value", "options.topocentric"),
            ({"fast": True}, "unknown_field", "options.fast")]
    for o, code, field in opts:
        expect_error(s, srv, "POST", "/v1/kundli", 422, code, field,
                     body={"birth": CHENNAI, "options": o})
    expect_error(s, srv, "POST", "/v1/kundli", 422, "unknown_field", "extra",
                 body={"birth": CHENNAI, "extra": 1})
    expect_error(s, srv, "POST", "/v1/kundli", 422, "missing_field", "birth", body={})
    expect_error(s, srv, "POST", "/v1/kundli", 422, "invalid_value", "birth",
                 body={"birth": [1, 2]})
    expect_error(s, srv, "POST", "/v1/kundli", 422, "invalid_value", None, body=[1])
    expect_error(s, srv, "GET", QUERY.replace("lat=13.0878", "lat=95"), 422, "invalid_latitude",
                 "birth.latitude")
    expect_error(s, srv, "GET", QUERY + "&lat=95", 422, "duplicate_parameter", "birth.latitude")
    expect_error(s, srv, "GET", QUERY + "&colour=red", 422, "unknown_field", "colour")
    expect_error(s, srv, "GET", "/v1/kundli?date=1996-12-07", 422, "missing_field",
                 "birth.time")


def t_strings_round_trip(s, srv):
    # Unknown field names come back inside the error: escaping must hold.
    for name in ['quote"back\\slash', "ctl\x01\x1f\ttab", "M\u00fcnchen \u092e\u0941",
                 "emoji \U0001F319"]:
        st, _, doc = srv.json("POST", "/v1/kundli", {"birth": CHENNAI, name: 1})
        s.check(st == 422 and doc["error"]["field"] == name,
                "field %r came back as %r" % (name, doc and doc["error"]["field"]))
    # numbers keep their precision
    st, _, doc = srv.json("POST", "/v1/kundli", {"birth": birth(latitude=13.087812,
                                                                longitude=-80.278534)})
    s.check(doc["input"]["latitude"] == 13.087812 and doc["input"]["longitude"] == -80.278534,
            "coordinates echo exactly")
    s.check(abs(doc["input"]["julian_day_ut"] - 2450424.7111111111) < 1e-9, "julian day")


def t_batch(s, srv):
    items = [{"birth": CHENNAI},
             {"birth": birth(latitude=123)},
             {"birth": birth(date="2000-01-01"), "options": {"ayanamsa": "raman"}},
             {"birth": birth(timezone="America/New_York", date="2021-03-14", time="02:30")}]
    st, _, doc = srv.json("POST", "/v1/kundli/batch", {"items": items})
    s.check(doc["results"][3]["error"]["field"] == "items[3].birth.time",
            "a time error names its item: %r" % doc["results"][3])
    s.check(st == 200 and doc["count"] == 4 and doc["errors"] == 2, "batch counts %r" %
            (doc and {k: doc[k] for k in ("count", "errors") if k in doc}))
    r = doc["results"]
    s.check(planets(r[0])["Moon"]["nakshatra"] == "Swati", "batch item 0 chart")
    s.check(r[1]["error"]["code"] == "invalid_latitude" and
            r[1]["error"]["field"] == "items[1].birth.latitude", "batch item 1 error %r" % r[1])
    s.check(r[2]["settings"]["ayanamsa"] == "raman", "batch item 2 options")
    _, _, single = srv.json("POST", "/v1/kundli", items[2])
    s.check(single == r[2], "batch item equals the single chart")
    many = [{"birth": birth(latitude=i / 10)} for i in range(100)]
    st, h, doc = srv.json("POST", "/v1/kundli/batch", {"items": many},
                          headers={"Accept-Encoding": "gzip"})
    s.check(st == 200 and doc["count"] == 100 and doc["errors"] == 0, "batch of 100")
    s.check(h.get("content-encoding") == "gzip", "batch gzip")
    expect_error(s, srv, "POST", "/v1/kundli/batch", 413, "too_large", "items",
                 body={"items": many + [{"birth": CHENNAI}]})
    expect_error(s, srv, "POST", "/v1/kundli/batch", 422, "invalid_value", "items",
                 body={"items": []})
    expect_error(s, srv, "POST", "/v1/kundli/batch", 422, "missing_field", "items",
                 body={"items": {}})
    expect_error(s, srv, "POST", "/v1/kundli/batch", 422, "unknown_field", "things",
                 body={"things": []})


def t_match(s, srv):
    st, _, doc = srv.json("POST", "/v1/match", {"boy": {"nakshatra": "Anuradha", "pada": 2},
                                                "girl": {"nakshatra": "Revati", "pada": 1}})
    s.check(st == 200 and doc["max"] == 36, "match status")
    k = {x["name"]: x for x in doc["kootas"]}
    s.check([x["name"] for x in doc["kootas"]] == ["varna", "vashya", "tara", "yoni",
                                                   "graha_maitri", "gana", "bhakoot", "nadi"],
            "koota order")
    s.check(k["tara"]["points"] == 3, "Revati/Anuradha tara 3")
    s.check(doc["total"] == sum(x["points"] for x in doc["kootas"]), "total is the sum")
    s.check("manglik" not in doc, "no manglik without births")
    st, _, doc = srv.json("POST", "/v1/match", {"boy": {"birth": CHENNAI},
                                                "girl": {"nakshatra": 27, "pada": 1}})
    s.check(st == 200 and doc["boy"]["nakshatra"] == "Swati" and doc["boy"]["pada"] == 1,
            "match from a birth")
    expect_error(s, srv, "POST", "/v1/match", 422, "unknown_nakshatra", "girl.nakshatra",
                 body={"boy": {"nakshatra": "Anuradha", "pada": 2},
                       "girl": {"nakshatra": "Pluto", "pada": 1}})
    expect_error(s, srv, "POST", "/v1/match", 422, "invalid_value", "boy.pada",
                 body={"boy": {"nakshatra": "Anuradha", "pada": 5},
                       "girl": {"nakshatra": "Revati", "pada": 1}})
    expect_error(s, srv, "POST", "/v1/match", 422, "missing_field", "girl",
                 body={"boy": {"nakshatra": "Anuradha", "pada": 2}})
    expect_error(s, srv, "POST", "/v1/match", 422, "invalid_latitude", "boy.birth.latitude",
                 body={"boy": {"birth": birth(latitude=100)},
                       "girl": {"nakshatra": "Revati", "pada": 1}})
    t_match_options(s, srv)


STARS = {"boy": {"nakshatra": "Anuradha", "pada": 2}, "girl": {"nakshatra": "Revati", "pada": 1}}


def t_match_options(s, srv):
    """system and school, in a POST body's options and in GET's query."""
    # The default echoes ashtakoota and north, with the verdict's band.
    st, _, doc = srv.json("POST", "/v1/match", STARS)
    s.check(st == 200 and doc["system"] == "ashtakoota" and doc["school"] == "north",
            "match defaults echoed: %r" % {k: doc.get(k) for k in ("system", "school")})
    s.check(doc["total"] == 26 and doc["verdict"]["band"] == "very_good" and
            doc["verdict"]["text"] == "26 of 36: very good (25 to 32)",
            "Ashtakoota verdict %r" % doc.get("verdict"))
    # The jhora school, Rohini 2 boy and Swati 1 girl: PyJHora's database
    # (all_nak_pad_boy_girl.csv, row 4,2,15,1) has varna 0, vasiya 0.5, gana 6;
    # the north tables give 1, 1, 5 (tests/golden/match_stars.json).
    pair = {"boy": {"nakshatra": "Rohini", "pada": 2}, "girl": {"nakshatra": "Swati", "pada": 1}}
    for school, want, total in (("jhora", [0, 0.5, 6], 14), ("north", [1, 1, 5], 14.5)):
        st, _, doc = srv.json("POST", "/v1/match", dict(pair, options={"school": school}))
        k = {x["name"]: x["points"] for x in doc["kootas"]}
        s.check(st == 200 and doc["school"] == school and
                [k["varna"], k["vashya"], k["gana"]] == want and doc["total"] == total,
                "school %s: %r total %r" % (school, k, doc.get("total")))
    # Porutham: girl Revati 1, boy Anuradha 2 (docs/match.md derives each).
    st, _, doc = srv.json("POST", "/v1/match", dict(STARS, options={"system": "porutham"}))
    s.check(st == 200 and doc["system"] == "porutham" and "school" not in doc and
            "kootas" not in doc, "porutham document %r" % list(doc))
    s.check([p["name"] for p in doc["poruthams"]] ==
            ["dina", "gana", "mahendra", "stree_deergha", "yoni", "rasi", "rasi_adhipati",
             "vasya", "rajju", "vedha"], "porutham order")
    s.check([p["present"] for p in doc["poruthams"]] ==
            [True, True, False, True, True, True, True, False, True, True],
            "porutham presence %r" % [p["present"] for p in doc["poruthams"]])
    s.check([p.get("deciding", False) for p in doc["poruthams"]] == [False] * 8 + [True] * 2,
            "deciding only on rajju and vedha")
    s.check(doc["count"] == 8 and doc["max"] == 10 and doc["rajju_ok"] and doc["vedha_ok"] and
            doc["verdict"] == {"band": "excellent",
                               "text": "8 of 10 with rajju and vedha: excellent (8 or more)",
                               "source": doc["verdict"]["source"]} and
            "papasamyam" not in doc, "porutham count and verdict %r" % doc.get("verdict"))
    s.check(doc["poruthams"][0]["reason"] ==
            "girl Revati to boy Anuradha: count 18, remainder 9 (Parama mitra)",
            "dina reason %r" % doc["poruthams"][0]["reason"])
    # GET with two births (P.V.R. Narasimha Rao's charts, book_cases.json):
    # papasamyam boy 1 + 1 + 0.5 = 2.5, girl 2 + 1 + 1 = 4: not balanced.
    q = ("/v1/match?boy.date=1996-12-07&boy.time=10:34&boy.tz=%2B05:30&boy.lat=13.0878"
         "&boy.lon=80.2785&girl.date=1972-06-01&girl.time=04:16&girl.tz=%2B05:30"
         "&girl.lat=16.25&girl.lon=81.2&system=porutham")
    st, h, doc = srv.json("GET", q)
    s.check(st == 200 and doc["boy"]["nakshatra"] == "Swati" and
            doc["girl"]["nakshatra"] == "Uttara Ashadha", "GET match of births %d" % st)
    s.check(doc.get("papasamyam") == {
        "boy": {"lagna": 1, "moon": 1, "venus": 0.5, "total": 2.5},
        "girl": {"lagna": 2, "moon": 1, "venus": 1, "total": 4}, "balanced": False,
        "reason": "boy 2.5, girl 4: the girl's points exceed the boy's"},
        "papasamyam %r" % doc.get("papasamyam"))
    s.check(h.get("etag", "").startswith('"') and "max-age" in h.get("cache-control", ""),
            "GET match is cacheable %r" % h)
    st2, _, _ = srv.request("GET", q, headers={"If-None-Match": h.get("etag", "")})
    s.check(st2 == 304, "GET match 304 on its ETag: %d" % st2)
    # The POST of the same gives the same document.
    chennai = {"date": "1996-12-07", "time": "10:34", "timezone": "+05:30",
               "latitude": 13.0878, "longitude": 80.2785}
    ex53 = {"date": "1972-06-01", "time": "04:16", "timezone": "+05:30", "latitude": 16.25,
            "longitude": 81.2}
    _, _, post = srv.json("POST", "/v1/match", {"boy": {"birth": chennai},
                                                "girl": {"birth": ex53},
                                                "options": {"system": "porutham"}})
    s.check(post == doc, "GET and POST give one document")
    st, _, doc = srv.json("GET", "/v1/match?boy=Anuradha:2&girl=27:1&school=jhora")
    s.check(st == 200 and doc["school"] == "jhora" and doc["girl"]["nakshatra"] == "Revati",
            "GET match of stars")
    # Bad input.
    e = "/v1/match"
    expect_error(s, srv, "POST", e, 422, "invalid_value", "options.system",
                 body=dict(STARS, options={"system": "south"}))
    expect_error(s, srv, "POST", e, 422, "invalid_value", "options.school",
                 body=dict(STARS, options={"school": "Jhora"}))
    expect_error(s, srv, "POST", e, 422, "invalid_value", "options.school",
                 body=dict(STARS, options={"system": "porutham", "school": "north"}))
    expect_error(s, srv, "POST", e, 422, "invalid_value", "options.system",
                 body=dict(STARS, options={"system": 1}))
    expect_error(s, srv, "POST", e, 422, "unknown_field", "options.colour",
                 body=dict(STARS, options={"colour": "red"}))
    expect_error(s, srv, "POST", e, 422, "invalid_value", "options",
                 body=dict(STARS, options="porutham"))
    expect_error(s, srv, "GET", e + "?boy=Anuradha:2", 422, "missing_field", "girl")
    expect_error(s, srv, "GET", e + "?boy=Anuradha:2&girl=Revati:1&boy.date=1996-12-07", 422,
                 "invalid_value", "boy")
    expect_error(s, srv, "GET", e + "?boy=Anuradha:2&girl=Pluto:1", 422, "unknown_nakshatra",
                 "girl")
    expect_error(s, srv, "GET", e + "?boy=Anuradha:2&girl=Revati:1&system=x", 422,
                 "invalid_value", "options.system")
    expect_error(s, srv, "GET", e + "?boy=Anuradha:2&girl=Revati:1&colour=red", 422,
                 "unknown_field", "colour")
    expect_error(s, srv, "GET", e + "?boy=Anuradha:2&girl.date=1996-12-07&girl.time=10:34"
                 "&girl.tz=UTC&girl.lat=100&girl.lon=1", 422, "invalid_latitude",
                 "girl.birth.latitude")
    expect_error(s, srv, "GET", e + "?boy=Anuradha:2&girl.date=1996-12-07&girl.time=10:34",
                 422, "missing_field", None)
    expect_error(s, srv, "GET", e + "?boy=Anuradha:2&girl.lat=1&girl.latitude=2", 422,
                 "duplicate_parameter", "girl.birth.latitude")
    expect_error(s, srv, "DELETE", e, 405, "method_not_allowed")


def t_summary(s, srv):
    """Section summary: the book's Ex53/Chart 18, born before sunrise."""
    st, _, doc = srv.json("GET", "/v1/kundli?date=1972-06-01&time=04:16&tz=%2B05:30"
                                 "&lat=16.25&lon=81.2&sections=summary")
    s.check(st == 200 and list(doc) == ["input", "settings", "ascendant", "mc", "summary"],
            "summary only: %d %r" % (st, list(doc or {})))
    sm = doc["summary"]
    s.check(sm["nakshatra"] == "Uttara Ashadha" and sm["pada"] == 1 and
            sm["namakshar"] == {"name": "Bhe", "devanagari": "भे"} and sm["yunja"] == "Para" and
            sm["paya"] == {"moon_house": 9, "by_moon_house": "Rajat", "by_nakshatra": "Tamra"},
            "summary fields %r" % sm)
    s.check(sm["weekday"] == {"vedic": "Wednesday", "civil": "Thursday", "before_sunrise": True},
            "summary weekday %r" % sm["weekday"])
    st, _, doc = srv.json("GET", "/v1/kundli?date=1996-12-07&time=10:34&tz=%2B05:30"
                                 "&lat=13.0878&lon=80.2785")
    s.check(st == 200 and "summary" in doc and doc["settings"]["sections"][-2:] ==
            ["summary", "aspects"], "summary is a default section (aspects after it)")


def t_panchang(s, srv):
    q = "/v1/panchang?date=2013-01-18&tz=Asia/Kolkata&lat=12.972&lon=77.594"
    st, h, doc = srv.json("GET", q)
    s.check(st == 200, "panchang status")
    # published: sunrise 06:49:47, sunset 18:10:25, tithi 7 ending 16:25:03, yoga 21
    s.check(doc["sunrise"].startswith("2013-01-18T06:49:4"), "sunrise %s" % doc["sunrise"])
    s.check(doc["sunset"].startswith("2013-01-18T18:10:2"), "sunset %s" % doc["sunset"])
    s.check(doc["tithi"][0]["number"] == 7 and doc["tithi"][0]["end"].startswith(
        "2013-01-18T16:2"), "tithi 7 %r" % doc["tithi"][0])
    s.check(doc["yoga"][0]["number"] == 21, "yoga 21")
    s.check(doc["vara"]["name"] == "Friday", "vara")
    st2, _, _ = srv.request("GET", q, headers={"If-None-Match": h.get("etag", "x")})
    s.check(st2 == 304, "panchang 304")
    expect_error(s, srv, "GET", q.replace("lat=12.972", "lat=95"), 422, "invalid_latitude", "lat")
    expect_error(s, srv, "GET", "/v1/panchang?tz=UTC&lat=1&lon=1", 422, "missing_field", "date")
    expect_error(s, srv, "GET", q + "&x=1", 422, "unknown_field", "x")


def t_malformed_http(s, build):
    """Garbage and broken framing get a 4xx or a closed connection, never a 5xx,
    and the server keeps answering. Its own server drops idle connections after
    1 s, so that requests left half-sent end (and let the drain end) quickly."""
    srv = Server(build, "--connection-timeout", "1")
    try:
        _malformed_http(s, srv)
    finally:
        rc, _, err = srv.stop()
        s.check(rc == 0, "clean exit after malformed input (rc %r) %s" % (rc, err[-300:]))


def _malformed_http(s, srv):
    garbage = [
        b"\x00\x01\x02 garbage\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100000 + b"\r\n\r\n",
        b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"POST /v1/kundli HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100\r\n\r\n{\"birth\":",
        b"POST /v1/kundli HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\nzz\r\nnot hex\r\n0\r\n\r\n",
        b"POST /v1/kundli HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: -5\r\n\r\n{}",
        b"POST /v1/kundli HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 99999999999999999999\r\n\r\n{}",
    ]
    for g in garbage:
        resp = srv.raw(g, read_timeout=3)
        s.check(not resp.startswith(b"HTTP/1.1 50") or resp.startswith(b"HTTP/1.1 505"),
                "no 500/503 for %r: %r" % (g[:40], resp[:40]))
        st, _, _ = srv.request("GET", "/healthz")
        s.check(st == 200, "server answers after %r" % g[:40])
    # Oversized input is refused; the server may also close the connection
    # before the client has sent everything, and the client then sees a reset.
    resp = srv.raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100000 + b"\r\n\r\n")
    s.check(resp == b"" or resp.startswith(b"HTTP/1.1 431") or resp.startswith(b"HTTP/1.1 413"),
            "100 KB header refused: %r" % resp[:30])
    body = b"".join(b"%x\r\n%s\r\n" % (8192, b" " * 8192) for _ in range(9)) + b"0\r\n\r\n"
    resp = srv.raw(b"POST /v1/kundli HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   b"Transfer-Encoding: chunked\r\n\r\n" + body)
    s.check(resp == b"" or resp.startswith(b"HTTP/1.1 413"), "chunked > 64 KiB: %r" % resp[:30])
    st, _, _ = srv.request("GET", "/healthz")
    s.check(st == 200, "server answers after oversized input")


def _exchange(srv, data, timeout=3.0):
    """Sends data without half-closing, reads until the server closes or
    timeout passes. Returns (bytes received, whether the server closed)."""
    sock = socket.create_connection((srv.host, srv.port), timeout=timeout)
    chunks, closed = [], False
    end = time.time() + timeout
    try:
        sock.sendall(data)
        while time.time() < end:
            b = sock.recv(65536)
            if not b:
                closed = True
                break
            chunks.append(b)
    except socket.timeout:
        pass
    except OSError:  # reset: the server hung up
        closed = True
    finally:
        sock.close()
    return b"".join(chunks), closed


def _status_lines(resp):
    return re.findall(rb"(?:^|\r\n)(HTTP/1\.[01] \d{3}) ", resp)


def t_strict_framing(s, build):
    """Framing a proxy in front might read otherwise (request smuggling) gets
    one 400 and a closed connection; a NUL anywhere gets 400
    invalid_character; libmicrohttpd's own refusals are counted under
    endpoint "none"."""
    srv = Server(build)
    try:
        _strict_framing(s, srv)
    finally:
        rc, _, err = srv.stop()
        s.check(rc == 0, "clean exit after bad framing (rc %r) %s" % (rc, err[-300:]))


def _strict_framing(s, srv):
    post = (b"POST /v1/kundli HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
    body = json.dumps({"birth": CHENNAI}).encode()
    n = b"%d" % len(body)
    refused = [
        ("CL and TE, a request pipelined behind", 400, "malformed_request",
         post + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
         b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("repeated Content-Length", 400, "malformed_request",
         post + b"Content-Length: " + n + b"\r\nContent-Length: " + n + b"\r\n\r\n" + body),
        ("conflicting Content-Length", 400, "malformed_request",
         post + b"Content-Length: " + n + b"\r\nContent-Length: 3\r\n\r\n" + body),
        ("blank before a colon", 400, "malformed_request",
         b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Foo : y\r\n\r\n"),
        ("tab before the colon of Host", 400, "malformed_request",
         b"GET /healthz HTTP/1.1\r\nHost\t: x\r\n\r\n"),
        ("HTTP/1.1 without Host", 400, "malformed_request", b"GET /healthz HTTP/1.1\r\n\r\n"),
        ("two Host headers", 400, "malformed_request",
         b"GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n"),
        ("a Transfer-Encoding other than chunked", 400, "malformed_request",
         post + b"Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"),
        ("two Transfer-Encoding headers", 400, "malformed_request",
         post + b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        ("%00 in a parameter", 400, "invalid_character",
         QUERY.replace("Asia/Kolkata", "Asia/Kolkata%00junk").encode().join(
             [b"GET ", b" HTTP/1.1\r\nHost: x\r\n\r\n"])),
        ("%00 in the path", 400, "invalid_character",
         b"GET /healthz%00x HTTP/1.1\r\nHost: x\r\n\r\n"),
    ]
    healthz_before = srv.metrics().get('request_count_total{endpoint="healthz",status="200"}')
    for name, status, code, data in refused:
        resp, closed = _exchange(srv, data)
        lines = _status_lines(resp)
        s.check(lines == [b"HTTP/1.1 %d" % status], "%s: one %d, got %r" % (name, status, lines))
        s.check(b'"code":"%s"' % code.encode() in resp, "%s: %s in %r" % (name, code, resp[-120:]))
        s.check(b"\r\nConnection: close\r\n" in resp, "%s: Connection: close" % name)
        s.check(closed, "%s: the server closes the connection" % name)
    m = srv.metrics()
    s.check(m.get('request_count_total{endpoint="healthz",status="200"}') == healthz_before,
            "the request smuggled behind CL+TE was not executed")
    for ep, count in (("kundli", 6), ("healthz", 5)):
        key = 'request_count_total{endpoint="%s",status="400"}' % ep
        s.check(m.get(key) == count, "the refusals are counted: %s %r" % (key, m.get(key)))

    # A NUL in a JSON string: refused, the connection may stay open.
    for spelling in (b"Kolkata\\u0000junk", b"Kolkata\x00junk"):
        b2 = body.replace(b"Kolkata", spelling)
        resp, _ = _exchange(srv, post + b"Content-Length: %d\r\n\r\n" % len(b2) + b2, timeout=1)
        s.check(_status_lines(resp) == [b"HTTP/1.1 400"] and b'"invalid_character"' in resp,
                "NUL %r in a JSON string: %r" % (spelling, resp[-120:]))
    b3 = body.replace(b"Kolkata", b"Kolkata\\\\u0000")  # an escaped backslash, then "u0000"
    st, _, doc = srv.json("POST", "/v1/kundli", raw_body=b3,
                          headers={"Content-Type": "application/json"})
    s.check(st == 422 and doc["error"]["code"] == "unknown_timezone",
            "\\\\u0000 is no NUL: %d %r" % (st, doc))

    # Refused by libmicrohttpd before any handler: one connection, closed,
    # counted under endpoint "none". (0.9.75 sends the header of a refused
    # Content-Length twice, and refuses an over-long chunk line with 500:
    # neither reaches the handler, so neither can be mended here.)
    mhd = [
        ("Content-Length 2^64+5", b"413",
         post + b"Content-Length: 18446744073709551621\r\n\r\n{}"),
        ("Content-Length 1x", b"400", post + b"Content-Length: 1x\r\n\r\n{}"),
        ("a 40 KB chunk extension", b"500",
         post + b"Transfer-Encoding: chunked\r\n\r\n5;" + b"a" * 40000 + b"\r\nhello\r\n0\r\n\r\n"),
        ("HTTP/9.9", b"505", b"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n"),
        ("a 30 KB URL", b"414", b"GET /" + b"a" * 30000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"),
    ]
    for name, status, data in mhd:
        resp, closed = _exchange(srv, data)
        # After a large request the server may close with input unread, and
        # the client then sees a reset, possibly before the reply.
        s.check(resp.startswith(b"HTTP/1.1 " + status) or (len(data) > 16384 and resp == b""),
                "%s: %r" % (name, resp[:40]))
        s.check(closed, "%s: the server closes the connection" % name)
    m = srv.metrics()
    for status in ("413", "400", "500", "414"):
        key = 'request_count_total{endpoint="none",status="%s"}' % status
        s.check(m.get(key) == 1, "%s counted: %r" % (key, m.get(key)))
    s.check(m.get('request_count_total{endpoint="none",status="505"}') == 1, "505 counted")
    st, _, _ = srv.request("GET", "/healthz")
    s.check(st == 200, "the server answers after bad framing")


def t_metrics_exact(s, build):
    srv = Server(build)
    try:
        for _ in range(3):
            srv.request("GET", "/healthz")
        srv.request("GET", "/nope")
        srv.request("POST", "/v1/kundli", body={"birth": birth(latitude=99)})
        srv.request("GET", QUERY)
        srv.request("GET", QUERY)
        m = srv.metrics()
        def val(k):
            return m.get(k, -1)
        s.check(val('request_count_total{endpoint="healthz",status="200"}') == 3, "healthz 3")
        s.check(val('request_count_total{endpoint="other",status="404"}') == 1, "404 1")
        s.check(val('request_count_total{endpoint="kundli",status="422"}') == 1, "422 1")
        s.check(val('request_count_total{endpoint="kundli",status="200"}') == 2, "200 2")
        s.check(val('request_latency_seconds_count{endpoint="kundli"}') == 3, "latency count")
        s.check(val('request_latency_seconds_bucket{endpoint="healthz",le="+Inf"}') == 3,
                "healthz +Inf bucket")
        s.check(val('cache_hits_total{level="l1"}') == 1, "one hit")
        s.check(val('cache_misses_total{level="l1"}') == 1, "one miss")
        s.check(any(k.startswith('resource_usage_percent{resource_type="cpu"') for k in m),
                "cpu gauge")
        s.check(any(k.startswith('resource_usage_percent{resource_type="memory"') for k in m),
                "memory gauge")
        s.check(any(k.startswith('resource_usage_percent{resource_type="disk"') for k in m),
                "disk gauge")
        s.check(val('engine_stage_seconds_count{stage="ephemeris"}') == 1, "stage count")
    finally:
        rc, out, _ = srv.stop()
    lines = [json.loads(l) for l in out.splitlines() if l.startswith("{")]
    reqs = [l for l in lines if "status" in l and "id" in l]
    s.check(len(reqs) >= 8 and all(set(("id", "method", "path", "status", "us", "bytes",
                                        "cache")) <= set(r) for r in reqs),
            "one JSON access-log line per request")
    s.check(sum(1 for r in reqs if r["cache"] == "hit") == 1, "access log shows the hit")


def t_ready_without_ephemeris(s, build):
    srv = Server(build, "--ephe-path", "/nonexistent")
    try:
        st, h, doc = srv.json("GET", "/readyz")
        s.check(st == 503 and doc["checks"]["ephemeris"] == "unavailable", "readyz 503 %r" % doc)
        s.check(h.get("retry-after") == "1", "readyz 503 carries Retry-After %r" % h)
        st, _, doc = srv.json("GET", QUERY)
        s.check(st == 200 and doc["settings"]["ephemeris"] == "moshier", "moshier reported")
    finally:
        srv.stop()


def t_ephemeris_range(s, build):
    """2 server threads, RANGE_REQUESTS requests from 2 clients around the
    end of /readyz's ephemeris_range: inside is 200, outside 422
    date_out_of_range, each with the same bytes every time (libswe's files
    once made the answer depend on the thread: 503 or 200)."""
    import datetime
    srv = Server(build, "--threads", "2", "--cache-mb", "0")
    try:
        st, _, doc = srv.json("GET", "/readyz")
        rng = doc.get("ephemeris_range", {})
        s.check(st == 200 and set(rng) == {"from", "to"}, "readyz ephemeris_range %r" % doc)
        end = datetime.datetime.strptime(rng["to"], "%Y-%m-%dT%H:%M:%SZ")
        s.check(end.year == 5399, "the range ends in 5399 (%s)" % rng["to"])

        def q(t, extra="sections=planets,panchang"):
            return ("/v1/kundli?date=%s&time=%s&tz=%%2B00:00&lat=28.6&lon=77.2&%s"
                    % (t.strftime("%Y-%m-%d"), t.strftime("%H:%M:%S"), extra))
        minute = datetime.timedelta(minutes=1)
        cases = [
            (q(end - 60 * minute), 200),
            (q(end - 3 * 24 * 60 * minute), 200),  # reads the last file's block
            (q(end + minute), 422),
            (q(end + 3 * 24 * 60 * minute), 422),
            ("/v1/kundli?date=5399-12-31&time=23:00&tz=-12:00&lat=10&lon=20&sections=planets", 422),
            (QUERY + "&sections=doshas&as_of=5399-01-01", 422),
            (QUERY + "&sections=doshas&as_of=2026-01-01", 200),
        ]
        seen = [dict() for _ in cases]
        bad = []

        def client(k):
            for n in range(k, RANGE_REQUESTS, 2):
                i = (n // 2 * 3 + k) % len(cases)
                st, _, body = srv.request("GET", cases[i][0])
                seen[i][body] = seen[i].get(body, 0) + 1
                if st != cases[i][1]:
                    bad.append((cases[i][0], st, body[:200]))
        threads = [threading.Thread(target=client, args=(k,)) for k in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        s.check(not bad, "%d requests with the wrong status, e.g. %r" % (len(bad), bad[:2]))
        for i, bodies in enumerate(seen):
            s.check(len(bodies) == 1, "case %d: %d different bodies" % (i, len(bodies)))
            for body in bodies:
                if cases[i][1] == 422:
                    err = json.loads(body)["error"]
                    # as_of's span is narrower: sade sati searches ~42 years on
                    want = rng["to"] if err["field"] == "birth.date" else " and 53"
                    s.check(err["code"] == "date_out_of_range" and want in err["message"]
                            and "/" not in err["message"], "422 names the range %r" % err)
                    s.check(err["field"] in ("birth.date", "options.as_of"), "field %r" % err)
    finally:
        srv.stop()


def t_log_backpressure(s, build):
    """A log reader that never reads must not stall requests: lines are dropped
    and counted instead. LOG_REQUESTS requests: with 30,000 (about 5 MB of log
    lines, the pipe holding 64 KB) the 4 MiB buffer overflows and lines are
    dropped; with a few thousand everything fits and none may be dropped."""
    import http.client
    import subprocess
    import tempfile
    exe = os.path.join(build, "kundlid")
    n = LOG_REQUESTS
    err = tempfile.TemporaryFile()  # kept to explain an unclean exit
    db = tempfile.TemporaryDirectory(prefix="kundlid-db-")
    proc = subprocess.Popen([exe, "--listen", "127.0.0.1:0", "--database-url",
                             "sqlite:" + os.path.join(db.name, "kundli.db")],
                            stdout=subprocess.PIPE, stderr=err)
    try:
        port = json.loads(proc.stdout.readline())["port"]  # then never read again
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        ok = 0
        for _ in range(n):
            conn.request("GET", "/healthz")
            r = conn.getresponse()
            r.read()
            ok += r.status == 200
        conn.request("GET", "/metrics")
        text = conn.getresponse().read().decode()
        conn.close()
        dropped = [float(l.split()[1]) for l in text.splitlines()
                   if l.startswith("access_log_lines_dropped_total ")]
        s.check(ok == n, "every request answered while the log is blocked (%d of %d)" % (ok, n))
        s.check(len(dropped) == 1, "access_log_lines_dropped_total reported")
        # An access-log line of /healthz is 155 to 170 bytes. The writer is
        # stuck on the full pipe with the few lines it took last, so lines
        # beyond the pipe and one buffer are dropped.
        if n * 155 > LOG_BUFFER + 65536:
            s.check(dropped and dropped[0] > 0, "dropped lines counted %r" % dropped)
        elif n * 170 < LOG_BUFFER:
            s.check(dropped == [0.0], "no line dropped while the buffer has room %r" % dropped)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            rc = proc.wait()
        err.seek(0)
        s.check(rc == 0, "clean exit with a blocked log (rc %r): %s" %
                (rc, err.read()[-3000:].decode(errors="replace")))
        db.cleanup()


def t_deadline(s, build):
    srv = Server(build, "--deadline-ms", "1")
    try:
        many = [{"birth": birth(latitude=i / 7)} for i in range(100)]
        expect_error(s, srv, "POST", "/v1/kundli/batch", 503, "deadline_exceeded",
                     body={"items": many})
        st, _, _ = srv.request("GET", "/healthz")
        s.check(st == 200, "alive after deadline")
    finally:
        srv.stop()


def t_drain(s, build):
    srv = Server(build)
    body = json.dumps({"items": [{"birth": birth(latitude=i / 3)} for i in range(100)]})
    body = body.encode()
    sock = socket.create_connection((srv.host, srv.port), timeout=30)
    sock.sendall(b"POST /v1/kundli/batch HTTP/1.1\r\nHost: x\r\n"
                 b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body))
    sock.sendall(body[:100])
    time.sleep(0.3)
    srv.proc.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    refused = False
    try:
        socket.create_connection((srv.host, srv.port), timeout=2).close()
    except OSError:
        refused = True
    s.check(refused, "new connections refused while draining")
    sock.sendall(body[100:])
    resp = b""
    while not resp.endswith(b"\r\n0\r\n\r\n"):  # the last chunk of a streamed body
        b = sock.recv(65536)
        if not b:
            break
        resp += b
    sock.close()
    head, _, rest = resp.partition(b"\r\n\r\n")
    s.check(head.startswith(b"HTTP/1.1 200"), "in-flight batch completed: %r" % head[:40])
    body = b""
    while rest:  # chunked: size in hex, CRLF, data, CRLF
        size, _, rest = rest.partition(b"\r\n")
        n = int(size, 16)
        body, rest = body + rest[:n], rest[n + 2:]
    try:
        s.check(json.loads(body)["count"] == 100, "in-flight batch complete body")
    except ValueError:
        s.check(False, "in-flight batch body is JSON")
    rc = srv.proc.wait(15)
    s.check(rc == 0, "exit status 0 after drain (got %r)" % rc)


def t_cache_bound(s, build):
    """CACHE_BIRTHS distinct births through a 2 MiB cache: every one is a miss,
    the bound holds, and entries are evicted (2,000 planet documents already
    fill it)."""
    srv = Server(build, "--cache-mb", "2")
    total = CACHE_BIRTHS
    try:
        n = 0
        for start in range(0, total, 100):
            items = [{"birth": birth(latitude=(start + i) / 1000.0 - 10),
                      "options": {"sections": "planets"}} for i in range(min(100, total - start))]
            st, _, _ = srv.request("POST", "/v1/kundli/batch", body={"items": items})
            n += len(items) if st == 200 else 0
        m = srv.metrics()
        s.check(n == total, "%d distinct births served (%d)" % (total, n))
        s.check(m['cache_bytes{level="l1"}'] <= 2 * 1024 * 1024, "cache bytes within bound")
        s.check(m['cache_evictions_total{level="l1"}'] > 0, "evictions happened")
        s.check(m['cache_misses_total{level="l1"}'] == total, "all misses")
        s.check(m['cache_evictions_total{level="l1"}'] + m['cache_entries{level="l1"}'] == total,
                "every miss is either held or evicted")
    finally:
        srv.stop()


def t_config(s, build):
    import os
    import subprocess
    import tempfile
    exe = os.path.join(build, "kundlid")
    r = subprocess.run([exe, "--help"], capture_output=True, text=True)
    s.check(r.returncode == 0, "--help exits 0")
    for name in ("--listen", "--threads", "--cache-mb", "--cache-ttl", "--deadline-ms",
                 "--max-connections", "--connection-timeout", "--connection-memory-kb",
                 "--drain-seconds", "--access-log", "--ephe-path", "--zoneinfo",
                 "KUNDLI_LISTEN", "default 127.0.0.1:8080"):
        s.check(name in r.stdout, "--help lists %s" % name)
    r = subprocess.run([exe, "--bogus", "1"], capture_output=True, text=True)
    s.check(r.returncode == 2 and "unknown option" in r.stderr, "unknown flag exits 2")
    r = subprocess.run([exe, "--threads", "many"], capture_output=True, text=True)
    s.check(r.returncode == 2 and "threads" in r.stderr, "bad value exits 2")
    # file < environment < flag
    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as f:
        f.write("# kundlid settings\ncache_mb = 3\ndeadline_ms = 1\n")
    env = dict(os.environ, KUNDLI_CONFIG=f.name, KUNDLI_DEADLINE_MS="4000")
    srv = None
    try:
        old = dict(os.environ)
        os.environ.update(env)
        srv = Server(build, "--cache-mb", "5")
        os.environ.clear()
        os.environ.update(old)
        st, _, _ = srv.request("POST", "/v1/kundli/batch",
                               body={"items": [{"birth": birth(latitude=i)} for i in range(50)]})
        s.check(st == 200, "environment overrides the file (deadline 4000 ms, got %d)" % st)
    finally:
        if srv:
            rc, out, err = srv.stop()
        os.unlink(f.name)
    first = json.loads(out.splitlines()[0])
    s.check(first["cache_mb"] == 5, "the flag overrides the file (cache_mb %r)" % first)


def main():
    build = sys.argv[1]
    mode = sys.argv[2] if len(sys.argv) > 2 else "quick"
    if mode not in ("quick", "long"):
        raise SystemExit("usage: http_test.py BUILD_DIR [quick|long]")
    global CACHE_BIRTHS, LOG_REQUESTS, RANGE_REQUESTS
    long_run = mode == "long"
    CACHE_BIRTHS = env_count("KUNDLI_TEST_CACHE_BIRTHS", 100000 if long_run else 2000)
    LOG_REQUESTS = env_count("KUNDLI_TEST_LOG_REQUESTS", 30000 if long_run else 2000)
    RANGE_REQUESTS = env_count("KUNDLI_TEST_RANGE_REQUESTS", 1000 if long_run else 200)
    suite = Suite()
    load_tests = [t_log_backpressure, t_cache_bound, t_ephemeris_range]
    if mode == "long":
        suite.run(load_tests, build)
        suite.finish("http_test")
    srv = Server(build)
    try:
        suite.run([t_health, t_get_chart, t_request_id, t_post_chart,
                   t_equivalent_spellings_share_cache, t_gzip, t_errors,
                   t_strings_round_trip, t_batch, t_match, t_summary, t_panchang], srv)
    finally:
        rc, _, err = srv.stop()
        suite.check(rc == 0, "clean exit after SIGTERM (rc %r) %s" % (rc, err[-300:]))
    suite.run([t_malformed_http, t_strict_framing, t_config, t_metrics_exact, t_ready_without_ephemeris,
               t_deadline, t_drain] + load_tests, build)
    suite.finish("http_test")


if __name__ == "__main__":
    main()
