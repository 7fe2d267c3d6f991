#!/usr/bin/env python3
"""Helpers for the jlab benchmark scripts (Python standard library only).

  edit-spec CONFIG ...      turn `crun spec`'s config.json into the benchmark's bundle
  driver ...                the peers' long-lived process: one container per stdin line
  per-container RAW META    statistics, results JSON and Markdown for per-container.sh
  one-shot META             statistics, results JSON and Markdown for one-shot.sh
"""

import argparse
import ctypes
import datetime
import errno
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys

NAMESPACES = ["pid", "network", "ipc", "uts", "mount", "cgroup"]
MEMORY_LIMIT = 64 * 1024 * 1024
PIDS_LIMIT = 64
CPU_QUOTA = 100000
CPU_PERIOD = 100000


# --- edit-spec ------------------------------------------------------------------------
def edit_spec(a):
    with open(a.config) as f:
        spec = json.load(f)
    proc = spec["process"]
    proc["terminal"] = False
    proc["args"] = a.args or ["/bin/true"]
    spec["root"] = {"path": a.root, "readonly": bool(a.readonly)}
    linux = spec.setdefault("linux", {})
    linux["namespaces"] = [{"type": t} for t in NAMESPACES]
    linux["cgroupsPath"] = a.cgroups_path
    res = linux.setdefault("resources", {})
    if a.limits:
        res["memory"] = {"limit": MEMORY_LIMIT}
        res["pids"] = {"limit": PIDS_LIMIT}
        res["cpu"] = {"quota": CPU_QUOTA, "period": CPU_PERIOD}
    if a.veth_hook:
        hook, name = a.veth_hook
        if len(name) > 15:
            sys.exit(f"edit-spec: link name {name!r} longer than 15 characters")
        spec["hooks"] = {
            "createRuntime": [{"path": hook, "args": ["veth", "add-pid" if os.environ.get("BENCH_VETH_POSTSTOP") == "keep"
                                                      else "add", name], "timeout": 10}],
            # BENCH_VETH_POSTSTOP=keep: the poststop hook deletes nothing, and the kernel removes the
            # pair with the container's dead namespace (what jlab does); del (the default): ip link del
            "poststop": [{"path": hook, "args": ["veth", os.environ.get("BENCH_VETH_POSTSTOP", "del"), name],
                          "timeout": 10}],
        }
    with open(a.config, "w") as f:
        json.dump(spec, f, indent=2)
        f.write("\n")


# --- driver ---------------------------------------------------------------------------
class Overlay:
    """Mounts a fresh overlay (lower = the busybox rootfs) on MERGED before a run,
    unmounts it and removes upper and work after, as an engine would per container."""

    def __init__(self, lower, merged):
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.lower = lower
        self.merged = merged
        base = os.path.dirname(merged.rstrip("/"))
        self.upper = os.path.join(base, "upper")
        self.work = os.path.join(base, "work")
        self.mounted = False
        os.makedirs(merged, exist_ok=True)

    def mount(self):
        os.mkdir(self.upper)
        os.mkdir(self.work)
        opts = f"lowerdir={self.lower},upperdir={self.upper},workdir={self.work}"
        if self.libc.mount(b"overlay", self.merged.encode(), b"overlay", 0, opts.encode()) != 0:
            e = ctypes.get_errno()
            raise OSError(e, f"mount overlay on {self.merged}: {os.strerror(e)}")
        self.mounted = True

    def umount(self):
        if self.mounted:
            if self.libc.umount2(self.merged.encode(), 0) != 0:
                e = ctypes.get_errno()
                if e != errno.EINVAL:  # EINVAL: not mounted any more
                    self.libc.umount2(self.merged.encode(), 2)  # MNT_DETACH
            self.mounted = False
        for d in (self.upper, self.work):
            if os.path.lexists(d):
                shutil.rmtree(d)


def driver(a):
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ov = Overlay(a.overlay_lower, a.overlay_merged) if a.overlay_lower else None
    cmd = [a.runtime, "run", "--bundle", a.bundle, a.id]
    n = 0
    try:
        for line in sys.stdin:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                if ov:
                    ov.mount()
                rc = subprocess.call(cmd, stdin=subprocess.DEVNULL)
            finally:
                if ov:
                    ov.umount()
            if rc != 0:
                print(f"driver: {' '.join(cmd)} exited {rc} at line {n + 1}", file=sys.stderr)
                sys.exit(1)
            n += 1
    except KeyboardInterrupt:
        sys.exit(130)
    if a.count_file:
        with open(a.count_file, "w") as f:
            f.write(f"{n}\n")


