#!/bin/sh
# End-to-end HTTP tests against the real kundlid (see http_test.py).
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/http_test.py" "$1"
