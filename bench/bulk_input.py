#!/usr/bin/env python3
"""bulk_input.py - writes N random births as the CSV input of `kundli bulk`
(id,date,time,tz,lat,lon,fold), the same kind of births as `kundli bench`
(years 1800..2399, six zones, latitudes -60..60), from a fixed seed, so a
run is repeatable without committing data:

    python3 bench/bulk_input.py 1000000 > /tmp/births.csv
    python3 bench/bulk_input.py --ndjson 1000 > /tmp/births.ndjson
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import json
import random
import sys


def main():
    args = sys.argv[1:]
    ndjson = "--ndjson" in args
    args = [a for a in args if a != "--ndjson"]
    n = int(args[0]) if args else 1000
    rnd = random.Random(20240601)
    zones = ["Asia/Kolkata", "America/New_York", "Europe/London", "+05:30",
             "Australia/Sydney", "UTC"]
    out = sys.stdout
    if not ndjson:
        out.write("id,date,time,tz,lat,lon,fold\n")
    for i in range(n):
        row = {
            "id": "b%d" % (i + 1),
            "date": "%04d-%02d-%02d" % (rnd.randrange(1800, 2400), rnd.randrange(1, 13),
                                        rnd.randrange(1, 29)),
            "time": "%02d:%02d:%02d" % (rnd.randrange(24), rnd.randrange(60),
                                        rnd.randrange(60)),
            "tz": rnd.choice(zones),
            "lat": round(rnd.uniform(-60, 60), 4),
            "lon": round(rnd.uniform(-180, 180), 4),
            "fold": 0,  # a time in a DST overlap: the earlier reading, as kundli bench
        }
        if ndjson:
            out.write(json.dumps(row, separators=(",", ":")) + "\n")
        else:
            out.write("%(id)s,%(date)s,%(time)s,%(tz)s,%(lat)s,%(lon)s,%(fold)s\n" % row)


if __name__ == "__main__":
    main()
