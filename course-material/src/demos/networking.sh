#!/bin/sh
# Chapter 7 (networking): what a container engine does for a bridge network,
# with ip(8) and iptables(8) alone. Two "containers" (network namespaces a and
# b) on a bridge, a third namespace standing for the outside world, outbound
# NAT, and a port published on the host's 127.0.0.1. Only namespaces made here
# and 127.0.0.1 are ever addressed. Needs root, iproute2, iptables and busybox.
# Shown in the chapter by its tagged regions; run as a whole by CourseDemosTest
# (tagged kernel), which expects exit 0: the script checks itself.
set -eu
tag=course-demo-net
httpd_pid=
www=$(mktemp -d /tmp/jlab-demo.XXXXXX)

# Undo everything, whatever happens. The server first: a namespace that still
# holds a process outlives `ip netns del`. Links made on the host go with the
# namespaces' veth ends or are deleted by name; rules are deleted by their comment.
cleanup() {
    if [ -n "$httpd_pid" ]; then kill "$httpd_pid" 2>/dev/null || true; wait "$httpd_pid" 2>/dev/null || true; fi
    for ns in jdemo-a jdemo-b jdemo-out; do ip netns del "$ns" 2>/dev/null || true; done
    for link in jdemo-a0 jdemo-b0 jdemo-o0 jdemo-br0; do ip link del "$link" 2>/dev/null || true; done
    iptables -w -t nat -S | grep -- "--comment $tag" | sed 's/^-A/-D/' | while read -r rule; do
        eval "iptables -w -t nat $rule"
    done
    rm -rf "$www"
}
# The script's own exit status is kept: the trap must not replace it.
trap 'rc=$?; set +e; cleanup; exit $rc' EXIT
ping1() { ping -c 1 -W 2 "$@" > /dev/null; }

# tag::netns[]
ip netns add jdemo-a
ip netns exec jdemo-a ip link
readlink /proc/self/ns/net
ip netns exec jdemo-a readlink /proc/self/ns/net
# end::netns[]
test "$(ip netns exec jdemo-a readlink /proc/self/ns/net)" != "$(readlink /proc/self/ns/net)"
test "$(ip netns exec jdemo-a ip -o link | wc -l)" = 1

# tag::veth[]
ip link add jdemo-a0 type veth peer name jdemo-a1
ip link set jdemo-a1 netns jdemo-a
ip addr add 10.210.9.1/24 dev jdemo-a0
ip link set jdemo-a0 up
ip netns exec jdemo-a ip addr add 10.210.9.2/24 dev jdemo-a1
ip netns exec jdemo-a ip link set jdemo-a1 up
ip netns exec jdemo-a ip link set lo up
ping -c 1 10.210.9.2
# end::veth[]
ping1 10.210.9.2
# The host end leaves the point-to-point subnet: from now on the bridge holds the gateway.
ip addr flush dev jdemo-a0
ip netns exec jdemo-a ip addr flush dev jdemo-a1

# tag::bridge[]
ip link add jdemo-br0 type bridge
ip addr add 10.210.0.1/24 dev jdemo-br0
ip link set jdemo-br0 up
ip link set jdemo-a0 master jdemo-br0
ip netns exec jdemo-a ip addr add 10.210.0.2/24 dev jdemo-a1
ip netns exec jdemo-a ip route add default via 10.210.0.1
ip netns add jdemo-b
ip link add jdemo-b0 type veth peer name jdemo-b1
ip link set jdemo-b1 netns jdemo-b
ip link set jdemo-b0 master jdemo-br0 up
ip netns exec jdemo-b ip addr add 10.210.0.3/24 dev jdemo-b1
ip netns exec jdemo-b ip link set jdemo-b1 up
ip netns exec jdemo-b ip link set lo up
ip netns exec jdemo-b ip route add default via 10.210.0.1
bridge link show master jdemo-br0
ip netns exec jdemo-a ping -c 1 10.210.0.3
# end::bridge[]
# Both ports, counted by their master: some iproute2 versions let other bridges' ports through the filter.
test "$(bridge link show master jdemo-br0 | grep -c ' master jdemo-br0 ')" = 2
ip netns exec jdemo-a ping -c 1 -W 2 10.210.0.3 > /dev/null

# The outside world, here a namespace of its own on another subnet. It knows
# no route to 10.210.0.0/24: only NAT can make its answers come back.
ip netns add jdemo-out
ip link add jdemo-o0 type veth peer name jdemo-o1
ip link set jdemo-o1 netns jdemo-out
ip addr add 10.211.0.1/24 dev jdemo-o0
ip link set jdemo-o0 up
ip netns exec jdemo-out ip addr add 10.211.0.2/24 dev jdemo-o1
ip netns exec jdemo-out ip link set jdemo-o1 up
# Forwarding is turned on for these two links only (the host's net.ipv4.ip_forward is left alone).
sysctl -qw net.ipv4.conf.jdemo-br0.forwarding=1 net.ipv4.conf.jdemo-o0.forwarding=1

# tag::no-nat[]
ip netns exec jdemo-a ping -c 1 -W 1 10.211.0.2 || echo "no answer: the outside has no route back to 10.210.0.2"
# end::no-nat[]
if ip netns exec jdemo-a ping -c 1 -W 1 10.211.0.2 > /dev/null 2>&1; then echo "answered without NAT?"; exit 1; fi

# tag::nat[]
iptables -t nat -A POSTROUTING -s 10.210.0.0/24 ! -o jdemo-br0 -j MASQUERADE -m comment --comment course-demo-net
ip netns exec jdemo-a ping -c 1 10.211.0.2
iptables -t nat -L POSTROUTING -v -n
# end::nat[]
ip netns exec jdemo-a ping -c 1 -W 2 10.211.0.2 > /dev/null

# A web server in b, on its own address, port 80.

echo "hello from b" > "$www/index.html"
# tag::server[]
ip netns exec jdemo-b busybox httpd -f -p 80 -h "$www" &
# end::server[]
httpd_pid=$!
i=0; until ip netns exec jdemo-b wget -q -O /dev/null http://10.210.0.3/ 2>/dev/null; do i=$((i + 1)); [ $i -lt 100 ] || exit 1; sleep 0.1; done

# tag::publish[]
iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -p tcp --dport 18190 -j DNAT --to-destination 10.210.0.3:80 -m comment --comment course-demo-net
iptables -t nat -A OUTPUT -m addrtype --dst-type LOCAL -p tcp --dport 18190 -j DNAT --to-destination 10.210.0.3:80 -m comment --comment course-demo-net
sysctl -w net.ipv4.conf.jdemo-br0.route_localnet=1
iptables -t nat -A POSTROUTING -s 127.0.0.0/8 -o jdemo-br0 -j MASQUERADE -m comment --comment course-demo-net
wget -qO- http://127.0.0.1:18190/
# end::publish[]
test "$(wget -qO- http://127.0.0.1:18190/)" = "hello from b"
# No process listens on the host's port 18190: a published port is a rule, not a server.
if ss -Hltn 'sport = :18190' | grep -q .; then echo "something listens on 18190"; exit 1; fi
echo "networking: ok"
