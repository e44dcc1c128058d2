#!/bin/sh
# stream.sh - POST /v1/kundli/stream through both doors against `kundli bench`,
# in alternating rounds of the same run, for docs/PERFORMANCE.md: N random
# births (bench/bulk_input.py), the D1 chart (sections planets,houses), sent
# by curl, which reads the answer as it writes the body; kundlid without a
# chart cache (every line computed). Reports rows/s of the main port (body
# kept, then answered), of stream_port (answered while the body comes) and
# bench's charts/s on the same number of threads.
#   sh bench/stream.sh [BUILD_DIR] [N] [ROUNDS]
# SPDX-License-Identifier: AGPL-3.0-or-later
set -eu
BUILD=${1:-build/release}
N=${2:-20000}
ROUNDS=${3:-3}
T=$(nproc)
DIR=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$DIR"' EXIT
python3 "$(dirname "$0")/bulk_input.py" --ndjson "$N" | python3 -c '
import json, sys
for l in sys.stdin:
    d = json.loads(l)
    print(json.dumps({"id": d["id"], "birth": {"date": d["date"], "time": d["time"],
        "timezone": d["tz"], "latitude": d["lat"], "longitude": d["lon"], "fold": d["fold"]},
        "options": {"sections": "planets,houses"}}))' > "$DIR/births.ndjson"
"$BUILD/kundlid" --listen 127.0.0.1:0 --stream-port 0 --cache-mb 0 --access-log false \
    --monitor-interval 0 --database-url "sqlite:$DIR/k.db" > "$DIR/out" 2> "$DIR/err" &
PID=$!
while ! grep -q listening "$DIR/out" 2>/dev/null; do sleep 0.1; done
PORT=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$DIR/out")
SPORT=$(sed -n 's/.*"stream_port":\([0-9]*\).*/\1/p' "$DIR/out")
echo "input: $N births, $(wc -c < "$DIR/births.ndjson") bytes; $T threads; $(nproc) cores"

# rows/s of one POST of the whole file to port $1
post() {
    start=$(date +%s.%N)
    curl -sN -X POST -H 'Content-Type: application/x-ndjson' -H 'Transfer-Encoding: chunked' \
        -T "$DIR/births.ndjson" "http://127.0.0.1:$1/v1/kundli/stream" > "$DIR/answer"
    end=$(date +%s.%N)
    lines=$(wc -l < "$DIR/answer")
    [ "$lines" -eq "$N" ] || { echo "port $1: $lines lines of $N" >&2; exit 1; }
    echo "$N $start $end" | awk '{ printf "%.0f", $1 / ($3 - $2) }'
}

printf 'round  bench charts/s  main port rows/s  stream_port rows/s\n'
r=1
while [ "$r" -le "$ROUNDS" ]; do
    bench=$("$BUILD/kundli" bench --threads "$T" --n "$N" --rounds 1 --sections planets,houses |
        awk "/charts\/s/ { print \$NF; exit }")
    main=$(post "$PORT")
    duplex=$(post "$SPORT")
    printf '%5d  %15s  %16s  %18s\n' "$r" "$bench" "$main" "$duplex"
    r=$((r + 1))
done
