#!/usr/bin/env bash
# The whole-system soak (docs/soak.md): builds this worktree's modules, then runs
# org.greenvn.examples.soak.Soak on their classes (not on jars from ~/.m2), with the flags given:
#
#   bench/soak.sh --duration 10m            # the long form
#   bench/soak.sh --ci                      # the short form SoakTest runs
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/soak.sh --duration 5m
#
# Loopback only; every phase is bounded. Exit status: 0 passed, 1 violations, 2 bad flags.
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
classpath_file="$PWD/examples/target/soak.classpath"
mvn -B -q -pl examples -am compile dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime >/dev/null
# A private copy of the classes: a rebuild while a long soak runs cannot change what it loads.
snapshot="$(mktemp -d "${TMPDIR:-/tmp}/greenvn-soak-classes.XXXXXX")"
trap 'rm -rf "$snapshot"' EXIT
for module in core asterisk-adapter examples; do
  cp -r "$module/target/classes" "$snapshot/$module"
done
classes="$snapshot/core:$snapshot/asterisk-adapter:$snapshot/examples"
# The reactor's own modules come from their target/classes, never from the local repository.
deps="$(tr ':' '\n' <"$classpath_file" | grep -v '/org/greenvn/' | paste -sd: -)"
echo "soak: $("$java" -version 2>&1 | head -1), $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load $(cut -d' ' -f1 /proc/loadavg)"
# sqlite-jdbc loads its native library; JDK 22+ warns unless that is allowed.
feature="$("$java" -XshowSettings:properties -version 2>&1 \
  | awk -F'= ' '/java.specification.version/ {print $2}')"
native=()
if [ "${feature%%.*}" -ge 22 ] 2>/dev/null; then native=(--enable-native-access=ALL-UNNAMED); fi
status=0
"$java" "${native[@]}" -cp "$classes:$deps" org.greenvn.examples.soak.Soak "$@" || status=$?
echo "soak: ended $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load $(cut -d' ' -f1 /proc/loadavg), exit $status"
exit "$status"
