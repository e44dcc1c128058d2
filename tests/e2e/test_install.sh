#!/bin/sh
# End-to-end test of the install: a staged `cmake --install` of BUILD_DIR holds
# every file, examples/embed.c builds through pkg-config against it (shared and
# static) and runs, and the manifest-driven uninstall leaves only empty
# directories. Usage: test_install.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
set -u
B=$1
fails=0
checks=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { checks=$((checks + 1)); }

tmp=$(mktemp -d)
stage=$tmp/stage
manifest=$B/install_manifest.txt
# cmake --install rewrites BUILD_DIR/install_manifest.txt: keep a real one.
[ -f "$manifest" ] && cp "$manifest" "$tmp/manifest.saved"
cleanup() {
    if [ -f "$tmp/manifest.saved" ]; then
        cp "$tmp/manifest.saved" "$manifest"
    else
        rm -f "$manifest"
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# cachevar NAME DEFAULT: a value from BUILD_DIR's CMake cache.
cachevar() {
    v=$(sed -n "s/^$1:[A-Z]*=//p" "$B/CMakeCache.txt")
    echo "${v:-$2}"
}
bindir=$(cachevar CMAKE_INSTALL_BINDIR bin)
libdir=$(cachevar CMAKE_INSTALL_LIBDIR lib)
incdir=$(cachevar CMAKE_INSTALL_INCLUDEDIR include)
mandir=$(cachevar CMAKE_INSTALL_MANDIR share/man)
P=$stage/usr/local

if ! DESTDIR=$stage cmake --install "$B" --prefix /usr/local >"$tmp/install.log" 2>&1; then
    cat "$tmp/install.log"
    echo "FAIL: cmake --install"
    exit 1
fi

# exists PATH...: each staged file is there (a file or a link to one).
exists() {
    for f in "$@"; do
        if [ -f "$P/$f" ]; then ok; else fail "not installed: /usr/local/$f"; fi
    done
}
exists "$bindir/kundli" "$bindir/kundlid" "$libdir/libkundli.so.0" "$libdir/libkundli.so" \
    "$libdir/libkundli.a" "$incdir/kundli.h" "$libdir/pkgconfig/kundli.pc" \
    "$mandir/man1/kundli.1" "$mandir/man8/kundlid.8" lib/systemd/system/kundlid.service
for b in kundli kundlid; do
    [ -x "$P/$bindir/$b" ] && ok || fail "$b is not executable"
done
soname=$(readelf -d "$P/$libdir/libkundli.so.0" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = libkundli.so.0 ] && ok || fail "SONAME is '$soname', want libkundli.so.0"
cmp -s include/kundli.h "$P/$incdir/kundli.h" && ok || fail "installed kundli.h differs"

# The man pages: generated from --help, with every section, naming every flag.
for page in "$mandir/man1/kundli.1" "$mandir/man8/kundlid.8"; do
    for s in '^\.TH ' '^\.SH NAME' '^\.SH SYNOPSIS' '^\.SH DESCRIPTION' '^\.SH OPTIONS' \
        '^\.SH ENVIRONMENT' '^\.SH FILES' '^\.SH "*SEE ALSO'; do
        grep -q "$s" "$P/$page" 2>/dev/null && ok || fail "$page: no '$s'"
    done
done
for cmd in chart match panchang; do
    for flag in $("$B/kundli" $cmd --help | sed -n 's/^  \(--[a-z0-9-]*\).*/\1/p'); do
        esc=$(echo "$flag" | sed 's/-/\\\\-/g')
        grep -q "^\\\\fB$esc\\\\fR" "$P/$mandir/man1/kundli.1" 2>/dev/null && ok ||
            fail "kundli.1 lacks $cmd $flag"
    done
done
for flag in $("$B/kundlid" --help | sed -n 's/^  \(--[a-z0-9-]*\).*/\1/p'); do
    esc=$(echo "$flag" | sed 's/-/\\\\-/g')
    grep -q "^\\\\fB$esc\\\\fR" "$P/$mandir/man8/kundlid.8" 2>/dev/null && ok ||
        fail "kundlid.8 lacks $flag"
done
if command -v groff >/dev/null 2>&1; then
    warn=$(groff -man -ww -z "$P/$mandir/man1/kundli.1" "$P/$mandir/man8/kundlid.8" 2>&1)
    [ -z "$warn" ] && ok || fail "groff warns: $warn"
fi

# The unit: hardened, and ExecStart is the installed kundlid.
unit=$P/lib/systemd/system/kundlid.service
for line in 'ExecStart=/usr/local/bin/kundlid' DynamicUser=yes ProtectSystem=strict \
    StateDirectory=kundli WorkingDirectory=/var/lib/kundli NoNewPrivileges=yes \
    'CapabilityBoundingSet=' 'SystemCallFilter=@system-service' MemoryDenyWriteExecute=yes; do
    grep -qx "$line" "$unit" 2>/dev/null && ok || fail "kundlid.service lacks $line"
done
if systemd-analyze --version >/dev/null 2>&1 && [ -f "$unit" ]; then
    sed "s#^ExecStart=.*#ExecStart=$P/$bindir/kundlid#" "$unit" >"$tmp/kundlid.service"
    if out=$(MANPATH=$P/$mandir systemd-analyze verify "$tmp/kundlid.service" 2>&1); then
        ok
    else
        fail "systemd-analyze verify: $out"
    fi
fi

# docs/LIBRARY.md shows examples/embed.c whole: the two must not drift.
awk '/^<!-- begin examples\/embed.c -->$/ { on = 1; next }
     on && /^```c$/ { code = 1; next }
     code && /^```$/ { exit }
     code { print }' docs/LIBRARY.md >"$tmp/doc_embed.c"
cmp -s "$tmp/doc_embed.c" examples/embed.c && ok ||
    fail "docs/LIBRARY.md does not show examples/embed.c as it is"

# examples/embed.c against the staged install, through pkg-config.
PKG_CONFIG_PATH=$P/$libdir/pkgconfig
PKG_CONFIG_SYSROOT_DIR=$stage
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
san=""
grep -q 'KUNDLI_SANITIZE:BOOL=ON' "$B/CMakeCache.txt" && san="-fsanitize=address,undefined"
cflags=$(pkg-config --cflags kundli) || fail "pkg-config --cflags kundli"
libs=$(pkg-config --libs kundli) || fail "pkg-config --libs kundli"
# The static link names libkundli.a itself: -lkundli would pick the .so.
slibs=$(pkg-config --static --libs kundli |
    awk '{ for (i = 1; i <= NF; i++) if ($i == "-lkundli") $i = "-l:libkundli.a"; print }')
version=$(pkg-config --modversion kundli)
want=$("$B/kundli" --version | sed -n 's/^kundli //p')
[ "$version" = "$want" ] && ok || fail "kundli.pc version '$version', want '$want'"

# run NAME [ENV=VALUE]: runs a built example with the data directories the
# tests were given; it must print "ok" and exit 0.
run() {
    exe=$1
    shift
    out=$(env "$@" "$tmp/$exe" "${KUNDLI_EPHE_PATH:-}" "${KUNDLI_ZONEINFO:-}" 2>&1)
    rc=$?
    if [ $rc -eq 0 ] && echo "$out" | grep -q '^ok$' &&
        echo "$out" | grep -q '^Moon  *Libra  *[0-9.]*  *Swati  *1$'; then
        ok
    else
        fail "$exe exited $rc: $out"
    fi
}
# shellcheck disable=SC2086 # the flags are words
if cc -std=c11 -Wall -Wextra -Werror $san -o "$tmp/embed_shared" examples/embed.c $cflags $libs \
    2>"$tmp/cc.log"; then
    readelf -d "$tmp/embed_shared" | grep -q 'NEEDED.*\[libkundli\.so\.0\]' && ok ||
        fail "embed_shared does not need libkundli.so.0"
    run embed_shared "LD_LIBRARY_PATH=$P/$libdir"
else
    fail "cc embed.c \$(pkg-config --cflags --libs kundli): $(cat "$tmp/cc.log")"
fi
# shellcheck disable=SC2086
if cc -std=c11 -Wall -Wextra -Werror $san -o "$tmp/embed_static" examples/embed.c $cflags \
    $slibs 2>"$tmp/cc.log"; then
    readelf -d "$tmp/embed_static" | grep -q 'NEEDED.*libkundli' &&
        fail "embed_static still needs libkundli.so" || ok
    run embed_static
else
    fail "cc embed.c \$(pkg-config --static ...) with libkundli.a: $(cat "$tmp/cc.log")"
fi

# The Python binding built against the installed header and libkundli.a
# passes its tests (compared with the golden documents). Under ASan the
# binding needs the sanitizer runtime preloaded: e2e_test_python covers it.
if [ -z "$san" ]; then
    if (cd bindings/python && KUNDLI_LIB_DIR="$P/$libdir" KUNDLI_INCLUDE_DIR="$P/include"         /usr/bin/python3 setup.py -q build_ext --force --build-lib "$tmp/py"         --build-temp "$tmp/py/tmp") >"$tmp/py.log" 2>&1 &&
        PYTHONPATH="$tmp/py" PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3             bindings/python/test_kundli.py >>"$tmp/py.log" 2>&1; then
        ok
    else
        fail "the Python binding against the installed library: $(tail -20 "$tmp/py.log")"
    fi
fi

# Uninstall from the manifest: nothing but empty directories is left.
if DESTDIR=$stage sh scripts/uninstall.sh "$manifest" >"$tmp/uninstall.log" 2>&1; then
    ok
else
    fail "uninstall: $(cat "$tmp/uninstall.log")"
fi
left=$(find "$stage" ! -type d)
[ -z "$left" ] && ok || fail "left after uninstall: $left"

echo "test_install: $checks checks passed, $fails failed"
[ "$fails" -eq 0 ]
