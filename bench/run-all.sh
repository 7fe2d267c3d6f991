#!/usr/bin/env bash
# Runs the per-container, one-shot, prompt and completion benchmarks in turn and gathers their Markdown rows in
# bench/results/summary-STAMP.md. The environment goes through to each script
# (JLAB, N1, N2, REPS, ROUNDS, RUNS, ...: see per-container.sh and one-shot.sh);
# PC_PEERS and OS_PEERS stand for each script's PEERS.
#
#   bench/run-all.sh            (as root; about 12 minutes with the defaults)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
results=${RESULTS_DIR:-$here/results}
mkdir -p "$results"
stamp=$(date +%Y%m%d-%H%M%S)
summary="$results/summary-$stamp.md"

host_state() {
    echo "mountinfo lines: $(grep -c . /proc/self/mountinfo)"
    echo "memory cgroups: $(ls /sys/fs/cgroup/memory 2>/dev/null | grep -v '\.' | tr '\n' ' ' || ls /sys/fs/cgroup)"
    ip -o link show | awk -F': ' '{sub(/@.*/, "", $2); print "link " $2}'
}
before=$(host_state)

# PEERS means different things to the two scripts: PC_PEERS and OS_PEERS pick them
pc_env=(-u PEERS); [ -n "${PC_PEERS:-}" ] && pc_env+=("PEERS=$PC_PEERS")
os_env=(-u PEERS); [ -n "${OS_PEERS:-}" ] && os_env+=("PEERS=$OS_PEERS")
{
    echo "# jlab benchmarks, $(date +%Y-%m-%d) on $(uname -r), $(nproc) CPUs"
    echo
    echo "## Per container, in one long-lived process"
    echo
    env "${pc_env[@]}" "$here/per-container.sh"
    echo
    echo "## One-shot, process start included"
    echo
    env "${os_env[@]}" "$here/one-shot.sh"
    echo
    echo "## The prompt, in tmux"
    echo
    "$here/repl-prompt.sh"
    echo
    "$here/repl-completion.sh"
} | tee "$summary"

after=$(host_state)
if [ "$before" = "$after" ]; then
    echo "run-all: host as found ($(grep -c . /proc/self/mountinfo) mounts, same memory cgroups, same links)" >&2
else
    echo "run-all: host state changed (maybe by other users of this host):" >&2
    diff <(echo "$before") <(echo "$after") | grep '^[<>]' | sed 's/^/    /' >&2 || true
fi
echo "run-all: summary in $summary" >&2
