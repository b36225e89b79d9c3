#!/usr/bin/env python3
"""Hostile inputs through the real `gazette index`: malformed, huge, deeply
nested, unreadable and self-referential files, written into a temp folder at
test time. Each input states what a user should see (indexed and searchable,
or rejected and named on stderr as `path[:line]: reason`); the run must not
crash or hang, the good articles must be searchable afterwards, and the
database must pass xapian-check.

A case marked `gap` is a known shortfall of the current build: it is reported
as XFAIL and does not fail the test, but it fails (XPASS) once fixed, so that
whoever fixes it removes the mark (Failures.known_gap)."""

import os
import re
import sys
import tempfile
from dataclasses import dataclass
from typing import Optional

import gazette_run
from gazette_run import Failures

TEN_MB = 10 * 1024 * 1024
NESTING = 100_000
HTML_NESTING = 10_000


@dataclass
class Expect:
    name: str            # file name under the input folder
    outcome: str         # indexed | rejected | named | skipped | either
    marker: str          # a word only this input contains
    line: Optional[int] = None  # JSONL line, for `path:line: reason`
    gap: str = ""        # a known shortfall of the current build (see above)
    reason: str = ""     # a regex the reason must match, when it matters


def article_text(title, body):
    return f"Title: {title}\nDate: 2020-01-02\n\n{body}\n"


def jsonl(title, body, **extra):
    import json
    return json.dumps({"title": title, "body": body, "date": "2020-01-02", **extra})


def deep_json_line(title, marker, opener, closer):
    # Built by hand: json.dumps would itself hit Python's recursion limit.
    body = f'"{marker} body"'
    return ('{"title": "%s", "body": %s, "extra": %s0%s}'
            % (title, body, opener * NESTING, closer * NESTING))


