#!/bin/sh
# Bulk and streamed charts and the match matrix (see bulk_test.py).
# Usage: test_bulk.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/bulk_test.py" "$@"
