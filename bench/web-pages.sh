#!/usr/bin/env bash
# How fast the web tutor serves its pages (the issue's figure: p99 under 50 ms with
# 100 concurrent clients on loopback), beside a peer in the same run: busybox httpd
# serving the very same HTML, saved to files. wrk: 100 connections, 2 threads, D
# seconds each, --latency; jlab's pages with the session cookie of a real login, every
# request with a browser's Accept-Encoding (a server that compresses pays for it here).
# Beside the latencies, each server's CPU time per request (/proc: the JVM's threads;
# busybox and the children it forks per request): a figure that a busy machine moves far
# less than latency. The load average is printed before each run.
# Pages: /course/namespaces (or the test fixture's chapter when the course is not
# built: jlab then runs with web-tutor's test classes on its class path) and /labs/veth.
#   bench/web-pages.sh           (as root: jlab web runs the labs' checks, so it needs root)
#   D=10 bench/web-pages.sh      (seconds per wrk run; default 20)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
D=${D:-20}
[ "$(id -u)" = 0 ] || { echo "web-pages.sh: run as root (jlab web needs root)" >&2; exit 1; }
for c in wrk curl busybox python3; do command -v "$c" >/dev/null || { echo "web-pages.sh: needs $c" >&2; exit 1; }; done
work=$(mktemp -d /tmp/jlab-bench-web.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
export JLAB_STATE_DIR="$work/state"
./jlab --version >/dev/null   # builds jlab on first use

# The same JVM options as ./jlab (its C1-only JIT, serial GC, class-data archive).
opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k)
[ -f shell/target/jlab.jsa ] && opts+=(-XX:SharedArchiveFile=shell/target/jlab.jsa -Xlog:cds=off -Xlog:cds+dynamic=off)
# (`unzip -l JAR NAME`, not `| grep -q`: under pipefail, grep's early exit fails the pipe.)
if unzip -l shell/target/jlab.jar jlab/course/chapters.json >/dev/null 2>&1; then
  chapter=/course/namespaces; cp=shell/target/jlab.jar; course=real
else
  [ -f web-tutor/target/test-classes/jlab/course/chapters.json ] || ./mvnw -q -B -ntp test-compile -pl web-tutor >&2
  chapter=/course/namespaces; cp=shell/target/jlab.jar:web-tutor/target/test-classes; course=fixture
  opts=("${opts[@]:0:3}")   # the archive belongs to the jar alone
fi
java "${opts[@]}" -cp "$cp" jlab.shell.Main web --port 0 --no-browser >"$work/out" 2>"$work/err" &
jpid=$!
pids+=($jpid)
for _ in $(seq 1 300); do [ -s "$work/out" ] && break; sleep 0.1; done
url=$(head -1 "$work/out"); [ -n "$url" ] || { echo "web-pages.sh: jlab web printed no URL: $(cat "$work/err")" >&2; exit 1; }
base=${url%%/\?*}
curl -s -o /dev/null -c "$work/jar" "$url"
cookie="jlab_session=$(awk '$6 == "jlab_session" {print $7}' "$work/jar")"

# The peer: busybox httpd, the same bytes at the same paths.
mkdir -p "$work/www/course" "$work/www/labs"
for page in "$chapter" /labs/veth; do
  code=$(curl -s -o "$work/www$page" -w '%{http_code}' -H "Cookie: $cookie" "$base$page?lang=en")
  [ "$code" = 200 ] || { echo "web-pages.sh: $page answered $code" >&2; exit 1; }
done
bport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
busybox httpd -f -p "127.0.0.1:$bport" -h "$work/www" &
bpid=$!
pids+=($bpid)
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$bport/labs/veth" && break; sleep 0.1; done

accept='Accept-Encoding: gzip, deflate, br, zstd'   # what Chromium sends
cpu() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }   # utime stime cutime cstime, in ticks
run() { # NAME PID URL [COOKIE]: one wrk run, its summary line in $work/rows
  local name=$1 pid=$2 target=$3 h=(-H "$accept") before after load
  [ -n "${4:-}" ] && h+=(-H "Cookie: $4")
  load=$(cut -d' ' -f1 /proc/loadavg)
  before=$(cpu "$pid")
  wrk -t2 -c100 -d"${D}s" --latency "${h[@]}" "$target" >"$work/wrk.txt"
  after=$(cpu "$pid")
  python3 - "$name" "$work/wrk.txt" "$((after - before))" "$(getconf CLK_TCK)" "$load" >>"$work/rows" <<'PY'
import re, sys
name, text, ticks, hz, load = sys.argv[1], open(sys.argv[2]).read(), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
def ms(label):
    m = re.search(r"^\s+%s\s+([\d.]+)(us|ms|s)\b" % label, text, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
count = int(re.search(r"(\d+) requests in", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
bad = re.search(r"Socket errors: (.*)", text)
print("%s\t%.2f\t%.2f\t%.0f\t%.0f\t%s\t%s" % (name, ms("50%"), ms("99%"), rps, ticks * 1e6 / hz / count, load,
      (errors.group(1) + " non-2xx" if errors else "") + (" socket errors: " + bad.group(1) if bad else "")))
PY
}
echo "web-pages.sh: warming up jlab's JIT (5 s a page), then ${D} s per run, interleaved" >&2
wrk -t2 -c100 -d5s -H "$accept" -H "Cookie: $cookie" "$base$chapter" >/dev/null
wrk -t2 -c100 -d5s -H "$accept" -H "Cookie: $cookie" "$base/labs/veth" >/dev/null
: >"$work/rows"
run "jlab $chapter ($course)" "$jpid" "$base$chapter" "$cookie"
run "busybox httpd $chapter" "$bpid" "http://127.0.0.1:$bport$chapter"
run "jlab /labs/veth" "$jpid" "$base/labs/veth" "$cookie"
run "busybox httpd /labs/veth" "$bpid" "http://127.0.0.1:$bport/labs/veth"

sizes="$(wc -c <"$work/www$chapter") and $(wc -c <"$work/www/labs/veth") bytes"
echo
echo "wrk -t2 -c100 -d${D}s --latency on 127.0.0.1, $(nproc) CPUs, $(date -u +%Y-%m-%d); pages of $sizes"
echo
echo "| what | p50 | p99 | requests/s | CPU per request | load before | notes |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
while IFS=$'\t' read -r name p50 p99 rps cpu load notes; do
  echo "| $name | $p50 ms | $p99 ms | $rps | $cpu µs | $load | $notes |"
done <"$work/rows"
# jlab ÷ busybox, page by page (rows 1/2 and 3/4)
awk -F'\t' 'NR % 2 == 1 {n = $1; p = $3; c = $5} NR % 2 == 0 {printf "%s: p99 %.2f× busybox httpd'"'"'s, CPU per request %.2f×\n", n, p / $3, c / $5}' "$work/rows"
