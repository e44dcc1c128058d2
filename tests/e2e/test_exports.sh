#!/bin/sh
# libkundli exports only kd_ names: the dynamic symbols of libkundli.so and the
# global symbols of libkundli.a, and every kd_ function include/kundli.h
# declares is exported. Prints the offending names. Usage: test_exports.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
set -u
B=$1
fails=0
checks=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { checks=$((checks + 1)); }

# The built libraries, wherever the build tree puts them.
so=$(find "$B" -name 'libkundli.so.*' -type f | sort | head -n 1)
a=$(find "$B" -name 'libkundli.a' -type f | sort | head -n 1)
if [ -z "$so" ] || [ -z "$a" ]; then
    echo "FAIL: libkundli.so.* or libkundli.a not found under $B"
    exit 1
fi

# nm once per library: the defined dynamic symbols of the .so, the global
# defined symbols of the .a ("TYPE NAME" lines).
so_syms=$(nm -D --defined-only "$so" | awk 'NF == 3 { print $2, $3 }')
a_syms=$(nm -g --defined-only "$a" | awk 'NF == 3 { print $2, $3 }')

# The shared library: its exports, less the linker's own symbols.
bad=$(echo "$so_syms" | awk '{ print $2 }' | sort -u |
    grep -v -e '^kd_' -e '^_init$' -e '^_fini$' -e '^_edata$' -e '^_end$' -e '^__bss_start' \
        -e '^__end__$' -e '^_bss_end__$' -e '^__bss_end__$')
if [ -z "$bad" ]; then ok; else fail "$(basename "$so") exports non-kd_ names:" $bad; fi

# The static library: every global defined symbol (T, D, B, R, ...).
bad=$(echo "$a_syms" | awk '{ print $2 }' | grep -v '^kd_' | sort -u)
if [ -z "$bad" ]; then ok; else fail "libkundli.a defines global non-kd_ names:" $bad; fi

# Every function the header declares is exported, as a function, by both.
decl=$(sed -n 's/^KD_API[^(]*[ *]\(kd_[a-z0-9_]*\)(.*/\1/p' include/kundli.h | sort -u)
n=0
for f in $decl; do
    n=$((n + 1))
    echo "$so_syms" | grep -qx "T $f" && ok || fail "$(basename "$so") lacks $f"
    echo "$a_syms" | grep -qx "T $f" && ok || fail "libkundli.a lacks $f"
done
want=$(grep -c '^KD_API' include/kundli.h)
[ "$n" -eq "$want" ] && ok || fail "read $n kd_ names from $want KD_API lines of kundli.h"

echo "test_exports: $checks checks passed, $fails failed"
[ "$fails" -eq 0 ]
