# shellcheck shell=bash
# Shared code for the jlab benchmark scripts. Source it, don't run it.
#
# What it gives:
#   bench_init NAME          checks deps, makes $BENCH_TMP, snapshots the host,
#                            installs the cleanup trap (EXIT, INT, TERM, HUP)
#   bench_cgroup_layout      prints unified | hybrid | legacy
#   bench_crun_ns CMD...     runs CMD where crun can work (hybrid: in a private
#                            mount namespace with /sys/fs/cgroup/unified unmounted)
#   bench_make_rootfs DIR    a busybox root file system (static busybox + applet links)
#   bench_make_bundle ...    an OCI bundle (crun spec, then edited by benchlib.py)
#   bench_bg CMD...          runs CMD as a child the cleanup trap can stop, waits for it
#   bench_now_us             wall clock in microseconds, without a fork
#
# Everything the scripts make lives under $BENCH_TMP, in cgroups under
# /jlab-bench-$$ (every hierarchy), in containers named jb-*-$$ and in links
# named jbv*: the cleanup finds and removes exactly those.

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results}
BENCHLIB_PY="$BENCH_DIR/benchlib.py"
BENCH_TAG=$$                       # makes every name this run creates unique
BENCH_CG_PARENT="jlab-bench-$BENCH_TAG"
BENCH_TMP=""
BENCH_CHILD=""
BENCH_NAME=${BENCH_NAME:-bench}
BENCH_CLEANED=0
BENCH_BUSYBOX=${BENCH_BUSYBOX:-/bin/busybox}
BENCH_EXTRA_CG_PARENTS=()          # cgroup dirs a peer makes on its own (podman's libpod_parent)
BENCH_RUNTIME_ROOTS=()             # /run/crun, /run/runc: removed at the end if this run made them

bench_msg() { printf '%s: %s\n' "$BENCH_NAME" "$*" >&2; }
bench_die() { bench_msg "error: $*"; exit 1; }

# bench_need COMMAND DEBIAN_PACKAGE: install the package when root (unless
# BENCH_INSTALL=0), otherwise stop with the command to type.
bench_need() {
    local cmd=$1 pkg=$2
    command -v "$cmd" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && [ "${BENCH_INSTALL:-1}" != 0 ]; then
        bench_msg "$cmd missing: installing Debian package $pkg (set BENCH_INSTALL=0 to refuse)"
        if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >&2; then
            apt-get update -q >&2 || true
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >&2 ||
                bench_die "$cmd missing and 'apt-get install -y $pkg' failed"
        fi
        command -v "$cmd" >/dev/null 2>&1 || bench_die "$cmd still missing after installing $pkg"
    else
        bench_die "$cmd missing: apt-get install -y $pkg"
    fi
}

bench_check_deps() {
    [ "$(id -u)" = 0 ] || bench_die "run as root: containers with cgroups need it"
    [ "${BASH_VERSINFO[0]}" -ge 5 ] || bench_die "bash 5 or later needed (EPOCHREALTIME)"
    bench_need unshare util-linux
    bench_need python3 python3
    bench_need ip iproute2
    bench_need crun crun
    bench_need runc runc
    bench_need hyperfine hyperfine
    if [ ! -x "$BENCH_BUSYBOX" ]; then
        bench_need busybox busybox-static
        [ -x "$BENCH_BUSYBOX" ] || BENCH_BUSYBOX=$(command -v busybox)
    fi
    # A dynamically linked busybox can't run in a rootfs that has no libc.
    if LC_ALL=C ldd "$BENCH_BUSYBOX" >/dev/null 2>&1; then
        bench_die "$BENCH_BUSYBOX is dynamically linked: apt-get install -y busybox-static"
    fi
    grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null ||
        bench_die "no overlay file system in this kernel (modprobe overlay)"
}

