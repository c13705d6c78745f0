#!/usr/bin/env bash
# Runs a local ClusterChat cluster of N nodes on loopback, for trying the cluster out and for tests.
#
# usage: scripts/cluster.sh start N     start nodes 1..N (N from 1 to 9); returns once the cluster has formed
#        scripts/cluster.sh stop        stop every node started here, one after another (SIGTERM: a drain while
#                                       others are up; SIGKILL after 40 s)
#        scripts/cluster.sh status      show each node's pid, state and chat port
#        scripts/cluster.sh restart K   start node K again (after a crash) with its config; returns once it listens
#
# Node k listens for chat on CLUSTER_CHAT_BASE_PORT+k (default 7000+k: 7001, 7002, ...), for IRC on
# CLUSTER_IRC_BASE_PORT+k (default 6660+k), for the web chat on CLUSTER_HTTP_BASE_PORT+k (default 8080+k),
# with its admin listener (health, metrics) on CLUSTER_ADMIN_BASE_PORT+k (default 7080+k), Hazelcast on
# CLUSTER_HAZELCAST_BASE_PORT+k (default 5700+k) and the event bus on CLUSTER_EVENTBUS_BASE_PORT+k
# (default 5800+k). Configs, logs and pid files go to target/cluster/. With CLUSTER_SPREAD_HOSTS=1, node k's
# Hazelcast and event bus bind 127.0.0.k instead of 127.0.0.1 (chat stays on 127.0.0.1), so a test can cut
# one node off the others with a firewall rule on its address.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

DIR=target/cluster
CHAT_BASE=${CLUSTER_CHAT_BASE_PORT:-7000}
IRC_BASE=${CLUSTER_IRC_BASE_PORT:-6660}
HTTP_BASE=${CLUSTER_HTTP_BASE_PORT:-8080}
HZ_BASE=${CLUSTER_HAZELCAST_BASE_PORT:-5700}
EB_BASE=${CLUSTER_EVENTBUS_BASE_PORT:-5800}
ADMIN_BASE=${CLUSTER_ADMIN_BASE_PORT:-7080}
NAME=${CLUSTER_NAME:-clusterchat-local}
SPREAD_HOSTS=${CLUSTER_SPREAD_HOSTS:-0}
FORM_TIMEOUT_SECONDS=${CLUSTER_FORM_TIMEOUT_SECONDS:-120}

usage() {
  sed -n '4,8p' "$0" | sed 's/^# //' >&2
  exit 2
}

# A killed node may linger as a zombie until its parent reaps it; that counts as dead.
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ "$state" != Z* ]]
}

running_pids() {
  for pidfile in "$DIR"/node*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if alive "$pid"; then echo "$pid"; fi
  done
}

cluster_host() {
  if [ "$SPREAD_HOSTS" = 1 ]; then echo "127.0.0.$1"; else echo "127.0.0.1"; fi
}

write_config() {
  local k=$1 n=$2 members=""
  for i in $(seq 1 "$n"); do members="${members:+$members,}$(cluster_host "$i"):$((HZ_BASE + i))"; done
  cat > "$DIR/node$k.json" <<JSON
{
  "node": { "name": "node$k" },
  "tcp": { "host": "127.0.0.1", "port": $((CHAT_BASE + k)) },
  "irc": { "port": $((IRC_BASE + k)) },
  "http": { "port": $((HTTP_BASE + k)) },
  "admin": { "port": $((ADMIN_BASE + k)) },
  "cluster": {
    "enabled": true,
    "name": "$NAME",
    "host": "$(cluster_host "$k")",
    "port": $((HZ_BASE + k)),
    "eventBusPort": $((EB_BASE + k)),
    "members": "$members"
  }
}
JSON
}

launch() {
  local k=$1
  # setsid: the node gets its own session, so a Ctrl-C in this shell does not reach it.
  # SIGHUP reloads the config: reset it from "ignored" (nohup) so the JVM takes it (see start.sh).
  setsid env --default-signal=HUP java $CHAT_JAVA_OPTS -jar "$JAR" server --config "$DIR/node$k.json" >> "$DIR/node$k.log" 2>&1 < /dev/null &
  echo $! > "$DIR/node$k.pid"
}

