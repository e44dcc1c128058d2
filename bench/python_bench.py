# python_bench.py - charts/s from Python: kundli.chart(..., sections="planets")
# against a pure-Python D1 chart (9 grahas sidereal Lahiri, lagna, signs,
# nakshatras, padas, whole-sign houses) calling the same libswe through ctypes,
# in alternating rounds of one run. Usage, from the repository root after
# `make python`: PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py [N] [ROUNDS]
# SPDX-License-Identifier: AGPL-3.0-or-later
import ctypes
import ctypes.util
import os
import statistics
import sys
import threading
import time

import kundli

SEFLG_SWIEPH, SEFLG_SPEED, SEFLG_SIDEREAL = 2, 256, 64 * 1024
SE_SIDM_LAHIRI, SE_MEAN_NODE = 1, 10
SIGNS = ["Aries", "Taurus", "Gemini", "Cancer", "Leo", "Virgo", "Libra", "Scorpio",
         "Sagittarius", "Capricorn", "Aquarius", "Pisces"]
NAKSHATRAS = ["Ashwini", "Bharani", "Krittika", "Rohini", "Mrigashira", "Ardra", "Punarvasu",
              "Pushya", "Ashlesha", "Magha", "Purva Phalguni", "Uttara Phalguni", "Hasta",
              "Chitra", "Swati", "Vishakha", "Anuradha", "Jyeshtha", "Mula", "Purva Ashadha",
              "Uttara Ashadha", "Shravana", "Dhanishta", "Shatabhisha", "Purva Bhadrapada",
              "Uttara Bhadrapada", "Revati"]
GRAHAS = [("Sun", 0), ("Moon", 1), ("Mars", 4), ("Mercury", 2), ("Jupiter", 5), ("Venus", 3),
          ("Saturn", 6), ("Rahu", SE_MEAN_NODE)]

BIRTH = dict(date="1996-12-07", time="10:34:00", tz="+05:30", lat=13.0878, lon=80.2785)


class Swe:
    """The few libswe calls a D1 chart needs, through ctypes."""

    def __init__(self):
        lib = ctypes.CDLL(ctypes.util.find_library("swe") or "libswe.so")
        d, i, p = ctypes.c_double, ctypes.c_int32, ctypes.c_void_p
        lib.swe_julday.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, d, ctypes.c_int]
        lib.swe_julday.restype = d
        lib.swe_calc_ut.argtypes = [d, i, i, p, ctypes.c_char_p]
        lib.swe_calc_ut.restype = i
        lib.swe_houses_ex.argtypes = [d, i, d, d, ctypes.c_int, p, p]
        lib.swe_houses_ex.restype = ctypes.c_int
        lib.swe_set_sid_mode.argtypes = [i, d, d]
        lib.swe_set_ephe_path.argtypes = [ctypes.c_char_p]
        lib.swe_set_ephe_path(os.environ.get("KUNDLI_EPHE_PATH",
                                             "/usr/share/libswe/ephe").encode())
        self.lib = lib
        self.xx = (d * 6)()
        self.cusps = (d * 13)()
        self.ascmc = (d * 10)()
        self.serr = ctypes.create_string_buffer(256)


