#!/bin/sh
# The chart drawings: GET /v1/kundli/chart.svg, section svg, kundli chart
# --svg and the golden drawings (see svg_test.py).
# Usage: test_svg.sh BUILD_DIR [--update]
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/svg_test.py" "$@"
