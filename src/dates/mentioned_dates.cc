// ExtractMentionedDates(): the years and days an article's text talks about.
// A four-digit number is a year unless its neighbours say it is an amount
// ("$ 2019", "1,950", "2000 troops", "31 percent"); a year next to a month
// and a day is a day. One pass over a token list, no regular expressions.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string>
#include <vector>

#include "dates/date_words.h"
#include "gazette/dates.h"

namespace gazette {
namespace {

using internal::EqualsLower;
using internal::IsValidDay;
using internal::MonthFromName;

// Articles mention history and plans; outside this range a 4-digit number is
// far more often an amount, a model number or an address.
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2100;

struct Token {
  enum Kind { kNumber, kWord, kPunct } kind;
  std::string_view text;
  char punct = 0;      // kPunct: '-' for any dash, '$' for any currency sign, '\''
  bool glued = false;  // no space between this token and the previous one
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The code point of the UTF-8 sequence at s[i], and its length; invalid
// bytes count as one byte of a letter (ingest repairs text before this).
char32_t DecodeAt(std::string_view s, std::size_t i, std::size_t& length) {
  const auto lead = static_cast<unsigned char>(s[i]);
  length = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  if (lead < 0xc0 || i + length > s.size()) {
    length = 1;
    return 0xfffd;
  }
  char32_t cp = lead & (0x3f >> (length - 1));
  for (std::size_t k = 1; k < length; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
  return cp;
}

// How a non-ASCII character acts around numbers: a space, a dash, a currency
// sign, an apostrophe, or (0) a letter.
char ClassifyNonAscii(char32_t cp) {
  if (cp == 0xa0 || (cp >= 0x2000 && cp <= 0x200b) || cp == 0x202f || cp == 0x3000) return ' ';
  if (cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2014 || cp == 0x2212) return '-';
  if (cp == 0xa3 || cp == 0xa5 || cp == 0x20ac || cp == 0x20b9 || cp == 0x20bd) return '$';
  if (cp == 0x2018 || cp == 0x2019) return '\'';
  return 0;
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 4 + 8);  // about one token per word and one per mark
  bool glued = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (IsDigit(c)) {
      std::size_t end = i;
      while (end < text.size() && IsDigit(text[end])) ++end;
      tokens.push_back(Token{Token::kNumber, text.substr(i, end - i), 0, glued});
      glued = true;
      i = end;
      continue;
    }
    char cls = 0;
    std::size_t length = 1;
    if (byte >= 0x80)
      cls = ClassifyNonAscii(DecodeAt(text, i, length));
    else if (!IsAsciiAlpha(c))
      cls = std::isspace(byte) ? ' ' : c;
    if (cls == ' ') {
      glued = false;
      i += length;
    } else if (cls != 0) {
      tokens.push_back(Token{Token::kPunct, text.substr(i, length), cls, glued});
      glued = true;
      i += length;
    } else {  // a word: ASCII letters and any other non-ASCII letters
      std::size_t end = i;
      while (end < text.size()) {
        const auto b = static_cast<unsigned char>(text[end]);
        if (b < 0x80) {
          if (!IsAsciiAlpha(text[end])) break;
          ++end;
        } else {
          std::size_t len = 1;
          if (ClassifyNonAscii(DecodeAt(text, end, len)) != 0) break;
          end += len;
        }
      }
      tokens.push_back(Token{Token::kWord, text.substr(i, end - i), 0, glued});
      glued = true;
      i = end;
    }
  }
  return tokens;
}

template <std::size_t N>
bool InList(std::string_view word, const std::string_view (&list)[N]) {
  return std::any_of(std::begin(list), std::end(list),
                     [&](std::string_view w) { return EqualsLower(word, w); });
}

// Words after a number that make it an amount, not a year.
constexpr std::string_view kAmountWords[] = {
    "percent",  "per",      "pc",       "percentage", "thousand",   "million",    "billion",
    "trillion", "bn",       "mn",       "km",         "kilometres", "kilometers", "miles",
    "metres",   "meters",   "feet",     "tons",       "tonnes",     "barrels",    "bpd",
    "dollars",  "euros",    "yuan",     "rubles",     "roubles",    "rupees",     "yen",
    "pounds",   "troops",   "soldiers", "people",     "residents",  "workers",    "jobs",
    "cases",    "deaths",   "votes",    "seats",      "members",    "units",      "vehicles",
    "tanks",    "hectares", "acres",    "gmt",        "utc",        "hours"};
// Words before a number that make it an amount or a label, not a year.
constexpr std::string_view kNonYearCues[] = {
    "about", "around",  "approximately", "nearly", "almost",    "some",       "roughly", "least",
    "over",  "exactly", "estimated",     "no",     "number",    "resolution", "flight",  "page",
    "pages", "room",    "route",         "model",  "paragraph", "clause"};

bool IsOrdinalSuffix(std::string_view w) {
  return EqualsLower(w, "st") || EqualsLower(w, "nd") || EqualsLower(w, "rd") ||
         EqualsLower(w, "th");
}

// A capitalised month name: "may" and "march" in lower case are verbs.
int MonthWord(const Token& t) {
  if (t.kind != Token::kWord || !std::isupper(static_cast<unsigned char>(t.text[0]))) return 0;
  return MonthFromName(t.text);
}

class MentionScanner {
 public:
  explicit MentionScanner(std::string_view text) : tokens_(Tokenize(text)) {}

