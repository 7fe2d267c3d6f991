#!/usr/bin/env bash
# How long `jlab grade` takes on a class's folder (the issue's figure: 500
# submissions under 5 s), beside a peer measured in the same run, interleaved:
# python3 reading the same 500 files, verifying each HMAC (hmac, hashlib:
# the recipe of labs/README.md) and writing the same CSV.
#
# The folder: real results of the four labs from `./jlab lab check --json`
# on this host, turned into 500 submissions of 250 students (1 or 2 labs
# each, about a third with checks failing) and sealed by a Python signer
# that knows only the documented envelope form — so the run also proves
# that a signer in another language makes files jlab verifies. Four are
# written by `./jlab lab submit --out` itself. Every file must verify:
# `jlab grade` must exit 0 with 500 entries, or nothing is reported.
#   bench/grade.sh            (as root: lab check reads other processes' namespaces)
#   N=9 bench/grade.sh        (runs of each, median; default 5)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
N=${N:-5}
COUNT=${COUNT:-500}
[ "$(id -u)" = 0 ] || { echo "grade.sh: run as root (lab check reads other processes' namespaces)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "grade.sh: needs python3" >&2; exit 1; }
work=$(mktemp -d /tmp/jlab-bench-grade.XXXXXX)
# A state directory of its own unless one is given (then it is left as it was found).
[ -n "${JLAB_STATE_DIR:-}" ] || export JLAB_STATE_DIR="$work/state"
trap 'rm -rf "$work"' EXIT
./jlab --version >/dev/null   # builds jlab on first use

mkdir -p "$work/in" "$work/results"
for lab in uts-namespace cgroup-memory cgroup-pids cgroup-cpu; do
  ./jlab lab check --json "$lab" >"$work/results/$lab.json" || true   # not passing here: exit 1, the result is still whole
done
for i in 1 2 3 4; do
  ./jlab lab submit uts-namespace --out "$work/in/jlab-$i.json" --token "token-jlab-$i" --student "jlab-$i" >/dev/null
  echo "jlab-$i,token-jlab-$i" >>"$work/roster.csv"
done

python3 - "$work" "$COUNT" <<'PY'
import copy, hashlib, hmac, json, os, random, sys
work, count = sys.argv[1], int(sys.argv[2])
results = {f[:-5]: json.load(open(os.path.join(work, "results", f))) for f in sorted(os.listdir(os.path.join(work, "results")))}
labs = sorted(results)
rnd = random.Random(42)
def seal(env, token):
    # The signed part: keys sorted, no whitespace, UTF-8; then ,"hmac":"HEX"} and a newline.
    signed = json.dumps(env, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    mac = hmac.new(token.encode(), signed, hashlib.sha256).hexdigest()
    return signed[:-1] + b',"hmac":"' + mac.encode() + b'"}\n'
roster = open(os.path.join(work, "roster.csv"), "a")
made = 4
student = 0
while made < count:
    student += 1
    name, token = "s%04d" % student, "token-%04d-%x" % (student, rnd.getrandbits(64))
    roster.write("%s,%s\n" % (name, token))
    for lab in rnd.sample(labs, 1 if rnd.random() < 0.5 else 2):
        if made >= count: break
        r = copy.deepcopy(results[lab])
        for t in r["tests"]:   # the student's own outcome: about a third fail each check
            passed = rnd.random() > 0.33
            t["result"], t["status"] = ("pass", "passed") if passed else ("fail", "failed")
            t["score"] = float(t["max_score"]) if passed else 0.0
        r["score"] = sum(t["score"] for t in r["tests"])
        r["passed"] = all(t["result"] == "pass" for t in r["tests"])
        env = {"schema": "jlab.submission/v1", "student": name, "lab": lab,
               "submitted_at": "2026-12-02T%02d:%02d:%02dZ" % (8 + made % 8, made % 60, student % 60), "result": r}
        open(os.path.join(work, "in", "%s-%s.json" % (name, lab)), "wb").write(seal(env, token))
        made += 1
PY

cat >"$work/peer.py" <<'PY'
# The peer: what jlab grade does at its least (read, check the form, verify the HMAC, write the CSV), in Python.
import csv, hashlib, hmac, json, os, sys
src, roster_file, out = sys.argv[1:4]
tokens = dict(line.strip().split(",", 1) for line in open(roster_file) if line.strip())
rows, columns = [], set()
for name in sorted(os.listdir(src)):
    data = open(os.path.join(src, name), "rb").read()
    body = data[:-1] if data.endswith(b"\n") else data
    cut = body.rfind(b',"hmac":"')
    env = json.loads(data)
    signed = body[:cut] + b"}"
    mac = hmac.new(tokens[env["student"]].encode(), signed, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(mac, env["hmac"]): sys.exit("peer: %s: tampered" % name)
    r = env["result"]
    checks = {r["lab"] + "/" + t["id"]: t["score"] for t in r["tests"]}
    columns.update(checks)
    rows.append((env["student"], r["lab"], r["score"], r["max_score"], env["submitted_at"], checks))
rows.sort(key=lambda x: (x[0], x[1]))
columns = sorted(columns)
with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["student", "lab", "score", "max", "time"] + columns)
    for s, lab, score, mx, t, checks in rows:
        w.writerow([s, lab, score, mx, t] + [checks.get(c, "") for c in columns])
PY

files=$(ls "$work/in" | wc -l)
./jlab grade "$work/in" --tokens "$work/roster.csv" --out "$work/out" >"$work/first.txt" 2>&1 \
  || { echo "grade.sh: jlab grade did not grade every file cleanly:" >&2; cat "$work/first.txt" >&2; exit 1; }
grep -q "^$COUNT entries, 0 problems" "$work/first.txt" || { echo "grade.sh: expected $COUNT entries:" >&2; cat "$work/first.txt" >&2; exit 1; }
python3 "$work/peer.py" "$work/in" "$work/roster.csv" "$work/peer.csv"
[ "$(wc -l <"$work/peer.csv")" = "$(wc -l <"$work/out/gradebook.csv")" ] || { echo "grade.sh: the peer's CSV and jlab's differ in rows" >&2; exit 1; }

declare -A samples
time_ms() { # time_ms NAME CMD...: one run, appended to samples[NAME]
  local name=$1; shift
  local t0=${EPOCHREALTIME/./}
  "$@" >/dev/null 2>&1 || { echo "grade.sh: '$*' failed" >&2; exit 1; }
  local t1=${EPOCHREALTIME/./}
  samples[$name]+="$(( (t1 - t0) / 1000 )) "
}
for _ in $(seq "$N"); do
  time_ms jlab ./jlab grade "$work/in" --tokens "$work/roster.csv" --out "$work/out"
  time_ms peer python3 "$work/peer.py" "$work/in" "$work/roster.csv" "$work/peer.csv"
  time_ms version ./jlab --version
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m_j=$(median "${samples[jlab]}"); m_p=$(median "${samples[peer]}"); m_v=$(median "${samples[version]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo "grade.sh: medians of $N (ms): ./jlab grade ($files files, $(du -sk "$work/in" | cut -f1) KiB) $m_j; python3 peer $m_p; ./jlab --version $m_v"
echo "| \`jlab grade\` of $files submissions, HMACs verified ($(date +%F)) | $m_j ms | python3 (json, hmac, csv): $m_p ms; \`./jlab --version\`: $m_v ms | $(ratio "$m_j" "$m_p")× ; $(ratio "$m_j" "$m_v")× |"
