// Query string + filters -> Xapian query, through Xapian's QueryParser with
// gazette's fields (schema.h). See docs/query-syntax.md.
#ifndef GAZETTE_QUERY_H_
#define GAZETTE_QUERY_H_

#include <xapian.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/database.h"
#include "gazette/gazetteer.h"

namespace gazette {

// The query language's field filters as flags (--leader, --since, ...):
// values of one field OR together, different fields AND. Entity values
// resolve like `leader:` values; since/until take the date expressions of
// `date:` ("2019", "2019-06-01", "30d", "yesterday"), since rounding down to
// the first day and until up to the last.
struct Filters {
  std::vector<std::string> leaders;
  std::vector<std::string> people;
  std::vector<std::string> orgs;
  std::vector<std::string> places;
  std::vector<std::string> sources;
  std::string since;  // a date expression: "2019", "2019-06-01", "30d"
  std::string until;

  bool empty() const;
};

struct ParsedQuery {
  std::string text;          // as the user typed it
  Xapian::Query query;       // MatchAll when there is nothing to match
  bool has_words = false;    // free-text terms present (relevance matters)
  std::string stemmer;       // language used to stem, for snippets
  std::string suggestion;    // "did you mean", empty when none
  // For Explain(): generated term or range description -> what it stands for
  // ("XLEADERvladimir_putin" -> "leader Vladimir Putin (vladimir_putin)").
  std::map<std::string, std::string> labels;
};

// Whether BuildQuery asks Xapian's speller for ParsedQuery::suggestion when
// a word is rare: ~1-1.5 ms a word, wasted where nothing shows it (`--format
// ids` and `jsonl`, `count`, `export`).
enum class Suggest { kYes, kNo };

// Parses `text` and `filters` against `db` (for spelling, wildcards and
// entities the gazetteer lacks) and `gazetteer` (entity values). `now_unix`
// anchors relative dates ("30d", "yesterday"). Throws Error{kBadQuery} with
// one line saying what and where: a syntax error, an unknown entity (with the
// closest known ones), a malformed date.
ParsedQuery BuildQuery(Database& db, const Gazetteer& gazetteer,
                       std::string_view text, const Filters& filters,
                       std::int64_t now_unix, Suggest suggest = Suggest::kYes);

// A readable, indented rendering of the parsed query for --explain: operators,
// field terms with their resolved entities, stems, absolute date ranges.
std::string Explain(const ParsedQuery& query);

// "now" for relative dates: $GAZETTE_NOW when set (for tests: seconds since
// the epoch, "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ"), else the clock. Throws
// Error{kUsage} for a malformed GAZETTE_NOW.
std::int64_t QueryNow();

}  // namespace gazette

#endif  // GAZETTE_QUERY_H_