# unified: /sys/fs/cgroup is cgroup2.  hybrid: v1 controllers plus a cgroup2 at
# /sys/fs/cgroup/unified.  legacy: v1 only.
bench_cgroup_layout() {
    local t
    t=$(stat -f -c %T /sys/fs/cgroup 2>/dev/null || echo none)
    case "$t" in
        cgroup2fs) echo unified ;;
        tmpfs)
            if [ "$(stat -f -c %T /sys/fs/cgroup/unified 2>/dev/null || echo none)" = cgroup2fs ]; then
                echo hybrid
            else
                echo legacy
            fi ;;
        *) echo "unknown($t)" ;;
    esac
}

# crun 1.8 refuses the hybrid layout ("cgroups in hybrid mode not supported").
# In a private mount namespace without the cgroup2 mount it sees plain v1; the
# mount namespace (and any mount made inside it) goes away with CMD.
bench_crun_ns() {
    if [ "$(bench_cgroup_layout)" = hybrid ]; then
        unshare -m --propagation private -- sh -c \
            'umount /sys/fs/cgroup/unified || exit 125; exec "$@"' bench-crun-ns "$@"
    else
        "$@"
    fi
}

bench_now_us() { local t=${EPOCHREALTIME//[!0-9]/}; echo "$t"; }

bench_today() { date +%Y-%m-%d; }

# --- host state --------------------------------------------------------------
bench_host_snapshot() {
    echo "# mounts"
    awk '{print $5, $9}' /proc/self/mountinfo | sort
    echo "# cgroups"
    find /sys/fs/cgroup -mindepth 1 -maxdepth 4 -type d 2>/dev/null | sort
    echo "# links"
    ip -o link show | awk -F': ' '{sub(/@.*/, "", $2); print $2}' | sort
    echo "# containers"
    { crun list -q 2>/dev/null; runc list -q 2>/dev/null; } | sort
}

# Prints what changed since bench_init and returns 1 if anything did.
bench_host_compare() {
    local now
    now=$(mktemp)
    bench_host_snapshot >"$now"
    if diff -q "$BENCH_TMP/host-before" "$now" >/dev/null; then
        bench_msg "host state as found: $(grep -c . /proc/self/mountinfo) mounts, no new cgroup, link or container"
        rm -f "$now"
        return 0
    fi
    local changes ours
    changes=$(diff "$BENCH_TMP/host-before" "$now" | grep '^[<>]' || true)
    rm -f "$now"
    # names this run makes: jlab-bench-TAG cgroups, jb-*-TAG containers, jbv*TAG links, $BENCH_TMP mounts
    ours=$(grep -E "jlab-bench-$BENCH_TAG|-$BENCH_TAG\$|^> jbv.*$BENCH_TAG\$|$BENCH_TMP|libpod_parent" <<<"$changes" || true)
    if [ -n "$ours" ]; then
        bench_msg "LEFT BEHIND by this run:"
        sed 's/^/    /' <<<"$ours" >&2
    fi
    if [ "$(grep -c . <<<"$changes")" != "$(grep -c . <<<"$ours")" ]; then
        bench_msg "host changes not made by this run (other users of this host), for the record:"
        grep -vxF -f <(printf '%s\n' "$ours") <<<"$changes" | sed 's/^/    /' >&2 || true
    fi
    [ -z "$ours" ] && bench_msg "nothing of this run left behind: $(grep -c . /proc/self/mountinfo) mounts on the host"
    [ -z "$ours" ]
}

# --- rootfs and bundles ------------------------------------------------------
bench_make_rootfs() {
    local dir=$1 a
    mkdir -p "$dir"/{bin,dev,proc,sys,tmp,etc,root,run}
    cp "$BENCH_BUSYBOX" "$dir/bin/busybox"
    # relative links, like `busybox --install -s` but valid inside the rootfs
    for a in $("$BENCH_BUSYBOX" --list); do
        [ -e "$dir/bin/$a" ] || ln -s busybox "$dir/bin/$a"
    done
    [ -e "$dir/bin/true" ] && [ -e "$dir/bin/sh" ] || bench_die "busybox has no true or sh applet"
    echo 'root:x:0:0:root:/root:/bin/sh' >"$dir/etc/passwd"
    echo 'root:x:0:' >"$dir/etc/group"
}

# bench_make_bundle DIR ROOT_PATH CGROUP_NAME [benchlib.py edit-spec options...]
# The same config.json serves crun and runc: same namespaces, limits, mounts.
bench_make_bundle() {
    local dir=$1 root=$2 cg=$3
    shift 3
    mkdir -p "$dir"
    rm -f "$dir/config.json"
    (cd "$dir" && crun spec)
    python3 "$BENCHLIB_PY" edit-spec "$dir/config.json" --root "$root" \
        --cgroups-path "/$BENCH_CG_PARENT/$cg" "$@"
}

# The createRuntime hook that gives a container a veth (host end NAME, the
# other end eth0 in the container's netns), and the poststop hook that deletes
# it if the netns teardown hasn't yet. The hook reads the OCI state on stdin.
bench_make_veth_hook() {
    local path=$1
    cat >"$path" <<'EOF'
#!/bin/sh
# OCI hook: veth add NAME (createRuntime) | veth del NAME (poststop);
# veth add-pid NAME | veth keep NAME: a link per container, left for the kernel to delete.
state=$(cat)
case "$1" in
add)
    pid=${state#*\"pid\":}
    pid=${pid%%[!0-9]*}
    [ -n "$pid" ] || { echo "veth hook: no pid in state: $state" >&2; exit 1; }
    exec ip link add "$2" type veth peer name eth0 netns "/proc/$pid/ns/net" ;;
add-pid)
    # a name per container (jv + its pid), as the old pair may not be gone yet when nothing deletes it
    pid=${state#*\"pid\":}
    pid=${pid%%[!0-9]*}
    [ -n "$pid" ] || { echo "veth hook: no pid in state: $state" >&2; exit 1; }
    exec ip link add "jv$pid" type veth peer name eth0 netns "/proc/$pid/ns/net" ;;
del)
    ip link del "$2" 2>/dev/null
    exit 0 ;;
keep)
    # poststop without deleting: the kernel removes the pair with the dead namespace
    exit 0 ;;
*)  echo "veth hook: add|del NAME" >&2; exit 2 ;;
esac
EOF
    chmod 755 "$path"
}