def write_inputs(folder):
    """Writes every hostile input into `folder`; returns the expectations."""
    def put(name, content):
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(os.path.join(folder, name), mode) as f:
            f.write(content)

    expects = []
    put("good.txt", article_text("Control article", "qqcontrolgood stays searchable."))
    expects.append(Expect("good.txt", "indexed", "qqcontrolgood"))

    put("invalid-utf8.txt", article_text("Broken bytes", "qqinvalidutf").encode()
        + b"bad \xff\xfe here, cut \xe2\x80 dash, last \xc3")
    # Rejected, or repaired (U+FFFD) with a warning: tests/data/broken/README.md
    # allows either, as long as the file is named.
    expects.append(Expect("invalid-utf8.txt", "named", "qqinvalidutf"))

    put("nul-bytes.txt", article_text("Nul bytes", "qqnulbytes a\0b\0c\0d").encode())
    expects.append(Expect("nul-bytes.txt", "skipped", "qqnulbytes"))

    put("empty.txt", "")
    put("whitespace.txt", " \t\n\n   \r\n\t")
    expects += [Expect("empty.txt", "rejected", "qqnothing", reason="(?i)empty"),
                Expect("whitespace.txt", "rejected", "qqnothing", reason="(?i)empty|whitespace")]

    words = "summit leaders trade energy sanctions " * (TEN_MB // 38)
    put("ten-mb-line.jsonl", jsonl("Ten megabyte line", "qqtenmegabyte " + words) + "\n")
    expects.append(Expect("ten-mb-line.jsonl", "indexed", "qqtenmegabyte", line=1))

    put("giant-word.txt", article_text("Giant word qqgiantword", "x" * 1_000_000))
    expects.append(Expect("giant-word.txt", "indexed", "qqgiantword"))

    put("deep.jsonl", "\n".join([
        jsonl("Before the deep lines", "qqdeepfirst"),
        deep_json_line("Deep arrays", "qqdeeparrays", "[", "]"),
        deep_json_line("Deep objects", "qqdeepobjects", '{"a":', "}"),
        "[" * NESTING,
        jsonl("After the deep lines", "qqdeeplast"),
    ]) + "\n")
    expects += [Expect("deep.jsonl", "indexed", "qqdeepfirst", line=1),
                # An unknown field is ignored (tests/data/formats/README.md);
                # a reader may also refuse the depth, but must say so.
                Expect("deep.jsonl", "either", "qqdeeparrays", line=2),
                Expect("deep.jsonl", "either", "qqdeepobjects", line=3),
                Expect("deep.jsonl", "rejected", "qqnothing", line=4),
                Expect("deep.jsonl", "indexed", "qqdeeplast", line=5)]

    put("wrong-types.jsonl", "\n".join([
        '{"title": 42, "body": "qqtitlenumber"}',
        '{"title": "Body as array", "body": ["qqbodyarray"]}',
        '{"title": "Body as object", "body": {"text": "qqbodyobject"}}',
        '["qqtoplevelarray"]',
        '"qqtoplevelstring"',
        "12345",
        '{"title": "Date as number", "body": "qqdatenumber", "date": 20190614}',
        jsonl("Well typed line", "qqwelltyped"),
    ]) + "\n")
    expects += [Expect("wrong-types.jsonl", "rejected", "qqtitlenumber", line=1),
                Expect("wrong-types.jsonl", "rejected", "qqbodyarray", line=2),
                Expect("wrong-types.jsonl", "rejected", "qqbodyobject", line=3),
                Expect("wrong-types.jsonl", "rejected", "qqtoplevelarray", line=4),
                Expect("wrong-types.jsonl", "rejected", "qqtoplevelstring", line=5),
                Expect("wrong-types.jsonl", "rejected", "qqnothing", line=6),
                # Indexed without a date with a warning, or rejected: either
                # way the line is named.
                Expect("wrong-types.jsonl", "named", "qqdatenumber", line=7),
                Expect("wrong-types.jsonl", "indexed", "qqwelltyped", line=8)]

    put("deep.html", "<html><head><title>Deep nesting qqdeephtml</title></head><body>"
        + "<div>" * HTML_NESTING + "<p>Deep body text.</p>")
    expects.append(Expect("deep.html", "indexed", "qqdeephtml"))

    put("unclosed.html", "<html><head><title>Unclosed tags</title><body><div><p>"
        "qqunclosedhtml text of the story <b><i><table><tr><td>cell <span>")
    expects.append(Expect("unclosed.html", "indexed", "qqunclosedhtml"))

    os.symlink("symlink-loop.txt", os.path.join(folder, "symlink-loop.txt"))
    expects.append(Expect("symlink-loop.txt", "rejected", "qqnothing",
                          reason="(?i)symbolic links|loop"))
    # A directory symlink back to the folder must not make the walk recurse
    # forever or index good.txt twice (checked in main()).
    os.symlink(".", os.path.join(folder, "cycle"))

    os.mkfifo(os.path.join(folder, "pipe.txt"))  # no writer: opening it would block
    expects.append(Expect("pipe.txt", "skipped", "qqnothing"))

    # Opens fine, then read() fails with EIO: an unreadable file even for root.
    os.symlink("/proc/self/mem", os.path.join(folder, "read-error.txt"))
    expects.append(Expect("read-error.txt", "rejected", "qqnothing",
                          reason=r"(?i)(error|cannot|could not|fail)"))

    if os.geteuid() != 0:
        put("unreadable.txt", article_text("Unreadable", "qqunreadable"))
        os.chmod(os.path.join(folder, "unreadable.txt"), 0)
        expects.append(Expect("unreadable.txt", "rejected", "qqunreadable"))
    else:
        print("note: running as root, so the unreadable-file case is skipped", flush=True)
    return expects


def how_named(stderr, path, line, reason=""):
    """"rejected", "warning" (the CLI prefixes warnings so) or None, for the
    stderr line `path[:line]: reason` whose reason matches `reason`."""
    where = re.escape(path) + (f":{line}" if line else "")
    for named in re.finditer(rf"^(.*?){where}: (.+)$", stderr, re.MULTILINE):
        if re.search(reason, named.group(2)):
            return "warning" if "warning" in named.group(1) else "rejected"
    return None


def check_expectation(failures, expect, path, stderr, ids):
    found = bool(ids)
    named = how_named(stderr, path, expect.line, expect.reason)
    indexed = found and named != "rejected"  # a warning is allowed
    rejected = named == "rejected" and not found
    ok = {"indexed": indexed,
          "rejected": rejected,
          "named": named is not None,
          "skipped": not found,
          "either": indexed or rejected}[expect.outcome]
    label = f"{expect.name}" + (f":{expect.line}" if expect.line else "")
    seen = f"searchable={found}, named on stderr as {named}" + (
        f" with a reason matching {expect.reason!r}" if expect.reason else "")
    if expect.gap:
        failures.known_gap(ok, label, f"{expect.gap} ({seen})")
        return
    if failures.check(ok, f"{label}: expected {expect.outcome}, got {seen}"):
        print(f"ok {label}: {expect.outcome} ({seen})", flush=True)


def main():
    gazette_run.require_binary()
    failures = Failures()
    with tempfile.TemporaryDirectory(prefix="gazette-hostile-") as tmp:
        folder = os.path.join(tmp, "in")
        os.mkdir(folder)
        expects = write_inputs(folder)
        db = os.path.join(tmp, "db")
        indexed = gazette_run.run(["--db", db, "index", folder], timeout=240)
        if not gazette_run.exited_cleanly(failures, indexed, "gazette index", allowed=(1,)):
            return failures.exit_code()
        for expect in expects:
            ids = gazette_run.search_ids(db, expect.marker)
            failures.check(ids is not None, f"search {expect.marker}: did not exit 0")
            check_expectation(failures, expect, os.path.join(folder, expect.name),
                              indexed.stderr, ids)
        control = gazette_run.search_ids(db, "qqcontrolgood") or []
        failures.check(len(control) == 1,
                       f"good.txt indexed {len(control)} times through the cycle/ symlink")
        gazette_run.check_database_sound(failures, db)
    return failures.exit_code()


if __name__ == "__main__":
    sys.exit(main())
