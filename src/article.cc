// Article helpers: kind names and timestamp formatting.
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
