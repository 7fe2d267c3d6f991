#!/bin/sh
# Chapter 5 (cgroups): limit, prioritise, account and freeze with nothing but
# mkdir, echo and cat in the cgroup filesystem, on cgroup v2 or on v1 (the
# script finds out which one the machine mounts). Needs root. Shown in the
# chapter by its tagged regions, which spell every path out so that they can be
# pasted as they are; run as a whole by the course-material test
# CourseDemosTest (tagged kernel), which expects exit 0: the script checks
# itself and leaves no cgroup and no process behind.
set -eu
fail() { echo "cgroups: $*" >&2; exit 1; }
dir=$(mktemp -d /tmp/jlab-demo.XXXXXX)
# Every cgroup this script may make, children first; removed (after killing what is inside) whatever happens.
groups="/sys/fs/cgroup/jlab-demo/light /sys/fs/cgroup/jlab-demo/heavy /sys/fs/cgroup/jlab-demo
  /sys/fs/cgroup/memory/jlab-demo /sys/fs/cgroup/pids/jlab-demo
  /sys/fs/cgroup/cpu/jlab-demo/light /sys/fs/cgroup/cpu/jlab-demo/heavy /sys/fs/cgroup/cpu/jlab-demo
  /sys/fs/cgroup/cpuacct/jlab-demo/light /sys/fs/cgroup/cpuacct/jlab-demo/heavy /sys/fs/cgroup/cpuacct/jlab-demo
  /sys/fs/cgroup/freezer/jlab-demo"
cleanup() {
    for g in $groups; do
        [ -d "$g" ] || continue
        [ ! -f "$g/freezer.state" ] || echo THAWED > "$g/freezer.state"
        [ ! -f "$g/cgroup.freeze" ] || echo 0 > "$g/cgroup.freeze"
        for pid in $(cat "$g/cgroup.procs"); do kill -9 "$pid" 2>/dev/null || true; done
    done
    for g in $groups; do
        # A cgroup can be removed once its last process is gone: poll, a killed process takes a moment to go.
        for _ in $(seq 50); do [ ! -d "$g" ] || rmdir "$g" 2>/dev/null || { sleep 0.1; continue; }; break; done
    done
    rm -rf "$dir"
}
trap cleanup EXIT
# Waits until a cgroup holds no process (the sleeps of an experiment, once killed).
empty() { for _ in $(seq 100); do [ -n "$(cat "$1/cgroup.procs")" ] || return 0; sleep 0.1; done; fail "$1 still holds processes"; }

