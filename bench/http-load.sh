#!/usr/bin/env bash
# HTTP load bench: the standalone server on a fresh SQLite store against its floor (a trivial
# handler on the same JDK HttpServer stack and executor), with the same requests, in the same run.
#
# Builds the examples module, writes a bench configuration (tenant "bench", --vns mobile numbers,
# SQLite in a temporary directory, rate limit raised to 1,000,000 requests/s, 127.0.0.1 only),
# starts the server and the floor (HttpFloorServer), then runs --rounds rounds, each of four
# HttpLoad runs one after the other:
#   floor-create  POST create bodies to the floor     create  the same POSTs to the server
#   floor-get     GETs to the floor                   get     GETs of the round's created ids
# and prints every run and a table of ratios (server / floor of the same round). Everything it
# started is stopped and its directory removed at the end (--keep keeps the directory).
#
#   bench/http-load.sh [flags]
#
# Flags:
#   --java DIR            JAVA_HOME of the server, the floor and the client (default $JAVA_HOME
#                         or the java on PATH)
#   --connections N       keep-alive connections of each run (default 64)
#   --duration D          measured time of each run (default 15s)
#   --warmup D            load before each run's measured time, not counted (default 5s)
#   --rounds N            rounds (default 3; at most 50)
#   --vns N               virtual numbers of the bench tenant (default 100)
#   --port N              the server's port; the floor takes N+1, a baseline server N+2
#                         (default 18080)
#   --server-heap SIZE    -Xmx of the server and the floor (default 1g)
#   --server-opt OPT      one more option for the server JVM (repeatable), e.g.
#                         --server-opt -XX:StartFlightRecording=filename=/tmp/server.jfr
#   --baseline-jar JAR    a greenvn-core jar (e.g. from before a change): a second server runs on
#                         it, with its own store, and each round also loads it ("base-create",
#                         "base-get"), so a change is measured before and after in one run
#   --creates-only        no GET runs (a quicker check of a change to creates)
#   --no-build            reuse the last build
#   --keep                keep the work directory (configuration, logs, JSON, ids)
#   --help                this text
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
java_home=${JAVA_HOME:-}
connections=64
duration=15s
warmup=5s
rounds=3
vns=100
port=18080
heap=1g
server_opts=()
baseline_jar=
build=yes
keep=no
gets=yes
while [[ $# -gt 0 ]]; do
  case "$1" in
    --java) java_home=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --vns) vns=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --server-heap) heap=$2; shift 2 ;;
    --server-opt) server_opts+=("$2"); shift 2 ;;
    --baseline-jar) baseline_jar=$2; shift 2 ;;
    --creates-only) gets=no; shift ;;
    --no-build) build=no; shift ;;
    --keep) keep=yes; shift ;;
    --help|-h) sed -n '2,/^set -euo/p' "$0" | sed -n 's/^# \{0,1\}//p'; exit 0 ;;
    *) echo "http-load.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
if ! [[ $rounds =~ ^[0-9]+$ ]] || (( rounds < 1 || rounds > 50 )); then
  echo "http-load.sh: --rounds must be 1..50" >&2; exit 2
fi
if ! [[ $vns =~ ^[0-9]+$ ]] || (( vns < 1 || vns > 10000 )); then
  echo "http-load.sh: --vns must be 1..10000" >&2; exit 2
fi
if ! [[ $port =~ ^[0-9]+$ ]] || (( port < 1024 || port > 65000 )); then
  echo "http-load.sh: --port must be 1024..65000" >&2; exit 2
fi
if [[ -n $baseline_jar && ! -f $baseline_jar ]]; then
  echo "http-load.sh: --baseline-jar $baseline_jar is not a file" >&2; exit 2
