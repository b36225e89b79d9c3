// Running a parsed query: ranked hits, totals and exact facet counts.
// Prints nothing: output/ renders the SearchResult.
#ifndef GAZETTE_SEARCH_H_
#define GAZETTE_SEARCH_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "gazette/article.h"
#include "gazette/database.h"
#include "gazette/gazetteer.h"
#include "gazette/options.h"
#include "gazette/query.h"

namespace gazette {

struct Hit {
  std::size_t rank = 0;  // 1-based, counting from the first result (offset+1)
  double score = 0;
  Article article;       // as ShownArticleFromDocument reads it (document.h)
  std::string snippet;  // plain text; highlights between kHighlightOpen/Close
  // Display names of the article's entities, in the article's order.
  std::vector<std::string> leaders, people, orgs, places;
};

// Markers around highlighted terms in Hit::snippet; formatters replace them.
inline constexpr char kHighlightOpen = '\x02';
inline constexpr char kHighlightClose = '\x03';

struct FacetEntry {
  std::string value;  // display name ("Vladimir Putin", "2019")
  std::string id;     // canonical id or the raw value
  std::uint64_t count = 0;
};

struct SearchResult {
  std::string query;
  std::uint64_t total = 0;
  bool total_exact = false;
  std::size_t offset = 0;
  std::vector<Hit> hits;
  // Facet field name -> entries, busiest first, ties by name; in the order the
  // facets were asked for.
  std::vector<std::pair<std::string, std::vector<FacetEntry>>> facets;
  std::string suggestion;
};

// Runs `query`: hits options.offset+1 .. offset+limit in the chosen order,
// the total (exact when options.exact_total or any facet is asked for, since
// exact facets visit every match anyway), and the facets, counted exactly over
// the whole match set. Facet entries of entity fields carry the gazetteer's
// display names. Throws Error{kUsage} for an unknown facet name, Error{kCorrupt}
// or Error{kInternal} for index trouble. Prints nothing.
SearchResult Search(Database& db, const ParsedQuery& query,
                    const SearchOptions& options,
                    const Gazetteer& gazetteer = Gazetteer::Builtin());

// The facet names Search() accepts, in documentation order.
std::vector<std::string> FacetNames();

// The exact number of documents matching `query`.
std::uint64_t CountMatches(Database& db, const ParsedQuery& query);

}  // namespace gazette

#endif  // GAZETTE_SEARCH_H_
