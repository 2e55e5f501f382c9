#!/usr/bin/env python3
"""Runs the collab steps of the CI recipes in docs/ci/ (GitHub Actions and GitLab CI) on a bundled example.

    ci_recipes_test.py COLLAB_BINARY REPOSITORY

The recipes cannot run on GitHub or GitLab from here, so this runs what can run: every step or script
line after the one that installs collab, with bash, in a scratch git repository that holds a copy of
examples/nctsn-tf-cbt as COLLAB_DIR, with `collab` on the PATH. Each job must succeed, and the monitor jobs
must leave report/index.html with its charts. The build steps are not run (they clone collab from the
network); tests/package/check_deb.sh and scripts/test.sh cover building.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import yaml


def steps_after_install(commands):
    """The commands that come after `install ... collab` (and `collab --version`)."""
    out, seen_install = [], False
    for c in commands:
        if "install -m 755" in c and "collab" in c:
            seen_install = True
            continue
        if seen_install and c.strip() != "collab --version":
            out.append(c)
    return out


def github_jobs(path):
    wf = yaml.safe_load(open(path))
    jobs = {}
    for name, job in wf["jobs"].items():
        runs = []
        for step in job["steps"]:
            if "run" in step:
                runs.append(step["run"])
        jobs["github/" + name] = [r for r in steps_after_install(runs)]
    return jobs, wf.get("env", {})


def gitlab_jobs(path):
    ci = yaml.safe_load(open(path))
    before = ci.get("default", {}).get("before_script", [])
    assert steps_after_install(before) == [], "the GitLab before_script should end with installing collab"
    jobs = {}
    for name, job in ci.items():
        if isinstance(job, dict) and "script" in job:
            jobs["gitlab/" + name] = job["script"]
    return jobs, ci.get("variables", {})


def main():
    binary, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    failures = 0
    for kind, (jobs, variables) in (("github", github_jobs(f"{repo}/docs/ci/github-workflow.yml")),
                                    ("gitlab", gitlab_jobs(f"{repo}/docs/ci/gitlab-ci.yml"))):
        for job, commands in jobs.items():
            if not commands:
                print(f"{job}: no collab step"); failures += 1; continue
            with tempfile.TemporaryDirectory() as work:
                bindir = os.path.join(work, "bin"); os.mkdir(bindir)
                os.symlink(binary, os.path.join(bindir, "collab"))
                checkout = os.path.join(work, "checkout"); os.mkdir(checkout)
                shutil.copytree(f"{repo}/examples/nctsn-tf-cbt", os.path.join(checkout, variables["COLLAB_DIR"]))
                git = ["git", "-c", "user.name=CI", "-c", "user.email=ci@example.org"]
                subprocess.run(git + ["init", "-q"], cwd=checkout, check=True)
                subprocess.run(git + ["add", "-A"], cwd=checkout, check=True)
                subprocess.run(git + ["commit", "-q", "-m", "collaborative"], cwd=checkout, check=True)
                env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"], CI="true",
                           COLLAB_DIR=variables["COLLAB_DIR"], NO_COLOR="1")
                env.pop("SOURCE_DATE_EPOCH", None)
                for command in commands:
                    r = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=checkout, env=env,
                                       capture_output=True, text=True)
                    if r.returncode != 0:
                        print(f"{job}: `{command.strip()}` exited {r.returncode}\n{r.stdout[-2000:]}{r.stderr[-2000:]}")
                        failures += 1
                        break
                else:
                    if any("report" in c for c in commands):
                        html = os.path.join(checkout, "report", "index.html")
                        text = open(html).read() if os.path.exists(html) else ""
                        if "<svg" not in text or "not in git" in text:
                            print(f"{job}: report/index.html is missing, has no chart or no commit")
                            failures += 1
                            continue
                    print(f"{job}: {len(commands)} step(s) passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
