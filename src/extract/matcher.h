// The gazetteer compiled for matching: every name, alias, surname and title as
// a sequence of interned folded words, grouped by first word and sorted longest
// first, so that finding the longest match at a word is one hash lookup and a
// few integer comparisons.
#ifndef GAZETTE_SRC_EXTRACT_MATCHER_H_
#define GAZETTE_SRC_EXTRACT_MATCHER_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/tokenizer.h"
#include "extract/word_table.h"
#include "gazette/gazetteer.h"

namespace gazette::internal {

inline constexpr std::uint32_t kUnknownWord = 0;

enum class PatternType : std::uint8_t {
  kAlias,    // a name or alias: `target` is an entity index
  kSurname,  // a bare surname: `target` is a SurnameGroup index
  kTitle,    // "President", "Prime Minister": `target` is a Title index
};

struct Pattern {
  std::uint32_t target = 0;
  std::uint32_t words_begin = 0;  // into Matcher::pattern_words()
  std::uint8_t size = 0;          // words, at most 32
  std::uint32_t possessives = 0;  // bit k: word k is listed with "'s"
  PatternType type = PatternType::kAlias;
  // Listed in capitals ("US", "UN", "PM"): the text must have the same letters
  // in the same case; `exact` holds them, dots removed.
  bool case_sensitive = false;
  // Listed capitalised ("China"): the text's first word must be capitalised,
  // so that "china" the porcelain or "may" the verb never match.
  bool capitalised = false;
  // One common word ("Nice", "May"): matched only capitalised and not at the
  // start of a sentence, unless a title introduces it.
  bool common = false;
  // A title that may be followed by a period ("Gen.", "Dr."), so that the
  // period does not end the name after it.
  bool abbreviation = false;
  std::vector<std::string> exact;  // the words as listed, dots removed
};

// People sharing one surname ("Kim"); a bare surname resolves only through
// context when there are several.
struct SurnameGroup {
  std::vector<std::uint32_t> entities;
  bool common = false;  // the surname is a common word ("May")
};

class Matcher {
 public:
  explicit Matcher(const Gazetteer& gazetteer);

  // The interned id of a folded word, kUnknownWord when no pattern uses it.
  std::uint32_t WordId(std::string_view folded) const;
  void WordIds(const Tokens& tokens, std::vector<std::uint32_t>& ids) const;

  // Patterns whose first word is `word`: aliases and surnames longest first,
  // aliases before surnames of the same length.
  std::span<const Pattern> NamesStartingWith(std::uint32_t word) const;
  std::span<const Pattern> TitlesStartingWith(std::uint32_t word) const;

  // True when `tokens[at...]` spells `pattern` (words, case, no phrase break).
  bool Matches(const Pattern& pattern, std::string_view text, const Tokens& tokens,
               std::span<const std::uint32_t> ids, std::size_t at) const;

  const SurnameGroup& surname_group(std::uint32_t index) const { return surname_groups_[index]; }
  const Title& title(std::uint32_t index) const { return titles_[index]; }

 private:
  struct Word {
    std::uint32_t names_begin = 0, names_end = 0;
    std::uint32_t titles_begin = 0, titles_end = 0;
  };
  std::uint32_t Intern(std::string_view folded);
  void AddPattern(std::string_view text, PatternType type, std::uint32_t target, bool common,
                  std::vector<Pattern>& into);
  void Index(std::vector<Pattern>& patterns, bool titles);

  WordTable word_ids_;
  std::vector<Word> words_;  // by id; words_[0] is kUnknownWord
  std::vector<std::uint32_t> pattern_words_;
  std::vector<Pattern> names_;  // grouped by first word after Index()
  std::vector<Pattern> title_patterns_;
  std::vector<SurnameGroup> surname_groups_;
  std::vector<Title> titles_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_EXTRACT_MATCHER_H_
