# test_kundli.py - tests of the Python binding: the book cases of
# tests/golden/cases.txt equal the CLI's JSON, errors carry code and field,
# memory stays flat over 10,000 calls, and the GIL is released while the
# library computes. Run from the repository root with PYTHONPATH set to the
# directory of the built module; exits non-zero on failure.
# SPDX-License-Identifier: AGPL-3.0-or-later
import datetime
import faulthandler
import gc
import json
import os
import shlex
import sys
import tempfile
import threading
import time
import unittest

import kundli

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
GOLDEN = os.path.join(ROOT, "tests", "golden")
SANITIZED = os.environ.get("KUNDLI_SANITIZE") == "1"

BIRTH = dict(date="1996-12-07", time="10:34:00", tz="+05:30", lat=13.0878, lon=80.2785)

# CLI flags that take no value, and flags whose API name differs.
FLAGS = {"--outer-planets": ("outer_planets", True), "--topocentric": ("topocentric", True)}
RENAMED = {"dasha": "dasha_levels"}


def cli_to_kwargs(args):
    """The keywords of the Python call that equals `kundli <cmd> ARGS --json`."""
    kw = {}
    i = 0
    while i < len(args):
        flag = args[i]
        if flag == "--json":
            i += 1
            continue
        if flag in FLAGS:
            key, value = FLAGS[flag]
            kw[key] = value
            i += 1
            continue
        assert flag.startswith("--"), flag
        key = flag[2:].replace("-", "_")
        key = RENAMED.get(key, key)
        value = args[i + 1]
        # Numbers go in as numbers, to test their conversion to text.
        if key in ("lat", "lon"):
            value = float(value)
        elif key == "dasha_levels":
            value = int(value)
        kw[key] = value
        i += 2
    return kw


