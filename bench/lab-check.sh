#!/usr/bin/env bash
# How long `jlab lab check` takes on a host where the student's work is in
# place (the issue's figure: under 1 s, probes included), beside two peers
# measured in the same run, interleaved:
#   - `./jlab --version`: the JVM and jlab's own start, which every jlab
#     command pays; the difference is the checks' cost;
#   - the same look at the kernel typed in shell tools: scan /proc/*/ns/uts,
#     `nsenter --uts` into the one that differs, `hostname` (uts-namespace);
#     `cat` of memory.max or memory.limit_in_bytes and cgroup.procs (cgroup-memory).
# Prints medians of N runs each and one Markdown row per lab.
#   bench/lab-check.sh            (as root, from anywhere)
#   N=40 bench/lab-check.sh
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
N=${N:-20}
[ "$(id -u)" = 0 ] || { echo "lab-check.sh: run as root (the checks read other processes' namespaces)" >&2; exit 1; }
command -v nsenter >/dev/null || { echo "lab-check.sh: needs nsenter: apt-get install util-linux" >&2; exit 1; }
export JLAB_STATE_DIR=${JLAB_STATE_DIR:-/tmp/jlab-bench-labs-$$}
./jlab --version >/dev/null   # builds jlab on first use

# The student's work, made with plain tools.
if grep -q '^cgroup2 /sys/fs/cgroup ' /proc/mounts; then
  cg=/sys/fs/cgroup/jlab-mem; limit=memory.max
  echo +memory > /sys/fs/cgroup/cgroup.subtree_control
else
  cg=/sys/fs/cgroup/memory/jlab-mem; limit=memory.limit_in_bytes
fi
cleanup() {
  ./jlab lab reset uts-namespace >/dev/null 2>&1 || true
  ./jlab lab reset cgroup-memory >/dev/null 2>&1 || true
  rm -rf "$JLAB_STATE_DIR"
}
trap cleanup EXIT
unshare --uts sh -c 'hostname jlab-uts; exec sleep 600' &
sh -c "mkdir $cg && echo 64M > $cg/$limit && echo \$\$ > $cg/cgroup.procs && exec sleep 600" &
sleep 0.5
./jlab lab check uts-namespace >/dev/null || { echo "lab-check.sh: uts-namespace does not pass: nothing to measure" >&2; exit 1; }
./jlab lab check cgroup-memory >/dev/null || { echo "lab-check.sh: cgroup-memory does not pass: nothing to measure" >&2; exit 1; }

shell_uts() {
  local self; self=$(readlink /proc/self/ns/uts)
  for p in /proc/[0-9]*; do
    ns=$(readlink "$p/ns/uts" 2>/dev/null) || continue
    [ "$ns" != "$self" ] && [ "$(nsenter --uts -t "${p#/proc/}" hostname 2>/dev/null)" = jlab-uts ] && return 0
  done
  return 1
}
shell_cgroup() { [ "$(cat $cg/$limit)" = 67108864 ] && [ -n "$(cat $cg/cgroup.procs)" ]; }

declare -A samples
time_ms() { # time_ms NAME CMD...: one run, appended to samples[NAME]
  local name=$1; shift
  local t0=${EPOCHREALTIME/./}
  "$@" >/dev/null 2>&1 || { echo "lab-check.sh: '$*' failed" >&2; exit 1; }
  local t1=${EPOCHREALTIME/./}
  samples[$name]+="$(( (t1 - t0) / 1000 )).$(( (t1 - t0) % 1000 / 100 )) "
}
for _ in $(seq "$N"); do
  time_ms uts ./jlab lab check uts-namespace
  time_ms cgroup ./jlab lab check cgroup-memory
  time_ms version ./jlab --version
  time_ms shell_uts shell_uts
  time_ms shell_cgroup shell_cgroup
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m_uts=$(median "${samples[uts]}"); m_cg=$(median "${samples[cgroup]}"); m_v=$(median "${samples[version]}")
m_su=$(median "${samples[shell_uts]}"); m_sc=$(median "${samples[shell_cgroup]}")
layout=$(grep -q '^cgroup2 /sys/fs/cgroup ' /proc/mounts && echo v2 || echo v1)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo "lab-check.sh: medians of $N (ms): lab check uts-namespace $m_uts, cgroup-memory $m_cg; ./jlab --version $m_v; shell: uts $m_su, cgroup $m_sc"
echo "| \`lab check uts-namespace\` ($(date +%F), cgroup $layout, $(ls -d /proc/[0-9]* | wc -l) processes scanned) | $m_uts ms | \`./jlab --version\`: $m_v ms; the same look in shell tools (readlink, nsenter, hostname): $m_su ms | $(ratio "$m_uts" "$m_v")× ; $(ratio "$m_uts" "$m_su")× |"
echo "| \`lab check cgroup-memory\` | $m_cg ms | \`./jlab --version\`: $m_v ms; \`cat\` of the two files: $m_sc ms | $(ratio "$m_cg" "$m_v")× ; $(ratio "$m_cg" "$m_sc")× |"
