// Exact facet counts over the whole match set: a match spy records every
// matching document; CountValues() then reads each facet either from its
// value slot's stream, in docid order (xapian-notes §2, option A), or, when
// the matches are a large share of the index, from the postings of the
// field's terms (docs/performance.md, "Exact facets").
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

// A facet the spy counts: its name ("leader"), value slot, whether the slot
// holds several ids joined by schema::kValueSeparator, and the prefix of the
// boolean terms carrying the same ids (empty when there are none: year, month).
struct FacetSlot {
  std::string name;
  Xapian::valueno slot = 0;
  bool multi_valued = false;
  std::string term_prefix;
};

// How CountValues() reads a facet. kAuto: values, unless the facet has terms,
// the matches are at least kPostingsShare of the index, and the field's terms
// and postings promise to cost less than the matches' values (facets.cc).
enum class FacetMethod { kAuto, kValues, kPostings };
inline constexpr double kPostingsShare = 0.2;

// The slot of facet `name`; throws Error{kUsage} naming the known facets.
FacetSlot FindFacetSlot(std::string_view name);

// Add to an Enquire (with check_at_least >= the match count, so that every
// match is seen), run get_mset(), then call CountValues() with the same
// database before reading counts(). Not thread-safe; local databases only
// (a remote shard cannot run a custom spy, xapian-notes §8).
class FacetSpy : public Xapian::MatchSpy {
 public:
  // `shards`: the searched database's shard count. With several, Xapian 1.4
  // hands the spy each document with its docid *in its shard*, so the
  // docids cannot be matched to the combined database's value streams:
  // values are then read and counted per document, as they come.
  explicit FacetSpy(std::vector<FacetSlot> facets, std::size_t shards = 1);
  // Records the match's docid; the values are read later, slot by slot.
  void operator()(const Xapian::Document& doc, double weight) override;
  // Counts the recorded matches' values of every facet: each article once
  // per value. Call once, after get_mset(), on the database it searched.
  // Every method gives the same counts; `method` is for tests and benchmarks.
  void CountValues(const Xapian::Database& db, FacetMethod method = FacetMethod::kAuto);

  // Counts of facet `index` (in constructor order), unsorted.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using Counts = std::unordered_map<std::string, std::uint64_t, Hash, std::equal_to<>>;
  const Counts& counts(std::size_t index) const { return counts_[index]; }
  const std::vector<FacetSlot>& facets() const { return facets_; }

 private:
  std::vector<FacetSlot> facets_;
  std::vector<Counts> counts_;
  std::vector<Xapian::docid> matches_;  // in match order: ascending docids
  bool per_document_ = false;
  std::vector<std::string_view> seen_;  // one document's ids, per_document_
};

// The busiest `limit` entries of facet `index`, ties by display name, with
// display names: entities by the gazetteer (else the id), sources by the
// outlet name an article of that source carries.
std::vector<FacetEntry> TopEntries(const FacetSpy& spy, std::size_t index, std::size_t limit,
                                   const Gazetteer& gazetteer, const Xapian::Database& db);
// The same ranking and naming for counts from elsewhere (remote_facets.h):
// `entries` hold {id, id, count}.
std::vector<FacetEntry> RankFacetEntries(const FacetSlot& facet, std::vector<FacetEntry> entries,
                                         std::size_t limit, const Gazetteer& gazetteer,
                                         const Xapian::Database& db);

}  // namespace gazette::internal

#endif  // GAZETTE_SEARCH_FACETS_H_