def place(lon, asc_sign):
    sign = int(lon // 30)
    nak = int(lon // (40 / 3))
    return {"longitude": lon, "sign": SIGNS[sign], "degree": lon - 30 * sign,
            "nakshatra": NAKSHATRAS[nak], "pada": int((lon - nak * 40 / 3) // (10 / 3)) + 1,
            "house": (sign - asc_sign) % 12 + 1}


def pure_chart(swe, date, time_, tz, lat, lon):
    """The D1 chart in Python: local time with a fixed offset to UT, then
    libswe for the positions and the ascendant; the rest is arithmetic."""
    y, m, d = (int(x) for x in date.split("-"))
    hh, mm, ss = (int(x) for x in (time_ + ":00")[:8].split(":"))
    sign = -1 if tz[0] == "-" else 1
    offset = sign * (int(tz[1:3]) + int(tz[4:6]) / 60)
    lib = swe.lib
    jd = lib.swe_julday(y, m, d, hh + mm / 60 + ss / 3600 - offset, 1)
    lib.swe_set_sid_mode(SE_SIDM_LAHIRI, 0, 0)
    lib.swe_houses_ex(jd, SEFLG_SIDEREAL, lat, lon, ord("W"), swe.cusps, swe.ascmc)
    asc = swe.ascmc[0]
    asc_sign = int(asc // 30)
    chart = {"ascendant": place(asc, asc_sign), "planets": []}
    flags = SEFLG_SWIEPH | SEFLG_SPEED | SEFLG_SIDEREAL
    for name, body in GRAHAS:
        if lib.swe_calc_ut(jd, body, flags, swe.xx, swe.serr) < 0:
            raise RuntimeError(swe.serr.value.decode())
        p = place(swe.xx[0], asc_sign)
        p.update(name=name, speed=swe.xx[3], retrograde=swe.xx[3] < 0)
        chart["planets"].append(p)
        if body == SE_MEAN_NODE:
            k = place((swe.xx[0] + 180) % 360, asc_sign)
            k.update(name="Ketu", speed=swe.xx[3], retrograde=True)
            chart["planets"].append(k)
    return chart


def check_same(swe):
    """Both sides compute the same chart: longitudes within 0.1 arc second."""
    doc = kundli.chart(**BIRTH, sections="planets")
    mine = pure_chart(swe, BIRTH["date"], BIRTH["time"], BIRTH["tz"], BIRTH["lat"],
                      BIRTH["lon"])
    pairs = [(doc["ascendant"], mine["ascendant"])]
    theirs = {p["name"]: p for p in doc["planets"]}
    pairs += [(theirs[p["name"]], p) for p in mine["planets"]]
    worst = 0.0
    for a, b in pairs:
        diff = abs((a["longitude"] - b["longitude"] + 180) % 360 - 180)
        worst = max(worst, diff)
        assert a["sign"] == b["sign"] and a["nakshatra"] == b["nakshatra"], (a, b)
        assert a["pada"] == b["pada"] and a.get("house", b["house"]) == b["house"], (a, b)
    assert worst * 3600 < 0.1, f"the two charts differ by {worst * 3600:.3f} arc seconds"
    return worst * 3600


def rate(fn, n):
    t0 = time.perf_counter()
    for _ in range(n):
        fn()
    return n / (time.perf_counter() - t0)


def rate2(fn, n):
    """Charts/s of 2 threads doing n charts each (ctypes, too, drops the GIL
    during each foreign call)."""
    def work():
        for _ in range(n):
            fn()
    threads = [threading.Thread(target=work) for _ in range(2)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return 2 * n / (time.perf_counter() - t0)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    swe = Swe()
    worst = check_same(swe)
    b = BIRTH
    runs = {
        "kundli.chart(sections='planets')": lambda: kundli.chart(**b, sections="planets"),
        "kundli.chart_json(sections='planets')":
            lambda: kundli.chart_json(**b, sections="planets"),
        "pure Python + libswe (ctypes)":
            lambda: pure_chart(swe, b["date"], b["time"], b["tz"], b["lat"], b["lon"]),
    }
    for fn in runs.values():  # warm up: ephemeris files, caches
        rate(fn, 200)
    results = {name: [] for name in runs}
    results.update({name + ", 2 threads": [] for name in runs})
    for _ in range(rounds):
        for name, fn in runs.items():
            results[name].append(rate(fn, n))
        for name, fn in runs.items():
            results[name + ", 2 threads"].append(rate2(fn, n // 2))
    print(f"python_bench: {n} charts x {rounds} alternating rounds, Python "
          f"{sys.version.split()[0]}, kundli {kundli.__version__}; the two D1 "
          f"charts agree within {worst:.4f}\"")
    print(f"  {'charts/s':52s} {'median':>8s} {'min':>8s} {'max':>8s}")
    for name, rates in results.items():
        print(f"  {name:52s} {statistics.median(rates):8.0f} {min(rates):8.0f} "
              f"{max(rates):8.0f}")
    k = statistics.median(results["kundli.chart(sections='planets')"])
    p = statistics.median(results["pure Python + libswe (ctypes)"])
    print(f"  {'ratio kundli.chart / pure Python, 1 thread':52s} {k / p:8.2f}")


if __name__ == "__main__":
    main()
