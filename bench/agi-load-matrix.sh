#!/usr/bin/env bash
# Runs the floor matrix recorded in docs/load-testing.md: the no-op and the 8-command floor
# (bridged-8, called bridged when those figures were taken) on
# JDK 17 and JDK 25, at 64 and 1,000 concurrent calls, ~20 s each, then prints one JSON line per
# run. JDK locations: $JDK17 (default: the java on PATH) and $JDK25 (default
# /usr/lib/jvm/temurin-25-jdk-amd64).
#   bench/agi-load-matrix.sh [seconds per run, default 20]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-20}
jdk17=${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
"$root/bench/agi-load.sh" --target noop -- --sessions 1 --duration 1s >/dev/null  # build once
for jdk in "$jdk17" "$jdk25"; do
  for floor in noop bridged-8; do
    for concurrency in 64 1000; do
      # On JDK 17 the floor's pool is sized to the load (a call beyond max would be refused).
      pool_max=$(( concurrency > 500 ? concurrency : 500 ))
      # 1,000 connects in the same millisecond overflow the server's listen backlog (200):
      # the callers start over 2 s instead, as calls reach a real Asterisk.
      ramp=$(( concurrency > 200 ? 2 : 0 ))
      echo "### floor=$floor jdk=$jdk concurrency=$concurrency"
      "$root/bench/agi-load.sh" --no-build --target "$floor" --java "$jdk" --pool-max "$pool_max" \
        -- --concurrency "$concurrency" --ramp "${ramp}s" --duration "${secs}s" --json-only
    done
  done
done