fi
java=$(if [[ -n $java_home ]]; then echo "$java_home/bin/java"; else command -v java; fi)
seconds() { # 20s, 500ms, 2m or bare seconds -> whole seconds, rounded up
  local v=$1
  case "$v" in
    *ms) echo $(( (${v%ms} + 999) / 1000 )) ;;
    *s) echo "${v%s}" ;;
    *m) echo $(( ${v%m} * 60 )) ;;
    *) echo "$v" ;;
  esac
}
warmup_s=$(seconds "$warmup")

cd "$root"
if [[ $build == no && ! -s examples/target/bench-classpath.txt ]]; then
  echo "http-load.sh: no previous build (examples/target/bench-classpath.txt): building" >&2
  build=yes
fi
if [[ $build == yes ]]; then
  mvn -B -q -pl examples -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
fi
# The reactor's own core classes first: the classpath file names the installed core jar, which may
# be older than this worktree's.
deps=$(cat examples/target/bench-classpath.txt)
classpath="$root/examples/target/classes:$root/core/target/classes:$deps"

work=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in ${pids[@]+"${pids[@]}"}; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [[ $keep == yes ]]; then
    echo "== kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

write_config() { # file port data_dir
  local numbers="" i
  for (( i = 0; i < vns; i++ )); do
    numbers+="${numbers:+,}"$'\n'"        {\"number\": \"+9199$(printf '%08d' "$i")\", \"region\": \"KA\", \"type\": \"mobile\"}"
  done
  cat >"$1" <<EOF
{
  "http": { "host": "127.0.0.1", "port": $2, "requestsPerSecond": 1000000 },
  "agi": { "host": "127.0.0.1", "port": 0 },
  "store": { "kind": "sqlite", "dataDir": "$3" },
  "tenants": [
    {
      "sid": "bench",
      "credentials": [ { "apiKey": "bench-key", "token": "bench-token" } ],
      "defaultDeallocation": "1h",
      "flows": [ { "id": "default", "dial": "PJSIP/{number}@carrier" } ],
      "inventory": [$numbers
      ]
    }
  ]
}
EOF
}

wait_for() { # log pattern pid
  for _ in $(seq 1 300); do
    if grep -Eq "$2" "$1"; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then
      echo "http-load.sh: a server exited before it was ready:" >&2; cat "$1" >&2; exit 1
    fi
    sleep 0.1
  done
  echo "http-load.sh: a server was not ready after 30 s:" >&2; cat "$1" >&2; exit 1
}

start_server() { # name port classpath
  mkdir -p "$work/$1"
  write_config "$work/$1/config.json" "$2" "$work/$1/data"
  "$java" -Xms"$heap" -Xmx"$heap" ${server_opts[@]+"${server_opts[@]}"} -cp "$3" \
    org.greenvn.examples.server.StandaloneServer --config "$work/$1/config.json" \
    >"$work/$1/server.log" 2>&1 &
  pids+=($!)
  eval "${1}_pid=$!"
  wait_for "$work/$1/server.log" 'greenvn is running' "$!"
}

floor_port=$((port + 1))
base_port=$((port + 2))
start_server server "$port" "$classpath"
"$java" -Xms"$heap" -Xmx"$heap" -cp "$classpath" org.greenvn.examples.load.HttpFloorServer \
  --port "$floor_port" >"$work/floor.log" 2>&1 &
pids+=($!)
floor_pid=$!
wait_for "$work/floor.log" '\(listening\)' "$floor_pid"
if [[ -n $baseline_jar ]]; then
  start_server base "$base_port" \
    "$root/examples/target/classes:$(cd "$(dirname "$baseline_jar")" && pwd)/$(basename "$baseline_jar"):$deps"
fi

cpu_ticks() { # pid -> utime+stime in clock ticks
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}
ticks_per_s=$(getconf CLK_TCK)

