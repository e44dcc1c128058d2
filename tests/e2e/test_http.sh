#!/bin/sh
# End-to-end HTTP tests against the real kundlid (see http_test.py).
# Usage: test_http.sh BUILD_DIR [quick|long]
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/http_test.py" "$@"
