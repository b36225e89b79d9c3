// Facet counts a remote shard can take part in. Stock xapian-tcpsrv runs only
// Xapian's built-in match spies, so FacetSpy cannot go there; instead one
// ValueCountMatchSpy per slot: single-valued facets have one, entity facets
// one per position slot (schema::kPositionSlots), summed. Exact as long as no
// article names more than kPositionSlots ids in one field (docs/scaling.md).
//
// They count in a pass of their own, asking for no hits: with a remote shard
// that is not the first, a sort by value and 0 < hits < matches, Xapian
// 1.4.22's spies count some documents twice (31 instead of 28); a pass
// without hits counts right in every case tried (tests/e2e/shards_test.py).
#ifndef GAZETTE_SEARCH_REMOTE_FACETS_H_
#define GAZETTE_SEARCH_REMOTE_FACETS_H_

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gazette/gazetteer.h"
#include "gazette/search.h"
#include "search/facets.h"

namespace gazette::internal {

class SlotFacetCounter {
 public:
  // Spies for `facets`, in order; position slots that no document of `db`
  // fills get none (one spy costs a value read per match).
  SlotFacetCounter(const std::vector<FacetSlot>& facets, const Xapian::Database& db);

  // Counts the documents matching `query`, exactly (every match visited).
  // Throws Xapian::Error.
  void Count(const Xapian::Query& query, const Xapian::Database& db);

  // As internal::TopEntries() for facet `index`: the busiest `limit` entries,
  // ties by display name, with the same display names.
  std::vector<FacetEntry> TopEntries(std::size_t index, std::size_t limit,
                                     const Gazetteer& gazetteer, const Xapian::Database& db) const;

 private:
  struct Facet {
    FacetSlot slot;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
  };
  std::map<std::string, std::uint64_t> Counts(const Facet& facet) const;
  std::vector<Facet> facets_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SEARCH_REMOTE_FACETS_H_
