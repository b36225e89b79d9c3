#!/usr/bin/env python3
"""tools/bench/run on 50 articles, so that the benchmark does not rot between
the runs that fill docs/performance.md: every engine must index, and every
engine must answer the queries its peers answer. No timing is checked."""

import os
import re
import shutil
import subprocess
import sys

import gazette_run
from gazette_run import Failures

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    gazette_run.require_binary()
    missing = [t for t in ("sqlite3", "scriptindex", "quest") if shutil.which(t) is None]
    if missing:
        print(f"skipped: {', '.join(missing)} not installed (sqlite3, xapian-omega, xapian-tools)")
        return 77  # meson's "skipped"
    failures = Failures()
    result = subprocess.run([os.path.join(ROOT, "tools", "bench", "run"), "--size", "50",
                             "--repeat", "1", "--no-docs", "--gazette", gazette_run.BINARY],
                            capture_output=True, text=True, timeout=240)
    print(result.stdout[-3000:])
    if not failures.check(result.returncode == 0,
                          f"tools/bench/run exited {result.returncode}: {result.stderr[-1000:]}"):
        return failures.exit_code()
    rate = re.search(r"^\| index: articles/s \|(.*)\|$", result.stdout, re.MULTILINE)
    failures.check(rate and "n/a" not in rate.group(1), "an engine did not index: "
                   + (rate.group(0) if rate else "no articles/s row"))
    for query in ("common", "rare", "words", "phrase"):
        row = re.search(rf"^\| {query}: .*$", result.stdout, re.MULTILINE)
        failures.check(row and "n/a" not in row.group(0), f"a peer did not answer: {query}")
    return failures.exit_code()


if __name__ == "__main__":
    sys.exit(main())
