#!/bin/sh
# Golden documents: the JSON of the published book cases, byte for byte.
# Every line of tests/golden/cases.txt is "NAME | kundli ARGS"; the output of
# the command must equal tests/golden/NAME.json. A refactoring that changes
# one byte of any document fails here. Usage: test_golden.sh BUILD_DIR [--update]
# SPDX-License-Identifier: AGPL-3.0-or-later
set -u
K="$1/kundli"
DIR="$(dirname "$0")/../golden"
update=${2:-}
fails=0
checks=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
while IFS= read -r line; do
    case "$line" in '#'*|'') continue ;; esac
    name=${line%% |*}
    args=${line#*| }
    eval "set -- $args"
    if ! "$K" "$@" >"$out"; then
        echo "FAIL: $name: kundli $args exited non-zero"
        fails=$((fails + 1))
        continue
    fi
    if [ "$update" = "--update" ]; then
        cp "$out" "$DIR/$name.json"
    elif ! cmp -s "$out" "$DIR/$name.json"; then
        echo "FAIL: $name: output differs from tests/golden/$name.json:"
        diff "$DIR/$name.json" "$out" | head -20
        fails=$((fails + 1))
        continue
    fi
    checks=$((checks + 1))
done <"$DIR/cases.txt"
echo "golden: $checks documents identical, $fails failed"
[ "$fails" -eq 0 ] && [ "$checks" -gt 0 ]
