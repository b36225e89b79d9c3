// The passage of a snippet and its highlights: Xapian 1.4's MSet::snippet
// made again, because Xapian's tokenises, lowercases and looks up every word
// it is given and returns HTML we then decode, 85 % of a snippet's cost.
// This one gives the same passage, highlights and "…" byte for byte, as
// plain text, and looks up only the words that could match: those that
// start with one of the query's keys (see SnippetKeys in snippet.cc).
#ifndef GAZETTE_SEARCH_PASSAGE_H_
#define GAZETTE_SEARCH_PASSAGE_H_

#include <xapian.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazette::internal {

class PassagePicker {
 public:
  // Empty when the query holds what this does not reproduce (wildcards,
  // whose expansions Xapian weighs out of sight; a one-word phrase) or
  // Xapian splits CJK text into n-grams: Xapian's own snippet then.
  // `stem_keys`: a word is stemmed only if it starts with one of them.
  static std::optional<PassagePicker> For(const Xapian::MSet& mset, const Xapian::Query& query,
                                          const Xapian::Stem& stemmer,
                                          std::vector<std::string> stem_keys);

  // What Xapian's `mset.snippet(text, length, stemmer, 0, open, close,
  // omit)` returns, HTML-decoded. `matched`, when given: whether any word of
  // `text` matched (else Xapian shows the text's last passage).
  std::string operator()(std::string_view text, std::size_t length, char open, char close,
                         std::string_view omit, bool* matched = nullptr) const;

 private:
  struct Term {
    std::string text;
    double relevance;  // the term's weight plus the query's highest; <0: not in the stats
  };
  PassagePicker() = default;
  // The relevance slot of `prefix` + `word`: a loose term's index, or -1.
  int LooseTerm(std::string_view word, std::string_view prefix = {}) const;
  bool MayMatch(std::string_view word) const;
  // LooseTerm of the stem of `word`, which starts with a stem key.
  int StemmedTerm(std::string_view word) const;

  Xapian::Stem stemmer_;
  std::vector<std::string> stem_keys_;
  // Words stemmed so far and their LooseTerm: a search's hits repeat the
  // same few words that start with a key ("summit", "summits"), and each
  // stem costs more than tokenising a dozen other words. Bounded; not
  // shared across threads (one picker per search).
  mutable std::vector<std::pair<std::string, int>> stemmed_;
  std::vector<std::string> match_keys_;  // stem keys, plus every word and phrase word as written
  std::array<bool, 256> first_bytes_{};   // the bytes a match key starts with
  std::vector<Term> loose_;
  std::vector<std::vector<std::string>> phrases_;  // tight phrases of words, in query order
  std::vector<double> phrase_relevance_;
  std::size_t longest_phrase_ = 0;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SEARCH_PASSAGE_H_