# --- statistics -----------------------------------------------------------------------
def stats(xs):
    xs = list(xs)
    if not xs:
        return None
    return {
        "n": len(xs),
        "median": statistics.median(xs),
        "mean": statistics.fmean(xs),
        "stdev": statistics.stdev(xs) if len(xs) > 1 else 0.0,
        "min": min(xs),
        "max": max(xs),
    }


def fmt_ms(x):
    return "—" if x is None else f"{x:.2f} ms"


def fmt_ratio(x):
    return "—" if x is None else f"{x:.2f}×"


def spread(st):
    if not st:
        return ""
    return f"{st['min']:.2f}–{st['max']:.2f} ms, n={st['n']}"


def hyperfine_times_ms(paths):
    out = []
    for p in paths:
        with open(p) as f:
            data = json.load(f)
        for r in data["results"]:
            out.extend(t * 1000.0 for t in r["times"])
    return out


def write_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def load_note(meta):
    """One line on how busy the host was: figures from a busy host move a lot."""
    cpus = meta.get("host", {}).get("cpus") or os.cpu_count()
    start = meta.get("host", {}).get("loadavg_start")
    end = open("/proc/loadavg").read().split()[:3]
    meta.setdefault("host", {})["loadavg_end"] = end
    worst = max(float(x) for x in (start or [])[:1] + end[:1])
    busy = worst > 0.75 * cpus
    return (f"Load average (1 min) {start[0] if start else '?'} at the start, {end[0]} at the end, "
            f"on {cpus} CPUs" + (": **busy host**, absolute times are inflated and spread; "
                                 "compare ratios only, or re-run when it is quiet." if busy else "."))


def table_header():
    return ["| what | jlab median | peer | peer median | ratio | date |",
            "| --- | --- | --- | --- | --- | --- |"]


# --- per-container summary ---------------------------------------------------------------
def per_container(a):
    with open(a.meta) as f:
        meta = json.load(f)
    n1, n2 = meta["params"]["n1"], meta["params"]["n2"]
    runs = {}  # subject -> rep -> n -> microseconds
    with open(a.raw) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            subject, rep, n, us = line.split()
            runs.setdefault(subject, {}).setdefault(int(rep), {})[int(n)] = int(us)
    date = meta["date"]
    subjects = {}
    for name, info in meta["subjects"].items():
        reps = []
        for rep, byn in sorted(runs.get(name, {}).items()):
            if n1 in byn and n2 in byn:
                reps.append({
                    "rep": rep,
                    "t_n1_ms": byn[n1] / 1000.0,
                    "t_n2_ms": byn[n2] / 1000.0,
                    "per_container_ms": (byn[n2] - byn[n1]) / 1000.0 / (n2 - n1),
                })
        s = dict(info)
        s["reps"] = reps
        s["per_container_ms"] = stats(r["per_container_ms"] for r in reps)
        s["t_n1_ms"] = stats(r["t_n1_ms"] for r in reps)
        s["t_n2_ms"] = stats(r["t_n2_ms"] for r in reps)
        hf = info.get("hyperfine_json")
        if hf and all(os.path.exists(p) for p in hf):
            s["hyperfine_ms"] = stats(hyperfine_times_ms(hf))
        subjects[name] = s

    jlab = subjects.get("jlab")
    jl = jlab["per_container_ms"] if jlab else None
    rows = table_header()
    ratios = []
    what = meta["what"]
    for name, s in subjects.items():
        if name == "jlab":
            continue
        pm = s["per_container_ms"]
        ratio = jl["median"] / pm["median"] if jl and pm else None
        per_rep = []
        if jlab and pm:
            byrep = {r["rep"]: r["per_container_ms"] for r in s["reps"]}
            per_rep = [r["per_container_ms"] / byrep[r["rep"]]
                       for r in jlab["reps"] if byrep.get(r["rep"])]
        ratios.append({"peer": name, "ratio": ratio, "per_rep_ratio": stats(per_rep)})
        rows.append(f"| {what} | {fmt_ms(jl['median'] if jl else None)} | {s['label']} | "
                    f"{fmt_ms(pm['median'] if pm else None)} | {fmt_ratio(ratio)} | {date} |")

    detail = ["", "| subject | per container median | spread over reps (min–max) | "
                  "hyperfine per run median | hyperfine spread (min–max) |",
              "| --- | --- | --- | --- | --- |"]
    for name, s in subjects.items():
        pm, hf = s["per_container_ms"], s.get("hyperfine_ms")
        detail.append(f"| {s['label']} | {fmt_ms(pm['median'] if pm else None)} | {spread(pm)} | "
                      f"{fmt_ms(hf['median'] if hf else None)} | {spread(hf)} |")

    if jl:
        detail += ["", "| peer | ratio of medians | ratio per repetition: median | min–max |",
                   "| --- | --- | --- | --- |"]
        for r in ratios:
            pr = r["per_rep_ratio"]
            detail.append(f"| {subjects[r['peer']]['label']} | {fmt_ratio(r['ratio'])} | "
                          f"{fmt_ratio(pr['median'] if pr else None)} | "
                          + (f"{pr['min']:.2f}–{pr['max']:.2f}× |" if pr else "— |"))
    if meta.get("jlab_skipped"):
        detail += ["", f"jlab not measured: {meta['jlab_skipped']}"]
    detail += ["", load_note(meta)]

    result = dict(meta)
    result["subjects"] = subjects
    result["ratios"] = ratios
    result["markdown"] = rows
    result["markdown_detail"] = detail
    write_json(a.out, result)
    print("\n".join(rows + detail))


