// Words as Xapian 1.4.22's TermGenerator splits them (parse_terms in
// queryparser/termgenerator_internal.cc, without CJK n-grams), and the
// characters its snippets keep around a passage: what PassagePicker needs to
// cut the passage Xapian would.
#ifndef GAZETTE_SEARCH_XAPIAN_WORDS_H_
#define GAZETTE_SEARCH_XAPIAN_WORDS_H_

#include <xapian.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <array>
#include <bit>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

namespace gazette::internal::xapian_words {

inline constexpr unsigned kIgnore = std::numeric_limits<unsigned>::max();

// Xapian's own answers for ASCII, read once at start rather than per call.
struct AsciiClass {
  std::array<bool, 128> wordchar{};
  AsciiClass() {
    for (unsigned c = 0; c < 128; ++c) wordchar[c] = Xapian::Unicode::is_wordchar(c);
  }
};
inline const AsciiClass kAscii;

inline bool IsWordchar(unsigned ch) {
  return ch < 128 ? kAscii.wordchar[ch] : Xapian::Unicode::is_wordchar(ch);
}

inline bool IsAsciiWordByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 128 && kAscii.wordchar[byte];
}

struct Char {
  unsigned ch;
  std::size_t next;  // offset just after it
};

[[gnu::noinline]] inline Char AtMultibyte(std::string_view text, std::size_t at) {
  Xapian::Utf8Iterator it;  // assigned, not constructed: every member set
  it.assign(text.data() + at, text.size() - at);
  const unsigned ch = *it;
  ++it;
  return {ch, static_cast<std::size_t>(it.raw() - text.data())};
}

// Decoded as Xapian's Utf8Iterator does, invalid bytes included.
inline Char At(std::string_view text, std::size_t at) {
  const auto byte = static_cast<unsigned char>(text[at]);
  if (byte < 0x80) return {byte, at + 1};
  return AtMultibyte(text, at);
}

inline unsigned CheckWordchar(unsigned ch) {
  if (ch < 128) return kAscii.wordchar[ch] ? (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch) : 0;
  return Xapian::Unicode::is_wordchar(ch) ? Xapian::Unicode::tolower(ch) : 0;
}

inline bool IsAsciiUpper(unsigned ch) { return ch >= 'A' && ch <= 'Z'; }

inline bool IsDigit(unsigned ch) {
  if (ch < 128) return ch >= '0' && ch <= '9';
  return Xapian::Unicode::get_category(ch) == Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
}

inline unsigned CheckInfix(unsigned ch) {
  if (ch == '\'' || ch == '&' || ch == 0xb7 || ch == 0x5f4 || ch == 0x2027) return ch;
  if (ch == 0x2019 || ch == 0x201b) return '\'';
  if (ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff)) return kIgnore;
  return 0;
}

inline unsigned CheckInfixDigit(unsigned ch) {
  switch (ch) {
    case ',': case '.': case ';': case 0x037e: case 0x0589: case 0x060D: case 0x07F8:
    case 0x2044: case 0xFE10: case 0xFE13: case 0xFE14:
      return ch;
  }
  if (ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff)) return kIgnore;
  return 0;
}

inline unsigned CheckSuffix(unsigned ch) { return ch == '+' || ch == '#' ? ch : 0; }

inline void AppendUtf8(std::string& out, unsigned ch) {
  if (ch < 128) {
    out += static_cast<char>(ch);
  } else {
    Xapian::Unicode::append_utf8(out, ch);
  }
}

// Xapian's snippet_check_leading_nonwordchar and _trailing_: marks kept
// before the passage's first word and after its last.
inline bool IsLeadingMark(unsigned ch) {
  const auto category = Xapian::Unicode::get_category(ch);
  if (Xapian::Unicode::is_currency(ch) || category == Xapian::Unicode::OPEN_PUNCTUATION ||
      category == Xapian::Unicode::INITIAL_QUOTE_PUNCTUATION)
    return true;
  switch (ch) {
    case '"': case '#': case '%': case '&': case '\'': case '+': case '-': case '/': case '<':
    case '@': case '\\': case '`': case '~': case 0x00A1: case 0x00A7: case 0x00BF:
      return true;
  }
  return false;
}

inline bool IsTrailingMark(unsigned ch) {
  const auto category = Xapian::Unicode::get_category(ch);
  if (Xapian::Unicode::is_currency(ch) || category == Xapian::Unicode::CLOSE_PUNCTUATION ||
      category == Xapian::Unicode::FINAL_QUOTE_PUNCTUATION)
    return true;
  switch (ch) {
    case '"': case '%': case '\'': case '+': case '-': case '/': case '>': case '@': case '\\':
    case '`': case '~':
      return true;
  }
  return false;
}

// A run of ASCII word bytes ([A-Za-z0-9_], Xapian's word characters below
// 128: tests/unit/xapian_words_test.cc checks) from `at`, which is one.
struct AsciiRun {
  std::size_t end;
  bool lowered = false;    // lowered_bytes holds the run, lowered
  char lowered_bytes[16];  // when it is shorter than 16 bytes
};

