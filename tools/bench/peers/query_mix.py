"""The benchmark's query mix, written once per engine so that every engine
answers the same question: the top 10 by relevance (BM25 in all of them), or
for `facets`, the 10 busiest values of five fields (leader, person, org,
place, source) over every match, with no hits. The words come from
prepare.py's MIX.json (`mix` below). An engine that cannot express a query
gets None, and the tables say so."""

import json

NAMES = ["common", "rare", "words", "phrase", "entity", "dates", "facets"]
FACET_FIELDS = ["leader", "person", "org", "place", "source"]
ENTITY_PREFIXES = {"leader": "XLEADER", "person": "XPERSON", "org": "XORG", "place": "XPLACE"}


def load(path):
    with open(path) as f:
        return json.load(f)


def describe(mix, name):
    """What the query asks, for the tables."""
    y0, y1 = mix["years"]
    return {
        "common": mix["common"],
        "rare": mix["rare"],
        "words": " ".join(mix["words"]),
        "phrase": f'"{mix["phrase"]}"',
        "entity": f'{mix["common"]} leader:{mix["leader"]}',
        "dates": f'{mix["common"]} date:{y0}..{y1}',
        "facets": f'{mix["half"]}, 5 facets, no hits',
    }[name]


def gazette_text(mix, name):
    """The query string gazette parses (`gazette search TEXT`, BuildQuery)."""
    y0, y1 = mix["years"]
    return {
        "common": mix["common"],
        "rare": mix["rare"],
        "words": " ".join(mix["words"]),
        "phrase": f'"{mix["phrase"]}"',
        "entity": f'{mix["common"]} leader:{mix["leader"]}',
        "dates": f'{mix["common"]} date:{y0}..{y1}',
        "facets": mix["half"],
    }[name]


def gazette_args(mix, name):
    """`gazette search` arguments after `--db DB search`: the default text
    output, what a person runs."""
    if name == "facets":
        return ["--limit", "0", "--facet", ",".join(FACET_FIELDS), mix["half"]]
    return [gazette_text(mix, name)]


def xapian_text(mix, name):
    """The raw Xapian driver's query on gazette's own index (search_bench:
    boolean prefixes leader:/person:/org:/place:, a string range date: on the
    YYYYMMDD slot)."""
    y0, y1 = mix["years"]
    if name == "dates":
        return f'{mix["common"]} date:{y0}0101..{y1}1231'
    return gazette_text(mix, name)


def quest_args(mix, name, db, script_index):
    """A whole `quest` command, or None when quest cannot express the query:
    it has no facets, and on gazette's index no date filter (dates are a value
    slot there, and quest has no range option)."""
    y0, y1 = mix["years"]
    if name == "facets" or (name == "dates" and not script_index):
        return None
    query = gazette_text(mix, name)
    if name == "dates":  # scriptindex's date=yyyymmdd writes Y terms; values of one field OR
        query = f'{mix["common"]} ' + " ".join(f"year:{y}" for y in range(y0, y1 + 1))
    args = ["quest", "-d", db, "-o", "and", "-m", "10", "-b", "year:Y"]
    for field, prefix in ENTITY_PREFIXES.items():
        args += ["-b", f"{field}:{prefix}"]
    return args + [query]


def search_bench_queries(mix):
    """search_bench's QUERIES.json."""
    out = []
    for name in NAMES:
        q = {"name": name, "gazette": gazette_text(mix, name), "xapian": xapian_text(mix, name)}
        if name == "facets":
            q.update(facets=FACET_FIELDS, limit=0)
        out.append(q)
    return out


FTS5_TOP = ("SELECT a.ext_id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            "WHERE articles_fts MATCH ? {} ORDER BY bm25(articles_fts) LIMIT 10")
FTS5_COUNT = ("SELECT count(*) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
              "WHERE articles_fts MATCH ? {}")
# The ten busiest values per field over every match, in one statement: the
# match set once (MATERIALIZED), GROUP BY over the entity table and the source
# column, ranked per field.
FTS5_FACETS = """WITH m(id) AS MATERIALIZED (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?),
counts(kind, value, n) AS (
  SELECT e.kind, e.entity, count(*) FROM m JOIN entities e ON e.article_id = m.id GROUP BY e.kind, e.entity
  UNION ALL
  SELECT 'source', a.source, count(*) FROM m JOIN articles a ON a.id = m.id GROUP BY a.source),
ranked AS (SELECT kind, value, n, row_number() OVER (PARTITION BY kind ORDER BY n DESC, value) AS r
           FROM counts)
SELECT kind, value, n FROM ranked WHERE r <= 10 ORDER BY kind, r"""


def _fts5_filter(mix, name):
    y0, y1 = mix["years"]
    words = {"common": mix["common"], "rare": mix["rare"], "words": " ".join(mix["words"]),
             "phrase": f'"{mix["phrase"]}"', "entity": mix["common"], "dates": mix["common"],
             "facets": mix["half"]}[name]
    if name == "entity":
        return ("AND a.id IN (SELECT article_id FROM entities WHERE kind = 'leader' AND entity = ?)",
                [words, mix["leader"]])
    if name == "dates":
        return "AND a.date BETWEEN ? AND ?", [words, f"{y0}-01-01", f"{y1}-12-31"]
    return "", [words]


def fts5_sql(mix, name):
    """(SQL, parameters) over fts5.py's schema: what the query returns."""
    extra, params = _fts5_filter(mix, name)
    if name == "facets":
        return FTS5_FACETS, params
    return FTS5_TOP.format(extra), params


def fts5_count_sql(mix, name):
    """(SQL, parameters): the number of matches, to check engines agree."""
    extra, params = _fts5_filter(mix, name)
    return FTS5_COUNT.format(extra), params
