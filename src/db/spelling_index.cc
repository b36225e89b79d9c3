// Xapian 1.4.22's get_spelling_suggestion (api/omdatabase.cc) over the keys
// of its glass spelling table (backends/glass/glass_spelling.cc), held in
// memory. The keys are byte n-grams: "H" and "T" the first and last two
// bytes, "B" the first and last byte of words up to four bytes, "M" each
// three bytes. A word's score is how many of the query word's keys list it,
// counted with repeats as Xapian's OR of the lists counts them.
#include "db/spelling_index.h"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <utility>

#include "db/edit_distance.h"

namespace gazette::internal {
namespace {

std::uint32_t Key(char type, char a, char b, char c = '\0') {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(type)) << 24 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(a)) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b)) << 8 |
         static_cast<unsigned char>(c);
}

// The keys Xapian files a word under (toggle_word), each once.
std::vector<std::uint32_t> WordKeys(std::string_view w) {
  std::vector<std::uint32_t> keys{Key('H', w[0], w[1]), Key('T', w[w.size() - 2], w.back())};
  if (w.size() <= 4) keys.push_back(Key('B', w[0], w.back()));
  for (std::size_t i = 0; i + 3 <= w.size(); ++i) {
    const std::uint32_t middle = Key('M', w[i], w[i + 1], w[i + 2]);
    if (std::find(keys.begin(), keys.end(), middle) == keys.end()) keys.push_back(middle);
  }
  return keys;
}

// The keys Xapian reads for a query word (open_termlist), repeats kept, plus
// the transposed forms it adds for words of two and three bytes.
std::vector<std::uint32_t> QueryKeys(std::string_view w) {
  std::vector<std::uint32_t> keys{Key('H', w[0], w[1]), Key('T', w[w.size() - 2], w.back())};
  if (w.size() <= 4) keys.push_back(Key('B', w[0], w.back()));
  if (w.size() > 2) {
    for (std::size_t i = 0; i + 3 <= w.size(); ++i) keys.push_back(Key('M', w[i], w[i + 1], w[i + 2]));
    if (w.size() == 3) {
      keys.push_back(Key('M', w[1], w[0], w[2]));
      keys.push_back(Key('M', w[0], w[2], w[1]));
    }
  } else {
    keys.push_back(Key('H', w[1], w[0]));
    keys.push_back(Key('T', w[1], w[0]));
  }
  return keys;
}

// Xapian's own decoder, so that invalid UTF-8 counts as Xapian counts it.
void Utf32(std::string_view text, std::vector<unsigned>& out) {
  out.clear();
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    out.assign(text.begin(), text.end());
    return;
  }
  out.assign(Xapian::Utf8Iterator(text.data(), text.size()), Xapian::Utf8Iterator());
}

}  // namespace

SpellingIndex SpellingIndex::Load(const Xapian::Database& db) {
  SpellingIndex index;
  std::vector<unsigned> chars;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    std::string word = *it;
    if (word.size() < 2) continue;  // Xapian neither stores nor suggests these
    const auto id = static_cast<std::uint32_t>(index.words_.size());
    for (std::uint32_t key : WordKeys(word)) index.lists_[key].push_back(id);
    index.freq_.push_back(it.get_termfreq());
    Utf32(word, chars);
    index.chars_.push_back(static_cast<std::uint32_t>(chars.size()));
    index.words_.push_back(std::move(word));
  }
  return index;
}

std::string SpellingIndex::Suggest(std::string_view word, unsigned max_edits) const {
  if (word.size() <= 1 || max_edits == 0) return {};
  max_edits = std::min<unsigned>(max_edits, static_cast<unsigned>(word.size() - 1));

  // Candidates in the table's order, as Xapian's merged lists yield them:
  // the best score so far decides which later words are worth a distance.
  // The counts live on between calls, each put back to zero as it is read:
  // clearing a table the size of the vocabulary cost more than the search.
  thread_local std::vector<std::uint32_t> score;
  thread_local std::vector<std::uint64_t> seen;
  if (score.size() < words_.size()) score.resize(words_.size());
  if (seen.size() < (words_.size() + 63) / 64) seen.resize((words_.size() + 63) / 64);
  bool any = false;
  for (std::uint32_t key : QueryKeys(word)) {
    const auto list = lists_.find(key);
    if (list == lists_.end()) continue;
    any = true;
    for (std::uint32_t id : list->second)
      if (score[id]++ == 0) seen[id / 64] |= std::uint64_t{1} << (id % 64);
  }
  if (!any) return {};

  try {
    return Best(word, max_edits, score, seen);
  } catch (...) {
    // Counts left behind would skew the next call.
    std::fill(score.begin(), score.end(), 0);
    std::fill(seen.begin(), seen.end(), 0);
    throw;
  }
}

std::string SpellingIndex::Best(std::string_view word, unsigned max_edits,
                                std::vector<std::uint32_t>& score,
                                std::vector<std::uint64_t>& seen) const {
  std::vector<unsigned> word32, term32;
  Utf32(word, word32);
  FrequencyBound bound(word32);
  unsigned best = 1;
  int edist_best = static_cast<int>(max_edits);
  Xapian::doccount freq_best = 0, freq_exact = 0;
  std::size_t result = words_.size();
  const std::size_t blocks = (words_.size() + 63) / 64;
  for (std::size_t block = 0; block < blocks; ++block) {
    const std::uint64_t bits_in_block = std::exchange(seen[block], 0);
    for (std::uint64_t bits = bits_in_block; bits; bits &= bits - 1) {
      const std::size_t id = block * 64 + static_cast<std::size_t>(std::countr_zero(bits));
      const unsigned this_score = std::exchange(score[id], 0);
      if (this_score + 2u < best) continue;
      best = std::max(best, this_score);
      const std::string& term = words_[id];
      // A UTF-8 character is at most four bytes.
      if (std::labs(static_cast<long>(term.size()) - static_cast<long>(word.size())) > edist_best * 4)
        continue;
      if (std::labs(static_cast<long>(chars_[id]) - static_cast<long>(word32.size())) > edist_best)
        continue;
      Utf32(term, term32);
      if (bound.To(term32) > edist_best) continue;
      const int edist = XapianEditDistance(term32, word32, edist_best);
      if (edist > edist_best) continue;
      // The word itself: a much more frequent neighbour may still be shown.
      if (edist == 0) {
        freq_exact = freq_[id];
        continue;
      }
      if (edist < edist_best || freq_[id] > freq_best) {
        result = id;
        edist_best = edist;
        freq_best = freq_[id];
      }
    }
  }
  if (result == words_.size() || freq_best < freq_exact) return {};
  return words_[result];
}

}  // namespace gazette::internal
