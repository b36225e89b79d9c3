#!/usr/bin/env python3
"""Sharded and remote search end to end (issue 7, docs/scaling.md): the sample
corpus as one index and as three shards, one shard served by xapian-tcpsrv on
127.0.0.1; searching the local and remote shards together must give the same
hits, order, scores, snippets, totals and facet counts as the one index. Then
the server stops: the search fails naming the shard, and --partial searches the
other two with a warning naming it. Skipped (exit 77) without xapian-tcpsrv."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reliability"))
import gazette_run  # noqa: E402
from gazette_run import Failures  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARTICLES = os.path.join(ROOT, "tests", "data", "articles")
ALL_FACETS = "leader,person,org,place,source,year,month"

# What a user would run; each compared in full (JSON) between the one index
# and the shards. Totals are exact here (facets, --exact-total, -n 0, count):
# estimates ("about N") depend on how the articles are split (docs/scaling.md).
SEARCHES = [
    ["summit", "--facet", ALL_FACETS],
    ["--facet", ALL_FACETS, "-n", "50"],  # everything, newest first: same-day ties
    ["--since", "2018-06-10", "--until", "2018-06-10", "--exact-total"],
    ["leader:putin", "--sort", "oldest", "-n", "5", "--facet", "source,leader", "--facet-limit", "3"],
    ["trade OR talks", "--offset", "3", "-n", "4", "--facet", "place,org", "--facet-limit", "4"],
    ["putin OR xi", "--exact-total", "-n", "20"],
    ['"climate change"', "--facet", "year,month"],
    ["sanctions", "--sort", "newest", "--exact-total"],
    ["org:sco OR org:brics", "-n", "0", "--facet", ALL_FACETS, "--facet-limit", "50"],
    # Stems: each word of a stem on whichever shard holds it (a remote shard
    # serves no synonym table: src/query/remote_stems.h).
    ["talking", "--exact-total"],
    ["title:summits president", "--exact-total"],
]
COUNTS = ["summit", "", "leader:putin", "putin OR xi", "place:china -trade"]


def copy_articles(dest, names):
    os.makedirs(dest)
    for name in names:
        shutil.copy(os.path.join(ARTICLES, name), dest)


def build_three_shards(corpus, db):
    """`gazette index --shards 3`: db/XAPIANDB listing shard-00..02, each an
    ordinary index folder; an article's shard is a hash of its id."""
    result = gazette_run.run(["-q", "--db", db, "index", "--shards", "3", corpus], 120)
    return result is not None and result.returncode == 0 and all(
        os.path.exists(os.path.join(db, f"shard-{k:02d}", "XAPIANDB")) for k in range(3))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(shard):
    """xapian-tcpsrv on a free loopback port serving `shard`; (process, port)
    once it accepts connections, else (None, None)."""
    for _ in range(5):  # another process may take the port between probe and bind
        port = free_port()
        # A session of its own: on SIGTERM xapian-tcpsrv signals its whole
        # process group, which would otherwise include this test.
        server = subprocess.Popen(["xapian-tcpsrv", "--port", str(port), "--interface", "127.0.0.1", shard],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)
        for _ in range(100):
            if server.poll() is not None:
                break
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return server, port
            except OSError:
                time.sleep(0.05)
        stop(server)
    return None, None


def stop(server):
    if server is not None and server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def search(dbs, args, extra=(), env=None):
    db_args = [a for db in dbs for a in ("--db", db)]
    return gazette_run.run(db_args + list(extra) + ["search", "--format", "json"] + args, 60, env)


# Entity facets with a remote shard: split id sets of the joined slots (few
# matches, the default here) or summed position slots (many matches; forced).
BY_POSITION = dict(gazette_run.scrubbed_env(), GAZETTE_JOINED_FACET_LIMIT="0")


