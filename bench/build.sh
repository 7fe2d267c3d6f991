#!/usr/bin/env bash
# A rebuild with a warm cache: `jlab build` of a five-instruction Dockerfile
# (FROM, ENV, COPY, RUN, CMD) whose every step is in the cache, beside
# `podman build` of the same Dockerfile, also warm, measured in the same run,
# interleaved. See bench/README.md.
#
#   bench/build.sh            (as root, from anywhere)
#
# jlab is measured two ways:
#   in one process   N `build -q` lines on jlab's standard input (script mode,
#                    one JVM); each build prints its image's ID when it is done,
#                    and the time between two IDs is one build: the JVM's start
#                    is before the first ID and counts in none (the first build,
#                    which warms the JIT, is left out); the round's figure is
#                    the median of the N - 1 intervals;
#   one-shot         `$JLAB build ...`: the JVM's start included, as podman's
#                    own start is in each of its builds.
# Target: under 200 ms per cached step in one process.
#
# Environment (defaults in brackets):
#   JLAB        jlab's command line from the repository root
#               [java -jar shell/target/jlab.jar: build it first with
#               ./mvnw -o -q -B package -DskipTests -pl shell -am]
#   ROUNDS      rounds, subjects interleaved in each [5]
#   N           builds per jlab process [12]
#   RUNS        podman builds and jlab one-shot builds per round [5]
#   PODMAN=skip don't measure podman
#   PODMAN_DRIVER  podman's storage driver [overlay; vfs if overlay fails]
source "$(dirname "$0")/lib.sh"

JLAB=${JLAB:-java -jar shell/target/jlab.jar}
ROUNDS=${ROUNDS:-5}
N=${N:-12}
RUNS=${RUNS:-5}
PODMAN=${PODMAN:-auto}
PODMAN_DRIVER=${PODMAN_DRIVER:-overlay}

bench_init build
DATE=$(bench_today)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
TAG="jlab-bench-build-$BENCH_TAG"
CTX="$BENCH_TMP/ctx"
mkdir -p "$CTX"
printf '#!/bin/sh\necho "built at step RUN"\n' >"$CTX/app.sh"

# The same five instructions for both; only the base image's name differs.
dockerfile() {
    cat <<EOF
FROM $1
ENV GREETING=hello
COPY app.sh /app/
RUN sh /app/app.sh > /app/out
CMD ["cat", "/app/out"]
EOF
}
dockerfile busybox >"$CTX/jlab.Dockerfile"

export JLAB_STATE_DIR="$BENCH_TMP/jlab-state"
jlab() { (cd "$REPO_ROOT" && eval "$JLAB \"\$@\""); }
jlab_cleanup() {
    [ -d "$JLAB_STATE_DIR" ] || return 0
    jlab gc >/dev/null 2>&1 || true
    rm -rf --one-file-system "$JLAB_STATE_DIR"
}
PODMAN_ROOT="$BENCH_TMP/podman-root"
PODMAN_RUN="$BENCH_TMP/podman-run"
podman_cmd() {
    podman --root "$PODMAN_ROOT" --runroot "$PODMAN_RUN" --storage-driver "$PODMAN_DRIVER" \
        --cgroup-manager cgroupfs --events-backend none "$@"
}
cleanup_build() {
    local rc=$?
    jlab_cleanup
    if [ -d "$PODMAN_ROOT" ]; then
        podman_cmd rmi -a -f >/dev/null 2>&1 || true
        # the storage driver's mounts under our temp dir go with bench_cleanup's umount loop
    fi
    bench_cleanup
    return "$rc"
}
trap cleanup_build EXIT

JLAB_LINE="build -q -t $TAG -f $CTX/jlab.Dockerfile $CTX"
# --- jlab: the first build fills the cache; it must then hit it on every step -------
bench_msg "jlab: first build (fills the cache)"
jlab build -t "$TAG" -f "$CTX/jlab.Dockerfile" "$CTX" >"$BENCH_TMP/jlab-first.out" 2>&1 ||
    { cat "$BENCH_TMP/jlab-first.out" >&2; bench_die "jlab build failed"; }
