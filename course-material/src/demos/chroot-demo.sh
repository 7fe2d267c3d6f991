#!/bin/sh
# tag::chroot[]
chroot /srv/jlab/rootfs /bin/sh -c 'echo inside'
# end::chroot[]
