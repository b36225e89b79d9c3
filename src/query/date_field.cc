// Date expressions: absolute (2019, 2019-06, 2019-06-14), named (yesterday,
// last-month) and relative (30d, 2w) days, rounded to whole UTC days because
// slot 0 holds "YYYYMMDD" (schema.h).
#include "query/date_field.h"

#include <date/date.h>

#include <charconv>
#include <cstdio>

#include "gazette/schema.h"

namespace gazette::internal {
namespace {

using date::days;
using date::sys_days;
using date::year_month_day;

int DayNumber(const year_month_day& ymd) {
  return int(ymd.year()) * 10000 + int(unsigned(ymd.month())) * 100 + int(unsigned(ymd.day()));
}

int DayNumber(sys_days day) { return DayNumber(year_month_day(day)); }

DayRange Span(sys_days first, sys_days last) { return {DayNumber(first), DayNumber(last)}; }

DayRange MonthSpan(date::year_month ym) {
  const sys_days first = ym / 1;
  const sys_days last = ym / date::last;
  return Span(first, last);
}

bool ParseInt(std::string_view text, int& out) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

std::optional<DayRange> ParseAbsolute(std::string_view text, std::string* why) {
  int y = 0, m = 0, d = 0;
  const auto dash1 = text.find('-');
  if (text.size() != 4 && (dash1 != 4)) return std::nullopt;
  if (!ParseInt(text.substr(0, 4), y)) return std::nullopt;
  if (dash1 == std::string_view::npos) {
    const date::year year{y};
    return Span(sys_days(year / 1 / 1), sys_days(year / 12 / 31));
  }
  const std::string_view rest = text.substr(5);
  const auto dash2 = rest.find('-');
  if (!ParseInt(rest.substr(0, dash2), m) || rest.substr(0, dash2).size() > 2) return std::nullopt;
  if (m < 1 || m > 12) {
    *why = "month " + std::to_string(m) + " does not exist";
    return DayRange{-1, -1};
  }
  const date::year_month ym{date::year{y}, date::month{unsigned(m)}};
  if (dash2 == std::string_view::npos) return MonthSpan(ym);
  if (!ParseInt(rest.substr(dash2 + 1), d) || rest.substr(dash2 + 1).size() > 2) return std::nullopt;
  const year_month_day ymd = ym / date::day{unsigned(d)};
  if (!ymd.ok()) {
    *why = std::string(text) + " is not a day of the calendar";
    return DayRange{-1, -1};
  }
  return Span(ymd, ymd);
}

std::optional<DayRange> ParseNamed(std::string_view text, sys_days today) {
  const year_month_day ymd(today);
  const date::year_month this_month = ymd.year() / ymd.month();
  // ISO weeks start on Monday.
  const sys_days monday = today - (date::weekday(today) - date::Monday);
  if (text == "today") return Span(today, today);
  if (text == "yesterday") return Span(today - days{1}, today - days{1});
  if (text == "this-week") return Span(monday, monday + days{6});
  if (text == "last-week") return Span(monday - days{7}, monday - days{1});
  if (text == "this-month") return MonthSpan(this_month);
  if (text == "last-month") return MonthSpan(this_month - date::months{1});
  if (text == "this-year") return Span(sys_days(ymd.year() / 1 / 1), sys_days(ymd.year() / 12 / 31));
  if (text == "last-year") {
    const date::year y = ymd.year() - date::years{1};
    return Span(sys_days(y / 1 / 1), sys_days(y / 12 / 31));
  }
  return std::nullopt;
}

// "30d", "2w", "3m", "1y": the day that long before today.
std::optional<DayRange> ParseRelative(std::string_view text, sys_days today) {
  if (text.size() < 2) return std::nullopt;
  int n = 0;
  if (!ParseInt(text.substr(0, text.size() - 1), n) || n < 0) return std::nullopt;
  sys_days day;
  switch (text.back()) {
    case 'd': day = today - days{n}; break;
    case 'w': day = today - days{7 * n}; break;
    case 'm':
    case 'y': {
      const year_month_day ymd(today);
      date::year_month ym = ymd.year() / ymd.month();
      ym -= date::months{text.back() == 'm' ? n : 12 * n};
      // 31 March minus one month is the last day of February.
      const auto last = (ym / date::last).day();
      day = ym / std::min(ymd.day(), last);
      break;
    }
    default: return std::nullopt;
  }
  return Span(day, day);
}

}  // namespace

std::optional<DayRange> ParseDateExpression(std::string_view text, std::int64_t now_unix,
                                            std::string* why) {
  std::string ignored;
  if (!why) why = &ignored;
  const sys_days today = date::floor<days>(sys_days{} + std::chrono::seconds(now_unix));
  std::optional<DayRange> range;
  if (!text.empty() && text[0] >= '0' && text[0] <= '9') {
    range = ParseAbsolute(text, why);
    if (!range) range = ParseRelative(text, today);
  } else {
    range = ParseNamed(text, today);
  }
  if (range && range->first < 0) return std::nullopt;  // *why already says what
  if (!range)
    *why = "cannot read date '" + std::string(text) +
           "' (expected YYYY, YYYY-MM, YYYY-MM-DD, today, yesterday, last-week, "
           "last-month, last-year, or 30d/2w/3m/1y)";
  return range;
}

std::optional<DayRange> ParseDateSpan(std::string_view text, std::int64_t now_unix,
                                      std::string* why) {
  const auto dots = text.find("..");
  if (dots == std::string_view::npos) return ParseDateExpression(text, now_unix, why);
  const std::string_view begin = text.substr(0, dots), end = text.substr(dots + 2);
  if (begin.empty() && end.empty()) {
    if (why) *why = "'..' needs a date on at least one side";
    return std::nullopt;
  }
  DayRange span;
  if (!begin.empty()) {
    auto b = ParseDateExpression(begin, now_unix, why);
    if (!b) return std::nullopt;
    span.first = b->first;
  }
  if (!end.empty()) {
    auto e = ParseDateExpression(end, now_unix, why);
    if (!e) return std::nullopt;
    span.last = e->last;
  }
  if (span.first && span.last && span.first > span.last) {
    if (why) *why = "the range " + std::string(text) + " ends before it starts";
    return std::nullopt;
  }
  return span;
}

Xapian::Query DateQuery(const DayRange& range) {
  const unsigned slot = schema::kSlotDate;
  if (!range.first) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, std::to_string(range.last));
  if (!range.last) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, std::to_string(range.first));
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, std::to_string(range.first),
                       std::to_string(range.last));
}

