// Re-derivation of extracted fields, and the entity diff a dry run reports.
#include "maint/rederive.h"

#include <algorithm>
#include <set>

#include "gazette/dates.h"
#include "gazette/extract.h"

namespace gazette::internal {
namespace {

std::set<std::string> EntityKeys(const Article& article) {
  std::set<std::string> keys;
  for (EntityKind kind : kAllEntityKinds) {
    for (const Mention& m : article.mentions(kind))
      keys.insert(std::string(KindName(kind)) + ":" + m.id);
  }
  return keys;
}

}  // namespace

struct Rederiver::Impl {
  explicit Impl(const Gazetteer& g) : extractor(g) {}
  EntityExtractor extractor;
};

Rederiver::Rederiver(const Gazetteer& gazetteer) : impl_(std::make_unique<Impl>(gazetteer)) {}
Rederiver::~Rederiver() = default;

Article Rederiver::Rederive(Article stored) const {
  DeriveArticleFields(impl_->extractor, stored);
  return stored;
}

void DiffEntities(const Article& before, const Article& after, std::vector<std::string>& added,
                  std::vector<std::string>& removed) {
  const std::set<std::string> old_keys = EntityKeys(before);
  const std::set<std::string> new_keys = EntityKeys(after);
  added.clear();
  removed.clear();
  std::set_difference(new_keys.begin(), new_keys.end(), old_keys.begin(), old_keys.end(),
                      std::back_inserter(added));
  std::set_difference(old_keys.begin(), old_keys.end(), new_keys.begin(), new_keys.end(),
                      std::back_inserter(removed));
}

void EntityTally::Add(const Article& article) {
  for (std::size_t k = 0; k < std::size(kAllEntityKinds); ++k) {
    for (const Mention& m : article.mentions(kAllEntityKinds[k])) ++counts_[k][m.id];
  }
}

std::vector<FacetShift> EntityTally::Compare(const EntityTally& before, const EntityTally& after,
                                             const Gazetteer& gazetteer, std::size_t limit) {
  std::vector<FacetShift> rows;
  for (std::size_t k = 0; k < std::size(kAllEntityKinds); ++k) {
    const auto& old_counts = before.counts_[k];
    const auto& new_counts = after.counts_[k];
    std::map<std::string, FacetShift> by_id;
    for (const auto* counts : {&old_counts, &new_counts}) {
      for (const auto& [id, n] : *counts) {
        (void)n;
        FacetShift& row = by_id[id];
        row.kind = std::string(KindName(kAllEntityKinds[k]));
        row.id = id;
        const Entity* entity = gazetteer.FindById(id);
        row.name = entity ? entity->name : id;
        if (auto it = old_counts.find(id); it != old_counts.end()) row.before = it->second;
        if (auto it = new_counts.find(id); it != new_counts.end()) row.after = it->second;
      }
    }
    for (auto& [id, row] : by_id) rows.push_back(std::move(row));
  }
  return KeepBusiest(std::move(rows), limit);
}

std::vector<FacetShift> EntityTally::KeepBusiest(std::vector<FacetShift> rows, std::size_t limit) {
  std::vector<FacetShift> shifts;
  for (EntityKind kind : kAllEntityKinds) {
    std::vector<FacetShift> kind_rows;
    for (FacetShift& row : rows)
      if (row.kind == KindName(kind)) kind_rows.push_back(std::move(row));
    std::stable_sort(kind_rows.begin(), kind_rows.end(),
                     [](const FacetShift& a, const FacetShift& b) { return a.id < b.id; });
    // Keep an id that is among the busiest on either side, so an entity that
    // lost all its articles still shows up.
    auto rank_by = [&](auto key) {
      std::vector<const FacetShift*> order;
      for (const FacetShift& row : kind_rows) order.push_back(&row);
      std::stable_sort(order.begin(), order.end(),
                       [&](const FacetShift* a, const FacetShift* b) { return key(*a) > key(*b); });
      std::set<std::string> top;
      for (std::size_t i = 0; i < order.size() && i < limit; ++i) top.insert(order[i]->id);
      return top;
    };
    const std::set<std::string> top_before = rank_by([](const FacetShift& r) { return r.before; });
    const std::set<std::string> top_after = rank_by([](const FacetShift& r) { return r.after; });
    std::erase_if(kind_rows, [&](const FacetShift& r) {
      return !top_before.count(r.id) && !top_after.count(r.id);
    });
    std::stable_sort(kind_rows.begin(), kind_rows.end(), [](const FacetShift& a, const FacetShift& b) {
      return std::tie(b.after, b.before) < std::tie(a.after, a.before);
    });
    shifts.insert(shifts.end(), kind_rows.begin(), kind_rows.end());
  }
  return shifts;
}

}  // namespace gazette::internal
