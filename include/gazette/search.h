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
#include "gazette/options.h"
#include "gazette/query.h"

namespace gazette {

struct Hit {
  std::size_t rank = 0;  // 1-based, counting from the first result (offset+1)
  double score = 0;
  Article article;
  std::string snippet;  // with highlight markers kHighlightOpen/kHighlightClose
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

SearchResult Search(Database& db, const ParsedQuery& query,
                    const SearchOptions& options);

// The exact number of documents matching `query`.
std::uint64_t CountMatches(Database& db, const ParsedQuery& query);

}  // namespace gazette

#endif  // GAZETTE_SEARCH_H_
