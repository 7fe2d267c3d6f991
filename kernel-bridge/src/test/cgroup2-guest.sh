#!/bin/bash
# Runs the cgroup tests that need a real kernel (@Tag("kernel") in
# jlab.kernel.cgroup) inside a throwaway guest whose cgroups are pure v2, the
# layout of most students' machines. The host suite covers whatever this host
# has (v1 on our build machines); this covers the other.
#
#   kernel-bridge/src/test/cgroup2-guest.sh        (from the repository root, as root)
#
# The guest (shared/tools/cgroup2-guest, override with CG2_GUEST_TOOL) sees the
# repository at the same path and the host's /usr, but not ~/.m2: so the test
# classpath is copied under kernel-bridge/target/cgroup2-guest first.
# Exit status: the JUnit console launcher's (0 = all passed).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
GUEST_TOOL=${CG2_GUEST_TOOL:-$ROOT/../shared/tools/cgroup2-guest}
OUT=kernel-bridge/target/cgroup2-guest
CONSOLE_VERSION=1.14.4   # pairs with junit-jupiter 5.14.4 (parent pom)

fail() { echo "cgroup2-guest.sh: FAILED: $*" >&2; exit 1; }
[ -x "$GUEST_TOOL" ] || fail "no guest tool at $GUEST_TOOL (set CG2_GUEST_TOOL)"

echo "cgroup2-guest.sh: building kernel-bridge tests and their classpath" >&2
rm -rf "$OUT"
./mvnw -q -B -pl kernel-bridge test-compile || fail "kernel-bridge does not compile"
./mvnw -q -B -pl kernel-bridge dependency:copy-dependencies -DincludeScope=test \
    -DexcludeGroupIds=org.junit.jupiter,org.junit.platform,org.opentest4j,org.apiguardian \
    -DoutputDirectory="$ROOT/$OUT/lib" || fail "cannot copy the test dependencies"
./mvnw -q -B -pl kernel-bridge dependency:copy \
    -Dartifact=org.junit.platform:junit-platform-console-standalone:$CONSOLE_VERSION \
    -DoutputDirectory="$ROOT/$OUT" || fail "cannot fetch the JUnit console launcher"

CP="$ROOT/kernel-bridge/target/test-classes:$ROOT/kernel-bridge/target/classes"
for jar in "$ROOT/$OUT"/lib/*.jar; do CP="$CP:$jar"; done

echo "cgroup2-guest.sh: running the kernel-tagged cgroup tests in a cgroup v2 guest" >&2
start=$(date +%s)
set +e
"$GUEST_TOOL" "$ROOT" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -jar "$ROOT/$OUT/junit-platform-console-standalone-$CONSOLE_VERSION.jar" execute \
    --disable-banner --disable-ansi-colors --details=tree --fail-if-no-tests \
    --class-path "$CP" --select-package jlab.kernel.cgroup --include-tag kernel
status=$?
set -e
elapsed=$(( $(date +%s) - start ))
if [ $status -ne 0 ]; then
    fail "cgroup v2 kernel tests: exit status $status after ${elapsed} s (see the tree above)"
fi
echo "cgroup2-guest.sh: cgroup v2 kernel tests passed in ${elapsed} s"
