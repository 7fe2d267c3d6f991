#!/usr/bin/env bash
# How long `jlab lab check` takes, for EVERY lab of the catalogue that this
# script knows how to solve (all 16), with the student's work in place (made
# with plain tools: unshare, mount, pivot_root, ipcmk, ip, mkdir and echo into
# cgroup files, busybox httpd, iptables), and for the labs that
# probe (ping, HTTP GET) once more with that probe failing: a ping nobody
# answers (icmp_echo_ignore_all in the namespace), a SYN dropped on the way
# (the DNAT without route_localnet). The issue's figure: under 1 s, probes
# included, whether the check passes or fails.
# Beside it, in the same run and interleaved, `./jlab --version`: the JVM and
# jlab's own start, which every jlab command pays (the difference is the
# checks' cost, which each result also states: its execution_time). Medians
# of N runs each; one Markdown row for the solved labs, one for the failing
# probes, and the per-lab figures.
#   bench/lab-check.sh            (as root, from anywhere)
#   N=20 bench/lab-check.sh
# Uses the labs' own names and addresses only, and `lab reset` of each at the end.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
N=${N:-10}
[ "$(id -u)" = 0 ] || { echo "lab-check.sh: run as root (the checks read other processes' namespaces)" >&2; exit 1; }
for t in unshare nsenter ipcmk ip iptables busybox ping newuidmap python3; do
  command -v $t >/dev/null || { echo "lab-check.sh: needs $t (util-linux, iproute2, iptables, busybox-static, iputils-ping, uidmap, python3)" >&2; exit 1; }
done
export JLAB_STATE_DIR=${JLAB_STATE_DIR:-/tmp/jlab-bench-labs-$$}
./jlab --version >/dev/null   # builds jlab on first use

LABS="uts-namespace pid-namespace mount-namespace bind-mount pivot-root user-namespace ipc-namespace cgroup-namespace overlay cgroup-memory cgroup-pids cgroup-cpu veth bridge port-publish container"
PROBES="veth bridge port-publish container"
for d in /mnt/jlab-private /data /srv/jlab/rootfs /srv/jlab/overlay /srv/jlab/web /srv/jlab/data; do
  [ -e "$d" ] && { echo "lab-check.sh: $d is already there (someone's lab?): not measuring over it" >&2; exit 1; }
done
[ -z "$(ip netns list 2>/dev/null | grep jlab-)" ] || { echo "lab-check.sh: a jlab-* network namespace is already there: not measuring over it" >&2; exit 1; }

