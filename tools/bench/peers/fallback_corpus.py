#!/usr/bin/env python3
"""A deterministic news-like corpus for tools/bench/run, used only when
tools/bench/gen_corpus.py (the indexer's generator) is absent; it takes the
same arguments and writes the same two forms.

Usage: fallback_corpus.py --seed 1 --count N OUT_DIR --jsonl FILE
Writes OUT_DIR/NNN/NNNNNNN.txt (a `Key: value` header, a blank line, the body)
and every article as one JSON line in FILE."""

import argparse
import json
import os
import random

# Leaders the built-in gazetteer knows (index/leaders.tsv), as text names them.
LEADERS = {
    "vladimir_putin": "Russian President Vladimir Putin",
    "xi_jinping": "Chinese President Xi Jinping",
    "joe_biden": "U.S. President Joe Biden",
    "narendra_modi": "Indian Prime Minister Narendra Modi",
    "emmanuel_macron": "French President Emmanuel Macron",
    "angela_merkel": "German Chancellor Angela Merkel",
    "cyril_ramaphosa": "South African President Cyril Ramaphosa",
    "shinzo_abe": "Japanese Prime Minister Shinzo Abe",
}
SOURCES = ["Gazette Wire", "Harbor Times", "Capital Dispatch", "Global Affairs Daily"]
TOPICS = ["summit", "trade", "sanctions", "energy", "election", "security", "climate", "harvest"]
# A phrase in a few percent of articles and a word in about 1 in 2,000, so
# that corpus_terms.py finds a phrase and a rare word to query.
PHRASE = "energy ministers"
RARE_WORD = "zephyrine"


def make_vocabulary(rng, size=20000):
    """Pseudo-words with Zipf weights (rank r weighs 1/r), as in real text:
    a few very common words and a long tail of rare ones."""
    syllables = ["ka", "lo", "mer", "tin", "sa", "vel", "dor", "ni", "pra", "gu", "sto", "len", "ri", "bo"]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    words = sorted(words)
    rng.shuffle(words)
    cumulative, total = [], 0.0
    for rank in range(1, size + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return words, cumulative


def sentence(rng, vocabulary, topic, n=None):
    words = rng.choices(vocabulary[0], cum_weights=vocabulary[1], k=n or rng.randint(8, 18))
    words.insert(rng.randrange(len(words)), topic)
    return " ".join(words).capitalize() + "."


def article(rng, vocabulary, i):
    topic = rng.choice(TOPICS)
    leaders = rng.sample(sorted(LEADERS), rng.choice([0, 1, 1, 2, 2, 3]))
    paragraphs = []
    for p in range(rng.randint(4, 8)):
        parts = [sentence(rng, vocabulary, topic) for _ in range(rng.randint(2, 4))]
        if p < len(leaders):
            parts.insert(0, f"{LEADERS[leaders[p]]} spoke about {topic} on Monday.")
        if rng.random() < 0.02:
            parts.append(f"The {PHRASE} met to discuss {topic} and trade.")
        paragraphs.append(" ".join(parts))
    if i % 2000 == 7:
        paragraphs.append(f"Observers called the plan {RARE_WORD}.")
    year = 2015 + i % 10
    return {
        "id": f"bench-{i:07d}",
        "title": f"{topic.capitalize()} talks: {sentence(rng, vocabulary, topic, n=6)[:-1]}",
        "body": "\n\n".join(paragraphs),
        "date": f"{year}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}",
        "source": rng.choice(SOURCES),
        "url": f"https://example.org/bench/{i}",
        "language": "en",
    }


def as_text(a):
    return (f"Title: {a['title']}\nDate: {a['date']}\nSource: {a['source']}\n"
            f"URL: {a['url']}\nLanguage: {a['language']}\n\n{a['body']}\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--jsonl", required=True)
    parser.add_argument("out_dir")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    vocabulary = make_vocabulary(rng)
    with open(args.jsonl, "w", encoding="utf-8") as jsonl:
        for i in range(args.count):
            a = article(rng, vocabulary, i)
            folder = os.path.join(args.out_dir, f"{i // 1000:03d}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"{i:07d}.txt"), "w", encoding="utf-8") as f:
                f.write(as_text(a))
            jsonl.write(json.dumps(a, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
