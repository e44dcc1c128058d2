#!/bin/sh
# A stalled reader of kundlid's stderr must not stall requests (see stall_test.py).
# Usage: test_stall.sh BUILD_DIR [quick|long]
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/stall_test.py" "$@"