def golden_cases():
    cases = []
    with open(os.path.join(GOLDEN, "cases.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, command = (part.strip() for part in line.split("|", 1))
            args = shlex.split(command)
            cases.append((name, args[0], args[1:]))
    return cases


def read_golden(name):
    with open(os.path.join(GOLDEN, name + ".json"), encoding="utf-8") as f:
        return f.read()


def match_side(args, i):
    """The side given by --boy/--girl (a birth) or --boy-nakshatra (a Moon)."""
    flag, value = args[i], args[i + 1]
    if flag.endswith("-nakshatra"):
        nakshatra, pada = value.split(":")
        return flag[2:].split("-")[0], {"nakshatra": nakshatra, "pada": int(pada)}
    return flag[2:], cli_to_kwargs(shlex.split(value))


def rss_kib():
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Golden(unittest.TestCase):
    """Every book case of tests/golden/cases.txt, through the binding."""

    def test_cases(self):
        cases = golden_cases()
        self.assertGreaterEqual(len(cases), 11)
        kinds = set()
        for name, command, args in cases:
            with self.subTest(case=name):
                text = read_golden(name)
                expected = json.loads(text)
                if command == "chart":
                    kw = cli_to_kwargs(args)
                    self.assertEqual(kundli.chart(**kw), expected)
                    # The text too, byte for byte (the CLI ends it with a newline).
                    self.assertEqual(kundli.chart_json(**kw), text.rstrip("\n"))
                elif command == "match":
                    pairs = [(args[i], args[i + 1]) for i in range(0, len(args) - 1, 2)
                             if args[i] != "--json"]
                    kw = {flag[2:]: value for flag, value in pairs
                          if flag in ("--system", "--school", "--lang")}
                    kw.update(match_side(args, i) for i in range(0, len(args) - 1, 2)
                              if args[i] not in ("--json", "--system", "--school", "--lang"))
                    self.assertEqual(kundli.match(**kw), expected)
                elif command == "panchang":
                    self.assertEqual(kundli.panchang(**cli_to_kwargs(args)), expected)
                else:
                    self.fail("unknown command " + command)
                kinds.add(command)
        self.assertEqual(kinds, {"chart", "match", "panchang"})


class Values(unittest.TestCase):
    def test_types_give_the_same_chart(self):
        base = kundli.chart(**BIRTH, sections="planets", as_of="2026-01-01")
        same = kundli.chart(date=datetime.date(1996, 12, 7), time=datetime.time(10, 34),
                            timezone="+05:30", latitude="13.0878", longitude=80.2785,
                            sections=["planets"], as_of="2026-01-01", ayanamsa=None)
        self.assertEqual(base, same)
        self.assertEqual([p["name"] for p in base["planets"]][:2], ["Sun", "Moon"])
        self.assertEqual(base["settings"]["sections"], ["planets"])

    def test_options_and_bools(self):
        doc = kundli.chart(**BIRTH, sections="planets", outer_planets=True, node="true",
                           ayanamsa="raman", dasha_levels=1, topocentric=False)
        self.assertEqual(doc["settings"]["ayanamsa"], "raman")
        self.assertTrue(doc["settings"]["outer_planets"])
        self.assertFalse(doc["settings"]["topocentric"])
        self.assertEqual(doc["settings"]["node"], "true")
        self.assertIn("Pluto", [p["name"] for p in doc["planets"]])

    def test_stars_api_shape_and_numbers(self):
        by_name = kundli.match(boy={"nakshatra": "Rohini", "pada": 2},
                               girl={"nakshatra": "swati", "pada": "1"})
        by_number = kundli.match(boy={"nakshatra": 4, "pada": 2},
                                 girl={"nakshatra": 15, "pada": 1})
        self.assertEqual(by_name, by_number)
        self.assertEqual(by_name, json.loads(read_golden("match_stars")))
        births = json.loads(read_golden("match_births"))
        api_shape = kundli.match(
            boy={"birth": {"date": "1996-12-07", "time": "10:34", "timezone": "+05:30",
                           "latitude": 13.0878, "longitude": 80.2785}, "options": {}},
            girl={"birth": {"date": "1972-06-01", "time": "04:16", "timezone": "+05:30",
                            "latitude": 16.25, "longitude": 81.2}})
        self.assertEqual(api_shape, births)

    def test_module(self):
        self.assertRegex(kundli.__version__, r"^\d+\.\d+\.\d+$")
        self.assertEqual(kundli.SECTIONS[0], "planets")
        self.assertEqual(len(kundli.SECTIONS), 10)
        self.assertEqual(kundli.SECTIONS[-2:], ("summary", "aspects"))
        self.assertIn("InputError", kundli.__doc__)
        self.assertTrue(issubclass(kundli.InputError, kundli.Error))
        self.assertTrue(issubclass(kundli.InputError, ValueError))
        self.assertTrue(issubclass(kundli.EphemerisError, kundli.Error))
        self.assertTrue(issubclass(kundli.ResourceError, kundli.Error))


class Errors(unittest.TestCase):
    def check(self, cls, code, field, fn, **kw):
        with self.assertRaises(cls) as cm:
            fn(**kw)
        e = cm.exception
        self.assertIsInstance(e, kundli.Error)
        self.assertEqual(e.code, code)
        self.assertEqual(e.field, field)
        self.assertIsInstance(e.status, int)
        self.assertLess(e.status, 0)
        self.assertTrue(e.message)
        self.assertIn(code, str(e))
        return e

    def test_latitude(self):
        e = self.check(kundli.InputError, "invalid_latitude", "birth.latitude", kundli.chart,
                       **dict(BIRTH, lat=91))
        self.assertEqual(e.status, -992)

    def test_timezone(self):
        self.check(kundli.InputError, "unknown_timezone", "birth.timezone", kundli.chart,
                   **dict(BIRTH, tz="Mars/Olympus_Mons"))

    def test_missing(self):
        kw = dict(BIRTH)
        del kw["lon"]
        self.check(kundli.InputError, "missing_field", "birth.longitude", kundli.chart, **kw)

    def test_unknown_and_invalid(self):
        self.check(kundli.InputError, "unknown_field", "city", kundli.chart,
                   **dict(BIRTH, city="Chennai"))
        # the library has no gazetteer: a place is not resolved
        self.check(kundli.InputError, "unknown_place", "birth.place", kundli.chart,
                   **dict(BIRTH, place="Chennai"))
        self.check(kundli.InputError, "invalid_number", "birth.latitude", kundli.chart,
                   **dict(BIRTH, lat="13,0878"))
        self.check(kundli.InputError, "invalid_value", "options.dasha_levels", kundli.chart,
                   **dict(BIRTH, dasha_levels=7))
        self.check(kundli.InputError, "unknown_section", "options.sections", kundli.chart,
                   **dict(BIRTH, sections="planets,horoscope"))
        self.check(kundli.InputError, "nonexistent_local_time", "birth.time", kundli.chart,
                   date="2024-03-10", time="02:30", tz="America/New_York", lat=40.7,
                   lon=-74.0)

    def test_match_and_panchang(self):
        self.check(kundli.InputError, "invalid_latitude", "girl.birth.latitude", kundli.match,
                   boy=dict(BIRTH), girl=dict(BIRTH, lat=-95))
        self.check(kundli.InputError, "unknown_field", "boy.planet", kundli.match,
                   boy=dict(BIRTH, planet="Mars"), girl=dict(BIRTH))
        self.check(kundli.InputError, "missing_field", "girl", kundli.match, boy=dict(BIRTH))
        self.check(kundli.InputError, "unknown_nakshatra", "boy.nakshatra", kundli.match,
                   boy={"nakshatra": "Pluto", "pada": 1}, girl={"nakshatra": 1, "pada": 1})
        self.check(kundli.InputError, "invalid_value", "girl.pada", kundli.match,
                   boy={"nakshatra": 1, "pada": 1}, girl={"nakshatra": 1, "pada": 5})
        self.check(kundli.InputError, "missing_field", "girl.pada", kundli.match,
                   boy={"nakshatra": 1, "pada": 1}, girl={"nakshatra": 1})
        # A birth against a Moon given directly, as the HTTP API allows.
        m = kundli.match(boy=dict(BIRTH), girl={"nakshatra": "Swati", "pada": 1})
        self.assertEqual(m["boy"]["nakshatra"], "Swati")
        self.assertEqual(m["girl"]["pada"], 1)
        self.assertEqual(m["max"], 36)
        with self.assertRaises(kundli.InputError) as cm:
            kundli.panchang(date="2024-02-30", tz="Asia/Kolkata", lat=13, lon=80)
        self.assertEqual(cm.exception.code, "invalid_date")
        stars = {"boy": {"nakshatra": "Rohini", "pada": 2},
                 "girl": {"nakshatra": "Swati", "pada": 1}}
        self.check(kundli.InputError, "invalid_value", "options.school", kundli.match,
                   system="porutham", school="jhora", **stars)
        self.check(kundli.InputError, "invalid_value", "school", kundli.match, school=1, **stars)
        self.check(kundli.InputError, "unknown_field", "colour", kundli.match, colour="x",
                   **stars)
        self.assertEqual(kundli.match(lang="hi", **stars)["kootas"][0]["display"], "वर्ण")

    def test_python_errors(self):
        with self.assertRaises(TypeError):
            kundli.chart("1996-12-07")
        with self.assertRaises(TypeError):
            kundli.chart(**dict(BIRTH, lat=object()))
        with self.assertRaises(TypeError):
            kundli.match(boy="Rohini:2", girl={"nakshatra": 1, "pada": 1})
        with self.assertRaises(ValueError):
            kundli.chart(**dict(BIRTH, tz="Asia/Kol\0kata"))

    def test_configure(self):
        with tempfile.TemporaryDirectory() as empty:
            kundli.configure(zoneinfo=empty)
            try:
                with self.assertRaises(kundli.InputError) as cm:
                    kundli.chart(**dict(BIRTH, tz="Asia/Kolkata"), sections="planets")
                self.assertEqual(cm.exception.code, "unknown_timezone")
            finally:
                restore()
        kundli.chart(**dict(BIRTH, tz="Asia/Kolkata"), sections="planets")


def restore():
    kundli.configure(ephe_path=os.environ.get("KUNDLI_EPHE_PATH"),
                     zoneinfo=os.environ.get("KUNDLI_ZONEINFO"))


class Memory(unittest.TestCase):
    """10,000 calls, errors included, leave no Python objects or C memory behind."""

    def calls(self, n):
        for i in range(n):
            kundli.chart(**BIRTH, sections="planets")
            try:
                kundli.chart(**dict(BIRTH, lat=91))
            except kundli.InputError:
                pass
            try:
                kundli.chart(**dict(BIRTH, nope=1))
            except kundli.InputError:
                pass
            try:
                kundli.chart(**dict(BIRTH, sections=["planets", "nope"]))
            except kundli.InputError:
                pass
            try:
                kundli.chart(**dict(BIRTH, lat=object()))
            except TypeError:
                pass
            if i % 10 == 0:
                kundli.match(boy={"nakshatra": "Rohini", "pada": 2},
                             girl={"nakshatra": 15, "pada": 1})
                try:
                    kundli.match(boy=dict(BIRTH), girl=dict(BIRTH, lat=-95))
                except kundli.InputError:
                    pass
                kundli.chart_json(**BIRTH, sections="planets")
            if i % 100 == 0:
                kundli.panchang(date="2013-01-18", tz="Asia/Kolkata", lat=12.9716, lon=77.5946)

    def test_stable(self):
        n = int(os.environ.get("KUNDLI_PY_LOOPS", "10000"))
        self.calls(1000)
        rss_kib()  # its first call caches a codec
        gc.collect()
        blocks, rss = sys.getallocatedblocks(), rss_kib()
        self.calls(n)
        gc.collect()
        grown_blocks, grown_rss = sys.getallocatedblocks() - blocks, rss_kib() - rss
        print(f"\nmemory: {n} rounds of 5+ calls: Python blocks {grown_blocks:+d}, "
              f"RSS {grown_rss:+d} KiB", file=sys.stderr)
        self.assertLess(grown_blocks, 50)
        if not SANITIZED:  # ASan's quarantine holds freed memory
            self.assertLess(grown_rss, 2048)


class Threads(unittest.TestCase):
    def test_gil_released_during_compute(self):
        """Deterministic: the library blocks reading a time zone file (a FIFO)
        while this thread runs Python code, which it could not do if the
        worker held the GIL; this thread then opens the FIFO's other end."""
        with tempfile.TemporaryDirectory() as zi:
            os.mkdir(os.path.join(zi, "Asia"))
            fifo = os.path.join(zi, "Asia", "Kolkata")
            os.mkfifo(fifo)
            kundli.configure(zoneinfo=zi)
            outcome = []

            def worker():
                try:
                    outcome.append(kundli.chart(**dict(BIRTH, tz="Asia/Kolkata")))
                except kundli.Error as e:
                    outcome.append(e)

            # Were the GIL held, this thread could never run again: end the
            # process with a traceback rather than hang.
            faulthandler.dump_traceback_later(120, exit=True)
            t = threading.Thread(target=worker)
            t.start()
            try:
                deadline = time.monotonic() + 60
                spins = 0
                while True:
                    try:
                        # Succeeds only while the worker has the FIFO open for
                        # reading, that is while it is inside the library.
                        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
                        break
                    except OSError:
                        spins += 1
                        self.assertLess(time.monotonic(), deadline,
                                        "the library never opened the time zone file")
                        time.sleep(0.001)
                os.close(fd)  # lets the worker's open() return
            finally:
                t.join(60)
                faulthandler.cancel_dump_traceback_later()
                restore()
            self.assertFalse(t.is_alive())
            self.assertEqual(len(outcome), 1)
            print(f"\nGIL: Python ran ({spins} polls) while a chart call was blocked "
                  f"inside the library", file=sys.stderr)

    def test_configure_while_computing(self):
        """configure() retires the context that running calls still use."""
        errors = []
        expected = kundli.chart(**BIRTH, sections="planets")

        def work():
            for _ in range(100):
                if kundli.chart(**BIRTH, sections="planets") != expected:
                    errors.append("differs")

        threads = [threading.Thread(target=work) for _ in range(2)]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            restore()
            time.sleep(0.0005)
        for t in threads:
            t.join()
        self.assertEqual(errors, [])

    def test_two_threads_timing(self):
        """Reports (does not assert, the machine is shared) how much 2 threads
        gain over 1 for the same number of charts per thread."""
        n = int(os.environ.get("KUNDLI_PY_THREAD_CHARTS", "300" if SANITIZED else "1500"))

        def work():
            for _ in range(n):
                kundli.chart(**BIRTH, sections="planets")

        work()  # warm the ephemeris files
        t0 = time.perf_counter()
        work()
        one = time.perf_counter() - t0
        threads = [threading.Thread(target=work) for _ in range(2)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        two = time.perf_counter() - t0
        print(f"\nthreads: {n} charts in 1 thread {one:.3f} s; {n} charts in each of 2 "
              f"threads {two:.3f} s; ratio {two / one:.2f} (2.0 = no parallelism, 1.0 = "
              f"perfect), {2 * n / two:.0f} charts/s", file=sys.stderr)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=1).result
    failed = len(result.failures) + len(result.errors)
    print(f"python: {result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed or not result.wasSuccessful() else 0)
