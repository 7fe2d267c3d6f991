#!/usr/bin/env bash
# Chapter "images": what `docker commit` and `docker diff` do, done by hand on a jlab container.
#
#   sudo course-material/src/demos/images/commit-by-hand.sh
#
# A container is its image (read-only, below) plus a writable upper directory (above),
# stacked by overlayfs. Whatever the container changes lands in the upper directory;
# a tar of that directory is a new layer, and its sha256 is the name the OCI image
# spec gives it (the layer's "diff ID"). jlab's own `commit` and `diff` do the same;
# this shows the kernel side.
# It uses a state directory of its own (a temporary one unless JLAB_STATE_DIR is set), so it
# never meets another jlab's containers; it removes its container, and the directory it made.
set -euo pipefail

[ "$(id -u)" = 0 ] || { echo "commit-by-hand: run as root" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
JLAB=${JLAB:-$here/../../../../jlab}
[ -x "$JLAB" ] || { echo "commit-by-hand: no jlab at $JLAB (set JLAB=path/to/jlab)" >&2; exit 1; }
own_state=false
if [ -z "${JLAB_STATE_DIR:-}" ]; then JLAB_STATE_DIR=$(mktemp -d /tmp/jlab-demo.XXXXXX); own_state=true; fi
export JLAB_STATE_DIR
WORK=$(mktemp -d /tmp/jlab-demo.XXXXXX)
NAME=commit-demo-$$
cleanup() {
  "$JLAB" rm -f "$NAME" >/dev/null 2>&1 || true
  "$JLAB" gc >/dev/null 2>&1 || true   # also removes this state directory's parent cgroup
  rm -rf "$WORK"
  if $own_state; then rm -rf "$JLAB_STATE_DIR"; fi   # never a state directory we were given
}
trap cleanup EXIT

# tag::change[]
# 1. A container that changes its root: one file written, one file of the image deleted.
id=$("$JLAB" run -d --name "$NAME" --network none busybox \
       sh -c 'echo "built by hand" > /etc/motd; rm /bin/vi; touch /ready; sleep 600')
upper=$JLAB_STATE_DIR/containers/$id/upper
# end::change[]
for _ in $(seq 200); do [ -e "$upper/ready" ] && break; sleep 0.05; done
[ -e "$upper/ready" ] || { echo "commit-by-hand: the container did not start" >&2; exit 1; }
rm "$upper/ready"

# tag::diff[]
# 2. docker diff, by hand: the upper directory holds only what changed.
#    A deleted file is a "whiteout": a character device 0,0 with the file's name.
( cd "$upper" && find . -mindepth 1 | sort | while read -r f; do
    if [ -c "$f" ]; then echo "D ${f#.}   (whiteout: $(stat -c '%F %t,%T' "$f"))"
    elif [ -d "$f" ]; then echo "C ${f#.}"
    else echo "A ${f#.}"; fi
  done )
# end::diff[]

# tag::commit[]
# 3. docker commit, by hand: a tar of the upper directory is the new layer.
#    (The OCI format writes a whiteout as an empty file named .wh.NAME; overlayfs
#    uses the device 0,0. An engine converts one into the other.)
tar -C "$upper" --numeric-owner -cf "$WORK/layer.tar" .
echo "layer: $(tar -tf "$WORK/layer.tar" | grep -c .) entries, sha256:$(sha256sum "$WORK/layer.tar" | cut -c1-64)"
# end::commit[]

# 4. The image below was not touched: its layer still has /bin/vi.
lower=$("$JLAB" image inspect --layers -q busybox)
[ -e "$lower/bin/vi" ] && echo "image unchanged: $lower/bin/vi is still there"
"$JLAB" rm -f "$NAME" >/dev/null
echo "demo: ok"