std::string IsoFromDayValue(std::string_view value) {
  if (value.size() != 8) return std::string(value);
  return std::string(value.substr(0, 4)) + "-" + std::string(value.substr(4, 2)) + "-" +
         std::string(value.substr(6, 2));
}

std::string DescribeDayRange(const DayRange& range) {
  const std::string first = IsoFromDayValue(std::to_string(range.first));
  const std::string last = IsoFromDayValue(std::to_string(range.last));
  if (!range.first) return "until " + last;
  if (!range.last) return "since " + first;
  if (range.first == range.last) return first;
  return first + " .. " + last;
}

std::optional<std::int64_t> ParseNow(std::string_view text) {
  std::int64_t seconds = 0;
  if (auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
      ec == std::errc() && end == text.data() + text.size())
    return seconds;
  int y, mo, d, h = 0, mi = 0, s = 0;
  const std::string copy(text);
  char tail = 0;
  const int n = std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &tail);
  if (!(n == 3 && copy.size() == 10) && !(n == 7 && tail == 'Z')) return std::nullopt;
  const year_month_day ymd{date::year{y}, date::month{unsigned(mo)}, date::day{unsigned(d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days(ymd).time_since_epoch().count() * 86400 + h * 3600 + mi * 60 + s;
}

DateRangeProcessor::DateRangeProcessor(const std::string& field, ParseContext& context)
    : Xapian::RangeProcessor(schema::kSlotDate, field + ":"), context_(context) {}

Xapian::Query DateRangeProcessor::operator()(const std::string&, const std::string&) {
  // Xapian ORs ranges on one slot; declining sends "A..B" to the field
  // processor, whose filters AND like every other date filter.
  return Xapian::Query(Xapian::Query::OP_INVALID);
}

DateFieldProcessor::DateFieldProcessor(std::string field, ParseContext& context)
    : field_(std::move(field)), context_(context) {}

Xapian::Query DateFieldProcessor::operator()(const std::string& value) {
  std::string why;
  const auto span = ParseDateSpan(value, context_.now_unix, &why);
  if (!span) return context_.Fail(why + " in " + field_ + ":" + value);
  if (field_ == "year" && value.find('-') != std::string::npos)
    return context_.Fail("year: takes years (year:2019, year:2019..2021), not " + value);
  Xapian::Query query = DateQuery(*span);
  context_.labels[query.get_description()] = "date " + DescribeDayRange(*span);
  return query;
}

}  // namespace gazette::internal
