#!/bin/sh
# The Kubernetes manifests agree with kundlid's settings (see deploy_check.py).
# Usage: test_deploy.sh BUILD_DIR
# SPDX-License-Identifier: AGPL-3.0-or-later
exec python3 "$(dirname "$0")/deploy_check.py" "$@"
