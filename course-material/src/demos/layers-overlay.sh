#!/bin/sh
# Chapter 6 (layers): overlayfs by hand. Two read-only layers (an "image"), one
# writable layer (the "container") and the merged view; then copy-up, a whiteout
# and an opaque directory, each seen in the upper layer. Needs root. Shown in
# the chapter by its tagged regions; run as a whole by CourseDemosTest (tagged
# kernel), which expects exit 0: the script checks itself.
set -eu
d=$(mktemp -d /tmp/jlab-demo.XXXXXX)
# Undo everything, whatever happens: the mount first, then the directories.
trap 'umount "$d/merged" 2>/dev/null || true; rm -rf "$d"' EXIT
cd "$d"

# tag::layers[]
mkdir base app upper work merged
echo "from the base layer" > base/motd
echo "old, to be deleted"  > base/old.txt
mkdir base/conf app/conf
echo "base setting"        > base/conf/a.conf
echo "app setting"         > app/conf/b.conf
echo "from the app layer"  > app/motd
# end::layers[]

# tag::mount[]
mount -t overlay overlay -o lowerdir=app:base,upperdir=upper,workdir=work merged
ls merged merged/conf
cat merged/motd
# end::mount[]
test "$(ls merged)" = "$(printf 'conf\nmotd\nold.txt')"
test "$(ls merged/conf)" = "$(printf 'a.conf\nb.conf')"
test "$(cat merged/motd)" = "from the app layer"
test -z "$(ls upper)"

# tag::mountinfo[]
grep " $d/merged " /proc/self/mountinfo
# end::mountinfo[]
grep " $d/merged " /proc/self/mountinfo | grep -q "lowerdir=app:base,upperdir=upper"

# tag::copy-up[]
echo "written by the container" >> merged/conf/a.conf
ls upper upper/conf
cat base/conf/a.conf
# end::copy-up[]
test "$(cat base/conf/a.conf)" = "base setting"
test "$(cat upper/conf/a.conf)" = "$(printf 'base setting\nwritten by the container')"

# tag::whiteout[]
rm merged/old.txt
ls merged
ls -l upper/old.txt
ls base
# end::whiteout[]
test ! -e merged/old.txt
test -c upper/old.txt
test "$(stat -c '%t,%T' upper/old.txt)" = "0,0"
test -f base/old.txt

# tag::opaque[]
rm -r merged/conf
mkdir merged/conf
echo "fresh" > merged/conf/c.conf
ls merged/conf upper/conf base/conf
# end::opaque[]
test "$(ls merged/conf)" = "c.conf"
test "$(ls upper/conf)" = "c.conf"
test -f base/conf/a.conf

# What the "container" changed is all in upper/; the layers below are untouched.
test "$(cat base/motd)" = "from the base layer"
test "$(cat app/motd)" = "from the app layer"
umount merged
echo "layers-overlay: ok"
