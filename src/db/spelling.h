// The spelling table behind "did you mean" (QueryParser's
// FLAG_SPELLING_CORRECTION). Documents are built on worker threads, where
// TermGenerator cannot write to a database, so writers take the words from
// each document's term list instead. Counting them per batch and adding each
// distinct word once costs far less than one add_spelling per word per
// document.
#ifndef GAZETTE_SRC_DB_SPELLING_H_
#define GAZETTE_SRC_DB_SPELLING_H_

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace gazette::internal {

// Adds to `target` what SpellingCounts would have added for every document
// of `source`: each free-text word with its collection frequency, the sum
// of its wdfs. Only the words whose hash falls in `share` of `shares`, so
// that threads can split the work. A fresh build adds them in one go
// (PartSet::AddWordsParts). Commits `target` every 100,000 words.
void AddSpellingsOfWords(const Xapian::Database& source, Xapian::WritableDatabase& target,
                         std::size_t share = 0, std::size_t shares = 1);

class SpellingCounts {
 public:
  // Adds the document's free-text words with their wdf. Prefixed terms start
  // with a capital (Omega's rules) and are not words.
  void Add(const Xapian::Document& document);
  // Adds the counted words to `db` (in its current transaction) and forgets them.
  void FlushTo(Xapian::WritableDatabase& db);

 private:
  std::unordered_map<std::string, Xapian::termcount> counts_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_DB_SPELLING_H_
