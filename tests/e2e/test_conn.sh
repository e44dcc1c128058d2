#!/bin/sh
# Per-address connection limit and the request head deadline (see conn_test.py).
# Usage: test_conn.sh BUILD_DIR [quick|long]
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/conn_test.py" "$@"
