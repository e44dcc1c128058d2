#!/bin/sh
# GET /v1/muhurta and `kundli muhurta` end to end (see muhurta_test.py).
# Usage: test_muhurta.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/muhurta_test.py" "$@"
