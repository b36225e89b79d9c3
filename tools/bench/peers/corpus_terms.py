#!/usr/bin/env python3
"""Reads the benchmark corpus once and chooses what to query (a common word,
a rare word, three words, a phrase, a leader, two years) so that the query mix
fits whichever generator wrote the corpus. Also tags each article with the
leaders it names, for the peers, which have no entity extractor: full names
and aliases from index/leaders.tsv, matched as whole words (gazette's own
extractor also resolves surnames and titles, so it finds somewhat more).

Usage: corpus_terms.py CORPUS.jsonl LEADERS.tsv PEERS.jsonl MIX.json"""

import collections
import json
import re
import sys

STOPWORDS = set("the of and to in a said on for that with was as by at from is it its has have "
                "were be an which their after would who but not will also had been more than "
                "over this they".split())
WORD = re.compile(r"[a-z]+")


def leader_names(tsv):
    """Surface form (as written) -> canonical id."""
    names = {}
    with open(tsv, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(cols) < 3:
                continue
            aliases = cols[3].split("|") if len(cols) > 3 else []
            for form in [cols[2]] + [a for a in aliases if a and not a.startswith("~")]:
                if len(form) > 3:
                    names[form] = cols[0]
    return names


def tag_leaders(articles, names):
    # Longest first, so "Luiz Inácio Lula da Silva" wins over "Lula".
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r")\b")
    for a in articles:
        found = {names[m] for m in pattern.findall(a["title"] + "\n" + a["body"])}
        a["entities"] = sorted(found)


def choose_terms(articles):
    df, bigrams = collections.Counter(), collections.Counter()
    for n, a in enumerate(articles):
        words = WORD.findall((a["title"] + " " + a["body"]).lower())
        df.update(set(words))
        if n < 2000:  # enough to find a frequent phrase
            bigrams.update(zip(words, words[1:]))
    total = len(articles)
    content = [w for w, _ in df.most_common() if w not in STOPWORDS and len(w) > 3]
    common = "summit" if df["summit"] > total * 0.05 else content[0]
    # A word in a handful of articles: hits are few, so the query is all lookup.
    rare = min((w for w in df if 3 <= df[w] <= max(5, total // 1000) and len(w) > 5),
               key=lambda w: (df[w], w))
    # Three words of middling frequency, so that AND leaves some but not all.
    middling = [w for w in content if total * 0.05 < df[w] < total * 0.6 and w != common]
    phrase = next(f"{x} {y}" for (x, y), _ in bigrams.most_common()
                  if x != y and x not in STOPWORDS and y not in STOPWORDS and len(x) > 3 and len(y) > 3)
    leaders = collections.Counter(e for a in articles for e in a["entities"])
    years = sorted({a["date"][:4] for a in articles if a.get("date")})
    middle = len(years) // 2
    return {"common": common, "rare": rare, "words": middling[1:4], "phrase": phrase,
            "leader": leaders.most_common(1)[0][0] if leaders else "vladimir_putin",
            "years": [int(years[middle - 1]), int(years[middle])] if len(years) > 1 else [2019, 2020],
            "document_frequency": {"common": df[common], "rare": df[rare]}}


def main():
    corpus, leaders_tsv, peers_out, mix_out = sys.argv[1:5]
    with open(corpus, encoding="utf-8") as f:
        articles = [json.loads(line) for line in f]
    for a in articles:
        a["body"] = a.get("body") or a.get("text") or a.get("content") or ""
    tag_leaders(articles, leader_names(leaders_tsv))
    with open(peers_out, "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    with open(mix_out, "w") as f:
        json.dump(choose_terms(articles), f, indent=1)


if __name__ == "__main__":
    main()
