#!/bin/sh
# Installs the Debian packages kundli needs to build, test and run, and only
# those that dpkg reports missing. Safe to run repeatedly. Extra package
# names given as arguments are installed the same way (the benchmarks' seed
# stack: deps.sh python3-fastapi python3-uvicorn).
# SPDX-License-Identifier: AGPL-3.0-or-later
set -eu

PKGS="build-essential cmake pkg-config clang libclang-rt-14-dev
      libswe-dev swe-standard-data swetest
      libcjson-dev libcsv-dev libcmocka-dev libmicrohttpd-dev libhttp-parser-dev libdeflate-dev zlib1g-dev
      libsqlite3-dev sqlite3 libpq-dev postgresql libssl-dev libcurl4-openssl-dev libgeonames-dev
      libhiredis-dev redis-server
      tzdata wrk python3 python3-dev python3-setuptools python3-yaml curl nginx
      chromium fonts-lohit-deva fonts-lohit-taml fonts-lohit-telu fonts-lohit-knda
      fonts-lohit-mlym fonts-lohit-beng-bengali fonts-lohit-gujr $*"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
# The Lohit fonts (a few hundred KB each) give that browser glyphs for the
# drawings' labels in Devanagari, Tamil, Telugu, Kannada, Malayalam, Bengali
# and Gujarati (option lang); without them it draws empty boxes.
# chromium is the browser test_web.sh drives headless (with playwright-core
# from npm). Node.js and npm run it and the OpenAPI linter in the tests. A machine may carry
# them from another source than Debian's packages; only their absence counts.
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
[ -z "$missing" ] && exit 0

echo "deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends $missing; then
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends $missing
fi
