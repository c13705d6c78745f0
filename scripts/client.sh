#!/usr/bin/env bash
# Starts the line client, e.g.: scripts/client.sh --port 7000   or   echo /who | scripts/client.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_jar
exec java -jar "$JAR" client "$@"
