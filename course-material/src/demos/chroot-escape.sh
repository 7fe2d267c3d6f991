#!/bin/sh
# Chapter 3 (chroot): a chroot looks like a jail, and a root process walks out
# of it through /proc. Needs root and a static busybox (/bin/busybox). Shown in
# the chapter by its tagged regions; run as a whole by the course-material test
# CourseDemosTest (tagged kernel), which expects exit 0: the script checks itself.
set -eu
root=$(mktemp -d /tmp/jlab-demo.XXXXXX)
# Undo everything, whatever happens: the proc mount first, then the directory.
trap 'umount "$root/proc" 2>/dev/null || true; rm -rf "$root"' EXIT

# tag::rootfs[]
mkdir -p "$root/bin" "$root/proc"
cp /bin/busybox "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"; done
# end::rootfs[]

# tag::inside[]
chroot "$root" /bin/ls /
# end::inside[]
test "$(chroot "$root" /bin/ls /)" = "$(printf 'bin\nproc')"

# $$ is this script's own process, outside the chroot: its root is the host's.
# tag::escape[]
chroot "$root" /bin/sh -c "mount -t proc proc /proc && ls /proc/$$/root/"
# end::escape[]
# Through that link, the chrooted process sees (and, as root, could write) the host's files.
chroot "$root" /bin/sh -c "cat /proc/$$/root/etc/hostname" | grep -qx "$(cat /etc/hostname)"
umount "$root/proc"

# The host's processes are all there too: a chroot isolates no process, no network, no user.
# tag::ps[]
chroot "$root" /bin/sh -c 'mount -t proc proc /proc && ps -o pid,comm | head -5'
# end::ps[]
echo "chroot-escape: ok"
