#!/usr/bin/env bash
# Keystroke echo round trip of the web terminal, beside the raw pty (the floor), in the same run.
#   bench/terminal-echo.sh            1000 keystrokes (N=500 at least, for a p99 worth the name)
#   N=2000 bench/terminal-echo.sh
# One character typed into `cat` on a raw pty (stty raw -echo: cat, not the kernel, echoes it), timed until it
# comes back: through the JDK's WebSocket client, Jetty, the pty and cat — and, interleaved in the same JVM,
# through the pty alone (jlab.kernel.pty.PtyProcess). Target: under 10 ms. Writes bench/results/terminal-echo-STAMP.md.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
n="${N:-1000}"
if [ "$n" -lt 500 ]; then echo "terminal-echo: N must be at least 500 (a p99 of fewer says little), not $n" >&2; exit 2; fi
mkdir -p "$here/bench/results"
out="$here/bench/results/terminal-echo-$(date +%Y%m%d-%H%M%S).md"
cd "$here"
./mvnw -q -B -ntp test -pl web-tutor -am -Dtest='TerminalEchoBenchmark' -Dsurefire.failIfNoSpecifiedTests=false \
  -Djlab.bench.keystrokes="$n" -Djlab.bench.out="$out" >&2
{ echo; echo "terminal-echo, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r), load average after: $(cut -d' ' -f1-3 /proc/loadavg)"; } >> "$out"
cat "$out"
