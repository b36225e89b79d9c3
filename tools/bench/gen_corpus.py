#!/usr/bin/env python3
"""Deterministic synthetic news corpus for the indexing benchmark and crash test.

The same --seed and --count always give byte-identical files. Articles are ~3 KB
on average with a log-normal length spread, words drawn from a Zipf-like
vocabulary, a title, a source, a date in 1985-2026, and mentions of leaders,
organisations and places from index/*.tsv in varied surface forms (full name,
alias, "President <surname>", bare surname), so extraction has real work to do.

Usage: gen_corpus.py --seed 1 --count 10000 OUT_DIR [--jsonl FILE] [--no-text]
Text files are written as OUT_DIR/NNN/NNNNNNN.txt (1000 per folder) with a
`Key: value` header block; --jsonl also writes every article as one JSON line.
"""
import argparse
import json
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
INDEX = os.path.join(HERE, '..', '..', 'index')

SOURCES = ['Gazette Wire', 'Northern Ledger', 'Eurasia Desk', 'Global Affairs Daily',
           'Harbor Times', 'Capital Dispatch', 'Meridian Post', 'Coastal Herald',
           'Atlas Report', 'Continental Review']
TITLES = ['President', 'Prime Minister', 'Chancellor', 'Premier', 'leader']
SYLLABLES = ['ka', 'to', 'ri', 'men', 'sa', 'lo', 'ven', 'dar', 'is', 'ul', 'pre', 'con',
             'tra', 'mi', 'nor', 'bel', 'ga', 'rus', 'te', 'on', 'al', 'ex', 'ber', 'que']
COMMON = ('the of and to in a said on for that with was as by at from is it its '
          'has have were be an which their after would who but not will also had '
          'been more than over this they government talks officials minister summit '
          'economy trade security agreement meeting week year new percent talks').split()


def read_entities(kind_file):
    """(name, aliases) per entity line of one gazetteer file; [] if missing."""
    path = os.path.join(INDEX, kind_file)
    out = []
    if not os.path.exists(path):
        return out
    with open(path, encoding='utf-8') as f:
        for line in f:
            if not line.strip() or line.startswith('#'):
                continue
            cols = line.rstrip('\n').split('\t')
            if len(cols) < 3:
                continue
            aliases = [a for a in cols[3].split('|') if a and not a.startswith('~')] \
                if len(cols) > 3 else []
            out.append((cols[2], aliases))
    return out


def make_vocabulary(rng, size):
    words = set()
    while len(words) < size:
        n = rng.choice([1, 2, 2, 3, 3, 4])
        words.add(''.join(rng.choice(SYLLABLES) for _ in range(n)))
    words = sorted(words)  # sets iterate in hash order, which varies per run
    rng.shuffle(words)     # so rank (frequency) does not follow spelling
    return COMMON + words


def zipf_cumulative(size, s=1.07):
    weights = [1.0 / (rank ** s) for rank in range(1, size + 1)]
    total = sum(weights)
    acc, out = 0.0, []
    for w in weights:
        acc += w / total
        out.append(acc)
    return out


def surface(rng, name, aliases, is_leader):
    """One way a text may refer to an entity."""
    r = rng.random()
    if aliases and r < 0.3:
        return rng.choice(aliases)
    if is_leader and r < 0.55:
        return f'{rng.choice(TITLES)} {name.split()[-1]}'
    if is_leader and r < 0.7:
        return name.split()[-1]
    return name


class Generator:
    def __init__(self, seed, mean_bytes=2700, own_words=0):
        self.mean_bytes = mean_bytes
        self.own_words = own_words
        self.rng = random.Random(seed)
        # Its own generator, so that the rest of the corpus stays the same.
        self.own_rng = random.Random(seed + 1)
        self.vocab = make_vocabulary(self.rng, 30000)
        self.cumulative = zipf_cumulative(len(self.vocab))
        self.leaders = read_entities('leaders.tsv') or [('Example Leader', [])]
        self.orgs = read_entities('organizations.tsv') or [('Example Organisation', [])]
        self.places = read_entities('places.tsv') or [('Example City', [])]

    def word(self):
        import bisect
        return self.vocab[bisect.bisect_left(self.cumulative, self.rng.random())]

    def mention(self):
        r = self.rng.random()
        if r < 0.4:
            name, aliases = self.rng.choice(self.leaders)
            return surface(self.rng, name, aliases, True)
        pool = self.orgs if r < 0.7 else self.places
        name, aliases = self.rng.choice(pool)
        return surface(self.rng, name, aliases, False)

    def sentence(self):
        words = [self.word() for _ in range(self.rng.randint(8, 24))]
        if self.rng.random() < 0.45:
            words.insert(self.rng.randrange(len(words)), self.mention())
        text = ' '.join(words)
        return text[0].upper() + text[1:] + '.'

    def article(self, n):
        rng = self.rng
        # Log-normal around 3 KB: most 1.5-6 KB, a few long features.
        target = min(20000, max(200, int(rng.lognormvariate(math.log(self.mean_bytes), 0.5))))
        paragraphs, size = [], 0
        while size < target:
            para = ' '.join(self.sentence() for _ in range(rng.randint(2, 5)))
            paragraphs.append(para)
            size += len(para) + 2
        if self.own_words:
            letters = 'abcdefghijklmnopqrstuvwxyz'
            paragraphs.append(' '.join(
                ''.join(self.own_rng.choice(letters) for _ in range(self.own_rng.randint(6, 11)))
                for _ in range(self.own_words)) + '.')
        title_words = [self.word() for _ in range(rng.randint(5, 11))]
        title_words.insert(rng.randrange(len(title_words)), self.mention())
        title = ' '.join(title_words)
        day = rng.randrange(0, (2026 - 1985) * 365)
        year = 1985 + day // 365
        month = 1 + (day % 365) // 31
        dom = 1 + (day % 365) % 31 % 28
        return {
            'id': f'gen-{n:07d}',
            'title': title[0].upper() + title[1:],
            'date': f'{year:04d}-{month:02d}-{dom:02d}',
            'source': rng.choice(SOURCES),
            'url': f'https://example.org/{year}/{month:02d}/{dom:02d}/gen-{n:07d}',
            'language': 'en',
            'body': '\n\n'.join(paragraphs),
        }


def as_text(a):
    return (f"Title: {a['title']}\nDate: {a['date']}\nSource: {a['source']}\n"
            f"URL: {a['url']}\nLanguage: {a['language']}\n\n{a['body']}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--count', type=int, default=10000)
    parser.add_argument('--jsonl', help='also write the articles to this JSON Lines file')
    parser.add_argument('--no-text', action='store_true', help='write no text files')
    parser.add_argument('--mean-bytes', type=int, default=2700,
                        help='typical body size (the crash test uses small articles)')
    parser.add_argument('--own-words', type=int, default=0,
                        help='words of its own (random letters) each article ends with: a '
                             'vocabulary that grows with the corpus')
    parser.add_argument('out_dir')
    args = parser.parse_args()
    gen = Generator(args.seed, args.mean_bytes, args.own_words)
    jsonl = open(args.jsonl, 'w', encoding='utf-8') if args.jsonl else None
    for n in range(args.count):
        a = gen.article(n)
        if not args.no_text:
            folder = os.path.join(args.out_dir, f'{n // 1000:03d}')
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f'{n:07d}.txt'), 'w', encoding='utf-8') as f:
                f.write(as_text(a))
        if jsonl:
            jsonl.write(json.dumps(a, ensure_ascii=False) + '\n')
    if jsonl:
        jsonl.close()


if __name__ == '__main__':
    main()
