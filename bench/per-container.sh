#!/usr/bin/env bash
# Per-container cost inside one long-lived process: jlab beside crun and runc,
# measured in the same run. See bench/README.md.
#
#   bench/per-container.sh            (as root, from anywhere)
#
# Environment (defaults in brackets):
#   JLAB      command line of jlab, run from the repository root [./jlab];
#             JLAB=skip measures the peers only
#   JLAB_LINE the line fed to jlab N times
#             [run --rm --memory 64m --pids-limit 64 --cpus 1 busybox /bin/true]
#   N1 N2     batch sizes; per container = (t(N2) - t(N1)) / (N2 - N1) [20 220]
#   REPS      repetitions of every batch, interleaved across subjects [5]
#   PEERS     [crun crun-overlay crun-veth runc runc-overlay runc-veth]
#   HF_RUNS   hyperfine runs per peer for the per-run cross-check, 0 = none [100]
#   WARMUP    containers each subject runs before timing starts [5]
#   BENCH_INSTALL=0  never apt-get install a missing dependency
#   BENCH_VETH_POSTSTOP=keep  the -veth peers' poststop hook deletes nothing (the kernel
#             removes the pair with the dead namespace, as jlab leaves it to do) [del]
source "$(dirname "$0")/lib.sh"

JLAB=${JLAB:-./jlab}
JLAB_LINE=${JLAB_LINE:-run --rm --memory 64m --pids-limit 64 --cpus 1 busybox /bin/true}
N1=${N1:-20}
N2=${N2:-220}
REPS=${REPS:-5}
PEERS=${PEERS:-crun crun-overlay crun-veth runc runc-overlay runc-veth}
HF_RUNS=${HF_RUNS:-100}
WARMUP=${WARMUP:-5}

[ "$N2" -gt "$N1" ] || { echo "per-container: N2 must be larger than N1" >&2; exit 2; }
for p in $PEERS; do
    case "$p" in crun|crun-overlay|crun-veth|runc|runc-overlay|runc-veth) ;;
        *) echo "per-container: unknown peer '$p'" >&2; exit 2 ;; esac
done

bench_init per-container
LAYOUT=$(bench_cgroup_layout)
STAMP=$(date +%Y%m%d-%H%M%S)
DATE=$(bench_today)
RAW="$BENCH_TMP/raw.tsv"
SUBJECTS="$BENCH_TMP/subjects.tsv"
: >"$RAW"
: >"$SUBJECTS"
CRUN_VER=$(crun --version | awk 'NR==1 {print $3}')
RUNC_VER=$(runc --version | awk 'NR==1 {print $3}')

ROOTFS="$BENCH_TMP/rootfs"
HOOK="$BENCH_TMP/veth-hook"
bench_make_rootfs "$ROOTFS"
bench_make_veth_hook "$HOOK"

for n in "$WARMUP" "$N1" "$N2"; do
    for _ in $(seq 1 "$n"); do echo "$JLAB_LINE"; done >"$BENCH_TMP/lines-$n"
done

# --- subjects -------------------------------------------------------------------
declare -A P_RUNTIME P_BUNDLE P_ID P_OVERLAY
for p in $PEERS; do
    rt=${p%%-*}
    b="$BENCH_TMP/bundles/$p"
    id="jb-$p-$BENCH_TAG"
    opts=(--limits)
    root="$ROOTFS"
    label="$rt $([ "$rt" = crun ] && echo "$CRUN_VER" || echo "$RUNC_VER")"
    note="same config.json for crun and runc: ns pid net ipc uts mnt cgroup; memory 64 MiB, pids 64, cpu 100000/100000; crun spec defaults otherwise"
    case "$p" in
        *-overlay)
            root="$b/merged"
            P_OVERLAY[$p]=1
            label="$label, overlay rootfs mounted per run"
            note="$note; an overlay (lower = busybox rootfs, fresh upper/work) is mounted before and removed after every run by the driver" ;;
        *-veth)
            opts+=(--veth-hook "$HOOK" "jbv${rt:0:1}$BENCH_TAG")
            label="$label, plain rootfs + veth by hook"
            if [ "${BENCH_VETH_POSTSTOP:-del}" = keep ]; then
                label="$label, poststop keeps it"
                note="$note; createRuntime hook: ip link add jbv… type veth peer name eth0 netns /proc/PID/ns/net; poststop hook: nothing (the kernel deletes the pair with the namespace)"
            else
                note="$note; createRuntime hook: ip link add jbv… type veth peer name eth0 netns /proc/PID/ns/net; poststop hook: ip link del"
            fi ;;
        *)  label="$label, plain rootfs dir" ;;
    esac
    if [ "$rt" = crun ] && [ "$LAYOUT" = hybrid ]; then
        note="$note; hybrid cgroups: crun runs in a private mount namespace without /sys/fs/cgroup/unified"
    fi
    bench_make_bundle "$b" "$root" "$p" "${opts[@]}" --args /bin/true
    P_RUNTIME[$p]=$rt
    P_BUNDLE[$p]=$b
    P_ID[$p]=$id
    printf '%s\t%s\t%s\t%s\n' "$p" "$label" \
        "$rt run --bundle $b $id (a foreground run deletes the container when it exits: the --rm equivalent)" \
        "$note" >>"$SUBJECTS"
