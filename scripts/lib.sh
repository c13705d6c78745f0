# Shared by the scripts in this folder; sourced from the repository root.
JAR=target/clusterchat.jar
# JVM flags for the server; override as you like. Measured with loadgen (docs/PERFORMANCE.md): with
# 10,000 idle connections an 8 MB young generation holds RSS to about 13 KB per connection against 18 KB
# with the default one, at the same fan-out rate; the serial collector suits one or two cores.
CHAT_JAVA_OPTS=${CHAT_JAVA_OPTS:--Xms64m -Xmx512m -Xmn8m -XX:+UseSerialGC}

# Builds the fat jar when it is missing (quietly, tests skipped: `mvn verify` runs them).
ensure_jar() {
  if [ ! -f "$JAR" ]; then
    echo "building $JAR ..." >&2
    mvn -q -B -DskipTests package >&2
  fi
}