def compare(failures, single, sharded, label, env=None):
    """The whole JSON of each search, and every count, alike."""
    for args in SEARCHES:
        want, got = search([single], args), search(sharded, args, env=env)
        what = f"{label}: search {' '.join(args)}"
        if not failures.check(want and got and want.returncode == 0 and got.returncode == 0,
                              f"{what}: {gazette_run.describe(want)} / {gazette_run.describe(got)}; "
                              f"stderr {got.stderr.strip() if got else ''!r}"):
            continue
        w, g = json.loads(want.stdout), json.loads(got.stdout)
        failures.check(w["total_exact"], f"{what}: the total should be exact")
        failures.check([h["id"] for h in g["hits"]] == [h["id"] for h in w["hits"]],
                       f"{what}: ids or order differ: {[h['id'] for h in g['hits']]}")
        failures.check(g["total"] == w["total"], f"{what}: total {g['total']}, one index {w['total']}")
        failures.check(g["facets"] == w["facets"], f"{what}: facets differ:\n{g['facets']}\n{w['facets']}")
        # "Did you mean" is left out: Xapian sums spelling trigram scores
        # over shards, so its suggestions may differ (docs/scaling.md).
        w.pop("suggestion"), g.pop("suggestion")
        failures.check(g == w, f"{what}: outputs differ")
    for query in COUNTS:
        db_args = [a for db in sharded for a in ("--db", db)]
        want = gazette_run.run(["--db", single, "count", query], 60)
        got = gazette_run.run(db_args + ["count", query], 60)
        failures.check(want and got and want.returncode == 0 and got.stdout == want.stdout,
                       f"{label}: count {query!r}: {got.stdout.strip() if got else None} "
                       f"vs {want.stdout.strip() if want else None}")


def check_dead_shard(failures, stub, local_shards, port, single):
    remote = f"remote 127.0.0.1:{port}"
    dead = search([stub], ["summit"])
    lines = dead.stderr.splitlines() if dead else []
    failures.check(dead and dead.returncode == 2 and dead.stdout == "" and len(lines) == 1
                   and remote in lines[0] and "does not answer" in lines[0] and "--partial" in lines[0],
                   f"dead shard: {gazette_run.describe(dead)}, stderr {lines}")
    partial = search([stub], ["summit", "--facet", ALL_FACETS], extra=["--partial"])
    others = search(local_shards, ["summit", "--facet", ALL_FACETS])
    lines = partial.stderr.splitlines() if partial else []
    failures.check(partial and partial.returncode == 0 and len(lines) == 1
                   and lines[0].startswith(f"gazette: warning: shard {remote} skipped"),
                   f"--partial: {gazette_run.describe(partial)}, stderr {lines}")
    if partial and partial.returncode == 0 and others and others.returncode == 0:
        failures.check(json.loads(partial.stdout) == json.loads(others.stdout),
                       "--partial: results differ from searching the two answering shards")
        whole = json.loads(search([single], ["summit", "--exact-total"]).stdout)
        failures.check(json.loads(partial.stdout)["total"] < whole["total"],
                       "--partial: the total should leave out the dead shard's articles")


def main():
    gazette_run.require_binary()
    if shutil.which("xapian-tcpsrv") is None:
        print("skipped: xapian-tcpsrv not installed (Debian package xapian-tools)")
        return 77  # meson's "skipped"
    failures = Failures()
    names = sorted(n for n in os.listdir(ARTICLES) if n.endswith(".txt"))
    with tempfile.TemporaryDirectory(prefix="gazette-shards-") as tmp:
        single, sharded = os.path.join(tmp, "single"), os.path.join(tmp, "sharded")
        copy_articles(os.path.join(tmp, "all"), names)
        built = gazette_run.run(["-q", "--db", single, "index", os.path.join(tmp, "all")], 120)
        if not failures.check(built and built.returncode == 0, "indexing the one index failed") or \
                not failures.check(build_three_shards(os.path.join(tmp, "all"), sharded),
                                   "indexing the shards failed"):
            return failures.exit_code()
        local = [os.path.join(sharded, "shard-00"), os.path.join(sharded, "shard-01")]
        compare(failures, single, [sharded], "three local shards")

        server, port = serve(os.path.join(sharded, "shard-02"))
        try:
            if not failures.check(server is not None, "xapian-tcpsrv did not start"):
                return failures.exit_code()
            stub = os.path.join(tmp, "mixed.stub")
            with open(stub, "w") as f:
                f.write(f"# two local shards and one remote\nauto sharded/shard-00\nauto sharded/shard-01\n"
                        f"remote 127.0.0.1:{port}\n")
            compare(failures, single, [stub], "local + remote (stub)")
            compare(failures, single, [stub], "local + remote, facets by position slot", BY_POSITION)
            remote_only = os.path.join(tmp, "remote.stub")
            with open(remote_only, "w") as f:
                f.write(f"remote 127.0.0.1:{port}\n")
            compare(failures, single, [remote_only] + local, "remote first, --db repeated")
            compare(failures, os.path.join(sharded, "shard-02"), [remote_only], "remote alone")
        finally:
            stop(server)
        check_dead_shard(failures, stub, local, port, single)
        print(f"compared {len(SEARCHES)} searches and {len(COUNTS)} counts x 5 layouts, "
              f"{len(names)} articles", flush=True)
    return failures.exit_code()


if __name__ == "__main__":
    sys.exit(main())