done

peer_exec() {   # peer_exec PEER: one driver process, one container per stdin line
    local p=$1 ov=()
    [ -n "${P_OVERLAY[$p]:-}" ] && ov=(--overlay-lower "$ROOTFS" --overlay-merged "${P_BUNDLE[$p]}/merged")
    if [ "${P_RUNTIME[$p]}" = crun ]; then
        bench_crun_ns python3 "$BENCHLIB_PY" driver --runtime crun --bundle "${P_BUNDLE[$p]}" --id "${P_ID[$p]}" "${ov[@]}"
    else
        python3 "$BENCHLIB_PY" driver --runtime runc --bundle "${P_BUNDLE[$p]}" --id "${P_ID[$p]}" "${ov[@]}"
    fi
}

# jlab runs from the repository root; JLAB may hold quoted words (eval).
# The stand-in (bench/testing/fake-jlab.sh) finds a ready crun bundle here:
export BENCH_TMP BENCH_ROOTFS="$ROOTFS" BENCH_FAKE_ID="jb-fake-$BENCH_TAG"
[ -n "${P_BUNDLE[crun]:-}" ] && export BENCH_FAKE_BUNDLE="${P_BUNDLE[crun]}"
jlab_exec() { cd "$REPO_ROOT" && eval "exec $JLAB" >>"$BENCH_TMP/jlab.out" 2>>"$BENCH_TMP/jlab.err"; }

SUBJECT_LIST=()
JLAB_SKIPPED=""
if [ "$JLAB" = skip ]; then
    JLAB_SKIPPED="JLAB=skip"
else
    first=$(cd "$REPO_ROOT" && eval "set -- $JLAB" && echo "$1")
    if ! (cd "$REPO_ROOT" && command -v "$first" >/dev/null 2>&1); then
        JLAB_SKIPPED="'$first' not found from $REPO_ROOT (set JLAB=...)"
    elif ! bench_bg jlab_exec <"$BENCH_TMP/lines-$WARMUP"; then
        JLAB_SKIPPED="'$JLAB' failed on $WARMUP lines of '$JLAB_LINE': $(tail -n 3 "$BENCH_TMP/jlab.err" | tr '\n' ' ')"
    else
        SUBJECT_LIST+=(jlab)
    fi
fi
if [ -n "$JLAB_SKIPPED" ]; then
    bench_msg "jlab not measured: $JLAB_SKIPPED"
else
    printf '%s\t%s\t%s\t%s\n' jlab "jlab" "cd $REPO_ROOT && $JLAB < (N lines of: $JLAB_LINE)" \
        "one process reads one command per line on stdin" >>"$SUBJECTS"
fi

for p in $PEERS; do
    bench_msg "warm-up and check: $p"
    bench_bg peer_exec "$p" <"$BENCH_TMP/lines-$WARMUP" || bench_die "$p fails: see the message above"
    SUBJECT_LIST+=("$p")
done

run_batch() {   # run_batch SUBJECT N REP
    local s=$1 n=$2 rep=$3 t0 t1
    t0=$(bench_now_us)
    if [ "$s" = jlab ]; then
        bench_bg jlab_exec <"$BENCH_TMP/lines-$n" || bench_die "jlab failed (batch of $n): $(tail -n 3 "$BENCH_TMP/jlab.err")"
    else
        bench_bg peer_exec "$s" <"$BENCH_TMP/lines-$n" || bench_die "$s failed (batch of $n)"
    fi
    t1=$(bench_now_us)
    printf '%s\t%s\t%s\t%s\n' "$s" "$rep" "$n" "$((t1 - t0))" >>"$RAW"
    printf '  %-13s rep %d  N=%-4d %8.1f ms\n' "$s" "$rep" "$n" "$(( (t1 - t0) ))e-3" >&2
}

