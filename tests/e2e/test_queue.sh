#!/bin/sh
# Admission control and compute off the I/O threads (see queue_test.py).
# Usage: test_queue.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/queue_test.py" "$@"