# Which version? cgroup2fs at /sys/fs/cgroup: v2 only. A tmpfs there: v1
# (maybe with a v2 tree beside it, at /sys/fs/cgroup/unified, without controllers).
# tag::version[]
stat -fc %T /sys/fs/cgroup
grep cgroup /proc/self/mountinfo | cut -d' ' -f5,9
# end::version[]
if [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then v=2; else v=1; fi

# A cgroup is a directory: the kernel fills it with its files. In v2 a
# controller must be enabled in the parent's cgroup.subtree_control first
# (systemd usually has done it for the root already).
if [ $v = 2 ]; then
# tag::make-v2[]
cat /sys/fs/cgroup/cgroup.subtree_control
echo "+memory +pids +cpu" > /sys/fs/cgroup/cgroup.subtree_control
mkdir /sys/fs/cgroup/jlab-demo
ls /sys/fs/cgroup/jlab-demo
# end::make-v2[]
else
mkdir /sys/fs/cgroup/memory/jlab-demo /sys/fs/cgroup/pids/jlab-demo /sys/fs/cgroup/freezer/jlab-demo
mkdir -p /sys/fs/cgroup/cpu/jlab-demo /sys/fs/cgroup/cpuacct/jlab-demo   # the same directory where cpu,cpuacct are mounted together
fi

# Limiting memory: a shell that moves itself into a 32 MiB cgroup, then
# tries to hold a 64 MiB string, is killed by the OOM killer (status 137 =
# 128 + SIGKILL). Swap is forbidden too, or the kernel would swap instead.
if [ $v = 2 ]; then
# tag::memory-v2[]
echo 32M > /sys/fs/cgroup/jlab-demo/memory.max
echo 0 > /sys/fs/cgroup/jlab-demo/memory.swap.max
sh -c 'echo $$ > /sys/fs/cgroup/jlab-demo/cgroup.procs; x=$(head -c 64m /dev/zero | tr "\0" a)' || echo "status $?"
cat /sys/fs/cgroup/jlab-demo/memory.peak
grep oom_kill /sys/fs/cgroup/jlab-demo/memory.events
# end::memory-v2[]
kills=$(awk '/^oom_kill /{print $2}' /sys/fs/cgroup/jlab-demo/memory.events)
else
# tag::memory-v1[]
echo 32M > /sys/fs/cgroup/memory/jlab-demo/memory.limit_in_bytes
[ ! -e /sys/fs/cgroup/memory/jlab-demo/memory.memsw.limit_in_bytes ] || echo 32M > /sys/fs/cgroup/memory/jlab-demo/memory.memsw.limit_in_bytes
sh -c 'echo $$ > /sys/fs/cgroup/memory/jlab-demo/cgroup.procs; x=$(head -c 64m /dev/zero | tr "\0" a)' || echo "status $?"
cat /sys/fs/cgroup/memory/jlab-demo/memory.max_usage_in_bytes
grep oom_kill /sys/fs/cgroup/memory/jlab-demo/memory.oom_control
# end::memory-v1[]
kills=$(awk '/^oom_kill /{print $2}' /sys/fs/cgroup/memory/jlab-demo/memory.oom_control)
fi
[ "$kills" -ge 1 ] || fail "the memory hog was not OOM-killed"

# Limiting processes: with pids.max at 5, the sixth fork fails (EAGAIN) and
# the shell gives up; the kernel counts the refusals in pids.events.
if [ $v = 2 ]; then
# tag::pids-v2[]
echo 5 > /sys/fs/cgroup/jlab-demo/pids.max
sh -c 'echo $$ > /sys/fs/cgroup/jlab-demo/cgroup.procs; for i in 1 2 3 4 5 6; do sleep 5 & done; wait' || echo "status $?"
cat /sys/fs/cgroup/jlab-demo/pids.current /sys/fs/cgroup/jlab-demo/pids.events
# end::pids-v2[]
pids=/sys/fs/cgroup/jlab-demo
else
# tag::pids-v1[]
echo 5 > /sys/fs/cgroup/pids/jlab-demo/pids.max
sh -c 'echo $$ > /sys/fs/cgroup/pids/jlab-demo/cgroup.procs; for i in 1 2 3 4 5 6; do sleep 5 & done; wait' || echo "status $?"
cat /sys/fs/cgroup/pids/jlab-demo/pids.current /sys/fs/cgroup/pids/jlab-demo/pids.events
# end::pids-v1[]
pids=/sys/fs/cgroup/pids/jlab-demo
fi
grep -q '^max [1-9]' $pids/pids.events || fail "no fork was refused"
# The sleeps are no longer needed (in v2 the next experiments use the same cgroup): end them, lift the limit.
for pid in $(cat $pids/cgroup.procs); do kill "$pid"; done
empty $pids
echo max > $pids/pids.max

# Limiting CPU: a quota of 20 ms per 100 ms period is a fifth of one CPU. A
# busy loop for 2 s then gets about 0.4 s, and cpu.stat counts the periods
# in which it was throttled.
if [ $v = 2 ]; then
# tag::cpu-v2[]
echo "20000 100000" > /sys/fs/cgroup/jlab-demo/cpu.max
sh -c 'echo $$ > /sys/fs/cgroup/jlab-demo/cgroup.procs; timeout 2 sh -c "while :; do :; done"' || true
cat /sys/fs/cgroup/jlab-demo/cpu.stat
# end::cpu-v2[]
used_us=$(awk '/^usage_usec /{print $2}' /sys/fs/cgroup/jlab-demo/cpu.stat)
else
# tag::cpu-v1[]
echo 20000 > /sys/fs/cgroup/cpu/jlab-demo/cpu.cfs_quota_us
sh -c 'echo $$ > /sys/fs/cgroup/cpu/jlab-demo/cgroup.procs; echo $$ > /sys/fs/cgroup/cpuacct/jlab-demo/cgroup.procs; timeout 2 sh -c "while :; do :; done"' || true
cat /sys/fs/cgroup/cpu/jlab-demo/cpu.cfs_period_us /sys/fs/cgroup/cpuacct/jlab-demo/cpuacct.usage /sys/fs/cgroup/cpu/jlab-demo/cpu.stat
# end::cpu-v1[]
used_us=$(( $(cat /sys/fs/cgroup/cpuacct/jlab-demo/cpuacct.usage) / 1000 ))
fi
echo "2 s of busy loop got $((used_us / 1000)) ms of CPU"
[ "$used_us" -lt 1500000 ] || fail "the quota did not hold the loop back ($used_us µs)"

# Prioritising: two busy loops on the same CPU (taskset -c 0), in sibling
# cgroups weighted 4 to 1. Weights only matter when they compete: then the
# heavy one gets about four times the light one's share.
if [ $v = 2 ]; then
# tag::weight-v2[]
echo max > /sys/fs/cgroup/jlab-demo/cpu.max
echo "+cpu" > /sys/fs/cgroup/jlab-demo/cgroup.subtree_control
mkdir /sys/fs/cgroup/jlab-demo/heavy /sys/fs/cgroup/jlab-demo/light
echo 400 > /sys/fs/cgroup/jlab-demo/heavy/cpu.weight
echo 100 > /sys/fs/cgroup/jlab-demo/light/cpu.weight
for g in heavy light; do sh -c "echo \$\$ > /sys/fs/cgroup/jlab-demo/$g/cgroup.procs; exec timeout 3 taskset -c 0 sh -c 'while :; do :; done'" & done; wait || true
grep usage_usec /sys/fs/cgroup/jlab-demo/heavy/cpu.stat /sys/fs/cgroup/jlab-demo/light/cpu.stat
# end::weight-v2[]
heavy=$(awk '/^usage_usec /{print $2}' /sys/fs/cgroup/jlab-demo/heavy/cpu.stat)
light=$(awk '/^usage_usec /{print $2}' /sys/fs/cgroup/jlab-demo/light/cpu.stat)
else
# tag::weight-v1[]
echo -1 > /sys/fs/cgroup/cpu/jlab-demo/cpu.cfs_quota_us
mkdir /sys/fs/cgroup/cpu/jlab-demo/heavy /sys/fs/cgroup/cpu/jlab-demo/light
mkdir -p /sys/fs/cgroup/cpuacct/jlab-demo/heavy /sys/fs/cgroup/cpuacct/jlab-demo/light
echo 4096 > /sys/fs/cgroup/cpu/jlab-demo/heavy/cpu.shares
echo 1024 > /sys/fs/cgroup/cpu/jlab-demo/light/cpu.shares
for g in heavy light; do sh -c "echo \$\$ > /sys/fs/cgroup/cpu/jlab-demo/$g/cgroup.procs; echo \$\$ > /sys/fs/cgroup/cpuacct/jlab-demo/$g/cgroup.procs; exec timeout 3 taskset -c 0 sh -c 'while :; do :; done'" & done; wait || true
cat /sys/fs/cgroup/cpuacct/jlab-demo/heavy/cpuacct.usage /sys/fs/cgroup/cpuacct/jlab-demo/light/cpuacct.usage
# end::weight-v1[]
heavy=$(cat /sys/fs/cgroup/cpuacct/jlab-demo/heavy/cpuacct.usage)
light=$(cat /sys/fs/cgroup/cpuacct/jlab-demo/light/cpuacct.usage)
fi
echo "on one CPU, weight 4 got $heavy and weight 1 got $light (ratio $(( heavy / (light + 1) )))"
[ "$heavy" -gt "$light" ] || fail "the heavier cgroup did not get more CPU"

# Freezing: every process of the cgroup stops at once, wherever it is, and
# goes on later as if nothing happened; a counter written every tenth of a
# second shows it. (In v2 the counter goes into light: a cgroup with
# children cannot hold a process itself; freezing jlab-demo freezes its
# whole subtree.)
if [ $v = 2 ]; then frz=/sys/fs/cgroup/jlab-demo/light; else frz=/sys/fs/cgroup/freezer/jlab-demo; fi
sh -c "echo \$\$ > $frz/cgroup.procs; i=0; while sleep 0.1; do i=\$((i+1)); echo \$i > $dir/count; done" &
counter=$!
until [ -s "$dir/count" ]; do sleep 0.1; done
if [ $v = 2 ]; then
# tag::freeze-v2[]
echo 1 > /sys/fs/cgroup/jlab-demo/cgroup.freeze
grep frozen /sys/fs/cgroup/jlab-demo/cgroup.events
# end::freeze-v2[]
until grep -qx 'frozen 1' /sys/fs/cgroup/jlab-demo/cgroup.events; do sleep 0.1; done
else
# tag::freeze-v1[]
echo FROZEN > /sys/fs/cgroup/freezer/jlab-demo/freezer.state
cat /sys/fs/cgroup/freezer/jlab-demo/freezer.state
# end::freeze-v1[]
until grep -qx FROZEN /sys/fs/cgroup/freezer/jlab-demo/freezer.state; do sleep 0.1; done
fi
# Here the sleep is the experiment, not a wait: one second passes, the counter must not move.
# tag::frozen[]
a=$(cat $dir/count); sleep 1; b=$(cat $dir/count)
echo "frozen: the counter went from $a to $b in one second"
# end::frozen[]
[ "$a" = "$b" ] || fail "the counter moved while frozen"
if [ $v = 2 ]; then
# tag::thaw-v2[]
echo 0 > /sys/fs/cgroup/jlab-demo/cgroup.freeze
# end::thaw-v2[]
else
# tag::thaw-v1[]
echo THAWED > /sys/fs/cgroup/freezer/jlab-demo/freezer.state
# end::thaw-v1[]
fi
for _ in $(seq 100); do [ "$(cat $dir/count)" != "$b" ] && break; sleep 0.1; done
echo "thawed: the counter is at $(cat $dir/count)"
[ "$(cat $dir/count)" != "$b" ] || fail "the counter did not start again"
kill "$counter"
echo "cgroups: ok"
