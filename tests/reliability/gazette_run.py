"""Running the real `gazette` binary from the reliability tests, and the checks
they share: no signal, a time limit, and a sound database afterwards."""

import glob
import os
import re
import resource
import shutil
import subprocess
import sys

BINARY = os.environ.get("GAZETTE_BINARY", "")


class Failures:
    """Collects failed expectations so that one run reports all of them."""

    def __init__(self):
        self.messages = []

    def check(self, ok, message):
        if not ok:
            self.messages.append(message)
            print("FAIL: " + message, flush=True)
        return ok

    def known_gap(self, ok, label, gap):
        """An expectation the current build is known to miss (`gap` says how):
        XFAIL while it misses it, a failure (XPASS) once it holds, so that
        whoever fixes it removes the mark. Never for a signal or a hang."""
        if ok:
            self.check(False, f"XPASS {label}: fixed; remove the known gap mark")
        else:
            print(f"XFAIL {label}: {gap}", flush=True)

    def exit_code(self):
        print(f"{len(self.messages)} failed expectation(s)", flush=True)
        return 1 if self.messages else 0


def scrubbed_env():
    """The test's own HOME and config, as tests/testutil.cc gives RunGazette:
    a developer's gazetteer or GAZETTE_DB must not change the outcome."""
    env = {k: v for k, v in os.environ.items()
           if k in ("PATH", "TMPDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS")}
    env["LC_ALL"] = "C.UTF-8"
    return env


def run(args, timeout, env=None, open_files=None):
    """Runs gazette; returns CompletedProcess, or None when it had to be killed
    for exceeding `timeout` seconds (a hang is a failure, never a wait).
    `open_files`: the child's limit on open file descriptors (`ulimit -n`)."""
    def limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))
    try:
        return subprocess.run([BINARY] + args, capture_output=True, text=True,
                              errors="replace", timeout=timeout, env=env or scrubbed_env(),
                              preexec_fn=limit if open_files else None)
    except subprocess.TimeoutExpired:
        return None


def describe(result):
    if result is None:
        return "killed after the time limit"
    if result.returncode < 0:
        return f"killed by signal {-result.returncode}"
    return f"exit {result.returncode}"


def exited_cleanly(failures, result, what, allowed=(0, 1)):
    """exit 0 (all indexed) or 1 (some input rejected); 2 is a fatal error and
    a negative code a signal: both mean the run did not survive its input."""
    return failures.check(result is not None and result.returncode in allowed,
                          f"{what}: {describe(result)}, expected one of {allowed}"
                          + (f"; stderr tail: {result.stderr[-500:]!r}" if result else ""))


def search_ids(db, query, timeout=60):
    result = run(["--db", db, "search", "--format", "ids", "--limit", "1000", query], timeout)
    if result is None or result.returncode != 0:
        return None
    return [line for line in result.stdout.splitlines() if line]


def has_subcommand(name):
    """Whether this build's `gazette --help` lists `name` (others land later)."""
    result = run(["--help"], 30)
    return result is not None and re.search(rf"^\s+{name}\b", result.stdout, re.MULTILINE)


def check_database_sound(failures, db):
    """xapian-check on every live database folder, and `gazette inspect check`
    when this build has it."""
    dirs = sorted(glob.glob(os.path.join(db, "idx-*")))
    failures.check(dirs, f"{db}: no idx-* database folder")
    xapian_check = shutil.which("xapian-check")
    if xapian_check is None:
        print("note: xapian-check not installed (xapian-tools); skipped", flush=True)
    for d in dirs if xapian_check else []:
        checked = subprocess.run([xapian_check, d], capture_output=True, text=True, timeout=120)
        failures.check(checked.returncode == 0,
                       f"xapian-check {d}: exit {checked.returncode}: {checked.stdout[-300:]}")
    if has_subcommand("inspect"):
        inspected = run(["--db", db, "inspect", "check"], 120)
        failures.check(inspected is not None and inspected.returncode == 0,
                       f"gazette inspect check: {describe(inspected)}")


def require_binary():
    if not BINARY or not os.access(BINARY, os.X_OK):
        print(f"GAZETTE_BINARY is not an executable: {BINARY!r}", file=sys.stderr)
        sys.exit(2)
