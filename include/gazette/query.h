// Query string + filters -> Xapian query, through Xapian's QueryParser with
// gazette's fields (schema.h). See docs/query-syntax.md.
#ifndef GAZETTE_QUERY_H_
#define GAZETTE_QUERY_H_

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/database.h"
#include "gazette/gazetteer.h"

namespace gazette {

// The query language's field filters as flags: values of one field OR
// together, different fields AND.
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
};

// Parses `text` and `filters` against `db` (for spelling and wildcards).
// `now_unix` anchors relative dates ("30d", "yesterday"). Throws
// Error{kBadQuery} with what and where.
ParsedQuery BuildQuery(Database& db, const Gazetteer& gazetteer,
                       std::string_view text, const Filters& filters,
                       std::int64_t now_unix);

}  // namespace gazette

#endif  // GAZETTE_QUERY_H_
