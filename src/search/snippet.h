// The excerpt of an article shown under a hit.
#ifndef GAZETTE_SEARCH_SNIPPET_H_
#define GAZETTE_SEARCH_SNIPPET_H_

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "gazette/article.h"
#include "search/passage.h"

namespace gazette::internal {

// Up to `length` characters of a hit's body around the query's best matches,
// matched terms (whole phrases for phrase queries) between kHighlightOpen and
// kHighlightClose, as plain text (not HTML); the body's opening when no word
// of it matches. One per search: it reads the
// query's words once for every hit.
class SnippetMaker {
 public:
  // `mset` must outlive it.
  SnippetMaker(const Xapian::MSet& mset, const Xapian::Query& query, const Xapian::Stem& stemmer,
               std::size_t length);
  std::string operator()(const Article& article) const;

 private:
  // The passage of `text` Xapian would pick, and whether a word matched.
  std::string Passage(std::string_view text, bool* matched) const;

  const Xapian::MSet& mset_;
  std::size_t length_;
  std::vector<std::string> keys_;  // lowercase starts of the words the query matches in a body
  Xapian::Stem stemmer_;           // stems only words that start with a key
  std::optional<PassagePicker> picker_;  // empty: Xapian's MSet::snippet picks
};

// Where the query's words cluster in `text`: the bytes to hand Xapian, from
// and to a sentence's edge where one is near, else a space (`cut_*`: Xapian
// cannot tell that the window leaves text out there). All of `text` when it
// is short or no key occurs in it. Exposed for tests.
struct SnippetWindow {
  std::size_t begin, end;
  bool cut_begin, cut_end;
  // No key occurs anywhere in `text`, ASCII letters lowered: the words of
  // the query are absent, unless Xapian's tokenising hides one (see
  // MayHideKey in snippet.cc).
  bool no_key = false;
};
SnippetWindow FindSnippetWindow(std::string_view text, const std::vector<std::string>& keys,
                                std::size_t length);

// The first `length`-byte stretch of `text` holding the most different keys,
// each found at a word's start, ASCII letters lowered: where it starts, none
// when no key starts a word; `anywhere`: a key occurs, even inside a word.
// Exposed for tests.
struct KeyCluster {
  std::optional<std::size_t> start;
  bool anywhere = false;
};
KeyCluster FindKeyCluster(std::string_view text, const std::vector<std::string>& keys,
                          std::size_t length);

}  // namespace gazette::internal

#endif  // GAZETTE_SEARCH_SNIPPET_H_
