# seed_app.py - the baseline for bench/run.sh: GET /v1/kundli (D1: planets, houses) and a
# batch endpoint written as the seed's FastAPI + uvicorn stack would write them, Swiss
# Ephemeris through ctypes. Not part of kundli; it exists only to be measured against.
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# Run from the repository root:
#   python3 -m uvicorn bench.seed_app:app --workers 2 --host 127.0.0.1 --port 8000 \
#       --log-level warning
import asyncio
import ctypes
import ctypes.util
from datetime import datetime
from typing import List
from zoneinfo import ZoneInfo

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, conlist

EPHE_PATH = b"/usr/share/libswe/ephe"

SEFLG_SWIEPH = 2
SEFLG_SPEED = 256
SEFLG_SIDEREAL = 64 * 1024
SE_SIDM_LAHIRI = 1
SE_GREG_CAL = 1
SE_MEAN_NODE = 10
FLAGS = SEFLG_SWIEPH | SEFLG_SPEED | SEFLG_SIDEREAL

SIGNS = ["Aries", "Taurus", "Gemini", "Cancer", "Leo", "Virgo", "Libra", "Scorpio",
         "Sagittarius", "Capricorn", "Aquarius", "Pisces"]
SIGN_LORDS = ["Mars", "Venus", "Mercury", "Moon", "Sun", "Mercury", "Venus", "Mars",
              "Jupiter", "Saturn", "Saturn", "Jupiter"]
NAKSHATRAS = ["Ashwini", "Bharani", "Krittika", "Rohini", "Mrigashira", "Ardra",
              "Punarvasu", "Pushya", "Ashlesha", "Magha", "Purva Phalguni",
              "Uttara Phalguni", "Hasta", "Chitra", "Swati", "Vishakha", "Anuradha",
              "Jyeshtha", "Mula", "Purva Ashadha", "Uttara Ashadha", "Shravana",
              "Dhanishta", "Shatabhisha", "Purva Bhadrapada", "Uttara Bhadrapada", "Revati"]
NAKSHATRA_LORDS = ["Ketu", "Venus", "Sun", "Moon", "Mars", "Rahu", "Jupiter", "Saturn",
                   "Mercury"]
PLANETS = [("Sun", 0), ("Moon", 1), ("Mars", 4), ("Mercury", 2), ("Jupiter", 5),
           ("Venus", 3), ("Saturn", 6), ("Rahu", SE_MEAN_NODE)]

swe = ctypes.CDLL(ctypes.util.find_library("swe") or "libswe.so.2")
swe.swe_set_ephe_path.argtypes = [ctypes.c_char_p]
swe.swe_set_ephe_path.restype = None
swe.swe_set_sid_mode.argtypes = [ctypes.c_int32, ctypes.c_double, ctypes.c_double]
swe.swe_set_sid_mode.restype = None
swe.swe_julday.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_double,
                           ctypes.c_int]
swe.swe_julday.restype = ctypes.c_double
swe.swe_calc_ut.argtypes = [ctypes.c_double, ctypes.c_int32, ctypes.c_int32,
                            ctypes.POINTER(ctypes.c_double), ctypes.c_char_p]
swe.swe_calc_ut.restype = ctypes.c_int32
swe.swe_houses_ex.argtypes = [ctypes.c_double, ctypes.c_int32, ctypes.c_double,
                              ctypes.c_double, ctypes.c_int, ctypes.POINTER(ctypes.c_double),
                              ctypes.POINTER(ctypes.c_double)]
swe.swe_houses_ex.restype = ctypes.c_int

app = FastAPI(title="seed kundli (baseline)")


def position(longitude: float, asc_sign: int) -> dict:
    sign = int(longitude // 30) % 12
    nak = int(longitude // (360 / 27)) % 27
    pada = int((longitude % (360 / 27)) // (360 / 108)) + 1
    return {
        "longitude": round(longitude, 8),
        "sign": SIGNS[sign],
        "sign_number": sign + 1,
        "sign_lord": SIGN_LORDS[sign],
        "degree": round(longitude % 30, 8),
        "nakshatra": NAKSHATRAS[nak],
        "nakshatra_number": nak + 1,
        "nakshatra_lord": NAKSHATRA_LORDS[nak % 9],
        "pada": pada,
        "house": (sign - asc_sign) % 12 + 1,
    }


def compute_chart(date: str, time: str, tz: str, lat: float, lon: float) -> dict:
    try:
        local = datetime.fromisoformat(f"{date}T{time}").replace(tzinfo=ZoneInfo(tz))
    except Exception as e:
        raise HTTPException(status_code=400, detail=str(e))
    ut = local.astimezone(ZoneInfo("UTC"))
    swe.swe_set_ephe_path(EPHE_PATH)
    swe.swe_set_sid_mode(SE_SIDM_LAHIRI, 0, 0)
    jd = swe.swe_julday(ut.year, ut.month, ut.day,
                        ut.hour + ut.minute / 60 + ut.second / 3600, SE_GREG_CAL)

    cusps = (ctypes.c_double * 13)()
    ascmc = (ctypes.c_double * 10)()
    swe.swe_houses_ex(jd, SEFLG_SIDEREAL, lat, lon, ord("W"), cusps, ascmc)
    asc = ascmc[0]
    asc_sign = int(asc // 30) % 12

    planets = []
    xx = (ctypes.c_double * 6)()
    serr = ctypes.create_string_buffer(256)
    for name, body in PLANETS:
        if swe.swe_calc_ut(jd, body, FLAGS, xx, serr) < 0:
            raise HTTPException(status_code=500, detail=serr.value.decode())
        p = {"name": name, **position(xx[0], asc_sign), "latitude": round(xx[1], 8),
             "speed": round(xx[3], 8), "retrograde": xx[3] < 0}
        planets.append(p)
        if name == "Rahu":
            ketu = (xx[0] + 180) % 360
            planets.append({"name": "Ketu", **position(ketu, asc_sign), "latitude": 0.0,
                            "speed": p["speed"], "retrograde": p["retrograde"]})

    houses = []
    for h in range(12):
        sign = (asc_sign + h) % 12
        houses.append({"number": h + 1, "sign": SIGNS[sign], "lord": SIGN_LORDS[sign],
                       "cusp": sign * 30.0,
                       "occupants": [p["name"] for p in planets if p["sign_number"] == sign + 1]})
    return {
        "input": {"date": date, "time": time, "timezone": tz, "latitude": lat,
                  "longitude": lon, "ut": ut.isoformat(), "julian_day_ut": jd},
        "ascendant": position(asc, asc_sign),
        "planets": planets,
        "houses": houses,
    }


@app.get("/v1/kundli")
async def kundli(date: str, time: str, tz: str, lat: float, lon: float,
                 sections: str = "planets,houses"):
    return compute_chart(date, time, tz, lat, lon)


class Birth(BaseModel):
    date: str
    time: str
    timezone: str
    latitude: float
    longitude: float


class Item(BaseModel):
    birth: Birth
    options: dict = {}


class Batch(BaseModel):
    items: conlist(Item, min_items=1, max_items=100)


async def compute_item(item: Item) -> dict:
    b = item.birth
    return compute_chart(b.date, b.time, b.timezone, b.latitude, b.longitude)


@app.post("/v1/kundli/batch")
async def kundli_batch(batch: Batch):
    results: List[dict] = await asyncio.gather(*(compute_item(i) for i in batch.items))
    return {"count": len(results), "errors": 0, "results": results}
