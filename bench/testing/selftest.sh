#!/usr/bin/env bash
# Proves the arithmetic of per-container.sh and one-shot.sh with a stand-in for
# jlab (bench/testing/fake-jlab.sh), before jlab exists:
#   1. each `run` line costs sleep 0.01, then sleep 0.03: the per-container
#      figures must differ by ~20 ms (the fork+exec of sleep cancels), whatever
#      the stand-in's 0.3 s start costs;
#   2. each `run` line is a `crun run` of the same bundle the crun peer uses: the
#      jlab/crun ratio must be ~1;
#   3. one-shot with a 0.3 s start: jlab's median must be >= 300 ms.
# Takes about 2 minutes. Exits non-zero if a check fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bench=$(dirname "$here")
export RESULTS_DIR=$(mktemp -d /tmp/jlab-bench-selftest.XXXXXX)
trap 'rm -rf "$RESULTS_DIR"' EXIT
fail=0
check() {   # check DESCRIPTION PYTHON_EXPRESSION(j = results JSON)
    local f
    f=$(ls -t "$RESULTS_DIR"/*.json | head -n 1)
    if python3 -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$f"; then
        echo "selftest: ok   $1"
    else
        echo "selftest: FAIL $1 ($f)"; fail=1
    fi
}
common=(JLAB=bench/testing/fake-jlab.sh FAKE_JLAB_STARTUP=0.3 N1=10 N2=60 REPS=3 HF_RUNS=0 WARMUP=2)

per_container_ms() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['subjects']['jlab']['per_container_ms']['median'])" "$(ls -t "$RESULTS_DIR"/*.json | head -n 1)"; }
env "${common[@]}" FAKE_JLAB_EACH=sleep:0.01 PEERS=crun "$bench/per-container.sh" >/dev/null
check "the 0.3 s start is in t(N1) and cancelled in the difference" \
    "j['subjects']['jlab']['t_n1_ms']['median'] >= 300 + 10 * 10"
a=$(per_container_ms)
env "${common[@]}" FAKE_JLAB_EACH=sleep:0.03 PEERS=crun "$bench/per-container.sh" >/dev/null
b=$(per_container_ms)
# the fork+exec of sleep (a few ms, more on a busy host) cancels in b - a
if python3 -c "import sys; d=float(sys.argv[2])-float(sys.argv[1]); sys.exit(0 if 17 <= d <= 23 else 1)" "$a" "$b"; then
    echo "selftest: ok   sleep 0.03 vs 0.01 per line -> $b - $a ms, 20 +- 3 expected"
else
    echo "selftest: FAIL sleep 0.03 vs 0.01 per line -> $b - $a ms, 20 +- 3 expected"; fail=1
fi

env "${common[@]}" FAKE_JLAB_EACH=crun PEERS=crun REPS=5 "$bench/per-container.sh" >/dev/null
check "crun per line in the stand-in vs the crun peer -> ratio 0.75..1.33" \
    "0.75 <= j['ratios'][0]['ratio'] <= 1.33"

env JLAB=bench/testing/fake-jlab.sh FAKE_JLAB_STARTUP=0.3 FAKE_JLAB_EACH=true PEERS=crun ROUNDS=1 RUNS=5 \
    "$bench/one-shot.sh" >/dev/null
check "one-shot median includes the 0.3 s start" \
    "j['subjects']['jlab']['ms']['median'] >= 300"
[ "$fail" = 0 ] && echo "selftest: all checks passed"
exit "$fail"
