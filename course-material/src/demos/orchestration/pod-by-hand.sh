#!/usr/bin/env bash
# Chapter "orchestration": what a Kubernetes pod is, built by hand with Linux tools.
#
#   sudo course-material/src/demos/orchestration/pod-by-hand.sh
#
# A pod is a group of containers that share one network namespace (and IPC, and UTS):
# Kubernetes first makes the namespaces (held by a tiny "pause" process), then starts
# each container inside them. Here: one network namespace, a web server in it, and a
# second process in the same namespace that reaches it on 127.0.0.1 — as two
# containers of a pod do. Nothing leaves the namespace; all is removed on exit.
set -euo pipefail

[ "$(id -u)" = 0 ] || { echo "pod-by-hand: run as root (ip netns needs it)" >&2; exit 1; }
BUSYBOX=${BUSYBOX:-/bin/busybox}
[ -x "$BUSYBOX" ] || { echo "pod-by-hand: no busybox at $BUSYBOX: apt-get install -y busybox-static" >&2; exit 1; }
POD=jlab-pod-$$
WWW=$(mktemp -d /tmp/jlab-demo.XXXXXX)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  ip netns delete "$POD" 2>/dev/null || true
  rm -rf "$WWW"
}
trap cleanup EXIT
echo "hello from the pod's first container" >"$WWW/index.html"

# tag::sandbox[]
# 1. The pod's sandbox: a network namespace with only the loopback, up.
#    (Kubernetes keeps it alive with the "pause" process; ip netns keeps it with a bind mount.)
ip netns add "$POD"
ip -n "$POD" link set lo up
# end::sandbox[]

# tag::containers[]
# 2. The first "container": a web server inside the pod's namespace, on port 8080.
ip netns exec "$POD" "$BUSYBOX" httpd -f -p 127.0.0.1:8080 -h "$WWW" &
server=$!
# 3. The second "container" (a sidecar): same namespace, so 127.0.0.1 is the same loopback.
for _ in $(seq 100); do
  ip netns exec "$POD" "$BUSYBOX" wget -q -O - http://127.0.0.1:8080/ 2>/dev/null && break
  sleep 0.05
done
# 4. Both processes are in one network namespace: the same inode.
readlink /proc/$server/ns/net
ip netns exec "$POD" readlink /proc/self/ns/net
# end::containers[]

# tag::outside[]
# 5. From the host, 127.0.0.1:8080 is another loopback: nothing answers there.
if timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080' 2>/dev/null; then
  echo "the host reached 127.0.0.1:8080 (something of the host listens there)"
else
  echo "the host's 127.0.0.1:8080: nothing (the pod's loopback is its own)"
fi
# end::outside[]
echo "demo: ok"
