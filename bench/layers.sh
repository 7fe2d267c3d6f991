#!/usr/bin/env bash
# A container's start cost as its image grows from 1 to 20 layers (issue 8: at most 1 ms more per
# layer). jlab runs `run --rm --network none IMAGE true` in one long-lived process (script mode) for
# images of 1, 5, 10 and 20 layers, built by `jlab build` (FROM busybox, then one COPY per layer);
# the per-container cost is the difference of two batch sizes. The peer, measured in the same run:
# the kernel alone, `mount -t overlay` with the same lowerdirs then `umount`, in a bash loop
# (the loop's fork and exec of mount cost the same whatever the layers, so their slope is the kernel's).
#
#   bench/layers.sh            (as root)
#
# Environment: JLAB [./jlab], N1 N2 [10 60] batch sizes, REPS [3] rounds interleaved,
# LAYERS ["1 5 10 20"].
source "$(dirname "$0")/lib.sh"

JLAB=${JLAB:-./jlab}
N1=${N1:-10}
N2=${N2:-60}
REPS=${REPS:-3}
LAYERS=${LAYERS:-"1 5 10 20"}

bench_init layers
DATE=$(bench_today)
export JLAB_STATE_DIR="$BENCH_TMP/state"
jlab() { (cd "$REPO_ROOT" && eval "$JLAB" '"$@"'); }

# --- the images: busybox has one layer; each COPY adds one -----------------------
for n in $LAYERS; do
    ctx="$BENCH_TMP/ctx-$n"
    mkdir -p "$ctx"
    echo "FROM busybox" >"$ctx/Dockerfile"
    for k in $(seq 2 "$n"); do
        echo "layer $k" >"$ctx/f$k"
        echo "COPY f$k /f$k" >>"$ctx/Dockerfile"
    done
    jlab build -q -t "layers:$n" "$ctx" >/dev/null
    got=$(jlab image inspect --layers -q "layers:$n" | wc -l)
    [ "$got" = "$n" ] || bench_die "layers:$n has $got layers"
done

# --- jlab: per container, from two batch sizes in one process --------------------
jlab_batch() { # IMAGE COUNT -> microseconds for COUNT runs in one jlab, its start included
    local image=$1 count=$2 f="$BENCH_TMP/lines-$1-$2"
    for _ in $(seq 1 "$count"); do echo "run --rm --network none $image true"; done >"$f"
    local t0 t1
    t0=$(bench_now_us)
    jlab script "$f" >/dev/null
    t1=$(bench_now_us)
    echo $((t1 - t0))
}

# --- the kernel alone: mount + umount of an overlay with the same lowerdirs --------
mount_batch() { # IMAGE COUNT -> microseconds for COUNT mount+umount
    local image=$1 count=$2 lower upper work target
    lower=$(jlab image inspect --layers -q "$image" | paste -sd:)
    upper="$BENCH_TMP/m-upper" work="$BENCH_TMP/m-work" target="$BENCH_TMP/m-root"
    mkdir -p "$upper" "$work" "$target"
    local t0 t1
    t0=$(bench_now_us)
    for _ in $(seq 1 "$count"); do
        mount -t overlay overlay -o "lowerdir=$lower,upperdir=$upper,workdir=$work" "$target"
        umount "$target"
    done
    t1=$(bench_now_us)
    echo $((t1 - t0))
}

for n in $LAYERS; do jlab run --rm --network none "layers:$n" true >/dev/null; done # warm: layers unpacked
: >"$BENCH_TMP/rounds"
for r in $(seq 1 "$REPS"); do
    for n in $LAYERS; do
        a=$(jlab_batch "layers:$n" "$N1"); b=$(jlab_batch "layers:$n" "$N2")
        c=$(mount_batch "layers:$n" "$N1"); d=$(mount_batch "layers:$n" "$N2")
        printf '%s %s %s\n' "$n" "$(( (b - a) / (N2 - N1) ))" "$(( (d - c) / (N2 - N1) ))" >>"$BENCH_TMP/rounds"
        bench_msg "round $r, $n layers: jlab $(( (b - a) / (N2 - N1) )) us, mount $(( (d - c) / (N2 - N1) )) us per container"
    done
done

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
out="$RESULTS_DIR/layers-$(date +%Y%m%d-%H%M%S).txt"
{
    echo "# bench/layers.sh, $DATE, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); medians of $REPS rounds, $N1 and $N2 containers"
    printf '%-7s %12s %16s\n' layers "jlab (ms)" "overlay mount (ms)"
    first_j="" first_m="" last_j="" last_m="" first_n="" last_n=""
    for n in $LAYERS; do
        j=$(awk -v n="$n" '$1 == n {print $2}' "$BENCH_TMP/rounds" | median)
        m=$(awk -v n="$n" '$1 == n {print $3}' "$BENCH_TMP/rounds" | median)
        awk -v n="$n" -v j="$j" -v m="$m" 'BEGIN {printf "%-7s %12.2f %16.2f\n", n, j / 1000, m / 1000}'
        [ -z "$first_n" ] && first_n=$n first_j=$j first_m=$m
        last_n=$n last_j=$j last_m=$m
    done
    span=$((last_n - first_n))
    awk -v a="$first_j" -v b="$last_j" -v c="$first_m" -v d="$last_m" -v s="$span" 'BEGIN {
        printf "per added layer: jlab %.3f ms, the overlay mount alone %.3f ms (target: jlab at most 1 ms)\n",
            (b - a) / s / 1000, (d - c) / s / 1000 }'
} | tee "$out"
for n in $LAYERS; do jlab rmi "layers:$n" >/dev/null; done
jlab image prune -a >/dev/null
jlab gc >/dev/null
