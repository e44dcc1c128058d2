#!/bin/sh
# Three kundlid instances behind nginx on one PostgreSQL and one Redis
# (see scaleout_test.py).
# Usage: test_scaleout.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
here=$(cd "$(dirname "$0")" && pwd)
# On the build's shared cluster (KUNDLI_TEST_PG_DIR, a CTest fixture) or,
# run by hand, on one of its own.
if [ -n "${KUNDLI_TEST_PG_DIR:-}" ]; then
    exec sh "$here/../../scripts/pg.sh" with "$KUNDLI_TEST_PG_DIR" \
        sh "$here/../../scripts/redis.sh" run python3 "$here/scaleout_test.py" "$@"
fi
exec sh "$here/../../scripts/pg.sh" run \
    sh "$here/../../scripts/redis.sh" run python3 "$here/scaleout_test.py" "$@"
