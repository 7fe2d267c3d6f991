#!/bin/sh
# Chapter 9 (using-containers): what --pid=host and --privileged take away,
# with unshare and nsenter alone. A "container" with its own mount and UTS
# namespaces (hostname box) but the host's PID namespace and every capability
# of root: it sees the host's processes, and enters their namespaces. Needs
# root and util-linux. Shown in the chapter by its tagged regions; run as a
# whole by CourseDemosTest (tagged kernel), which expects exit 0: the script
# checks itself. It changes nothing on the host: the hostname is set inside a
# UTS namespace of its own, which vanishes with its last process.
set -eu

# With its own PID namespace (what every container gets), ps sees only its own: sh, ps and wc (and the header line).
# tag::own-pid[]
unshare --pid --fork --mount --mount-proc sh -c 'ps -e | wc -l'
# end::own-pid[]
test "$(unshare --pid --fork --mount --mount-proc sh -c 'ps -e | wc -l')" -le 5

# --pid=host: no PID namespace. Every process of the host is there, and root may signal it.
# tag::pid-host[]
unshare --mount --uts sh -c 'ps -e | wc -l'
# end::pid-host[]
test "$(unshare --mount --uts sh -c 'ps -e | wc -l')" -gt 5

# --pid=host --privileged: with the capabilities to use setns(2), the "container"
# walks into the namespaces of a host process, here this script's own shell ($$).
# tag::escape[]
unshare --mount --uts sh -c "hostname box; hostname; nsenter --target $$ --uts --mount hostname"
# end::escape[]
test "$(unshare --mount --uts sh -c "hostname box; nsenter --target $$ --uts hostname")" = "$(hostname)"
test "$(hostname)" != box

# A privileged process keeps root's capabilities: compare with a container's
# 14 (CapEff 00000000a80425fb, which the chapter's jlab session prints).
# tag::caps[]
grep CapEff /proc/self/status
# end::caps[]
test "$(grep CapEff /proc/self/status)" != "$(printf 'CapEff:\t00000000a80425fb')"
echo "dangerous-flags: ok"
