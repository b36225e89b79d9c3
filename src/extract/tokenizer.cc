// The word splitter behind entity matching. One pass over the bytes; ASCII is
// classified inline and only non-ASCII code points go through utf8proc.
#include "extract/tokenizer.h"

#include <cassert>

#include "extract/fold.h"

namespace gazette::internal {
namespace {

bool IsAsciiLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiWord(unsigned char c) { return IsAsciiLetter(c) || (c >= '0' && c <= '9'); }
bool IsApostrophe(char32_t c) { return c == '\'' || c == U'\u2019' || c == U'\u02BC'; }

// The flags a punctuation code point sets on the next word.
std::uint16_t PunctuationFlags(char32_t c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\r':
    case '-':
    case '&':
    case U'\u00A0':
    case U'\u2009':
    case U'\u202F':
    case U'\u2010':
    case U'\u2011':
      return 0;  // spaces and joining hyphens: "China-Russia", "US-led"
    case '.':
    case '!':
    case '?':
    case U'\u2026':
      return kPeriodBefore | kSentenceStart;
    case '\n':
    case '"':
    case U'\u201C':
    case U'\u201D':
    case U'\u2018':
    case U'\u00AB':
    case U'\u00BB':
      return kBreakBefore | kSentenceStart;
    case '(':
      return kBreakBefore | kParenBefore;
    default:
      return kBreakBefore;  // , ; : ) [ ] / dashes, bullets, lone apostrophes...
  }
}

class Scanner {
 public:
  Scanner(std::string_view text, Tokens& out) : text_(text), out_(out) {}

  void Run() {
    std::uint16_t pending = kBreakBefore | kSentenceStart;
    bool gap_is_blank = true;  // only spaces since the last word
    std::size_t pos = 0;
    while (pos < text_.size()) {
      const unsigned char byte = static_cast<unsigned char>(text_[pos]);
      int length = 1;
      const char32_t c = byte < 0x80 ? byte : DecodeAt(text_, pos, length);
      if (byte < 0x80 ? IsAsciiWord(byte) : IsWordCodePoint(c)) {
        pos = ReadWord(pos, pending);
        pending = 0;
        gap_is_blank = true;
        continue;
      }
      if (c == ')' && gap_is_blank && !out_.tokens.empty()) out_.tokens.back().flags |= kParenAfter;
      const std::uint16_t flags = PunctuationFlags(c);
      pending |= flags;
      if (c != ' ' && c != U'\u00A0') gap_is_blank = false;
      pos += length;
    }
  }

 private:
  // "U.S.", "U.K.", "e.g.": single letters each followed by a dot.
  std::size_t DottedEnd(std::size_t pos) const {
    std::size_t end = pos;
    while (end + 1 < text_.size() && IsAsciiLetter(text_[end]) && text_[end + 1] == '.') end += 2;
    return end >= pos + 4 ? end : pos;
  }

  std::size_t ReadWord(std::size_t start, std::uint16_t flags) {
    std::size_t end = DottedEnd(start);
    std::size_t resume = end;
    if (end != start) {
      flags |= kDotted;
    } else {
      end = ReadLetters(start, flags);
      resume = end;
      if (flags & kPossessive) resume = SkipPossessive(end);
    }
    Token token;
    token.begin = static_cast<std::uint32_t>(start);
    token.end = static_cast<std::uint32_t>(end);
    token.fold_begin = static_cast<std::uint32_t>(out_.folded.size());
    const std::string_view word = text_.substr(start, end - start);
    if (flags & kDotted) {
      for (unsigned char ch : word)
        if (ch != '.') out_.folded += static_cast<char>(ch | 0x20);
    } else {
      AppendFolded(word, out_.folded);
    }
    token.fold_size = static_cast<std::uint16_t>(
        std::min<std::size_t>(out_.folded.size() - token.fold_begin, 0xFFFF));
    token.flags = flags | CaseFlags(word);
    out_.tokens.push_back(token);
    return resume;
  }

  // Letters, digits and inner apostrophes ("O'Brien"); stops before a
  // possessive "'s" or a trailing apostrophe after "s" ("countries’").
  std::size_t ReadLetters(std::size_t pos, std::uint16_t& flags) const {
    while (pos < text_.size()) {
      int length = 1;
      const unsigned char byte = static_cast<unsigned char>(text_[pos]);
      const char32_t c = byte < 0x80 ? byte : DecodeAt(text_, pos, length);
      if (byte < 0x80 ? IsAsciiWord(byte) : IsWordCodePoint(c)) {
        pos += length;
        continue;
      }
      if (!IsApostrophe(c)) return pos;
      const std::size_t after = pos + length;
      const bool letter_follows = after < text_.size() && IsWordStart(after);
      if (!letter_follows) {
        if (text_[pos - 1] == 's' || text_[pos - 1] == 'S') flags |= kPossessive;
        return pos;
      }
      const bool s_follows = (text_[after] == 's' || text_[after] == 'S') &&
                             (after + 1 >= text_.size() || !IsWordStart(after + 1));
      if (s_follows) {
        flags |= kPossessive;
        return pos;
      }
      pos = after;  // an inner apostrophe
    }
    return pos;
  }

  std::size_t SkipPossessive(std::size_t pos) const {
    int length = 1;
    DecodeAt(text_, pos, length);
    pos += length;  // the apostrophe
    if (pos < text_.size() && (text_[pos] == 's' || text_[pos] == 'S')) ++pos;
    return pos;
  }

  bool IsWordStart(std::size_t pos) const {
    const unsigned char byte = static_cast<unsigned char>(text_[pos]);
    if (byte < 0x80) return IsAsciiWord(byte);
    int length = 1;
    return IsWordCodePoint(DecodeAt(text_, pos, length));
  }

  static std::uint16_t CaseFlags(std::string_view word) {
    int upper = 0;
    int letters = 0;
    bool first_upper = false;
    for (std::size_t i = 0; i < word.size();) {
      const unsigned char byte = static_cast<unsigned char>(word[i]);
      int length = 1;
      const char32_t c = byte < 0x80 ? byte : DecodeAt(word, i, length);
      const bool is_upper = IsUpperCodePoint(c);
      const bool is_letter = byte < 0x80 ? IsAsciiLetter(byte) : IsWordCodePoint(c);
      if (i == 0) first_upper = is_upper;
      letters += is_letter;
      upper += is_upper;
      i += length;
    }
    std::uint16_t flags = first_upper ? kCapitalised : 0;
    if (letters >= 1 && word.size() >= 2 && upper == letters) flags |= kAllCaps;  // "US", "G20"
    return flags;
  }

  std::string_view text_;
  Tokens& out_;
};

}  // namespace

void Tokenize(std::string_view text, Tokens& out) {
  assert(text.size() < (std::size_t{1} << 32));
  out.tokens.clear();
  out.folded.clear();
  Scanner(text, out).Run();
}

std::string FoldPhrase(std::string_view text) {
  Tokens tokens;
  return FoldPhrase(text, tokens);
}

std::string FoldPhrase(std::string_view text, Tokens& tokens) {
  Tokenize(text, tokens);
  std::string phrase;
  for (const Token& token : tokens.tokens) {
    if (!phrase.empty()) phrase += ' ';
    phrase += tokens.Folded(token);
  }
  return phrase;
}

bool SameLettersIgnoringDots(std::string_view span, std::string_view expected) {
  std::size_t j = 0;
  for (char c : span) {
    if (c == '.') continue;
    if (j == expected.size() || expected[j] != c) return false;
    ++j;
  }
  return j == expected.size();
}

}  // namespace gazette::internal
