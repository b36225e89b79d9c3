// The edit distance of Xapian 1.4.22's speller (api/editdistance.cc and
// freq_edit_lower_bound in api/omdatabase.cc), so that SpellingIndex picks
// the words Database::get_spelling_suggestion picks. Its transposition rule
// is Xapian's own, neither Levenshtein nor textbook Damerau: a suggestion
// that must equal Xapian's needs this one.
#ifndef GAZETTE_SRC_DB_EDIT_DISTANCE_H_
#define GAZETTE_SRC_DB_EDIT_DISTANCE_H_

#include <span>

namespace gazette::internal {

// Xapian's edit_distance_unsigned(): the distance when it is at most
// `max_distance`, else some value above it.
int XapianEditDistance(std::span<const unsigned> a, std::span<const unsigned> b, int max_distance);

// Xapian's freq_edit_lower_bound, which it checks first: a lower bound on
// the distance from character counts (64 buckets), for many words against
// one, whose counts are taken once.
class FrequencyBound {
 public:
  explicit FrequencyBound(std::span<const unsigned> word);
  int To(std::span<const unsigned> other);

 private:
  int counts_[64] = {};
  unsigned size_ = 0;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_DB_EDIT_DISTANCE_H_
