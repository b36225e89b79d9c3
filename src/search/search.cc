// Search(): ranked hits with snippets from a parsed query.
#include "gazette/search.h"

#include "gazette/document.h"
#include "gazette/schema.h"

namespace gazette {

SearchResult Search(Database& db, const ParsedQuery& query, const SearchOptions& options) {
  return db.Read([&](Xapian::Database& xdb) {
    SearchResult result;
    result.query = query.text;
    result.offset = options.offset;
    Xapian::Enquire enquire(xdb);
    enquire.set_query(query.query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    const bool by_relevance =
        options.sort == SortOrder::kRelevance || (options.sort == SortOrder::kAuto && query.has_words);
    if (!by_relevance) {
      const bool newest = options.sort != SortOrder::kOldest;
      enquire.set_sort_by_value_then_relevance(schema::kSlotDate, newest);
    }
    const Xapian::doccount check_at_least = options.exact_total ? xdb.get_doccount() : 0;
    Xapian::MSet mset = enquire.get_mset(options.offset, options.limit, check_at_least);
    result.total = mset.get_matches_estimated();
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    const Xapian::Stem stemmer(query.stemmer);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit;
      hit.rank = options.offset + it.get_rank() + 1;
      hit.score = it.get_weight();
      hit.article = ArticleFromDocument(it.get_document());
      hit.snippet = mset.snippet(hit.article.body, options.snippet_length, stemmer,
                                 Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                                     Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                 std::string(1, kHighlightOpen), std::string(1, kHighlightClose),
                                 "…");
      result.hits.push_back(std::move(hit));
    }
    return result;
  });
}

std::uint64_t CountMatches(Database& db, const ParsedQuery& query) {
  return db.Read([&](Xapian::Database& xdb) {
    Xapian::Enquire enquire(xdb);
    enquire.set_query(query.query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet mset = enquire.get_mset(0, 0, xdb.get_doccount());
    return static_cast<std::uint64_t>(mset.get_matches_estimated());
  });
}

}  // namespace gazette