jlab build -t "$TAG" -f "$CTX/jlab.Dockerfile" "$CTX" >"$BENCH_TMP/jlab-second.out" 2>&1
cached=$(grep -c -- '---> Using cache' "$BENCH_TMP/jlab-second.out" || true)
[ "$cached" = 4 ] || { cat "$BENCH_TMP/jlab-second.out" >&2; bench_die "jlab's rebuild used the cache on $cached steps, not 4"; }
[ "$(jlab run --rm "$TAG")" = "built at step RUN" ] || bench_die "the image jlab built does not run as built"

# --- podman ---------------------------------------------------------------------------
PODMAN_VER=""
PODMAN_SKIPPED=""
podman_setup() {
    if [ "$PODMAN" = skip ]; then PODMAN_SKIPPED="PODMAN=skip"; return; fi
    if ! command -v podman >/dev/null 2>&1; then
        bench_msg "podman missing: apt-get install -y podman (PODMAN=skip to avoid)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman >"$BENCH_TMP/podman-install.log" 2>&1 ||
            { PODMAN_SKIPPED="apt-get install -y podman failed"; return; }
    fi
    PODMAN_VER=$(podman --version | awk '{print $3}')
    # podman's base image: the same busybox rootfs, imported (no registry)
    bench_make_rootfs "$BENCH_TMP/rootfs"
    local drv
    for drv in "$PODMAN_DRIVER" vfs; do
        PODMAN_DRIVER=$drv
        if tar -C "$BENCH_TMP/rootfs" -c . | podman_cmd import - "localhost/$TAG-base" >"$BENCH_TMP/podman-import.log" 2>&1; then
            break
        fi
        bench_msg "podman import with --storage-driver $drv failed: $(tail -n 1 "$BENCH_TMP/podman-import.log")"
        rm -rf "$PODMAN_ROOT" "$PODMAN_RUN"
        [ "$drv" = vfs ] && { PODMAN_SKIPPED="podman import failed"; return; }
    done
    dockerfile "localhost/$TAG-base" >"$CTX/podman.Dockerfile"
    # chroot isolation: RUN needs no OCI runtime (crun refuses this host's hybrid cgroups); its network is the
    # host's (podman allows no other with chroot) — irrelevant here, RUN is cached
    PODMAN_BUILD=(build --layers --isolation chroot -q -t "$TAG" -f "$CTX/podman.Dockerfile" "$CTX")
    podman_cmd "${PODMAN_BUILD[@]}" >"$BENCH_TMP/podman-first.out" 2>&1 ||
        { PODMAN_SKIPPED="podman build failed: $(tail -n 1 "$BENCH_TMP/podman-first.out")"; return; }
    podman_cmd build --layers --isolation chroot -t "$TAG" -f "$CTX/podman.Dockerfile" "$CTX" \
        >"$BENCH_TMP/podman-second.out" 2>&1
    local hits
    hits=$(grep -c -- '--> Using cache' "$BENCH_TMP/podman-second.out" || true)
    [ "$hits" -ge 4 ] || { PODMAN_SKIPPED="podman's rebuild used its cache on $hits steps, not 4"; return; }
}
podman_setup
[ -n "$PODMAN_SKIPPED" ] && bench_msg "podman not measured: $PODMAN_SKIPPED"

