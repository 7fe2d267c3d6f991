#!/usr/bin/env bash
# Chapter "runtimes": an OCI bundle made by hand, run by runc (and by crun: the same bundle).
#
#   sudo course-material/src/demos/runtimes/runc-bundle.sh [WORKDIR]
#
# A bundle is a directory: rootfs/ (the files of the container) and config.json (the
# OCI runtime spec: what to run, which namespaces, which mounts). No image, no registry,
# no daemon: this is the level of `runc`, under containerd and under Docker.
# Everything it makes is removed on exit (trap), even when a step fails. It prints one
# "demo:" line per stage, which the course-material test checks.
set -euo pipefail

[ "$(id -u)" = 0 ] || { echo "runc-bundle: run as root (runc creates namespaces and cgroups)" >&2; exit 1; }
command -v runc >/dev/null || { echo "runc-bundle: runc not found: apt-get install -y runc" >&2; exit 1; }
BUSYBOX=${BUSYBOX:-/bin/busybox}
if [ ! -x "$BUSYBOX" ] || LC_ALL=C ldd "$BUSYBOX" >/dev/null 2>&1; then
  echo "runc-bundle: $BUSYBOX is missing or not static: apt-get install -y busybox-static" >&2; exit 1
fi

WORK=${1:-$(mktemp -d /tmp/jlab-demo.XXXXXX)}
ID=jlab-demo-$$                       # a container id of our own, so cleanup touches only ours
BUNDLE=$WORK/bundle
cleanup() {
  runc delete --force "$ID" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# tag::rootfs[]
# 1. The root filesystem: one static busybox and its links (sh, ls, hostname...).
mkdir -p "$BUNDLE/rootfs/bin" "$BUNDLE/rootfs/proc" "$BUNDLE/rootfs/dev" "$BUNDLE/rootfs/sys"
cp "$BUSYBOX" "$BUNDLE/rootfs/bin/busybox"
for cmd in sh ls cat hostname ps id sleep; do ln -s busybox "$BUNDLE/rootfs/bin/$cmd"; done
# end::rootfs[]
echo "demo: rootfs made ($(ls "$BUNDLE/rootfs/bin" | wc -l) entries in bin)"

# tag::config[]
# 2. config.json: the OCI runtime spec. `runc spec` writes a template like this one;
#    here every field is written out, so that you can see what a runtime is told.
cat >"$BUNDLE/config.json" <<'EOF'
{
  "ociVersion": "1.0.2",
  "process": {
    "terminal": false,
    "user": { "uid": 0, "gid": 0 },
    "args": ["sh", "-c", "echo hostname=$(hostname) pid=$$; ls /proc | grep -c '^[0-9]'"],
    "env": ["PATH=/bin"],
    "cwd": "/",
    "capabilities": {
      "bounding":  ["CAP_KILL", "CAP_NET_BIND_SERVICE"],
      "effective": ["CAP_KILL", "CAP_NET_BIND_SERVICE"],
      "permitted": ["CAP_KILL", "CAP_NET_BIND_SERVICE"]
    },
    "noNewPrivileges": true
  },
  "root": { "path": "rootfs", "readonly": true },
  "hostname": "oci-box",
  "mounts": [
    { "destination": "/proc", "type": "proc",  "source": "proc" },
    { "destination": "/dev",  "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "mode=755", "size=1m"] },
    { "destination": "/sys",  "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"] }
  ],
  "linux": {
    "namespaces": [
      { "type": "pid" }, { "type": "mount" }, { "type": "uts" },
      { "type": "ipc" }, { "type": "network" }
    ],
    "resources": { "pids": { "limit": 20 }, "memory": { "limit": 33554432 } },
    "maskedPaths": ["/proc/kcore", "/proc/keys"],
    "readonlyPaths": ["/proc/sys", "/proc/sysrq-trigger"]
  }
}
EOF
# end::config[]
echo "demo: config.json written"

# tag::run[]
# 3. run = create + start + wait + delete, in one command. The output is the container's.
runc run --bundle "$BUNDLE" "$ID"
# end::run[]
echo "demo: runc run done"

# tag::lifecycle[]
# 4. The same, one stage at a time, as containerd drives runc:
#    create makes the namespaces, cgroup and mounts, and stops just before exec;
#    start lets the process run; state prints the OCI state (JSON); delete removes it.
sed -i 's|"args": \[.*\]|"args": ["sleep", "30"]|' "$BUNDLE/config.json"
runc create --bundle "$BUNDLE" "$ID"
runc state "$ID" | grep '"status"'          # "status": "created"
pid=$(runc state "$ID" | sed -n 's/.*"pid": \([0-9]*\).*/\1/p')
ctr_uts=$(readlink /proc/"$pid"/ns/uts)     # its own UTS namespace: compare with /proc/self/ns/uts
grep pids /proc/"$pid"/cgroup               # the cgroup runc made for it (pids.max = 20)
runc start "$ID"
runc state "$ID" | grep '"status"'          # "status": "running"
runc kill "$ID" KILL
while runc state "$ID" 2>/dev/null | grep -q '"running"'; do sleep 0.1; done
runc state "$ID" | grep '"status"'          # "status": "stopped"
runc delete "$ID"
# end::lifecycle[]
echo "demo: lifecycle done (container $ctr_uts, host $(readlink /proc/self/ns/uts))"

# 5. The same bundle with crun, another runtime of the same spec (if it is installed).
#    crun 1.8 refuses a hybrid cgroup layout (v1 controllers plus /sys/fs/cgroup/unified):
#    on such a host it runs in a private mount namespace where the unified tree is unmounted.
if command -v crun >/dev/null; then
  sed -i 's|"args": \[.*\]|"args": ["sh", "-c", "echo crun says hostname=$(hostname) pid=$$"]|' "$BUNDLE/config.json"
  # tag::crun[]
  if [ "$(stat -f -c %T /sys/fs/cgroup)" = cgroup2fs ]; then
    crun run --bundle "$BUNDLE" "$ID"
  else
    unshare -m --propagation private sh -c \
      'umount /sys/fs/cgroup/unified 2>/dev/null; exec crun run --bundle "$0" "$1"' "$BUNDLE" "$ID"
  fi
  # end::crun[]
  echo "demo: crun run done"
else
  echo "demo: crun not installed, skipped (apt-get install -y crun)"
fi
echo "demo: ok"
