#!/usr/bin/env bash
# Starts one ClusterChat node in the foreground, building the jar first when it is missing.
# Arguments pass through to the server, e.g.: scripts/start.sh --port 7010 --config conf/config.json
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_jar
exec java $CHAT_JAVA_OPTS -jar "$JAR" server "$@"
