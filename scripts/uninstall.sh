#!/bin/sh
# Removes every file a `cmake --install` listed in its install_manifest.txt,
# under $DESTDIR when set (the manifest holds the paths without it). Empty
# directories stay. Usage: [DESTDIR=dir] uninstall.sh MANIFEST
# SPDX-License-Identifier: AGPL-3.0-or-later
set -u

manifest=${1:-}
if [ -z "$manifest" ] || [ ! -f "$manifest" ]; then
    echo "uninstall: no install manifest '$manifest' (run make install first)" >&2
    exit 1
fi
destdir=${DESTDIR:-}
destdir=${destdir%/}
removed=0
failed=0
while IFS= read -r f || [ -n "$f" ]; do
    [ -n "$f" ] || continue
    # An older CMake wrote the DESTDIR into the manifest: never add it twice.
    case "$f" in
    "$destdir"/*) path=$f ;;
    *) path=$destdir$f ;;
    esac
    if [ -e "$path" ] || [ -L "$path" ]; then
        if rm -f "$path"; then
            echo "-- Removed: $path"
            removed=$((removed + 1))
        else
            failed=$((failed + 1))
        fi
    fi
done <"$manifest"
echo "uninstall: removed $removed file(s)"
[ "$failed" -eq 0 ]
