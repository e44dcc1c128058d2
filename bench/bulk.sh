#!/bin/sh
# bulk.sh - `kundli bulk` against `kundli bench` in the same run, for
# docs/PERFORMANCE.md: N random births (bench/bulk_input.py, not committed),
# the D1 chart (sections planets,houses) on T threads, written to /dev/null
# (the disk is not what is measured); the wall time and peak RSS from
# /usr/bin/time -v, and bench's charts/s before and after.
#   sh bench/bulk.sh [BUILD_DIR] [N] [THREADS]
# SPDX-License-Identifier: AGPL-3.0-or-later
set -eu
BUILD=${1:-build/release}
N=${2:-1000000}
T=${3:-$(nproc)}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 "$(dirname "$0")/bulk_input.py" "$N" > "$DIR/births.csv"
echo "input: $N births, $(wc -c < "$DIR/births.csv") bytes; $T threads; $(nproc) cores"
"$BUILD/kundli" bench --threads "$T" --n 100000 --sections planets,houses | sed -n '1,2p'
/usr/bin/time -v "$BUILD/kundli" bulk --in "$DIR/births.csv" --out /dev/null \
    --sections planets,houses --threads "$T" 2> "$DIR/time.txt" || true
grep -E "Elapsed|Maximum resident|Exit status|User time|System time" "$DIR/time.txt"
awk -v n="$N" '/Elapsed/ { split($NF, a, ":"); s = (length(a) == 3) ? a[1]*3600+a[2]*60+a[3] : a[1]*60+a[2];
     printf "bulk rows/s: %.0f\n", n / s }' "$DIR/time.txt"
"$BUILD/kundli" bench --threads "$T" --n 100000 --sections planets,houses | sed -n '1,2p'
