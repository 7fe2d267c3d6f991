#!/usr/bin/env bash
# One-shot cost of a whole command, process start included (jlab: JVM start):
#   jlab run --rm busybox true   beside   crun run, runc run, podman run --rm
# measured with hyperfine in the same run. See bench/README.md.
#
#   bench/one-shot.sh            (as root, from anywhere)
#
# Environment (defaults in brackets):
#   JLAB          command line of jlab, run from the repository root [./jlab];
#                 JLAB=skip measures the peers only
#   JLAB_ARGS     [run --rm busybox true]
#   ROUNDS RUNS   hyperfine is called ROUNDS times per subject, RUNS runs each,
#                 subjects interleaved; the samples are pooled [3 10]
#   WARMUP        hyperfine --warmup per call [2]
#   PEERS         [crun runc podman]
#   PODMAN=skip   don't try podman (otherwise it is installed with apt-get if missing,
#                 unless BENCH_INSTALL=0)
source "$(dirname "$0")/lib.sh"

JLAB=${JLAB:-./jlab}
JLAB_ARGS=${JLAB_ARGS:-run --rm busybox true}
ROUNDS=${ROUNDS:-3}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
PEERS=${PEERS:-crun runc podman}
PODMAN=${PODMAN:-auto}

bench_init one-shot
LAYOUT=$(bench_cgroup_layout)
STAMP=$(date +%Y%m%d-%H%M%S)
DATE=$(bench_today)
SUBJECTS="$BENCH_TMP/subjects.tsv"
: >"$SUBJECTS"
CRUN_VER=$(crun --version | awk 'NR==1 {print $3}')
RUNC_VER=$(runc --version | awk 'NR==1 {print $3}')

ROOTFS="$BENCH_TMP/rootfs"
bench_make_rootfs "$ROOTFS"

in_repo() { cd "$REPO_ROOT" && "$@"; }
declare -A CMD NS       # subject -> hyperfine command; NS=crun: run inside bench_crun_ns
ORDER=()

add_subject() {   # add_subject NAME LABEL COMMAND NOTES [SKIPPED]
    printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:-}" >>"$SUBJECTS"
}

# --- jlab -------------------------------------------------------------------------
JLAB_SKIPPED=""
if [ "$JLAB" = skip ]; then
    JLAB_SKIPPED="JLAB=skip"
else
    first=$(cd "$REPO_ROOT" && eval "set -- $JLAB" && echo "$1")
    if ! (cd "$REPO_ROOT" && command -v "$first" >/dev/null 2>&1); then
        JLAB_SKIPPED="'$first' not found from $REPO_ROOT (set JLAB=...)"
    else
        CMD[jlab]="$JLAB $JLAB_ARGS"
        ORDER+=(jlab)
    fi
fi
[ -z "$JLAB_SKIPPED" ] || bench_msg "jlab not measured: $JLAB_SKIPPED"

# --- OCI peers: the same namespaces as jlab's run (pid net ipc uts mnt cgroup), a
# cgroup without limits (jlab's one-shot run has no limit flags), plain rootfs dir
for rt in crun runc; do
    case " $PEERS " in *" $rt "*) ;; *) continue ;; esac
    b="$BENCH_TMP/bundles/oneshot-$rt"
    bench_make_bundle "$b" "$ROOTFS" "oneshot-$rt" --args true
    CMD[$rt]="$rt run --bundle $b jb-oneshot-$rt-$BENCH_TAG"
    note="ns pid net ipc uts mnt cgroup, cgroup without limits, plain rootfs dir; a foreground run deletes the container when it exits"
    if [ "$rt" = crun ]; then
        NS[$rt]=crun
        export BENCH_FAKE_BUNDLE="$b" BENCH_FAKE_ID="jb-fake-$BENCH_TAG"
        [ "$LAYOUT" = hybrid ] && note="$note; hybrid cgroups: run in a private mount namespace without /sys/fs/cgroup/unified"
    fi
    ver=$([ "$rt" = crun ] && echo "$CRUN_VER" || echo "$RUNC_VER")
    add_subject "$rt" "$rt $ver" "${CMD[$rt]}" "$note"
    ORDER+=("$rt")
done

