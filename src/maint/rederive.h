// Re-deriving an article's extracted fields from its stored copy, and
// comparing the entities before and after: shared by rebuild and its dry run.
#ifndef GAZETTE_SRC_MAINT_REDERIVE_H_
#define GAZETTE_SRC_MAINT_REDERIVE_H_

#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gazette/article.h"
#include "gazette/gazetteer.h"
#include "gazette/rebuild.h"

namespace gazette::internal {

// Holds what extraction needs, built once per rebuild. Not thread-safe.
class Rederiver {
 public:
  // `gazetteer` must outlive the Rederiver.
  explicit Rederiver(const Gazetteer& gazetteer);
  ~Rederiver();
  // `stored` with its entities and mentioned dates derived afresh from its
  // title and body; the input fields are kept as they are.
  Article Rederive(Article stored) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "kind:id" entries in `after` but not in `before` (added) and the reverse
// (removed), each sorted. Empty when the entity sets are equal (counts and
// aliases may still differ: they are not "changes" a user filters on).
void DiffEntities(const Article& before, const Article& after, std::vector<std::string>& added,
                  std::vector<std::string>& removed);

// Articles per entity id for each kind: the entity facets' counts.
class EntityTally {
 public:
  void Add(const Article& article);
  // For each kind, the ids among the `limit` busiest before or after, busiest
  // (after, then before) first, with their display names from `gazetteer`.
  static std::vector<FacetShift> Compare(const EntityTally& before, const EntityTally& after,
                                         const Gazetteer& gazetteer, std::size_t limit);
  // Of `rows` (any kinds, each id once per kind), the ones Compare() keeps,
  // in its order: for merging the complete Compare() lists of several shards.
  static std::vector<FacetShift> KeepBusiest(std::vector<FacetShift> rows, std::size_t limit);

 private:
  std::array<std::map<std::string, std::uint64_t>, std::size(kAllEntityKinds)> counts_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_MAINT_REDERIVE_H_
