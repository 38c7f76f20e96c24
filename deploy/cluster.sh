#!/bin/sh
# N instances of the app on one Postgres behind nginx, in the foreground (deploy/README.md).
# Usage: deploy/cluster.sh N
cd "$(dirname "$0")/.." && exec node deploy/cluster.js "$@"
