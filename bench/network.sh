#!/usr/bin/env bash
# Per-container cost on the default bridge network, inside one long-lived jlab,
# beside crun with the same cgroup limits and a veth made by a netlink hook
# (createRuntime: ip link add ... type veth peer name eth0 netns ...; poststop:
# ip link del), measured side by side in the same run. A thin wrapper around
# per-container.sh (see it for N1, N2, REPS, WARMUP, HF_RUNS).
#
#   bench/network.sh            (as root)
#
# What each side does per container: jlab makes a veth whose peer is born in the
# container's namespace, plugs it into jlab0, gives eth0 an address and a default
# route, writes and bind-mounts /etc/hosts and /etc/resolv.conf (the bridge and its
# NAT rules exist already); crun's hook makes the veth only.
here=$(cd "$(dirname "$0")" && pwd)
export JLAB_LINE=${JLAB_LINE:-run --rm --network bridge --memory 64m --pids-limit 64 --cpus 1 busybox /bin/true}
export PEERS=${PEERS:-crun-veth crun}
export HF_RUNS=${HF_RUNS:-0}
export JLAB_STATE_DIR=${JLAB_STATE_DIR:-/tmp/jlab-bench-network}
exec "$here/per-container.sh" "$@"