# What the host looks like, to compare after the cleanup.
snapshot() {
  { ip -o link | sed 's/^[0-9]*: //' | awk '{print $1}' | grep -E '^jlab-' || true
    ip -o -4 addr | grep -E ' 10\.20[0-3]\.0\.' || true
    ip netns list; grep -E 'jlab|/data' /proc/self/mountinfo | awk '{print $5}' || true
    find /sys/fs/cgroup -maxdepth 2 \( -name jlab-mem -o -name jlab-pids -o -name jlab-cpu -o -name jlab-box -o -name jlab-cgns \)
    iptables-save -t nat 2>/dev/null | grep -E '18080|10\.202\.0\.' || true
    ls -d /mnt/jlab-private /data /srv/jlab/* 2>/dev/null || true; cat /etc/subuid /etc/subgid 2>/dev/null || true; } | sort
}
before=$(snapshot)
pids=()
cleanup() {
  for l in $LABS; do ./jlab lab reset "$l" >/dev/null 2>&1 || echo "lab-check.sh: lab reset $l failed" >&2; done
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$JLAB_STATE_DIR" "$JLAB_STATE_DIR.out"
  sleep 0.3   # veths go with their namespaces, a moment later
  after=$(snapshot)
  [ "$after" = "$before" ] && echo "lab-check.sh: the host is as it was" \
    || { echo "lab-check.sh: the host differs after the cleanup:"; diff <(echo "$before") <(echo "$after"); } >&2
}
trap cleanup EXIT
trap 'exit 143' TERM HUP; trap 'exit 130' INT   # a signal, too, goes through the cleanup

# ---- the student's work, made with plain tools -----------------------------------------
for l in $LABS; do ./jlab lab start "$l" >/dev/null; done
v2=no; grep -q '^cgroup2 /sys/fs/cgroup ' /proc/mounts && v2=yes
cgdir() { # cgdir CONTROLLER NAME: the cgroup's directory in that controller's tree
  if [ $v2 = yes ]; then echo "/sys/fs/cgroup/$2"; else echo "/sys/fs/cgroup/$1/$2"; fi
}
[ $v2 = yes ] && echo "+memory +pids +cpu" > /sys/fs/cgroup/cgroup.subtree_control
if [ $v2 = yes ]; then mem=memory.max; cpu=cpu.max; cpuval="50000 100000"; else mem=memory.limit_in_bytes; cpu=cpu.cfs_quota_us; cpuval=50000; fi

unshare --uts sh -c 'hostname jlab-uts; exec sleep 3600' & pids+=($!)
unshare --pid --fork --mount-proc sleep 3600 & pids+=($!)
mkdir -p /mnt/jlab-private
unshare --mount sh -c 'mount -t tmpfs tmpfs /mnt/jlab-private && exec sleep 3600' & pids+=($!)
unshare --mount sh -c 'mkdir -p /data && mount --bind /srv/jlab/data /data && mount -o remount,bind,ro /data && exec sleep 3600' & pids+=($!)
unshare --mount sh -c 'mount --make-rprivate / && mount --bind /srv/jlab/rootfs /srv/jlab/rootfs && cd /srv/jlab/rootfs && mkdir -p oldroot && pivot_root . oldroot && exec /bin/busybox sh -c "umount -l /oldroot; exec sleep 3600"' & pids+=($!)
unshare --user --map-users=100000,0,65536 --map-groups=100000,0,65536 --setuid 0 --setgid 0 sleep 3600 & pids+=($!)
unshare --ipc sh -c 'ipcmk -Q >/dev/null && exec sleep 3600' & pids+=($!)
# The cgroup namespace: a shell enters jlab-cgns, then unshares its cgroup namespace, rooted there.
sh -c "mkdir $(cgdir pids jlab-cgns) && echo \$\$ > $(cgdir pids jlab-cgns)/cgroup.procs && exec unshare --cgroup sleep 3600" & pids+=($!)
(cd /srv/jlab/overlay && mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work merged && echo changed > merged/base.txt && rm merged/old.txt)
sh -c "mkdir $(cgdir memory jlab-mem) && echo 64M > $(cgdir memory jlab-mem)/$mem && echo \$\$ > $(cgdir memory jlab-mem)/cgroup.procs && exec sleep 3600" & pids+=($!)
sh -c "mkdir $(cgdir pids jlab-pids) && echo 20 > $(cgdir pids jlab-pids)/pids.max && echo \$\$ > $(cgdir pids jlab-pids)/cgroup.procs && exec sleep 3600" & pids+=($!)
sh -c "mkdir $(cgdir cpu jlab-cpu) && echo '$cpuval' > $(cgdir cpu jlab-cpu)/$cpu && echo \$\$ > $(cgdir cpu jlab-cpu)/cgroup.procs && exec sleep 3600" & pids+=($!)

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

# The container lab, by hand: the cgroup, five namespaces, a veth into the container's, pivot_root.
box=$(cgdir memory jlab-box); boxpids=$(cgdir pids jlab-box)
inside='hostname jlab-box; while ! ip link show eth0 >/dev/null 2>&1; do sleep 0.02; done;
  ip addr add 10.203.0.2/24 dev eth0 && ip link set eth0 up && ip link set lo up &&
  mount --make-rprivate / && mount --bind /srv/jlab/rootfs /srv/jlab/rootfs && cd /srv/jlab/rootfs &&
  mkdir -p oldroot && pivot_root . oldroot && exec /bin/busybox sh -c "umount -l /oldroot; mount -t proc proc /proc; exec sleep 3600"'
sh -c "mkdir -p $box $boxpids && echo 64M > $box/$mem && echo 50 > $boxpids/pids.max && echo \$\$ > $box/cgroup.procs && echo \$\$ > $boxpids/cgroup.procs && exec unshare --mount --uts --ipc --net --pid --fork sh -c '$inside'" & boxsh=$!; pids+=($boxsh)
# Its PID 1: the child of unshare, once the shell has become unshare (before that, its children are mkdir, echo...).
child=""; for _ in $(seq 200); do [ "$(cat /proc/$boxsh/comm 2>/dev/null)" = unshare ] && child=$(cat /proc/$boxsh/task/$boxsh/children 2>/dev/null || true); child=${child%% *}; [ -n "$child" ] && break; sleep 0.02; done
ip link add jlab-box0 type veth peer name eth0 netns "$child"
ip addr add 10.203.0.1/24 dev jlab-box0; ip link set jlab-box0 up

# Every lab must pass before it is measured (a veth's operstate turns UP a moment after `ip link set up`).
for l in $LABS; do
  for _ in $(seq 30); do ./jlab lab check "$l" >/dev/null 2>&1 && break; sleep 0.2; done
  ./jlab lab check "$l" >/dev/null || { echo "lab-check.sh: $l does not pass: nothing to measure" >&2; ./jlab lab check --lang en "$l" >&2; exit 1; }
done
others=$(./jlab lab list | awk 'NR > 1 {print $1}' | grep -vxF -f <(tr ' ' '\n' <<<"$LABS") || true)

declare -A samples inside
outfile=$JLAB_STATE_DIR.out
time_ms() { # time_ms NAME EXPECTED-EXIT CMD...: one run, appended to samples[NAME]; a result's execution_time to inside[NAME]
  local name=$1 want=$2; shift 2
  local t0=${EPOCHREALTIME/./} code=0
  "$@" >"$outfile" 2>&1 || code=$?
  local t1=${EPOCHREALTIME/./}
  [ "$code" = "$want" ] || { echo "lab-check.sh: '$*' exited $code, not $want" >&2; cat "$outfile" >&2; exit 1; }
  samples[$name]+="$(( (t1 - t0) / 1000 )).$(( (t1 - t0) % 1000 / 100 )) "
  local e; e=$(sed -n 's/^ *"execution_time" *: *\([0-9.]*\).*/\1/p' "$outfile")
  [ -z "$e" ] || inside[$name]+="$(awk -v s="$e" 'BEGIN {print s * 1000}') "
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# ---- solved: every lab, interleaved with ./jlab --version --------------------------------
for _ in $(seq "$N"); do
  for l in $LABS; do time_ms "$l" 0 ./jlab lab check --json "$l"; done
  time_ms version 0 ./jlab --version
done

# ---- failing: each probe lab with only its probe broken ----------------------------------
boxpid=$(for p in $(pgrep -x sleep); do
  [ "$(readlink /proc/$p/ns/net)" != "$(readlink /proc/self/ns/net)" ] && nsenter -t "$p" -n ip -4 -o addr 2>/dev/null | grep -q ' 10.203.0.2/' && echo "$p"
done | head -1) || true   # the loop's last test may fail: pipefail
[ -n "$boxpid" ] || { echo "lab-check.sh: the container's PID 1 (10.203.0.2 in its namespace) is not found" >&2; exit 1; }
ip netns exec jlab-net sysctl -qw net.ipv4.icmp_echo_ignore_all=1
ip netns exec jlab-b sysctl -qw net.ipv4.icmp_echo_ignore_all=1
nsenter -t "$boxpid" -n sysctl -qw net.ipv4.icmp_echo_ignore_all=1
sysctl -qw net.ipv4.conf.jlab-web0.route_localnet=0
all_local=$(sysctl -n net.ipv4.conf.all.route_localnet)
[ "$all_local" = 0 ] || echo "lab-check.sh: conf.all.route_localnet is 1 on this host: the port-publish GET will not fail" >&2
declare -A probe=([veth]=reach [bridge]=a-to-b [port-publish]=published [container]=reach)
for l in $PROBES; do
  out=$(./jlab lab check --json "$l" || true)
  failing=$(python3 -c 'import json,sys; print(" ".join(t["id"] for t in json.load(sys.stdin)["tests"] if t["result"] != "pass"))' <<<"$out")
  [ "$failing" = "${probe[$l]}" ] || { echo "lab-check.sh: $l: expected only ${probe[$l]} to fail, not '$failing'" >&2; exit 1; }
done
for _ in $(seq "$N"); do
  for l in $PROBES; do time_ms "fail-$l" 1 ./jlab lab check --json "$l"; done
  time_ms version-fail 0 ./jlab --version
done

# ---- figures -------------------------------------------------------------------------------
m_v=$(median "${samples[version]} ${samples[version-fail]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
slowest=""; s_ms=0; fastest=""; f_ms=999999; per=""
for l in $LABS; do
  m=$(median "${samples[$l]}"); per+="$l $m ($(median "${inside[$l]}")); "
  awk -v a="$m" -v b="$s_ms" 'BEGIN {exit !(a > b)}' && { slowest=$l; s_ms=$m; }
  awk -v a="$m" -v b="$f_ms" 'BEGIN {exit !(a < b)}' && { fastest=$l; f_ms=$m; }
done
fslow=""; fs_ms=0; fper=""
for l in $PROBES; do
  m=$(median "${samples[fail-$l]}"); fper+="$l $m ($(median "${inside[fail-$l]}")); "
  awk -v a="$m" -v b="$fs_ms" 'BEGIN {exit !(a > b)}' && { fslow=$l; fs_ms=$m; }
done
layout=$([ $v2 = yes ] && echo v2 || echo v1)
echo "lab-check.sh: medians of $N (ms), cgroup $layout, load $(cut -d' ' -f1-3 /proc/loadavg): ./jlab --version $m_v"
echo "  (in parentheses: the checks alone, the result's execution_time)"
echo "  solved: ${per%; }"
echo "  a failing probe: ${fper%; }"
[ -z "$others" ] || echo "  not measured (no solver in this script): $(echo $others)"
echo "| \`./jlab lab check\` of every lab, solved ($(date +%F), the $(wc -w <<<"$LABS") labs, medians of $N, cgroup $layout): the slowest, \`$slowest\` (fastest: \`$fastest\`, $f_ms ms) | $s_ms ms | \`./jlab --version\`: $m_v ms | $(ratio "$s_ms" "$m_v")× |"
echo "| the same with the probe failing (ping unanswered, SYN dropped): the slowest, \`$fslow\` ($(echo ${fper%; } | sed 's/;/,/g')) | $fs_ms ms | \`./jlab --version\`: $m_v ms | $(ratio "$fs_ms" "$m_v")× |"
