#!/bin/sh
# The Python binding: builds the `kundli` extension against BUILD_DIR's
# libkundli.a into BUILD_DIR/python and runs bindings/python/test_kundli.py
# with Debian's python3 (golden book cases, errors, memory, the GIL). In an
# ASan build the extension is built with ASan+UBSan and python3 runs with
# libasan preloaded. Usage: test_python.sh BUILD_DIR (cwd: the repository root)
# SPDX-License-Identifier: AGPL-3.0-or-later
set -eu
build=$(cd "$1" && pwd)
PY=/usr/bin/python3
lib="$build/libkundli.a"
if [ ! -f "$lib" ]; then
    echo "FAIL: no libkundli.a under $build"
    exit 1
fi
out="$build/python"
sanitize=0
if grep -q '^KUNDLI_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
    sanitize=1
fi
root=$(pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! (cd bindings/python && KUNDLI_LIB_DIR=$(dirname "$lib") KUNDLI_SANITIZE=$sanitize \
      KUNDLI_WERROR=1 $PY setup.py -q build_ext --build-lib "$out" \
      --build-temp "$out/tmp") >"$log" 2>&1; then
    cat "$log"
    echo "FAIL: building the Python extension"
    exit 1
fi
if [ "$sanitize" = 1 ]; then
    KUNDLI_PY_LOOPS=${KUNDLI_PY_LOOPS:-2000} # the memory test's rounds; ASan is slow
    export KUNDLI_PY_LOOPS
    LD_PRELOAD="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)"
    ASAN_OPTIONS=detect_leaks=0
    export LD_PRELOAD ASAN_OPTIONS
fi
KUNDLI_SANITIZE=$sanitize PYTHONPATH="$out" PYTHONDONTWRITEBYTECODE=1 \
    exec $PY "$root/bindings/python/test_kundli.py"