# --- children and cleanup ----------------------------------------------------
# Run a command in the background and wait, so a signal reaches our trap at
# once; the trap then stops this child (and its children) by pid.
bench_bg() {
    "$@" <&0 &
    BENCH_CHILD=$!
    local rc=0
    wait "$BENCH_CHILD" || rc=$?
    BENCH_CHILD=""
    return "$rc"
}

bench_kill_tree() {
    local pid=$1 c
    for c in $(ps -o pid= --ppid "$pid" 2>/dev/null); do bench_kill_tree "$c"; done
    kill -TERM "$pid" 2>/dev/null || true
}

bench_rm_cgroup_tree() {
    local top=$1 d p
    [ -d "$top" ] || return 0
    # kill what is still inside (only our containers run there), then rmdir bottom-up
    for d in $(find "$top" -depth -type d 2>/dev/null); do
        if [ -r "$d/cgroup.procs" ]; then
            for p in $(cat "$d/cgroup.procs" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
        fi
    done
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        find "$top" -depth -type d -exec rmdir {} \; 2>/dev/null || true
        [ -d "$top" ] || return 0
        sleep 0.2
    done
    bench_msg "warning: could not remove cgroup $top"
}

bench_cleanup() {
    local rc=$?
    [ "$BENCH_CLEANED" = 1 ] && return 0
    BENCH_CLEANED=1
    trap - INT TERM HUP
    set +e
    if [ -n "$BENCH_CHILD" ] && kill -0 "$BENCH_CHILD" 2>/dev/null; then
        bench_msg "stopping child $BENCH_CHILD"
        bench_kill_tree "$BENCH_CHILD"
        wait "$BENCH_CHILD" 2>/dev/null
    fi
    local id h m l d
    # containers of this run still known to a runtime
    for id in $(crun list -q 2>/dev/null | grep -- "-$BENCH_TAG\$"); do
        bench_crun_ns crun delete -f "$id" >/dev/null 2>&1
    done
    for id in $(runc list -q 2>/dev/null | grep -- "-$BENCH_TAG\$"); do
        runc delete -f "$id" >/dev/null 2>&1
    done
    # mounts under our temp dir (overlays of the runc variants), deepest first
    if [ -n "$BENCH_TMP" ]; then
        for m in $(awk -v t="$BENCH_TMP" 'index($5, t) == 1 {print $5}' /proc/self/mountinfo | sort -r); do
            umount "$m" 2>/dev/null || umount -l "$m"
        done
    fi
    # cgroups: ours in every hierarchy, and what a peer made that wasn't there before
    for h in /sys/fs/cgroup /sys/fs/cgroup/*/; do
        bench_rm_cgroup_tree "${h%/}/$BENCH_CG_PARENT"
        for d in "${BENCH_EXTRA_CG_PARENTS[@]}"; do
            bench_rm_cgroup_tree "${h%/}/$d"
        done
    done
    # veths whose netns teardown is still pending: give the kernel a moment
    for _ in $(seq 1 25); do
        ip -o link show | grep -q ": jbv[^:]*$BENCH_TAG[@:]" || break
        sleep 0.2
    done
    for l in $(ip -o link show | awk -F': ' '{sub(/@.*/, "", $2); print $2}' | grep "^jbv.*$BENCH_TAG\$"); do
        bench_msg "deleting leaked link $l"
        ip link del "$l" 2>/dev/null
    done
    for d in "${BENCH_RUNTIME_ROOTS[@]}"; do
        rmdir "$d" 2>/dev/null
    done
    if [ -n "$BENCH_TMP" ] && [ -d "$BENCH_TMP" ]; then
        bench_host_compare || true
        rm -rf --one-file-system "$BENCH_TMP"
    fi
    return "$rc"
}

