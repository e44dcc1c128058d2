#!/bin/sh
# The L2 cache on Redis against a throwaway redis-server (see redis_test.py).
# Usage: test_redis.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
here=$(cd "$(dirname "$0")" && pwd)
exec sh "$here/../../scripts/redis.sh" run python3 "$here/redis_test.py" "$@"
