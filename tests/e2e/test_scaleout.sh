#!/bin/sh
# Three kundlid instances behind nginx on one PostgreSQL (see scaleout_test.py).
# Usage: test_scaleout.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
here=$(cd "$(dirname "$0")" && pwd)
exec sh "$here/../../scripts/pg.sh" run python3 "$here/scaleout_test.py" "$@"