restart() {
  local k=${1:-}
  [[ "$k" =~ ^[1-9]$ ]] && [ -f "$DIR/node$k.json" ] || { echo "cluster.sh: no node$k config; start the cluster first" >&2; exit 2; }
  if [ -f "$DIR/node$k.pid" ] && alive "$(cat "$DIR/node$k.pid")"; then
    echo "cluster.sh: node$k is running" >&2
    exit 1
  fi
  local before
  before=$(grep -c "listening on" "$DIR/node$k.log" 2>/dev/null || true)
  launch "$k"
  local deadline=$((SECONDS + FORM_TIMEOUT_SECONDS))
  until [ "$(grep -c "listening on" "$DIR/node$k.log")" -gt "${before:-0}" ]; do
    if ! alive "$(cat "$DIR/node$k.pid")" || [ "$SECONDS" -ge "$deadline" ]; then
      echo "cluster.sh: node$k did not come back; its log:" >&2
      tail -n 20 "$DIR/node$k.log" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "node$k restarted: chat 127.0.0.1:$((CHAT_BASE + k)) admin 127.0.0.1:$((ADMIN_BASE + k)) pid $(cat "$DIR/node$k.pid")"
}

start() {
  local n=${1:-}
  [[ "$n" =~ ^[1-9]$ ]] || usage
  if [ -n "$(running_pids)" ]; then
    echo "cluster.sh: nodes are already running (scripts/cluster.sh stop first)" >&2
    exit 1
  fi
  ensure_jar
  mkdir -p "$DIR"
  rm -f "$DIR"/node*.pid "$DIR"/node*.log "$DIR"/node*.json
  for k in $(seq 1 "$n"); do
    write_config "$k" "$n"
    launch "$k"
  done
  local deadline=$((SECONDS + FORM_TIMEOUT_SECONDS))
  while true; do
    local listening=0
    for k in $(seq 1 "$n"); do
      if ! alive "$(cat "$DIR/node$k.pid")"; then
        echo "cluster.sh: node$k exited during start; its log:" >&2
        tail -n 20 "$DIR/node$k.log" >&2
        stop >&2
        exit 1
      fi
      grep -q "listening on" "$DIR/node$k.log" && listening=$((listening + 1))
    done
    if [ "$listening" -eq "$n" ] && grep -q "has $n nodes" "$DIR"/node*.log; then
      break
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "cluster.sh: the cluster did not form within ${FORM_TIMEOUT_SECONDS}s; logs are in $DIR" >&2
      stop >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "cluster $NAME formed with $n nodes; connect to any of them:"
  for k in $(seq 1 "$n"); do
    echo "  node$k  chat 127.0.0.1:$((CHAT_BASE + k))  irc 127.0.0.1:$((IRC_BASE + k))  web http://127.0.0.1:$((HTTP_BASE + k))/  admin http://127.0.0.1:$((ADMIN_BASE + k))/  pid $(cat "$DIR/node$k.pid")  log $DIR/node$k.log"
  done
}

# One node after another, each drained before the next gets SIGTERM: a node's clients move to the
# nodes still up (BYE RECONNECT) and resume there; the last node's clients get BYE SHUTDOWN.
stop() {
  local pids
  pids=$(running_pids)
  if [ -z "$pids" ]; then
    echo "no nodes running"
    rm -f "$DIR"/node*.pid
    return 0
  fi
  for pid in $pids; do
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 40))
    while alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    if alive "$pid"; then
      echo "cluster.sh: node pid $pid did not stop within 40s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  rm -f "$DIR"/node*.pid
  echo "stopped"
}

status() {
  local any=0
  for pidfile in "$DIR"/node*.pid; do
    [ -f "$pidfile" ] || continue
    any=1
    local k pid state
    k=$(basename "$pidfile" .pid)
    pid=$(cat "$pidfile")
    if alive "$pid"; then state=running; else state=dead; fi
    echo "$k  pid $pid  $state  chat 127.0.0.1:$((CHAT_BASE + ${k#node}))  admin 127.0.0.1:$((ADMIN_BASE + ${k#node}))"
  done
  [ "$any" -eq 1 ] || echo "no nodes started"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop ;;
  status) status ;;
  restart) restart "${2:-}" ;;
  *) usage ;;
esac
