#!/bin/sh
# Chapter 4 (namespaces): each namespace made with the plain Linux tools
# (unshare, nsenter, ip, mount, hostname, ipcmk), and what to look at in /proc.
# Needs root and util-linux. Shown in the chapter by its tagged regions; run as
# a whole by the course-material test CourseDemosTest (tagged kernel), which
# expects exit 0: the script checks itself and leaves nothing behind.
set -eu
fail() { echo "namespaces: $*" >&2; exit 1; }
dir=""
queue=""
# Undo everything, whatever happens: the host's message queue, the cgroup, the directory.
trap '[ -z "$queue" ] || ipcrm -q "$queue" 2>/dev/null || true
      rmdir /sys/fs/cgroup/pids/jlab-demo-ns /sys/fs/cgroup/jlab-demo-ns 2>/dev/null || true
      [ -z "$dir" ] || rm -rf "$dir"' EXIT

# A namespace is known by the inode of its /proc/PID/ns link: two processes
# are in the same one when the numbers are equal.
# tag::look[]
ls -l /proc/$$/ns
readlink /proc/self/ns/uts
unshare --uts readlink /proc/self/ns/uts
# end::look[]
test "$(readlink /proc/self/ns/uts)" != "$(unshare --uts readlink /proc/self/ns/uts)"

# mount: a tmpfs mounted in a new mount namespace; the host's table never has it.
# tag::mnt[]
dir=$(mktemp -d /tmp/jlab-demo.XXXXXX)
unshare --mount sh -c "mount -t tmpfs jlab-demo $dir && findmnt $dir && touch $dir/inside"
findmnt "$dir" || echo "the host sees no mount at $dir"
ls "$dir"
# end::mnt[]
test -z "$(ls "$dir")" || fail "the file made inside is on the host"
! findmnt "$dir" >/dev/null || fail "the host sees the namespace's mount"

# uts: the hostname changes in the namespace only.
# tag::uts[]
unshare --uts sh -c 'hostname jlab-demo && hostname'
hostname
# end::uts[]
test "$(unshare --uts sh -c 'hostname jlab-demo && hostname')" = jlab-demo
test "$(hostname)" != jlab-demo

# ipc: a System V message queue of the host is not visible from a new IPC namespace.
# tag::ipc[]
queue=$(ipcmk -Q | awk '{print $NF}')
ipcs -q -i "$queue"
unshare --ipc ipcs -q
# end::ipc[]
ipcs -q | grep -qw "$queue"
! unshare --ipc ipcs -q | grep -qw "$queue" || fail "the new IPC namespace sees the host's queue"
ipcrm -q "$queue"; queue=""

# pid: without --fork the first child would be PID 1; with --mount-proc,
# ps reads a /proc of the new namespace and sees two processes.
# tag::pid[]
unshare --pid --fork --mount-proc sh -c 'echo "my pid: $$"; grep NSpid /proc/self/status; ps -e'
# end::pid[]
test "$(unshare --pid --fork --mount-proc sh -c 'echo $$')" = 1 || fail "the first process is not PID 1"

# net: a new network namespace has one link, lo, down.
# tag::net[]
unshare --net ip -brief link
unshare --net sh -c 'ip link set lo up && ip -brief addr'
# end::net[]
test "$(unshare --net ip -brief link | wc -l)" = 1 || fail "a new network namespace has more than lo"

# user: an unprivileged user becomes uid 0 in its own user namespace, and
# its capabilities count only there: the host's hostname stays out of reach.
# tag::user[]
runuser -u nobody -- unshare --user --map-root-user sh -c 'id -u; cat /proc/self/uid_map; hostname jlab-demo || echo refused'
runuser -u nobody -- unshare --user --map-root-user --uts sh -c 'hostname jlab-demo && hostname'
# end::user[]
# hostname is refused in the first line: the UTS namespace belongs to the host's user namespace.
! runuser -u nobody -- unshare --user --map-root-user hostname jlab-demo 2>/dev/null || fail "root of a user namespace renamed the host"
test "$(runuser -u nobody -- unshare --user --map-root-user --uts sh -c 'hostname jlab-demo && hostname')" = jlab-demo

# cgroup: a process put in a cgroup, then in a new cgroup namespace, sees that
# cgroup as "/". cgroup v2 has one tree; with v1 we use the pids hierarchy.
if [ -e /sys/fs/cgroup/cgroup.controllers ]; then
# tag::cgroup-v2[]
mkdir /sys/fs/cgroup/jlab-demo-ns
sh -c 'echo $$ > /sys/fs/cgroup/jlab-demo-ns/cgroup.procs; cat /proc/self/cgroup; unshare --cgroup cat /proc/self/cgroup'
# end::cgroup-v2[]
# Outside, the shell's cgroup is /jlab-demo-ns; inside the new cgroup namespace, it is the root.
seen=$(sh -c 'echo $$ > /sys/fs/cgroup/jlab-demo-ns/cgroup.procs; cat /proc/self/cgroup; unshare --cgroup cat /proc/self/cgroup' | cut -d: -f3 | tr '\n' ' ')
[ "$seen" = "/jlab-demo-ns / " ] || fail "outside then inside the cgroup namespace, expected /jlab-demo-ns then /, saw: $seen"
rmdir /sys/fs/cgroup/jlab-demo-ns
else
# tag::cgroup-v1[]
mkdir /sys/fs/cgroup/pids/jlab-demo-ns
sh -c 'echo $$ > /sys/fs/cgroup/pids/jlab-demo-ns/cgroup.procs; grep pids /proc/self/cgroup; unshare --cgroup grep pids /proc/self/cgroup'
# end::cgroup-v1[]
# Outside, the shell's cgroup is /jlab-demo-ns; inside the new cgroup namespace, it is the root.
seen=$(sh -c 'echo $$ > /sys/fs/cgroup/pids/jlab-demo-ns/cgroup.procs; grep pids /proc/self/cgroup; unshare --cgroup grep pids /proc/self/cgroup' | cut -d: -f3 | tr '\n' ' ')
[ "$seen" = "/jlab-demo-ns / " ] || fail "outside then inside the cgroup namespace, expected /jlab-demo-ns then /, saw: $seen"
rmdir /sys/fs/cgroup/pids/jlab-demo-ns
fi
echo "namespaces: ok"
