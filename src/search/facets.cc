// Facet counting. Entity slots hold several ids per document, which
// Xapian's ValueCountMatchSpy (one value per slot) cannot count; one custom
// spy splitting them is also faster than one spy per field (xapian-notes §2).
#include "search/facets.h"

#include <algorithm>

#include "gazette/document.h"
#include "gazette/problem.h"
#include "gazette/schema.h"

namespace gazette::internal {
namespace {

constexpr std::string_view kFacetNames = "leader, person, org, place, source, year, month";

std::string SourceDisplayName(const std::string& slug, const Xapian::Database& db) {
  const std::string term = std::string(schema::kPrefixSource) + slug;
  Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return slug;
  const Article article = ArticleFromDocument(db.get_document(*it));
  return article.source.empty() ? slug : article.source;
}

// An entity the extractor created for a name the gazetteer lacks: the name
// its articles carry, so facets and hits show the same name.
std::string MentionName(const FacetSlot& facet, const std::string& id, const Xapian::Database& db) {
  const schema::Field* field = schema::FindField(facet.name);
  if (!field || !field->entity_kind) return id;
  const std::string term = std::string(field->prefix) + id;
  Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return id;
  const Article article = ArticleFromDocument(db.get_document(*it));
  for (const Mention& m : article.mentions(*field->entity_kind))
    if (m.id == id && !m.name.empty()) return m.name;
  return id;
}

}  // namespace

FacetSlot FindFacetSlot(std::string_view name) {
  if (name == "year") return {"year", schema::kSlotYear, false};
  if (name == "month") return {"month", schema::kSlotMonth, false};
  const schema::Field* field = schema::FindField(name);
  if (!field || !field->facet_slot)
    throw Error(ErrorKind::kUsage,
                "unknown facet '" + std::string(name) + "' (known: " + std::string(kFacetNames) + ")");
  return {std::string(name), *field->facet_slot, field->type == schema::FieldType::kEntity};
}

FacetSpy::FacetSpy(std::vector<FacetSlot> facets)
    : facets_(std::move(facets)), counts_(facets_.size()) {}

void FacetSpy::Count(Counts& counts, std::string_view value) {
  if (auto it = counts.find(value); it != counts.end()) {
    ++it->second;
  } else {
    counts.emplace(std::string(value), 1);
  }
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  for (std::size_t i = 0; i < facets_.size(); ++i) {
    const std::string value = doc.get_value(facets_[i].slot);
    if (value.empty()) continue;
    if (!facets_[i].multi_valued) {
      Count(counts_[i], value);
      continue;
    }
    // Each article counts once per value, even if an id were written twice.
    seen_.clear();
    const std::string_view all(value);
    for (std::size_t begin = 0; begin <= all.size();) {
      std::size_t end = all.find(schema::kValueSeparator, begin);
      if (end == std::string_view::npos) end = all.size();
      const std::string_view id = all.substr(begin, end - begin);
      if (!id.empty() && std::find(seen_.begin(), seen_.end(), id) == seen_.end()) {
        seen_.push_back(id);
        Count(counts_[i], id);
      }
      begin = end + 1;
    }
  }
}

std::vector<FacetEntry> TopEntries(const FacetSpy& spy, std::size_t index, std::size_t limit,
                                   const Gazetteer& gazetteer, const Xapian::Database& db) {
  const FacetSlot& facet = spy.facets()[index];
  std::vector<FacetEntry> entries;
  entries.reserve(spy.counts(index).size());
  for (const auto& [id, count] : spy.counts(index)) {
    FacetEntry entry{id, id, count};
    if (facet.multi_valued) {
      if (const Entity* entity = gazetteer.FindById(id)) entry.value = entity->name;
    }
    entries.push_back(std::move(entry));
  }
  // Sources need a document read for their names: sort by id first, name the
  // survivors only. Ids and names order alike for every other facet.
  auto busiest = [](const FacetEntry& a, const FacetEntry& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  };
  std::sort(entries.begin(), entries.end(), busiest);
  if (facet.name == "source") {
    const std::size_t keep = std::min(entries.size(), limit);
    // Ties at the cut must be decided by display name, so name every tie.
    std::size_t named = keep;
    while (named < entries.size() && keep > 0 && entries[named].count == entries[keep - 1].count) ++named;
    for (std::size_t i = 0; i < named; ++i) entries[i].value = SourceDisplayName(entries[i].id, db);
    entries.resize(named);
    std::sort(entries.begin(), entries.end(), busiest);
  }
  if (entries.size() > limit) entries.resize(limit);
  if (facet.multi_valued) {
    for (FacetEntry& e : entries)
      if (e.value == e.id && !gazetteer.FindById(e.id)) e.value = MentionName(facet, e.id, db);
    std::sort(entries.begin(), entries.end(), busiest);
  }
  return entries;
}

}  // namespace gazette::internal
