// Date parsing for article metadata, and the dates and years an article's text
// mentions. Pure functions: no I/O, no clock.
#ifndef GAZETTE_DATES_H_
#define GAZETTE_DATES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/article.h"

namespace gazette {

// How to read an all-numeric date like 05/06/2019, which is ambiguous.
enum class DateOrder {
  kRefuse,      // Default: refuse it rather than guess
  kDayFirst,    // 05/06/2019 is 5 June
  kMonthFirst,  // 05/06/2019 is May 6
};

// Parses a publication date: ISO 8601 (date, date-time, with zone),
// "June 5, 2019", "5 June 2019", "05 Jun 2019", "2019/06/05", RFC 2822, and
// wire style "26-FEB-1987 17:00:56.04"; normalised to UTC. Returns nullopt and
// sets *why (when given) for unparseable, ambiguous or impossible dates (year 0,
// more than a year in the future of `now_unix`).
// A time without a zone is taken as UTC (utc_offset_minutes stays empty);
// fractions of a second are dropped; a bare day stays that calendar day.
// All-numeric D/M/Y forms: with DateOrder::kRefuse, "25/06/2019" and
// "05/05/2019" are accepted (only one reading exists) and "05/06/2019" is
// refused; an explicit order is applied as given ("25/06/2019" is refused
// under kMonthFirst). Two-digit years are refused. `now_unix` <= 0 disables
// the future check. docs/formats.md lists every form.
std::optional<Timestamp> ParseDate(std::string_view text, DateOrder order,
                                   std::int64_t now_unix,
                                   std::string* why = nullptr);

// Years and dates mentioned in `text` ("in 2013" -> "2013", "June 21, 2013" ->
// "2013-06-21", "2026-27" -> "2026", "2027"). Sorted, unique. Only 1900-2100;
// a 4-digit number next to an amount ("$ 2019", "2000 troops", "1,950",
// "2019%") is not a year. A full date yields the day only, not also its year.
std::vector<std::string> ExtractMentionedDates(std::string_view text);

}  // namespace gazette

#endif  // GAZETTE_DATES_H_
