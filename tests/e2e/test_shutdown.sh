#!/bin/sh
# kundlid's exit status after a drain that ends early or in time (see shutdown_test.py).
# Usage: test_shutdown.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/shutdown_test.py" "$@"