# --- podman -------------------------------------------------------------------------
podman_skip() {
    bench_msg "podman skipped: $1"
    add_subject podman "podman" "podman run --rm --network none --rootfs DIR true" "" "$1"
}
podman_setup() {
    if [ "$PODMAN" = skip ]; then podman_skip "PODMAN=skip"; return; fi
    if ! command -v podman >/dev/null 2>&1; then
        if [ "${BENCH_INSTALL:-1}" = 0 ]; then podman_skip "not installed (apt-get install -y podman)"; return; fi
        bench_msg "podman missing: apt-get install -y podman (PODMAN=skip to avoid)"
        if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman >"$BENCH_TMP/podman-install.log" 2>&1; then
            podman_skip "apt-get install -y podman failed: $(tail -n 1 "$BENCH_TMP/podman-install.log")"
            return
        fi
    fi
    local prootfs="$BENCH_TMP/podman-rootfs" out ver runtime notes=() ulim=()
    cp -a "$ROOTFS" "$prootfs"   # podman adds /etc/hosts & co. to the rootfs: its own copy
    ver=$(podman --version | awk '{print $3}')
    runtime=$(podman info --format '{{.Host.OCIRuntime.Name}}' 2>/dev/null || echo unknown)
    if [ "$LAYOUT" = hybrid ] && [ "$runtime" = crun ]; then
        NS[podman]=crun
        notes+=("hybrid cgroups and podman's runtime is crun: run in a private mount namespace without /sys/fs/cgroup/unified")
    fi
    local base="podman run --rm --network none"
    local tail="--rootfs $prootfs true"
    try_podman() {
        if [ "${NS[podman]:-}" = crun ]; then
            bench_crun_ns $base "$@" $tail 2>&1
        else
            $base "$@" $tail 2>&1
        fi
    }
    if ! out=$(try_podman); then
        if grep -q setrlimit <<<"$out"; then
            # podman asks the runtime for RLIMIT_NOFILE/NPROC 1048576; without
            # CAP_SYS_RESOURCE the runtime may not raise its hard limits so far.
            local nofile nproc pidmax
            nofile=$(ulimit -Hn); [ "$nofile" = unlimited ] || [ "$nofile" -gt 1048576 ] && nofile=1048576
            nproc=$(ulimit -Hu); pidmax=$(cat /proc/sys/kernel/pid_max)
            { [ "$nproc" = unlimited ] || [ "$nproc" -gt "$pidmax" ]; } && nproc=$pidmax
            ulim=(--ulimit "nofile=$nofile:$nofile" --ulimit "nproc=$nproc:$nproc")
            notes+=("podman's default rlimits failed here ($(grep -o 'setrlimit[^:]*' <<<"$out" | head -n 1): no CAP_SYS_RESOURCE?): passed ${ulim[*]}")
            if ! out=$(try_podman "${ulim[@]}"); then
                podman_skip "fails even with ${ulim[*]}: $(tail -n 1 <<<"$out")"
                return
            fi
        else
            podman_skip "$(tail -n 1 <<<"$out")"
            return
        fi
    fi
    CMD[podman]="$base ${ulim[*]} $tail"
    CMD[podman]=${CMD[podman]//  / }
    notes+=("runtime $runtime, cgroup manager $(podman info --format '{{.Host.CgroupManager}}' 2>/dev/null); pid net ipc uts mnt namespaces (podman's defaults), no limits")
    local IFS=';'
    add_subject podman "podman $ver" "${CMD[podman]}" "${notes[*]}"
    ORDER+=(podman)
}
case " $PEERS " in *" podman "*) podman_setup ;; esac

if [ -n "${CMD[jlab]:-}" ]; then
    add_subject jlab "jlab" "cd $REPO_ROOT && ${CMD[jlab]}" "JVM start included"
fi

# --- measure: ROUNDS rounds, every subject once per round ---------------------------
declare -A HF
hf_call() {   # hf_call SUBJECT ROUND
    local s=$1 r=$2 f="$BENCH_TMP/hf-$1-$2.json"
    local hf=(hyperfine -N --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$f" "${CMD[$s]}")
    bench_msg "round $r: ${CMD[$s]}"
    if [ "${NS[$s]:-}" = crun ]; then
        bench_bg bench_crun_ns "${hf[@]}" >>"$BENCH_TMP/hyperfine.log"
    else
        bench_bg in_repo "${hf[@]}" >>"$BENCH_TMP/hyperfine.log"
    fi || return 1
    HF[$s]="${HF[$s]:-} $f"
}
FAILED=""
for r in $(seq 1 "$ROUNDS"); do
    for s in "${ORDER[@]}"; do
        case " $FAILED " in *" $s "*) continue ;; esac
        if ! hf_call "$s" "$r"; then
            [ "$s" = jlab ] || bench_die "$s failed under hyperfine (see above)"
            bench_msg "jlab failed under hyperfine: not measured"
            JLAB_SKIPPED="'${CMD[jlab]}' failed under hyperfine"
            FAILED="$FAILED jlab"
        fi
    done
done

# --- results --------------------------------------------------------------------------
OUT="$RESULTS_DIR/one-shot-$STAMP.json"
hf_list=""
for s in "${!HF[@]}"; do hf_list+="$s=$(echo ${HF[$s]} | tr ' ' ',') "; done
export ROUNDS RUNS WARMUP DATE JLAB JLAB_ARGS PEERS FAILED JLAB_SKIPPED
python3 - "$SUBJECTS" "$BENCH_TMP/meta.json" "$hf_list" "$(bench_host_json)" <<'EOF'
import json, os, sys
env = os.environ
hf = {k: v.split(",") for k, v in (kv.split("=", 1) for kv in sys.argv[3].split())}
subjects = {}
for line in open(sys.argv[1]):
    name, label, command, notes, skipped = line.rstrip("\n").split("\t")
    s = {"label": label, "command": command, "notes": notes}
    if name in env["FAILED"].split():
        skipped = "failed under hyperfine"
    if skipped:
        s["skipped"] = skipped
    s["hyperfine_json"] = hf.get(name, [])
    subjects[name] = s
order = ["jlab"] + env["PEERS"].split()
subjects = {k: subjects[k] for k in order if k in subjects}
meta = {
    "benchmark": "one-shot",
    "date": env["DATE"],
    "what": "one-shot: run --rm busybox true, process start included",
    "params": {"rounds": int(env["ROUNDS"]), "runs_per_round": int(env["RUNS"]),
               "warmup": int(env["WARMUP"]), "jlab": env["JLAB"], "jlab_args": env["JLAB_ARGS"]},
    "jlab_skipped": env["JLAB_SKIPPED"] or None,
    "host": json.loads(sys.argv[4]),
    "method": "hyperfine -N (no shell) per subject, ROUNDS calls interleaved across subjects, "
              "samples pooled; median of all runs; ratio = jlab median / peer median",
    "subjects": subjects,
}
json.dump(meta, open(sys.argv[2], "w"), indent=2)
EOF
python3 "$BENCHLIB_PY" one-shot "$BENCH_TMP/meta.json" --out "$OUT" | tee "$RESULTS_DIR/one-shot-$STAMP.md"
bench_msg "results: $OUT"
