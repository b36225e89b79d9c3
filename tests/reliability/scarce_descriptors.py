#!/usr/bin/env python3
"""`gazette index` with fewer file descriptors than its shards need (`ulimit
-n` low, many shards): each shard's writer holds about seven files open. The
run must fail at once with one line that says so and exit 2, not retry for
ever (it once spun until killed, ignoring SIGTERM); what was indexed before
must stay, and the same command with enough descriptors must finish the job."""

import os
import sys
import tempfile
import time

import gazette_run
from gazette_run import Failures

SHARDS = 40
OPEN_FILES = 200  # enough for the process, too few for 40 shard writers
ARTICLES = 120
TIME_LIMIT = 60   # seconds, for any run
FAIL_WITHIN = 10  # seconds: giving up should take well under one


def write_articles(folder, first, count):
    os.makedirs(folder, exist_ok=True)
    for i in range(first, first + count):
        with open(os.path.join(folder, f"{i:04d}.txt"), "w") as out:
            out.write(f"Title: Harbour report {i}\nDate: 2021-05-0{1 + i % 9}\n\n"
                      f"The harbour reopened. qqscarce{i} qqscarceall.\n")


def count(db):
    result = gazette_run.run(["--db", db, "count", "qqscarceall"], TIME_LIMIT)
    return int(result.stdout.strip()) if result and result.returncode == 0 else None


def sanitized():
    """tools/check sets UBSAN_OPTIONS for its sanitizer build only. Sanitizer
    runtimes need descriptors of their own: once they are gone, UBSan's vptr
    check cannot probe memory (it does so through a pipe) and reports the
    error gazette throws as an object with an invalid vptr, which no
    suppression can silence (matching one needs the same probe)."""
    return "UBSAN_OPTIONS" in os.environ


def run_starved(args):
    start = time.monotonic()
    result = gazette_run.run(args, TIME_LIMIT, open_files=OPEN_FILES)
    return result, time.monotonic() - start


def check_fails_cleanly(failures, run, what):
    result, seconds = run
    failures.check(seconds < FAIL_WITHIN, f"{what}: gave up after {seconds:.1f} s, not at once")
    failures.check(result is not None and result.returncode == 2,
                   f"{what}: {gazette_run.describe(result)}, expected exit 2"
                   + (f"; stderr: {result.stderr[-300:]!r}" if result else ""))
    if result is not None:
        lines = result.stderr.strip().splitlines()
        failures.check(len(lines) == 1 and "Too many open files" in lines[0],
                       f"{what}: expected one line naming the cause, got {result.stderr!r}")


def main():
    gazette_run.require_binary()
    failures = Failures()
    with tempfile.TemporaryDirectory(prefix="gazette-fds-") as tmp:
        first, more = os.path.join(tmp, "first"), os.path.join(tmp, "more")
        write_articles(first, 0, ARTICLES)
        db = os.path.join(tmp, "db")
        index = ["--db", db, "--quiet", "index", "--shards", str(SHARDS), "--batch-size", "1"]

        if sanitized():
            print("note: sanitizer build: the starved runs are checked by the plain build "
                  "only (see sanitized())", flush=True)
        else:
            check_fails_cleanly(failures, run_starved(index + [first]),
                                "a new index, too few descriptors")
        enough = gazette_run.run(index + [first], TIME_LIMIT * 5)
        gazette_run.exited_cleanly(failures, enough, "the same command with enough", allowed=(0,))
        failures.check(count(db) == ARTICLES,
                       f"{count(db)} of {ARTICLES} articles found after the second run")

        write_articles(more, ARTICLES, 10)
        if not sanitized():
            check_fails_cleanly(failures, run_starved(index + [more]),
                                "an existing index, too few descriptors")
        failures.check(count(db) == ARTICLES,
                       f"{count(db)} of {ARTICLES} articles left after the starved run")
        checked = gazette_run.run(["--db", db, "inspect", "check"], TIME_LIMIT * 2)
        failures.check(checked is not None and checked.returncode == 0,
                       f"gazette inspect check: {gazette_run.describe(checked)}"
                       + (f": {checked.stdout[-300:]}" if checked else ""))
    return failures.exit_code()


if __name__ == "__main__":
    sys.exit(main())
