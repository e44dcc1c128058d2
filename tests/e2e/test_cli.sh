#!/bin/sh
# End-to-end tests of the kundli CLI binary: the chart's table of every
# section and its JSON for a known birth, --sections, --help, and a one-line
# error with exit status 2 for every kind of bad argument. Usage: test_cli.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
set -u
K="$1/kundli"
fails=0
checks=0
BIRTH="--date 1996-12-07 --time 10:34 --tz Asia/Kolkata --lat 13.0878 --lon 80.2785"

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { checks=$((checks + 1)); }

# expect_exit CODE ARGS...: exit status, and for errors exactly one stderr line
expect_exit() {
    want=$1; shift
    out=$("$K" "$@" 2>/tmp/kundli_cli_err.$$); got=$?
    lines=$(wc -l </tmp/kundli_cli_err.$$)
    if [ "$got" -ne "$want" ]; then
        fail "kundli $* exited $got, want $want: $(cat /tmp/kundli_cli_err.$$)"
    elif [ "$want" -eq 2 ] && [ "$lines" -ne 1 ]; then
        fail "kundli $*: want one error line, got $lines"
    else
        ok
    fi
}

# The table for the book chart: lagna Capricorn 22 26', Moon in Swati 1.
table=$("$K" chart $BIRTH)
echo "$table" | grep -q "^Lagna     Capricorn   22°26'44" && ok || fail "lagna line"
echo "$table" | grep -q "^Moon      Libra        6°57'3.*Swati  *1  *10" && ok || fail "moon line"
echo "$table" | grep -q "^Jupiter .*own .*atmakaraka" && ok || fail "jupiter line"
echo "$table" | grep -q "IST +05:30" && ok || fail "zone"

