#!/usr/bin/env bash
# How long `jlab lab check` takes for the network labs once solved (the
# issue's figure: under 1 s, probes included: ping, TCP connect, HTTP GET),
# beside `./jlab --version` (the JVM and jlab's own start, which every jlab
# command pays) and the same probes typed in shell tools (ip netns exec ...
# ip -br addr, ping -c 1 -W 1, curl), interleaved. Medians of N runs each.
#   bench/netlab-check.sh            (as root, from anywhere)
#   N=20 bench/netlab-check.sh
# Uses the labs' own names and addresses only, and `lab reset` at the end.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
N=${N:-10}
[ "$(id -u)" = 0 ] || { echo "netlab-check.sh: run as root (namespaces, links, netfilter)" >&2; exit 1; }
for t in ip iptables busybox curl ping; do
  command -v $t >/dev/null || { echo "netlab-check.sh: needs $t" >&2; exit 1; }
done
export JLAB_STATE_DIR=${JLAB_STATE_DIR:-/tmp/jlab-bench-netlabs-$$}
./jlab --version >/dev/null   # builds jlab on first use
cleanup() {
  for lab in veth bridge port-publish; do ./jlab lab reset $lab >/dev/null 2>&1 || true; done
  rm -rf "$JLAB_STATE_DIR"
}
trap cleanup EXIT

# The student's work, made with plain tools.
./jlab lab start port-publish >/dev/null
ip netns add jlab-net
ip link add jlab-veth0 type veth peer name jlab-veth1
ip link set jlab-veth1 netns jlab-net
ip addr add 10.200.0.1/24 dev jlab-veth0; ip link set jlab-veth0 up
ip netns exec jlab-net ip addr add 10.200.0.2/24 dev jlab-veth1; ip netns exec jlab-net ip link set jlab-veth1 up
ip link add jlab-br0 type bridge; ip addr add 10.201.0.1/24 dev jlab-br0; ip link set jlab-br0 up
for x in a:2 b:3; do
  n=${x%:*}; a=${x#*:}
  ip netns add jlab-$n
  ip link add jlab-${n}0 type veth peer name jlab-${n}1
  ip link set jlab-${n}1 netns jlab-$n
  ip link set jlab-${n}0 master jlab-br0 up
  ip netns exec jlab-$n ip addr add 10.201.0.$a/24 dev jlab-${n}1
  ip netns exec jlab-$n ip link set jlab-${n}1 up
  ip netns exec jlab-$n ip route add default via 10.201.0.1
done
ip netns add jlab-web
ip link add jlab-web0 type veth peer name jlab-web1
ip link set jlab-web1 netns jlab-web
ip addr add 10.202.0.1/24 dev jlab-web0; ip link set jlab-web0 up
ip netns exec jlab-web ip addr add 10.202.0.2/24 dev jlab-web1
ip netns exec jlab-web ip link set jlab-web1 up; ip netns exec jlab-web ip link set lo up
ip netns exec jlab-web busybox httpd -p 80 -h /srv/jlab/web
iptables -w -t nat -A OUTPUT -d 127.0.0.1 -p tcp --dport 18080 -j DNAT --to-destination 10.202.0.2:80
iptables -w -t nat -A POSTROUTING -s 127.0.0.1 -d 10.202.0.2 -j MASQUERADE
sysctl -qw net.ipv4.conf.jlab-web0.route_localnet=1
sleep 1
for lab in veth bridge port-publish; do
  ./jlab lab check $lab >/dev/null || { echo "netlab-check.sh: $lab does not pass: nothing to measure" >&2; ./jlab lab check --lang en $lab >&2; exit 1; }
done

shell_veth() { ip netns exec jlab-net ip -br addr show jlab-veth1 | grep -q 10.200.0.2/24 && ping -c 1 -W 1 10.200.0.2; }
shell_bridge() { ls /sys/class/net/jlab-br0/brif | grep -q jlab-b0 && ip netns exec jlab-a ping -c 1 -W 1 10.201.0.3; }
shell_web() { curl -sf -m 2 http://127.0.0.1:18080/index.html | cmp -s - /srv/jlab/web/index.html; }

declare -A samples
time_ms() { # time_ms NAME CMD...: one run, appended to samples[NAME]
  local name=$1; shift
  local t0=${EPOCHREALTIME/./}
  "$@" >/dev/null 2>&1 || { echo "netlab-check.sh: '$*' failed" >&2; exit 1; }
  local t1=${EPOCHREALTIME/./}
  samples[$name]+="$(( (t1 - t0) / 1000 )).$(( (t1 - t0) % 1000 / 100 )) "
}
for _ in $(seq "$N"); do
  time_ms veth ./jlab lab check veth
  time_ms bridge ./jlab lab check bridge
  time_ms web ./jlab lab check port-publish
  time_ms version ./jlab --version
  time_ms shell_veth shell_veth
  time_ms shell_bridge shell_bridge
  time_ms shell_web shell_web
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m_v=$(median "${samples[version]}")
echo "netlab-check.sh: medians of $N (ms); ./jlab --version $m_v"
for x in veth:shell_veth bridge:shell_bridge web:shell_web; do
  echo "| \`lab check ${x%%:*}\` ($(date +%F)) | $(median "${samples[${x%%:*}]}") ms | \`./jlab --version\`: $m_v ms; the same probes in shell tools: $(median "${samples[${x#*:}]}") ms |"
done
