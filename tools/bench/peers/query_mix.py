"""The benchmark's query mix, written once per engine so that every engine
answers the same question: the top 10 by relevance (bm25 in all three), or
for the facets query, the 10 most frequent leaders among the matches. The
words come from corpus_terms.py's MIX.json (`mix` below)."""

import json

NAMES = ["common", "rare", "words", "phrase", "entity", "dates", "facets"]


def load(path):
    with open(path) as f:
        return json.load(f)


def describe(mix, name):
    """What the query asks, for the table."""
    y0, y1 = mix["years"]
    return {
        "common": mix["common"],
        "rare": mix["rare"],
        "words": " ".join(mix["words"]),
        "phrase": f'"{mix["phrase"]}"',
        "entity": f'{mix["common"]} + leader {mix["leader"]}',
        "dates": f'{mix["common"]} + {y0}..{y1}',
        "facets": f'leader facet of {mix["common"]}, no hits',
    }[name]


def gazette_args(mix, name):
    """`gazette search` arguments, after `--db DB search`: ids for hits, JSON
    for facets (docs/json.md), so that the bench can count what came back."""
    y0, y1 = mix["years"]
    if name == "facets":
        return ["--format", "json", "--limit", "0", "--facet", "leader", mix["common"]]
    return ["--format", "ids"] + {
        "common": [mix["common"]],
        "rare": [mix["rare"]],
        "words": list(mix["words"]),
        "phrase": [f'"{mix["phrase"]}"'],
        "entity": [mix["common"], f'leader:{mix["leader"]}'],
        "dates": [mix["common"], f"date:{y0}..{y1}"],
    }[name]


def quest_query(mix, name):
    """quest's query string (with -b leader:XL -b year:Y -o and), or None
    when quest cannot express it: it has no facets."""
    y0, y1 = mix["years"]
    return {
        "common": mix["common"],
        "rare": mix["rare"],
        "words": " ".join(mix["words"]),
        "phrase": f'"{mix["phrase"]}"',
        "entity": f'{mix["common"]} leader:{mix["leader"]}',
        # scriptindex's date=yyyymmdd makes Y terms; one field's values OR.
        "dates": f'{mix["common"]} ' + " ".join(f"year:{y}" for y in range(y0, y1 + 1)),
        "facets": None,
    }[name]


def fts5_sql(mix, name):
    """(SQL, parameters) over fts5.py's schema."""
    top = ("SELECT a.ext_id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
           "WHERE articles_fts MATCH ? {} ORDER BY bm25(articles_fts) LIMIT 10")
    y0, y1 = mix["years"]
    return {
        "common": (top.format(""), [mix["common"]]),
        "rare": (top.format(""), [mix["rare"]]),
        "words": (top.format(""), [" ".join(mix["words"])]),
        "phrase": (top.format(""), [f'"{mix["phrase"]}"']),
        "entity": (top.format("AND a.id IN (SELECT article_id FROM entities WHERE entity = ?)"),
                   [mix["common"], mix["leader"]]),
        "dates": (top.format("AND a.date BETWEEN ? AND ?"),
                  [mix["common"], f"{y0}-01-01", f"{y1}-12-31"]),
        "facets": ("SELECT entity, COUNT(*) AS n FROM entities WHERE article_id IN "
                   "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) "
                   "GROUP BY entity ORDER BY n DESC LIMIT 10", [mix["common"]]),
    }[name]
