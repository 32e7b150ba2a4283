#!/usr/bin/env bash
# Adds npm packages under a lock so that parallel contributors never run two installs at once.
# Usage: scripts/npm-add.sh [-D] pkg@version ...
set -euo pipefail
cd "$(dirname "$0")/.."
exec flock /tmp/nhip-npm.lock npm install --no-audit --no-fund "$@"
