#!/usr/bin/env bash
# FastAGI load bench: builds the examples module, starts a floor server (or the greenvn adapter,
# or nothing for a server you run yourself) on a loopback port, runs AgiLoad against it for a
# bounded time and prints the report, the JSON summary and the server's heap/thread figures.
#
#   bench/agi-load.sh [bench flags] [-- AgiLoad flags]
#
# Bench flags:
#   --target noop|bridged|bridged-8|greenvn|external
#                         noop, bridged, bridged-8: the floor servers (FloorServers) on
#                           Asterisk-Java (bridged: the adapter's exact commands for a bridged
#                           call; bridged-8: the first, 8-command fixed script)
#                         greenvn: the adapter (AdapterBenchServer: an engine with --vns
#                           allocations behind GreenVnAgiServer); AgiLoad gets --spec of those
#                           allocations. With $GREENVN_AGI_SERVER_CMD set, run that instead and
#                           wait for a line matching $GREENVN_AGI_READY (default:
#                           listening|Listening|started)
#                         external: start nothing; load a server already on --port
#   --port N              loopback port (default 14573)
#   --java DIR            JAVA_HOME of the server JVM (default: $JAVA_HOME or the java on PATH)
#   --client-java DIR     JAVA_HOME of the AgiLoad JVM (default: as --java)
#   --server-heap SIZE    -Xmx of the floor server (default 1g)
#   --threads auto|virtual|pool   floor thread model (default auto: virtual on JDK 21+)
#   --pool-core N --pool-max N    floor pool sizes (default 10 and 500, Asterisk-Java's); the
#                         adapter on JDK 17 takes --pool-max as its most calls at once
#   --vns N               greenvn: virtual numbers, one allocation each (default 200)
#   --server-opt OPT      one more option for the server JVM (repeatable), e.g.
#                         --server-opt -XX:StartFlightRecording=filename=/tmp/s.jfr
#   --no-build            reuse the last build
# Everything after -- goes to AgiLoad (see AgiLoad --help), e.g.
#   bench/agi-load.sh --target bridged -- --concurrency 64 --duration 20s
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
target=bridged
port=14573
server_java_home=${JAVA_HOME:-}
client_java_home=
server_heap=1g
threads=auto
pool_core=10
pool_max=500
vns=200
server_opts=()
build=yes
while [[ $# -gt 0 ]]; do
  case "$1" in
    --target) target=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --java) server_java_home=$2; shift 2 ;;
    --client-java) client_java_home=$2; shift 2 ;;
    --server-heap) server_heap=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --pool-core) pool_core=$2; shift 2 ;;
    --pool-max) pool_max=$2; shift 2 ;;
    --vns) vns=$2; shift 2 ;;
    --server-opt) server_opts+=("$2"); shift 2 ;;
    --no-build) build=no; shift ;;
    --) shift; break ;;
    *) echo "agi-load.sh: unknown flag $1 (bench flags first, then -- and AgiLoad flags)" >&2
       exit 2 ;;
  esac
done
load_args=("$@")

java_of() { if [[ -n "$1" ]]; then echo "$1/bin/java"; else command -v java; fi; }
server_java=$(java_of "$server_java_home")
client_java=$(java_of "${client_java_home:-$server_java_home}")

cd "$root"
if [[ $build == no && ! -s examples/target/bench-classpath.txt ]]; then
  echo "agi-load.sh: no previous build (examples/target/bench-classpath.txt): building" >&2
  build=yes
fi
if [[ $build == yes ]]; then
  mvn -B -q -pl examples -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
fi
classpath="$root/examples/target/classes:$(cat examples/target/bench-classpath.txt)"

work=$(mktemp -d)
server_log="$work/server.log"
server_pid=
stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap stop_server EXIT

wait_ready() {
  local pattern=$1
  for _ in $(seq 1 300); do
    if grep -Eq "$pattern" "$server_log"; then return 0; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "agi-load.sh: server exited before it was ready:" >&2; cat "$server_log" >&2; exit 1
    fi
    sleep 0.1
  done
  echo "agi-load.sh: server not ready after 30 s:" >&2; cat "$server_log" >&2; exit 1
}

case "$target" in
  noop|bridged|bridged-8)
    "$server_java" -Xmx"$server_heap" ${server_opts[@]+"${server_opts[@]}"} -cp "$classpath" org.greenvn.examples.load.FloorServers \
      --script "$target" --port "$port" --threads "$threads" --pool-core "$pool_core" \
      --pool-max "$pool_max" --stats-every 5s >"$server_log" 2>&1 &
    server_pid=$!
    wait_ready '\(listening\)'
    ;;
  greenvn)
    if [[ -n "${GREENVN_AGI_SERVER_CMD:-}" ]]; then
      bash -c "$GREENVN_AGI_SERVER_CMD" >"$server_log" 2>&1 &
      server_pid=$!
      wait_ready "${GREENVN_AGI_READY:-listening|Listening|started}"
    else
      "$server_java" -Xmx"$server_heap" ${server_opts[@]+"${server_opts[@]}"} -cp "$classpath" \
        org.greenvn.examples.load.AdapterBenchServer --port "$port" --threads "$threads" \
        --pool-core "$pool_core" --pool-max "$pool_max" --vns "$vns" \
        --spec-out "$work/spec.txt" --stats-every 5s >"$server_log" 2>&1 &
      server_pid=$!
      wait_ready '\(listening\)'
      load_args=(--spec "$work/spec.txt" "${load_args[@]}")
    fi
    ;;
  external) ;;
  *) echo "agi-load.sh: --target $target: use noop, bridged, bridged-8, greenvn or external" >&2
     exit 2 ;;
esac

echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) target=$target port=$port load=$(nproc) cpus," \
  "loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $target != external ]]; then
  echo "== server JVM: $("$server_java" -version 2>&1 | head -1) -Xmx$server_heap threads=$threads"
fi
echo "== client JVM: $("$client_java" -version 2>&1 | head -1)"
[[ -n "$server_pid" ]] && grep -E '\(listening\)' "$server_log" | sed 's/^/== server: /' || true

"$client_java" -cp "$classpath" org.greenvn.examples.load.AgiLoad --port "$port" \
  "${load_args[@]}"

if [[ -n "$server_pid" ]]; then
  stop_server
  echo "== server figures (sampled every 5 s, last line at shutdown):"
  grep -E '^(stats|final) ' "$server_log" | tail -n 6 | sed 's/^/   /'
  max_heap=$(grep -Eo 'heap_used=[0-9]+' "$server_log" | cut -d= -f2 | sort -n | tail -1)
  max_live=$(grep -Eo 'heap_after_gc=[0-9]+' "$server_log" | cut -d= -f2 | sort -n | tail -1)
  max_threads=$(grep -Eo 'peak_platform_threads=[0-9]+' "$server_log" | cut -d= -f2 \
    | sort -n | tail -1)
  echo "== server peak sampled heap_used=${max_heap:-?}MiB heap_after_gc=${max_live:-?}MiB" \
    "peak_platform_threads=${max_threads:-?}"
  grep -Eo ' events .*' "$server_log" | tail -1 | sed 's/^ /== server /' || true
  if grep -Eq 'ERROR|Exception' "$server_log"; then
    echo "== server log has errors:"; grep -E 'ERROR|Exception' "$server_log" | sort \
      | uniq -c | sort -rn | head -5
  fi
fi
rm -rf "$work"
