"""Option lang end to end: the display names of /v1/kundli (GET and POST),
/v1/panchang, /v1/match and chart.svg, against the real kundlid, and of the
CLI's tables (kundli chart, panchang, match) and drawings; machine names
stay English; without lang the documents have no display field; the cache
keeps the languages apart; invalid values are 422 invalid_value naming the
field (the CLI: exit 2 naming --lang).

The book case is chennai_1996 (tests/testdata/book_cases.json): lagna
Capricorn (Shravana), Moon in Libra, Swati pada 1; the panchang at birth
Saturday, Krishna Dwadashi, Shobhana, Kaulava (test_panchang / test_cli).

Usage: lang_test.py BUILD_DIR
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import os
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kundlid import Server, Suite  # noqa: E402
from svg_test import NS, check_drawing, cli_args, query  # noqa: E402

CASE = "chennai_1996"
BIRTH = {"date": "1996-12-07", "time": "10:34", "timezone": "Asia/Kolkata",
         "latitude": 13.0878, "longitude": 80.2785}
# Bangalore 2013-01-18 (test_panchang, README): Friday, Shukla Saptami then
# Ashtami, Revati then Ashwini, Siddha then Sadhya, Vanija, Vishti, Bava.
DAY = {"date": "2013-01-18", "tz": "Asia/Kolkata", "lat": "12.972", "lon": "77.594"}


def is_display(parent, key):
    """Whether key (of the object under key parent) is a display field of
    option lang."""
    if key == "display":
        return True
    return key.endswith("_display")


def has_display(doc, parent=None):
    """Whether any key of the document (at any depth) is a display field."""
    if isinstance(doc, dict):
        return any(is_display(parent, k) or has_display(v, k) for k, v in doc.items())
    if isinstance(doc, list):
        return any(has_display(v, parent) for v in doc)
    return False


def strip(d, parent=None):
    """The document without its display fields."""
    if isinstance(d, dict):
        return {k: strip(v, k) for k, v in d.items() if not is_display(parent, k)}
    if isinstance(d, list):
        return [strip(v, parent) for v in d]
    return d


def count_display(d, parent=None):
    if isinstance(d, dict):
        return sum(is_display(parent, k) + count_display(v, k) for k, v in d.items())
    if isinstance(d, list):
        return sum(count_display(v, parent) for v in d)
    return 0


def t_chart(s, srv):
    """GET /v1/kundli?lang=ta: Tamil display names beside English names."""
    st, h, plain = srv.json("GET", "/v1/kundli?" + query(CASE, as_of="2026-01-01"))
    s.check(st == 200 and not has_display(plain) and "lang" not in plain["settings"],
            "no lang: no display field, no settings.lang")
    st, h2, doc = srv.json("GET", "/v1/kundli?" + query(CASE, as_of="2026-01-01", lang="ta"))
    s.check(st == 200 and doc["settings"]["lang"] == "ta", "lang=ta: 200, settings.lang")
    s.check(h2.get("etag") != h.get("etag"), "another language, another ETag")
    moon = doc["planets"][1]
    s.check(moon["name"] == "Moon" and moon["display"] == "சந்திரன்" and
            moon["sign"] == "Libra" and moon["sign_display"] == "துலாம்" and
            moon["nakshatra"] == "Swati" and moon["nakshatra_display"] == "சுவாதி",
            "the Moon: English names, Tamil display: %r" % moon)
    names = [p["name"] for p in doc["planets"]]
    s.check(names == [p["name"] for p in plain["planets"]], "the names are those without lang")
    tamil = ["சூரியன்", "சந்திரன்", "செவ்வாய்", "புதன்", "குரு", "சுக்கிரன்", "சனி", "ராகு",
             "கேது"]
    s.check([p["display"] for p in doc["planets"]] == tamil, "the grahas in Tamil")
    s.check(doc["ascendant"]["sign_display"] == "மகரம்" and
            doc["ascendant"]["nakshatra_display"] == "திருவோணம்", "the lagna in Tamil")
    s.check(doc["panchang"]["vara"]["display"] == "சனி" and
            doc["panchang"]["tithi"]["display"] == "கிருஷ்ண துவாதசி" and
            doc["panchang"]["karana"]["display"] == "கௌலவ", "the panchang at birth in Tamil")
    s.check(doc["dasha"]["balance"]["lord"] == "Rahu" and
            doc["dasha"]["balance"]["lord_display"] == "ராகு", "the dasha lord in Tamil")
    # removing every display field and settings.lang gives the document without lang
    bare = strip(doc)
    del bare["settings"]["lang"]
    s.check(bare == plain, "lang adds display fields and settings.lang, nothing else")
    # the cache keeps them apart: without lang again is the plain document
    st, _, again = srv.json("GET", "/v1/kundli?" + query(CASE, as_of="2026-01-01"))
    s.check(again == plain, "the cached plain document after a lang=ta one")
    st, _, en = srv.json("GET", "/v1/kundli?" + query(CASE, as_of="2026-01-01", lang="en"))
    s.check(en["planets"][1]["display"] == "Moon" and en["settings"]["lang"] == "en",
            "lang=en: display fields in English")
    body = {"birth": BIRTH, "options": {"lang": "hi", "sections": "planets"}}
    st, _, post = srv.json("POST", "/v1/kundli", body)
    sun = (post.get("planets") or [{}])[0]
    s.check(st == 200 and sun.get("name") == "Sun" and sun.get("display") == "सूर्य",
            "POST options.lang=hi: %r" % sun)
    for q in ("xx", "TA", "", "hi,ta"):
        st, _, err = srv.json("GET", "/v1/kundli?" + query(CASE, lang=q))
        s.check(st == 422 and err["error"]["code"] == "invalid_value" and
                err["error"]["field"] == "options.lang", "lang=%r: 422 %r" % (q, err))
    st, _, err = srv.json("POST", "/v1/kundli", {"birth": BIRTH, "options": {"lang": 5}})
    s.check(st == 422 and err["error"]["field"] == "options.lang", "options.lang 5: 422")


def t_sections(s, srv):
    """lang=hi with the sections added after lang: kp, strength, summary and
    the dasha systems Ashtottari, Chara and Kalachakra. The book case: Moon
    in Swati (lord Rahu) in Libra, lagna Capricorn (lord Saturn), a
    Saturday."""
    q = dict(as_of="2026-01-01", sections="kp,strength,summary,dasha")
    st, _, plain = srv.json("GET", "/v1/kundli?" + query(CASE, **q))
    s.check(st == 200 and not has_display(plain),
            "kp,strength,summary,dasha: no display without lang")
    st, _, doc = srv.json("GET", "/v1/kundli?" + query(CASE, lang="hi", **q))
    s.check(st == 200 and doc["settings"]["lang"] == "hi", "kp,strength,summary,dasha lang=hi: 200")
    kp = doc["kp"]
    moon = kp["planets"][1]
    s.check(moon["name"] == "Moon" and moon["display"] == "चन्द्र" and
            moon["star_lord"] == "Rahu" and moon["star_lord_display"] == "राहु" and
            moon["nakshatra_display"] == "स्वाती", "kp: the Moon in Hindi: %r" % moon)
    s.check(kp["cusps"][0]["sign_display"] == "मकर" and
            all("sub_sub_lord_display" in c for c in kp["cusps"]), "kp: the cusps' display fields")
    rp = kp["ruling_planets"]
    s.check(len(rp["planets_display"]) == len(rp["planets"]) and "day_lord_display" in rp and
            all(len(h["level%d_display" % l]) == len(h["level%d" % l])
                for h in kp["significators"]["houses"] for l in range(1, 5)),
            "kp: the ruling planets and significators as lists in Hindi")
    st_ = doc["strength"]
    s.check([g["graha_display"] for g in st_["shadbala"]] ==
            ["सूर्य", "चन्द्र", "मंगल", "बुध", "गुरु", "शुक्र", "शनि"] and
            [g["graha_display"] for g in st_["vimshopaka"]] ==
            [g["graha_display"] for g in st_["shadbala"]],
            "strength: the seven grahas in Hindi")
    s.check(st_["bhava_bala"][0]["sign_display"] == "मकर" and
            st_["bhava_bala"][0]["lord_display"] == "शनि" and
            st_["lords"]["vara"] == "Saturn" and st_["lords"]["vara_display"] == "शनि",
            "strength: bhava 1 Capricorn, lord Saturn; the weekday lord Saturn")
    sm = doc["summary"]
    s.check(sm["nakshatra_display"] == "स्वाती" and sm["nakshatra_lord_display"] == "राहु" and
            sm["rashi_display"] == "तुला" and sm["rashi_lord_display"] == "शुक्र" and
            sm["lagna_display"] == "मकर" and sm["lagna_lord_display"] == "शनि" and
            sm["weekday"]["vedic_display"] == "शनिवार" and sm["gana"] == "Deva" and
            "gana_display" not in sm and
            sm["namakshar"]["devanagari"] == plain["summary"]["namakshar"]["devanagari"],
            "summary in Hindi: %r" % sm)
    da = doc["dasha"]
    s.check(da["chara"]["lagna_display"] == "मकर" and
            da["chara"]["periods"][0]["sign_display"] == "मकर" and
            da["chara"]["sign_years"][0]["lord_display"] == "मंगल" and
            all("sign_display" in p for p in da["chara"]["periods"]),
            "dasha: Chara's signs in Hindi")
    s.check(da["kalachakra"]["nakshatra_display"] == "स्वाती" and
            "deha_display" in da["kalachakra"] and
            all("sign_display" in p for p in da["kalachakra"]["periods"]) and
            "sign_display" in da["kalachakra"]["balance"],
            "dasha: Kalachakra's nakshatra and signs in Hindi")
    s.check(da["ashtottari"]["applicability"]["lagna_lord_display"] == "शनि" and
            all("lord_display" in p for p in da["ashtottari"]["periods"]) and
            (da["ashtottari"]["current"] is None or
             "lord_display" in da["ashtottari"]["current"]["maha"]),
            "dasha: Ashtottari's lords in Hindi")
    s.check(count_display(doc) > 500, "many display fields: %d" % count_display(doc))
    bare = strip(doc)
    del bare["settings"]["lang"]
    s.check(bare == plain, "kp,strength,summary,dasha: lang adds display fields, nothing else")


def t_panchang(s, srv):
    """GET /v1/panchang?lang=te."""
    st, _, plain = srv.json("GET", "/v1/panchang?" + urllib.parse.urlencode(DAY))
    s.check(st == 200 and not has_display(plain) and "lang" not in plain["settings"],
            "panchang without lang: no display")
    st, _, doc = srv.json("GET", "/v1/panchang?" + urllib.parse.urlencode(dict(DAY, lang="te")))
    s.check(st == 200 and doc["settings"]["lang"] == "te", "panchang lang=te: 200")
    s.check(doc["vara"]["name"] == "Friday" and doc["vara"]["display"] == "శుక్రవారం",
            "vara Friday: %r" % doc["vara"])
    t = doc["tithi"][0]
    s.check(t["name"] == "Shukla Saptami" and t["display"] == "శుక్ల సప్తమి" and
            t["paksha_display"] == "శుక్ల", "tithi: %r" % t)
    s.check(doc["nakshatra"][0]["display"] == "రేవతి" and doc["nakshatra"][1]["display"] == "అశ్విని",
            "nakshatras Revati, Ashwini")
    s.check(doc["yoga"][0]["name"] == "Siddha" and doc["yoga"][0]["display"] == "సిద్ధ",
            "yoga Siddha")
    s.check([k["display"] for k in doc["karana"]] == ["వణిజ", "విష్టి", "బవ"],
            "karanas Vanija, Vishti, Bava: %r" % [k["display"] for k in doc["karana"]])
    st, _, err = srv.json("GET", "/v1/panchang?" + urllib.parse.urlencode(dict(DAY, lang="zz")))
    s.check(st == 422 and err["error"]["code"] == "invalid_value" and err["error"]["field"] == "lang",
            "panchang lang=zz: 422 %r" % err)


def t_match(s, srv):
    """POST /v1/match {"options": {"lang": "ml"}}."""
    body = {"boy": {"nakshatra": "Anuradha", "pada": 2}, "girl": {"nakshatra": "Revati", "pada": 1}}
    st, _, plain = srv.json("POST", "/v1/match", body)
    s.check(st == 200 and not has_display(plain), "match without lang: no display")
    st, _, doc = srv.json("POST", "/v1/match", dict(body, options={"lang": "ml"}))
    s.check(st == 200 and [k["name"] for k in doc["kootas"]] == [k["name"] for k in plain["kootas"]],
            "match lang=ml: the koota names unchanged")
    s.check(doc["boy"]["nakshatra_display"] == "അനിഴം" and doc["girl"]["nakshatra_display"] == "രേവതി"
            and doc["girl"]["moon_sign_display"] == "മീനം", "the Moons in Malayalam: %r" % doc["boy"])
    s.check(doc["kootas"][0]["display"] == "വർണ്ണം" and doc["kootas"][7]["display"] == "നാഡി",
            "the kootas in Malayalam")
    st, _, por = srv.json("POST", "/v1/match",
                          dict(body, options={"system": "porutham", "lang": "ta"}))
    s.check(st == 200 and [p["display"] for p in por["poruthams"]] ==
            ["தினம்", "கணம்", "மஹேந்திரம்", "ஸ்த்ரீ தீர்க்கம்", "யோனி", "ராசி", "ராசி அதிபதி",
             "வசியம்", "ரஜ்ஜு", "வேதை"] and por["poruthams"][3]["name"] == "stree_deergha",
            "poruthams in Tamil: %r" % por.get("poruthams"))
    st, _, get = srv.json("GET", "/v1/match?boy=Anuradha:2&girl=Revati:1&system=porutham&lang=ta")
    s.check(st == 200 and get == por, "GET /v1/match lang=ta = POST")
    st, _, get = srv.json("GET", "/v1/match?boy=Anuradha:2&girl=Revati:1&system=porutham")
    s.check(st == 200 and not has_display(get) and strip(por) == get, "GET /v1/match without lang")
    st, _, err = srv.json("GET", "/v1/match?boy=Anuradha:2&girl=Revati:1&lang=xx")
    s.check(st == 422 and err["error"]["field"] == "options.lang",
            "GET /v1/match lang=xx: %r" % err)
    # the matrix's lines hold no names (the kootas are keys): no lang there
    pair = {"boys": [{"nakshatra": "Anuradha:2"}], "girls": [{"nakshatra": "Revati:1"}]}
    st, _, err = srv.json("POST", "/v1/match/matrix", dict(pair, options={"lang": "hi"}))
    s.check(st == 422 and err["error"]["code"] == "unknown_field" and
            err["error"]["field"] == "options.lang", "matrix options.lang: 422 %r" % err)
    for opts, field, code in [({"lang": "xx"}, "options.lang", "invalid_value"),
                              ({"lang": 1}, "options.lang", "invalid_value"),
                              ({"ayanamsa": "raman"}, "options.ayanamsa", "unknown_field"),
                              ("hi", "options", "invalid_value")]:
        st, _, err = srv.json("POST", "/v1/match", dict(body, options=opts))
        s.check(st == 422 and err["error"]["code"] == code and err["error"]["field"] == field,
                "match options %r: 422 %s %s: %r" % (opts, code, field, err))


def t_svg(s, srv, build):
    """chart.svg?lang=hi: Hindi labels, the same structure; the CLI's --svg."""
    for style in ("north", "south", "east"):
        what = "chart.svg lang=hi %s" % style
        st, h, raw = srv.request("GET", "/v1/kundli/chart.svg?" +
                                 query(CASE, style=style, lang="hi"))
        s.check(st == 200 and h.get("content-type") == "image/svg+xml; charset=utf-8", what)
        root = check_drawing(s, raw, CASE, style, "D1", what)
        if root is None:
            continue
        s.check(root.get("{http://www.w3.org/XML/1998/namespace}lang") == "hi", what + ": xml:lang")
        texts = {t.get("data-graha"): t for t in root.iter(NS + "text") if t.get("data-graha")}
        s.check(texts["sun"].text.startswith("सू ") and texts["moon"].text.startswith("चं ") and
                texts["saturn"].text.startswith("श "), what + ": graha labels in Devanagari")
        s.check(texts["lagna"].text.startswith("ल "), what + ": the lagna as ल")
        line = [t for t in root.iter(NS + "text") if t.get("class") == "lagna-line"][0]
        s.check(line.text.startswith("लग्न मकर "), what + ": caption 'लग्न मकर': %r" % line.text)
        if style != "north":
            labels = [t.text for t in root.iter(NS + "text") if t.get("class") == "sign-name"]
            s.check(sorted(labels) == sorted(["मेष", "वृषभ", "मिथुन", "कर्क", "सिंह", "कन्या", "तुला",
                                              "वृश्चिक", "धनु", "मकर", "कुम्भ", "मीन"]),
                    what + ": sign names in Hindi: %r" % labels)
    _, _, plain = srv.request("GET", "/v1/kundli/chart.svg?" + query(CASE, style="south"))
    s.check(b"xml:lang" not in plain and ">Su " in plain.decode(), "no lang: English labels")
    for lang in ("sa", "ta", "te", "kn", "ml", "bn", "mr", "gu", "en"):
        st, _, raw = srv.request("GET", "/v1/kundli/chart.svg?" +
                                 query(CASE, style="east", varga="D9", lang=lang))
        s.check(st == 200, "chart.svg lang=%s: 200" % lang)
        check_drawing(s, raw, CASE, "east", "D9", "chart.svg D9 lang=" + lang)
    out = subprocess.run([os.path.join(build, "kundli"), "chart"] + cli_args(CASE) +
                         ["--svg", "south", "--lang", "hi"], capture_output=True, timeout=30)
    _, _, raw = srv.request("GET", "/v1/kundli/chart.svg?" + query(CASE, style="south", lang="hi"))
    s.check(out.returncode == 0 and out.stdout == raw, "kundli chart --svg --lang hi = chart.svg")


