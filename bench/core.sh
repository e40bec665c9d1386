#!/usr/bin/env bash
# The core module's benchmarks on the test class path: JMH (docs/BENCHMARKS.md sections 1-4),
# the interleaved routing rounds (section 1) and StoreBench (sections 5 and 7). Builds core's test
# classes and writes the class path once, then runs the JVM you choose, so the same command
# measures JDK 17 and JDK 25.
#
#   bench/core.sh [--java DIR] [--no-build] jmh [JMH args]       e.g. jmh RoutingBenchmark -prof gc
#   bench/core.sh [--java DIR] [--no-build] store MODE [args]    e.g. store sqlite-creates core/target/bench 5 1 4
#   bench/core.sh [--java DIR] [--no-build] rounds ACTIVE [ROUNDS [SLICE_MS]]
#                 routing and its floor in interleaved rounds (RoutingRounds), e.g. rounds 10000
#
#   --java DIR    JAVA_HOME of the benchmark JVM (default: $JAVA_HOME, else the java on PATH);
#                 JMH forks run on the same JVM
#   --no-build    reuse the last build and class path
#
# `store pg-creates` without a URL runs under .ci/with-postgres (a throw-away PostgreSQL on
# 127.0.0.1) and takes its URL; its other arguments follow: store pg-creates 5 1 4.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
java_home=${JAVA_HOME:-}
build=yes
while [[ $# -gt 0 ]]; do
  case "$1" in
    --java) java_home=$2; shift 2 ;;
    --no-build) build=no; shift ;;
    *) break ;;
  esac
done
what=${1:-}
[[ $# -gt 0 ]] && shift
case "$what" in
  jmh|store|rounds) ;;
  *) echo "usage: bench/core.sh [--java DIR] [--no-build] jmh|store|rounds [args]" >&2; exit 2 ;;
esac

java_bin=java
[[ -n "$java_home" ]] && java_bin="$java_home/bin/java"

cd "$root"
if [[ $build == yes || ! -f core/target/cp.txt ]]; then
  mvn -B -q -pl core test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
fi
cp="$(cat core/target/cp.txt):core/target/classes:core/target/test-classes"

echo "# $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(uptime | sed 's/.*load/load/')" >&2
"$java_bin" -version 2>&1 | head -1 | sed 's/^/# /' >&2

if [[ $what == jmh ]]; then
  exec "$java_bin" -cp "$cp" org.openjdk.jmh.Main "${@:-org.greenvn.bench}"
fi
if [[ $what == rounds ]]; then
  exec "$java_bin" -Xms6g -Xmx6g -cp "$cp" org.greenvn.bench.RoutingRounds "$@"
fi
if [[ ${1:-} == pg-creates && ! ${2:-} =~ ^jdbc: ]]; then
  shift
  export GREENVN_BENCH_CP=$cp GREENVN_BENCH_JAVA=$java_bin
  exec .ci/with-postgres bash -c \
    '"$GREENVN_BENCH_JAVA" -Xms2g -Xmx2g -cp "$GREENVN_BENCH_CP" org.greenvn.bench.StoreBench \
       pg-creates "$GREENVN_TEST_PG_URL" "$@"' pg-creates "$@"
fi
exec "$java_bin" -Xms2g -Xmx2g -cp "$cp" org.greenvn.bench.StoreBench "$@"