bench_msg "timing ${SUBJECT_LIST[*]}: N1=$N1 N2=$N2, $REPS repetitions"
for rep in $(seq 1 "$REPS"); do
    # alternate the order so slow drifts of the machine hit both batch sizes alike
    if [ $((rep % 2)) = 1 ]; then sizes="$N1 $N2"; else sizes="$N2 $N1"; fi
    for n in $sizes; do
        for s in "${SUBJECT_LIST[@]}"; do run_batch "$s" "$n" "$rep"; done
    done
done

# --- per-run cross-check with hyperfine (peers without a per-run overlay) ---------------
declare -A P_HF
if [ "$HF_RUNS" -gt 0 ]; then
    for p in $PEERS; do
        [ -n "${P_OVERLAY[$p]:-}" ] && continue
        f="$BENCH_TMP/hf-$p.json"
        cmd="${P_RUNTIME[$p]} run --bundle ${P_BUNDLE[$p]} ${P_ID[$p]}"
        bench_msg "hyperfine: $cmd"
        if [ "${P_RUNTIME[$p]}" = crun ]; then
            bench_bg bench_crun_ns hyperfine -N --style basic --warmup 5 --runs "$HF_RUNS" --export-json "$f" "$cmd" >>"$BENCH_TMP/hyperfine.log"
        else
            bench_bg hyperfine -N --style basic --warmup 5 --runs "$HF_RUNS" --export-json "$f" "$cmd" >>"$BENCH_TMP/hyperfine.log"
        fi
        P_HF[$p]=$f
    done
fi

if [ -s "$BENCH_TMP/jlab.err" ]; then
    bench_msg "jlab wrote to stderr ($(wc -l <"$BENCH_TMP/jlab.err") lines); last lines:"
    tail -n 5 "$BENCH_TMP/jlab.err" | sed 's/^/    /' >&2
fi

# --- results --------------------------------------------------------------------------
OUT="$RESULTS_DIR/per-container-$STAMP.json"
hf_list=""
for p in "${!P_HF[@]}"; do hf_list+="$p=${P_HF[$p]} "; done
export N1 N2 REPS WARMUP HF_RUNS JLAB JLAB_LINE JLAB_SKIPPED PEERS DATE
python3 - "$SUBJECTS" "$BENCH_TMP/meta.json" "$hf_list" "$(bench_host_json)" <<'EOF'
import json, os, sys
env = os.environ
n1, n2 = int(env["N1"]), int(env["N2"])
subjects = {}
hf = dict(kv.split("=", 1) for kv in sys.argv[3].split())
for line in open(sys.argv[1]):
    name, label, command, notes = line.rstrip("\n").split("\t")
    subjects[name] = {"label": label, "command": command, "notes": notes}
    if name in hf:
        subjects[name]["hyperfine_json"] = [hf[name]]
        subjects[name]["hyperfine_command"] = f"hyperfine -N --warmup 5 --runs {env['HF_RUNS']} '<command>'"
order = ["jlab"] + env["PEERS"].split()
subjects = {k: subjects[k] for k in order if k in subjects}
meta = {
    "benchmark": "per-container",
    "date": env["DATE"],
    "what": f"per container: run --rm busybox /bin/true, 6 ns + limits, (t({n2})−t({n1}))/{n2 - n1}",
    "params": {"n1": n1, "n2": n2, "reps": int(env["REPS"]), "warmup": int(env["WARMUP"]),
               "hf_runs": int(env["HF_RUNS"]), "jlab": env["JLAB"], "jlab_line": env["JLAB_LINE"]},
    "jlab_skipped": env["JLAB_SKIPPED"] or None,
    "host": json.loads(sys.argv[4]),
    "method": "each subject runs N1 and N2 containers in one long-lived process (jlab: its stdin "
              "script mode; crun/runc: benchlib.py driver, one 'RUNTIME run' per line); "
              "per container = (t(N2) - t(N1)) / (N2 - N1) per repetition; median over repetitions; "
              "ratio = jlab median / peer median",
    "subjects": subjects,
}
json.dump(meta, open(sys.argv[2], "w"), indent=2)
EOF
cp "$RAW" "$RESULTS_DIR/per-container-$STAMP.raw.tsv"
python3 "$BENCHLIB_PY" per-container "$RAW" "$BENCH_TMP/meta.json" --out "$OUT" | tee "$RESULTS_DIR/per-container-$STAMP.md"
bench_msg "results: $OUT"
