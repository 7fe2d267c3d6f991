#!/bin/sh
# Chapter 5 (cgroups): limit, prioritise, account and freeze with nothing but
# mkdir, echo and cat in the cgroup filesystem, on cgroup v2 or on v1 (the
# script finds out which one the machine mounts). Needs root. Shown in the
# chapter by its tagged regions; run as a whole by the course-material test
# CourseDemosTest (tagged kernel), which expects exit 0: the script checks
# itself and leaves no cgroup and no process behind.
set -eu
fail() { echo "cgroups: $*" >&2; exit 1; }
dir=$(mktemp -d /tmp/jlab-demo.XXXXXX)
V2=/sys/fs/cgroup/jlab-demo
V1=/sys/fs/cgroup
# Every cgroup this script may make; removed (after killing what is inside) whatever happens.
groups="$V2/light $V2/heavy $V2 $V1/memory/jlab-demo $V1/pids/jlab-demo $V1/cpu/jlab-demo/light
  $V1/cpu/jlab-demo/heavy $V1/cpu/jlab-demo $V1/cpuacct/jlab-demo/light $V1/cpuacct/jlab-demo/heavy
  $V1/cpuacct/jlab-demo $V1/freezer/jlab-demo"
cleanup() {
    for g in $groups; do
        [ -d "$g" ] || continue
        [ -f "$g/freezer.state" ] && echo THAWED > "$g/freezer.state"
        [ -f "$g/cgroup.freeze" ] && echo 0 > "$g/cgroup.freeze"
        for pid in $(cat "$g/cgroup.procs"); do kill -9 "$pid" 2>/dev/null || true; done
    done
    for g in $groups; do
        # A cgroup can be removed once its last process is gone: poll, a killed process takes a moment.
        for _ in $(seq 50); do [ ! -d "$g" ] || rmdir "$g" 2>/dev/null || { sleep 0.1; continue; }; break; done
    done
    rm -rf "$dir"
}
trap cleanup EXIT

