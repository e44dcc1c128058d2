# kundli - front door. `make run` and `make test` are the quick start.
# SPDX-License-Identifier: AGPL-3.0-or-later
JOBS ?= $(shell nproc)
CMAKE_QUIET = -DCMAKE_RULE_MESSAGES=OFF

.PHONY: all deps build asan tsan test test-long run bench fuzz format clean

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
	./build/release/kundlid

bench: build
	@sh bench/run.sh

# libFuzzer harnesses (clang). FUZZ_SECONDS per harness, default 60.
fuzz: deps
	@CC=clang cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKUNDLI_FUZZ=ON $(CMAKE_QUIET) >/dev/null
	@cmake --build build/fuzz -j $(JOBS)
	@sh scripts/fuzz.sh build/fuzz $${FUZZ_SECONDS:-60}

format:
	clang-format -i src/*/*.c src/*/*.h tests/unit/*.c tests/unit/*.h fuzz/*.c

clean:
	rm -rf build
