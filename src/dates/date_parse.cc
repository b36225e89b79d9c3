// ParseDate(): publication dates in the forms feeds and pages really use,
// normalised to UTC. A small tokenizer and a hand-written grammar rather than
// std::regex, which is slow in libstdc++ and gives no reason when it fails.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "dates/date_words.h"
#include "gazette/dates.h"

namespace gazette {
namespace {

using internal::EqualsLower;
using internal::IsValidDay;
using internal::IsWeekdayName;
using internal::MonthFromName;

// A date more than this far past `now` is a typo or a clock error.
constexpr std::int64_t kMaxFutureSeconds = 366 * 86400;
// The widest UTC offsets in use are -12:00 and +14:00.
constexpr int kMaxOffsetMinutes = 14 * 60;

struct Token {
  enum Kind { kNumber, kWord, kPunct } kind;
  std::string_view text;
  bool space_before = false;

  int value() const {  // kNumber only; callers bound the digit count first
    int v = 0;
    for (char c : text) v = v * 10 + (c - '0');
    return v;
  }
  bool Is(char punct) const { return kind == kPunct && text[0] == punct; }
};

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

bool Tokenize(std::string_view text, std::vector<Token>& tokens, std::string& why) {
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    std::size_t end = i + 1;
    Token::Kind kind = Token::kPunct;
    if (c == ' ' || c == '\t') {
      space = true;
      ++i;
      continue;
    }
    if (text.substr(i, 2) == "\xc2\xa0") {  // a no-break space, as HTML &nbsp; gives
      space = true;
      i += 2;
      continue;
    }
    if (IsAsciiDigit(c)) {
      kind = Token::kNumber;
      while (end < text.size() && IsAsciiDigit(text[end])) ++end;
    } else if (IsAsciiAlpha(c)) {
      kind = Token::kWord;
      while (end < text.size() && IsAsciiAlpha(text[end])) ++end;
    } else if (std::string_view("-/.,:+()").find(c) == std::string_view::npos) {
      why = "not a date: unexpected character";
      return false;
    }
    tokens.push_back(Token{kind, text.substr(i, end - i), space});
    space = false;
    i = end;
  }
  return true;
}

// Named zones: RFC 2822's, plus a few unambiguous ones common in wire copy.
// "IST" or "BST" mean different zones to different desks, so they are refused.
std::optional<int> NamedZoneOffset(std::string_view word) {
  struct Zone {
    std::string_view name;
    int minutes;
  };
  static constexpr Zone kZones[] = {
      {"z", 0},      {"ut", 0},     {"utc", 0},    {"gmt", 0},    {"est", -300}, {"edt", -240},
      {"cst", -360}, {"cdt", -300}, {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
      {"cet", 60},   {"cest", 120}, {"eet", 120},  {"eest", 180}, {"msk", 180},  {"jst", 540}};
  for (const Zone& zone : kZones) {
    if (EqualsLower(word, zone.name)) return zone.minutes;
  }
  return std::nullopt;
}

// The fields a date string gave, before validation.
struct Fields {
  int year = 0;
  int month = 0;
  int day = 0;
  bool has_time = false;
  int seconds_of_day = 0;
  std::optional<int> offset_minutes;
};

class DateParser {
 public:
  DateParser(const std::vector<Token>& tokens, DateOrder order) : tokens_(tokens), order_(order) {}

  // False with why() set when the tokens are not a date this parser knows.
  bool Parse(Fields& fields) {
    if (!ParseDay(fields) || !ParseTime(fields) || !ParseZone(fields)) return false;
    if (pos_ != tokens_.size()) return Fail("not a date: unexpected text after the date");
    return true;
  }
  const std::string& why() const { return why_; }

 private:
  const Token* Peek(std::size_t ahead = 0) const {
    return pos_ + ahead < tokens_.size() ? &tokens_[pos_ + ahead] : nullptr;
  }
  bool PeekPunct(char c, std::size_t ahead = 0) const {
    const Token* t = Peek(ahead);
    return t && t->Is(c);
  }
  bool AcceptPunct(char c) {
    if (!PeekPunct(c)) return false;
    ++pos_;
    return true;
  }
  bool AcceptWord(std::string_view lower) {
    const Token* t = Peek();
    if (!t || t->kind != Token::kWord || !EqualsLower(t->text, lower)) return false;
    ++pos_;
    return true;
  }
  const Token* AcceptNumber(std::size_t max_digits) {
    const Token* t = Peek();
    if (!t || t->kind != Token::kNumber || t->text.size() > max_digits) return nullptr;
    ++pos_;
    return t;
  }
  int AcceptMonthName() {
    const Token* t = Peek();
    if (!t || t->kind != Token::kWord) return 0;
    const int month = MonthFromName(t->text);
    if (month == 0) return 0;
    ++pos_;
    AcceptPunct('.');  // "Jun. 5"
    return month;
  }
  bool Fail(std::string why) {
    why_ = std::move(why);
    return false;
  }

  bool ParseYear(Fields& fields) {
    const Token* t = Peek();
    if (t && t->kind == Token::kNumber && t->text.size() == 4) {
      fields.year = t->value();
      ++pos_;
      return true;
    }
    if (t && t->kind == Token::kNumber && t->text.size() == 2)
      return Fail("two-digit year: the century is not known");
    return Fail("not a date: no four-digit year");
  }

  void SkipOrdinalSuffix() {
    const Token* t = Peek();
    if (t && t->kind == Token::kWord && !t->space_before &&
        (EqualsLower(t->text, "st") || EqualsLower(t->text, "nd") || EqualsLower(t->text, "rd") ||
         EqualsLower(t->text, "th")))
      ++pos_;
  }

  bool ParseDay(Fields& fields) {
    const Token* first = Peek();
    if (first && first->kind == Token::kWord && IsWeekdayName(first->text)) {
      ++pos_;
      AcceptPunct(',');
    }
    first = Peek();
    if (!first) return Fail("empty date");
    if (first->kind == Token::kWord) return ParseMonthFirst(fields);
    if (first->kind != Token::kNumber) return Fail("not a date");
    if (first->text.size() == 4) return ParseYearFirst(fields);
    if (first->text.size() > 2)
      return Fail("not a date: a number that is neither a day nor a year");
    ++pos_;
    const int leading = first->value();
    SkipOrdinalSuffix();
    const Token* sep = Peek();
    if (sep && sep->kind == Token::kPunct && (sep->Is('/') || sep->Is('-') || sep->Is('.'))) {
      ++pos_;
      if (const int month = AcceptMonthName()) {  // wire style: 26-FEB-1987
        fields.day = leading;
        fields.month = month;
        if (!AcceptPunct(sep->text[0])) return Fail("not a date: mixed separators");
        return ParseYear(fields);
      }
      return ParseNumericDay(*first, sep->text[0], fields);
    }
    AcceptWord("of");  // "5th of June 2019"
    fields.day = leading;
    fields.month = AcceptMonthName();
    if (fields.month == 0) return Fail("not a date: no month");
    AcceptPunct(',');
    return ParseYear(fields);
  }

  // June 5, 2019 / Jun. 5th 2019.
  bool ParseMonthFirst(Fields& fields) {
    fields.month = AcceptMonthName();
    if (fields.month == 0) return Fail("not a date: no month");
    const Token* day = AcceptNumber(2);
    if (!day) {
      const Token* t = Peek();
      if (t && t->kind == Token::kNumber && t->text.size() == 4)
        return Fail("no day of the month: a day is needed");
      return Fail("not a date: no day after the month");
    }
    fields.day = day->value();
    SkipOrdinalSuffix();
    AcceptPunct(',');
    return ParseYear(fields);
  }

  // 2019-06-05 (ISO 8601), 2019/06/05, 2019.06.05.
  bool ParseYearFirst(Fields& fields) {
    if (!ParseYear(fields)) return false;
    const Token* sep = Peek();
    if (!sep || !(sep->Is('-') || sep->Is('/') || sep->Is('.')))
      return Fail("no month and day: a day is needed");
    ++pos_;
    const Token* month = AcceptNumber(2);
    if (!month) return Fail("not a date: no month after the year");
    if (!AcceptPunct(sep->text[0])) return Fail("no day of the month: a day is needed");
    const Token* day = AcceptNumber(2);
    if (!day) return Fail("not a date: no day after the month");
    fields.month = month->value();
    fields.day = day->value();
    return true;
  }

  // 05/06/2019: which number is the day depends on who wrote it.
  bool ParseNumericDay(const Token& leading_token, char sep, Fields& fields) {
    const int leading = leading_token.value();
    const Token* second = AcceptNumber(2);
    if (!second || !AcceptPunct(sep)) return Fail("not a date");
    if (!ParseYear(fields)) return false;
    const int trailing = second->value();
    bool day_first = order_ == DateOrder::kDayFirst;
    if (order_ == DateOrder::kRefuse) {
      if (leading <= 12 && trailing <= 12 && leading != trailing)
        return Fail(fmt::format(
            "ambiguous date: {}{}{} could be day-month or month-day; write {:04}-MM-DD or "
            "choose a date order",
            leading_token.text, sep, second->text, fields.year));
      // Only one reading gives a month (or both readings are the same day).
      day_first = leading > 12 || leading == trailing;
    }
    fields.day = day_first ? leading : trailing;
    fields.month = day_first ? trailing : leading;
    return true;
  }

  bool ParseTime(Fields& fields) {
    if (!Peek()) return true;
    if (!AcceptWord("t") && !AcceptWord("at")) AcceptPunct(',');
    const Token* hour = AcceptNumber(2);
    if (!hour) return Fail("not a date: unexpected text after the date");
    if (!AcceptPunct(':')) return Fail("not a time: expected HH:MM");
    const Token* minute = AcceptNumber(2);
    if (!minute || minute->text.size() != 2) return Fail("not a time: expected HH:MM");
    int h = hour->value();
    const int m = minute->value();
    int s = 0;
    if (AcceptPunct(':')) {
      const Token* second = AcceptNumber(2);
      if (!second || second->text.size() != 2) return Fail("not a time: expected HH:MM:SS");
      s = second->value();
      // Fractions of a second: kept by no one downstream, so dropped.
      if ((PeekPunct('.') || PeekPunct(',')) && Peek(1) && Peek(1)->kind == Token::kNumber &&
          !Peek(1)->space_before)
        pos_ += 2;
    }
    if (const int half = AcceptHalfDay()) {
      if (h < 1 || h > 12)
        return Fail(fmt::format("no such time: {}:{:02} {}", h, m, half == 1 ? "am" : "pm"));
      h = h % 12 + (half == 2 ? 12 : 0);
    }
    if (h > 23 || m > 59 || s > 60)
      return Fail(fmt::format("no such time: {:02}:{:02}:{:02}", h, m, s));
    fields.has_time = true;
    fields.seconds_of_day =
        h * 3600 + m * 60 + std::min(s, 59);  // a leap second stays in its minute
    return true;
  }

  // 1 for am, 2 for pm, 0 for neither; accepts "PM" and "p.m.".
  int AcceptHalfDay() {
    if (AcceptWord("am")) return 1;
    if (AcceptWord("pm")) return 2;
    const Token* t = Peek();
    if (t && t->kind == Token::kWord && (EqualsLower(t->text, "a") || EqualsLower(t->text, "p")) &&
        PeekPunct('.', 1) && Peek(2) && EqualsLower(Peek(2)->text, "m")) {
      const int half = EqualsLower(t->text, "a") ? 1 : 2;
      pos_ += 3;
      AcceptPunct('.');
      return half;
    }
    return 0;
  }

  bool ParseZone(Fields& fields) {
    if (!fields.has_time || !Peek()) return true;
    int offset = 0;
    bool named = false;
    if (const Token* t = Peek(); t->kind == Token::kWord) {
      const std::optional<int> zone = NamedZoneOffset(t->text);
      if (!zone)
        return Fail(fmt::format("unknown time zone \"{}\": give an offset like +03:00", t->text));
      offset = *zone;
      named = true;
      ++pos_;
    }
    if (PeekPunct('+') || PeekPunct('-')) {  // "+0300", "-05:00", "GMT+3"
      const int sign = Peek()->Is('-') ? -1 : 1;
      ++pos_;
      const Token* number = AcceptNumber(4);
      if (!number) return Fail("not a time zone: expected +HH:MM");
      int hours = number->value(), minutes = 0;
      if (number->text.size() == 4) {
        hours = number->value() / 100;
        minutes = number->value() % 100;
      } else if (number->text.size() == 3) {
        return Fail("not a time zone: expected +HH:MM");
      } else if (AcceptPunct(':')) {
        const Token* mm = AcceptNumber(2);
        if (!mm || mm->text.size() != 2) return Fail("not a time zone: expected +HH:MM");
        minutes = mm->value();
      }
      if (minutes > 59 || hours * 60 + minutes > kMaxOffsetMinutes)
        return Fail("no such time zone offset");
      offset += sign * (hours * 60 + minutes);
    } else if (!named) {
      return Fail("not a date: unexpected text after the time");
    }
    if (AcceptPunct('(')) {  // RFC 2822 comment: "+0300 (MSK)"
      while (Peek() && !PeekPunct(')')) ++pos_;
      if (!AcceptPunct(')')) return Fail("not a date: unclosed parenthesis");
    }
    fields.offset_minutes = offset;
    return true;
  }

  const std::vector<Token>& tokens_;
  DateOrder order_;
  std::size_t pos_ = 0;
  std::string why_;
};

std::string_view TrimSpaces(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::optional<Timestamp> Refuse(std::string* why, std::string reason) {
  if (why) *why = std::move(reason);
  return std::nullopt;
}

}  // namespace

std::optional<Timestamp> ParseDate(std::string_view text, DateOrder order, std::int64_t now_unix,
                                   std::string* why) {
  text = TrimSpaces(text);
  if (text.empty()) return Refuse(why, "empty date");
  if (text.size() > 128) return Refuse(why, "not a date: too long");
  std::vector<Token> tokens;
  std::string reason;
  if (!Tokenize(text, tokens, reason)) return Refuse(why, reason);
  Fields f;
  DateParser parser(tokens, order);
  if (!parser.Parse(f)) return Refuse(why, parser.why());
  if (f.year == 0) return Refuse(why, "no such year: year 0 does not exist");
  if (f.month < 1 || f.month > 12) return Refuse(why, fmt::format("no such month: {}", f.month));
  if (!IsValidDay(f.year, f.month, f.day))
    return Refuse(why, fmt::format("no such day: {:04}-{:02}-{:02}", f.year, f.month, f.day));
  Timestamp t = internal::MakeTimestamp(f.year, f.month, f.day, f.seconds_of_day,
                                        f.offset_minutes.value_or(0));
  if (!f.has_time) {
    t = MakeDay(f.year, f.month, f.day);  // a bare day stays that day, whatever its zone
  } else {
    t.has_time = true;
    t.utc_offset_minutes = f.offset_minutes;
  }
  if (now_unix > 0 && t.unix_seconds > now_unix + kMaxFutureSeconds)
    return Refuse(why, fmt::format("{} is more than a year in the future", t.IsoDate()));
  return t;
}

}  // namespace gazette
