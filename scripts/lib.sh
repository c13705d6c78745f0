# Shared by the scripts in this folder; sourced from the repository root.
JAR=target/clusterchat.jar
# JVM flags for the server: a small heap is plenty for a chat node; override as you like.
CHAT_JAVA_OPTS=${CHAT_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC}

# Builds the fat jar when it is missing (quietly, tests skipped: `mvn verify` runs them).
ensure_jar() {
  if [ ! -f "$JAR" ]; then
    echo "building $JAR ..." >&2
    mvn -q -B -DskipTests package >&2
  fi
}
