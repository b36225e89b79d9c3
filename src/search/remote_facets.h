// Facet counts a remote shard can take part in. Stock xapian-tcpsrv runs only
// Xapian's built-in match spies, so FacetSpy cannot go there; instead one
// ValueCountMatchSpy per slot. Single-valued facets have one. Entity facets
// have one per position slot (schema::kPositionSlots), summed: exact as long
// as no article names more than kPositionSlots ids in one field. For up to
// kJoinedSlotMaxMatches matches, an entity facet is counted instead by one
// spy on its joined slot, whose values (id sets) are split here: exact with
// no limit and several times faster (one spy instead of up to 32), but the
// spy sends back one value per distinct id set, about one per match, so it
// suits small match sets only (docs/scaling.md).
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

// Default; $GAZETTE_JOINED_FACET_LIMIT overrides it (0: always by position).
inline constexpr Xapian::doccount kJoinedSlotMaxMatches = 20000;

class SlotFacetCounter {
 public:
  // Spies for `facets`, in order, for a query with `matches` matches (exact);
  // position slots that no document of `db` fills get none (one spy costs a
  // value read per match). Throws Error{kUsage} for a malformed
  // $GAZETTE_JOINED_FACET_LIMIT.
  SlotFacetCounter(const std::vector<FacetSlot>& facets, const Xapian::Database& db,
                   Xapian::doccount matches);

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
    bool joined = false;  // one spy on the joined slot, its values split
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
  };
  std::map<std::string, std::uint64_t> Counts(const Facet& facet) const;
  std::vector<Facet> facets_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SEARCH_REMOTE_FACETS_H_