  std::vector<std::string> Scan() {
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      const Token& t = tokens_[i];
      if (t.kind != Token::kNumber || t.text.size() != 4) continue;
      const int year = Value(t);
      if (year < kFirstYear || year > kLastYear) continue;
      i = ScanYearAt(i, year);
    }
    std::sort(found_.begin(), found_.end());
    found_.erase(std::unique(found_.begin(), found_.end()), found_.end());
    return std::move(found_);
  }

 private:
  static int Value(const Token& t) {
    int v = 0;
    for (char c : t.text) v = v * 10 + (c - '0');
    return v;
  }
  const Token* At(std::size_t i) const { return i < tokens_.size() ? &tokens_[i] : nullptr; }
  bool IsPunct(std::size_t i, char c, bool glued = true) const {
    const Token* t = At(i);
    return t && t->kind == Token::kPunct && t->punct == c && (t->glued || !glued);
  }
  bool IsGluedNumber(std::size_t i, std::size_t max_digits) const {
    const Token* t = At(i);
    return t && t->kind == Token::kNumber && t->glued && t->text.size() <= max_digits;
  }

  // Looks at the year-like number at i; returns the last token index used.
  std::size_t ScanYearAt(std::size_t i, int year) {
    if (std::size_t end = i; MatchIsoDay(i, year, end)) return end;
    if (!StandsAlone(i) || IsAmount(i, i)) return i;
    if (MatchDayBefore(i, year)) return i;
    std::size_t end = i;
    if (const int second = MatchRangeEnd(i, year, end)) {
      if (IsAmount(i, end)) return end;
      Add(year);
      Add(second);
      return end;
    }
    Add(year);
    return i;
  }

  // 2019-06-05 or 2019/06/05.
  bool MatchIsoDay(std::size_t i, int year, std::size_t& end) {
    for (char sep : {'-', '/'}) {
      if (IsPunct(i + 1, sep) && IsGluedNumber(i + 2, 2) && IsPunct(i + 3, sep) &&
          IsGluedNumber(i + 4, 2)) {
        const int month = Value(tokens_[i + 2]), day = Value(tokens_[i + 4]);
        if (!IsValidDay(year, month, day)) return false;
        found_.push_back(fmt::format("{:04}-{:02}-{:02}", year, month, day));
        end = i + 4;
        return true;
      }
    }
    return false;
  }

