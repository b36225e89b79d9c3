#include "db/spelling.h"

#include "gazette/schema.h"

namespace gazette::internal {

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
