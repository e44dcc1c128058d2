#!/bin/sh
# Saved charts, API keys and isolation against SQLite and a throwaway
# PostgreSQL (see saved_test.py).
# Usage: test_saved.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
here=$(cd "$(dirname "$0")" && pwd)
# KUNDLI_TEST_SAVED_BACKENDS=sqlite: SQLite only, no PostgreSQL started.
if [ "${KUNDLI_TEST_SAVED_BACKENDS:-}" = sqlite ]; then
    exec python3 "$here/saved_test.py" "$@"
fi
# On the build's shared cluster (KUNDLI_TEST_PG_DIR, a CTest fixture) or,
# run by hand, on one of its own.
if [ -n "${KUNDLI_TEST_PG_DIR:-}" ]; then
    exec sh "$here/../../scripts/pg.sh" with "$KUNDLI_TEST_PG_DIR" python3 \
        "$here/saved_test.py" "$@"
fi
exec sh "$here/../../scripts/pg.sh" run python3 "$here/saved_test.py" "$@"
