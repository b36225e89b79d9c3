// Date expressions of the query language (`date:2019..2021`, `date:30d..`,
// `year:2019`, `--since yesterday`): parsing into day ranges and the Xapian
// range and field processors built on them. See docs/query-syntax.md, "Dates".
#ifndef GAZETTE_QUERY_DATE_FIELD_H_
#define GAZETTE_QUERY_DATE_FIELD_H_

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "query/parse_context.h"

namespace gazette::internal {

// An inclusive range of UTC days as YYYYMMDD numbers; 0 marks an open end.
struct DayRange {
  int first = 0;
  int last = 0;
  bool operator==(const DayRange&) const = default;
};

// One date expression: "2019", "2019-06", "2019-06-14", "today", "yesterday",
// "this-week", "last-week", "this-month", "last-month", "this-year",
// "last-year", or "<N>d|w|m|y" (N days/weeks/months/years before `now_unix`'s
// day). Returns the days it covers, or nullopt with *why set.
std::optional<DayRange> ParseDateExpression(std::string_view text, std::int64_t now_unix,
                                            std::string* why);

// "A..B", "A..", "..B" or a single expression A (all its days). The start
// rounds down to A's first day and the end up to B's last.
std::optional<DayRange> ParseDateSpan(std::string_view text, std::int64_t now_unix,
                                      std::string* why);

// The value-slot query for `range` on schema::kSlotDate.
Xapian::Query DateQuery(const DayRange& range);

// "2019-01-01 .. 2021-12-31", "since 2021-03-01", "until 2020-12-31".
std::string DescribeDayRange(const DayRange& range);

// "YYYYMMDD" -> "YYYY-MM-DD" (anything else unchanged).
std::string IsoFromDayValue(std::string_view value);

// Parses GAZETTE_NOW: seconds since the epoch, "YYYY-MM-DD" or
// "YYYY-MM-DDTHH:MM:SSZ". nullopt when malformed.
std::optional<std::int64_t> ParseNow(std::string_view text);

// Claims `date:A..B` / `year:A..B` so that QueryParser does not reject them as
// an unknown range, then declines them: DateFieldProcessor parses every date
// filter, so that all of them intersect (Xapian would OR ranges on one slot).
class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  DateRangeProcessor(const std::string& field, ParseContext& context);
  Xapian::Query operator()(const std::string& begin, const std::string& end) override;

 private:
  ParseContext& context_;
};

// A single `date:X` / `year:X`, and ranges the range processor declined.
// Records an error in the context rather than throwing through Xapian's parser.
class DateFieldProcessor : public Xapian::FieldProcessor {
 public:
  DateFieldProcessor(std::string field, ParseContext& context);
  Xapian::Query operator()(const std::string& value) override;

 private:
  std::string field_;
  ParseContext& context_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_QUERY_DATE_FIELD_H_
