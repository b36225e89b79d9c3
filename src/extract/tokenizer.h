// Splits text into words for entity matching: each word folded once, with the
// punctuation around it kept as flags, so that matching never looks at a
// character twice and never matches inside a word ("Xi" is not in "Xinhua").
#ifndef GAZETTE_SRC_EXTRACT_TOKENIZER_H_
#define GAZETTE_SRC_EXTRACT_TOKENIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::internal {

enum TokenFlag : std::uint16_t {
  kCapitalised = 1 << 0,  // the first letter is upper case
  kAllCaps = 1 << 1,      // letters, none lower case, 2+ characters: "US", "G20"
  kPossessive = 1 << 2,   // "Putin's", "Putin’s", "countries’": the suffix is dropped
  kDotted = 1 << 3,       // "U.S.": the dots are part of the span, not of the folded form
  // Punctuation that ends a phrase (, ; : ( ) quotes dashes newline) before
  // this word, or the start of the text. A name never spans it.
  kBreakBefore = 1 << 4,
  kPeriodBefore = 1 << 5,   // '.', '!', '?' or '…' before: a sentence end or an abbreviation
  kSentenceStart = 1 << 6,  // text start, newline, sentence end or a quote before
  kParenBefore = 1 << 7,    // '(' before
  kParenAfter = 1 << 8,     // ')' right after
};

struct Token {
  std::uint32_t begin = 0;       // byte span of the word in the text, without
  std::uint32_t end = 0;         // a possessive suffix
  std::uint32_t fold_begin = 0;  // span of the folded form in Tokens::folded
  std::uint16_t fold_size = 0;
  std::uint16_t flags = 0;

  bool Has(std::uint16_t flag) const { return (flags & flag) != 0; }
};

struct Tokens {
  std::vector<Token> tokens;
  std::string folded;  // every token's folded form, back to back

  std::string_view Folded(const Token& token) const {
    return std::string_view(folded).substr(token.fold_begin, token.fold_size);
  }
};

// Replaces `out` with the words of `text`. REQUIRES: text.size() < 4 GiB.
// Reuses out's buffers, so a caller tokenising many texts allocates rarely.
void Tokenize(std::string_view text, Tokens& out);

// The folded words of `text` joined by single spaces ("Putin’s" -> "putin",
// "U.S." -> "us", "Erdoğan" -> "erdogan"): the key under which gazetteer names
// and what users type are compared.
std::string FoldPhrase(std::string_view text);
// The same, reusing `scratch`'s buffers (for folding many names in a row).
std::string FoldPhrase(std::string_view text, Tokens& scratch);

// True when `span` (a token's bytes, dots ignored) equals `expected` exactly:
// the comparison used for acronyms, which match only in their listed case.
bool SameLettersIgnoringDots(std::string_view span, std::string_view expected);

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_EXTRACT_TOKENIZER_H_
