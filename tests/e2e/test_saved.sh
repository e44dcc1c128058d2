#!/bin/sh
# Saved charts, API keys and isolation against SQLite and a throwaway
# PostgreSQL (see saved_test.py).
# Usage: test_saved.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
here=$(cd "$(dirname "$0")" && pwd)
exec sh "$here/../../scripts/pg.sh" run python3 "$here/saved_test.py" "$@"