inline AsciiRun AsciiWordRun(std::string_view text, std::size_t at) {
  AsciiRun run;
  run.end = at + 1;
#if defined(__SSE2__)
  // Sixteen bytes at once: where the word ends and its lower case, with no
  // branch per byte (a word's length is what a loop's exit mispredicts).
  if (at + 16 <= text.size()) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    // Signed compares: bytes from 0x80 are negative, in no range.
    const auto in = [&](char low, char high) {
      return _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8(static_cast<char>(low - 1))),
                           _mm_cmplt_epi8(bytes, _mm_set1_epi8(static_cast<char>(high + 1))));
    };
    const __m128i upper = in('A', 'Z');
    const __m128i word = _mm_or_si128(_mm_or_si128(upper, in('a', 'z')),
                                      _mm_or_si128(in('0', '9'), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('_'))));
    const unsigned other = ~static_cast<unsigned>(_mm_movemask_epi8(word)) & 0xFFFFu;
    if (other != 0) {
      run.end = at + static_cast<std::size_t>(std::countr_zero(other));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(run.lowered_bytes),
                       _mm_add_epi8(bytes, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
      run.lowered = true;
      return run;
    }
    run.end = at + 16;  // all sixteen are word bytes: go on from there
  }
#endif
  while (run.end < text.size() && IsAsciiWordByte(text[run.end])) ++run.end;
  return run;
}

// Xapian's parse_terms without CJK n-grams: calls `take(term, end)` with each
// word, lowercased, and the offset just past it, until `take` says stop.
template <typename Take>
inline void ParseTerms(std::string_view text, Take take) {
  const std::size_t n = text.size();
  std::size_t at = 0;
  std::string term;
  while (true) {
    unsigned ch;
    while (at < n && static_cast<unsigned char>(text[at]) < 0x80 && !IsAsciiWordByte(text[at]))
      ++at;
    while (true) {
      if (at == n) return;
      const Char c = At(text, at);
      ch = CheckWordchar(c.ch);
      if (ch) break;
      at = c.next;
    }
    term.clear();
    // Most words: ASCII word bytes, then an ASCII byte that neither joins
    // the next word (', &, or , . ; between digits) nor ends this one
    // (+, #), with no initials ("U.S.") to read. Each step below would find
    // no more.
    if (const auto first = static_cast<unsigned char>(text[at]);
        first < 0x80 && !(IsAsciiUpper(first) && at + 1 < n && text[at + 1] == '.')) {
      const AsciiRun run = AsciiWordRun(text, at);
      const std::size_t end = run.end;
      bool plain = end == n;
      if (!plain) {
        const auto next = static_cast<unsigned char>(text[end]);
        const bool digit_joins = (next == ',' || next == '.' || next == ';') &&
                                 IsDigit(static_cast<unsigned char>(text[end - 1]));
        plain = next < 0x80 && next != '\'' && next != '&' && next != '+' && next != '#' &&
                !digit_joins;
      }
      if (plain) {
        if (run.lowered) {
          term.assign(run.lowered_bytes, end - at);
        } else {
          term.assign(text.data() + at, end - at);
          for (char& c : term)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        }
        at = end;
        goto end_of_term;
      }
    }
    // Initials separated by '.' (U.N., P.T.O.) make one word.
    if (IsAsciiUpper(static_cast<unsigned char>(text[at]))) {
      std::size_t p = at;
      do {
        const Char c = At(text, p);
        AppendUtf8(term, Xapian::Unicode::tolower(c.ch));
        p = c.next;
      } while (p != n && text[p] == '.' && ++p != n &&
               IsAsciiUpper(static_cast<unsigned char>(text[p])));
      if (term.size() > 1 && (p == n || !IsWordchar(At(text, p).ch))) {
        at = p;
        goto end_of_term;
      }
      term.clear();
    }
    while (true) {
      unsigned previous;
      Char current = At(text, at);
      do {
        if (current.ch < 128) {
          // Most words are runs of ASCII letters: copied, then lowered.
          std::size_t end = at + 1;
          while (end < n && IsAsciiWordByte(text[end])) ++end;
          const std::size_t from = term.size();
          term.append(text.data() + at, end - at);
          for (std::size_t i = from; i < term.size(); ++i)
            if (term[i] >= 'A' && term[i] <= 'Z') term[i] = static_cast<char>(term[i] + 32);
          previous = static_cast<unsigned char>(term.back());
          at = end;
        } else {
          AppendUtf8(term, ch);
          previous = ch;
          at = current.next;
        }
        if (at == n) goto end_of_term;
        current = At(text, at);
        ch = CheckWordchar(current.ch);
      } while (ch);
      const Char infix = current;
      const std::size_t next = infix.next;
      if (next == n) break;
      const Char after = At(text, next);
      const unsigned next_ch = CheckWordchar(after.ch);
      if (!next_ch) break;
      const unsigned kept = IsDigit(previous) && IsDigit(after.ch) ? CheckInfixDigit(infix.ch)
                                                                   : CheckInfix(infix.ch);
      if (!kept) break;
      if (kept != kIgnore) AppendUtf8(term, kept);
      ch = next_ch;
      at = next;
    }
    {
      const std::size_t length = term.size();
      unsigned count = 0;
      while (true) {
        const Char c = At(text, at);
        if (!(ch = CheckSuffix(c.ch))) break;
        if (++count > 3) {
          term.resize(length);
          break;
        }
        AppendUtf8(term, ch);
        at = c.next;
        if (at == n) goto end_of_term;
      }
      // "fish+chips" is not "fish+" and "chips".
      if (IsWordchar(At(text, at).ch)) term.resize(length);
    }
  end_of_term:
    if (!take(std::string_view(term), at)) return;
  }
}

}  // namespace gazette::internal::xapian_words

#endif  // GAZETTE_SEARCH_XAPIAN_WORDS_H_
