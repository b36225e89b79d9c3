// Stemmed search without stemmed terms. The index holds each word as written
// (with positions), and the synonym table maps each stem to the words that
// share it: "Z" + stem for body and title words, "ZS" + stem for `title:`.
// QueryParser (STEM_SOME, FLAG_AUTO_SYNONYMS) turns a lowercase query word
// into that key and ORs its words with OP_SYNONYM, which weighs them as one
// term whose wdf is their sum, as a "Z" term's was. Writing one term a word
// instead of two made a fresh build ~1.5x faster and the index ~14% smaller
// (docs/performance.md, "Session 12").
//
// A word is keyed by the English stemmer, the one queries use, and by the
// stemmer of each other language an article holding it is written in, so
// that what matched a "Z" term of that language still matches.
#ifndef GAZETTE_SRC_DB_STEM_TABLE_H_
#define GAZETTE_SRC_DB_STEM_TABLE_H_

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace gazette::internal {

// The synonym key under which QueryParser looks for `term`'s stem, or "" for
// a term it never stems (a prefixed field other than the title, or a word
// that starts with a digit or a symbol).
std::string StemKey(std::string_view term, const Xapian::Stem& stem);

// Adds to `target` the keys of every word and title word of `source`: by
// English stems, and for the articles in another language Xapian stems, by
// that language's stems. Only words whose hash falls in `share` of `shares`,
// so that threads can split the work. Commits `target` every
// `words_per_commit` words when that is not 0.
void AddStemsOfWords(const Xapian::Database& source, Xapian::WritableDatabase& target,
                     std::size_t share = 0, std::size_t shares = 1,
                     std::size_t words_per_commit = 100'000);

// The keys of the documents of one batch written in place, added at commit.
class StemCollector {
 public:
  void Add(const Xapian::Document& document);
  // Adds the collected words' keys to `db` (in its current transaction) and
  // forgets them.
  void FlushTo(Xapian::WritableDatabase& db);

 private:
  // Stemmer name -> the words to key with it.
  std::map<std::string, std::set<std::string>, std::less<>> words_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_DB_STEM_TABLE_H_
