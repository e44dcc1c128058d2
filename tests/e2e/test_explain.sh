#!/bin/sh
# explain=1: the swetest command lines of a chart, run through Debian's
# swetest and compared with the chart to 0.001 arcsecond (see
# explain_test.py).
# Usage: test_explain.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/explain_test.py" "$@"
