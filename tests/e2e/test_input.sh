#!/bin/sh
# End-to-end tests of the input people type, places, pretty and CORS (see
# input_test.py). Usage: test_input.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/input_test.py" "$@"