run() { # round label pid port kind [extra HttpLoad flags]
  local round=$1 label=$2 pid=$3 target_port=$4 kind=$5
  shift 5
  local mark="$work/cpu-$round-$label"
  # The target's CPU over the measured part only: sampled when the warm-up ends and at the end.
  ( sleep "$warmup_s"; echo "$(cpu_ticks "$pid") $(date +%s%N)" >"$mark.start" ) &
  local sampler=$!
  "$java" -cp "$classpath" org.greenvn.examples.load.HttpLoad --port "$target_port" \
    --kind "$kind" --tenant bench --api-key bench-key --api-token bench-token \
    --connections "$connections" --warmup "$warmup" --duration "$duration" \
    --run-tag "r$round-$label" --json-only "$@" >"$mark.json"
  echo "$(cpu_ticks "$pid") $(date +%s%N)" >"$mark.end"
  wait "$sampler" || true
  local server_cores
  server_cores=$(awk -v hz="$ticks_per_s" 'NR == FNR { c0 = $1; t0 = $2; next }
    { printf "%.2f", ($1 - c0) / hz / (($2 - t0) / 1e9) }' "$mark.start" "$mark.end")
  # One line per run: round, label, the target's CPU, then HttpLoad's JSON summary.
  echo "$round $label $server_cores $(tail -n 1 "$mark.json")" >>"$work/results.txt"
  echo "   round $round $label: $(grep -Eo '"ok_per_s":[0-9.]+' "$mark.json")" \
    "server_cores=$server_cores $(grep -Eo '"client_cores":[0-9.-]+' "$mark.json")"
}

echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cpus, loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== JVM: $("$java" -version 2>&1 | head -2 | tr '\n' ' ')"
echo "== server: $(grep -Eo 'listening on .*' "$work/server/server.log" | head -1)," \
  "-Xmx$heap ${server_opts[*]+${server_opts[*]}}; $vns VNs; SQLite WAL synchronous=FULL"
echo "== floor: $(cat "$work/floor.log")"
[[ -n $baseline_jar ]] && echo "== baseline server: $baseline_jar on port $base_port"
echo "== each run: $connections connections, warm-up $warmup, measured $duration"
for (( r = 1; r <= rounds; r++ )); do
  # Disjoint party ranges: no create of one round meets the parties of another on a VN.
  first=$(( (r - 1) * 4000000 ))
  run "$r" floor-create "$floor_pid" "$floor_port" create --floor --max-requests 2000000
  # With a baseline, the two servers take turns going first: the one that runs second meets the
  # first one's disk write-back, which would otherwise always favour the same one.
  if [[ -n $baseline_jar ]] && (( r % 2 == 0 )); then
    run "$r" base-create "$base_pid" "$base_port" create --first-index "$first" \
      --max-requests 2000000 --ids-out "$work/base-ids-$r.txt"
  fi
  run "$r" create "$server_pid" "$port" create --first-index "$first" \
    --max-requests 2000000 --ids-out "$work/ids-$r.txt"
  if [[ -n $baseline_jar ]] && (( r % 2 == 1 )); then
    run "$r" base-create "$base_pid" "$base_port" create --first-index "$first" \
      --max-requests 2000000 --ids-out "$work/base-ids-$r.txt"
  fi
  if [[ $gets == no ]]; then
    continue
  fi
  if [[ -s "$work/ids-$r.txt" ]]; then
    run "$r" floor-get "$floor_pid" "$floor_port" get --floor --ids "$work/ids-$r.txt"
    run "$r" get "$server_pid" "$port" get --ids "$work/ids-$r.txt"
  else
    echo "   round $r: no allocation created, no GET runs"
  fi
  if [[ -n $baseline_jar && -s "$work/base-ids-$r.txt" ]]; then
    run "$r" base-get "$base_pid" "$base_port" get --ids "$work/base-ids-$r.txt"
  fi
done
echo "== end $(date -u +%Y-%m-%dT%H:%M:%SZ), loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
if grep -Eq 'ERROR|Exception' "$work"/*/server.log; then
  echo "== a server log has errors:"
  grep -hE 'ERROR|Exception' "$work"/*/server.log | sort | uniq -c | sort -rn | head -5
fi

"$java" -cp "$classpath" org.greenvn.examples.load.HttpLoadTable "$work/results.txt"
