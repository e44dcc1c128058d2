#!/bin/sh
# Enforces the layers of docs/ARCHITECTURE.md on the sources: every
# #include "FOLDER/..." in src/LAYER/ must name a folder that the "Layers"
# table lets LAYER include; a layer that skips one below it (anything but
# common, which every layer may use) must give the reason in that table;
# and the engine never reads the clock or the environment.
# Usage: check_layers.sh SRC_DIR ARCHITECTURE_MD   (exit 1 on a violation)
# SPDX-License-Identifier: AGPL-3.0-or-later
set -u
src=$1
doc=$2
rules=$(mktemp)
trap 'rm -f "$rules"' EXIT

# Rows of the table between the "layers:begin" and "layers:end" markers:
# | layer | rank | may include | why it skips a layer |
awk -F'|' '/layers:begin/ {on = 1; next} /layers:end/ {on = 0}
    on && NF >= 6 && $2 !~ /layer|---/ {
        gsub(/[` ]/, "", $2); gsub(/[` ]/, "", $3); gsub(/`/, "", $4); gsub(/^ +| +$/, "", $5)
        print $2 "|" $3 "|" $4 "|" $5 }' "$doc" >"$rules"
if [ ! -s "$rules" ]; then
    echo "check_layers: no layers table in $doc" >&2
    exit 1
fi

rank_of() { awk -F'|' -v l="$1" '$1 == l {print $2}' "$rules"; }
fails=0
while IFS='|' read -r layer rank allowed reason; do
    [ -d "$src/$layer" ] || { echo "check_layers: $layer: no folder $src/$layer"; fails=1; continue; }
    for dep in $allowed; do
        [ "$dep" = "$layer" ] || [ "$dep" = common ] && continue
        r=$(rank_of "$dep")
        if [ -z "$r" ]; then
            echo "check_layers: $layer may include $dep, which is not a layer"; fails=1
        elif [ "$r" -ge "$rank" ]; then
            echo "check_layers: $layer (rank $rank) may include $dep (rank $r): not below it"; fails=1
        elif [ "$r" -lt $((rank - 1)) ] && [ -z "$reason" ]; then
            echo "check_layers: $layer skips down to $dep without a reason in the table"; fails=1
        fi
    done
    for f in "$src/$layer"/*.c "$src/$layer"/*.h; do
        [ -f "$f" ] || continue
        for dep in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z_]*\)\/.*/\1/p' "$f" | sort -u); do
            case " $allowed " in
            *" $dep "*) ;;
            *) echo "check_layers: $f includes $dep/, which $layer may not"; fails=1 ;;
            esac
        done
    done
done <"$rules"

# The engine is pure: no clock, no environment (files only through its context).
if grep -nE '(^|[^A-Za-z0-9_/.])(getenv|secure_getenv|clock_gettime|gettimeofday|time)\(' \
    "$src"/engine/*.c "$src"/engine/*.h; then
    echo "check_layers: the engine reads the clock or the environment (above)"; fails=1
fi
[ "$fails" -eq 0 ] && echo "check_layers: every include follows the layers"
exit "$fails"
