// Search(): ranked hits, totals and facets from one Enquire run.
#include "gazette/search.h"

#include <algorithm>

#include "gazette/document.h"
#include "gazette/schema.h"
#include "search/facets.h"
#include "search/remote_facets.h"
#include "search/snippet.h"

namespace gazette {
namespace {

bool ByRelevance(const ParsedQuery& query, SortOrder sort) {
  return sort == SortOrder::kRelevance || (sort == SortOrder::kAuto && query.has_words);
}

// For the orders other than relevance: filter-only queries. Every match
// scores 0, so without a date order the results would come in index order
// (xapian-notes pitfall 15).
void SetOrder(Xapian::Enquire& enquire, SortOrder sort) {
  enquire.set_sort_by_value(schema::kSlotDateThenId, sort != SortOrder::kOldest);
}

// Ties never go by docid: docids differ between one index and the same
// articles in shards, and the order must not (docs/scaling.md). Equal scores
// (wire copies) come newest first, by the date-then-id slot. Asking Xapian
// for that order makes it read the slot of every candidate it ranks (~0.25 ms
// of a 0.7 ms top 10 over 1,200 matches), yet ties are rare: so ask for plain
// relevance with one more hit on each side of the page, order ties inside
// the page here, and ask again the slow way only when a tie crosses an edge
// (then which of the tied articles belong to the page depends on the slot).
struct RankedPage {
  Xapian::MSet mset;
  std::vector<Xapian::MSetIterator> hits;  // in page order
};

bool Tied(const Xapian::MSetIterator& a, const Xapian::MSetIterator& b) {
  return a.get_weight() == b.get_weight();
}

RankedPage RankByRelevance(Xapian::Enquire& enquire, const SearchOptions& options,
                           Xapian::doccount check_at_least) {
  RankedPage page;
  const Xapian::doccount before = options.offset > 0 ? 1 : 0;
  enquire.set_sort_by_relevance();
  page.mset = enquire.get_mset(options.offset - before, before + options.limit + 1, check_at_least);
  const Xapian::doccount size = page.mset.size();
  const bool tie_at_start = before == 1 && size > 1 && Tied(page.mset[0], page.mset[1]);
  const bool tie_at_end =
      options.limit > 0 && size > before + options.limit &&
      Tied(page.mset[before + options.limit - 1], page.mset[before + options.limit]);
  Xapian::doccount first = before;
  if (tie_at_start || tie_at_end) {
    enquire.set_sort_by_relevance_then_value(schema::kSlotDateThenId, true);
    page.mset = enquire.get_mset(options.offset, options.limit, check_at_least);
    first = 0;
  }
  for (Xapian::doccount i = first; i < page.mset.size() && i < first + options.limit; ++i)
    page.hits.push_back(page.mset[i]);
  std::stable_sort(page.hits.begin(), page.hits.end(),
                   [](const Xapian::MSetIterator& a, const Xapian::MSetIterator& b) {
                     if (!Tied(a, b)) return a.get_weight() > b.get_weight();
                     return a.get_document().get_value(schema::kSlotDateThenId) >
                            b.get_document().get_value(schema::kSlotDateThenId);
                   });
  return page;
}

RankedPage RankBySort(Xapian::Enquire& enquire, const SearchOptions& options,
                      Xapian::doccount check_at_least) {
  RankedPage page;
  SetOrder(enquire, options.sort);
  page.mset = enquire.get_mset(options.offset, options.limit, check_at_least);
  for (auto it = page.mset.begin(); it != page.mset.end(); ++it) page.hits.push_back(it);
  return page;
}

// Articles of one day with equal scores (same-day copies).
bool SameDayTie(const Xapian::MSetIterator& a, const Xapian::MSetIterator& b) {
  return Tied(a, b) && a.get_document().get_value(schema::kSlotDate) ==
                           b.get_document().get_value(schema::kSlotDate);
}

// Whether every hit of `mset` from `from` to `to` (inclusive) is tied.
bool TiedRun(const Xapian::MSet& mset, Xapian::doccount from, Xapian::doccount to) {
  for (Xapian::doccount i = from; i < to; ++i)
    if (!SameDayTie(mset[i], mset[i + 1])) return false;
  return true;
}

// A date sort with words: by day, then relevance. Xapian would order
// same-day ties by docid, which differs between one index and shards; they
// go by the date-then-id slot instead, in the sort's direction. Ties can
// cross the page's edges, so the page is fetched with hits on each side,
// more until no tie that reaches into the page is cut by what was fetched.
RankedPage RankByDayThenRelevance(Xapian::Enquire& enquire, const SearchOptions& options,
                                  Xapian::doccount check_at_least) {
  const bool newest = options.sort != SortOrder::kOldest;
  enquire.set_sort_by_value_then_relevance(schema::kSlotDate, newest);
  RankedPage page;
  if (options.limit == 0) {
    page.mset = enquire.get_mset(options.offset, 0, check_at_least);
    return page;
  }
  const auto offset = static_cast<Xapian::doccount>(options.offset);
  const auto limit = static_cast<Xapian::doccount>(options.limit);
  Xapian::doccount first = 0;
  for (Xapian::doccount extra = 1;; extra *= 4) {
    const Xapian::doccount from = offset > extra ? offset - extra : 0;
    const Xapian::doccount wanted = offset - from + limit + extra;
    page.mset = enquire.get_mset(from, wanted, check_at_least);
    first = offset - from;
    const Xapian::doccount size = page.mset.size();
    const Xapian::doccount last = std::min(size, first + limit);
    if (first >= size) return page;
    const bool cut_before = from > 0 && TiedRun(page.mset, 0, first);
    const bool cut_after = size == wanted && TiedRun(page.mset, last - 1, size - 1);
    if (!cut_before && !cut_after) break;
  }
  std::vector<Xapian::MSetIterator> all;
  for (auto it = page.mset.begin(); it != page.mset.end(); ++it) all.push_back(it);
  for (std::size_t start = 0; start < all.size();) {
    std::size_t end = start + 1;
    while (end < all.size() && SameDayTie(all[start], all[end])) ++end;
    std::sort(all.begin() + start, all.begin() + end,
              [newest](const Xapian::MSetIterator& a, const Xapian::MSetIterator& b) {
                const std::string x = a.get_document().get_value(schema::kSlotDateThenId);
                const std::string y = b.get_document().get_value(schema::kSlotDateThenId);
                return newest ? x > y : x < y;
              });
    start = end;
  }
  const std::size_t last = std::min(all.size(), std::size_t{first} + limit);
  page.hits.assign(all.begin() + first, all.begin() + last);
  return page;
}

std::vector<std::string> EntityNames(const std::vector<Mention>& mentions,
                                     const Gazetteer& gazetteer) {
  std::vector<std::string> names;
  names.reserve(mentions.size());
  for (const Mention& m : mentions) {
    if (!m.name.empty()) {
      names.push_back(m.name);
    } else {
      const Entity* entity = gazetteer.FindById(m.id);
      names.push_back(entity ? std::string(entity->name) : m.id);
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
    // BM25 with the title's wdf x3 (schema::kTitleWeight) ranks title matches first.
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    // A remote shard runs only Xapian's built-in spies (docs/scaling.md).
    const bool by_slots = db.has_remote();
    internal::FacetSpy spy(by_slots ? std::vector<internal::FacetSlot>{} : facets, xdb.size());
    if (!by_slots && !facets.empty()) enquire.add_matchspy(&spy);
    // Exact totals and facets both need every match visited. With no hits to
    // rank, an estimate would save nothing and may read "about 0".
    const bool exact = options.exact_total || !facets.empty() || options.limit == 0;
    const Xapian::doccount check_at_least = exact ? xdb.get_doccount() : 0;
    RankedPage page;
    if (ByRelevance(query, options.sort))
      page = RankByRelevance(enquire, options, check_at_least);
    else if (query.has_words)
      page = RankByDayThenRelevance(enquire, options, check_at_least);
    else
      page = RankBySort(enquire, options, check_at_least);
    const Xapian::MSet& mset = page.mset;
    if (!facets.empty()) spy.CountValues(xdb);
    result.total = mset.get_matches_estimated();
    internal::SlotFacetCounter slot_counter(by_slots ? facets : std::vector<internal::FacetSlot>{},
                                            xdb, mset.get_matches_estimated());
    slot_counter.Count(query.query, xdb);
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    const Xapian::Stem stemmer(query.stemmer);
    const internal::SnippetMaker make_snippet(mset, query.query, stemmer, options.snippet_length);
    // Every hit's data first, then each decoded: zlib inflates them back to
    // back with its state still in cache, where taking turns with the
    // decoding and snippets cost 2% more time at the same instructions
    // (docs/performance.md, "Session 10").
    std::vector<std::string> stored;
    stored.reserve(page.hits.size());
    for (const Xapian::MSetIterator& it : page.hits) stored.push_back(it.get_document().get_data());
    for (std::size_t i = 0; i < page.hits.size(); ++i) {
      const Xapian::MSetIterator& it = page.hits[i];
      Hit hit;
      hit.rank = options.offset + i + 1;
      hit.score = it.get_weight();
      hit.article = ShownArticleFromData(std::move(stored[i]), *it);
      // `--format ids` shows no snippet, and a snippet costs ~0.1 ms a hit.
      if (options.snippet_length > 0)
        hit.snippet = make_snippet(hit.article);
      hit.leaders = EntityNames(hit.article.leaders, gazetteer);
      hit.people = EntityNames(hit.article.people, gazetteer);
      hit.orgs = EntityNames(hit.article.organizations, gazetteer);
      hit.places = EntityNames(hit.article.places, gazetteer);
      result.hits.push_back(std::move(hit));
    }
    for (std::size_t i = 0; i < facets.size(); ++i) {
      result.facets.emplace_back(
          facets[i].name, by_slots
                              ? slot_counter.TopEntries(i, options.facet_limit, gazetteer, xdb)
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