# Every section's table, with values read from the --json document of the
# same command (sade sati depends on --as-of, so it is fixed).
full=$("$K" chart $BIRTH --as-of 2026-01-01)
# has DESC LINE: LINE is exactly one line of $full (fixed string)
has() { echo "$full" | grep -qxF -- "$2" && ok || fail "table: $1: no line '$2'"; }
# has_re DESC REGEX / lacks DESC REGEX: a line of $full matches / none does
has_re() { echo "$full" | grep -q -- "$2" && ok || fail "table: $1: nothing matches '$2'"; }
lacks() { echo "$full" | grep -q -- "$2" && fail "table: $1: unexpected '$2'" || ok; }
has planets-heading "Planets"
has_re lagna "^Lagna     Capricorn   22°26'44"
has houses-heading "Houses"
has_re house-3 "^3     Pisces      Jupiter   0°00'00.00\"  Saturn Ketu $"
has vargas-heading "Vargas (sign of the lagna and each graha in the sixteen divisional charts)"
has vargas-lagna "Lagna     Cap Leo Vir Can Sag Can Ari Vir Pis Gem Sag Pis Cap Pis Cap Vir"
has vargas-moon "Moon      Lib Leo Lib Lib Sco Sag Sag Sag Can Leo Cap Ari Aqu Cap Aqu Sco"
has vargas-ketu "Ketu      Pis Can Can Gem Sco Lib Aqu Can Tau Pis Pis Lib Vir Sag Pis Sag"
has vimshottari "Vimshottari dasha (balance at birth: Rahu 17y7m9d; times in the birth zone)"
has maha-at-birth "  Rahu     1996-07-16T03:34  2014-07-16T15:34"
has running "  running on 2026-01-01: Jupiter / Moon / Mars (maha / antar / pratyantar)"
has maha-2 "  Jupiter  2014-07-16T15:34  2030-07-16T15:34  <- running"
has antar "    Sun      2025-01-26T22:46  2025-11-15T03:34"
has antar-running "    Moon     2025-11-15T03:34  2027-03-17T03:34  <- running"
has yogini "Yogini dasha (balance at birth: Pingala 1y11m14d; times in the birth zone)"
has yogini-at-birth "  Pingala  Sun      1996-11-21T09:47  1998-11-21T21:47"
has yogini-2 "  Dhanya   Jupiter  1998-11-21T21:47  2001-11-21T15:47"
has yogini-running "  running on 2026-01-01: Sankata / Pingala (maha / antar)"
has yogini-maha-running "  Sankata  Rahu     2023-11-22T03:47  2031-11-22T03:47  <- running"
has ashtottari "Ashtottari dasha (balance at birth: Mars 3y11m14d; times in the birth zone)"
has ashtottari-applies "  applicable: yes by the rahu rule (Rahu 7 from the lagna lord Saturn; Krishna paksha, born by day)"
has ashtottari-running "  running on 2026-01-01: Saturn / Mars / Rahu (maha / antar / pratyantar)"
has ashtottari-at-birth "  Mars     1992-11-21T09:47  2000-11-21T09:47"
has chara "Chara dasha (K.N. Rao; from Capricorn, reverse; times in the birth zone)"
has chara-running "  Libra        2022-12-07T22:34  2034-12-07T22:34  <- running"
has kalachakra "Kalachakra dasha (Swati pada 1, savya, ashwini group; paramayu 100, deha Aries, jeeva Sagittarius; balance at birth: Taurus 14y2m19d)"
has kalachakra-running "  running on 2026-01-01: Cancer / Leo (maha / antar)"
has panchang "Panchang  Saturday, tithi 27 Krishna Dwadashi, nakshatra Swati 1, yoga Shobhana, karana Kaulava"
has tithi "Tithi       27  Krishna Dwadashi     krishna paksha, elongation 315.40°"
has nakshatra "Nakshatra   15  Swati                pada 1, lord Rahu"
has karana "Karana      53  Kaulava"
has sunrise "Sunrise         1996-12-07T06:22:32+05:30"
has av-mars "Mars        2   4   3   0   4   5   4   4   2   3   2   6     39"
has av-jupiter "Jupiter     3   5   6   5   6   5   3   5   3   4   7   4     56"
has sarva "Sarva      27  31  31  22  34  30  33  31  24  24  23  27    337"
has doshas-heading "Doshas"
has_re manglik "^Manglik    no       Mars in Leo; .*dosha cancelled$"
has manglik-lagna "  Lagna              8  yes    yes"
has manglik-moon "  Moon              11  no     no"
has manglik-cancel "  Cancellation leo_aquarius: Mars in Leo or Aquarius gives no dosha (B.V. Raman)"
has_re kaal-sarp "^Kaal sarp  partial  Shankhachur, savya (Rahu to Ketu), Rahu in house 9, outside the axis: Mars, on the axis: Saturn$"
has_re sade-sati "^Sade sati  no       as of 2026-01-01T05:30: Saturn in Pisces 1°56', phase none; natal Moon in Libra$"
has sade-sati-next "  Next      2038-10-22T16:55  2046-12-08T00:14"
has yogas "Yogas (7 of 31 present)"
has_re malavya "^Malavya            Venus                       Venus in its own sign"
has_re parivartana "^Parivartana        Sun Mars  "
lacks gaja-kesari-absent "^Gaja Kesari"
has summary "Summary (avakhada chakra)"
has summary-paya "Paya             Tamra (Moon in house 10), Rajat (by nakshatra)"
has summary-namakshar "Namakshar        Ru (रू)"
has summary-weekday "Weekday          Saturday"

# --sections selects the tables as it selects the JSON members.
full=$("$K" chart $BIRTH --as-of 2026-01-01 --sections planets,doshas)
has_re only-planets "^Moon      Libra        6°57'3.*Swati  *1  *10"
has only-doshas "  Next      2038-10-22T16:55  2046-12-08T00:14"
has_re only-head "IST +05:30"
for t in "^Houses$" "^House Sign" "^Vargas (" "^Vimshottari dasha" "^Yogini dasha" "^Panchang " \
         "^Ashtakavarga (" "^Sarva " "^Yogas (" "^Malavya " "^Summary "; do
    lacks "planets,doshas" "$t"
