#!/usr/bin/env bash
# repl-prompt.sh: how long from starting ./jlab in a terminal until its prompt "jlab> " shows, median of N,
# beside peers measured the same way in the same run: bash's prompt (bash --norc --noprofile -i, PS1 set)
# and python3's (python3 -q). The terminal is tmux: each run is a new tmux session running the command;
# capture-pane is polled every ~5 ms until the prompt is on the screen. The poll and tmux's start are in
# every subject's figure alike: the ratio is what to quote.
#   N=20 JLAB=./jlab bench/repl-prompt.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
N=${N:-20}
JLAB=${JLAB:-./jlab}
command -v tmux >/dev/null || { echo "repl-prompt: tmux missing: apt-get install -y tmux" >&2; exit 1; }
state=$(mktemp -d /tmp/jlab-bench-repl.XXXXXX)
tag="jlab-bench-repl-$$"
cleanup() { tmux kill-session -t "$tag" 2>/dev/null || true; rm -rf "$state"; }
trap cleanup EXIT INT TERM HUP

# time_prompt NAME PATTERN CMD: milliseconds from tmux new-session until a line of the screen matches PATTERN.
time_prompt() {
  local pattern=$1 cmd=$2 start end
  tmux kill-session -t "$tag" 2>/dev/null || true
  start=${EPOCHREALTIME/./}
  tmux new-session -d -s "$tag" -x 120 -y 40 "$cmd"
  until tmux capture-pane -N -p -t "$tag" 2>/dev/null | grep -q "$pattern"; do
    sleep 0.005
    # A subject that never shows its prompt (it failed, or its session ended) stops the benchmark, in one line.
    if (( ${EPOCHREALTIME/./} - start > 30000000 )); then
      echo "repl-prompt: no '$pattern' within 30 s from: $cmd" >&2
      tmux capture-pane -p -t "$tag" 2>/dev/null | grep . | tail -5 >&2 || true
      exit 1
    fi
  done
  end=${EPOCHREALTIME/./}
  tmux kill-session -t "$tag" 2>/dev/null || true
  echo $(( (end - start) / 1000 ))
}

jlab_cmd="env JLAB_STATE_DIR=$state/state JLAB_HISTORY=$state/history $JLAB"
bash_cmd="env PS1='bash\$ ' bash --norc --noprofile -i"
py=$(command -v /usr/bin/python3 || command -v python3)   # the system python: a pyenv shim adds a shell script
python_cmd="$py -q"
$JLAB --version >/dev/null   # builds and makes the class-data archive first, untimed
time_prompt '^jlab> ' "$jlab_cmd" >/dev/null   # warm-up: the page cache, tmux's server
declare -a J B P
for ((i = 0; i < N; i++)); do   # interleaved: a slow minute of the machine hits every subject
  J+=("$(time_prompt '^jlab> ' "$jlab_cmd")")
  B+=("$(time_prompt '^bash\$ ' "$bash_cmd")")
  P+=("$(time_prompt '^>>> ' "$python_cmd")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
spread() { printf '%s\n' "$@" | sort -n | awk 'NR==1{lo=$1} {hi=$1} END {print lo "–" hi " ms"}'; }
jm=$(median "${J[@]}"); bm=$(median "${B[@]}"); pm=$(median "${P[@]}")
date=$(date -u +%F)
echo "| subject | prompt median (N=$N) | spread |"
echo "| --- | --- | --- |"
echo "| jlab (./jlab) | $jm ms | $(spread "${J[@]}") |"
echo "| bash --norc --noprofile -i | $bm ms | $(spread "${B[@]}") |"
echo "| python3 -q | $pm ms | $(spread "${P[@]}") |"
echo
echo "| what | jlab median | peer | peer median | ratio | date |"
echo "| --- | --- | --- | --- | --- | --- |"
echo "| prompt in tmux, median of $N (target 0.5 s) | $jm ms | python3 -q | $pm ms | $(awk -v a="$jm" -v b="$pm" 'BEGIN{printf "%.1fx", a/b}') | $date |"
echo "| prompt in tmux, median of $N | $jm ms | bash -i | $bm ms | $(awk -v a="$jm" -v b="$bm" 'BEGIN{printf "%.0fx", a/b}') | $date |"
