#!/usr/bin/env bash
# The adapter against its two floors, as recorded in docs/BENCHMARKS.md: for each JDK
# (17, then 25), one after the other in the same run, 64 calls at once, ~20 s each:
#   noop          the no-op floor (Asterisk-Java alone, 1 round trip)
#   bridged       the fixed-script floor: the adapter's own commands for a bridged call
#   greenvn       the adapter, script-driven, every call a known caller bridged
#   greenvn-mix   the adapter, script-driven, the issue's mix (PIN prompts, busy, hang-ups, ...)
#   dialplan      the adapter, dialplan-driven (decide + outcome), every call bridged
#   dialplan-mix  the adapter, dialplan-driven, the mix
# Each run prints a "### <row> jdk=<dir>" header, the load average, the JSON summary and the
# server's figures. JDKs: $JDK17 (default: the java on PATH), $JDK25 (default
# /usr/lib/jvm/temurin-25-jdk-amd64).
#   bench/agi-adapter-matrix.sh [seconds per run, default 20] [concurrency, default 64]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-20}
concurrency=${2:-64}
jdk17=${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
mix=bridged=70,busy=5,no-answer=5,pin-right=10,pin-wrong=5,caller-hangup=5
"$root/bench/agi-load.sh" --target noop -- --sessions 1 --duration 1s >/dev/null  # build once
pool_max=$(( concurrency > 500 ? concurrency : 500 ))
run() {
  local row=$1 jdk=$2 target=$3; shift 3
  echo "### $row jdk=$jdk"
  "$root/bench/agi-load.sh" --no-build --target "$target" --java "$jdk" --pool-max "$pool_max" \
    -- --concurrency "$concurrency" --duration "${secs}s" --json-only "$@"
}
for jdk in "$jdk17" "$jdk25"; do
  run noop "$jdk" noop
  run bridged "$jdk" bridged
  run greenvn "$jdk" greenvn
  run greenvn-mix "$jdk" greenvn --mix "$mix"
  run dialplan "$jdk" greenvn --mode dialplan
  run dialplan-mix "$jdk" greenvn --mode dialplan --mix "$mix"
done
