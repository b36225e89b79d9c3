#!/usr/bin/env python3
"""Search latency of the same queries against several index layouts (one
index, local shards, shards behind xapian-tcpsrv), for docs/scaling.md.

  tools/shard_latency.py [--gazette BIN] [--runs N] LABEL=DB [LABEL=DB ...]

DB is what --db takes: an index folder, a sharded index, or a stub file with
remote lines (start the servers first). Every query runs round-robin over the
layouts, --runs times after one warm-up; the table gives the median wall time
of the whole `gazette` command (start-up and gazetteer included, as a user
sees it) and its ratio to the first layout. The load average is printed before
and after: on a busy machine trust the ratios more than the milliseconds."""

import argparse
import os
import statistics
import subprocess
import sys
import time

QUERIES = [
    ("count, common word", ["count", "summit"]),
    ("top 10, common word", ["search", "summit"]),
    ("top 10, phrase", ["search", '"trade talks"']),
    ("top 10, filter only, newest", ["search", "leader:putin"]),
    ("top 10 + 5 facets, common word", ["search", "summit", "--facet", "leader,org,place,source,year"]),
    ("5 facets, everything", ["search", "-n", "0", "--facet", "leader,org,place,source,year"]),
]


def run_once(gazette, db, args):
    start = time.perf_counter()
    result = subprocess.run([gazette, "--db", db] + args[:1] + ["--format", "ids"] * (args[0] == "search")
                            + args[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    if result.returncode != 0:
        sys.exit(f"gazette --db {db} {' '.join(args)}: exit {result.returncode}: {result.stderr.strip()}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gazette", default=os.path.join("build", "tools", "gazette"))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("layouts", nargs="+", metavar="LABEL=DB")
    args = parser.parse_args()
    layouts = [tuple(item.split("=", 1)) for item in args.layouts]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| query | " + " | ".join(label for label, _ in layouts) + " |")
    print("|---|" + "---|" * len(layouts))
    for name, query in QUERIES:
        times = {label: [] for label, _ in layouts}
        for run in range(args.runs + 1):
            for label, db in layouts:
                elapsed = run_once(args.gazette, db, query)
                if run > 0:  # the first round warms the page cache
                    times[label].append(elapsed)
        medians = [statistics.median(times[label]) for label, _ in layouts]
        cells = [f"{m:.1f} ms" + ("" if i == 0 else f" ({m / medians[0]:.2f}x)") for i, m in enumerate(medians)]
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
