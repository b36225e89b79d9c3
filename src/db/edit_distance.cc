// Berghel and Roach's diagonal algorithm as Xapian 1.4.22 writes it
// (api/editdistance.cc), kept step for step: its transposition test looks at
// the substitution's diagonal only, which decides some distances.
#include "db/edit_distance.h"

#include <algorithm>
#include <cstdlib>
#include <utility>
#include <vector>

namespace gazette::internal {
namespace {

constexpr int kUnreachable = -1000000;

// f(k, p): the largest i with d(i, i + k) = p, for diagonals k in
// [-maxdist, maxdist] and distances p in [-1, maxdist].
class Diagonals {
 public:
  Diagonals(std::span<const unsigned> shorter, std::span<const unsigned> longer)
      : a_(shorter), b_(longer), maxdist_(static_cast<int>(longer.size())),
        cols_(maxdist_ + 2) {
    const auto cells = static_cast<std::size_t>((maxdist_ * 2 + 1) * cols_);
    // Words are short: a table on the stack, unless one is not.
    if (cells > kStackCells) heap_.resize(cells);
    f_ = cells > kStackCells ? heap_.data() : stack_;
    Set(0, -1, -1);
    for (int k = 1; k <= maxdist_; ++k) {
      for (int p = -1; p < k - 1; ++p) {
        Set(k, p, kUnreachable);
        Set(-k, p, kUnreachable);
      }
      Set(k, k - 1, -1);
      Set(-k, k - 1, k - 1);
    }
  }

  int Get(int k, int p) const { return f_[Index(k, p)]; }

  void Compute(int k, int p) {
    int best = Get(k, p - 1) + 1;         // substitution
    const int insert = Get(k - 1, p - 1);
    const int remove = Get(k + 1, p - 1) + 1;
    if (Transposed(best, best + k)) ++best;
    if (best >= insert) {
      if (best < remove) best = remove;
    } else {
      best = insert >= remove ? insert : remove;
    }
    const int len_a = static_cast<int>(a_.size()), len_b = static_cast<int>(b_.size());
    while (best < len_a && best + k < len_b && a_[best] == b_[best + k]) ++best;
    Set(k, p, best);
  }

 private:
  std::size_t Index(int k, int p) const {
    return static_cast<std::size_t>((k + maxdist_) * cols_ + p + 1);
  }
  void Set(int k, int p, int value) { f_[Index(k, p)] = value; }
  bool Transposed(int i, int j) const {
    if (i <= 0 || j <= 0 || i >= static_cast<int>(a_.size()) || j >= static_cast<int>(b_.size()))
      return false;
    return a_[i - 1] == b_[j] && a_[i] == b_[j - 1];
  }

  static constexpr std::size_t kStackCells = 1024;
  std::span<const unsigned> a_, b_;
  int maxdist_, cols_;
  int stack_[kStackCells];
  std::vector<int> heap_;
  int* f_;
};

}  // namespace

int XapianEditDistance(std::span<const unsigned> a, std::span<const unsigned> b, int max_distance) {
  if (a.size() > b.size()) std::swap(a, b);
  const int lendiff = static_cast<int>(b.size() - a.size());
  if (a.empty()) return static_cast<int>(b.size());
  Diagonals state(a, b);
  int p = lendiff;  // no fewer edits than the difference in length
  while (p <= max_distance) {
    for (int temp_p = 0; temp_p != p; ++temp_p) {
      const int inc = p - temp_p;
      if (std::abs(lendiff - inc) <= temp_p) state.Compute(lendiff - inc, temp_p);
      if (std::abs(lendiff + inc) <= temp_p) state.Compute(lendiff + inc, temp_p);
    }
    state.Compute(lendiff, p);
    if (state.Get(lendiff, p) == static_cast<int>(a.size())) break;
    ++p;
  }
  return p;
}

FrequencyBound::FrequencyBound(std::span<const unsigned> word)
    : size_(static_cast<unsigned>(word.size())) {
  for (unsigned c : word) ++counts_[c % 64];
}

int FrequencyBound::To(std::span<const unsigned> other) {
  // Every count starts at zero or above and sums to size_: each character
  // of `other` moves the sum of absolute values by one, up or down.
  unsigned total = size_;
  for (unsigned c : other) total = counts_[c % 64]-- > 0 ? total - 1 : total + 1;
  for (unsigned c : other) ++counts_[c % 64];
  return static_cast<int>((total + 1) / 2);
}

}  // namespace gazette::internal
