#!/usr/bin/env bash
# Runs the IRC conformance suite irctest (../shared/irctest) against ClusterChat's IRC listener.
#
# usage: scripts/irctest.sh [FILES...] [-- PYTEST_ARGS...]
#   FILES default to the core subset (16 files, 129 tests); names are irctest's server test files
#   without directory or .py, e.g. scripts/irctest.sh who whois.
# Needs the Debian packages python3-pytest python3-pytest-xdist python3-ecdsa python3-filelock
# python3-websockets faketime (see ../shared/irctest/LOCAL-PATCHES.md) and builds the jar if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
IRCTEST=${IRCTEST_DIR:-../shared/irctest}
CORE="connection_registration pingpong join part messages names who whois topic quit regressions isupport lusers cap message_tags echo_message"
SELECTION='not services and not implementation-specific and not deprecated and not strict'

if [ ! -d "$IRCTEST" ]; then
  echo "irctest.sh: no irctest at $IRCTEST (set IRCTEST_DIR)" >&2
  exit 2
fi
files=()
extra=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; extra=("$@"); break; fi
  files+=("irctest/server_tests/$1.py"); shift
done
if [ ${#files[@]} -eq 0 ]; then
  for f in $CORE; do files+=("irctest/server_tests/$f.py"); done
fi
[ -f target/clusterchat.jar ] || mvn -B -ntp -q package -DskipTests

export CLUSTERCHAT_JAR="$PWD/target/clusterchat.jar"
export PYTHONPATH="$PWD/src/test/irctest${PYTHONPATH:+:$PYTHONPATH}"
cd "$IRCTEST"
exec /usr/bin/python3 -m pytest -p no:cacheprovider --controller clusterchat_irctest -m "$SELECTION" \
  "${files[@]}" "${extra[@]}"
