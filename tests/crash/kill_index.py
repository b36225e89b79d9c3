#!/usr/bin/env python3
"""Crash test for `gazette index` (issue 4): kill -9 at random moments.

Builds a reference index with one uninterrupted run, then runs the same command
on a second index again and again, each time killed with SIGKILL after a random
delay. After every kill the index must open, pass xapian-check, hold only
articles of the reference with their reference content hash, and hold at least
what the previous kill left (committed batches never go away); the next run
must get the lock at once (--wait 0). Whenever a run completes before its kill,
and at the end, the index must equal the reference exactly; the next trial then
starts from an empty index.

Every write path is killed: in place (--no-bulk, batches committed as they
go); the fresh build into an empty index (sub-databases merged and swapped in
at the end, so a kill before the swap leaves the index empty); and, into an
index that holds articles, 200 written in place, then the rest in parts merged
with the index at the end (--bulk-after 200: a kill before the swap keeps the
index as it was after those 200). --mode mixed picks in place or bulk at random
per trial; --mode append runs in place (killed) while the index is empty, then
bulk, so that every bulk run adds to an index that holds articles.

Usage: kill_index.py GAZETTE INDEX_DUMP GEN_CORPUS [--trials 20] [--seed N]
                     [--mode mixed|bulk|in-place|append]
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time


def dump(index_dump, db):
    out = subprocess.run([index_dump, db], capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError(f'index does not open: {out.stderr.strip()}')
    articles = {}
    for line in out.stdout.splitlines():
        if not line.startswith('#'):
            term, value = line.split('\t')
            if term in articles:
                raise AssertionError(f'duplicate id {term}')
            articles[term] = value
    return articles


def check_structure(db):
    with open(os.path.join(db, 'XAPIANDB')) as stub:
        live = [line.split()[1] for line in stub if line.strip()]
    for name in live:
        result = subprocess.run(['xapian-check', os.path.join(db, name)],
                                capture_output=True, text=True)
        if result.returncode != 0 or 'No errors found' not in result.stdout:
            raise AssertionError(f'xapian-check failed on {name}:\n{result.stdout}{result.stderr}')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('gazette')
    parser.add_argument('index_dump')
    parser.add_argument('gen_corpus')
    parser.add_argument('--trials', type=int, default=20)
    parser.add_argument('--articles', type=int, default=1500)
    parser.add_argument('--seed', type=int, default=int(time.time()))
    parser.add_argument('--mode', choices=['mixed', 'bulk', 'in-place', 'append'],
                        default='mixed')
    args = parser.parse_args()
    print(f'seed {args.seed} (rerun with --seed {args.seed})')
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix='gazette-crash-')
    try:
        corpus = os.path.join(work, 'corpus')
        subprocess.run([sys.executable, args.gen_corpus, '--seed', '7', '--count',
                        str(args.articles), '--mean-bytes', '700', corpus], check=True)
        env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=os.path.join(work, 'config'))

        # --part-size 300: a fresh build commits three batches into each part,
        # so kills also land between the commits of one part.
        def command(db, mode='bulk'):
            return [args.gazette, '--db', db, '--quiet', 'index', '--wait', '0',
                    '--batch-size', '100', '--part-size', '300', '--bulk-after', '200', corpus] + (
                        ['--no-bulk'] if mode == 'in-place' else [])

        def pick_mode(previous):
            if args.mode == 'append':
                return 'bulk' if previous else 'in-place'
            return rng.choice(['bulk', 'in-place']) if args.mode == 'mixed' else args.mode

        ref_db = os.path.join(work, 'ref')
        start = time.monotonic()
        subprocess.run(command(ref_db, 'in-place'), check=True, env=env, stderr=subprocess.DEVNULL)
        full_run = time.monotonic() - start
        reference = dump(args.index_dump, ref_db)
        assert len(reference) == args.articles, len(reference)
        print(f'reference: {len(reference)} articles in {full_run:.2f} s')

        db = os.path.join(work, 'db')
        previous, completed, kills = {}, 0, 0
        for trial in range(1, args.trials + 1):
            delay = rng.uniform(0.0, full_run)
            mode = pick_mode(previous)
            proc = subprocess.Popen(command(db, mode), env=env, stderr=subprocess.PIPE, text=True)
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate()
            if proc.returncode not in (0, -signal.SIGKILL):
                raise AssertionError(f'trial {trial}: exit {proc.returncode}: {err}')
            if not os.path.exists(os.path.join(db, 'XAPIANDB')):
                print(f'trial {trial} ({mode}): killed after {delay:.2f} s, before the index existed')
                continue
            check_structure(db)
            now = dump(args.index_dump, db)
            for term, value in now.items():
                if reference.get(term) != value:
                    raise AssertionError(f'trial {trial}: {term} not as in the reference')
            lost = set(previous) - set(now)
            if lost:
                raise AssertionError(f'trial {trial}: committed articles lost: {sorted(lost)[:5]}')
            if proc.returncode == 0:
                if now != reference:
                    raise AssertionError(f'trial {trial}: completed index differs')
                completed += 1
                print(f'trial {trial} ({mode}): completed ({len(now)} articles) = reference; '
                      'starting over')
                shutil.rmtree(db)
                previous = {}
            else:
                kills += 1
                print(f'trial {trial} ({mode}): killed after {delay:.2f} s with {len(now)} articles')
                previous = now
        subprocess.run(command(db, pick_mode(previous)), check=True, env=env, stderr=subprocess.DEVNULL)
        check_structure(db)
        if dump(args.index_dump, db) != reference:
            raise AssertionError('final index differs from the uninterrupted run')
        print(f'ok: {kills} kills, {completed} completed runs, final index = reference')
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
