#!/usr/bin/env bash
# How long `./jlab web` takes to be ready (the issue's figure: under 2 s): from the
# start of the command to the first 200 on its URL (the link's 302 followed, with
# its cookie, as a browser does), beside `python3 -m http.server` to its first 200,
# in the same run, interleaved; median of N.
#   bench/web-start.sh          (as root: jlab web needs root)
#   N=9 bench/web-start.sh
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
N=${N:-5}
[ "$(id -u)" = 0 ] || { echo "web-start.sh: run as root (jlab web needs root)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "web-start.sh: needs python3" >&2; exit 1; }
work=$(mktemp -d /tmp/jlab-bench-webstart.XXXXXX)
trap 'rm -rf "$work"' EXIT
export JLAB_STATE_DIR="$work/state"
./jlab --version >/dev/null   # builds jlab (and its class-data archive) on first use
mkdir -p "$work/www" && echo hello >"$work/www/index.html"

python3 - "$N" "$work" <<'PY'
import http.client, os, signal, socket, statistics, subprocess, sys, time, urllib.parse
n, work = int(sys.argv[1]), sys.argv[2]

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def get(port, path, cookie=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    r = c.getresponse(); r.read(); c.close()
    return r

def until_200(t0, proc, port, first_path, read_url):
    """Polls every 5 ms: the link (302 + cookie), then the page it sends to; returns seconds since t0."""
    while True:
        if proc.poll() is not None:
            raise SystemExit("web-start.sh: the server exited: " + proc.stderr.read().decode())
        try:
            path = first_path() if read_url else first_path
            if path is None:
                time.sleep(0.005); continue
            r = get(port, path)
            if r.status == 302:
                cookie = r.getheader("Set-Cookie").split(";")[0]
                r = get(port, r.getheader("Location"), cookie)
            if r.status == 200:
                return time.monotonic() - t0
        except OSError:
            pass
        time.sleep(0.005)

def jlab():
    port = free_port()
    t0 = time.monotonic()
    p = subprocess.Popen(["./jlab", "web", "--port", str(port), "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url_file = os.path.join(os.environ["JLAB_STATE_DIR"], "web", "url")
    def link():
        try:
            u = urllib.parse.urlsplit(open(url_file).read().strip())
            return u.path + "?" + u.query if u.query else None
        except OSError:
            return None
    try:
        return until_200(t0, p, port, link, True)
    finally:
        p.send_signal(signal.SIGINT); p.wait(30)

def python_server():
    port = free_port()
    t0 = time.monotonic()
    p = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", os.path.join(work, "www")],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        return until_200(t0, p, port, "/", False)
    finally:
        p.terminate(); p.wait(30)

load_before = os.getloadavg()[0]
jlab(); python_server()   # one of each untimed: the page cache and the JVM's files are warm for both
j, py = [], []
for _ in range(n):
    j.append(jlab()); py.append(python_server())
mj, mp = statistics.median(j), statistics.median(py)
print()
print("start to the first 200 on its URL, median of %d, interleaved, %d CPUs, %s; load average %.1f before, %.1f after" % (
    n, os.cpu_count(), time.strftime("%Y-%m-%d", time.gmtime()), load_before, os.getloadavg()[0]))
print()
print("| what | median | runs | peer, same run | ratio |")
print("| --- | --- | --- | --- | --- |")
print("| `./jlab web` ready (link → 302 → 200) | %.0f ms | %s | `python3 -m http.server`: %.0f ms | %.1f× |" % (
    mj * 1000, " ".join("%.0f" % (x * 1000) for x in j), mp * 1000, mj / mp))
PY
