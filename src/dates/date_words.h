// Calendar words and arithmetic shared by ParseDate() and
// ExtractMentionedDates(): month and weekday names, valid days, UTC timestamps.
#ifndef GAZETTE_SRC_DATES_DATE_WORDS_H_
#define GAZETTE_SRC_DATES_DATE_WORDS_H_

#include <cstdint>
#include <string_view>

#include "gazette/article.h"

namespace gazette::internal {

// True when `word`, ASCII case folded, equals `lower` (which is lower case).
bool EqualsLower(std::string_view word, std::string_view lower);

// 1-12 for an English month name or abbreviation ("June", "jun", "Sept"),
// any case; 0 otherwise.
int MonthFromName(std::string_view word);

// True for an English weekday name or abbreviation ("Wed", "Thurs"), any case.
bool IsWeekdayName(std::string_view word);

// True when year/month/day names a day of the proleptic Gregorian calendar.
// Year 0 is not a day: no calendar in newsrooms has it.
bool IsValidDay(int year, int month, int day);

// A UTC timestamp for a valid local day and time given at `offset_minutes`
// east of UTC. REQUIRES: IsValidDay(year, month, day).
Timestamp MakeTimestamp(int year, int month, int day, int seconds_of_day, int offset_minutes);

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_DATES_DATE_WORDS_H_