  // Not part of a word ("A2019"), a decade ("1990s") or a bigger number ("1,950", "2019.5").
  bool StandsAlone(std::size_t i) const {
    const Token& t = tokens_[i];
    if (t.glued && i > 0) {
      const Token& prev = tokens_[i - 1];
      if (prev.kind != Token::kPunct) return false;
      if ((prev.punct == ',' || prev.punct == '.') && i > 1 && prev.glued &&
          tokens_[i - 2].kind == Token::kNumber)
        return false;
    }
    const Token* next = At(i + 1);
    if (!next || !next->glued) return true;
    if (next->kind != Token::kPunct) return false;
    if ((next->punct == ',' || next->punct == '.') && IsGluedNumber(i + 2, 99)) return false;
    return true;
  }

  // "$ 2019", "about 2000", "2000 troops", "1930 GMT", "2019%".
  bool IsAmount(std::size_t first, std::size_t last) const {
    std::size_t p = first;
    while (p > 0 && tokens_[p - 1].kind == Token::kPunct && tokens_[p - 1].punct == '.') --p;
    if (p > 0) {
      const Token& prev = tokens_[p - 1];
      if (prev.kind == Token::kPunct && (prev.punct == '$' || prev.punct == '#')) return true;
      if (prev.kind == Token::kWord && InList(prev.text, kNonYearCues)) return true;
    }
    const Token* next = At(last + 1);
    if (!next) return false;
    if (next->kind == Token::kPunct && next->punct == '%') return true;
    return next->kind == Token::kWord && InList(next->text, kAmountWords);
  }

  // "June 21, 2013", "21 June 2013", "21st of June, 2013": adds the day and
  // returns true. "June 2013" is a month, so only its year counts.
  bool MatchDayBefore(std::size_t i, int year) {
    std::size_t p = i;
    auto back = [&]() -> const Token* { return p > 0 ? &tokens_[--p] : nullptr; };
    const Token* prev = back();
    if (prev && prev->kind == Token::kPunct && prev->punct == ',') prev = back();
    if (!prev) return false;
    int month = 0, day = 0;
    if (prev->kind == Token::kWord && IsOrdinalSuffix(prev->text) && prev->glued) prev = back();
    if (prev && prev->kind == Token::kNumber && prev->text.size() <= 2) {  // Month D, YYYY
      day = Value(*prev);
      const Token* m = back();
      if (m && m->kind == Token::kPunct && m->punct == '.') m = back();
      if (m) month = MonthWord(*m);
    } else if (prev && (month = MonthWord(*prev)) != 0) {  // D Month YYYY
      const Token* d = back();
      if (d && d->kind == Token::kWord && EqualsLower(d->text, "of")) d = back();
      if (d && d->kind == Token::kWord && IsOrdinalSuffix(d->text) && d->glued) d = back();
      if (d && d->kind == Token::kNumber && d->text.size() <= 2) day = Value(*d);
    }
    if (month == 0 || day == 0 || !IsValidDay(year, month, day)) return false;
    found_.push_back(fmt::format("{:04}-{:02}-{:02}", year, month, day));
    return true;
  }

  // "2026-27", "2026-2027", "2019/20", "2026 – 2027": the second year, or 0.
  int MatchRangeEnd(std::size_t i, int year, std::size_t& end) const {
    const Token* dash = At(i + 1);
    if (!dash || dash->kind != Token::kPunct || (dash->punct != '-' && dash->punct != '/'))
      return 0;
    const bool spaced_dash_ok = dash->punct == '-' && dash->text.size() > 1;  // an en dash
    const Token* second = At(i + 2);
    if (!second || second->kind != Token::kNumber) return 0;
    if ((!dash->glued || !second->glued) && !spaced_dash_ok) return 0;
    int to = Value(*second);
    if (second->text.size() == 2)
      to += year / 100 * 100;
    else if (second->text.size() != 4)
      return 0;
    const Token* after = At(i + 3);
    if (after && after->glued && after->kind != Token::kPunct) return 0;
    if (to <= year || to > kLastYear) return 0;
    end = i + 2;
    return to;
  }

  void Add(int year) { found_.push_back(fmt::format("{:04}", year)); }

  std::vector<Token> tokens_;
  std::vector<std::string> found_;
};

}  // namespace

std::vector<std::string> ExtractMentionedDates(std::string_view text) {
  return MentionScanner(text).Scan();
}

}  // namespace gazette
