#!/bin/sh
# GET /v1/transits, the aspects and transits sections of GET /v1/kundli, and
# `kundli transits` / `kundli chart --sections aspects,transits` (see
# transits_test.py). Usage: test_transits.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/transits_test.py" "$@"
