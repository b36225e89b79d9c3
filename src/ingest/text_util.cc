// String helpers for the readers. Byte-level loops: they run over every
// article, so no regular expressions and few allocations.
#include "ingest/text_util.h"

#include <cctype>

namespace gazette::internal {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Length of the valid UTF-8 sequence at s[i], or 0. Refuses overlong forms,
// surrogates and code points past U+10FFFF, as Xapian and JSON need.
std::size_t ValidSequenceAt(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xbf;  // bounds for the second byte
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    n = 2;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    n = 3;
    if (b0 == 0xe0) lo = 0xa0;
    if (b0 == 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    n = 4;
    if (b0 == 0xf0) lo = 0x90;
    if (b0 == 0xf4) hi = 0x8f;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if (b1 < lo || b1 > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < 0x80 || b > 0xbf) return 0;
  }
  return n;
}

// Unicode space separators, as UTF-8, that NormaliseText() turns into ' '.
bool IsUnicodeSpaceAt(std::string_view s, std::size_t i, std::size_t& length) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xa0) {
    length = 2;  // U+00A0 no-break space
    return true;
  }
  if (b0 == 0xe2 && i + 2 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    // U+2000..U+200A, U+202F, U+205F
    if ((b1 == 0x80 && b2 >= 0x80 && b2 <= 0x8a) || (b1 == 0x80 && b2 == 0xaf) ||
        (b1 == 0x81 && b2 == 0x9f)) {
      length = 3;
      return true;
    }
  }
  if (b0 == 0xe3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80) {
    length = 3;  // U+3000 ideographic space
    return true;
  }
  return false;
}

}  // namespace

std::string_view Trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && IsSpace(s[b])) ++b;
  while (e > b && IsSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::vector<std::string_view> SplitTrimmedLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(Trim(text.substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

std::size_t RepairUtf8(std::string& text) {
  std::size_t i = 0;
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  if (i == text.size()) return 0;  // the common case: ASCII, nothing to copy
  std::string repaired(text, 0, i);
  std::size_t replaced = 0;
  while (i < text.size()) {
    if (const std::size_t n = ValidSequenceAt(text, i)) {
      repaired.append(text, i, n);
      i += n;
    } else {
      repaired += "\xef\xbf\xbd";
      ++replaced;
      ++i;
    }
  }
  if (replaced > 0) text = std::move(repaired);
  return replaced;
}

std::string NormaliseText(std::string_view text) {
  if (text.substr(0, 3) == "\xef\xbb\xbf") text.remove_prefix(3);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::size_t length = 0;
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      out += '\n';
    } else if (static_cast<unsigned char>(c) >= 0x80 && IsUnicodeSpaceAt(text, i, length)) {
      out += ' ';
      i += length - 1;
    } else {
      out += c;
    }
  }
  return out;
}

std::string JoinLines(std::string text) {
  if (text.find('\n') == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (!IsSpace(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    bool line_break = false;
    for (; end < text.size() && IsSpace(text[end]); ++end) line_break |= text[end] == '\n';
    if (line_break) {
      out += ' ';
    } else {
      out.append(text, i, end - i);
    }
    i = end;
  }
  return out;
}

void BlankControls(std::string& text) {
  for (char& c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7f) c = ' ';
  }
}

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      out += c;
    }
  }
  return out;
}

// Not std::tolower: a call per byte through the locale, which was 6 % of a
// whole `gazette search` (snippets lower each hit's body and compare every
// word of a window with the query's keys).
namespace {
char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

namespace {

// The words of `s`, counting no further than limit + 1.
std::size_t CountWordsUpTo(std::string_view s, std::size_t limit) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    if (IsSpace(c)) {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      if (++words > limit) break;
    }
  }
  return words;
}

}  // namespace

std::size_t CountWords(std::string_view s) { return CountWordsUpTo(s, std::string_view::npos); }

bool MoreWordsThan(std::string_view s, std::size_t n) { return CountWordsUpTo(s, n) > n; }

bool SameText(std::string_view a, std::string_view b) {
  // Compare only letters and digits (and any non-ASCII byte), lower-cased.
  auto next = [](std::string_view s, std::size_t& i) -> int {
    while (i < s.size()) {
      const auto c = static_cast<unsigned char>(s[i++]);
      if (c >= 0x80 || std::isalnum(c)) return std::tolower(c);
    }
    return -1;
  };
  std::size_t i = 0, j = 0;
  bool any = false;
  for (;;) {
    const int x = next(a, i), y = next(b, j);
    if (x != y) return false;
    if (x < 0) return any;
    any = true;
  }
}

}  // namespace gazette::internal
