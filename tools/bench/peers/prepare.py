#!/usr/bin/env python3
"""Turns `gazette export` of the benchmark index into the peers' input and
chooses the query mix from it, so that every engine indexes the same text
and the same entities, and every query asks the same thing of each.

  prepare.py EXPORT.jsonl PEERS.jsonl MIX.json

PEERS.jsonl: one article a line, {id, title, body, date, source, entities:
[[field, id], ...]} with field leader/person/org/place, the ids gazette's
extractor found (the peers have no extractor of their own).

MIX.json: the words to query (query_mix.py turns them into each engine's
syntax). Words are chosen so that the engines' different stemmers (Xapian's
Porter2, FTS5's Porter) agree on them: synthetic words ending in `a` or `o`,
which no rule of either stemmer touches, or `summit`. tools/bench/run then
checks that every engine counts the same matches."""

import collections
import json
import re
import sys

FIELDS = {"leaders": "leader", "people": "person", "organizations": "org", "places": "place"}
STOPWORDS = set("the of and to in a said on for that with was as by at from is it its has have "
                "were be an which their after would who but not will also had been more than "
                "over this they".split())
WORD = re.compile(r"[a-z]+")
LOWER_WORD = re.compile(r"[A-Za-z]+")


def stem_safe(word):
    """Unchanged by both stemmers: no suffix rule of Porter or Porter2 ends
    in a or o (Porter's `ou` aside)."""
    return word == "summit" or (len(word) > 4 and word[-1] in "ao" and not word.endswith("ou"))


def to_peer(article):
    entities = sorted({(field, m["id"]) for key, field in FIELDS.items()
                       for m in article.get(key, []) if m.get("id")})
    return {"id": article["id"], "title": article.get("title", ""), "body": article.get("body", ""),
            "date": (article.get("date") or "")[:10], "source": article.get("source", ""),
            "entities": [list(e) for e in entities]}


def choose(articles):
    df, bigrams = collections.Counter(), collections.Counter()
    leaders = collections.Counter()
    years = collections.Counter()
    for n, a in enumerate(articles):
        words = WORD.findall((a["title"] + " " + a["body"]).lower())
        df.update(set(words))
        if n < 5000:  # enough to find a frequent phrase; not a name (capitals)
            tokens = [w if w.islower() else None for w in LOWER_WORD.findall(a["body"])]
            bigrams.update(p for p in zip(tokens, tokens[1:]) if p[0] and p[1])
        leaders.update(e for f, e in a["entities"] if f == "leader")
        if a["date"]:
            years[int(a["date"][:4])] += 1
    total = len(articles)
    safe = [w for w, _ in df.most_common() if stem_safe(w) and w not in STOPWORDS]
    common = "summit" if df["summit"] > total * 0.05 else safe[0]
    # The facet query: a word in about half the articles.
    half = min((w for w in safe if w != common), key=lambda w: (abs(df[w] - total / 2), w))
    # A word in a handful of articles: few hits, so the query is all lookup.
    # (The fallbacks serve tiny smoke-test corpora.)
    rare = min((w for w in safe if 3 <= df[w] <= max(5, total // 1000) and len(w) > 5),
               key=lambda w: (df[w], w), default=safe[-1])
    # Three words of middling frequency: AND leaves some but not all.
    middling = [w for w in safe if total * 0.05 < df[w] < total * 0.6 and w not in (common, half)]
    if len(middling) < 4:
        middling = [w for w in safe if w not in (common, half)]
    phrase = next((f"{x} {y}" for (x, y), _ in bigrams.most_common()
                   if x != y and stem_safe(x) and stem_safe(y)), f"{common} {half}")
    span = [2019, 2020] if years[2019] and years[2020] else sorted(years)[len(years) // 2 - 1:][:2]
    return {"common": common, "half": half, "rare": rare, "words": middling[1:4], "phrase": phrase,
            "leader": leaders.most_common(1)[0][0] if leaders else "vladimir_putin",
            "years": span,
            "document_frequency": {"common": df[common], "half": df[half], "rare": df[rare]},
            "articles": total}


def main():
    export, peers_out, mix_out = sys.argv[1:4]
    with open(export, encoding="utf-8") as f:
        articles = [to_peer(json.loads(line)) for line in f if line.strip()]
    with open(peers_out, "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    with open(mix_out, "w") as f:
        json.dump(choose(articles), f, indent=1)


if __name__ == "__main__":
    main()
