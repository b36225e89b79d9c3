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

// The article with the lowest docid carrying `term`, as the first posting
// would give, but through a one-hit search: opening a postlist on a remote
// shard transfers all of it (25 ms per source name on 10k articles).
std::optional<Article> FirstArticle(const std::string& term, const Xapian::Database& db) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(term));
  enquire.set_weighting_scheme(Xapian::BoolWeight());  // all equal: docid order
  const Xapian::MSet mset = enquire.get_mset(0, 1);
  if (mset.empty()) return std::nullopt;
  return ArticleFromDocument(mset.begin().get_document());
}

// The display names below copy internal::TopEntries (facets.cc), which takes
// a FacetSpy: a source by the outlet name of its first article, an entity the
// gazetteer lacks by the name its first article gives it.
std::string SourceName(const std::string& slug, const Xapian::Database& db) {
  const std::optional<Article> article =
      FirstArticle(std::string(schema::kPrefixSource) + slug, db);
  return !article || article->source.empty() ? slug : article->source;
}

std::string MentionName(const FacetSlot& facet, const std::string& id, const Xapian::Database& db) {
  const schema::Field* field = schema::FindField(facet.name);
  if (!field || !field->entity_kind) return id;
  const std::optional<Article> article = FirstArticle(std::string(field->prefix) + id, db);
  if (!article) return id;
  for (const Mention& m : article->mentions(*field->entity_kind))
    if (m.id == id && !m.name.empty()) return m.name;
  return id;
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

bool Busiest(const FacetEntry& a, const FacetEntry& b) {
  return a.count != b.count ? a.count > b.count : a.value < b.value;
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
  const FacetSlot& facet = facets_[index].slot;
  std::vector<FacetEntry> entries;
  for (const auto& [id, count] : Counts(facets_[index])) {
    FacetEntry entry{id, id, count};
    if (facet.multi_valued) {
      if (const Entity* entity = gazetteer.FindById(id)) entry.value = entity->name;
    }
    entries.push_back(std::move(entry));
  }
  std::sort(entries.begin(), entries.end(), Busiest);
  // Same steps as facets.cc, so that a remote search shows what a local one
  // does: name sources only up to the cut (and every tie at it), entities the
  // gazetteer lacks only once cut.
  if (facet.name == "source") {
    const std::size_t keep = std::min(entries.size(), limit);
    std::size_t named = keep;
    while (named < entries.size() && keep > 0 && entries[named].count == entries[keep - 1].count)
      ++named;
    for (std::size_t i = 0; i < named; ++i) entries[i].value = SourceName(entries[i].id, db);
    entries.resize(named);
    std::sort(entries.begin(), entries.end(), Busiest);
  }
  if (entries.size() > limit) entries.resize(limit);
  if (facet.multi_valued) {
    for (FacetEntry& e : entries)
      if (e.value == e.id && !gazetteer.FindById(e.id)) e.value = MentionName(facet, e.id, db);
    std::sort(entries.begin(), entries.end(), Busiest);
  }
  return entries;
}

}  // namespace gazette::internal