done
"$K" chart $BIRTH --as-of 2026-01-01 --sections planets,doshas --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["settings"]["sections"] == ["planets", "doshas"], d["settings"]["sections"]
assert "doshas" in d and "planets" in d and "dasha" not in d and "houses" not in d
' && ok || fail "--sections planets,doshas --json"
# --dasha-systems picks the dasha tables (and adds the dasha section); the
# systems' flags reach the engine (a bad list is refused with the flag named,
# below).
full=$("$K" chart $BIRTH --as-of 2026-01-01 --sections planets --dasha-systems chara \
       --chara-levels 2 --chara-method pvr)
has chara-pvr "Chara dasha (P.V.R. Narasimha Rao's years; from Capricorn, reverse; times in the birth zone)"
has chara-antar-running "    Aquarius     2025-12-07T16:34  2026-12-07T22:34  <- running"
lacks only-chara "^Vimshottari dasha"
lacks only-chara-yogini "^Yogini dasha"
# --dasha N adds the dasha at that depth; --vargas LIST prints those charts
# in detail, without the grid when --sections leaves vargas out.
full=$("$K" chart $BIRTH --sections houses --dasha 1 --vargas D9)
has dasha-1 "  Rahu     1996-07-16T03:34  2014-07-16T15:34"
lacks dasha-1-no-antar "^    [A-Z]"
has d9 "D9 (9 parts)"
has d9-lagna "  Lagna     Cancer       22.01"
lacks no-grid "^Vargas ("
lacks no-planets "^Planets$"
full=$("$K" chart $BIRTH --sections planets --dasha 3)
has pratyantar "      Rahu     1996-07-16T03:34  1996-12-11T01:47"

# --json is the API document: parse it and check stable fields.
"$K" chart $BIRTH --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["input"]["ut"] == "1996-12-07T05:04:00Z", d["input"]["ut"]
assert d["settings"]["ayanamsa"] == "lahiri"
p = {x["name"]: x for x in d["planets"]}
assert p["Moon"]["nakshatra"] == "Swati" and p["Moon"]["pada"] == 1
assert p["Sun"]["sign"] == "Scorpio" and p["Sun"]["house"] == 11
assert abs(p["Saturn"]["longitude"] - 336.8069192) < 0.5 / 3600
assert len(d["houses"]) == 12
' && ok || fail "json document"

# Without the ephemeris files libswe silently falls back to Moshier: it must show.
KUNDLI_EPHE_PATH=/nonexistent "$K" chart $BIRTH --json | python3 -c '
import json, sys
assert json.load(sys.stdin)["settings"]["ephemeris"] == "moshier"
' && ok || fail "Moshier fallback reported"

expect_exit 0 --help
expect_exit 0 chart --help
expect_exit 0 bench --help
expect_exit 0 bench --n 50
expect_exit 2
expect_exit 2 frobnicate
expect_exit 2 chart
expect_exit 2 chart --date 1996-12-07
expect_exit 2 chart $BIRTH --bogus
expect_exit 2 chart $BIRTH --lat
expect_exit 2 chart --date 2023-02-29 --time 10:00 --tz UTC --lat 0 --lon 0
expect_exit 2 chart --date 2023-01-01 --time 24:00 --tz UTC --lat 0 --lon 0
expect_exit 2 chart --date 2023-01-01 --time 10:00 --tz Mars/Olympus --lat 0 --lon 0
expect_exit 2 chart --date 2023-01-01 --time 10:00 --tz UTC --lat 91 --lon 0
expect_exit 2 chart --date 2023-01-01 --time 10:00 --tz UTC --lat 0 --lon 181
expect_exit 2 chart --date 2023-01-01 --time 10:00 --tz UTC --lat 0 --lon 0 --ayanamsa nope
expect_exit 2 chart --date 2023-01-01 --time 10:00 --tz UTC --lat 0 --lon 0 --houses nope
expect_exit 2 chart --date 2021-03-14 --time 02:30 --tz America/New_York --lat 40.7 --lon -74
expect_exit 2 chart --date 2021-11-07 --time 01:30 --tz America/New_York --lat 40.7 --lon -74
expect_exit 0 chart --date 2021-11-07 --time 01:30 --tz America/New_York --lat 40.7 --lon -74 --fold 1
expect_exit 2 bench --n 0
expect_exit 2 bench --threads x

