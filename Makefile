# kundli - front door. `make run` and `make test` are the quick start.
# SPDX-License-Identifier: AGPL-3.0-or-later
JOBS ?= $(shell nproc)
PREFIX ?= /usr/local
CMAKE_QUIET = -DCMAKE_RULE_MESSAGES=OFF

.PHONY: all deps build asan tsan test test-long run bench bench-store fuzz format clean install uninstall \
        python python-install python-uninstall bench-scaleout

all: build

deps:
	@sh scripts/deps.sh

build: deps
	@cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release $(CMAKE_QUIET) >/dev/null
	@cmake --build build/release -j $(JOBS)

asan: deps
	@cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DKUNDLI_SANITIZE=ON $(CMAKE_QUIET) >/dev/null
	@cmake --build build/asan -j $(JOBS)

# The multithreaded tests (label threads: the concurrency, cache, pool, log
# and HTTP tests) under ThreadSanitizer.
tsan: deps
	@cmake -S . -B build/tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKUNDLI_TSAN=ON $(CMAKE_QUIET) >/dev/null
	@cmake --build build/tsan -j $(JOBS)
	@sh scripts/test.sh -L threads build/tsan

# The quick tests (label quick: every test, load tests at small sizes), in the
# release build and under ASan+UBSan at the same time.
test: build asan
	@sh scripts/test.sh build/release build/asan

# The load tests at full size (label long), in the release build.
test-long: build
	@sh scripts/test.sh -L long build/release

# The service on http://127.0.0.1:8080 (settings: ./build/release/kundlid --help).
run: build
	./build/release/kundlid --stream-port 8081

# Release build into $(PREFIX) (default /usr/local), staged under $(DESTDIR) if
# given: libkundli.so.0 and .a, kundli.h, kundli.pc, bin/kundli, bin/kundlid,
# kundli(1), kundlid(8), lib/systemd/system/kundlid.service.
install: deps
	@cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_QUIET) >/dev/null
	@cmake --build build/release -j $(JOBS)
	@DESTDIR="$(DESTDIR)" cmake --install build/release
	@if grep -q '^python-install:' Makefile; then $(MAKE) python-install; fi

# Removes exactly the files the last `make install` listed in its manifest.
uninstall:
	@DESTDIR="$(DESTDIR)" sh scripts/uninstall.sh build/release/install_manifest.txt
	@if grep -q '^python-uninstall:' Makefile; then $(MAKE) python-uninstall; fi

bench: build
	@sh bench/run.sh

# Saved charts: save, get and list on kundlid with SQLite and with PostgreSQL, and on the
# seed's FastAPI + sqlite3 stack, at 50 connections (bench/README.md).
bench-store: build
	@sh bench/store.sh

# The L2 cache (Redis) and three instances behind nginx against one (bench/scaleout.py).
bench-scaleout: build
	@sh scripts/redis.sh run python3 bench/scaleout.py

# The Python module `kundli` (bindings/python), built in place against the release
# libkundli.a: PYTHONPATH=build/python python3 -c 'import kundli' from here.
PYTHON ?= /usr/bin/python3
python: build
	@cd bindings/python && KUNDLI_LIB_DIR=../../build/release \
	    $(PYTHON) setup.py -q build_ext --build-lib ../../build/python --build-temp ../../build/python/tmp

# Installs the module for Debian's python3: PREFIX /usr/local puts it in
# /usr/local/lib/python3.X/dist-packages, which that interpreter searches.
# `make install` runs it too, `make uninstall` python-uninstall.
PYTHON_SITE = $(DESTDIR)$(PREFIX)/lib/python$(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')/dist-packages
PYTHON_MODULE = kundli$(shell $(PYTHON) -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
python-install: python
	install -d $(PYTHON_SITE)
	install -m 644 build/python/$(PYTHON_MODULE) $(PYTHON_SITE)/

python-uninstall:
	rm -f $(PYTHON_SITE)/$(PYTHON_MODULE)

# libFuzzer harnesses (clang). FUZZ_SECONDS per harness, default 60.
fuzz: deps
	@CC=clang cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKUNDLI_FUZZ=ON $(CMAKE_QUIET) >/dev/null
	@cmake --build build/fuzz -j $(JOBS)
	@sh scripts/fuzz.sh build/fuzz $${FUZZ_SECONDS:-60}

format:
	clang-format -i src/*/*.c src/*/*.h tests/unit/*.c tests/unit/*.h fuzz/*.c examples/*.c

clean:
	rm -rf build
