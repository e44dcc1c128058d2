# seed_app.py - the baseline for bench/run.sh and bench/store.sh: GET /v1/kundli (D1:
# planets, houses), a batch endpoint, and saved charts (POST /v1/kundlis, GET
# /v1/kundlis/{id}, GET /v1/kundlis?limit=) in a sqlite3 file, written as the seed's
# FastAPI + uvicorn stack would write them, Swiss Ephemeris through ctypes. Not part of
# kundli; it exists only to be measured against.
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# Run from the repository root (SEED_DB: the saved charts' file, default in the temp dir):
#   SEED_DB=/tmp/seed.db python3 -m uvicorn bench.seed_app:app --workers 2 \
#       --host 127.0.0.1 --port 8000 --log-level warning
import asyncio
import ctypes
import ctypes.util
import json
import os
import sqlite3
import tempfile
import uuid
from datetime import datetime, timezone
from typing import List, Optional
from zoneinfo import ZoneInfo

from fastapi import Depends, FastAPI, Header, HTTPException, Query
from pydantic import BaseModel, conlist, constr

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


# --- saved charts --------------------------------------------------------------------------
# The seed kept them in a MongoDB collection `kundlis` (user_id, created_at, date, time,
# latitude, longitude, planets, houses) with four indexes; here the same document is a row of
# one sqlite3 table, with the same indexes. One connection per request, opened by a
# dependency and closed after the answer (the FastAPI tutorial's pattern); the handlers are
# plain `def`, so FastAPI runs them in its thread pool and a write waiting for SQLite's lock
# does not block the event loop. The API key is the user id as sent (no hashing, no key
# table): a simplification in the seed's favour.
DB_PATH = os.environ.get("SEED_DB") or os.path.join(tempfile.gettempdir(), "kundli-seed.db")

SCHEMA = """
CREATE TABLE IF NOT EXISTS kundlis (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    date TEXT NOT NULL,
    time TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    name TEXT NOT NULL,
    tags TEXT NOT NULL,
    notes TEXT NOT NULL,
    birth TEXT NOT NULL,
    options TEXT NOT NULL,
    planets TEXT NOT NULL,
    houses TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS kundlis_user ON kundlis (user_id);
CREATE INDEX IF NOT EXISTS kundlis_user_created ON kundlis (user_id, created_at DESC);
CREATE INDEX IF NOT EXISTS kundlis_date_time ON kundlis (date, time);
CREATE INDEX IF NOT EXISTS kundlis_place ON kundlis (latitude, longitude);
"""


def connect() -> sqlite3.Connection:
    # check_same_thread=False: FastAPI may run the dependency and the handler on different
    # threads of its pool. The default 5 s busy timeout waits for the write lock.
    conn = sqlite3.connect(DB_PATH, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


@app.on_event("startup")
def create_schema():
    conn = connect()
    try:
        conn.execute("PRAGMA journal_mode=WAL")  # synchronous stays at its default, FULL
        conn.executescript(SCHEMA)
        conn.commit()
    finally:
        conn.close()


def get_db():
    conn = connect()
    try:
        yield conn
    finally:
        conn.close()


def get_user(authorization: Optional[str] = Header(None)) -> str:
    if not authorization or not authorization.startswith("Bearer ") or len(authorization) < 8:
        raise HTTPException(status_code=401, detail="unauthorized")
    return authorization[7:]


class SavedChartIn(BaseModel):
    name: constr(max_length=200) = ""
    birth: Birth
    options: dict = {}
    tags: conlist(constr(max_length=40), max_items=20) = []
    notes: constr(max_length=4096) = ""


def saved_doc(row: sqlite3.Row) -> dict:
    return {
        "id": row["id"],
        "name": row["name"],
        "tags": json.loads(row["tags"]),
        "notes": row["notes"],
        "birth": json.loads(row["birth"]),
        "options": json.loads(row["options"]),
        "created_at": row["created_at"],
        "chart": {"planets": json.loads(row["planets"]), "houses": json.loads(row["houses"])},
    }


@app.post("/v1/kundlis", status_code=201)
def save_kundli(body: SavedChartIn, user: str = Depends(get_user),
                db: sqlite3.Connection = Depends(get_db)):
    b = body.birth
    chart = compute_chart(b.date, b.time, b.timezone, b.latitude, b.longitude)
    kid = uuid.uuid4().hex
    created = datetime.now(timezone.utc).isoformat()
    db.execute(
        "INSERT INTO kundlis (id, user_id, created_at, date, time, latitude, longitude, name,"
        " tags, notes, birth, options, planets, houses)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (kid, user, created, b.date, b.time, b.latitude, b.longitude, body.name,
         json.dumps(body.tags), body.notes, json.dumps(b.dict()), json.dumps(body.options),
         json.dumps(chart["planets"]), json.dumps(chart["houses"])))
    db.commit()
    return {"id": kid, "name": body.name, "tags": body.tags, "notes": body.notes,
            "birth": b.dict(), "options": body.options, "created_at": created,
            "chart": {"planets": chart["planets"], "houses": chart["houses"]}}


@app.get("/v1/kundlis")
def list_kundlis(limit: int = Query(20, ge=1, le=100), user: str = Depends(get_user),
                 db: sqlite3.Connection = Depends(get_db)):
    rows = db.execute("SELECT * FROM kundlis WHERE user_id = ? ORDER BY created_at DESC LIMIT ?",
                      (user, limit)).fetchall()
    return {"items": [saved_doc(r) for r in rows]}


@app.get("/v1/kundlis/{kid}")
def get_kundli(kid: str, user: str = Depends(get_user),
               db: sqlite3.Connection = Depends(get_db)):
    row = db.execute("SELECT * FROM kundlis WHERE id = ? AND user_id = ?",
                     (kid, user)).fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="not found")
    return saved_doc(row)