# the ambiguous-time error names fold
"$K" chart --date 2021-11-07 --time 01:30 --tz America/New_York --lat 40.7 --lon -74 2>&1 |
    grep -q "ambiguous_local_time" && ok || fail "ambiguous error code"

# Input people type: errors name the flag typed, --flag=value, places.
# err_is ARGS... -- LINE: exit 2 and exactly this stderr line
err_is() {
    args=""
    while [ "$1" != "--" ]; do args="$args$1
"; shift; done
    shift
    want="$1"
    got=$(printf '%s' "$args" | tr '\n' '\0' | xargs -0 "$K" 2>&1 >/dev/null)
    [ "$got" = "$want" ] && ok || fail "kundli $(printf '%s' "$args" | tr '\n' ' '): got '$got', want '$want'"
}
err_is chart --date=2023-01-01 --time=10:00 --tz=IST --lat 0 --lon 0 -- \
    "kundli: 'IST' is an abbreviation, not a time zone; give the IANA name, e.g. Asia/Kolkata, Asia/Jerusalem, Europe/Dublin (--tz: ambiguous_timezone)"
err_is chart --date 2023-01-01 --time 10:00 --tz UTC --lat 13,0878 --lon 0 -- \
    "kundli: latitude must be a decimal number, north positive; got '13,0878' (--lat: invalid_number)"
err_is chart --date 2023-01-01 --time 10:00 --tz UTC --lat 0 -- \
    "kundli: --lon is required (--lon: missing_field)"
err_is chart --date 2023-01-01 --time 10:00 --tz UTC --tz=UTC --lat 0 --lon 0 -- \
    "kundli: --tz is given twice; give it once (--tz: duplicate_parameter)"
err_is chart --date 2023-01-01 --time 10.34 --tz UTC --lat 0 --lon 0 -- \
    "kundli: time takes ':' between hours and minutes (10:34, not 10.34) (--time: invalid_time)"
err_is chart --date 2023-01-01 --time 10:00 --place Springfield -- \
    "kundli: 'Springfield' names 8 cities; add the state or country, as in \"Springfield, Missouri\": Missouri, US; Massachusetts, US; Illinois, US; Oregon, US; Ohio, US (--place: ambiguous_place)"
err_is chart --date 2023-01-01 --time 10:00 --tz UTC --lat 0 --lon 0 --dasha-systems vimsottari -- \
    "kundli: unknown dasha system 'vimsottari'; dasha_systems is a comma list of vimshottari, yogini, ashtottari, chara, kalachakra (--dasha-systems: invalid_value)"
err_is chart --date 2023-01-01 --time 10:00 --tz UTC --lat 0 --lon 0 --chara-levels 3 -- \
    "kundli: chara_levels must be 1 or 2 (--chara-levels: invalid_value)"
# the table flags of events and panchang (args_table_flag)
err_is events --from -- "kundli: --from needs a value (from: missing_field)"
err_is panchang --date 2024-01-01 --date 2024-01-02 --tz +05:30 --lat 13 --lon 80 -- \
    "kundli: --date is given twice; give it once (--date: duplicate_parameter)"
# --place and --flag=value give the book chart (the Chennai of GeoNames)
placed=$("$K" chart --date=1996-12-07 --time="10:34 AM" --place="Chennai, India" --sections=planets --json)
echo "$placed" | grep -q '"place":{"name":"Chennai","state":"Tamil Nadu","country":"India","latitude":13.08784,"longitude":80.27847,"timezone":"Asia/Kolkata"}' &&
    ok || fail "--place: $(echo "$placed" | head -c 300)"
echo "$placed" | grep -q '"name":"Moon","longitude":186\.' && ok || fail "--place: Moon in Libra"
# kundli places: the table and the JSON of GET /v1/places
places=$("$K" places chennai)
echo "$places" | grep -q "^Chennai  *Tamil Nadu  *India  *13.08784   80.27847  Asia/Kolkata  *4681087$" &&
    ok || fail "places table: $places"
