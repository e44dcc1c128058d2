#!/bin/sh
# End-to-end tests of the kundli CLI binary: the chart table and JSON for a
# known birth, --help, and a one-line error with exit status 2 for every
# kind of bad argument. Usage: test_cli.sh BUILD_DIR
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

rm -f /tmp/kundli_cli_err.$$
echo "test_cli: $checks passed, $fails failed"
[ "$fails" -eq 0 ]
