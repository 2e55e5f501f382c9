#!/usr/bin/env python3
"""Where a collab command spends its CPU time, by phase, from a `perf record` profile (docs/performance.md).

    perf record -e cpu-clock -F 400 --call-graph dwarf,16384 -o OUT.data \\
        build-rel/cli/collab -C DIR validate
    python3 bench/perf_phases.py OUT.data              # share of samples per phase
    python3 bench/perf_phases.py OUT.data --within collab::metrics::   # functions under a frame

Each sample's call stack is put in the first phase (in the order of PHASES) one of whose frames it holds,
so the shares add up to 100%. `--within TEXT` lists, for the samples with a frame containing TEXT, the
functions on their stacks and the share of all samples each one is on (an inclusive profile). Needs
perf (Debian: linux-perf) and symbols in the binary (a Release build has them unless stripped).
"""

import argparse
import collections
import subprocess
import sys

# (phase, frames that put a sample in it, optional sub-phases (name, frames)); the first match wins.
PHASES = [
    ("schema: valijson", ["SchemaSet::validate"], [
        ("std::regex compiled (one valijson::Validator per file)", ["regex_traits<char> >::_Compiler", "basic_regex"]),
        ("std::regex matched", ["_Executor", "regex_match", "regex_search"]),
    ]),
    ("yaml-cpp parse (YAML::LoadAll)", ["YAML::LoadAll", "YAML::Load"], []),
    ("convert: YAML nodes to nlohmann::json", ["Converter::convert"], [
        ("resolve_plain (std::regex per plain scalar)", ["resolve_plain"]),
        ("position maps (JSON pointer -> line, column)", ["set_value_position", "set_key_position", "_Hashtable",
                                                          "_Map_base"]),
    ]),
    ("text checks (UTF-8, stray commas)", ["check_text", "stray_comma"], []),
    ("reading files", ["read_file_limited"], []),
    ("freeing the project at exit", ["~Project", "~YamlDocument"], []),
    ("cross-reference checks", ["check_project", "collab::check::"], []),
    ("model: load_project (the rest)", ["load_project"], []),
    ("writing files", ["write_files", "write_file_atomic", "write_and_sync"], []),
    ("report: rendering", ["render_markdown", "render_html", "collab::report::series_svg", "_svg"], []),
    ("report: building its data", ["collab::report::"], []),
    ("metrics", ["collab::metrics::"], [("participation", ["collab::metrics::participation"])]),
    ("score-eoi", ["collab::scoring::"], []),
    ("schedule", ["collab::schedule::"], []),
]


def samples_of(data):
    out = subprocess.run(["perf", "script", "-i", data, "-F", "ip,sym"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"perf_phases.py: perf script failed: {out.stderr.strip()}")
    samples, cur = [], []
    for line in out.stdout.split("\n"):
        if not line.strip():
            if cur:
                samples.append(cur)
                cur = []
            continue
        parts = line.strip().split(None, 1)
        cur.append(parts[1] if len(parts) > 1 else "?")
    if cur:
        samples.append(cur)
    return samples


def has(stack, frames):
    return any(any(f in frame for f in frames) for frame in stack)


def phase_of(stack):
    for name, frames, subs in PHASES:
        if has(stack, frames):
            for sub, sub_frames in subs:
                if has(stack, sub_frames):
                    return f"{name}: {sub}"
            return name
    return "other (start-up, options, output)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", help="a perf.data file recorded with --call-graph")
    ap.add_argument("--within", help="list the functions under frames containing this text")
    ap.add_argument("--top", type=int, default=30)
    a = ap.parse_args()
    samples = samples_of(a.data)
    n = len(samples)
    if n == 0:
        sys.exit("perf_phases.py: no samples")
    if a.within:
        sub = [s for s in samples if has(s, [a.within])]
        print(f"{len(sub)} of {n} samples ({100 * len(sub) / n:.1f}%) have a frame with {a.within}")
        count = collections.Counter()
        for s in sub:
            for frame in set(f[:160] for f in s):
                count[frame] += 1
        for frame, c in count.most_common(a.top):
            print(f"{100 * c / n:6.1f}%  {frame}")
        return
    print(f"{n} samples")
    for name, c in collections.Counter(phase_of(s) for s in samples).most_common():
        print(f"{100 * c / n:6.1f}%  {name}")


if __name__ == "__main__":
    main()
