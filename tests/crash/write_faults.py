#!/usr/bin/python3
"""Writes under faults (docs/security.md, "Writes under faults"): every command of collab that writes is
run on a scratch copy of a collaborative

  kill       and killed with SIGKILL at random instants of its run, many times: every file must then be
             as it was before or as a complete run leaves it (never half written, never a mix inside one
             file), `collab validate` must give the same result as before or after, and the next run
             must take the lock and finish (a killed run leaves no stale lock);
  read-only  on a read-only mount of the copy: exit 73 or 74, a message naming the file, nothing changed;
  full-disk  on a full file system (a small tmpfs, filled): exit 73 or 74, nothing changed;
  lock       while another process holds the collaborative's lock: exit 75 at once, a message naming
             the lock, nothing changed; once that process is killed (SIGKILL), the same command succeeds.

The read-only and full-disk tests mount in a user namespace (unshare -Urm, util-linux), so they need no
privileges; where user namespaces are not allowed they are skipped (exit 77).

  write_faults.py COLLAB_BINARY REPO_ROOT kill|read-only|full-disk|lock
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

BIN, REPO, MODE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
ENV = dict(os.environ, NO_COLOR="1", TZ="UTC", LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH="1790000000")
for var in ("COLLAB_DIR", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
    ENV.pop(var, None)


def base_with(overlay_case):
    """A function that fills a folder with tests/e2e/base and the overlay of an e2e case."""
    def fill(dst):
        shutil.copytree(os.path.join(REPO, "tests/e2e/base"), dst, dirs_exist_ok=True)
        shutil.copytree(os.path.join(REPO, "tests/e2e/cases", overlay_case, "overlay"), dst, dirs_exist_ok=True)
    return fill


def example(name):
    def fill(dst):
        shutil.copytree(os.path.join(REPO, "examples", name), dst, dirs_exist_ok=True)
    return fill


# Every kind of write collab makes: new files from an import (many files), edits of hand-written YAML
# (comments kept), a rewritten generated file, a plan that writes and removes event files, a report, a new
# PDSA cycle and a cycle's decision written into its hand-written file, survey responses imported into a new
# file and a substantiation written into a hand-written outcome file.
WRITERS = [
    ("enroll import", example("nctsn-tf-cbt"),
     ["enroll", "import", "imports/application-form-late.csv", "--mapping", "application-form"]),
    ("score-eoi --write", example("chs-interprofessional"), ["score-eoi", "--write", "-q"]),
    ("enroll withdraw", base_with("enroll-members-keep-comments"),
     ["enroll", "withdraw", "harbor", "--date", "2026-06-30", "--reason", "Lost funding"]),
    ("metrics import", base_with("metrics-import"), ["metrics", "import", "monthly.csv"]),
    ("schedule plan --write", base_with("schedule-plan-write"), ["schedule", "plan", "--write"]),
    ("report -o", example("r4d-phc-network"), ["report", "--as-of", "2027-03-20", "-o", "report.html"]),
    ("pdsa add", base_with("pdsa-add"),
     ["pdsa", "add", "--team", "harbor", "--idea", "intake-script", "--builds-on", "intake-script-2",
      "--objective", "Test the script with the evening intake team.", "--start", "2026-05-04"]),
    ("pdsa decide", base_with("pdsa-decide-keeps-comments"),
     ["pdsa", "decide", "intake-script-3", "--team", "harbor", "--decision", "adopt", "--date", "2026-04-27",
      "--end", "2026-04-24", "--learned", "19 of 20 intakes had a completed screen.", "--prediction", "confirmed"]),
    ("mel import", base_with("mel-import"), ["mel", "import", "--survey", "session-feedback", "feedback.csv"]),
    ("mel substantiate", base_with("mel-substantiate-keeps-comments"),
     ["mel", "substantiate", "harbor-intake-policy", "--by", "County child welfare office", "--verdict", "confirmed",
      "--date", "2026-04-02"]),
]


def snapshot(root):
    """Every file below root, hidden ones aside (collab's temporary files start with '.'), by content."""
    files = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                files[os.path.relpath(path, root)] = f.read()
    return files


def leftovers(root):
    out = []
    for folder, _, names in os.walk(root):
        out += [os.path.relpath(os.path.join(folder, n), root) for n in names if n.endswith(".tmp") and n.startswith(".")]
    return out


def run(args, cwd, **kw):
    return subprocess.run([BIN] + args, cwd=cwd, env=ENV, capture_output=True, text=True, **kw)


def validate_code(root):
    return run(["-q", "validate"], root).returncode


failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def kill_test(scratch, rounds):
    rng = random.Random(20261123)
    for label, fill, args in WRITERS:
        before_dir = os.path.join(scratch, "before")
        after_dir = os.path.join(scratch, "after")
        for d in (before_dir, after_dir):
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            fill(d)
        before = snapshot(before_dir)
        t0 = time.monotonic()
        done = run(args, after_dir)
        duration = time.monotonic() - t0
        if done.returncode != 0:
            fail(f"{label}: the uninterrupted run failed ({done.returncode}): {done.stderr.strip()}")
            continue
        after = snapshot(after_dir)
        changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
        if not changed:
            fail(f"{label}: the command changed nothing, so killing it proves nothing")
            continue
        codes = {validate_code(before_dir), validate_code(after_dir)}
        killed = mixed = temps = 0
        for i in range(rounds):
            work = os.path.join(scratch, f"run{i}")
            shutil.rmtree(work, ignore_errors=True)
            os.makedirs(work)
            fill(work)
            proc = subprocess.Popen([BIN] + args, cwd=work, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # Half the kills anywhere in the run, half in its last third, where the writes are.
            time.sleep(rng.uniform(0, duration * 1.1) if i % 2 else rng.uniform(duration * 0.66, duration * 1.05))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
            proc.wait()
            now = snapshot(work)
            temps += len(leftovers(work))
            for path in sorted(set(now) | set(before) | set(after)):
                if now.get(path) not in (before.get(path), after.get(path)):
                    fail(f"{label}, round {i}: {path} is neither the old nor the new file")
            if any(now.get(p) != before.get(p) for p in changed) and any(now.get(p) != after.get(p) for p in changed):
                mixed += 1  # between two renames of one multi-file change: each file whole (checked above)
            code = validate_code(work)
            if code not in codes:
                fail(f"{label}, round {i}: validate exits {code} after the kill (before/after: {sorted(codes)})")
            # The lock went with the killed process: run again, the next run takes it and completes the change.
            if now != after:
                again = run(args, work)
                if again.returncode != 0:
                    fail(f"{label}, round {i}: the run after the kill exits {again.returncode}: {again.stderr.strip()}")
                elif snapshot(work) != after:
                    fail(f"{label}, round {i}: the run after the kill does not leave what an uninterrupted run leaves")
            shutil.rmtree(work)
        print(f"{label}: {rounds} runs, {killed} killed mid-run, {mixed} stopped between renames, {temps} temporary "
              f"files left; {len(changed)} files change")


def namespace_works():
    probe = subprocess.run(["unshare", "-Urm", "true"], capture_output=True)
    return probe.returncode == 0


def fault_test(scratch, mode):
    if not namespace_works():
        print("SKIP: user namespaces are not available (unshare -Urm)")
        sys.exit(77)
    for label, fill, args in WRITERS:
        work = os.path.join(scratch, "fs")
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        if mode == "read-only":
            fill(work)
            before = snapshot(work)
            script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && cd "$1" && shift && exec "$@"'
        else:
            before = None
            # A 4 MiB tmpfs holding the collaborative, then filled up to the last block.
            script = ('mount -t tmpfs -o size=4m collab-full "$1" && cp -R "$2/." "$1/" && dd if=/dev/zero of="$1/.fill" bs=4k '
                      '2>/dev/null; cd "$1" && shift 2 && exec "$@"')
            src = os.path.join(scratch, "src")
            shutil.rmtree(src, ignore_errors=True)
            os.makedirs(src)
            fill(src)
            before = snapshot(src)
        cmd = ["unshare", "-Urm", "sh", "-c", script, "sh", work] + ([src] if mode == "full-disk" else [])
        # The check runs in the same namespace, after collab, so it sees the mount.
        checker = ("import os,sys,json\nout={}\nfor f,d,n in os.walk('.'):\n d[:]=[x for x in d if not x.startswith('.')]\n"
                   " for x in n:\n  if not x.startswith('.'):\n   p=os.path.join(f,x)\n   out[os.path.relpath(p,'.')]=open(p,'rb').read().hex()\n"
                   "print(json.dumps(out))\n")
        inner = (f'"{BIN}" "$@"; code=$?; echo "exit:$code" >&2; /usr/bin/python3 -c "$CHECKER"')
        env = dict(ENV, CHECKER=checker)
        proc = subprocess.run(cmd + ["sh", "-c", inner, "sh"] + args, env=env, capture_output=True, text=True)
        code_line = [ln for ln in proc.stderr.splitlines() if ln.startswith("exit:")]
        if not code_line:
            fail(f"{label} ({mode}): did not run: {proc.stderr.strip()}")
            continue
        code = int(code_line[-1][5:])
        message = "\n".join(ln for ln in proc.stderr.splitlines() if not ln.startswith("exit:"))
        import json
        try:
            now = {p: bytes.fromhex(h) for p, h in json.loads(proc.stdout.strip().splitlines()[-1]).items()}
        except (ValueError, IndexError):
            fail(f"{label} ({mode}): could not read the files back: {proc.stdout[-300:]}")
            continue
        if code not in (73, 74):
            fail(f"{label} ({mode}): exit {code}, expected 73 or 74: {message}")
        if now != before:
            changed = sorted(p for p in set(now) | set(before) if now.get(p) != before.get(p))
            fail(f"{label} ({mode}): files changed: {changed[:5]}")
        if "nothing" not in message and "cannot" not in message:
            fail(f"{label} ({mode}): the message does not say what failed: {message}")
        print(f"{label} ({mode}): exit {code}: {message.splitlines()[-1] if message else ''}")


def lock_test(scratch):
    for label, fill, args in WRITERS:
        if args[0] == "report":
            continue  # a report reads the collaborative; it takes no lock
        work = os.path.join(scratch, "locked")
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        fill(work)
        before = snapshot(work)
        # flock(1) holds the same advisory lock collab takes: flock(2) on the root folder.
        holder = subprocess.Popen(["flock", "-x", "-o", work, "-c", "echo held; exec sleep 60"], stdout=subprocess.PIPE, text=True,
                                  start_new_session=True)
        holder.stdout.readline()
        t0 = time.monotonic()
        refused = run(args, work)
        waited = time.monotonic() - t0
        if refused.returncode != 75:
            fail(f"{label} (lock): exit {refused.returncode} while the lock is held, expected 75: {refused.stderr.strip()}")
        if "holds the lock" not in refused.stderr:
            fail(f"{label} (lock): the message does not name the lock: {refused.stderr.strip()}")
        if snapshot(work) != before:
            fail(f"{label} (lock): files changed while refused")
        os.killpg(holder.pid, signal.SIGKILL)  # flock(1) and its sleep; -o kept the lock with flock(1) alone
        holder.wait()
        again = run(args, work)
        if again.returncode != 0:
            fail(f"{label} (lock): exit {again.returncode} after the holder was killed: {again.stderr.strip()}")
        print(f"{label} (lock): refused with 75 in {waited:.2f} s; ran once the holder was killed")


def main():
    scratch = tempfile.mkdtemp(prefix="collab-faults-")
    try:
        if MODE == "kill":
            kill_test(scratch, int(os.environ.get("COLLAB_KILL_ROUNDS", "25")))
        elif MODE == "lock":
            lock_test(scratch)
        elif MODE in ("read-only", "full-disk"):
            fault_test(scratch, MODE)
        else:
            print("unknown mode", MODE)
            return 2
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
