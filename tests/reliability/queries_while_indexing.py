#!/usr/bin/env python3
"""`gazette search` in a loop while a writer indexes a generated corpus in
several committed batches: readers must never fail while commits land (Xapian
throws DatabaseModifiedError at a reader two commits behind, even while it
opens; gazette has to reopen and retry), the writer's own workers, which read
the index for unchanged articles, must not fail either, and every article is
searchable once the writer is done."""

import os
import subprocess
import sys
import tempfile
import threading

import gazette_run
from gazette_run import Failures

FOLDERS = 4
ARTICLES_PER_FOLDER = 150
BATCH = 25  # articles per commit, when the indexer has --batch-size
QUERIES = ["summit", "trade talks", '"energy ministers"', "qqeveryarticle", "harvest OR summit"]
MIN_SEARCHES = 3  # enough to prove overlap; sanitizer builds search ~3x slower


def write_corpus(root):
    topics = ["summit", "trade talks", "energy ministers", "harvest", "election"]
    for f in range(FOLDERS):
        folder = os.path.join(root, f"batch{f}")
        os.makedirs(folder)
        for i in range(ARTICLES_PER_FOLDER):
            topic = topics[(f + i) % len(topics)]
            # Unique names: the id of a text article is its path in the folder.
            with open(os.path.join(folder, f"{f}-{i:04d}.txt"), "w") as out:
                out.write(f"Title: {topic.title()} report {f}-{i}\nDate: 2022-0{1 + f}-1{i % 9}\n\n"
                          f"The {topic} continued. qqeveryarticle. " * 20 + "\n")


def search_loop(db, stop, outcomes):
    n = 0
    while not stop.is_set():
        query = QUERIES[n % len(QUERIES)]
        result = gazette_run.run(["--db", db, "search", "--format", "ids", query], timeout=60)
        outcomes.append((query, gazette_run.describe(result),
                         result.stderr.strip()[-300:] if result else ""))
        n += 1


def main():
    gazette_run.require_binary()
    failures = Failures()
    with tempfile.TemporaryDirectory(prefix="gazette-concurrent-") as tmp:
        write_corpus(tmp)
        db = os.path.join(tmp, "db")
        help_text = gazette_run.run(["index", "--help"], 30)
        batch_flags = ["--batch-size", str(BATCH)] if help_text and "--batch-size" in help_text.stdout else []
        print(f"writer flags: {batch_flags or 'none (one commit per folder)'}", flush=True)
        # The reader needs a database to open: the first folder goes in first.
        first = gazette_run.run(["--db", db, "index"] + batch_flags + [os.path.join(tmp, "batch0")], 300)
        if not gazette_run.exited_cleanly(failures, first, "first index run", allowed=(0,)):
            return failures.exit_code()
        stop, outcomes = threading.Event(), []
        reader = threading.Thread(target=search_loop, args=(db, stop, outcomes))
        reader.start()
        for f in range(1, FOLDERS):
            result = gazette_run.run(["--db", db, "index"] + batch_flags +
                                     [os.path.join(tmp, f"batch{f}")], 300)
            gazette_run.exited_cleanly(failures, result, f"index run {f}", allowed=(0,))
        stop.set()
        reader.join()
        bad = [o for o in outcomes if o[1] != "exit 0"]
        print(f"{len(outcomes)} searches during {FOLDERS - 1} index runs: {len(bad)} failed",
              flush=True)
        failures.check(len(outcomes) >= MIN_SEARCHES,
                       f"only {len(outcomes)} searches overlapped the writer")
        for query, how, err in bad[:5]:
            failures.check(False, f"search {query!r} while indexing: {how}: {err}")
        everything = gazette_run.run(["--db", db, "search", "--format", "ids", "--limit",
                                      str(FOLDERS * ARTICLES_PER_FOLDER + 10), "qqeveryarticle"], 60)
        found = len(everything.stdout.splitlines()) if everything else 0
        failures.check(found == FOLDERS * ARTICLES_PER_FOLDER,
                       f"{found} of {FOLDERS * ARTICLES_PER_FOLDER} articles searchable afterwards")
        gazette_run.check_database_sound(failures, db)
    return failures.exit_code()


if __name__ == "__main__":
    sys.exit(main())
