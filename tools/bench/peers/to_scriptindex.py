#!/usr/bin/env python3
"""Converts the benchmark's JSONL corpus into scriptindex's dump format
(field=value lines, one blank line between records; a line of a multi-line
value after the first starts with "="), for articles.index.

Usage: to_scriptindex.py PEERS.jsonl > DUMP   (prepare.py's output)"""

import json
import sys


def field(name, value):
    lines = str(value).split("\n")
    return "\n".join([f"{name}={lines[0]}"] + [f"={line}" for line in lines[1:]])


def main():
    out = sys.stdout
    with open(sys.argv[1], encoding="utf-8") as lines:
        for line in lines:
            a = json.loads(line)
            record = [field("id", a["id"]), field("title", a.get("title", "")), field("body", a["body"]),
                      field("date", (a.get("date") or "")[:10].replace("-", "")),
                      field("source", a.get("source", ""))]
            record += [field(kind, e) for kind, e in a.get("entities", [])]
            out.write("\n".join(record) + "\n\n")


if __name__ == "__main__":
    main()
