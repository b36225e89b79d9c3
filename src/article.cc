// Article helpers: kind names, timestamp formatting and parsing.
#include "gazette/article.h"

#include <fmt/format.h>

#include <cassert>
#include <chrono>

namespace gazette {

std::string_view KindName(EntityKind kind) {
  switch (kind) {
    case EntityKind::kLeader: return "leader";
    case EntityKind::kPerson: return "person";
    case EntityKind::kOrganization: return "org";
    case EntityKind::kPlace: return "place";
  }
  return "place";
}

std::optional<EntityKind> ParseKind(std::string_view name) {
  if (name == "leader" || name == "leaders") return EntityKind::kLeader;
  if (name == "person" || name == "people" || name == "persons") return EntityKind::kPerson;
  if (name == "org" || name == "orgs" || name == "organization" ||
      name == "organizations" || name == "organisation" || name == "organisations")
    return EntityKind::kOrganization;
  if (name == "place" || name == "places") return EntityKind::kPlace;
  return std::nullopt;
}

std::string Timestamp::IsoDate() const {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::string Timestamp::Iso8601() const {
  if (!has_time) return IsoDate();
  const std::int64_t seconds_of_day = ((unix_seconds % 86400) + 86400) % 86400;
  return fmt::format("{}T{:02}:{:02}:{:02}Z", IsoDate(), seconds_of_day / 3600,
                     seconds_of_day / 60 % 60, seconds_of_day % 60);
}

Timestamp MakeDay(int year, int month, int day) {
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                           std::chrono::day{unsigned(day)}};
  assert(ymd.ok());
  Timestamp t;
  t.year = year;
  t.month = month;
  t.day = day;
  t.unix_seconds = sys_days{ymd}.time_since_epoch().count() * std::int64_t{86400};
  return t;
}

std::optional<Timestamp> ParseIso8601(const std::string& text,
                                      std::optional<int> utc_offset_minutes) {
  // Read by hand, not by sscanf: a search decodes each hit's date, and
  // sscanf took a tenth of the decoding (and read "14-06-2019" as a date).
  const auto digits = [&](std::size_t at, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  const bool day = text.size() >= 10 && digits(0, 4, y) && text[4] == '-' && digits(5, 2, mo) &&
                   text[7] == '-' && digits(8, 2, d);
  const bool time = day && text.size() == 20 && text[10] == 'T' && digits(11, 2, h) &&
                    text[13] == ':' && digits(14, 2, mi) && text[16] == ':' &&
                    digits(17, 2, s) && text[19] == 'Z';
  if (!(day && text.size() == 10) && !time) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(mo)},
                                        std::chrono::day{unsigned(d)}};
  if (!ymd.ok()) return std::nullopt;
  Timestamp t = MakeDay(y, mo, d);
  if (time) {
    if (h > 23 || mi > 59 || s > 59) return std::nullopt;
    t.has_time = true;
    t.unix_seconds += h * 3600 + mi * 60 + s;
  }
  t.utc_offset_minutes = utc_offset_minutes;
  return t;
}

std::vector<Mention>& Article::mentions(EntityKind kind) {
  switch (kind) {
    case EntityKind::kLeader: return leaders;
    case EntityKind::kPerson: return people;
    case EntityKind::kOrganization: return organizations;
    case EntityKind::kPlace: return places;
  }
  return places;
}

const std::vector<Mention>& Article::mentions(EntityKind kind) const {
  return const_cast<Article*>(this)->mentions(kind);
}

}  // namespace gazette