# bench_init NAME: the common start of every script.
bench_init() {
    BENCH_NAME=$1
    bench_check_deps
    BENCH_TMP=$(mktemp -d /tmp/jlab-bench.XXXXXX)
    local d
    for d in /run/crun /run/runc; do
        [ -e "$d" ] || BENCH_RUNTIME_ROOTS+=("$d")
    done
    for d in libpod_parent; do
        [ -e "/sys/fs/cgroup/memory/$d" ] || [ -e "/sys/fs/cgroup/$d" ] || BENCH_EXTRA_CG_PARENTS+=("$d")
    done
    bench_host_snapshot >"$BENCH_TMP/host-before"
    trap bench_cleanup EXIT
    trap 'bench_msg interrupted; exit 130' INT
    trap 'bench_msg terminated; exit 143' TERM
    trap 'exit 129' HUP
    mkdir -p "$RESULTS_DIR"
    bench_msg "cgroup layout: $(bench_cgroup_layout); temp dir $BENCH_TMP"
}

bench_host_json() {
    python3 - "$(bench_cgroup_layout)" <<'EOF'
import json, os, subprocess, sys
def first(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
    except Exception:
        return None
print(json.dumps({
    "kernel": os.uname().release,
    "cpus": os.cpu_count(),
    "cgroup_layout": sys.argv[1],
    "crun": first(["crun", "--version"]),
    "runc": first(["runc", "--version"]),
    "hyperfine": first(["hyperfine", "--version"]),
    "loadavg_start": open("/proc/loadavg").read().split()[:3],
}))
EOF
}
