#!/usr/bin/env bash
# repl-completion.sh: how long Tab takes to answer at jlab's prompt, median of N: in tmux, type "ru",
# send Tab, time until "run" shows on the prompt line (capture-pane polled every ~1 ms). The peer is
# bash completing a builtin the same way ("unse" Tab → "unset"), in the same run. tmux's send-keys and
# capture-pane are in both figures: the difference between them, and the ratio, are what to quote.
#   N=20 JLAB=./jlab bench/repl-completion.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
N=${N:-20}
JLAB=${JLAB:-./jlab}
command -v tmux >/dev/null || { echo "repl-completion: tmux missing: apt-get install -y tmux" >&2; exit 1; }
state=$(mktemp -d /tmp/jlab-bench-repl.XXXXXX)
tj="jlab-bench-tab-$$"; tb="bash-bench-tab-$$"
cleanup() { tmux kill-session -t "$tj" 2>/dev/null || true; tmux kill-session -t "$tb" 2>/dev/null || true; rm -rf "$state"; }
trap cleanup EXIT INT TERM HUP

await() { # await SESSION PATTERN: until a line of the screen (trailing spaces trimmed) matches
  until tmux capture-pane -p -t "$1" 2>/dev/null | grep -q "$2"; do sleep 0.001; done
}
# one_tab SESSION PROMPT TYPED COMPLETED: ms (3 decimals) from Tab until "PROMPT COMPLETED" shows; then clears the line.
one_tab() {
  local s=$1 prompt=$2 typed=$3 done=$4 start end
  tmux send-keys -t "$s" "$typed"
  await "$s" "^$prompt$typed\$"
  start=${EPOCHREALTIME/./}
  tmux send-keys -t "$s" Tab
  await "$s" "^$prompt$done"
  end=${EPOCHREALTIME/./}
  tmux send-keys -t "$s" C-u
  await "$s" "^${prompt% }\$"
  awk -v us=$((end - start)) 'BEGIN{printf "%.1f\n", us/1000}'
}

$JLAB --version >/dev/null   # build and class-data archive first
tmux new-session -d -s "$tj" -x 120 -y 40 "env JLAB_STATE_DIR=$state/state JLAB_HISTORY=$state/history $JLAB"
tmux new-session -d -s "$tb" -x 120 -y 40 "env PS1='bash\$ ' bash --norc --noprofile -i"
await "$tj" '^jlab>$'; await "$tb" '^bash\$$'
one_tab "$tj" 'jlab> ' ru run >/dev/null; one_tab "$tb" 'bash\$ ' unse unset >/dev/null   # warm-up (JIT, first class loads)
declare -a J B
for ((i = 0; i < N; i++)); do
  J+=("$(one_tab "$tj" 'jlab> ' ru run)")
  B+=("$(one_tab "$tb" 'bash\$ ' unse unset)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
spread() { printf '%s\n' "$@" | sort -n | awk 'NR==1{lo=$1} {hi=$1} END {print lo "–" hi " ms"}'; }
jm=$(median "${J[@]}"); bm=$(median "${B[@]}")
date=$(date -u +%F)
echo "| subject | Tab to answer, median (N=$N) | spread |"
echo "| --- | --- | --- |"
echo "| jlab: ru Tab → run | $jm ms | $(spread "${J[@]}") |"
echo "| bash: unse Tab → unset | $bm ms | $(spread "${B[@]}") |"
echo
echo "| what | jlab median | peer | peer median | ratio | date |"
echo "| --- | --- | --- | --- | --- | --- |"
echo "| completion (Tab) in tmux, median of $N (target 50 ms) | $jm ms | bash, a builtin | $bm ms | $(awk -v a="$jm" -v b="$bm" 'BEGIN{printf "%.1fx", a/b}') | $date |"