# --- the rounds -------------------------------------------------------------------------
ms_since() { echo $(( ($(bench_now_us) - $1) / 1000 )); }
jlab_intervals() {   # jlab_intervals N: N rebuilds in one jlab; prints the ms between two IDs, N - 1 of them
    local n=$1 t prev=""
    for _ in $(seq "$n"); do echo "$JLAB_LINE"; done >"$BENCH_TMP/lines"
    jlab <"$BENCH_TMP/lines" 2>"$BENCH_TMP/batch.err" | while IFS= read -r id; do
        t=$(bench_now_us)
        echo "$id" >>"$BENCH_TMP/batch.ids"
        [ -n "$prev" ] && echo $(( (t - prev) / 1000 ))
        prev=$t
    done
    [ "$(sort -u "$BENCH_TMP/batch.ids" | wc -l)" = 1 ] || bench_die "jlab's rebuilds gave different images (or none)"
    [ "$(wc -l <"$BENCH_TMP/batch.ids")" = "$n" ] || { cat "$BENCH_TMP/batch.err" >&2; bench_die "jlab's batch of $n builds failed"; }
    rm -f "$BENCH_TMP/batch.ids"
}
one() {          # one CMD...: ms of one run
    local t0
    t0=$(bench_now_us)
    "$@" >/dev/null 2>"$BENCH_TMP/one.err" || { cat "$BENCH_TMP/one.err" >&2; bench_die "'$*' failed"; }
    ms_since "$t0"
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -a PER_BUILD ONE_SHOT PODMAN_MS
for r in $(seq "$ROUNDS"); do
    intervals=$(jlab_intervals "$N" | tr '\n' ' ') || { cat "$BENCH_TMP/batch.err" >&2; bench_die "jlab's batch failed"; }
    [ -n "${intervals// /}" ] || bench_die "jlab's batch of $N builds printed no IDs"
    PER_BUILD+=("$(median "$intervals")")
    s=""
    for _ in $(seq "$RUNS"); do s+="$(one jlab $JLAB_LINE) "; done
    ONE_SHOT+=("$(median "$s")")
    if [ -z "$PODMAN_SKIPPED" ]; then
        s=""
        for _ in $(seq "$RUNS"); do s+="$(one podman_cmd "${PODMAN_BUILD[@]}") "; done
        PODMAN_MS+=("$(median "$s")")
    fi
    bench_msg "round $r: jlab in one process ${PER_BUILD[-1]} ms/build (between IDs: $intervals); one-shot ${ONE_SHOT[-1]} ms;" \
        "podman ${PODMAN_MS[-1]:-skipped} ms; load $(cut -d' ' -f1 /proc/loadavg)"
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

m_build=$(median "${PER_BUILD[*]}")
m_one=$(median "${ONE_SHOT[*]}")
per_step=$(awk -v m="$m_build" 'BEGIN {printf "%.1f", m / 4}')
range() { tr ' ' '\n' <<<"$1" | grep . | sort -n | sed -n '1p;$p' | paste -sd'-'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo "build.sh ($DATE, $(nproc) CPUs, load $LOAD_START -> $LOAD_END): medians of $ROUNDS rounds"
echo "  jlab, one process: $m_build ms per rebuild (range $(range "${PER_BUILD[*]}")), $per_step ms per cached step (target < 200)"
echo "  jlab, one-shot (JVM start included): $m_one ms (range $(range "${ONE_SHOT[*]}"))"
if [ -z "$PODMAN_SKIPPED" ]; then
    m_pod=$(median "${PODMAN_MS[*]}")
    echo "  podman $PODMAN_VER build --layers --isolation chroot ($PODMAN_DRIVER): $m_pod ms (range $(range "${PODMAN_MS[*]}"))"
    echo "| rebuild with a warm cache ($DATE, load $LOAD_START): \`build\` of FROM, ENV, COPY, RUN, CMD, every step cached, in one jlab (script mode) | $m_build ms ($per_step ms per cached step) | podman $PODMAN_VER \`build --layers --isolation chroot\` ($PODMAN_DRIVER), warm: $m_pod ms | **$(ratio "$m_build" "$m_pod")×** |"
    echo "| the same, one-shot: \`$JLAB build -q ...\`, JVM start included | $m_one ms | podman, as above: $m_pod ms | $(ratio "$m_one" "$m_pod")× |"
else
    echo "  podman not measured: $PODMAN_SKIPPED"
fi
awk -v m="$per_step" 'BEGIN {exit !(m < 200)}' || bench_msg "over the target: $per_step ms per cached step (200)"
