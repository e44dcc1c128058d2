#!/bin/sh
# Option lang end to end: display names in /v1/kundli, /v1/panchang,
# /v1/match, chart.svg and the CLI's tables (see lang_test.py).
# Usage: test_lang.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/lang_test.py" "$@"
