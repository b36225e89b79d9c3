#include "db/spelling.h"

#include <functional>

#include "gazette/schema.h"

namespace gazette::internal {

void AddSpellingsOfWords(const Xapian::Database& source, Xapian::WritableDatabase& target,
                         std::size_t share, std::size_t shares) {
  // Xapian holds a word's trigrams in memory until the commit, near a
  // kilobyte a word: commits on the way keep a large vocabulary within bounds.
  constexpr std::size_t kWordsPerCommit = 100'000;
  std::size_t pending = 0;
  for (auto term = source.allterms_begin(); term != source.allterms_end(); ++term) {
    if (!schema::IsUnprefixedWord(*term)) {
      // Prefixed terms start with a capital, so every word sorts before or
      // after all of them.
      term.skip_to("[");
      if (term == source.allterms_end()) break;
    }
    const std::string word = *term;
    if (shares > 1 && std::hash<std::string>{}(word) % shares != share) continue;
    target.add_spelling(word, source.get_collection_freq(word));
    if (++pending == kWordsPerCommit) {
      target.commit();
      pending = 0;
    }
  }
}

void SpellingCounts::Add(const Xapian::Document& document) {
  for (auto t = document.termlist_begin(); t != document.termlist_end(); ++t) {
    const std::string& word = *t;
    if (schema::IsUnprefixedWord(word)) counts_[word] += t.get_wdf();
  }
}

void SpellingCounts::FlushTo(Xapian::WritableDatabase& db) {
  for (const auto& [word, count] : counts_) db.add_spelling(word, count);
  counts_.clear();
}

}  // namespace gazette::internal