def run(build, *args):
    return subprocess.run([os.path.join(build, "kundli"), *args], capture_output=True, text=True,
                          timeout=60)


def t_cli(s, build):
    """The tables of kundli chart, panchang and match with --lang."""
    out = run(build, "chart", *cli_args(CASE), "--lang", "hi", "--sections", "planets,houses,panchang")
    lines = out.stdout.splitlines()
    s.check(out.returncode == 0, "kundli chart --lang hi: exit 0")
    s.check(any(l.startswith("लग्न ") and " मकर " in l and "श्रवण" in l for l in lines),
            "the lagna row: लग्न, मकर, श्रवण")
    s.check(any(l.startswith("चन्द्र ") and " तुला " in l and "स्वाती" in l and "gnatikaraka" in l
                for l in lines), "the Moon row: चन्द्र, तुला, स्वाती")
    s.check(any(l.startswith("3 ") and "मीन" in l and "गुरु" in l and l.rstrip().endswith("शनि केतु")
                for l in lines), "house 3: मीन, गुरु, शनि केतु")
    s.check(any(l.startswith("Tithi") and "कृष्ण द्वादशी" in l for l in lines), "tithi in Hindi")
    plain = run(build, "chart", *cli_args(CASE), "--sections", "planets")
    s.check("Lagna     Capricorn   22°26'44" in plain.stdout, "without --lang: English")
    out = run(build, "panchang", "--date", DAY["date"], "--tz", DAY["tz"], "--lat", DAY["lat"],
              "--lon", DAY["lon"], "--lang", "ta")
    s.check(out.returncode == 0 and "Vara       வெள்ளி (Shukravara)" in out.stdout and
            "ரேவதி" in out.stdout and "சுக்ல சப்தமி" in out.stdout,
            "kundli panchang --lang ta: %s" % out.stdout[:300])
    out = run(build, "match", "--boy-nakshatra", "Anuradha:2", "--girl-nakshatra", "Revati:1",
              "--lang", "gu")
    s.check(out.returncode == 0 and "Boy   અનુરાધા pada 2, Moon in વૃશ્ચિક" in out.stdout and
            any(l.startswith("નાડી ") for l in out.stdout.splitlines()),
            "kundli match --lang gu: %s" % out.stdout[:300])
    out = run(build, "match", "--boy-nakshatra", "Anuradha:2", "--girl-nakshatra", "Revati:1",
              "--lang", "bn", "--json")
    s.check(out.returncode == 0 and '"display":"বর্ণ"' in out.stdout, "kundli match --lang bn --json")
    out = run(build, "match", "--boy-nakshatra", "Anuradha:2", "--girl-nakshatra", "Revati:1",
              "--system", "porutham", "--lang=ml")
    s.check(out.returncode == 0 and any(l.startswith("രജ്ജു* ") for l in out.stdout.splitlines()),
            "kundli match --system porutham --lang=ml: %s" % out.stdout[:400])
    out = run(build, "chart", *cli_args(CASE), "--as-of", "2026-01-01", "--lang", "hi",
              "--sections", "kp,strength,summary,dasha", "--dasha-systems", "chara")
    lines = out.stdout.splitlines()
    s.check(out.returncode == 0 and any(l.startswith("चन्द्र ") and "तुला" in l for l in lines) and
            any(l.startswith("Nakshatra") and "स्वाती" in l and "राहु" in l for l in lines) and
            any("from मकर" in l for l in lines) and any(l.startswith("शनि ") for l in lines),
            "kundli chart --lang hi: kp, strength, summary and Chara in Hindi")
    for args in (["chart", *cli_args(CASE), "--lang", "xx"],
                 ["panchang", "--date", DAY["date"], "--tz", DAY["tz"], "--lat", DAY["lat"],
                  "--lon", DAY["lon"], "--lang", "xx"],
                 ["match", "--boy-nakshatra", "Anuradha:2", "--girl-nakshatra", "Revati:1",
                  "--lang", "xx"]):
        out = run(build, *args)
        s.check(out.returncode == 2 and "en, hi, sa, ta, te, kn, ml, bn, mr, gu" in out.stderr and
                "invalid_value" in out.stderr, "kundli %s --lang xx: 2, %r" % (args[0], out.stderr))
    for cmd in ("chart", "panchang", "match"):
        s.check("--lang CODE" in run(build, cmd, "--help").stdout, "kundli %s --help: --lang" % cmd)


def main():
    build = sys.argv[1]
    s = Suite()
    srv = Server(build)
    try:
        s.run([t_chart, t_sections, t_panchang, t_match], srv)
        s.run([t_svg], srv, build)
    finally:
        srv.stop()
    s.run([t_cli], build)
    s.finish("lang")


if __name__ == "__main__":
    main()
