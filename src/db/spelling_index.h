// "Did you mean" from memory. Xapian 1.4's speller reads a B-tree list per
// trigram of the word and looks up every candidate's frequency: about 1.3 ms
// a word on a 10k-article index (docs/performance.md). A reader that asks
// again and again (a long-lived process, the benchmark) loads the spelling
// table once instead and answers the same words in microseconds.
#ifndef GAZETTE_SRC_DB_SPELLING_INDEX_H_
#define GAZETTE_SRC_DB_SPELLING_INDEX_H_

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gazette::internal {

class SpellingIndex {
 public:
  // Copies the spelling table of `db`. REQUIRES: db.size() == 1, since with
  // several shards Xapian adds up each shard's trigram matches, which one
  // merged table cannot reproduce.
  static SpellingIndex Load(const Xapian::Database& db);

  // What db.get_spelling_suggestion(word, max_edits) returns for the
  // database loaded: the same candidates, visited in the same order, with
  // the same edit distance and ties.
  std::string Suggest(std::string_view word, unsigned max_edits = 2) const;

  std::size_t word_count() const { return words_.size(); }

 private:
  // Xapian's walk over the candidates `score` and `seen` hold (the score of
  // each word, and which are set), clearing both as it goes.
  std::string Best(std::string_view word, unsigned max_edits, std::vector<std::uint32_t>& score,
                   std::vector<std::uint64_t>& seen) const;

  std::vector<std::string> words_;      // in the table's (byte) order
  std::vector<Xapian::termcount> freq_;  // by word
  std::vector<std::uint32_t> chars_;     // by word: its length in characters
  // A trigram key (as Xapian's table spells it, packed) -> the words holding
  // it, ascending.
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> lists_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_DB_SPELLING_INDEX_H_
