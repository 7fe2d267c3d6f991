#!/usr/bin/env bash
# Stand-in for ./jlab, to prove the benchmark scripts' arithmetic before jlab
# exists. Behaves like the jlab contract the scripts rely on:
#   fake-jlab.sh run --rm busybox true     one command from the arguments
#   fake-jlab.sh < lines                   one command per stdin line
# Knobs:
#   FAKE_JLAB_STARTUP  seconds slept once at start, like a JVM start [0.3]
#   FAKE_JLAB_EACH     what one `run` line costs:
#                        wait:SECONDS   a known cost without a fork: bash's read -t
#                                       on a FIFO nobody writes (the self-test's)
#                        sleep:SECONDS  the same plus a fork+exec of sleep
#                        true           fork+exec of /bin/true
#                        crun           crun run of $BENCH_FAKE_BUNDLE (made by the
#                                       calling script), so its figure must match crun's
set -eu
each=${FAKE_JLAB_EACH:-true}

if [ "$each" = crun ] && [ -z "${FAKE_JLAB_IN_NS:-}" ] &&
   [ "$(stat -f -c %T /sys/fs/cgroup)" = tmpfs ] &&
   [ "$(stat -f -c %T /sys/fs/cgroup/unified 2>/dev/null || echo none)" = cgroup2fs ]; then
    # hybrid cgroups: crun needs the cgroup2 mount gone (see bench/lib.sh bench_crun_ns)
    export FAKE_JLAB_IN_NS=1
    exec unshare -m --propagation private -- sh -c \
        'umount /sys/fs/cgroup/unified || exit 125; exec "$@"' fake-jlab "$0" "$@"
fi

sleep "${FAKE_JLAB_STARTUP:-0.3}"
case "$each" in wait:*)
    fifo=$(mktemp -u /tmp/fake-jlab.XXXXXX) && mkfifo "$fifo" && exec 9<>"$fifo" && rm -f "$fifo" ;;
esac

run_one() {
    case "$each" in
        wait:*) read -r -t "${each#wait:}" -u 9 _ || true ;;
        sleep:*) sleep "${each#sleep:}" ;;
        true) /bin/true ;;
        crun) crun run --bundle "${BENCH_FAKE_BUNDLE:?no bundle: run me from per-container.sh or one-shot.sh}" \
                  "${BENCH_FAKE_ID:-fake-jlab}" </dev/null ;;
        *) echo "fake-jlab: FAKE_JLAB_EACH=$each?" >&2; return 125 ;;
    esac
}

if [ $# -gt 0 ]; then
    case "$1" in run) run_one; exit $? ;; *) echo "fake-jlab: only 'run' here" >&2; exit 125 ;; esac
fi
n=0
while IFS= read -r line; do
    case "$line" in
        ''|'#'*) continue ;;
        run\ *) run_one || exit 125 ;;
        *) echo "fake-jlab: unknown command: $line" >&2; exit 125 ;;
    esac
    n=$((n + 1))
done
