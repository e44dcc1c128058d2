#!/bin/sh
# GET /v1/events and `kundli events` end to end (see events_test.py).
# Usage: test_events.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/events_test.py" "$@"
