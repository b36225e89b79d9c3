#!/usr/bin/env python3
"""perf_threads.py: where a `gazette index` run spends its CPU, thread by
thread, from a `perf record` of it. Not a test.

A fresh build runs a preparer per input file, two writer threads and, at the
end, the words parts and the merge on the main thread; `perf report` sums
them all. This prints, per thread: its share of the samples, when it ran
(a line per --bin seconds, so idle cores at the start or the end show), and
its top symbols. Symbols inside libxapian need a libxapian built with -g
(docs/performance.md, "Session 14" says how).

  perf record -F 999 -g -o perf.data build-rel/tools/gazette --db DB --quiet index c10k.jsonl
  perf script -i perf.data -F tid,time,ip,sym,dso | tools/bench/perf_threads.py [--bin 0.5] [--top 12] [--groups]

--groups also sums each thread's samples by what the leaf symbol belongs to
(GROUPS below: the first pattern that matches a "symbol library" line wins).
"""
import argparse
import collections
import re
import sys

GROUPS = [
    ("zlib (Xapian compressing termlists and document data)", r"libz\.so"),
    ("kernel (pread, pwrite, page faults)", r"kernel"),
    ("term generation (TermGenerator, Document)",
     r"TermGenerator|Utf8Iterator|Unicode|Document::Internal::add_posting|OmDocumentTerm"),
    ("Xapian's inverter: maps of what is not yet committed",
     r"PostingChanges|Inverter|add_document_|pair<unsigned int const, std::__cxx11::basic_string"
     r"|pair<unsigned int const, unsigned int>"),
    ("glass B-trees and encodings", r"Glass|find_in_|compare<|check_tname|BitWriter|pack_|Chunk"),
    ("malloc and free", r"malloc|free|_int_|consolidate|unlink_chunk|tcache"),
    ("memcmp (keys compared in std::maps and B-trees)", r"memcmp"),
    ("std::map walks and inserts", r"Rb_tree"),
    ("string copies, memset", r"memmove|memcpy|memset|basic_string"),
    ("gazette", r"\(gazette|gazette::"),
]

SAMPLE = re.compile(r"^\s*(\d+)\s+([\d.]+):\s*$")
FRAME = re.compile(r"^\s+[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$")


def samples(lines):
    """Yields (tid, time, leaf symbol, leaf library) per sample."""
    header = None
    for line in lines:
        if header is None:
            m = SAMPLE.match(line)
            if m:
                header = (int(m.group(1)), float(m.group(2)))
            continue
        m = FRAME.match(line)
        if m:
            yield header + (m.group(1), m.group(2).rsplit("/", 1)[-1])
        header = None


def group_counts(symbols):
    counts = collections.Counter()
    for (symbol, library), n in symbols.items():
        line = f"{symbol} ({library})"
        group = next((name for name, pattern in GROUPS if re.search(pattern, line)), "other")
        counts[group] += n
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", type=float, default=0.5, help="seconds per timeline line")
    parser.add_argument("--top", type=int, default=12, help="symbols shown per thread")
    parser.add_argument("--groups", action="store_true", help="also sum samples by GROUPS")
    args = parser.parse_args()

    per_thread = collections.Counter()
    per_bin = collections.Counter()
    per_symbol = collections.defaultdict(collections.Counter)
    start = None
    for tid, time, symbol, library in samples(sys.stdin):
        start = time if start is None else start
        per_thread[tid] += 1
        per_bin[(int((time - start) / args.bin), tid)] += 1
        per_symbol[tid][(symbol, library)] += 1
    total = sum(per_thread.values())
    if not total:
        sys.exit("perf_threads.py: no samples (perf script -F tid,time,ip,sym,dso)")

    threads = [tid for tid, _ in per_thread.most_common()]
    print(f"{total} samples")
    for tid in threads:
        print(f"thread {tid}: {per_thread[tid]} samples, {100 * per_thread[tid] / total:.1f} %")
    print(f"\nsamples per {args.bin} s, by thread (columns as above)")
    for b in range(max(b for b, _ in per_bin) + 1):
        print(f"{b * args.bin:6.1f} s " + " ".join(f"{per_bin[(b, tid)]:6d}" for tid in threads))
    for tid in threads:
        print(f"\nthread {tid}, top symbols (% of its samples)")
        for (symbol, library), n in per_symbol[tid].most_common(args.top):
            print(f"  {100 * n / per_thread[tid]:5.1f} %  {library:24} {symbol[:100]}")
        if args.groups:
            print(f"thread {tid}, by group")
            for group, n in group_counts(per_symbol[tid]).most_common():
                print(f"  {100 * n / per_thread[tid]:5.1f} %  {group}")


if __name__ == "__main__":
    main()
