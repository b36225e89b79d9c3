// Exact facet counts over the whole match set: one match spy reads every
// requested slot of a matching document once (xapian-notes §2, option A).
#ifndef GAZETTE_SEARCH_FACETS_H_
#define GAZETTE_SEARCH_FACETS_H_

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gazette/gazetteer.h"
#include "gazette/search.h"

namespace gazette::internal {

// A facet the spy counts: its name ("leader"), value slot, and whether the
// slot holds several ids joined by schema::kValueSeparator.
struct FacetSlot {
  std::string name;
  Xapian::valueno slot = 0;
  bool multi_valued = false;
};

// The slot of facet `name`; throws Error{kUsage} naming the known facets.
FacetSlot FindFacetSlot(std::string_view name);

class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(std::vector<FacetSlot> facets);
  void operator()(const Xapian::Document& doc, double weight) override;

  // Counts of facet `index` (in constructor order), unsorted.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using Counts = std::unordered_map<std::string, std::uint64_t, Hash, std::equal_to<>>;
  const Counts& counts(std::size_t index) const { return counts_[index]; }
  const std::vector<FacetSlot>& facets() const { return facets_; }

 private:
  void Count(Counts& counts, std::string_view value);
  std::vector<FacetSlot> facets_;
  std::vector<Counts> counts_;
  std::vector<std::string_view> seen_;  // one document's values, for dedup
};

// The busiest `limit` entries of facet `index`, ties by display name, with
// display names: entities by the gazetteer (else the id), sources by the
// outlet name an article of that source carries.
std::vector<FacetEntry> TopEntries(const FacetSpy& spy, std::size_t index, std::size_t limit,
                                   const Gazetteer& gazetteer, const Xapian::Database& db);

}  // namespace gazette::internal

#endif  // GAZETTE_SEARCH_FACETS_H_