"$K" places chen --limit=2 --json | grep -qxF '[{"name":"Chengdu","state":"Sichuan","country":"China","country_code":"CN","latitude":30.66667,"longitude":104.06667,"timezone":"Asia/Shanghai","population":13568357},{"name":"Chennai","state":"Tamil Nadu","country":"India","country_code":"IN","latitude":13.08784,"longitude":80.27847,"timezone":"Asia/Kolkata","population":4681087}]' &&
    ok || fail "places --json"
expect_exit 2 places
expect_exit 2 places chen --limit 51

# The summary of a birth before sunrise (the book's Ex53/Chart 18): both weekdays.
full=$("$K" chart --date 1972-06-01 --time 04:16 --tz +05:30 --lat 16.25 --lon 81.2 --sections summary)
has summary-before-sunrise "Weekday          Wednesday (Vedic day, from sunrise); civil date Thursday, before sunrise"
has summary-bhe "Namakshar        Bhe (भे)"

# kundli match: the table of each system and school, --json, bad options.
STARS="--boy-nakshatra Anuradha:2 --girl-nakshatra Revati:1"
m=$("$K" match $STARS)
echo "$m" | grep -qxF "Tables: north school" && ok || fail "match: north by default"
echo "$m" | grep -qxF "Verdict: 26 of 36: very good (25 to 32)" && ok || fail "match: verdict: $m"
m=$("$K" match --boy-nakshatra Rohini:2 --girl-nakshatra Swati:1 --school jhora)
echo "$m" | grep -qxF "Tables: jhora school" && ok || fail "match: jhora"
echo "$m" | grep -q "^gana               6    6  girl Swati (Deva) and boy Rohini (Manushya)$" &&
    ok || fail "match: jhora gana 6: $m"
echo "$m" | grep -q "^total             14   36$" && ok || fail "match: jhora total 14"
m=$("$K" match $STARS --system=porutham)
echo "$m" | grep -q "^dina  *yes  *girl Revati to boy Anuradha: count 18, remainder 9 (Parama mitra)$" &&
    ok || fail "match: porutham dina: $m"
echo "$m" | grep -q "^rajju\*  *yes" && ok || fail "match: rajju marked deciding"
echo "$m" | grep -qxF "count          8 of 10 (* deciding: rajju present, vedha present)" &&
    ok || fail "match: porutham count"
echo "$m" | grep -qxF "Verdict: 8 of 10 with rajju and vedha: excellent (8 or more)" &&
    ok || fail "match: porutham verdict"
m=$("$K" match --boy "$BIRTH" --girl "--date 1972-06-01 --time 04:16 --tz +05:30 --lat 16.25 --lon 81.2" --system porutham)
echo "$m" | grep -qxF "Papasamyam: boy 2.5 (lagna 1, Moon 1, Venus 0.5), girl 4 (lagna 2, Moon 1, Venus 1): not balanced" &&
    ok || fail "match: papasamyam: $m"
"$K" match $STARS --system porutham --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["system"] == "porutham" and d["count"] == 8 and d["rajju_ok"] and d["vedha_ok"], d
assert [p["name"] for p in d["poruthams"]][8:] == ["rajju", "vedha"]
assert d["verdict"]["band"] == "excellent"
' && ok || fail "match --json porutham"
"$K" match $STARS --school jhora --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["system"] == "ashtakoota" and d["school"] == "jhora", d
' && ok || fail "match --json jhora"
expect_exit 0 match --help
"$K" match --help | grep -q -- "--system S  *ashtakoota (default) or porutham" && ok || fail "match --help --system"
err_is match $STARS --system south -- \
    "kundli: system must be ashtakoota or porutham, got 'south' (--system: invalid_value)"
err_is match $STARS --school=jhora --system porutham -- \
    "kundli: school chooses Ashtakoota tables; it does not apply to system porutham (--school: invalid_value)"
err_is match $STARS --school -- "kundli match: --school needs a value (try --help)"
err_is match $STARS --systems porutham -- "kundli match: unknown option '--systems' (try --help)"

rm -f /tmp/kundli_cli_err.$$
echo "test_cli: $checks passed, $fails failed"
[ "$fails" -eq 0 ]
