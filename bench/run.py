#!/usr/bin/env python3
"""The benchmark of issue #8 (docs/performance.md): collab's commands beside a floor, at three scales.

    python3 bench/run.py [--scales S,M,L] [--runs N] [--collab PATH] [--floor PATH] [--json OUT]
                         [--cache DIR] [--seed N]

For each scale it generates a synthetic collaborative with bench/generate.py (or reuses the one in the
cache folder, keyed by scale, seed and the generator's own hash), then runs the floor (collab_floor: every
YAML file loaded with yaml-cpp, one thread) and each command N times, round-robin, and prints per command
the median wall time, its ratio to the floor's median, the median CPU time (user + system), the peak RSS (the largest of its runs, from GNU
time's %M: see run_once) and that RSS over the bytes of YAML read; then the L/M time ratios beside the L/M data-size
ratio. The issue's targets are marked (`ok`/`MISS`) but never change the exit status: it is non-zero only
when generation or a command fails (a correctness failure, not a performance one).

Commands, as a real run uses them (outputs to /dev/null; the as-of day is the collaborative's end):

    validate     collab -C DIR validate
    score-eoi    collab -C DIR score-eoi --dry-run        (the rubric's aggregation and z-scores)
    schedule     collab -C DIR schedule
    metrics      collab -C DIR metrics --as-of END
    report       collab -C DIR report --format markdown -o TMP/report --as-of END   (SOURCE_DATE_EPOCH set)

Only the standard library is used.
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GENERATOR = os.path.join(HERE, "generate.py")
COMMANDS = ["validate", "score-eoi", "schedule", "metrics", "report"]
# The targets.
L_FLOOR_RATIO = 1.0     # at L, each command's wall time at most 1.0x the floor's
L_RSS_RATIO = 3.0       # at L, peak RSS at most 3x the bytes of YAML read
S_WALL_MS = 50.0        # at S, every command under 50 ms
LINEAR_SLACK = 1.2      # the L/M time ratio within 1.2x of the L/M data-size ratio
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None  # GNU time (Debian: time)


def find_binary(given, candidates):
    if given:
        return os.path.abspath(given)
    for c in candidates:
        p = os.path.join(REPO, c)
        if os.access(p, os.X_OK):
            return p
    sys.exit(f"run.py: cannot find {candidates[0]}; build it or pass its path")


def generator_hash():
    with open(GENERATOR, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:12]


def collaborative(cache, scale, seed):
    """The generated folder for a scale: reused when the cache has it, else generated (atomically)."""
    path = os.path.join(cache, f"{scale}-seed{seed}-{generator_hash()}")
    if os.path.isdir(path):
        return path, None
    os.makedirs(cache, exist_ok=True)
    for old in os.listdir(cache):  # made by an earlier generate.py: stale
        if old.startswith(f"{scale}-seed{seed}-"):
            shutil.rmtree(os.path.join(cache, old), ignore_errors=True)
    tmp = tempfile.mkdtemp(prefix=f".{scale}-", dir=cache)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, GENERATOR, scale, tmp, "--seed", str(seed)], capture_output=True, text=True)
    took = time.perf_counter() - t0
    if r.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        sys.exit(f"run.py: bench/generate.py {scale} failed:\n{r.stderr}")
    os.rename(tmp, path)
    return path, took


def yaml_bytes(root):
    """Files and bytes of the YAML files collab reads (hidden entries skipped), as collab_floor counts."""
    files = size = 0
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for n in names:
            if not n.startswith(".") and (n.endswith(".yaml") or n.endswith(".yml")):
                files += 1
                size += os.path.getsize(os.path.join(folder, n))
    return files, size


def end_date(root):
    with open(os.path.join(root, "collab.yaml"), encoding="utf-8") as f:
        m = re.search(r"^end: (\d{4}-\d\d-\d\d)$", f.read(), re.M)
    return m.group(1)


def run_once(argv, env, errfile, rssfile):
    """Runs argv with stdout to /dev/null and stderr to errfile. Returns (exit code, wall s, CPU s, maxrss KiB);
    CPU is user + system time of the command (and of GNU time, a millisecond).

    The peak RSS comes from GNU time (`-f %M`), which forks the command from its own small process. The
    rusage that os.wait4 gives for a child spawned from Python is not usable: Linux keeps a process's
    high-water RSS across exec, so a child forked (or vforked) from Python starts with Python's RSS as its
    peak (about 20 MB, more than collab_floor needs). Without GNU time, that wait4 figure is used and
    marked as an upper bound."""
    if TIME:
        argv = [TIME, "-f", "%M", "-o", rssfile, "--"] + argv
    actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
               (os.POSIX_SPAWN_OPEN, 2, errfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)]
    t0 = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    cpu = usage.ru_utime + usage.ru_stime
    rss = usage.ru_maxrss
    if TIME:
        with open(rssfile, encoding="utf-8") as f:
            rss = int(f.read().split()[-1])  # after "Command exited with non-zero status N" when it failed
    return os.waitstatus_to_exitcode(status), wall, cpu, rss


def command_lines(collab, floor, root, out_dir, end):
    return {
        "floor": [floor, root],
        "validate": [collab, "-C", root, "validate"],
        "score-eoi": [collab, "-C", root, "score-eoi", "--dry-run"],
        "schedule": [collab, "-C", root, "schedule"],
        "metrics": [collab, "-C", root, "metrics", "--as-of", end],
        "report": [collab, "-C", root, "report", "--format", "markdown", "-o", os.path.join(out_dir, "report"),
                   "--as-of", end],
    }


def bench_scale(scale, args, collab, floor, env, work):
    root, gen_s = collaborative(args.cache, scale, args.seed)
    files, size = yaml_bytes(root)
    end = end_date(root)
    note = f"generated in {gen_s:.1f} s" if gen_s is not None else "reused from the cache"
    print(f"scale {scale}: {root}: {files} files, {size / 1e6:.1f} MB of YAML ({note})", flush=True)
    errfile = os.path.join(work, "stderr.txt")
    rssfile = os.path.join(work, "rss.txt")
    lines = command_lines(collab, floor, root, work, end)
    # One untimed floor run first: the files are then in the page cache for every timed run.
    code, _, _, _ = run_once(lines["floor"], env, errfile, rssfile)
    if code != 0:
        with open(errfile, encoding="utf-8", errors="replace") as f:
            sys.exit(f"run.py: the floor failed at scale {scale} (exit {code}):\n{f.read()}")
    results = {name: {"wall_s": [], "cpu_s": [], "maxrss_kib": [], "exit": []} for name in lines}
    failures = []
    for r in range(args.runs):
        for name, argv in lines.items():
            if name == "report":
                shutil.rmtree(os.path.join(work, "report"), ignore_errors=True)
            code, wall, cpu, rss = run_once(argv, env, errfile, rssfile)
            res = results[name]
            res["wall_s"].append(wall)
            res["cpu_s"].append(cpu)
            res["maxrss_kib"].append(rss)
            res["exit"].append(code)
            if code != 0:
                with open(errfile, encoding="utf-8", errors="replace") as f:
                    tail = f.read()[-2000:]
                failures.append(f"{scale} {name} (run {r + 1}): exit {code}: {' '.join(argv)}\n{tail}")
    for res in results.values():
        res["median_ms"] = statistics.median(res["wall_s"]) * 1000
        res["median_cpu_ms"] = statistics.median(res["cpu_s"]) * 1000
        res["peak_rss_kib"] = max(res["maxrss_kib"])
    return {"root": root, "files": files, "yaml_bytes": size, "as_of": end, "generation_s": gen_s,
            "commands": results}, failures


def fmt_table(scale, data):
    floor_ms = data["commands"]["floor"]["median_ms"]
    size = data["yaml_bytes"]
    out = [f"\nscale {scale}: {data['files']} files, {size / 1e6:.2f} MB of YAML; median of "
           f"{len(data['commands']['floor']['wall_s'])} run(s)",
           f"{'command':<11} {'wall ms':>10} {'x floor':>8} {'cpu ms':>10} {'peak RSS MB':>12} {'RSS/YAML':>9}  targets"]
    for name, res in data["commands"].items():
        ms, rss = res["median_ms"], res["peak_rss_kib"] * 1024
        ratio, per_byte = ms / floor_ms, rss / size
        marks = []
        if name != "floor":
            if scale == "L":
                marks.append(f"time {'ok' if ratio <= L_FLOOR_RATIO else 'MISS'}")
                marks.append(f"RSS {'ok' if per_byte <= L_RSS_RATIO else 'MISS'}")
            if scale == "S":
                marks.append(f"<50ms {'ok' if ms < S_WALL_MS else 'MISS'}")
        out.append(f"{name:<11} {ms:>10.1f} {ratio:>8.2f} {res['median_cpu_ms']:>10.1f} {rss / 2**20:>12.1f} "
                   f"{per_byte:>9.2f}  {' '.join(marks)}")
    return "\n".join(out)


def fmt_growth(all_data):
    m, l = all_data["M"], all_data["L"]
    data_ratio = l["yaml_bytes"] / m["yaml_bytes"]
    out = [f"\nL/M: data-size ratio {data_ratio:.2f} (bytes of YAML); wall and CPU time ratios per command, and "
           f"their quotients by the data-size ratio (target <= {LINEAR_SLACK}; CPU time is less disturbed by other "
           f"work on the machine)",
           f"{'command':<11} {'L/M wall':>9} {'/ data':>7} {'L/M cpu':>8} {'/ data':>7}  target (wall, cpu)"]
    growth = {}
    for name in l["commands"]:
        lc, mc = l["commands"][name], m["commands"][name]
        tr = lc["median_ms"] / mc["median_ms"]
        cr = lc["median_cpu_ms"] / mc["median_cpu_ms"]
        q, qc = tr / data_ratio, cr / data_ratio
        growth[name] = {"time_ratio": tr, "over_data_ratio": q, "cpu_ratio": cr, "cpu_over_data_ratio": qc}
        out.append(f"{name:<11} {tr:>9.2f} {q:>7.2f} {cr:>8.2f} {qc:>7.2f}  "
                   f"{'ok' if q <= LINEAR_SLACK else 'MISS'}, {'ok' if qc <= LINEAR_SLACK else 'MISS'}")
    return "\n".join(out), {"data_ratio": data_ratio, "commands": growth}


def machine():
    info = {"nproc": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()}
    try:
        model = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        m = re.search(r"^Model name:\s*(.+)$", model, re.M)
        info["cpu"] = m.group(1).strip() if m else ""
    except OSError:
        info["cpu"] = ""
    try:
        with open("/proc/meminfo") as f:
            info["mem_total_kib"] = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
    except (OSError, AttributeError):
        pass
    return info


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", default="S,M", help="comma-separated scales among S, M, L (default S,M)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs of each command (default 5)")
    ap.add_argument("--collab", help="the collab binary (default: build-rel/cli/collab, else build/cli/collab)")
    ap.add_argument("--floor", help="collab_floor (default: build-rel/bench/collab_floor, else build/...)")
    ap.add_argument("--json", help="write every figure to this JSON file")
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), f"collab-bench-{os.getuid()}"),
                    help="where generated collaboratives are kept and reused (default: /tmp/collab-bench-UID)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    if not scales or any(s not in ("S", "M", "L") for s in scales) or args.runs < 1:
        ap.error("--scales takes S, M and/or L; --runs at least 1")
    collab = find_binary(args.collab, ["build-rel/cli/collab", "build/cli/collab"])
    floor = find_binary(args.floor, ["build-rel/bench/collab_floor", "build/bench/collab_floor"])
    env = dict(os.environ)
    env.pop("COLLAB_DIR", None)
    env["NO_COLOR"] = "1"
    env["SOURCE_DATE_EPOCH"] = "1767225600"  # 2026-01-01T00:00Z: reports are reproducible

    info = machine()
    if not TIME:
        print("run.py: GNU time (/usr/bin/time, Debian package time) is missing: peak RSS is os.wait4's, an upper "
              "bound that includes this Python process's RSS", file=sys.stderr)
    print(f"collab {collab}\nfloor  {floor}\nmachine: {info['nproc']} CPU(s), {info.get('cpu', '')}; "
          f"load average {os.getloadavg()[0]:.2f} at start", flush=True)
    report = {"started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "machine": info,
              "load_start": os.getloadavg(), "runs": args.runs, "seed": args.seed, "collab": collab,
              "floor": floor, "rss_from": "GNU time %M" if TIME else "os.wait4 (upper bound)",
              "scales": {}}
    failures = []
    with tempfile.TemporaryDirectory(prefix="collab-bench-run-") as work:
        for scale in scales:
            data, failed = bench_scale(scale, args, collab, floor, env, work)
            report["scales"][scale] = data
            failures += failed
            print(fmt_table(scale, data), flush=True)
    if "M" in report["scales"] and "L" in report["scales"]:
        text, growth = fmt_growth(report["scales"])
        report["growth_l_over_m"] = growth
        print(text)
    report["load_end"] = os.getloadavg()
    print(f"\nload average {report['load_end'][0]:.2f} at the end (other work on the machine skews the times)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)
            f.write("\n")
    if failures:
        print("\nFAILED (a correctness failure, not a performance one):", file=sys.stderr)
        for f in failures:
            print(f, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
