// Calendar words and arithmetic shared by the date parser and the mentioned
// dates scanner. Day counting is left to howardhinnant-date.
#include "dates/date_words.h"

#include <date/date.h>

#include <array>
#include <cassert>
#include <cctype>

namespace gazette::internal {

bool EqualsLower(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(word[i])) != lower[i]) return false;
  }
  return true;
}

int MonthFromName(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (word.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    if (EqualsLower(word, kNames[m]) || EqualsLower(word, kNames[m].substr(0, 3))) return m + 1;
  }
  if (EqualsLower(word, "sept")) return 9;
  return 0;
}

bool IsWeekdayName(std::string_view word) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (std::string_view name : kNames) {
    if (EqualsLower(word, name) || EqualsLower(word, name.substr(0, 3))) return true;
  }
  return EqualsLower(word, "tues") || EqualsLower(word, "thur") || EqualsLower(word, "thurs");
}

bool IsValidDay(int year, int month, int day) {
  if (year == 0 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  return ymd.ok();
}

Timestamp MakeTimestamp(int year, int month, int day, int seconds_of_day, int offset_minutes) {
  assert(IsValidDay(year, month, day));
  const date::sys_days local_day{date::year{year} / month / day};
  const std::int64_t unix_seconds = std::int64_t{local_day.time_since_epoch().count()} * 86400 +
                                    seconds_of_day - std::int64_t{offset_minutes} * 60;
  // The UTC day can differ from the local one: 03:00 at +06:00 is the day before.
  const auto utc_day =
      date::floor<date::days>(date::sys_seconds{std::chrono::seconds{unix_seconds}});
  const date::year_month_day ymd{utc_day};
  Timestamp t;
  t.year = static_cast<int>(ymd.year());
  t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  t.unix_seconds = unix_seconds;
  return t;
}

}  // namespace gazette::internal
