#!/bin/sh
# GET /v1/kundli/sensitivity and kundli sensitivity: literal changes of the
# book's Chennai chart confirmed by swetest, DST, whole sign, 24 h, caching
# and bad input (see sensitivity_test.py).
# Usage: test_sensitivity.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/sensitivity_test.py" "$@"
