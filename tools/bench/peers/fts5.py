#!/usr/bin/env python3
"""SQLite FTS5 as a peer for tools/bench/run: an articles table, an external
content FTS5 table (porter stemming, bm25 ranking), an entity table
(article, field, id) for GROUP BY facets, and an ISO date column for ranges.

  fts5.py index DB PEERS.jsonl         build DB (prepare.py's output)
  fts5.py query DB MIX.json NAME       one query of query_mix.py (a whole command)
  fts5.py count DB MIX.json            matches per query; JSON {name: n}
  fts5.py latency DB MIX.json REPEAT   every query REPEAT times in-process (facets
                                       REPEAT/10, at least 5); JSON
                                       {name: [seconds, ...]} on stdout"""

import json
import os
import sqlite3
import sys
import time

import query_mix

SCHEMA = """
CREATE TABLE articles (id INTEGER PRIMARY KEY, ext_id TEXT UNIQUE, title TEXT,
                       body TEXT, date TEXT, source TEXT);
CREATE INDEX articles_date ON articles(date);
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='articles',
                                             content_rowid='id', tokenize='porter unicode61');
-- Clustered by article: the facet join reads one range per matching article;
-- the primary key also makes an article count once per value.
CREATE TABLE entities (article_id INTEGER, kind TEXT, entity TEXT,
                       PRIMARY KEY (article_id, kind, entity)) WITHOUT ROWID;
"""


def index(db, corpus):
    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db)
    con.executescript(SCHEMA)
    with open(corpus, encoding="utf-8") as lines, con:  # one transaction
        for rowid, line in enumerate(lines, start=1):
            a = json.loads(line)
            body = a["body"]
            con.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?)",
                        (rowid, a.get("id"), a.get("title", ""), body,
                         (a.get("date") or "")[:10], a.get("source", "")))
            con.execute("INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)",
                        (rowid, a.get("title", ""), body))
            con.executemany("INSERT OR IGNORE INTO entities VALUES (?, ?, ?)",
                            [(rowid, kind, e) for kind, e in a.get("entities", [])])
    # Built after the load: cheaper than maintaining it row by row.
    con.execute("CREATE INDEX entities_by_entity ON entities(kind, entity, article_id)")
    con.execute("ANALYZE")
    con.commit()
    con.close()


def query(db, mix, name):
    con = sqlite3.connect(db)
    sql, params = query_mix.fts5_sql(mix, name)
    for row in con.execute(sql, params):
        print(*row)


def count(db, mix):
    con = sqlite3.connect(db)
    json.dump({name: con.execute(*query_mix.fts5_count_sql(mix, name)).fetchone()[0]
               for name in query_mix.NAMES}, sys.stdout)


def latency(db, mix, repeat):
    con = sqlite3.connect(db)
    timings = {}
    for name in query_mix.NAMES:
        sql, params = query_mix.fts5_sql(mix, name)
        con.execute(sql, params).fetchall()  # warm the page cache
        runs = []
        for _ in range(repeat if name != "facets" else max(5, repeat // 10)):
            start = time.perf_counter()
            con.execute(sql, params).fetchall()
            runs.append(time.perf_counter() - start)
        timings[name] = runs
    json.dump(timings, sys.stdout)


def main():
    command, db = sys.argv[1], sys.argv[2]
    if command == "index":
        index(db, sys.argv[3])
    elif command == "query":
        query(db, query_mix.load(sys.argv[3]), sys.argv[4])
    elif command == "count":
        count(db, query_mix.load(sys.argv[3]))
    elif command == "latency":
        latency(db, query_mix.load(sys.argv[3]), int(sys.argv[4]))
    else:
        sys.exit(f"fts5.py: unknown command {command!r}")


if __name__ == "__main__":
    main()
