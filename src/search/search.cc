// Search(): ranked hits, totals and facets from one Enquire run.
#include "gazette/search.h"

#include "gazette/document.h"
#include "gazette/schema.h"
#include "search/facets.h"
#include "search/remote_facets.h"
#include "search/snippet.h"

namespace gazette {
namespace {

void SetOrder(Xapian::Enquire& enquire, const ParsedQuery& query, SortOrder sort) {
  // BM25 with the title's wdf x3 (schema::kTitleWeight) ranks title matches first.
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  const bool by_relevance = sort == SortOrder::kRelevance || (sort == SortOrder::kAuto && query.has_words);
  // Ties never go by docid: docids differ between one index and the same
  // articles in shards, and the order must not (docs/scaling.md). Equal
  // scores (wire copies) come newest first.
  if (by_relevance) {
    enquire.set_sort_by_relevance_then_value(schema::kSlotDateThenId, true);
    return;
  }
  const bool newest = sort != SortOrder::kOldest;
  // Within a day, relevance decides; equal scores there stay in docid order.
  if (query.has_words) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotDate, newest);
    return;
  }
  // A filter-only query scores every match 0: without a date order the
  // results would come in index order (xapian-notes pitfall 15).
  enquire.set_sort_by_value(schema::kSlotDateThenId, newest);
}

std::vector<std::string> EntityNames(const std::vector<Mention>& mentions, const Gazetteer& gazetteer) {
  std::vector<std::string> names;
  for (const Mention& m : mentions) {
    if (!m.name.empty()) {
      names.push_back(m.name);
    } else {
      const Entity* entity = gazetteer.FindById(m.id);
      names.push_back(entity ? entity->name : m.id);
    }
  }
  return names;
}

}  // namespace

std::vector<std::string> FacetNames() {
  return {"leader", "person", "org", "place", "source", "year", "month"};
}

SearchResult Search(Database& db, const ParsedQuery& query, const SearchOptions& options,
                    const Gazetteer& gazetteer) {
  std::vector<internal::FacetSlot> facets;
  for (const std::string& name : options.facets) facets.push_back(internal::FindFacetSlot(name));
  return db.Read([&](Xapian::Database& xdb) {
    SearchResult result;
    result.query = query.text;
    result.offset = options.offset;
    result.suggestion = query.suggestion;
    Xapian::Enquire enquire(xdb);
    enquire.set_query(query.query);
    SetOrder(enquire, query, options.sort);
    // A remote shard runs only Xapian's built-in spies (docs/scaling.md).
    const bool by_slots = db.has_remote();
    internal::FacetSpy spy(by_slots ? std::vector<internal::FacetSlot>{} : facets, xdb.size());
    if (!by_slots && !facets.empty()) enquire.add_matchspy(&spy);
    // Exact totals and facets both need every match visited. With no hits to
    // rank, an estimate would save nothing and may read "about 0".
    const bool exact = options.exact_total || !facets.empty() || options.limit == 0;
    const Xapian::doccount check_at_least = exact ? xdb.get_doccount() : 0;
    Xapian::MSet mset = enquire.get_mset(options.offset, options.limit, check_at_least);
    if (!facets.empty()) spy.CountValues(xdb);
    result.total = mset.get_matches_estimated();
    internal::SlotFacetCounter slot_counter(by_slots ? facets : std::vector<internal::FacetSlot>{}, xdb,
                                            mset.get_matches_estimated());
    slot_counter.Count(query.query, xdb);
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    const Xapian::Stem stemmer(query.stemmer);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit;
      hit.rank = it.get_rank() + 1;  // get_rank() counts from the first match, not the page
      hit.score = it.get_weight();
      hit.article = ArticleFromDocument(it.get_document());
      // `--format ids` shows no snippet, and a snippet costs ~0.1 ms a hit.
      if (options.snippet_length > 0)
        hit.snippet = internal::MakeSnippet(mset, hit.article, stemmer, options.snippet_length);
      hit.leaders = EntityNames(hit.article.leaders, gazetteer);
      hit.people = EntityNames(hit.article.people, gazetteer);
      hit.orgs = EntityNames(hit.article.organizations, gazetteer);
      hit.places = EntityNames(hit.article.places, gazetteer);
      result.hits.push_back(std::move(hit));
    }
    for (std::size_t i = 0; i < facets.size(); ++i) {
      result.facets.emplace_back(
          facets[i].name, by_slots ? slot_counter.TopEntries(i, options.facet_limit, gazetteer, xdb)
                                   : internal::TopEntries(spy, i, options.facet_limit, gazetteer, xdb));
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
