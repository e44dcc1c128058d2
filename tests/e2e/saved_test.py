"""Saved charts end to end: the /v1/kundlis endpoints, API keys made with the
real `kundlid keys create`, tenant isolation between two users, validation,
pagination, export/import round trip, the admin index report, `kundlid db
backup`, a store outage (PostgreSQL paused and resumed), kill -9 durability
and many concurrent savers and listers.

Runs against SQLite and, when KUNDLI_TEST_PG_URL is set (scripts/pg.sh run)
and KUNDLI_TEST_SAVED_BACKENDS is not "sqlite", against PostgreSQL too; also
the rate limits (per key and per address).
Usage: python3 saved_test.py BUILD_DIR
Sizes: KUNDLI_TEST_SAVED_CLIENTS (concurrent savers and as many listers, 50),
KUNDLI_TEST_SAVED_KILL_SECONDS (saving before kill -9, 1).
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import http.client
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kundlid import Server, Suite, env_count  # noqa: E402

CHENNAI = {"date": "1996-12-07", "time": "10:34", "timezone": "Asia/Kolkata",
           "latitude": 13.0878, "longitude": 80.2785}
DELHI = {"date": "1990-01-01", "time": "10:00", "timezone": "Asia/Kolkata",
         "latitude": 28.6, "longitude": 77.2}


def cli(build, url, *args):
    p = subprocess.run([os.path.join(build, "kundlid"), *args, "--database-url", url],
                       capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def make_key(build, url, user, admin=False):
    rc, out, err = cli(build, url, "keys", "create", "--user", user, *(["--admin"] if admin else []))
    if rc != 0:
        raise RuntimeError("keys create: %d %s" % (rc, err))
    doc = json.loads(out)
    assert doc["key"].startswith("kd_") and doc["user"] == user
    return doc["key"], doc["key_id"]


def auth(key):
    return {"Authorization": "Bearer " + key}


class Ctx:
    def __init__(self, build, url, backend):
        self.build, self.url, self.backend = build, url, backend
        self.keys = {}
        for user in ("alice", "bob", "pager", "exporter", "importer"):
            self.keys[user] = make_key(build, url, user)[0]
        self.keys["root"] = make_key(build, url, "root", admin=True)[0]
        self.srv = self.start()

    def start(self):
        return Server(self.build, "--database-url", self.url, "--access-log", "false",
                      "--db-pool-min", "2", "--max-connections-per-ip", "0",
                      "--queue-wait-ms", "5000", "--deadline-ms", "30000")

    def req(self, user, method, path, body=None, **kw):
        hdrs = dict(kw.pop("headers", {}))
        if user:
            hdrs.update(auth(self.keys.get(user, user)))
        return self.srv.json(method, path, body, headers=hdrs, **kw)

    def save(self, user, birth=CHENNAI, **extra):
        body = {"name": extra.pop("name", "chart"), "birth": birth}
        body.update(extra)
        st, _, doc = self.req(user, "POST", "/v1/kundlis", body)
        if st != 201:
            raise RuntimeError("save: %d %s" % (st, doc))
        return doc


def err_of(doc):
    e = (doc or {}).get("error", {})
    return e.get("code"), e.get("field")


# ---------------------------------------------------------------- the tests
def t_auth(s, c):
    st, h, doc = c.req(None, "GET", "/v1/kundlis")
    s.check(st == 401 and err_of(doc)[0] == "unauthorized" and
            h.get("www-authenticate", "").startswith("Bearer"), "no key: 401 + challenge")
    st, h, doc = c.req("kd_0000000000000000_00000000000000000000000000000000", "GET", "/v1/kundlis")
    s.check(st == 401 and err_of(doc)[0] == "unauthorized", "unknown key: 401 (%d)" % st)
    st, _, doc = c.srv.json("GET", "/v1/kundlis", headers={"Authorization": "Basic YTpi"})
    s.check(st == 401, "not a Bearer key: 401")
    key, key_id = make_key(c.build, c.url, "revokee")
    rc, out, _ = cli(c.build, c.url, "keys", "revoke", key_id)
    s.check(rc == 0, "keys revoke exits 0")
    st, _, _ = c.srv.json("GET", "/v1/kundlis", headers=auth(key))
    s.check(st == 401, "revoked key: 401 (%d)" % st)
    rc, _, _ = cli(c.build, c.url, "keys", "revoke", key_id)
    s.check(rc == 1, "revoking twice exits 1 (%d)" % rc)
    rc, out, _ = cli(c.build, c.url, "keys", "list")
    rows = [json.loads(line) for line in out.splitlines()]
    s.check(rc == 0 and any(r["key_id"] == key_id and r["revoked_at"] for r in rows) and
            not any("sha256" in r or "key" in r for r in rows), "keys list: revoked, no secrets")
    rc, _, _ = cli(c.build, c.url, "keys", "create")
    s.check(rc == 2, "keys create without --user exits 2")
    rc, out, _ = cli(c.build, c.url, "keys", "--help")
    s.check(rc == 0 and "keys create" in out, "keys --help")
    st, _, doc = c.req("alice", "GET", "/v1/admin/db/index-usage")
    s.check(st == 403 and err_of(doc)[0] == "forbidden", "index-usage with a user key: 403")
    st, _, doc = c.req(None, "GET", "/v1/admin/db/index-usage")
    s.check(st == 401, "index-usage without a key: 401")
    st, _, doc = c.req("root", "GET", "/v1/admin/db/index-usage")
    s.check(st == 200 and doc["backend"] == c.backend and len(doc["indexes"]) > 0,
            "index-usage with an admin key: %d %s" % (st, str(doc)[:100]))
    names = {i["index"] for i in doc.get("indexes", [])} if st == 200 else set()
    s.check(any("user" in n for n in names), "the report names the user index: %s" % names)
    rc, out, _ = cli(c.build, c.url, "db", "stats")
    s.check(rc == 0 and len(out.splitlines()) == len(doc.get("indexes", [])),
            "kundlid db stats prints the same report")
    # compute stays open by default
    st, _, _ = c.srv.json("POST", "/v1/kundli", {"birth": CHENNAI})
    s.check(st == 200, "compute endpoints open without auth_compute")


def t_save_get(s, c):
    body = {"name": "Ravi", "tags": ["family", "ज्योतिष"], "notes": "born at noon-ish",
            "birth": CHENNAI, "options": {"ayanamsa": "raman", "house_system": "placidus"}}
    st, _, doc = c.req("alice", "POST", "/v1/kundlis", body)
    s.check(st == 201, "save: 201 (%d %s)" % (st, str(doc)[:200]))
    if st != 201:
        return
    s.check(len(doc["id"]) == 32 and all(ch in "0123456789abcdef" for ch in doc["id"]), "32-hex id")
    for k in ("name", "tags", "notes", "birth", "options"):
        s.check(doc[k] == body[k], "save echoes %s: %r" % (k, doc[k]))
    s.check(doc["created_at"] == doc["updated_at"] and doc["created_at"].endswith("Z") and
            doc["created_at"][10] == "T", "RFC 3339 UTC times")
    _, _, ref = c.srv.json("POST", "/v1/kundli", {"birth": CHENNAI, "options": body["options"]})
    s.check(doc["chart"]["planets"] == ref["planets"] and doc["chart"]["houses"] == ref["houses"],
            "saved planets and houses equal /v1/kundli's")
    s.check(set(doc["chart"]) == {"planets", "houses"}, "chart has planets and houses")
    st, _, got = c.req("alice", "GET", "/v1/kundlis/" + doc["id"])
    s.check(st == 200 and got == doc, "get equals the save, every field")
    # fields= and sections=
    st, _, got = c.req("alice", "GET", "/v1/kundlis/%s?fields=planets,houses" % doc["id"])
    s.check(st == 200 and set(got) == {"id", "chart"} and got["chart"] == doc["chart"],
            "fields=planets,houses: id and the chart only (%s)" % list(got or {}))
    st, _, got = c.req("alice", "GET", "/v1/kundlis/%s?fields=name&sections=dasha,panchang"
                       % doc["id"])
    _, _, ref2 = c.srv.json("POST", "/v1/kundli", {"birth": CHENNAI, "options": dict(
        body["options"], sections=["dasha", "panchang"])})
    s.check(st == 200 and set(got) == {"id", "name", "chart"} and
            got["chart"] == {"dasha": ref2["dasha"], "panchang": ref2["panchang"]},
            "sections= recomputes dasha and panchang as /v1/kundli")
    st, _, got = c.req("alice", "GET", "/v1/kundlis/%s?fields=bogus" % doc["id"])
    s.check(st == 422 and err_of(got) == ("invalid_value", "fields"), "fields=bogus: 422")
    st, _, got = c.req("alice", "GET", "/v1/kundlis/%s?sections=svgs" % doc["id"])
    s.check(st == 422 and err_of(got) == ("unknown_section", "sections"), "sections=svgs: 422")
    st, _, got = c.req("alice", "GET", "/v1/kundlis/%s?x=1" % doc["id"])
    s.check(st == 422 and err_of(got) == ("unknown_field", "x"), "unknown parameter: 422")


def t_patch_delete(s, c):
    doc = c.save("alice", name="to change")
    time.sleep(0.002)
    st, _, got = c.req("alice", "PATCH", "/v1/kundlis/" + doc["id"],
                       {"name": "changed", "tags": ["x"], "notes": "n"})
    s.check(st == 200 and got["name"] == "changed" and got["tags"] == ["x"] and
            got["notes"] == "n" and got["created_at"] == doc["created_at"] and
            got["updated_at"] > doc["updated_at"] and got["chart"] == doc["chart"],
            "patch name, tags, notes: %d" % st)
    st, _, got = c.req("alice", "PATCH", "/v1/kundlis/" + doc["id"], {"birth": DELHI})
    s.check(st == 422 and err_of(got) == ("unknown_field", "birth"), "patch birth: 422")
    st, _, got = c.req("alice", "PATCH", "/v1/kundlis/" + doc["id"], {"name": "x" * 201})
    s.check(st == 422 and err_of(got) == ("invalid_value", "name"), "patch long name: 422")
    st, h, raw = c.srv.request("DELETE", "/v1/kundlis/" + doc["id"], headers=auth(c.keys["alice"]))
    s.check(st == 204 and raw == b"", "delete: 204, no body")
    st, _, got = c.req("alice", "GET", "/v1/kundlis/" + doc["id"])
    s.check(st == 404 and err_of(got)[0] == "not_found", "deleted: 404")
    st, _, got = c.req("alice", "DELETE", "/v1/kundlis/" + doc["id"])
    s.check(st == 404, "delete twice: 404")
    st, h, _ = c.req("alice", "PUT", "/v1/kundlis/" + doc["id"], {})
    s.check(st == 405 and h.get("allow") == "GET, PATCH, DELETE", "PUT: 405 with Allow")
    st, h, _ = c.req("alice", "DELETE", "/v1/kundlis")
    s.check(st == 405 and h.get("allow") == "GET, POST", "DELETE the list: 405 with Allow")
    st, h, _ = c.req("alice", "GET", "/v1/kundlis/lookup")
    s.check(st == 405 and h.get("allow") == "POST", "GET lookup: 405 (not an id)")
    st, _, got = c.req("alice", "GET", "/v1/kundlis/not-an-id")
    s.check(st == 404, "a malformed id: 404")
    st, _, got = c.req("alice", "GET", "/v1/kundlis/%s/x" % doc["id"])
    s.check(st == 404, "a deeper path: 404")


def t_validation(s, c):
    cases = [
        ({"name": "n" * 201}, "invalid_value", "name"),
        ({"name": 5}, "invalid_value", "name"),
        ({"tags": ["t"] * 21}, "invalid_value", "tags"),
        ({"tags": ["t" * 41]}, "invalid_value", "tags[0]"),
        ({"tags": ["ok", 3]}, "invalid_value", "tags[1]"),
        ({"tags": "a,b"}, "invalid_value", "tags"),
        ({"notes": "n" * 4097}, "invalid_value", "notes"),
        ({"place": "Chennai"}, "unknown_field", "place"),
        ({"birth": dict(CHENNAI, latitude=91)}, "invalid_latitude", "birth.latitude"),
        ({"birth": dict(CHENNAI, date="2023-02-29")}, "invalid_date", "birth.date"),
        ({"birth": {"date": "1996-12-07"}}, "missing_field", None),
        ({"options": {"ayanamsa": "sayana"}}, "unknown_ayanamsa", "options.ayanamsa"),
    ]
    for extra, code, field in cases:
        body = {"name": "v", "birth": CHENNAI}
        body.update(extra)
        st, _, doc = c.req("alice", "POST", "/v1/kundlis", body)
        got = err_of(doc)
        s.check(st == 422 and got[0] == code and (field is None or got[1] == field),
                "save %s: %d %s" % (list(extra), st, got))
    body = {"name": "n" * 200, "tags": ["t" * 40] * 20, "notes": "n" * 4096, "birth": CHENNAI}
    st, _, doc = c.req("alice", "POST", "/v1/kundlis", body)
    s.check(st == 201, "every limit exactly: 201 (%d %s)" % (st, err_of(doc)))
    if st == 201:
        c.req("alice", "DELETE", "/v1/kundlis/" + doc["id"])
    st, _, doc = c.req("alice", "POST", "/v1/kundlis", raw_body=b"{",
                       headers={"Content-Type": "application/json"})
    s.check(st == 400 and err_of(doc)[0] == "malformed_json", "malformed JSON: 400")
    st, _, doc = c.req("alice", "POST", "/v1/kundlis", raw_body=b"{}",
                       headers={"Content-Type": "text/plain"})
    s.check(st == 415, "not JSON: 415")


def t_isolation(s, c):
    a = c.save("alice", name="alice's secret", birth=DELHI)
    b = c.save("bob", name="bob's", birth=DELHI)
    for method, body in (("GET", None), ("PATCH", {"name": "mine"}), ("DELETE", None)):
        st, _, doc = c.req("bob", method, "/v1/kundlis/" + a["id"], body)
        s.check(st == 404 and err_of(doc)[0] == "not_found" and "secret" not in json.dumps(doc),
                "bob %s alice's chart: 404 (%d)" % (method, st))
    st, _, doc = c.req("alice", "GET", "/v1/kundlis/" + a["id"])
    s.check(st == 200 and doc["name"] == "alice's secret", "alice's chart unchanged")
    st, _, doc = c.req("bob", "GET", "/v1/kundlis?limit=100")
    ids = {i["id"] for i in doc["items"]}
    s.check(st == 200 and b["id"] in ids and a["id"] not in ids, "bob's list: his only")
    st, _, doc = c.req("bob", "GET", "/v1/kundlis/search?date=1990-01-01")
    ids = {i["id"] for i in doc["items"]}
    s.check(st == 200 and ids == {b["id"]}, "bob's date search: his only (%s)" % ids)
    st, _, doc = c.req("bob", "GET", "/v1/kundlis/search?lat=28.6&lon=77.2&radius_km=5")
    ids = {i["id"] for i in doc["items"]}
    s.check(st == 200 and ids == {b["id"]}, "bob's place search: his only")
    st, _, doc = c.req("bob", "POST", "/v1/kundlis/lookup", {"ids": [a["id"], b["id"]]})
    s.check(st == 200 and [i["id"] for i in doc["items"]] == [b["id"]], "bob's lookup: his only")
    st, _, raw = c.srv.request("GET", "/v1/kundlis/export", headers=auth(c.keys["bob"]))
    lines = [json.loads(x) for x in raw.decode().splitlines()]
    s.check(st == 200 and b["id"] in {x["id"] for x in lines} and
            a["id"] not in {x["id"] for x in lines}, "bob's export: his only")


def t_pagination(s, c):
    made = []
    for i in range(45):
        made.append(c.save("pager", birth=dict(CHENNAI, latitude=10 + i / 10.0),
                           name="p%d" % i)["id"])
    seen, cursor, sizes = [], None, []
    for _ in range(5):
        q = "/v1/kundlis" + ("?cursor=" + cursor if cursor else "")
        st, _, doc = c.req("pager", "GET", q)
        if st != 200:
            s.check(False, "page: %d %s" % (st, doc))
            return
        sizes.append(len(doc["items"]))
        seen += [i["id"] for i in doc["items"]]
        cursor = doc["next_cursor"]
        if cursor is None:
            break
    s.check(sizes == [20, 20, 5], "pages of 20/20/5: %s" % sizes)
    s.check(seen == made[::-1], "newest first, no duplicates, none missed")
    st, _, doc = c.req("pager", "GET", "/v1/kundlis?limit=100")
    s.check(st == 200 and len(doc["items"]) == 45 and doc["next_cursor"] is None, "limit=100")
    st, _, doc = c.req("pager", "GET", "/v1/kundlis?limit=7&fields=name")
    s.check(st == 200 and [i["name"] for i in doc["items"]] == ["p%d" % i
                                                              for i in range(44, 37, -1)],
            "limit=7, fields=name")
    for bad in ("limit=101", "limit=0", "limit=x"):
        st, _, doc = c.req("pager", "GET", "/v1/kundlis?" + bad)
        s.check(st == 422 and err_of(doc) == ("invalid_value", "limit"), bad + ": 422")
    _, _, first = c.req("pager", "GET", "/v1/kundlis")
    good = first["next_cursor"]
    for bad in (good[:-1], good + "A", good[:5] + "*" + good[6:], "", "%00", "a" * 400):
        st, _, doc = c.req("pager", "GET", "/v1/kundlis?cursor=" + urllib.parse.quote(bad))
        s.check(st in (400, 422) and err_of(doc)[0] in ("invalid_value", "invalid_character"),
                "tampered cursor %r: %d %s" % (bad[:20], st, err_of(doc)))
    # a well-formed cursor of another user's position still shows only one's own
    st, _, doc = c.req("bob", "GET", "/v1/kundlis?cursor=" + good)
    s.check(st == 200 and not set(i["id"] for i in doc["items"]) & set(made),
            "pager's cursor for bob: none of pager's charts")


def t_search_lookup(s, c):
    a1 = c.save("alice", birth=dict(CHENNAI, date="2001-02-03", time="04:05"))
    a2 = c.save("alice", birth=dict(CHENNAI, date="2001-02-03", time="06:07:08"))
    far = c.save("alice", birth={"date": "2001-02-03", "time": "04:05", "timezone": "Europe/London",
                                 "latitude": 51.5, "longitude": -0.12})
    st, _, doc = c.req("alice", "GET", "/v1/kundlis/search?date=2001-02-03")
    s.check(st == 200 and [i["id"] for i in doc["items"]] == [far["id"], a2["id"], a1["id"]],
            "search by date, newest first")
    st, _, doc = c.req("alice", "GET", "/v1/kundlis/search?date=2001-02-03&time=04:05")
    s.check(st == 200 and {i["id"] for i in doc["items"]} == {a1["id"], far["id"]},
            "search by date and time")
    st, _, doc = c.req("alice", "GET", "/v1/kundlis/search?date=2001-02-03&time=06:07:08&fields=name")
    s.check(st == 200 and [i["id"] for i in doc["items"]] == [a2["id"]], "time with seconds")
    st, _, doc = c.req("alice", "GET", "/v1/kundlis/search?lat=51.5&lon=-0.1&radius_km=10")
    s.check(st == 200 and [i["id"] for i in doc["items"]] == [far["id"]], "search by radius")
    st, _, doc = c.req("alice", "GET", "/v1/kundlis/search?lat=13.08&lon=80.28&radius_km=5&limit=2")
    s.check(st == 200 and len(doc["items"]) == 2, "radius search with limit")
    bad = [("date=2001-02-30", "invalid_date", "date"), ("date=2001-02-03&time=25:00",
                                                         "invalid_time", "time"),
           ("lat=91&lon=0&radius_km=1", "invalid_latitude", "lat"),
           ("lat=0&lon=181&radius_km=1", "invalid_longitude", "lon"),
           ("lat=0&lon=0&radius_km=0", "invalid_value", "radius_km"),
           ("lat=0&lon=0&radius_km=20001", "invalid_value", "radius_km"),
           ("lat=0&lon=0", "missing_field", "radius_km"), ("", "missing_field", ""),
           ("date=2001-02-03&lat=1", "missing_field", "date"),
           ("date=2001-02-03&limit=101", "invalid_value", "limit")]
    for q, code, field in bad:
        st, _, doc = c.req("alice", "GET", "/v1/kundlis/search?" + q)
        s.check(st == 422 and err_of(doc) == (code, field), "search %s: %d %s" % (q, st, err_of(doc)))
    b = c.save("bob")
    st, _, doc = c.req("alice", "POST", "/v1/kundlis/lookup",
                       {"ids": [a1["id"], b["id"], "0" * 32, a2["id"], a1["id"]]})
    s.check(st == 200 and [i["id"] for i in doc["items"]] == [a2["id"], a1["id"]],
            "lookup: own charts once, newest first; others absent")
    st, _, doc = c.req("alice", "POST", "/v1/kundlis/lookup?fields=planets", {"ids": [a1["id"]]})
    s.check(st == 200 and set(doc["items"][0]) == {"id", "chart"} and
            set(doc["items"][0]["chart"]) == {"planets"}, "lookup with fields=planets")
    for ids, code, field, status in (([a1["id"], "XYZ"], "invalid_value", "ids[1]", 422),
                                     ([a1["id"], 5], "invalid_value", "ids[1]", 422),
                                     ([a1["id"].upper()], "invalid_value", "ids[0]", 422),
                                     (["0" * 32] * 101, "too_large", "ids", 413)):
        st, _, doc = c.req("alice", "POST", "/v1/kundlis/lookup", {"ids": ids})
        s.check(st == status and err_of(doc) == (code, field), "lookup %s: %d %s"
                % (field, st, err_of(doc)))
    st, _, doc = c.req("alice", "POST", "/v1/kundlis/lookup", {"id": []})
    s.check(st == 422 and err_of(doc) == ("unknown_field", "id"), "lookup unknown field")


def t_export_import(s, c):
    for i in range(23):  # more than one export page (20)
        c.save("exporter", birth=dict(DELHI, latitude=20 + i / 3.0), name="e%d" % i,
               tags=["t%d" % i], notes="n%d" % i, options={"node": "true"} if i % 2 else {})
    doc = c.save("exporter", name="patched")
    time.sleep(0.002)
    c.req("exporter", "PATCH", "/v1/kundlis/" + doc["id"], {"notes": "later"})
    st, h, raw = c.srv.request("GET", "/v1/kundlis/export", headers=auth(c.keys["exporter"]))
    s.check(st == 200 and h.get("content-type") == "application/x-ndjson",
            "export: 200 NDJSON (%d %s)" % (st, h.get("content-type")))
    lines = raw.decode().splitlines()
    docs = [json.loads(x) for x in lines]
    s.check(len(docs) == 24, "export: 24 lines (%d)" % len(docs))
    _, _, listed = c.req("exporter", "GET", "/v1/kundlis?limit=100")
    s.check(docs == listed["items"], "export lines are the GET documents, newest first")
    st, _, rep = c.req("importer", "POST", "/v1/kundlis/import",
                       raw_body=(raw.decode() + "\n{\"name\": 5}\nnot json\n").encode(),
                       headers={"Content-Type": "application/x-ndjson"})
    s.check(st == 200 and rep["imported"] == 24 and rep["failed"] == 2, "import: 24 saved, 2 "
            "failed (%d %s)" % (st, str(rep)[:200]))
    if st != 200:
        return
    errs = [r for r in rep["results"] if "error" in r]
    s.check([(r["line"], r["error"]["code"], r["error"]["field"]) for r in errs] ==
            [(26, "invalid_value", "name"), (27, "malformed_json", "")],
            "import reports each failed line: %s" % errs)
    st, _, raw2 = c.srv.request("GET", "/v1/kundlis/export", headers=auth(c.keys["importer"]))
    docs2 = [json.loads(x) for x in raw2.decode().splitlines()]
    strip = lambda d: {k: v for k, v in d.items() if k != "id"}  # noqa: E731
    s.check(st == 200 and [strip(d) for d in docs2] == [strip(d) for d in docs],
            "export -> import -> export is lossless apart from ids")
    s.check(not {d["id"] for d in docs} & {d["id"] for d in docs2}, "import makes new ids")
    st, _, rep = c.req("importer", "POST", "/v1/kundlis/import", raw_body=b"{}",
                       headers={"Content-Type": "text/plain"})
    s.check(st == 415, "import of text/plain: 415")
    head = ("POST /v1/kundlis/import HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer %s\r\n"
            "Content-Type: application/x-ndjson\r\nContent-Length: %d\r\n\r\n")
    got = c.srv.raw((head % (c.keys["importer"], 8 * 1024 * 1024 + 1)).encode())
    s.check(got.startswith(b"HTTP/1.1 413"), "import over 8 MiB: 413 (%r)" % got[:20])
    st, _, rep = c.req("importer", "POST", "/v1/kundlis/import", raw_body=(b" " * 120 + b"\n") * 900,
                       headers={"Content-Type": "application/x-ndjson"})
    s.check(st == 200 and rep["imported"] == 0, "import of 108 KB (blank lines): 200 (%d)" % st)
    st, _, rep = c.req("alice", "POST", "/v1/kundlis", raw_body=b" " * (64 * 1024 + 1),
                       headers={"Content-Type": "application/json"})
    s.check(st == 413, "a save over 64 KiB: 413")


def t_backup(s, c):
    if c.backend != "sqlite":
        rc, _, err = cli(c.build, c.url, "db", "backup", "/tmp/never.db")
        s.check(rc == 1 and "pg_dump" in err, "db backup on PostgreSQL points to pg_dump")
        return
    _, _, doc = c.req("alice", "GET", "/v1/kundlis?limit=100")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "backup.db")
        rc, _, err = cli(c.build, c.url, "db", "backup", path)
        s.check(rc == 0, "db backup exits 0 (%s)" % err)
        db = sqlite3.connect(path)
        ids = {r[0] for r in db.execute("SELECT id FROM charts WHERE user_id = 'alice'")}
        db.close()
        s.check(ids >= {i["id"] for i in doc["items"]} and len(ids) >= len(doc["items"]) > 0,
                "the backup holds alice's %d charts" % len(doc["items"]))
    rc, _, _ = cli(c.build, c.url, "db", "backup")
    s.check(rc == 2, "db backup without FILE exits 2")


def wait_for(pred, seconds):
    end = time.time() + seconds
    while time.time() < end:
        if pred():
            return True
        time.sleep(0.1)
    return pred()


def t_outage(s, c):
    pg_sh, pg_dir = os.environ.get("KUNDLI_TEST_PG_SH"), os.environ.get("KUNDLI_TEST_PG_DIR")
    if c.backend != "postgresql" or not pg_sh:
        return
    subprocess.run(["sh", pg_sh, "pause", pg_dir], check=True)
    try:
        st, h, doc = c.req("alice", "POST", "/v1/kundlis", {"name": "x", "birth": CHENNAI})
        s.check(st == 503 and err_of(doc)[0] == "store_unavailable" and "retry-after" in h,
                "store down: save 503 store_unavailable + Retry-After (%d %s)" % (st, err_of(doc)))
        st, h, doc = c.req("alice", "GET", "/v1/kundlis")
        s.check(st == 503 and err_of(doc)[0] == "store_unavailable", "store down: list 503")
        st, _, _ = c.srv.json("POST", "/v1/kundli", {"birth": CHENNAI})
        s.check(st == 200, "store down: /v1/kundli still 200")
        s.check(wait_for(lambda: c.srv.json("GET", "/readyz")[0] == 503, 5),
                "store down: /readyz 503")
        _, _, doc = c.srv.json("GET", "/readyz")
        s.check(doc["store"] == {"backend": "postgresql", "ok": False}, "readyz names the store")
    finally:
        subprocess.run(["sh", pg_sh, "resume", pg_dir], check=True)
    s.check(wait_for(lambda: c.srv.json("GET", "/readyz")[0] == 200, 15), "store back: /readyz 200")
    ok = wait_for(lambda: c.req("alice", "POST", "/v1/kundlis",
                                {"name": "after", "birth": CHENNAI})[0] == 201, 10)
    s.check(ok, "store back: saves work again without restarting kundlid")


def t_kill9(s, c):
    srv = c.start()
    saved, lock, stop = [], threading.Lock(), threading.Event()
    key = c.keys["alice"]

    def saver(n):
        i = 0
        while not stop.is_set():
            i += 1
            try:
                st, _, doc = srv.json("POST", "/v1/kundlis", {"name": "k%d-%d" % (n, i),
                                                              "birth": CHENNAI},
                                      headers=auth(key))
            except Exception:  # the server died under us
                return
            if st == 201:
                with lock:
                    saved.append(doc["id"])
    threads = [threading.Thread(target=saver, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    time.sleep(env_count("KUNDLI_TEST_SAVED_KILL_SECONDS", 1))
    srv.proc.send_signal(signal.SIGKILL)
    srv.proc.wait()
    stop.set()
    for t in threads:
        t.join()
    s.check(len(saved) > 8, "kill -9: %d charts saved before" % len(saved))
    srv = c.start()
    try:
        found = set()
        for i in range(0, len(saved), 100):
            st, _, doc = srv.json("POST", "/v1/kundlis/lookup", {"ids": saved[i:i + 100]},
                                  headers=auth(key))
            found |= {x["id"] for x in (doc or {}).get("items", [])}
        s.check(found == set(saved), "after kill -9 every 201 chart is there (%d of %d)"
                % (len(found), len(saved)))
    finally:
        srv.stop()


def t_concurrent(s, c):
    if c.backend != "sqlite":
        return
    n = env_count("KUNDLI_TEST_SAVED_CLIENTS", 50)
    results = {}
    lock = threading.Lock()

    def client(kind, i):
        good = 0
        for k in range(3):
            try:
                if kind == "save":
                    st, _, doc = c.req("bob", "POST", "/v1/kundlis",
                                       {"name": "c%d-%d" % (i, k), "birth": CHENNAI})
                    ok = st == 201
                else:
                    st, _, doc = c.req("bob", "GET", "/v1/kundlis?limit=20")
                    ok = st == 200
                if not ok:
                    with lock:
                        results[(kind, i)] = "%d %r" % (st, err_of(doc))
                    return
                good += 1
            except Exception as e:  # a timeout or a reset is a failure
                with lock:
                    results[(kind, i)] = "error %r" % e
                return
        with lock:
            results[(kind, i)] = good
    threads = [threading.Thread(target=client, args=(kind, i))
               for i in range(n) for kind in ("save", "list")]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    bad = {k: v for k, v in results.items() if v != 3}
    s.check(len(results) == 2 * n and not bad,
            "%d savers and %d listers all answered (%.1f s): %s"
            % (n, n, time.time() - t0, list(bad.items())[:4]))


def get_from(srv, source, path, headers=None):
    """GET path from the loopback address source; (status, headers lower-case, doc)."""
    conn = http.client.HTTPConnection(srv.host, srv.port, timeout=10,
                                      source_address=(source, 0))
    try:
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        raw = resp.read()
        return (resp.status, {k.lower(): v for k, v in resp.getheaders()},
                json.loads(raw) if raw else None)
    finally:
        conn.close()


def t_rate_limit(s, c):
    """Token buckets: per API key (saved charts) and per client address
    (everything but the operations endpoints); 429 rate_limited with
    Retry-After, counted in request_count_total."""
    if c.backend != "sqlite":
        return
    srv = Server(c.build, "--database-url", c.url, "--access-log", "false",
                 "--rate-limit-key", "2", "--rate-limit-key-burst", "3")
    try:
        hdr = auth(c.keys["alice"])
        got = [get_from(srv, "127.0.0.1", "/v1/kundlis?limit=1", hdr)[0] for _ in range(4)]
        st, h, doc = get_from(srv, "127.0.0.1", "/v1/kundlis?limit=1", hdr)
        s.check(got == [200, 200, 200, 429] and st == 429, "a key's burst of 3, then 429: %r" % got)
        s.check(err_of(doc)[0] == "rate_limited" and h.get("retry-after") == "1",  # ceil(0.5)
                "429 rate_limited with Retry-After 1: %r %r" % (doc, h.get("retry-after")))
        st, _, _ = get_from(srv, "127.0.0.1", "/v1/kundlis?limit=1", auth(c.keys["bob"]))
        s.check(st == 200, "another key has its own bucket (%d)" % st)
        time.sleep(0.6)
        st, _, _ = get_from(srv, "127.0.0.1", "/v1/kundlis?limit=1", hdr)
        s.check(st == 200, "the bucket refills at 2/s (%d)" % st)
        m = srv.metrics()
        s.check(m.get('request_count_total{endpoint="kundlis",status="429"}') == 2,
                "429s counted: %r" % m.get('request_count_total{endpoint="kundlis",status="429"}'))
    finally:
        srv.stop()
    srv = Server(c.build, "--database-url", c.url, "--access-log", "false",
                 "--rate-limit-ip", "1", "--rate-limit-ip-burst", "2")
    try:
        q = "/v1/kundli?date=1996-12-07&time=10:34&tz=Asia/Kolkata&lat=13.0878&lon=80.2785"
        got = [get_from(srv, "127.0.0.1", q)[0] for _ in range(3)]
        s.check(got == [200, 200, 429], "an address's burst of 2, then 429: %r" % got)
        st, _, _ = get_from(srv, "127.0.0.1", "/healthz")
        s.check(st == 200, "/healthz is never limited (%d)" % st)
        st, _, _ = get_from(srv, "127.0.0.2", q)
        s.check(st == 200, "another address has its own bucket (%d)" % st)
    finally:
        srv.stop()


def t_auth_compute(s, c):
    """auth_compute on: the compute endpoints need a key too (and a cache
    hit is no way around it); off, they are open."""
    if c.backend != "sqlite":
        return
    q = "/v1/kundli?date=1996-12-07&time=10:34&tz=Asia/Kolkata&lat=13.0878&lon=80.2785"
    st, _, _ = c.req(None, "GET", q)
    s.check(st == 200, "compute is open by default (%d)" % st)
    srv = Server(c.build, "--database-url", c.url, "--access-log", "false",
                 "--auth-compute", "true")
    try:
        st, _, doc = srv.json("GET", q, headers=auth(c.keys["alice"]))
        s.check(st == 200, "with a key: 200 (%d)" % st)
        for _ in range(2):  # the second would be a cache hit
            st, h, doc = srv.json("GET", q)
            s.check(st == 401 and err_of(doc)[0] == "unauthorized" and
                    h.get("www-authenticate", "").startswith("Bearer"),
                    "without a key: 401 %d %r" % (st, doc))
        st, _, doc = srv.json("POST", "/v1/match", {"boy": {"nakshatra": "Rohini", "pada": 2},
                                                    "girl": {"nakshatra": 15, "pada": 1}})
        s.check(st == 401, "match without a key: 401 (%d)" % st)
        st, _, _ = srv.json("GET", "/healthz")
        s.check(st == 200, "/healthz stays open (%d)" % st)
    finally:
        srv.stop()


TESTS = [t_auth, t_save_get, t_patch_delete, t_validation, t_isolation, t_pagination,
         t_search_lookup, t_export_import, t_backup, t_concurrent, t_rate_limit,
         t_auth_compute, t_outage, t_kill9]


def run_backend(s, build, url, backend):
    print("-- %s" % backend, flush=True)
    c = Ctx(build, url, backend)
    try:
        s.run(TESTS, c)
    finally:
        c.srv.stop()


def main():
    build = sys.argv[1]
    s = Suite()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with tempfile.TemporaryDirectory(prefix="kundli-saved-") as d:
        run_backend(s, build, "sqlite:" + os.path.join(d, "kundli.db"), "sqlite")
    pg = os.environ.get("KUNDLI_TEST_PG_URL")
    if os.environ.get("KUNDLI_TEST_SAVED_BACKENDS") == "sqlite":
        print("-- postgresql: skipped (KUNDLI_TEST_SAVED_BACKENDS=sqlite)")
    elif pg:
        run_backend(s, build, pg, "postgresql")
    else:
        print("-- postgresql: skipped (no KUNDLI_TEST_PG_URL; run under scripts/pg.sh run)")
    s.finish("saved")


if __name__ == "__main__":
    main()
