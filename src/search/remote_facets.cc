// Per-slot counting for searches with remote shards (xapian-notes §2, option
// B): each document writes an id at most once per field, so summing the
// per-position counts gives the number of matching articles per id; so does
// splitting each id set of a joined slot and adding its count to every id.
#include "search/remote_facets.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "gazette/document.h"
#include "gazette/problem.h"
#include "gazette/schema.h"

namespace gazette::internal {
namespace {

// The slots holding facet `facet` one value each.
std::vector<Xapian::valueno> CountedSlots(const FacetSlot& facet, const Xapian::Database& db) {
  const schema::Field* field = schema::FindField(facet.name);
  if (!facet.multi_valued || !field || !field->position_slots) return {facet.slot};
  std::vector<Xapian::valueno> slots;
  for (unsigned i = 0; i < schema::kPositionSlots; ++i) {
    // Positions fill in order, so the first empty one ends the used range.
    if (db.get_value_freq(*field->position_slots + i) == 0) break;
    slots.push_back(*field->position_slots + i);
  }
  return slots;
}

Xapian::doccount JoinedSlotMaxMatches() {
  const char* env = std::getenv("GAZETTE_JOINED_FACET_LIMIT");
  if (!env || !*env) return kJoinedSlotMaxMatches;
  const std::string text(env);
  if (text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
    throw Error(ErrorKind::kUsage, "GAZETTE_JOINED_FACET_LIMIT must be a number of matches, not '" +
                                       text.substr(0, 20) + "'");
  return static_cast<Xapian::doccount>(std::stoul(text));
}


}  // namespace

SlotFacetCounter::SlotFacetCounter(const std::vector<FacetSlot>& facets, const Xapian::Database& db,
                                   Xapian::doccount matches) {
  const Xapian::doccount limit = facets.empty() ? 0 : JoinedSlotMaxMatches();
  for (const FacetSlot& slot : facets) {
    Facet facet{slot, slot.multi_valued && matches <= limit, {}};
    const std::vector<Xapian::valueno> counted =
        facet.joined ? std::vector<Xapian::valueno>{slot.slot} : CountedSlots(slot, db);
    for (Xapian::valueno s : counted)
      facet.spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(s));
    facets_.push_back(std::move(facet));
  }
}

void SlotFacetCounter::Count(const Xapian::Query& query, const Xapian::Database& db) {
  if (facets_.empty()) return;
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  for (Facet& facet : facets_)
    for (auto& spy : facet.spies) enquire.add_matchspy(spy.get());
  enquire.get_mset(0, 0, db.get_doccount());
}

std::map<std::string, std::uint64_t> SlotFacetCounter::Counts(const Facet& facet) const {
  std::map<std::string, std::uint64_t> counts;
  std::vector<std::string> ids;
  for (const auto& spy : facet.spies) {
    for (Xapian::TermIterator it = spy->values_begin(); it != spy->values_end(); ++it) {
      if (!facet.joined) {
        if (!(*it).empty()) counts[*it] += it.get_termfreq();
        continue;
      }
      // An id set: each id once, as FacetSpy counts them.
      ids.clear();
      const std::string value = *it;
      for (std::size_t begin = 0; begin <= value.size();) {
        std::size_t end = value.find(schema::kValueSeparator, begin);
        if (end == std::string::npos) end = value.size();
        std::string id = value.substr(begin, end - begin);
        if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end())
          ids.push_back(std::move(id));
        begin = end + 1;
      }
      for (const std::string& id : ids) counts[id] += it.get_termfreq();
    }
  }
  return counts;
}

std::vector<FacetEntry> SlotFacetCounter::TopEntries(std::size_t index, std::size_t limit,
                                                     const Gazetteer& gazetteer,
                                                     const Xapian::Database& db) const {
  std::vector<FacetEntry> entries;
  for (const auto& [id, count] : Counts(facets_[index])) entries.push_back(FacetEntry{id, id, count});
  return RankFacetEntries(facets_[index].slot, std::move(entries), limit, gazetteer, db);
}

}  // namespace gazette::internal