# --- one-shot summary --------------------------------------------------------------------
def one_shot(a):
    with open(a.meta) as f:
        meta = json.load(f)
    subjects = {}
    for name, info in meta["subjects"].items():
        s = dict(info)
        paths = [p for p in info.get("hyperfine_json", []) if os.path.exists(p)]
        s["ms"] = stats(hyperfine_times_ms(paths)) if paths and not info.get("skipped") else None
        subjects[name] = s
    jlab = subjects.get("jlab")
    jm = jlab["ms"]["median"] if jlab and jlab["ms"] else None
    rows = table_header()
    ratios = []
    for name, s in subjects.items():
        if name == "jlab":
            continue
        pm = s["ms"]["median"] if s["ms"] else None
        ratio = jm / pm if jm and pm else None
        ratios.append({"peer": name, "ratio": ratio})
        label = s["label"] if not s.get("skipped") else f"{s['label']} (skipped: {s['skipped']})"
        rows.append(f"| {meta['what']} | {fmt_ms(jm)} | {label} | {fmt_ms(pm)} | "
                    f"{fmt_ratio(ratio)} | {meta['date']} |")
    detail = ["", "| subject | median | mean ± stdev | spread (min–max) | command |",
              "| --- | --- | --- | --- | --- |"]
    for name, s in subjects.items():
        st = s["ms"]
        ms = f"{st['mean']:.2f} ± {st['stdev']:.2f} ms" if st else "—"
        detail.append(f"| {s['label']} | {fmt_ms(st['median'] if st else None)} | {ms} | "
                      f"{spread(st)} | `{s.get('command', '')}` |")
    if meta.get("jlab_skipped"):
        detail += ["", f"jlab not measured: {meta['jlab_skipped']}"]
    detail += ["", load_note(meta)]
    result = dict(meta)
    result["subjects"] = subjects
    result["ratios"] = ratios
    result["markdown"] = rows
    result["markdown_detail"] = detail
    write_json(a.out, result)
    print("\n".join(rows + detail))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)

    e = sub.add_parser("edit-spec")
    e.add_argument("config")
    e.add_argument("--root", required=True, help="absolute rootfs path (runc refuses relative or symlinked)")
    e.add_argument("--readonly", type=int, default=0)
    e.add_argument("--cgroups-path", required=True)
    e.add_argument("--limits", action="store_true", help="memory 64 MiB, pids 64, cpu 100000/100000")
    e.add_argument("--veth-hook", nargs=2, metavar=("HOOK", "LINK"))
    e.add_argument("--args", nargs=argparse.REMAINDER)
    e.set_defaults(fn=edit_spec)

    d = sub.add_parser("driver")
    d.add_argument("--runtime", required=True)
    d.add_argument("--bundle", required=True)
    d.add_argument("--id", required=True)
    d.add_argument("--overlay-lower")
    d.add_argument("--overlay-merged")
    d.add_argument("--count-file")
    d.set_defaults(fn=driver)

    s = sub.add_parser("per-container")
    s.add_argument("raw")
    s.add_argument("meta")
    s.add_argument("--out", required=True)
    s.set_defaults(fn=per_container)

    o = sub.add_parser("one-shot")
    o.add_argument("meta")
    o.add_argument("--out", required=True)
    o.set_defaults(fn=one_shot)

    a = p.parse_args()
    if a.cmd == "driver" and bool(a.overlay_lower) != bool(a.overlay_merged):
        p.error("--overlay-lower and --overlay-merged go together")
    a.fn(a)


if __name__ == "__main__":
    main()
