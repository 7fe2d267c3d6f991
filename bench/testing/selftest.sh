#!/usr/bin/env bash
# Proves the arithmetic of per-container.sh and one-shot.sh with a stand-in for
# jlab (bench/testing/fake-jlab.sh), before jlab exists:
#   1. each `run` line waits 20 ms (bash read -t, no fork): the per-container
#      figure must be ~20 ms, whatever the stand-in's 0.3 s start costs;
#   2. each `run` line is a `crun run` of the same bundle the crun peer uses: the
#      jlab/crun ratio must be ~1;
#   3. one-shot with a 0.3 s start: jlab's median must be >= 300 ms.
# Takes about 2 to 3 minutes. Exits non-zero if a check fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bench=$(dirname "$here")
export RESULTS_DIR=$(mktemp -d /tmp/jlab-bench-selftest.XXXXXX)
trap 'rm -rf "$RESULTS_DIR"' EXIT
fail=0
check() {   # check DESCRIPTION CONDITION SHOWN  (Python; j = the latest results JSON)
    local f v
    f=$(ls -t "$RESULTS_DIR"/*.json | head -n 1)
    v=$(python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print(round($3, 2))" "$f")
    if python3 -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$f"; then
        echo "selftest: ok   $1 (got $v)"
    else
        echo "selftest: FAIL $1 (got $v)"; fail=1
    fi
}
common=(JLAB=bench/testing/fake-jlab.sh FAKE_JLAB_STARTUP=0.3 N1=10 N2=60 REPS=3 HF_RUNS=0 WARMUP=2)

env "${common[@]}" FAKE_JLAB_EACH=wait:0.02 PEERS=crun "$bench/per-container.sh" >/dev/null
check "20 ms wait per line, no fork -> 19.5..24 ms per container" \
    "19.5 <= j['subjects']['jlab']['per_container_ms']['median'] <= 24" \
    "j['subjects']['jlab']['per_container_ms']['median']"
check "the 0.3 s start is in t(N1) and cancelled in the difference" \
    "j['subjects']['jlab']['t_n1_ms']['median'] >= 300 + 10 * 20" \
    "j['subjects']['jlab']['t_n1_ms']['median']"

env "${common[@]}" FAKE_JLAB_EACH=crun PEERS=crun REPS=5 "$bench/per-container.sh" >/dev/null
check "crun per line in the stand-in vs the crun peer -> ratio 0.67..1.5" \
    "0.67 <= j['ratios'][0]['ratio'] <= 1.5" "j['ratios'][0]['ratio']"

env JLAB=bench/testing/fake-jlab.sh FAKE_JLAB_STARTUP=0.3 FAKE_JLAB_EACH=true PEERS=crun ROUNDS=1 RUNS=5 \
    "$bench/one-shot.sh" >/dev/null
check "one-shot median includes the 0.3 s start" \
    "j['subjects']['jlab']['ms']['median'] >= 300" "j['subjects']['jlab']['ms']['median']"
[ "$fail" = 0 ] && echo "selftest: all checks passed"
exit "$fail"
