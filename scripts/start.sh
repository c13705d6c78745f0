#!/usr/bin/env bash
# Starts one ClusterChat node in the foreground, building the jar first when it is missing.
# Arguments pass through to the server, e.g.: scripts/start.sh --port 7010 --config conf/config.json
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_jar
# SIGHUP reloads the config; a shell started under nohup passes SIGHUP on as ignored, and the JVM
# then keeps it ignored, so it is reset to its default first.
exec env --default-signal=HUP java $CHAT_JAVA_OPTS -jar "$JAR" server "$@"
