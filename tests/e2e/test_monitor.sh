#!/bin/sh
# The resource monitor and its alerts end to end (see monitor_test.py).
# Usage: test_monitor.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/monitor_test.py" "$@"
