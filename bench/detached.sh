#!/usr/bin/env bash
# Detached containers: N `sleep 1000` containers started from one long-lived
# jlab (script mode, commands on stdin), then stopped and removed; the time
# per container of each phase, and the memory of each idle container (its
# supervisor plus its sleep: Pss from /proc/PID/smaps_rollup). Beside crun
# doing the same in the same run (crun run -d / delete -f: SIGKILL then delete). See bench/README.md.
#
#   bench/detached.sh            (as root, from anywhere)
#
# Environment (defaults in brackets):
#   JLAB      command line of jlab, run from the repository root [./jlab]; skip: crun only
#   N         containers [200]
#   STOP      how jlab ends them: "stop -t 0" then rm, or "rm -f" [stop -t 0]
#   REPS      rounds, jlab and crun interleaved; medians reported [3]
#   BENCH_INSTALL=0  never apt-get install a missing dependency
source "$(dirname "$0")/lib.sh"

JLAB=${JLAB:-./jlab}
N=${N:-200}
STOP=${STOP:-stop -t 0}
REPS=${REPS:-3}

bench_init detached
JLAB_STATE="$BENCH_TMP/jlab-state"
# If the run stops half-way: jlab's containers (their supervisors left the
# script's process tree at start) are removed by jlab itself, then the rest.
detached_cleanup() {
    local rc=$?
    if [ "$JLAB" != skip ] && [ -d "$JLAB_STATE/containers" ]; then
        (cd "$REPO_ROOT" && export JLAB_STATE_DIR="$JLAB_STATE" &&
            { for d in "$JLAB_STATE"/containers/*/; do [ -d "$d" ] && echo "rm -f $(basename "$d")"; done; echo gc; } |
            eval "$JLAB" >/dev/null 2>&1) || true
    fi
    (exit "$rc")
    bench_cleanup
}
trap detached_cleanup EXIT
STAMP=$(date +%Y%m%d-%H%M%S)
OUT="$RESULTS_DIR/detached-$STAMP.md"
ROOTFS="$BENCH_TMP/rootfs"
bench_make_rootfs "$ROOTFS"

# Pss in KiB of a list of pids (the kernel's fair share of each shared page).
pss_kib() {
    local total=0 pid v
    for pid in "$@"; do
        v=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
        total=$((total + ${v:-0}))
    done
    echo "$total"
}

ms_per() { python3 -c "import sys; print(f'{int(sys.argv[1]) / 1000 / int(sys.argv[2]):.2f}')" "$1" "$2"; }

# --- jlab --------------------------------------------------------------------------
jlab_note="one jlab process, script mode; $STOP then rm"
jlab_round() {   # one round: prints "start_ms stop_ms mem_kib supervisor_kib"
    bench_msg "jlab: $N x run -d busybox sleep 1000, from one process"
    # One jlab, driven line by line: each command prints one line when it is done.
    coproc JL { cd "$REPO_ROOT" && export JLAB_STATE_DIR="$JLAB_STATE" && eval "exec $JLAB" 2>>"$BENCH_TMP/jlab.err"; }
    BENCH_CHILD=$JL_PID
    send() { printf '%s\n' "$1" >&"${JL[1]}"; }
    expect() {   # expect N: reads N lines of output
        local i line
        for ((i = 0; i < $1; i++)); do
            IFS= read -r -t 120 line <&"${JL[0]}" || bench_die "jlab stopped answering: $(tail -n 3 "$BENCH_TMP/jlab.err")"
        done
    }
    send "run --rm busybox true"      # builds the image, opens the engine, warms the JVM
    send "run -d --name jbd-warm-$BENCH_TAG busybox sleep 1000"
    send "$STOP jbd-warm-$BENCH_TAG"
    expect 2
    [ "$STOP" = "rm -f" ] || { send "rm jbd-warm-$BENCH_TAG"; expect 1; }

    local t0 t1 i f sup init pids sups jlab_start_ms jlab_stop_ms jlab_mem jlab_sup_mem
    t0=$(bench_now_us)
    for i in $(seq 1 "$N"); do send "run -d --name jbd-$i-$BENCH_TAG busybox sleep 1000"; done
    expect "$N"
    t1=$(bench_now_us)
    jlab_start_ms=$(ms_per $((t1 - t0)) "$N")

    sleep 2   # idle
    pids=() sups=()
    for f in "$JLAB_STATE"/containers/*/state.json; do
        read -r sup init < <(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(r['helperPid'], r['initPid'])" "$f")
        sups+=("$sup"); pids+=("$sup" "$init")
    done
    jlab_mem=$(( $(pss_kib "${pids[@]}") / N ))
    jlab_sup_mem=$(( $(pss_kib "${sups[@]}") / N ))
    bench_msg "jlab: $N containers up, $jlab_start_ms ms each; $jlab_mem KiB Pss per idle container (supervisor $jlab_sup_mem)"

    t0=$(bench_now_us)
    for i in $(seq 1 "$N"); do
        send "$STOP jbd-$i-$BENCH_TAG"
        [ "$STOP" = "rm -f" ] || send "rm jbd-$i-$BENCH_TAG"
    done
    if [ "$STOP" = "rm -f" ]; then expect "$N"; else expect $((2 * N)); fi
    t1=$(bench_now_us)
    jlab_stop_ms=$(ms_per $((t1 - t0)) "$N")
    send "gc"
    expect 1
    exec {JL[1]}>&-
    wait "$JL_PID" || bench_die "jlab failed: $(tail -n 3 "$BENCH_TMP/jlab.err")"
    BENCH_CHILD=""
    bench_msg "jlab: $STOP + rm: $jlab_stop_ms ms each"
    echo "$jlab_start_ms $jlab_stop_ms $jlab_mem $jlab_sup_mem" >>"$BENCH_TMP/jlab.rounds"
}

# --- crun ----------------------------------------------------------------------------
CRUN_VER=$(crun --version | awk 'NR==1 {print $3}')
B="$BENCH_TMP/bundle"
bench_make_bundle "$B" "$ROOTFS" "jbd" --limits --args /bin/sleep 1000
for i in $(seq 1 "$N"); do
    sed "s|/$BENCH_CG_PARENT/jbd\"|/$BENCH_CG_PARENT/jbd-$i\"|" "$B/config.json" >"$B/config-$i.json"
done
# One shell runs every crun (in a mount namespace where crun accepts this host's cgroups).
cat >"$BENCH_TMP/crun-start.sh" <<EOF
for i in \$(seq 1 $N); do
    crun run -d --bundle "$B" --config "$B/config-\$i.json" "jbd-\$i-$BENCH_TAG" </dev/null >/dev/null 2>&1 || exit 1
done
EOF
cat >"$BENCH_TMP/crun-stop.sh" <<EOF
for i in \$(seq 1 $N); do
    crun delete -f "jbd-\$i-$BENCH_TAG" || exit 1   # SIGKILL, wait, delete
done
EOF
crun_round() {
local t0 t1 i pids crun_start_ms crun_stop_ms crun_mem
bench_msg "crun: $N x crun run -d (sleep 1000)"
t0=$(bench_now_us)
bench_bg bench_crun_ns bash "$BENCH_TMP/crun-start.sh" || bench_die "crun run -d failed"
t1=$(bench_now_us)
crun_start_ms=$(ms_per $((t1 - t0)) "$N")
sleep 2
pids=()
for i in $(seq 1 "$N"); do
    pids+=("$(crun state "jbd-$i-$BENCH_TAG" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pid"])')")
done
crun_mem=$(( $(pss_kib "${pids[@]}") / N ))
t0=$(bench_now_us)
bench_bg bench_crun_ns bash "$BENCH_TMP/crun-stop.sh" || bench_die "crun kill/delete failed"
t1=$(bench_now_us)
crun_stop_ms=$(ms_per $((t1 - t0)) "$N")
bench_msg "crun $CRUN_VER: $crun_start_ms ms to start, $crun_stop_ms ms to delete -f, $crun_mem KiB Pss per idle container"
echo "$crun_start_ms $crun_stop_ms $crun_mem" >>"$BENCH_TMP/crun.rounds"
}

# --- rounds, interleaved: the load of a shared machine drifts; both subjects meet the same drift --
: >"$BENCH_TMP/jlab.rounds"
: >"$BENCH_TMP/crun.rounds"
for rep in $(seq 1 "$REPS"); do
    bench_msg "round $rep of $REPS"
    if [ $((rep % 2)) = 1 ]; then
        [ "$JLAB" = skip ] || jlab_round
        crun_round
    else
        crun_round
        [ "$JLAB" = skip ] || jlab_round
    fi
done
# the median of each column
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
col() { awk -v c="$2" '{print $c}' "$BENCH_TMP/$1.rounds" | median; }
range() { awk -v c="$2" '{print $c}' "$BENCH_TMP/$1.rounds" | sort -n | awk 'NR == 1 {lo = $1} {hi = $1} END {print lo "–" hi}'; }
crun_start_ms=$(col crun 1) crun_stop_ms=$(col crun 2) crun_mem=$(col crun 3)
jlab_start_ms=""
if [ "$JLAB" != skip ]; then
    jlab_start_ms=$(col jlab 1) jlab_stop_ms=$(col jlab 2) jlab_mem=$(col jlab 3) jlab_sup_mem=$(col jlab 4)
fi

{
    echo "# Detached containers, $(bench_today), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "$N detached \`sleep 1000\` containers; time per container; memory per idle container (Pss, KiB)."
    echo "Medians of $REPS rounds, jlab and crun interleaved (ranges: jlab start $( [ -n "$jlab_start_ms" ] && range jlab 1), stop $( [ -n "$jlab_start_ms" ] && range jlab 2); crun start $(range crun 1), stop $(range crun 2))."
    echo
    echo "| subject | start | stop + rm | memory per idle container |"
    echo "| --- | --- | --- | --- |"
    [ -n "$jlab_start_ms" ] && echo "| jlab ($jlab_note) | $jlab_start_ms ms | $jlab_stop_ms ms | $jlab_mem KiB (supervisor $jlab_sup_mem + sleep) |"
    echo "| crun $CRUN_VER (run -d / delete -f, one shell) | $crun_start_ms ms | $crun_stop_ms ms | $crun_mem KiB (sleep alone: crun leaves no supervisor; podman adds conmon) |"
    if [ -n "$jlab_start_ms" ]; then
        echo
        python3 -c "import sys; s,t,m,cs,ct,cm=map(float,sys.argv[1:]); print(f'ratios jlab/crun: start {s/cs:.2f}x, stop+rm {t/ct:.2f}x, memory {m/cm:.2f}x')" \
            "$jlab_start_ms" "$jlab_stop_ms" "$jlab_mem" "$crun_start_ms" "$crun_stop_ms" "$crun_mem"
    fi
} | tee "$OUT"
bench_msg "written: $OUT"
