#!/usr/bin/env bash
# ClusterChat's IRC listener against the IRC peers (InspIRCd, ngIRCd) with the neutral generator of
# ../shared/loadgen, in one run: the peers through ../shared/loadgen/bench.sh, ClusterChat the way
# bench.sh runs it (fresh server per run pinned to CPU 0, scripts/start.sh with conf/bench.json,
# CC_WARMUP seconds of unmeasured fan-out, generator on CPU 1), only with --proto irc on irc.port.
#
# usage: scripts/bench-irc.sh [-r REPS] [SCENARIOS]      default: -r 3 s1w256,s2,s3
# Needs: apt-get install gcc inspircd ngircd. Results go to target/loadgen/irc-results.txt, where
# ClusterChat's runs are labelled "clusterchat" (over IRC: this file holds IRC runs only), and the
# summary (../shared/loadgen/summarize.py) is printed at the end. Like bench.sh, a run during which
# other processes used more than MAX_OTHER % of a core is kept with valid=0 and retried (4 tries).
set -euo pipefail
cd "$(dirname "$0")/.."
LOADGEN_DIR=${LOADGEN_DIR:-../shared/loadgen}
REPS=3
while getopts "r:" opt; do
  case $opt in r) REPS=$OPTARG ;; *) exit 2 ;; esac
done
shift $((OPTIND - 1))
SCENARIOS=${1:-s1w256,s2,s3}
RAW=target/loadgen/irc-results.txt
LOADGEN=target/loadgen/loadgen
CHAT_PORT=17000
IRC_PORT=16670
WARMUP=${CC_WARMUP:-5}

[ -f target/clusterchat.jar ] || mvn -B -ntp -q package -DskipTests
"$LOADGEN_DIR/bench.sh" -r "$REPS" -o "$RAW" inspircd,ngircd "$SCENARIOS"

scenario_args() {
  case $1 in
    s1w256) echo "--subs 100 --pubs 1 --rooms 1 --size 64 --rate 0 --window 256 --duration 10" ;;
    s2) echo "--subs 100 --pubs 10 --rooms 1 --size 64 --rate 1000 --duration 10" ;;
    s3) echo "--subs 0 --pubs 0 --both 1000 --rooms 100 --size 64 --rate 1000 --duration 10" ;;
    s4) echo "--subs 10000 --pubs 0 --rooms 100 --duration 0 --settle 3 --concurrency 100 --setup-timeout 150" ;;
    *) echo "unknown scenario $1" >&2; exit 2 ;;
  esac
}

listening() { ss -ltn "sport = :$1" 2>/dev/null | grep -q LISTEN; }

MAX_OTHER=${MAX_OTHER:-10}

IFS=, read -r -a scens <<<"$SCENARIOS"
for sc in "${scens[@]}"; do
  for rep in $(seq 1 "$REPS"); do
   for attempt in 1 2 3 4; do
    CHAT_IRC_PORT=$IRC_PORT taskset -c 0 scripts/start.sh --config conf/bench.json --port "$CHAT_PORT" \
      > target/loadgen/clusterchat-irc.log 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do listening "$IRC_PORT" && break; sleep 0.1; done
    if [ "$WARMUP" != 0 ]; then # JIT warm-up over IRC, not measured
      taskset -c 1 "$LOADGEN" --proto irc --port "$IRC_PORT" --subs 100 --pubs 1 --rooms 1 --size 64 \
        --rate 0 --window 256 --duration "$WARMUP" >/dev/null 2>&1 || true
    fi
    # shellcheck disable=SC2046
    line=$(taskset -c 1 "$LOADGEN" --proto irc --port "$IRC_PORT" $(scenario_args "$sc") --server-pid "$pid" \
      --rst-close --label "clusterchat/$sc/$rep" 2>/dev/null) && rc=0 || rc=$?
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    other=$(sed -n 's/.* other_cpu_pct=\([-0-9.]*\).*/\1/p' <<<"$line")
    valid=1
    if [ $rc -ne 0 ] || [ -z "$line" ]; then valid=0; fi
    if [ -n "$other" ] && awk -v o="$other" -v m="$MAX_OTHER" 'BEGIN{exit !(o>m)}'; then valid=0; fi
    echo "$(date -u +%FT%TZ) attempt=$attempt valid=$valid rc=$rc $line errs=none" >> "$RAW"
    echo "clusterchat (irc) $sc rep=$rep attempt=$attempt valid=$valid other_cpu=$other" >&2
    [ $valid -eq 1 ] && break
   done
  done
done
python3 "$LOADGEN_DIR/summarize.py" "$RAW"
