#!/usr/bin/env bash
# Runs the load tool against a fresh server: the server (or a 3-node cluster for 'cluster') pinned
# to core 0 with conf/bench.json limits, the tool pinned to core 1; everything stops by itself.
#
# usage: scripts/bench.sh fanout|rooms|connections|cluster [tool options, see: java -jar target/clusterchat.jar help]
# e.g.   scripts/bench.sh fanout --receivers 100 --senders 1 --payload 64 --in-flight 256 --duration 10
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

scenario=${1:-}
[ -n "$scenario" ] || { sed -n '5,6p' "$0" | sed 's/^# //' >&2; exit 2; }
shift
ensure_jar
ulimit -n 65536 2>/dev/null || true
mkdir -p target/bench
SERVER_OPTS=${BENCH_SERVER_OPTS:--Xms256m -Xmx1g -XX:+UseParallelGC}
TOOL_OPTS=${BENCH_TOOL_OPTS:--Xms256m -Xmx2g -XX:+UseParallelGC}

server_pid=""
cleanup() {
  if [ "$scenario" = cluster ]; then
    scripts/cluster.sh stop >/dev/null || true
  elif [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

if [ "$scenario" = cluster ]; then
  # The per-node configs come from cluster.sh; the limits come in through CHAT_* overrides.
  CHAT_JAVA_OPTS="$SERVER_OPTS" CHAT_TCP_INSTANCES=1 CHAT_LIMITS_RATE_BURST=1000000 \
    CHAT_LIMITS_RATE_LINES_PER_SECOND=1000000 CHAT_LIMITS_FLOOD_DISCONNECT_LINES=10000000 \
    CHAT_LIMITS_MAX_PENDING_BYTES=1048576 CHAT_LIMITS_MAX_DROPPED_LINES=10000000 \
    CHAT_LIMITS_MAX_CONNECTIONS_PER_IP=1000000 CHAT_LIMITS_CONNECTS_PER_IP_PER_SECOND=1000000 CHAT_HTTP_ENABLED=false \
    taskset -c 0 scripts/cluster.sh start 3
  targets="--targets 127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003"
  pid_args=""
else
  taskset -c 0 java $SERVER_OPTS -jar "$JAR" server --config conf/bench.json > target/bench/server.log 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do
    grep -q "listening on" target/bench/server.log && break
    kill -0 "$server_pid" 2>/dev/null || { cat target/bench/server.log >&2; exit 1; }
    sleep 0.1
  done
  targets="--targets 127.0.0.1:7000"
  pid_args="--server-pid $server_pid"
fi

taskset -c 1 java $TOOL_OPTS -jar "$JAR" bench "$scenario" $targets $pid_args "$@"