# Which version? cgroup2fs at /sys/fs/cgroup: v2 only. A tmpfs there: v1
# (maybe with a v2 tree beside it, at /sys/fs/cgroup/unified, without controllers).
# tag::version[]
stat -fc %T /sys/fs/cgroup
grep cgroup /proc/self/mountinfo | cut -d' ' -f5,9
# end::version[]
if [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then v=2; else v=1; fi

# A cgroup is a directory: the kernel fills it with its files. In v2 a
# controller must be enabled in the parent's cgroup.subtree_control first.
if [ $v = 2 ]; then
# tag::make-v2[]
cat /sys/fs/cgroup/cgroup.subtree_control
echo "+memory +pids +cpu" > /sys/fs/cgroup/cgroup.subtree_control
mkdir /sys/fs/cgroup/jlab-demo
ls /sys/fs/cgroup/jlab-demo
# end::make-v2[]
fi

# Limiting memory: a process that wants 64 MiB in a 32 MiB cgroup is killed
# by the OOM killer (status 137 = 128 + SIGKILL); swap is forbidden too, or
# the kernel would swap instead of killing.
hog='x=$(head -c 64m /dev/zero | tr "\0" a)'
if [ $v = 2 ]; then
# tag::memory-v2[]
echo 32M > $V2/memory.max
echo 0 > $V2/memory.swap.max
sh -c "echo \$\$ > $V2/cgroup.procs; exec sh -c '$hog'" || echo "status $?"
cat $V2/memory.peak
grep oom_kill $V2/memory.events
# end::memory-v2[]
kills=$(awk '/^oom_kill /{print $2}' $V2/memory.events)
else
# tag::memory-v1[]
mkdir $V1/memory/jlab-demo
echo 32M > $V1/memory/jlab-demo/memory.limit_in_bytes
echo 32M > $V1/memory/jlab-demo/memory.memsw.limit_in_bytes 2>/dev/null || true
sh -c "echo \$\$ > $V1/memory/jlab-demo/cgroup.procs; exec sh -c '$hog'" || echo "status $?"
cat $V1/memory/jlab-demo/memory.max_usage_in_bytes
grep oom_kill $V1/memory/jlab-demo/memory.oom_control
# end::memory-v1[]
kills=$(awk '/^oom_kill /{print $2}' $V1/memory/jlab-demo/memory.oom_control)
fi
[ "$kills" -ge 1 ] || fail "the memory hog was not OOM-killed"

# Limiting processes: with pids.max at 5, the sixth fork fails (EAGAIN) and
# the shell gives up; the kernel counts the refusals.
if [ $v = 2 ]; then pids=$V2; else mkdir $V1/pids/jlab-demo; pids=$V1/pids/jlab-demo; fi
# tag::pids[]
echo 5 > $pids/pids.max
sh -c "echo \$\$ > $pids/cgroup.procs; for i in 1 2 3 4 5 6; do sleep 5 & done; wait" || echo "status $?"
cat $pids/pids.current $pids/pids.events
# end::pids[]
grep -q '^max [1-9]' $pids/pids.events || fail "no fork was refused"
# The sleeps are no longer needed (in v2 the next experiments use the same cgroup): end them, lift the limit.
for pid in $(cat $pids/cgroup.procs); do kill "$pid"; done
until [ -z "$(cat $pids/cgroup.procs)" ]; do sleep 0.1; done
echo max > $pids/pids.max

# Limiting CPU: a quota of 20 ms per 100 ms period is a fifth of one CPU. A
# busy loop for 2 s then gets about 0.4 s, and cpu.stat counts the periods
# in which it was throttled.
busy='while :; do :; done'
if [ $v = 2 ]; then
# tag::cpu-v2[]
echo "20000 100000" > $V2/cpu.max
sh -c "echo \$\$ > $V2/cgroup.procs; timeout 2 sh -c '$busy'" || true
cat $V2/cpu.stat
# end::cpu-v2[]
used_us=$(awk '/^usage_usec /{print $2}' $V2/cpu.stat)
else
# tag::cpu-v1[]
mkdir -p $V1/cpu/jlab-demo $V1/cpuacct/jlab-demo
echo 100000 > $V1/cpu/jlab-demo/cpu.cfs_period_us
echo 20000 > $V1/cpu/jlab-demo/cpu.cfs_quota_us
sh -c "echo \$\$ > $V1/cpu/jlab-demo/cgroup.procs; echo \$\$ > $V1/cpuacct/jlab-demo/cgroup.procs
       timeout 2 sh -c '$busy'" || true
cat $V1/cpuacct/jlab-demo/cpuacct.usage $V1/cpu/jlab-demo/cpu.stat
# end::cpu-v1[]
used_us=$(( $(cat $V1/cpuacct/jlab-demo/cpuacct.usage) / 1000 ))
fi
echo "2 s of busy loop got $((used_us / 1000)) ms of CPU"
[ "$used_us" -lt 1500000 ] || fail "the quota did not hold the loop back ($used_us µs)"

# Prioritising: two busy loops on the same CPU, in sibling cgroups weighted
# 4 to 1. Weights only matter when they compete: then the heavy one gets
# about four times the light one's share.
if [ $v = 2 ]; then
# tag::weight-v2[]
echo "+cpu" > $V2/cgroup.subtree_control
echo max > $V2/cpu.max
mkdir $V2/heavy $V2/light
echo 400 > $V2/heavy/cpu.weight
echo 100 > $V2/light/cpu.weight
for g in heavy light; do
    sh -c "echo \$\$ > $V2/$g/cgroup.procs; exec timeout 3 taskset -c 0 sh -c '$busy'" &
done
wait || true
grep usage_usec $V2/heavy/cpu.stat $V2/light/cpu.stat
# end::weight-v2[]
heavy=$(awk '/^usage_usec /{print $2}' $V2/heavy/cpu.stat); light=$(awk '/^usage_usec /{print $2}' $V2/light/cpu.stat)
else
# tag::weight-v1[]
echo -1 > $V1/cpu/jlab-demo/cpu.cfs_quota_us
mkdir -p $V1/cpu/jlab-demo/heavy $V1/cpu/jlab-demo/light $V1/cpuacct/jlab-demo/heavy $V1/cpuacct/jlab-demo/light
echo 4096 > $V1/cpu/jlab-demo/heavy/cpu.shares
echo 1024 > $V1/cpu/jlab-demo/light/cpu.shares
for g in heavy light; do
    sh -c "echo \$\$ > $V1/cpu/jlab-demo/$g/cgroup.procs; echo \$\$ > $V1/cpuacct/jlab-demo/$g/cgroup.procs
           exec timeout 3 taskset -c 0 sh -c '$busy'" &
done
wait || true
cat $V1/cpuacct/jlab-demo/heavy/cpuacct.usage $V1/cpuacct/jlab-demo/light/cpuacct.usage
# end::weight-v1[]
heavy=$(cat $V1/cpuacct/jlab-demo/heavy/cpuacct.usage); light=$(cat $V1/cpuacct/jlab-demo/light/cpuacct.usage)
fi
echo "on one CPU, weight 4 got $heavy and weight 1 got $light (ratio $(( heavy / (light + 1) )))"
[ "$heavy" -gt "$light" ] || fail "the heavier cgroup did not get more CPU"

# Freezing: every process of the cgroup stops at once, wherever it is, and
# goes on later as if nothing happened; a counter shows it.
# (In v2 the counter goes into light: a cgroup with children cannot hold a
# process itself; freezing jlab-demo freezes its whole subtree.)
if [ $v = 2 ]; then frz=$V2/light; else mkdir $V1/freezer/jlab-demo; frz=$V1/freezer/jlab-demo; fi
sh -c "echo \$\$ > $frz/cgroup.procs; i=0; while sleep 0.1; do i=\$((i+1)); echo \$i > $dir/count; done" &
counter=$!
until [ -s "$dir/count" ]; do sleep 0.1; done
if [ $v = 2 ]; then
# tag::freeze-v2[]
echo 1 > $V2/cgroup.freeze
grep frozen $V2/cgroup.events
# end::freeze-v2[]
until grep -qx 'frozen 1' $V2/cgroup.events; do sleep 0.1; done
else
# tag::freeze-v1[]
echo FROZEN > $V1/freezer/jlab-demo/freezer.state
cat $V1/freezer/jlab-demo/freezer.state
# end::freeze-v1[]
until grep -qx FROZEN $V1/freezer/jlab-demo/freezer.state; do sleep 0.1; done
fi
# tag::frozen[]
a=$(cat $dir/count); sleep 1; b=$(cat $dir/count)
echo "frozen: the counter went from $a to $b in one second"
# end::frozen[]
[ "$a" = "$b" ] || fail "the counter moved while frozen"
if [ $v = 2 ]; then
# tag::thaw-v2[]
echo 0 > $V2/cgroup.freeze
# end::thaw-v2[]
else
# tag::thaw-v1[]
echo THAWED > $V1/freezer/jlab-demo/freezer.state
# end::thaw-v1[]
fi
for _ in $(seq 100); do [ "$(cat $dir/count)" != "$b" ] && break; sleep 0.1; done
echo "thawed: the counter is at $(cat $dir/count)"
[ "$(cat $dir/count)" != "$b" ] || fail "the counter did not start again"
kill "$counter"
echo "cgroups: ok"
