"""Checks docs/openapi.json against the code and a real kundlid.

- The document: OpenAPI 3.1 basics; every component used (but NotFound); the
  ErrorCode enum equals src/common/err.h, the Ayanamsa enum src/engine/eph.c,
  paths and methods the routes of src/service/api.c; every example matches
  its schema.
- The server: /openapi.json serves the document byte for byte; real
  responses of every endpoint (200, 304, HEAD, and each error status that can
  be provoked) match the declared status, content type, headers and schemas.
  Schemas are read strictly: an object that lists properties admits no
  others, so an undocumented field fails. Request bodies and query strings
  sent are checked against the request schemas and parameters too.
- Coverage: every property of every request and response schema, and every
  query parameter, must occur in some real exchange, so the document
  describes nothing that the service does not do.

A small validator of the JSON Schema subset the document uses lives here
(Python's standard library has none); it rejects keywords it does not know.
Usage: python3 openapi_check.py BUILD_DIR [LINT_FAILED]
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import copy
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kundlid import Server, Suite  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DOC_PATH = os.path.join(ROOT, "docs", "openapi.json")

# Responses that no request from outside can provoke on a healthy server:
# excluded from the coverage check only (they are still validated if seen).
UNPROVOKABLE = {"#/components/schemas/Error500"}

ANNOTATIONS = {"description", "default", "examples", "example", "title", "format",
               "deprecated", "readOnly", "writeOnly", "$comment"}


def start_server(build, *args):
    """A kundlid whose pid is also written to $KUNDLI_PIDFILE (for the
    caller's cleanup trap)."""
    srv = Server(build, "--access-log", "false", *args)
    pidfile = os.environ.get("KUNDLI_PIDFILE")
    if pidfile:
        with open(pidfile, "a") as f:
            f.write("%d\n" % srv.proc.pid)
    return srv


# ---------------------------------------------------------------- validator
class Validator:
    """JSON Schema (2020-12 subset, as OpenAPI 3.1 uses it) with coverage."""

    def __init__(self, doc):
        self.doc = doc
        self.seen = set()  # (schema pointer, property name) met in real data

    def resolve(self, ref):
        if not ref.startswith("#/"):
            raise ValueError("external $ref " + ref)
        node = self.doc
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def validate(self, inst, schema, ptr, track=True):
        """Returns the list of errors; records coverage when track."""
        errors, seen = self._v(inst, schema, ptr, "$")
        if track and not errors:
            self.seen |= seen
        return errors

    @staticmethod
    def _type_ok(inst, t):
        if t == "null":
            return inst is None
        if t == "boolean":
            return isinstance(inst, bool)
        if t == "integer":
            return (isinstance(inst, int) and not isinstance(inst, bool)) or (
                isinstance(inst, float) and inst.is_integer())
        if t == "number":
            return isinstance(inst, (int, float)) and not isinstance(inst, bool)
        if t == "string":
            return isinstance(inst, str)
        if t == "array":
            return isinstance(inst, list)
        if t == "object":
            return isinstance(inst, dict)
        raise ValueError("unknown type " + t)

    def _v(self, inst, sch, ptr, path):
        errs, seen = [], set()
        if not isinstance(sch, dict):
            return ["%s: schema at %s is not an object" % (path, ptr)], seen
        for k in sch:
            if k not in ANNOTATIONS and k not in KEYWORDS:
                errs.append("%s: unsupported schema keyword %r at %s" % (path, k, ptr))
        if "$ref" in sch:
            e, s = self._v(inst, self.resolve(sch["$ref"]), sch["$ref"], path)
            errs += e
            seen |= s
        if "type" in sch:
            types = sch["type"] if isinstance(sch["type"], list) else [sch["type"]]
            if not any(self._type_ok(inst, t) for t in types):
                errs.append("%s: %r is not of type %s" % (path, short(inst), types))
                return errs, seen
        if "enum" in sch and not any(same(inst, x) for x in sch["enum"]):
            errs.append("%s: %r not in enum %s" % (path, short(inst), short(sch["enum"])))
        if "const" in sch and not same(inst, sch["const"]):
            errs.append("%s: %r is not %r" % (path, short(inst), sch["const"]))
        if isinstance(inst, (int, float)) and not isinstance(inst, bool):
            if "minimum" in sch and inst < sch["minimum"]:
                errs.append("%s: %r < minimum %r" % (path, inst, sch["minimum"]))
            if "maximum" in sch and inst > sch["maximum"]:
                errs.append("%s: %r > maximum %r" % (path, inst, sch["maximum"]))
            if "exclusiveMinimum" in sch and inst <= sch["exclusiveMinimum"]:
                errs.append("%s: %r <= exclusiveMinimum %r" % (path, inst,
                                                              sch["exclusiveMinimum"]))
            if "exclusiveMaximum" in sch and inst >= sch["exclusiveMaximum"]:
                errs.append("%s: %r >= exclusiveMaximum %r" % (path, inst,
                                                              sch["exclusiveMaximum"]))
            if "multipleOf" in sch:
                q = inst / sch["multipleOf"]
                if abs(q - round(q)) > 1e-9:
                    errs.append("%s: %r not a multiple of %r" % (path, inst, sch["multipleOf"]))
        if isinstance(inst, str):
            if "minLength" in sch and len(inst) < sch["minLength"]:
                errs.append("%s: %r shorter than %d" % (path, inst, sch["minLength"]))
            if "maxLength" in sch and len(inst) > sch["maxLength"]:
                errs.append("%s: %r longer than %d" % (path, short(inst), sch["maxLength"]))
            if "pattern" in sch and not re.search(sch["pattern"], inst):
                errs.append("%s: %r does not match %s" % (path, short(inst), sch["pattern"]))
        if isinstance(inst, list):
            if "minItems" in sch and len(inst) < sch["minItems"]:
                errs.append("%s: %d items < minItems %d" % (path, len(inst), sch["minItems"]))
            if "maxItems" in sch and len(inst) > sch["maxItems"]:
                errs.append("%s: %d items > maxItems %d" % (path, len(inst), sch["maxItems"]))
            if "items" in sch:
                for i, x in enumerate(inst):
                    e, s = self._v(x, sch["items"], ptr + "/items", "%s[%d]" % (path, i))
                    errs += e
                    seen |= s
        if isinstance(inst, dict):
            props = sch.get("properties", {})
            for r in sch.get("required", []):
                if r not in inst:
                    errs.append("%s: required property %r missing" % (path, r))
            addl = sch.get("additionalProperties", False if "properties" in sch else True)
            for k, x in inst.items():
                if k in props:
                    seen.add((ptr, k))
                    e, s = self._v(x, props[k], "%s/properties/%s" % (ptr, k),
                                   "%s.%s" % (path, k))
                    errs += e
                    seen |= s
                elif addl is False:
                    errs.append("%s: property %r is not in the schema (%s)" % (path, k, ptr))
                elif isinstance(addl, dict):
                    e, s = self._v(x, addl, ptr + "/additionalProperties", "%s.%s" % (path, k))
                    errs += e
                    seen |= s
        for i, sub in enumerate(sch.get("allOf", [])):
            e, s = self._v(inst, sub, "%s/allOf/%d" % (ptr, i), path)
            errs += e
            seen |= s
        for key in ("oneOf", "anyOf"):
            if key not in sch:
                continue
            good = []
            branch_errs = []
            for i, sub in enumerate(sch[key]):
                e, s = self._v(inst, sub, "%s/%s/%d" % (ptr, key, i), path)
                if e:
                    branch_errs.append(e[0])
                else:
                    good.append(s)
            if not good:
                errs.append("%s: no %s branch matches (%s)" % (path, key, "; ".join(branch_errs)))
            elif key == "oneOf" and len(good) > 1:
                errs.append("%s: %d oneOf branches match" % (path, len(good)))
            else:
                seen |= good[0]
        return errs, seen

    def universe(self, schema, ptr, out, visited):
        """Every (schema pointer, property) reachable from schema."""
        if not isinstance(schema, dict) or ptr in visited:
            return
        visited.add(ptr)
        if "$ref" in schema:
            self.universe(self.resolve(schema["$ref"]), schema["$ref"], out, visited)
        for k, sub in schema.get("properties", {}).items():
            out.add((ptr, k))
            self.universe(sub, "%s/properties/%s" % (ptr, k), out, visited)
        if isinstance(schema.get("items"), dict):
            self.universe(schema["items"], ptr + "/items", out, visited)
        for key in ("oneOf", "anyOf", "allOf"):
            for i, sub in enumerate(schema.get(key, [])):
                self.universe(sub, "%s/%s/%d" % (ptr, key, i), out, visited)


KEYWORDS = {"$ref", "type", "enum", "const", "minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "items",
            "minItems", "maxItems", "properties", "required", "additionalProperties", "oneOf",
            "anyOf", "allOf"}


def same(a, b):
    """JSON equality (1 == 1.0, but True != 1)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return a == b


def short(x):
    s = json.dumps(x, ensure_ascii=False)
    return s if len(s) < 80 else s[:77] + "..."


# ---------------------------------------------------------------- the document
def media_schema(content, ctype):
    """(schema, pointer) for a response content type, or (None, None)."""
    for k, v in content.items():
        if k.split(";")[0].strip() == ctype.split(";")[0].strip():
            return v.get("schema"), k
    return None, None


class Doc:
    def __init__(self, raw):
        self.raw = raw
        self.doc = json.loads(raw)
        self.v = Validator(self.doc)

    def deref(self, node):
        while isinstance(node, dict) and "$ref" in node:
            node = self.v.resolve(node["$ref"])
        return node

    def operation(self, method, path):
        """(operation, pointer) or (None, reason) where reason is 404/405."""
        item = self.doc["paths"].get(path)
        if item is None:  # a template such as /v1/kundlis/{id}
            for tmpl, it in self.doc["paths"].items():
                pattern = "^" + re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", re.escape(tmpl)) + "$"
                if "{" in tmpl and re.match(pattern, path) and path.rsplit("/", 1)[1] not in (
                        p.rsplit("/", 1)[1] for p in self.doc["paths"] if "{" not in p):
                    item, path = it, tmpl
                    break
        if item is None:
            return None, 404
        op = item.get(method.lower())
        if op is None:
            return None, 405
        return op, "#/paths/%s/%s" % (path.replace("~", "~0").replace("/", "~1"),
                                      method.lower())

    def response(self, method, path, status):
        """(response object, pointer) declared for this exchange."""
        op, where = self.operation(method, path)
        if op is None:
            name = {404: "NotFound", 405: "MethodNotAllowed"}[where]
            return self.doc["components"]["responses"][name], "#/components/responses/" + name
        resp = op["responses"].get(str(status))
        if resp is None:
            return None, None
        ptr = where + "/responses/%d" % status
        if "$ref" in resp:
            ptr = resp["$ref"]
        return self.deref(resp), ptr

    def params(self, op):
        return [self.deref(p) for p in op.get("parameters", [])]


# ---------------------------------------------------------------- exchanges
CHENNAI = {"date": "1996-12-07", "time": "10:34", "timezone": "Asia/Kolkata",
           "latitude": 13.0878, "longitude": 80.2785}
Q = {"date": "1996-12-07", "time": "10:34", "tz": "Asia/Kolkata", "lat": "13.0878",
     "lon": "80.2785"}


def qs(base=None, **kw):
    d = dict(Q if base is None else base)
    d.update(kw)
    return urllib.parse.urlencode(d, safe=":,/")


class Checker:
    def __init__(self, suite, doc):
        self.s = suite
        self.d = doc
        self.params_seen = set()  # (operation pointer, parameter name)
        self.request_seen = set()

    def check_query(self, op, where, query):
        declared = {p["name"]: p for p in self.d.params(op) if p["in"] == "query"}
        for k, vals in urllib.parse.parse_qs(query, keep_blank_values=True).items():
            p = declared.get(k)
            if p is None:
                self.s.check(False, "%s: query parameter %r is not documented" % (where, k))
                continue
            self.params_seen.add((where.rsplit("/", 1)[0], k))  # GET and HEAD alike
            sch = self.d.deref(p["schema"])
            value = vals[-1]
            typ = sch.get("type") or self.d.deref(sch).get("type")
            try:
                if typ == "number":
                    inst = float(value)
                elif typ == "integer":
                    inst = int(value)
                elif typ == "boolean":
                    inst = {"true": True, "false": False, "1": True, "0": False}[value]
                elif typ == "array":
                    inst = value.split(",")
                else:
                    inst = value
            except (ValueError, KeyError):
                inst = value
            errs = self.d.v.validate(inst, p["schema"], "%s/parameters/%s" % (where, k))
            self.s.check(not errs, "%s: parameter %s=%r: %s" % (where, k, value, errs[:3]))
        for name, p in declared.items():
            if p.get("required") and name not in urllib.parse.parse_qs(query):
                aliases = {"tz": "timezone", "lat": "latitude", "lon": "longitude"}
                if aliases.get(name) not in urllib.parse.parse_qs(query):
                    self.s.check(False, "%s: required parameter %s not sent" % (where, name))

    def exchange(self, srv, method, url, status, body=None, raw_body=None, headers=None,
                 code=None, valid_request=None):
        """Sends one request, checks it against the document; returns (h, doc)."""
        path, _, query = url.partition("?")
        what = "%s %s -> %d" % (method, url[:70], status)
        hdrs = dict(headers or {})
        op, where = self.d.operation(method, path)
        if valid_request is None:
            valid_request = status < 300
        if op is not None and valid_request:
            if query:
                self.check_query(op, where, query)
            if body is not None:
                rb = op.get("requestBody")
                self.s.check(rb is not None, what + ": the operation takes no body")
                if rb and "application/json" in rb["content"]:
                    sch = rb["content"]["application/json"]["schema"]
                    errs = self.d.v.validate(body, sch, where + "/requestBody")
                    self.s.check(not errs, "%s: request body: %s" % (what, errs[:3]))
        st, h, raw = srv.request(method, url, body=body, headers=hdrs, raw_body=raw_body)
        self.s.check(st == status, "%s: got status %d (%s)" % (what, st, raw[:150]))
        resp, rptr = self.d.response(method, path, st)
        self.s.check(resp is not None, "%s: status %d is not documented" % (what, st))
        if resp is None:
            return h, None
        # headers: declared ones present (when required) and valid; the
        # significant ones the server sent are declared
        declared = {k.lower(): self.d.deref(v) for k, v in resp.get("headers", {}).items()}
        for name, hd in declared.items():
            if name in h:
                errs = self.d.v.validate(h[name], hd["schema"], rptr + "/headers/" + name)
                self.s.check(not errs, "%s: header %s: %s" % (what, name, errs))
            elif hd.get("required"):
                self.s.check(False, "%s: required header %s missing" % (what, name))
        for name in ("x-request-id", "vary", "etag", "cache-control", "content-encoding",
                     "allow"):
            if name in h:
                self.s.check(name in declared, "%s: header %s sent but not documented"
                             % (what, name))
        # body
        content = resp.get("content")
        doc = None
        if method == "HEAD" or not content:
            self.s.check(raw == b"", "%s: body expected empty, got %r" % (what, raw[:60]))
            return h, None
        sch, key = media_schema(content, h.get("content-type", ""))
        self.s.check(key is not None, "%s: content type %r not documented (%s)"
                     % (what, h.get("content-type"), list(content)))
        if key is None:
            return h, None
        if key.startswith("application/json"):
            try:
                doc = json.loads(raw)
            except ValueError:
                self.s.check(False, what + ": body is not JSON")
                return h, None
        else:
            doc = raw.decode("utf-8")
        if sch is not None:
            errs = self.d.v.validate(doc, sch, rptr + "/content/" + key.replace("/", "~1")
                                     + "/schema")
            self.s.check(not errs, "%s: response does not match the schema: %s"
                         % (what, "\n  ".join(errs[:8])))
        if code is not None:
            got = doc.get("error", {}).get("code") if isinstance(doc, dict) else None
            self.s.check(got == code, "%s: error code %r, expected %r" % (what, got, code))
        return h, doc


# ---------------------------------------------------------------- the checks
def c_document(s, d):
    doc = d.doc
    s.check(doc.get("openapi", "").startswith("3."), "openapi version")
    s.check(doc["info"].get("license", {}).get("identifier") == "AGPL-3.0-or-later" or
            doc["info"].get("license", {}).get("name") == "AGPL-3.0-or-later", "info.license")
    s.check(doc.get("servers") and doc["servers"][0]["url"] == "http://127.0.0.1:8080",
            "servers")
    # every component referenced (NotFound documents the unlisted paths)
    refs = set(re.findall(r'"\$ref":\s*"(#/components/[^"]+)"', d.raw.decode("utf-8")))
    used_schemes = {name for item in doc["paths"].values() for op in item.values()
                    for req in op.get("security", []) for name in req}
    for kind, comps in doc["components"].items():
        for name in comps:
            ptr = "#/components/%s/%s" % (kind, name)
            if kind == "securitySchemes":  # named by operations' security, not by $ref
                s.check(name in used_schemes, "security scheme %s is never used" % name)
                continue
            if ptr != "#/components/responses/NotFound":
                s.check(ptr in refs, "component %s is never used" % ptr)
    for r in refs:
        try:
            d.v.resolve(r)
        except (KeyError, ValueError):
            s.check(False, "dangling $ref " + r)


def c_source_names(s, d):
    """The document's enumerations and routes agree with the C source."""
    err_h = open(os.path.join(ROOT, "src", "common", "err.h")).read()
    codes = re.findall(r'X\(ERR_[A-Z_]+,\s*"([a-z_]+)"\)', err_h)
    schemas = d.doc["components"]["schemas"]
    s.check(len(codes) > 20 and sorted(codes) == sorted(schemas["ErrorCode"]["enum"]),
            "ErrorCode enum = err.h: %s" % sorted(set(codes) ^ set(schemas["ErrorCode"]["enum"])))
    by_status = []
    for name, sch in schemas.items():
        if re.fullmatch(r"Error\d{3}", name):
            by_status += sch["properties"]["error"]["properties"]["code"]["enum"]
    s.check(sorted(by_status) == sorted(codes), "the status error schemas cover every code once")
    errors_c = open(os.path.join(ROOT, "src", "service", "errors.c")).read()
    for name, sch in schemas.items():
        m = re.fullmatch(r"Error(\d{3})", name)
        if not m:
            continue
        for code in sch["properties"]["error"]["properties"]["code"]["enum"]:
            sym = re.search(r'X\((ERR_[A-Z_]+),\s*"%s"\)' % code, err_h).group(1)
            hit = re.search(r"case %s:(?:\s*case ERR_[A-Z_]+:)*\s*return (\d+);" % sym, errors_c)
            status = int(hit.group(1)) if hit else 422
            s.check(status == int(m.group(1)), "%s is HTTP %d in errors.c, %s in the document"
                    % (code, status, m.group(1)))
    registry = open(os.path.join(ROOT, "src", "engine", "sections.def")).read()
    rows = re.findall(r'^SECTION\(\s*[A-Z_]+,\s*"([a-z_]+)"', registry, re.M)
    s.check(len(rows) >= 8 and rows == schemas["Section"]["enum"],
            "Section enum = the section registry (sections.def): %s vs %s"
            % (rows, schemas["Section"]["enum"]))
    eph = open(os.path.join(ROOT, "src", "engine", "eph.c")).read()
    block = re.search(r"ayanamsa_names\[EPH_AYANAMSA_COUNT\] = \{(.*?)\};", eph, re.S).group(1)
    names = re.findall(r'"([a-z0-9_]+)"', block)
    s.check(len(names) == 47 and names == schemas["Ayanamsa"]["enum"],
            "Ayanamsa enum = eph.c (%d names)" % len(names))
    api = open(os.path.join(ROOT, "src", "service", "api.c")).read()
    routes = re.findall(r'\{"(/[^"]*)",\s*[A-Z_| ]+,\s*"([A-Z, ]+)"', api)
    s.check(len(routes) >= 8, "routes found in api.c")
    for path, allow in routes:
        item = d.doc["paths"].get(path, {})
        want = sorted(m.strip().lower() for m in allow.split(","))
        s.check(sorted(item) == want, "%s: methods %s in api.c, %s in the document"
                % (path, want, sorted(item)))
    s.check(len(routes) == len(d.doc["paths"]), "no path documented that api.c lacks")


def c_examples(s, d):
    """Every example in the document matches its schema (strictly)."""
    n = 0
    for path, item in d.doc["paths"].items():
        for method, op in item.items():
            where = "%s %s" % (method.upper(), path)
            contents = []
            if "requestBody" in op:
                contents.append(("request", op["requestBody"]["content"]))
            for st, r in op["responses"].items():
                r = d.deref(r)
                if "content" in r:
                    contents.append((st, r["content"]))
            for p in d.params(op):
                if "example" in p:
                    n += 1
                    errs = d.v.validate(p["example"], p["schema"], "param", track=False)
                    s.check(not errs, "%s parameter %s example: %s" % (where, p["name"], errs))
            for label, content in contents:
                for ctype, media in content.items():
                    exs = []
                    if "example" in media:
                        exs.append(("example", media["example"]))
                    for name, e in media.get("examples", {}).items():
                        exs.append((name, d.deref(e)["value"]))
                    for name, value in exs:
                        n += 1
                        if not ctype.startswith("application/json"):
                            s.check(isinstance(value, str), "%s %s text example" % (where, label))
                            continue
                        errs = d.v.validate(value, media["schema"], "example", track=False)
                        s.check(not errs, "%s %s example %s: %s" % (where, label, name,
                                                                   errs[:5]))
    s.check(n >= 20, "examples found: %d" % n)


def c_validator_fails(s, d, srv):
    """The validator rejects what it must (so that a pass means something)."""
    _, _, raw = srv.request("GET", "/v1/kundli?" + qs(sections="planets,houses,doshas"))
    good = json.loads(raw)
    chart = {"$ref": "#/components/schemas/Chart"}
    s.check(not d.v.validate(good, chart, "self", track=False), "a real chart validates")
    bad = []
    b = copy.deepcopy(good)
    del b["planets"][0]["sign"]
    bad.append(("missing property", b))
    b = copy.deepcopy(good)
    b["planets"][1]["surprise"] = 1
    bad.append(("undocumented property", b))
    b = copy.deepcopy(good)
    b["planets"][2]["sign"] = "Ophiuchus"
    bad.append(("enum", b))
    b = copy.deepcopy(good)
    b["ascendant"]["longitude"] = 360.0
    bad.append(("exclusive maximum", b))
    b = copy.deepcopy(good)
    b["input"]["ut"] = "1996-12-07 05:04"
    bad.append(("pattern", b))
    b = copy.deepcopy(good)
    b["houses"] = b["houses"][:11]
    bad.append(("minItems", b))
    b = copy.deepcopy(good)
    b["planets"][0]["retrograde"] = 0
    bad.append(("boolean type", b))
    b = copy.deepcopy(good)
    b["doshas"]["kaal_sarp"]["type"] = 7
    bad.append(("nullable string", b))
    for what, inst in bad:
        s.check(bool(d.v.validate(inst, chart, "self", track=False)),
                "the validator accepts a chart with a wrong %s" % what)


def c_openapi_served(s, d, chk, srv):
    st, h, raw = srv.request("GET", "/openapi.json")
    s.check(st == 200 and raw == d.raw, "GET /openapi.json serves docs/openapi.json as built "
            "(rebuild after editing it): %d, %d vs %d bytes" % (st, len(raw), len(d.raw)))
    st, h, raw = srv.request("GET", "/openapi.json", headers={"Accept-Encoding": "gzip"})
    s.check(h.get("content-encoding") == "gzip" and raw == d.raw, "gzip /openapi.json")
    chk.exchange(srv, "GET", "/openapi.json", 200, headers={"Accept-Encoding": "gzip"})
    chk.exchange(srv, "HEAD", "/openapi.json", 200)
    chk.exchange(srv, "POST", "/openapi.json", 405, body={}, code="method_not_allowed")


def c_kundli(s, d, chk, srv):
    ex = chk.exchange
    # every section, sade sati active (Moon in Libra, Saturn in Libra in 2012)
    ex(srv, "GET", "/v1/kundli?" + qs(as_of="2012-01-01"), 200)
    # the same with the display names (every *_display field)
    ex(srv, "GET", "/v1/kundli?" + qs(as_of="2012-01-01", lang="ta"), 200)
    # the D1 chart, gzip, conditional GET and HEAD
    url = "/v1/kundli?" + qs(sections="planets,houses", as_of="2026-01-01")  # a fixed ETag
    h, _ = ex(srv, "GET", url, 200, headers={"Accept-Encoding": "gzip"})
    s.check(h.get("content-encoding") == "gzip", "gzip chart")
    etag = h.get("etag", "")
    ex(srv, "GET", url, 304, headers={"If-None-Match": etag})
    ex(srv, "HEAD", url, 200)
    ex(srv, "HEAD", url, 304, headers={"If-None-Match": etag})
    # every option (long parameter names here)
    ex(srv, "GET", "/v1/kundli?" + qs({}, date="1996-12-07", time="10:34:00",
                                      timezone="Asia/Kolkata", latitude="13.0878",
                                      longitude="80.2785", altitude="100", ayanamsa="raman",
                                      node="true", house_system="placidus", positions="true",
                                      topocentric="true", outer_planets="1",
                                      dasha_year_days="360", dasha_levels="3",
                                      yogini_levels="2", hora="parivritti",
                                      dasha_systems="vimshottari,yogini,ashtottari,chara,kalachakra",
                                      ashtottari_levels="3", chara_levels="2",
                                      kalachakra_levels="2", ashtottari_rule="paksha",
                                      chara_method="pvr", as_of="2026-01-01"), 200)
    # LMT at 78 N: no sunrise, placidus falls back to porphyry
    ex(srv, "GET", "/v1/kundli?" + qs(date="1980-06-21", time="12:00", tz="LMT", lat="78.2",
                                      lon="15.6", houses="placidus",
                                      sections="planets,houses,panchang,doshas"), 200)
    # a repeated hour with fold, a fixed offset
    ex(srv, "GET", "/v1/kundli?" + qs(date="2021-11-07", time="01:30", tz="America/New_York",
                                      lat="40.7", lon="-74", fold="1", as_of="2024-06-01",
                                      sections="planets,doshas,yogas"), 200)
    ex(srv, "GET", "/v1/kundli?" + qs(tz="+05:30", sections="planets,vargas"), 200)
    # the nodes' graha drishti, and the opt-in transits of a day
    ex(srv, "GET", "/v1/kundli?" + qs(sections="aspects", node_aspects="bphs"), 200)
    ex(srv, "GET", "/v1/kundli?" + qs(sections="aspects,transits", as_of="2025-04-02",
                                      lang="ta"), 200)
    ex(srv, "GET", "/v1/kundli?" + qs(sections="planets,transits", as_of="2025-03-29"), 200)
    # POST with every birth field and option
    body = {"birth": dict(CHENNAI, altitude=12.5, time="10:34:00"),
            "options": {"ayanamsa": "krishnamurti", "node": "mean", "house_system": "koch",
                        "positions": "apparent", "topocentric": False, "outer_planets": True,
                        "dasha_year_days": 365.25, "dasha_levels": 1, "yogini_levels": 1,
                        "hora": "parashara",
                        "sections": ["planets", "houses", "dasha", "summary"],
                        "dasha_systems": ["chara", "kalachakra", "ashtottari"],
                        "ashtottari_levels": 2, "chara_levels": 1, "kalachakra_levels": 1,
                        "ashtottari_rule": "rahu", "chara_method": "knrao",
                        "as_of": "2026-01-01", "lang": "hi", "node_aspects": "seventh"}}
    ex(srv, "POST", "/v1/kundli", 200, body=body, headers={"Accept-Encoding": "gzip"})
    body = {"birth": {"date": "2021-11-07", "time": "01:30", "timezone": "America/New_York",
                      "latitude": 40.7, "longitude": -74.0, "fold": 0},
            "options": {"sections": "planets,dasha"}}
    ex(srv, "POST", "/v1/kundli", 200, body=body)
    # errors of GET
    bad = [
        (dict(lat="91"), "invalid_latitude"), (dict(lon="-181"), "invalid_longitude"),
        (dict(date="2023-02-29"), "invalid_date"), (dict(date="5400-01-01"), "date_out_of_range"),
        (dict(time="24:00"), "invalid_time"), (dict(tz="Mars/Olympus"), "unknown_timezone"),
        (dict(date="2021-11-07", time="01:30", tz="America/New_York"), "ambiguous_local_time"),
        (dict(date="2021-03-14", time="02:30", tz="America/New_York"), "nonexistent_local_time"),
        (dict(fold="2"), "invalid_fold"), (dict(altitude="-501"), "invalid_altitude"),
        (dict(ayanamsa="sayana"), "unknown_ayanamsa"), (dict(node="osculating"), "unknown_node"),
        (dict(houses="vedic"), "unknown_house_system"), (dict(sections="svgs"), "unknown_section"),
        (dict(sections="svg", chart_style="west"), "invalid_value"),
        (dict(dasha_levels="4"), "invalid_value"), (dict(place="Springfield"), "ambiguous_place"),
        (dict(dasha_systems="vimsottari"), "invalid_value"), (dict(chara_levels="3"), "invalid_value"),
        (dict(place="Qqqzzx"), "unknown_place"), (dict(lat="13,08"), "invalid_number"),
        (dict(tz="IST"), "ambiguous_timezone"), (dict(latitude="13"), "duplicate_parameter"),
        (dict(lang="xx"), "invalid_value"),
        (dict(node_aspects="all"), "invalid_value"),
    ]
    for extra, code in bad:
        ex(srv, "GET", "/v1/kundli?" + qs(**extra), 422, code=code)
    ex(srv, "GET", "/v1/kundli?date=1996-12-07", 422, code="missing_field")
    ex(srv, "HEAD", "/v1/kundli?" + qs(lat="91"), 422)
    # errors of POST
    ex(srv, "POST", "/v1/kundli", 400, raw_body=b'{"birth": ',
       headers={"Content-Type": "application/json"}, code="malformed_json")
    ex(srv, "POST", "/v1/kundli", 415, raw_body=b"date=1996-12-07",
       headers={"Content-Type": "application/x-www-form-urlencoded"},
       code="unsupported_media_type")
    ex(srv, "POST", "/v1/kundli", 413, raw_body=b" " * (64 * 1024 + 1),
       headers={"Content-Type": "application/json"}, code="too_large")
    ex(srv, "POST", "/v1/kundli", 422, body={"birth": dict(CHENNAI, place="Springfield")},
       code="ambiguous_place")
    # a place instead of coordinates, echoed as input.place; pretty=1
    _, doc = ex(srv, "GET", "/v1/kundli?" + qs({}, date="1996-12-07", time="10:34",
                                               place="Chennai, India", sections="planets",
                                               pretty="1"), 200)
    if doc["input"]["place"]["timezone"] != "Asia/Kolkata":
        raise AssertionError("place not resolved: %r" % doc["input"])
    ex(srv, "POST", "/v1/kundli", 200, body={"birth": {"date": "1996-12-07", "time": "10:34",
                                                       "place": "Chennai, India"}})
    ex(srv, "POST", "/v1/kundli", 422, body={"options": {}}, code="missing_field")
    # explain: the swetest commands, in the query and in a body
    _, doc = ex(srv, "GET", "/v1/kundli?" + qs(sections="planets", explain="1"), 200)
    s.check(isinstance(doc, dict) and len(doc.get("explain", {}).get("swetest", [])) == 2,
            "explain=1: two swetest commands")
    ex(srv, "POST", "/v1/kundli", 200, body={"birth": CHENNAI,
                                             "options": {"sections": ["houses"],
                                                         "explain": True}})
    ex(srv, "GET", "/v1/kundli?" + qs(explain="maybe"), 422, code="invalid_value")
    ex(srv, "DELETE", "/v1/kundli", 405, code="method_not_allowed")
    ex(srv, "PUT", "/v1/kundli", 405, body={}, code="method_not_allowed")


def c_kundli_svg(s, d, chk, srv):
    """GET/HEAD /v1/kundli/chart.svg, and section svg of the chart document."""
    ex = chk.exchange
    url = "/v1/kundli/chart.svg?" + qs(style="south", varga="D9", name="Chennai <1996>")
    h, doc = ex(srv, "GET", url, 200, headers={"Accept-Encoding": "gzip"})
    s.check(h.get("content-encoding") == "gzip" and isinstance(doc, str) and
            'data-style="south"' in doc and "Chennai &lt;1996&gt;" in doc,
            "chart.svg: gzip, the style and the escaped name")
    etag = h.get("etag", "")
    ex(srv, "GET", url, 304, headers={"If-None-Match": etag})
    ex(srv, "HEAD", url, 200)
    ex(srv, "HEAD", url, 304, headers={"If-None-Match": etag})
    # every parameter (long names here)
    ex(srv, "GET", "/v1/kundli/chart.svg?" + qs({}, date="1996-12-07", time="10:34:00",
                                                timezone="Asia/Kolkata", latitude="13.0878",
                                                longitude="80.2785", altitude="100",
                                                fold="0", ayanamsa="raman", node="true",
                                                house_system="placidus", positions="true",
                                                topocentric="true", outer_planets="1",
                                                hora="parivritti", chart_style="east",
                                                varga="d60"), 200)
    ex(srv, "GET", "/v1/kundli/chart.svg?" + qs(houses="equal", style="north"), 200)
    ex(srv, "GET", "/v1/kundli/chart.svg?" + qs(style="south", lang="hi"), 200)
    ex(srv, "GET", "/v1/kundli/chart.svg?" + qs(style="west"), 422, code="invalid_value")
    ex(srv, "GET", "/v1/kundli/chart.svg?" + qs(varga="D5"), 422, code="invalid_value")
    ex(srv, "GET", "/v1/kundli/chart.svg?" + qs(name="x" * 121), 422, code="invalid_value")
    ex(srv, "GET", "/v1/kundli/chart.svg?" + qs(sections="planets"), 422, code="unknown_field")
    ex(srv, "GET", "/v1/kundli/chart.svg?date=1996-12-07", 422, code="missing_field")
    ex(srv, "HEAD", "/v1/kundli/chart.svg?" + qs(style="west"), 422)
    ex(srv, "POST", "/v1/kundli/chart.svg", 405, body={}, code="method_not_allowed")
    # section svg, in the query and in a body
    _, doc = ex(srv, "GET", "/v1/kundli?" + qs(sections="planets,svg", chart_style="south"), 200)
    s.check(isinstance(doc, dict) and doc.get("svg", {}).get("style") == "south",
            "sections=svg: the drawings in chart_style")
    body = {"birth": CHENNAI, "options": {"sections": ["svg"], "chart_style": "east"}}
    ex(srv, "POST", "/v1/kundli", 200, body=body)


def c_kundli_sensitivity(s, d, chk, srv):
    """GET/HEAD /v1/kundli/sensitivity."""
    ex = chk.exchange
    url = "/v1/kundli/sensitivity?" + qs(window="10m", houses="placidus", as_of="2014-07-16")
    h, doc = ex(srv, "GET", url, 200, headers={"Accept-Encoding": "gzip"})
    s.check(isinstance(doc, dict) and any(c.get("house") for c in doc.get("changes", [])) and
            any(c["kind"] == "dasha" for c in doc.get("changes", [])),
            "sensitivity: cusp and dasha changes")
    etag = h.get("etag", "")
    ex(srv, "GET", url, 304, headers={"If-None-Match": etag})
    ex(srv, "HEAD", url, 200)
    ex(srv, "HEAD", url, 304, headers={"If-None-Match": etag})
    # every parameter (long names here)
    ex(srv, "GET", "/v1/kundli/sensitivity?" + qs({}, date="1996-12-07", time="10:34:00",
                                                  timezone="Asia/Kolkata", latitude="13.0878",
                                                  longitude="80.2785", altitude="100", fold="0",
                                                  ayanamsa="raman", house_system="sripati",
                                                  positions="true", topocentric="true",
                                                  dasha_year_days="360", as_of="2020-01-01",
                                                  window="2h", pretty="1"), 200)
    ex(srv, "GET", "/v1/kundli/sensitivity?" + qs({}, date="1996-12-07", time="10:34",
                                                  place="Chennai, India", window="90s"), 200)
    for window in ("0m", "25h", "30", "1.5h", "2d"):
        ex(srv, "GET", "/v1/kundli/sensitivity?" + qs(window=window), 422, code="invalid_value")
    ex(srv, "GET", "/v1/kundli/sensitivity?" + qs(window="1h") + "&window=2h", 422,
       code="duplicate_parameter")
    ex(srv, "GET", "/v1/kundli/sensitivity?" + qs(date="5399-12-31", window="24h"), 422,
       code="date_out_of_range")
    ex(srv, "GET", "/v1/kundli/sensitivity?" + qs(lat="91"), 422, code="invalid_latitude")
    ex(srv, "GET", "/v1/kundli/sensitivity?date=1996-12-07", 422, code="missing_field")
    ex(srv, "HEAD", "/v1/kundli/sensitivity?" + qs(window="x"), 422)
    ex(srv, "POST", "/v1/kundli/sensitivity", 405, body={}, code="method_not_allowed")


def c_kundli_kp(s, d, chk, srv):
    """Section kp: natal (ruling planets at the chart's moment, then at
    as_of), horary, and its options' errors."""
    ex = chk.exchange
    _, doc = ex(srv, "GET", "/v1/kundli?" + qs(sections="planets,kp"), 200)
    kp = doc.get("kp", {}) if isinstance(doc, dict) else {}
    s.check(kp.get("horary", 1) is None and len(kp.get("cusps", [])) == 12 and
            kp.get("ruling_planets", {}).get("basis") == "chart",
            "sections=kp: natal, 12 cusps, ruling planets at the birth")
    _, doc = ex(srv, "GET", "/v1/kundli?" + qs(sections="kp", kp_horary="145",
                                              kp_ayanamsa="krishnamurti_vp291",
                                              as_of="2024-01-01"), 200)
    kp = doc.get("kp", {}) if isinstance(doc, dict) else {}
    s.check(kp.get("horary", {}).get("number") == 145 and
            kp.get("ayanamsa") == "krishnamurti_vp291" and
            kp.get("ruling_planets", {}).get("basis") == "as_of",
            "kp_horary=145, kp_ayanamsa, ruling planets at as_of")
    body = {"birth": CHENNAI, "options": {"sections": ["kp"], "kp_horary": 1,
                                          "kp_ayanamsa": "krishnamurti", "lang": "te"}}
    ex(srv, "POST", "/v1/kundli", 200, body=body)
    ex(srv, "GET", "/v1/kundli?" + qs(sections="kp", kp_horary="0"), 422, code="invalid_value")
    ex(srv, "GET", "/v1/kundli?" + qs(sections="kp", kp_horary="250"), 422,
       code="invalid_value")
    ex(srv, "GET", "/v1/kundli?" + qs(sections="kp", kp_ayanamsa="lahiri"), 422,
       code="invalid_value")


def c_kundli_strength(s, d, chk, srv):
    """Section strength: only when named; a chart with a planetary war (Jupiter and Saturn
    0.1 degree apart on 2020-12-21) fills its war object."""
    ex = chk.exchange
    _, doc = ex(srv, "GET", "/v1/kundli?" + qs(sections="strength"), 200)
    s.check(isinstance(doc, dict) and len(doc.get("strength", {}).get("shadbala", [])) == 7 and
            len(doc["strength"]["bhava_bala"]) == 12 and doc["strength"]["war"] is None,
            "sections=strength: seven grahas, twelve houses, no war")
    _, doc = ex(srv, "GET", "/v1/kundli?" + qs(as_of="2026-01-01"), 200)
    s.check(isinstance(doc, dict) and "strength" not in doc, "strength is not a default section")
    body = {"birth": {"date": "2020-12-21", "time": "18:00", "timezone": "Asia/Kolkata",
                      "latitude": 13.0878, "longitude": 80.2785},
            "options": {"sections": ["planets", "strength"], "lang": "gu"}}
    _, doc = ex(srv, "POST", "/v1/kundli", 200, body=body)
    s.check(isinstance(doc, dict) and (doc.get("strength", {}).get("war") or {}).get("winner")
            in ("Jupiter", "Saturn"), "2020-12-21: Jupiter and Saturn at war")
    # strength_school: raman by default, bphs on request (the Sun needs 6.5 rupas), else 422
    _, raman = ex(srv, "GET", "/v1/kundli?" + qs(sections="strength"), 200)
    _, bphs = ex(srv, "GET", "/v1/kundli?" + qs(sections="strength", strength_school="bphs"), 200)
    s.check(isinstance(raman, dict) and isinstance(bphs, dict) and
            raman["strength"]["school"] == "raman" and bphs["strength"]["school"] == "bphs" and
            raman["strength"]["shadbala"][0]["required"] == 5 and
            bphs["strength"]["shadbala"][0]["required"] == 6.5,
            "strength_school: raman by default, bphs asked for")
    body["options"]["strength_school"] = "bphs"
    _, doc = ex(srv, "POST", "/v1/kundli", 200, body=body)
    s.check(isinstance(doc, dict) and doc.get("strength", {}).get("school") == "bphs",
            "options.strength_school in a JSON body")
    ex(srv, "GET", "/v1/kundli?" + qs(sections="strength", strength_school="jhora"), 422,
       code="invalid_value")


def c_batch(s, d, chk, srv):
    ex = chk.exchange
    good = {"birth": CHENNAI, "options": {"sections": "planets"}}
    gap = {"birth": {"date": "2021-03-14", "time": "02:30", "timezone": "America/New_York",
                     "latitude": 40.7, "longitude": -74.0}}
    _, doc = ex(srv, "POST", "/v1/kundli/batch", 200, body={"items": [good, gap, good]},
                headers={"Accept-Encoding": "gzip"})
    if doc:
        s.check(doc["count"] == 3 and doc["errors"] == 1 and
                doc["results"][1]["error"]["code"] == "nonexistent_local_time" and
                doc["results"][1]["error"]["field"] == "items[1].birth.time",
                "batch: one bad item, its own error: %s" % short(doc["results"][1]))
    ex(srv, "POST", "/v1/kundli/batch", 413, body={"items": [good] * 101}, code="too_large")
    ex(srv, "POST", "/v1/kundli/batch", 422, body={"items": []}, code="invalid_value")
    ex(srv, "POST", "/v1/kundli/batch", 422, body={"items": [good], "x": 1},
       code="unknown_field")
    ex(srv, "POST", "/v1/kundli/batch", 400, raw_body=b"[",
       headers={"Content-Type": "application/json"}, code="malformed_json")
    ex(srv, "POST", "/v1/kundli/batch", 415, raw_body=b"{}",
       headers={"Content-Type": "text/plain"}, code="unsupported_media_type")
    ex(srv, "GET", "/v1/kundli/batch", 405, code="method_not_allowed")
    line = json.dumps({"id": "a1", "birth": CHENNAI, "options": {"sections": "planets"}})
    ex(srv, "POST", "/v1/kundli/stream", 200, raw_body=(line + "\n{}\n").encode(),
       headers={"Content-Type": "application/x-ndjson"})
    ex(srv, "POST", "/v1/kundli/stream", 415, raw_body=b"{}",
       headers={"Content-Type": "text/plain"}, code="unsupported_media_type")
    ex(srv, "GET", "/v1/kundli/stream", 405, code="method_not_allowed")
    pair = {"boys": [{"id": "B1", "nakshatra": "Anuradha:2"}],
            "girls": [{"id": "G1", "nakshatra": "Revati", "pada": 1}, {"birth": CHENNAI}]}
    ex(srv, "POST", "/v1/match/matrix", 200, body=pair)
    ex(srv, "POST", "/v1/match/matrix", 200, body={
        "boys": [{"id": 1, "birth": CHENNAI, "options": {"ayanamsa": "raman"}},
                 {"id": 2, "nakshatra": "Rohini", "pada": 1}],
        "girls": [{"id": "G", "birth": CHENNAI, "options": {"node": "true"}}],
        "options": {"school": "jhora", "system": "ashtakoota"}, "top": 3, "min_score": 10.5})
    ex(srv, "POST", "/v1/match/matrix", 422, body=dict(pair, top=0), code="invalid_value")
    ex(srv, "POST", "/v1/match/matrix", 422, body={"girls": pair["girls"]},
       code="missing_field")
    ex(srv, "POST", "/v1/match/matrix", 400, raw_body=b"[",
       headers={"Content-Type": "application/json"}, code="malformed_json")


def c_match(s, d, chk, srv):
    ex = chk.exchange
    nak = {"boy": {"nakshatra": "Anuradha", "pada": 2}, "girl": {"nakshatra": 27, "pada": 1}}
    ex(srv, "POST", "/v1/match", 200, body=nak, headers={"Accept-Encoding": "gzip"})
    births = {"boy": {"birth": {"date": "1990-01-01", "time": "10:00",
                                "timezone": "Asia/Kolkata", "latitude": 28.6,
                                "longitude": 77.2}, "options": {"ayanamsa": "lahiri"}},
              "girl": {"birth": CHENNAI}}
    _, doc = ex(srv, "POST", "/v1/match", 200, body=dict(births, options={"lang": "bn"}))
    s.check(doc is not None and "manglik" in doc, "match of two births reports manglik")
    ex(srv, "POST", "/v1/match", 200, body={"boy": {"birth": CHENNAI},
                                            "girl": {"nakshatra": "Revati", "pada": 4}})
    ex(srv, "POST", "/v1/match", 422, body={"boy": {"nakshatra": "Foo", "pada": 1},
                                            "girl": {"nakshatra": "Revati", "pada": 1}},
       code="unknown_nakshatra")
    ex(srv, "POST", "/v1/match", 422, body={"boy": {"nakshatra": "Anuradha", "pada": 5},
                                            "girl": {"nakshatra": "Revati", "pada": 1}},
       code="invalid_value")
    ex(srv, "POST", "/v1/match", 422, body={"girl": {"nakshatra": "Revati", "pada": 1}},
       code="missing_field")
    ex(srv, "POST", "/v1/match", 422, body=dict(nak, options={"lang": "xx"}), code="invalid_value")
    ex(srv, "POST", "/v1/match", 422, body=dict(nak, options={"node": "true"}),
       code="unknown_field")
    ex(srv, "POST", "/v1/match", 400, raw_body=b"{,}",
       headers={"Content-Type": "application/json"}, code="malformed_json")
    ex(srv, "POST", "/v1/match", 415, raw_body=b"{}", headers={"Content-Type": "text/json"},
       code="unsupported_media_type")
    ex(srv, "POST", "/v1/match", 413, raw_body=b"[" + b" " * (70 * 1024) + b"]",
       headers={"Content-Type": "application/json"}, code="too_large")
    # The match's options in the body: porutham, and the jhora school.
    _, doc = ex(srv, "POST", "/v1/match", 200, body=dict(nak, options={"system": "porutham"}))
    s.check(doc is not None and doc.get("system") == "porutham" and len(doc["poruthams"]) == 10,
            "match: system porutham")
    _, doc = ex(srv, "POST", "/v1/match", 200, body=dict(nak, options={"school": "jhora"}))
    s.check(doc is not None and doc.get("school") == "jhora", "match: school jhora echoed")
    ex(srv, "POST", "/v1/match", 422, body=dict(nak, options={"system": "south"}),
       code="invalid_value")
    ex(srv, "POST", "/v1/match", 422, body=dict(nak, options={"system": "porutham",
                                                              "school": "jhora"}),
       code="invalid_value")
    ex(srv, "POST", "/v1/match", 422, body=dict(nak, options={"colour": "red"}),
       code="unknown_field")
    # GET: stars, births (porutham with papasamyam), the school, 304 and HEAD.
    births_q = {"boy.date": "1996-12-07", "boy.time": "10:34", "boy.tz": "Asia/Kolkata",
                "boy.lat": "13.0878", "boy.lon": "80.2785", "girl.date": "1972-06-01",
                "girl.time": "04:16", "girl.tz": "+05:30", "girl.lat": "16.25",
                "girl.lon": "81.2", "system": "porutham", "lang": "ta"}
    url = "/v1/match?" + qs(births_q)
    h, doc = ex(srv, "GET", url, 200, headers={"Accept-Encoding": "gzip"})
    s.check(doc is not None and "papasamyam" in doc and "manglik" in doc and
            doc["poruthams"][0].get("display") == "தினம்",
            "GET match of two births: papasamyam, manglik, the poruthams in Tamil")
    ex(srv, "GET", url, 304, headers={"If-None-Match": h.get("etag", "")})
    ex(srv, "HEAD", url, 200)
    ex(srv, "GET", "/v1/match?" + qs({"boy": "Rohini:2", "girl": "Swati:1", "school": "jhora"}),
       200)
    ex(srv, "GET", "/v1/match?" + qs({"boy": "Rohini:2"}), 422, code="missing_field")
    ex(srv, "GET", "/v1/match?" + qs({"boy": "Rohini:2", "girl": "Swati:1", "boy.date":
                                      "1996-12-07"}), 422, code="invalid_value")
    ex(srv, "GET", "/v1/match?" + qs({"boy": "Rohini:2", "girl": "Swati:1", "school": "x"}),
       422, code="invalid_value")
    ex(srv, "PUT", "/v1/match", 405, body={}, code="method_not_allowed")


def c_panchang(s, d, chk, srv):
    ex = chk.exchange
    p = {"date": "2024-01-15", "tz": "Asia/Kolkata", "lat": "13.0878", "lon": "80.2785"}
    url = "/v1/panchang?" + qs(p)
    h, _ = ex(srv, "GET", url, 200, headers={"Accept-Encoding": "gzip"})
    ex(srv, "GET", url, 304, headers={"If-None-Match": h.get("etag", "")})
    ex(srv, "HEAD", url, 200)
    ex(srv, "HEAD", url, 304, headers={"If-None-Match": h.get("etag", "")})
    ex(srv, "GET", "/v1/panchang?" + qs({}, date="2013-01-18", timezone="Asia/Kolkata",
                                        latitude="12.972", longitude="77.594",
                                        ayanamsa="true_citra", lang="te"), 200)
    ex(srv, "GET", "/v1/panchang?" + qs(p, lat="80", date="2024-06-21"), 422,
       code="invalid_value")
    ex(srv, "GET", "/v1/panchang?date=2024-01-15&tz=UTC&lat=1", 422, code="missing_field")
    ex(srv, "GET", "/v1/panchang?" + qs(p, time="10:00"), 422, code="unknown_field")
    ex(srv, "GET", "/v1/panchang?" + qs(p, date="5399-06-01"), 422, code="date_out_of_range")
    ex(srv, "GET", "/v1/panchang?" + qs(p, lang="xx"), 422, code="invalid_value")
    ex(srv, "POST", "/v1/panchang", 405, body={}, code="method_not_allowed")


def c_events(s, d, chk, srv):
    ex = chk.exchange
    p = {"from": "2025-01-01", "to": "2025-04-01", "tz": "Asia/Kolkata", "lat": "13.0878",
         "lon": "80.2785", "kinds": "sankranti,purnima,eclipse,station"}
    url = "/v1/events?" + qs(p)
    h, _ = ex(srv, "GET", url, 200, headers={"Accept-Encoding": "gzip"})
    ex(srv, "GET", url, 304, headers={"If-None-Match": h.get("etag", "")})
    ex(srv, "HEAD", url, 200)
    ex(srv, "HEAD", url, 304, headers={"If-None-Match": h.get("etag", "")})
    ex(srv, "GET", "/v1/events?" + qs({"from": "2025-03-01T00:00Z", "to": "2025-03-03T06:00:00+05:30"},
                                      timezone="UTC", latitude="51.5", longitude="0",
                                      bodies="Mercury,Rahu", ayanamsa="raman", node="true",
                                      positions="true", kinds="all"), 200)
    ex(srv, "GET", "/v1/events?" + qs({}, **{"from": "2025-01-01", "to": "2025-02-01"},
                                      tz="UTC"), 422, code="missing_field")
    ex(srv, "GET", "/v1/events?" + qs(p, kinds="tithi,moonshine"), 422, code="invalid_value")
    ex(srv, "GET", "/v1/events?" + qs(p, to="2036-01-01"), 422, code="invalid_value")
    ex(srv, "HEAD", "/v1/events?" + qs(p, lat="95"), 422)
    ex(srv, "POST", "/v1/events", 405, body={}, code="method_not_allowed")


def c_muhurta(s, d, chk, srv):
    ex = chk.exchange
    p = {"purpose": "vivaha", "from": "2023-05-01", "to": "2023-05-31", "tz": "Asia/Kolkata",
         "lat": "28.6139", "lon": "77.2090"}
    url = "/v1/muhurta?" + qs(p)
    h, doc = ex(srv, "GET", url, 200, headers={"Accept-Encoding": "gzip"})
    s.check(doc is not None and len(doc["windows"]) == 13, "muhurta: 13 windows in May 2023")
    ex(srv, "GET", url, 304, headers={"If-None-Match": h.get("etag", "")})
    ex(srv, "HEAD", url, 200)
    ex(srv, "HEAD", url, 304, headers={"If-None-Match": h.get("etag", "")})
    native = {"native.date": "1996-12-07", "native.time": "10:34", "native.tz": "Asia/Kolkata",
              "native.lat": "13.0878", "native.lon": "80.2785"}
    _, doc = ex(srv, "GET", "/v1/muhurta?" + qs(p, **native), 200)
    s.check(doc is not None and doc["windows"] and doc["excluded"] and
            {r["rule"] for x in doc["excluded"] for r in x["reasons"]} ==
            {"tara_bala", "chandra_bala"}, "muhurta with a native: windows and both exclusions")
    pair = {"boy.date": "1996-12-07", "boy.time": "10:34", "boy.tz": "Asia/Kolkata",
            "boy.lat": "13.0878", "boy.lon": "80.2785", "girl.date": "1998-03-15",
            "girl.time": "06:10", "girl.tz": "+05:30", "girl.lat": "19.076", "girl.lon": "72.8777"}
    ex(srv, "GET", "/v1/muhurta?" + qs({}, purpose="travel", timezone="Asia/Kolkata",
                                       latitude="12.972", longitude="77.594",
                                       ayanamsa="true_citra", **{"from": "2024-01-01",
                                                                 "to": "2024-01-07"}, **pair),
       200)
    ex(srv, "GET", "/v1/muhurta?" + qs(p, purpose="wedding"), 422, code="invalid_value")
    ex(srv, "GET", "/v1/muhurta?" + qs(p, lat="70"), 422, code="invalid_value")
    ex(srv, "GET", "/v1/muhurta?" + qs(p, to="2023-09-30"), 422, code="invalid_value")
    ex(srv, "GET", "/v1/muhurta?" + qs({k: v for k, v in p.items() if k != "from"}), 422,
       code="missing_field")
    ex(srv, "GET", "/v1/muhurta?" + qs(p, date="2023-05-01"), 422, code="unknown_field")
    ex(srv, "POST", "/v1/muhurta", 405, body={}, code="method_not_allowed")


def c_transits(s, d, chk, srv):
    """GET/HEAD /v1/transits: a date inside a chandrashtama window and one
    outside, a date and time in the birth's zone or with an offset, every
    birth parameter, and the errors."""
    ex = chk.exchange
    t = {"birth_date": "1996-12-07", "birth_time": "10:34", "tz": "Asia/Kolkata",
         "lat": "13.0878", "lon": "80.2785"}
    url = "/v1/transits?" + qs(t, date="2025-04-02T18:00")
    h, _ = ex(srv, "GET", url, 200, headers={"Accept-Encoding": "gzip"})
    ex(srv, "GET", url, 304, headers={"If-None-Match": h.get("etag", "")})
    ex(srv, "HEAD", url, 200)
    ex(srv, "HEAD", url, 304, headers={"If-None-Match": h.get("etag", "")})
    ex(srv, "GET", "/v1/transits?" + qs({}, date="2025-03-29T16:15Z", birth_date="1996-12-07",
                                        birth_time="10:34:00", timezone="Asia/Kolkata",
                                        latitude="13.0878", longitude="80.2785", altitude="10",
                                        ayanamsa="raman", node="true", positions="true",
                                        house_system="placidus"), 200)
    ex(srv, "GET", "/v1/transits?" + qs({}, date="2025-03-29", birth_date="1996-12-07",
                                        birth_time="10:34", place="Chennai, India",
                                        pretty="1", lang="hi"), 200)
    ex(srv, "GET", "/v1/transits?" + qs({}, date="2024-01-01 09:00:00-05:00",
                                        birth_date="2021-11-07", birth_time="01:30",
                                        tz="America/New_York", lat="40.7", lon="-74", fold="1",
                                        houses="koch"), 200)
    ex(srv, "GET", "/v1/transits?" + qs(t), 422, code="missing_field")
    ex(srv, "HEAD", "/v1/transits?" + qs(t), 422)
    ex(srv, "GET", "/v1/transits?" + qs(t, date="2025-02-30"), 422, code="invalid_date")
    ex(srv, "GET", "/v1/transits?" + qs(t, date="2025-03-29T25:00"), 422, code="invalid_time")
    ex(srv, "GET", "/v1/transits?" + qs(t, date="5399-06-01"), 422, code="date_out_of_range")
    ex(srv, "GET", "/v1/transits?" + qs(t, date="2025-03-29", time="10:34"), 422,
       code="unknown_field")
    ex(srv, "GET", "/v1/transits?" + qs({}, date="2025-03-29", birth_time="10:34",
                                        tz="Asia/Kolkata", lat="13", lon="80"), 422,
       code="missing_field")
    ex(srv, "POST", "/v1/transits", 405, body={}, code="method_not_allowed")


def c_places(s, d, chk, srv):
    ex = chk.exchange
    url = "/v1/places?q=chen&limit=3"
    h, doc = ex(srv, "GET", url, 200, headers={"Accept-Encoding": "gzip"})
    ex(srv, "GET", url, 304, headers={"If-None-Match": h.get("etag", "")})
    ex(srv, "HEAD", url, 200)
    ex(srv, "HEAD", url, 304, headers={"If-None-Match": h.get("etag", "")})
    ex(srv, "GET", "/v1/places?q=chennai&pretty=1", 200)
    ex(srv, "GET", "/v1/places?q=qqqzzx", 200)
    ex(srv, "GET", "/v1/places?limit=3", 422, code="missing_field")
    ex(srv, "HEAD", "/v1/places?limit=3", 422)
    ex(srv, "GET", "/v1/places?q=chen&limit=51", 422, code="invalid_value")
    ex(srv, "GET", "/v1/places?q=chen&q=x", 422, code="duplicate_parameter")
    ex(srv, "POST", "/v1/places", 405, body={}, code="method_not_allowed")


def c_operations(s, d, chk, srv):
    ex = chk.exchange
    for path in ("/healthz", "/readyz", "/metrics"):
        ex(srv, "GET", path, 200, headers={"Accept-Encoding": "gzip", "X-Request-Id": "ck-1"})
        ex(srv, "HEAD", path, 200)
        ex(srv, "POST", path, 405, body={}, code="method_not_allowed")
    h, _ = ex(srv, "GET", "/healthz", 200, headers={"X-Request-Id": "check.openapi:42"})
    s.check(h.get("x-request-id") == "check.openapi:42", "X-Request-Id echoed")
    ex(srv, "GET", "/v2/kundli", 404, code="not_found")
    ex(srv, "POST", "/v1", 404, body={}, code="not_found")


def c_web(s, d, chk, srv):
    """The web page and its assets: types, validators, 304, gzip, 404."""
    ex = chk.exchange
    for path in ("/", "/assets/app.css", "/assets/app.js"):
        h, body = ex(srv, "GET", path, 200, headers={"Accept-Encoding": "gzip"})
        s.check(h.get("content-encoding") == "gzip", path + ": gzip when accepted")
        s.check(h.get("x-content-type-options") == "nosniff", path + ": nosniff")
        s.check("'unsafe-inline'" not in h.get("content-security-policy", "x"),
                path + ": a CSP without unsafe-inline")
        if path == "/":
            s.check(isinstance(body, str) and "/assets/app.js" in body and "<script>" not in body,
                    "/: loads app.js, no inline script")
        ex(srv, "GET", path, 304, headers={"If-None-Match": h.get("etag", "")})
        ex(srv, "HEAD", path, 200)
        ex(srv, "HEAD", path, 304, headers={"If-None-Match": h.get("etag", "")})
    ex(srv, "GET", "/assets/nothing.js", 404, code="not_found", valid_request=True)
    ex(srv, "HEAD", "/assets/nothing.js", 404, valid_request=True)
    ex(srv, "POST", "/", 405, body={}, code="method_not_allowed")


def c_saved(s, d, chk, srv, build):
    """Saved charts with API keys made by kundlid keys create on the
    server's own database."""
    ex = chk.exchange
    url = "sqlite:" + os.path.join(srv.tmp.name, "kundli.db")
    keys = {}
    for user, admin in (("openapi", False), ("openapi-admin", True)):
        out = subprocess.run([os.path.join(build, "kundlid"), "keys", "create", "--user", user,
                              "--database-url", url] + (["--admin"] if admin else []),
                             capture_output=True, text=True, check=True).stdout
        keys[user] = {"Authorization": "Bearer " + json.loads(out)["key"]}
    a, adm = keys["openapi"], keys["openapi-admin"]
    body = {"name": "Ravi", "tags": ["family"], "notes": "n", "birth": CHENNAI,
            "options": {"ayanamsa": "lahiri"}}
    _, doc = ex(srv, "POST", "/v1/kundlis", 201, body=body, headers=a)
    cid = doc["id"] if doc else "0" * 32
    _, doc2 = ex(srv, "POST", "/v1/kundlis", 201, body={"birth": CHENNAI}, headers=a)
    ex(srv, "GET", "/v1/kundlis/" + cid, 200, headers=dict(a, **{"Accept-Encoding": "gzip"}))
    ex(srv, "GET", "/v1/kundlis/%s?fields=name,planets&sections=vargas,dasha,panchang,"
       "ashtakavarga,doshas,yogas,summary,aspects,transits" % cid, 200, headers=a)
    ex(srv, "GET", "/v1/kundlis?limit=1", 200, headers=a)
    h, page = ex(srv, "GET", "/v1/kundlis?limit=1&fields=chart", 200, headers=a)
    cur = page["next_cursor"] if page else ""
    ex(srv, "GET", "/v1/kundlis?limit=1&sections=dasha,svg,strength&cursor=" + cur, 200,
       headers=a)
    ex(srv, "GET", "/v1/kundlis?cursor=AAAA", 422, headers=a, code="invalid_value")
    ex(srv, "GET", "/v1/kundlis/search?date=1996-12-07&time=10:34&limit=5&fields=name"
       "&sections=dasha", 200, headers=a)
    ex(srv, "GET", "/v1/kundlis/search?lat=13&lon=80.3&radius_km=50", 200, headers=a)
    ex(srv, "GET", "/v1/kundlis/search?lat=91&lon=0&radius_km=1", 422, headers=a,
       code="invalid_latitude")
    ex(srv, "POST", "/v1/kundlis/lookup?fields=houses&sections=yogas", 200,
       body={"ids": [cid, "0" * 32]}, headers=a)
    ex(srv, "POST", "/v1/kundlis/lookup", 422, body={"ids": ["x"]}, headers=a,
       code="invalid_value")
    ex(srv, "POST", "/v1/kundlis/lookup", 413, body={"ids": ["0" * 32] * 101}, headers=a,
       code="too_large")
    ex(srv, "PATCH", "/v1/kundlis/" + cid, 200, body={"name": "R", "tags": [], "notes": ""},
       headers=a)
    ex(srv, "PATCH", "/v1/kundlis/" + cid, 422, body={"birth": CHENNAI}, headers=a,
       code="unknown_field")
    ex(srv, "PATCH", "/v1/kundlis/" + cid, 400, raw_body=b"{", headers=dict(
        a, **{"Content-Type": "application/json"}), code="malformed_json")
    ex(srv, "PATCH", "/v1/kundlis/" + cid, 415, raw_body=b"{}", headers=dict(
        a, **{"Content-Type": "text/plain"}), code="unsupported_media_type")
    ex(srv, "POST", "/v1/kundlis", 422, body={"name": "n" * 201, "birth": CHENNAI}, headers=a,
       code="invalid_value")
    ex(srv, "POST", "/v1/kundlis", 400, raw_body=b"[", headers=dict(
        a, **{"Content-Type": "application/json"}), code="malformed_json")
    ex(srv, "POST", "/v1/kundlis", 415, raw_body=b"{}", headers=dict(
        a, **{"Content-Type": "text/plain"}), code="unsupported_media_type")
    ex(srv, "POST", "/v1/kundlis", 413, raw_body=b" " * (64 * 1024 + 1), headers=dict(
        a, **{"Content-Type": "application/json"}), code="too_large")
    ex(srv, "POST", "/v1/kundlis/lookup", 400, raw_body=b"[", headers=dict(
        a, **{"Content-Type": "application/json"}), code="malformed_json")
    ex(srv, "POST", "/v1/kundlis/lookup", 415, raw_body=b"{}", headers=dict(
        a, **{"Content-Type": "text/plain"}), code="unsupported_media_type")
    _, lines = ex(srv, "GET", "/v1/kundlis/export", 200, headers=a)
    ex(srv, "POST", "/v1/kundlis/import", 200, raw_body=((lines or "") + "{}\n").encode(),
       headers=dict(a, **{"Content-Type": "application/x-ndjson"}))
    ex(srv, "POST", "/v1/kundlis/import", 415, raw_body=b"{}", headers=dict(
        a, **{"Content-Type": "text/plain"}), code="unsupported_media_type")
    ex(srv, "POST", "/v1/kundlis/import", 413, raw_body=b"\n" * 1001, headers=dict(
        a, **{"Content-Type": "application/x-ndjson"}), code="too_large")
    ex(srv, "DELETE", "/v1/kundlis/" + (doc2["id"] if doc2 else cid), 204, headers=a)
    ex(srv, "DELETE", "/v1/kundlis/" + "0" * 32, 404, headers=a, code="not_found")
    ex(srv, "GET", "/v1/kundlis/" + "0" * 32, 404, headers=a, code="not_found")
    ex(srv, "PATCH", "/v1/kundlis/" + "0" * 32, 404, body={"name": "x"}, headers=a,
       code="not_found")
    ex(srv, "GET", "/v1/kundlis/%s?fields=x" % cid, 422, headers=a, code="invalid_value")
    ex(srv, "GET", "/v1/kundlis", 401, code="unauthorized")
    for path in ("/v1/kundlis/search?date=1996-12-07", "/v1/kundlis/export",
                 "/v1/kundlis/" + cid, "/v1/admin/db/index-usage", "/v1/admin/resources",
                 "/v1/admin/alerts"):
        ex(srv, "GET", path, 401, code="unauthorized", valid_request=False)
    ex(srv, "POST", "/v1/kundlis/lookup", 401, body={"ids": []}, code="unauthorized")
    ex(srv, "POST", "/v1/kundlis/import", 401, raw_body=b"",
       headers={"Content-Type": "application/x-ndjson"}, code="unauthorized")
    ex(srv, "PATCH", "/v1/kundlis/" + cid, 401, body={}, code="unauthorized")
    ex(srv, "DELETE", "/v1/kundlis/" + cid, 401, code="unauthorized")
    ex(srv, "GET", "/v1/admin/db/index-usage", 403, headers=a, code="forbidden")
    ex(srv, "GET", "/v1/admin/db/index-usage", 200, headers=adm)
    # the resource monitor: the 4xx answers above raise an alert at the next
    # second's sample (the server's threshold is 0)
    deadline = time.time() + 5
    while time.time() < deadline:
        st, _, got = srv.json("GET", "/v1/admin/alerts", headers=adm)
        if st == 200 and got["alerts"]:
            break
        time.sleep(0.1)
    since = "1970-01-01T00:00:00Z"
    _, got = ex(srv, "GET", "/v1/admin/alerts?since=%s&limit=5" % since, 200, headers=adm)
    s.check(bool(got and got["alerts"]), "an alert to show")
    _, got = ex(srv, "GET", "/v1/admin/resources?since=%s&limit=1" % since, 200, headers=adm)
    s.check(bool(got and got["next_since"]), "a full page of samples has next_since")
    for path in ("/v1/admin/resources", "/v1/admin/alerts"):
        ex(srv, "GET", path + "?since=yesterday", 422, headers=adm, code="invalid_value")
        ex(srv, "GET", path, 403, headers=a, code="forbidden")
    ex(srv, "PUT", "/v1/kundlis/" + cid, 405, body={}, headers=a, code="method_not_allowed")
    ex(srv, "DELETE", "/v1/kundlis", 405, headers=a, code="method_not_allowed")


def c_store_down(s, d, chk, build):
    """503 store_unavailable: a store that cannot be opened."""
    srv = start_server(build, "--database-url", "sqlite:/proc/kundli-cannot/k.db")
    try:
        chk.exchange(srv, "GET", "/readyz", 503)
        chk.exchange(srv, "GET", "/v1/kundlis", 503, headers={"Authorization": "Bearer kd_x"},
                     code="store_unavailable", valid_request=False)
    finally:
        srv.stop()


def c_deadline(s, d, chk, build):
    """503: a server with a 1 ms deadline cannot finish a batch of 100."""
    srv = start_server(build, "--deadline-ms", "1")
    try:
        items = [{"birth": dict(CHENNAI, latitude=i / 7.0), "options": {"dasha_levels": 3}}
                 for i in range(100)]
        chk.exchange(srv, "POST", "/v1/kundli/batch", 503, body={"items": items},
                     code="deadline_exceeded")
    finally:
        srv.stop()


def c_rate_limited(s, d, chk, build):
    """429: a client address past its bucket (burst 1, 1 request a second)."""
    srv = start_server(build, "--rate-limit-ip", "1", "--rate-limit-ip-burst", "1")
    try:
        q = "/v1/panchang?date=2024-01-01&tz=Asia/Kolkata&lat=13.0878&lon=80.2785"
        chk.exchange(srv, "GET", q, 200)
        chk.exchange(srv, "GET", q, 429, code="rate_limited")
    finally:
        srv.stop()


def c_coverage(s, d, chk):
    """Every documented property and query parameter occurred for real."""
    universe = set()
    visited = set()
    doc = d.doc
    for path, item in doc["paths"].items():
        for method, op in item.items():
            where = "#/paths/%s/%s" % (path.replace("/", "~1"), method)
            for media in op.get("requestBody", {}).get("content", {}).values():
                d.v.universe(media["schema"], where + "/requestBody", universe, visited)
            for st, r in op["responses"].items():
                rptr = r.get("$ref", where + "/responses/" + st)
                r = d.deref(r)
                for ctype, media in r.get("content", {}).items():
                    if "schema" in media:
                        d.v.universe(media["schema"], "%s/content/%s/schema"
                                     % (rptr, ctype.replace("/", "~1")), universe, visited)
            for p in d.params(op):
                if p["in"] == "query" and (where.rsplit("/", 1)[0],
                                           p["name"]) not in chk.params_seen:
                    s.check(False, "query parameter %s of %s %s never sent"
                            % (p["name"], method.upper(), path))
    missing = sorted((p, k) for p, k in universe - d.v.seen
                     if not any(p.startswith(u) for u in UNPROVOKABLE))
    for p, k in missing:
        s.check(False, "documented but never seen: %s property %s" % (p, k))
    s.check(len(universe) > 300, "coverage universe: %d properties" % len(universe))
    print("coverage: %d of %d documented properties seen" % (len(universe) - len(missing),
                                                            len(universe)))


def main():
    build = sys.argv[1]
    suite = Suite()
    if len(sys.argv) > 2:
        suite.check(sys.argv[2] == "0", "redocly lint of docs/openapi.json (see above)")
    with open(DOC_PATH, "rb") as f:
        raw = f.read()
    try:
        d = Doc(raw)
    except ValueError as e:
        suite.check(False, "docs/openapi.json is not JSON: %s" % e)
        suite.finish("openapi")
    chk = Checker(suite, d)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks
    # The monitor samples every second and alerts on any 4xx, so that the
    # admin listings have samples and alerts to show (c_saved).
    srv = start_server(build, "--monitor-interval", "1", "--alert-4xx-rate", "0")
    try:
        suite.run([c_document, c_source_names, c_examples], d)
        suite.run([c_validator_fails], d, srv)
        suite.run([c_openapi_served, c_kundli, c_kundli_svg, c_kundli_sensitivity, c_kundli_kp,
                   c_kundli_strength, c_batch, c_match, c_panchang, c_events, c_muhurta,
                   c_transits,
                   c_places, c_operations, c_web],
                  d, chk, srv)
        suite.run([c_saved], d, chk, srv, build)
    finally:
        srv.stop()
    suite.run([c_deadline, c_store_down, c_rate_limited], d, chk, build)
    suite.run([c_coverage], d, chk)
    suite.finish("openapi")


if __name__ == "__main__":
    main()
